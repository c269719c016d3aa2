//! The naming torture corpus (`fuzz/regressions/names/`): valid descriptions
//! in both formats whose names are as awkward as names get (std's and the
//! runtime's own names, keywords, other scripts, bidirectional text, names
//! that collide once made Rust, parameters named like trait methods, path
//! groups `self` and `1st`, enums of objects and of mixed values). Each must
//! give a crate that compiles and documents without a warning; where a
//! `NAME.bodies.json` gives sample answers (by operation key), each decodes
//! and is written back the same, through the conformance exerciser
//! (`xtask/conform`), and names no unknown value or variant.

use std::path::{Path, PathBuf};

use sdkgen::{CrateFiles, CrateOptions, Layout};

mod support;
use support::{cargo_offline as cargo, root};

/// The test program of a crate with sample answers: its root re-exports the
/// SDK, as the conformance runner's does, so that the exerciser's paths hold.
const ROUND_TRIP: &str = r#"//! Sample answers decode and are written back the same.
#![allow(dead_code)]

pub use SDK::*;

mod compare;
mod exerciser;
mod support;

#[test]
fn sample_answers_round_trip() {
    let bodies: serde_json::Value = serde_json::from_str(include_str!("bodies.json")).unwrap();
    let bodies = bodies.as_object().unwrap();
    assert!(!bodies.is_empty());
    for (key, body) in bodies {
        let (_, build) = exerciser::OPERATIONS
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("no operation {key}"));
        let call = build(&support::Inputs::new(serde_json::json!({})))
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap())
            .unwrap();
        match call.answer(response) {
            support::Answer::Failed(e) => panic!("{key}: {e}"),
            support::Answer::Decoded { json, debug } => {
                assert_eq!(compare::unknown_marker(&debug), None, "{key}: {debug}");
                assert_eq!(compare::difference(body, &json), None, "{key}");
            }
        }
    }
}
"#;

fn corpus() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("fuzz/regressions/names"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_str().is_some_and(|p| p.contains(".ok.")))
        .collect();
    cases.sort();
    cases
}

/// The crate of one case, with its round-trip test where it has sample answers.
fn crate_of(case: &Path, package: &str, layout: Layout) -> CrateFiles {
    let shown = case.display().to_string();
    let api = sdkgen::load(case, &shown).unwrap_or_else(|e| panic!("{e}"));
    let options = CrateOptions {
        package_name: package.to_string(),
        source: shown.clone(),
        layout,
        ..Default::default()
    };
    let mut files = sdkgen::emit_crate(&api, &options).unwrap_or_else(|e| panic!("{e}"));
    let name = case.file_name().unwrap().to_str().unwrap();
    let stem = name.split(".ok.").next().unwrap();
    let bodies = case.with_file_name(format!("{stem}.bodies.json"));
    if let Ok(bodies) = std::fs::read_to_string(&bodies) {
        let exerciser = sdkgen::emit_exerciser(&api, &shown).unwrap();
        let lib = package.replace('-', "_");
        files.insert(
            "tests/roundtrip/main.rs".into(),
            ROUND_TRIP.replace("SDK", &lib),
        );
        files.insert("tests/roundtrip/exerciser.rs".into(), exerciser);
        files.insert("tests/roundtrip/bodies.json".into(), bodies);
        for file in ["support.rs", "compare.rs"] {
            let text = std::fs::read_to_string(root().join("xtask/conform").join(file)).unwrap();
            files.insert(format!("tests/roundtrip/{file}"), text);
        }
    }
    files
}

/// What cargo said of the emitted crates themselves (`MEMBER/src/...`), as
/// warning or error lines.
fn own_diagnostics(stderr: &str, members: &[String]) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.contains("warning") || l.contains("error"))
        .filter(|l| {
            members.iter().any(|m| {
                l.starts_with(&format!("{m}/src/")) || l.starts_with(&format!("{m}/tests/"))
            })
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn awkward_names_give_crates_that_compile_document_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut members = Vec::new();
    let mut with_bodies = 0;
    let cases = corpus();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for (index, case) in cases.iter().enumerate() {
        let name = case.file_name().unwrap().to_str().unwrap();
        let member = format!("n{index}");
        let package = format!("names-{index}");
        if name.contains(".workspace.") {
            // A split SDK is a workspace of its own.
            let files = crate_of(case, &package, Layout::Workspace);
            let out = dir.path().join("split").join(&member);
            sdkgen::output::write_files(&out, &files).unwrap();
            std::fs::copy(root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
            let output = cargo(&out, &["check", "--workspace", "--message-format=short"]);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "{name}: {stderr}");
            assert!(
                !stderr.lines().any(|l| l.contains("warning")
                    && (l.starts_with("src/") || l.starts_with("crates/"))),
                "{name}: {stderr}"
            );
            continue;
        }
        let mut files = crate_of(case, &package, Layout::Single);
        with_bodies += usize::from(files.contains_key("tests/roundtrip/main.rs"));
        // One workspace for all, so that the dependencies build once.
        let manifest = files.get_mut("Cargo.toml").unwrap();
        *manifest = manifest.replace("[workspace]\n", "");
        sdkgen::output::write_files(&dir.path().join(&member), &files).unwrap();
        members.push(member);
    }
    assert!(with_bodies >= 40, "{with_bodies} cases with sample answers");
    let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        dir.path().join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            quoted.join(", ")
        ),
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();

    let output = cargo(
        dir.path(),
        &[
            "test",
            "--workspace",
            "--no-fail-fast",
            "--message-format=short",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(own_diagnostics(&stderr, &members), Vec::<String>::new());
    let round_trips = stdout
        .matches("test sample_answers_round_trip ... ok")
        .count();
    assert_eq!(round_trips, with_bodies, "{stdout}");

    // rustdoc: no link it cannot resolve, no text it refuses.
    let output = cargo(
        dir.path(),
        &["doc", "--workspace", "--no-deps", "--message-format=short"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(own_diagnostics(&stderr, &members), Vec::<String>::new());
}
