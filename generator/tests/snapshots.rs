//! The emitted code of every fixture spec, and of the project's own specs,
//! pinned by insta. A change to the generator or a spec shows up here as a
//! reviewable diff (`cargo insta review`).
//!
//! The runtime (`sdkgen::SHIPPED_FILES`: `src/runtime.rs`, `src/transport.rs`, ...)
//! is the same in every crate; it is compiled and tested in `generated/` and
//! left out of these snapshots, in a single crate and in a split SDK's core.

use std::path::Path;

use sdkgen::{CrateOptions, Layout};

fn shipped_as_is(relative: &str) -> bool {
    let in_src = relative.strip_prefix("crates/core/").unwrap_or(relative);
    sdkgen::emit::is_shipped(in_src)
}

fn render(path: &Path) -> String {
    render_as(path, Layout::Auto)
}

fn render_as(path: &Path, layout: Layout) -> String {
    let name = path.file_name().unwrap().to_str().unwrap();
    let options = CrateOptions {
        package_name: "snapshot".into(),
        source: name.into(),
        layout,
        ..Default::default()
    };
    let api = sdkgen::load(path, name).unwrap();
    let files = sdkgen::emit_crate(&api, &options).unwrap();
    let mut out = String::new();
    for (relative, content) in files.iter().filter(|(p, _)| !shipped_as_is(p)) {
        out.push_str(&format!("==> {relative} <==\n{content}\n"));
    }
    out
}

/// A split SDK (`Layout::Workspace`): its manifests, crate roots and the
/// groups' method traits, for a fixture of four path groups.
#[test]
fn split_sdk() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/odata-features.csdl.xml");
    insta::assert_snapshot!(render_as(&path, Layout::Workspace));
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
