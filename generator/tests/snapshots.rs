//! The emitted code of every fixture spec, and of the project's own specs,
//! pinned by insta. A change to the generator or a spec shows up here as a
//! reviewable diff (`cargo insta review`).
//!
//! The runtime (`src/runtime.rs`, `src/formats.rs`, `src/transport.rs`, `src/auth.rs`, `src/batch.rs`) is the same in every
//! crate; it is compiled and tested in `generated/` and left out of these
//! snapshots.

use std::path::Path;

use sdkgen::CrateOptions;

const SHIPPED_AS_IS: &[&str] = &["src/runtime.rs", "src/formats.rs", "src/transport.rs", "src/auth.rs", "src/batch.rs"];

fn render(path: &Path) -> String {
    let name = path.file_name().unwrap().to_str().unwrap();
    let options = CrateOptions { package_name: "snapshot".into(), source: name.into(), ..Default::default() };
    let api = sdkgen::load(path, name).unwrap();
    let files = sdkgen::emit_crate(&api, &options).unwrap();
    let mut out = String::new();
    for (relative, content) in files.iter().filter(|(p, _)| !SHIPPED_AS_IS.contains(&p.as_str())) {
        out.push_str(&format!("==> {relative} <==\n{content}\n"));
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.{openapi.yaml,openapi.json,csdl.xml}", |path| {
        insta::assert_snapshot!(render(path));
    });
}

#[test]
fn project_specs() {
    insta::glob!("../../specs", "*.{openapi.yaml,csdl.xml}", |path| {
        insta::assert_snapshot!(render(path));
    });
}
