#![no_main]
//! OpenAPI (YAML or JSON) text through the whole generator.

libfuzzer_sys::fuzz_target!(|data: &[u8]| sdkgen_fuzz::check(data, sdkgen::openapi::parse));
