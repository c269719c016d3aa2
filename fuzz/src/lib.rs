//! What every fuzz target checks of a description, whatever it is: the
//! front end gives a model or a one-line error (never a panic, never a hang:
//! libFuzzer's timeout says so), and a model always emits a crate whose
//! Rust files parse as they were printed and define each name once.

use sdkgen::{CrateOptions, model::Api};

pub fn check(data: &[u8], parse: fn(&str, &str) -> sdkgen::Result<Api>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let api = match parse("fuzz.spec", text) {
        Ok(api) => api,
        Err(error) => {
            let line = error.to_string();
            assert!(
                !line.chars().any(char::is_control),
                "the error is not one line of text: {line:?}"
            );
            assert!(
                line.starts_with("fuzz.spec:"),
                "the error does not name the file: {line}"
            );
            return;
        }
    };
    let options = CrateOptions {
        package_name: "fuzzed".into(),
        source: "fuzz.spec".into(),
        path_features: false,
        ..Default::default()
    };
    let files = sdkgen::emit_crate(&api, &options)
        .unwrap_or_else(|e| panic!("a description that was read must emit: {e}"));
    let duplicates = sdkgen::emit::collisions::duplicate_names(&files);
    assert!(duplicates.is_empty(), "names defined twice: {duplicates:?}");
    for (path, text) in &files {
        if path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(text) {
                panic!("{path} as printed does not parse: {e}");
            }
        }
    }
}
