#![no_main]
//! CSDL XML text through the whole generator.

libfuzzer_sys::fuzz_target!(|data: &[u8]| sdkgen_fuzz::check(data, sdkgen::csdl::parse));
