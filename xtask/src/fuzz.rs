//! `cargo xtask fuzz --seconds N [--target openapi|csdl]`: runs the cargo-fuzz
//! targets in `fuzz/` for N seconds each, one after the other.
//!
//! cargo-fuzz is installed from crates.io when it is missing; the targets
//! build on the stable toolchain with `RUSTC_BOOTSTRAP=1` (they need the
//! sanitizer flags of nightly). Each run starts from the project's specs,
//! the test fixtures and the regression corpus (`fuzz/regressions/`), with
//! a dictionary of the format's tokens; what it learns is kept in
//! `target/fuzz-corpus/<target>`, and a crash or timeout is written to
//! `fuzz/artifacts/<target>/` (copy it into the regression corpus once fixed).
//!
//! Then, what the targets cannot see: a sample of the corpus inputs that
//! generate (`--compile-sample`, 100 by default) is emitted into one cargo
//! workspace and checked; a crate that does not compile, or warns, fails.
//!
//! Exit status: 0 nothing found, 1 a target or the sample failed.

use std::path::Path;
use std::process::{Command, ExitCode};

/// The targets and the file endings of their seeds.
pub const TARGETS: &[(&str, &[&str])] = &[("openapi", &["yaml", "json"]), ("csdl", &["xml"])];

const SEED_DIRS: &[&str] = &[
    "specs",
    "generator/tests/fixtures",
    "generator/tests/versions",
    "fuzz/regressions",
];

pub fn run(root: &Path, seconds: u64, only: Option<&str>, compile_sample: usize) -> ExitCode {
    if !has_cargo_fuzz() {
        println!("installing cargo-fuzz from crates.io");
        let installed = Command::new("cargo")
            .args(["install", "cargo-fuzz", "--locked"])
            .status();
        if !installed.is_ok_and(|s| s.success()) {
            eprintln!("error: cannot install cargo-fuzz");
            return ExitCode::from(1);
        }
    }
    let mut failed = false;
    for (target, endings) in TARGETS.iter().filter(|(t, _)| only.is_none_or(|o| o == *t)) {
        let corpus = root.join("target/fuzz-corpus").join(target);
        if let Err(e) = seed(root, &corpus, endings) {
            eprintln!("error: cannot seed {}: {e}", corpus.display());
            return ExitCode::from(1);
        }
        println!(
            "fuzzing {target} for {seconds} s (corpus {})",
            corpus.display()
        );
        let status = Command::new("cargo")
            .current_dir(root)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "--release", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                &format!(
                    "-dict={}",
                    root.join("fuzz").join(format!("{target}.dict")).display()
                ),
                // A description that takes over 10 s or 2 GB is a finding too.
                "-timeout=10",
                "-rss_limit_mb=2048",
                "-max_len=65536",
                "-print_final_stats=1",
            ])
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!(
                "error: fuzz target `{target}` found a problem (see fuzz/artifacts/{target}/)"
            );
            failed = true;
        }
        failed |= !check_sample(root, target, &corpus, compile_sample);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn has_cargo_fuzz() -> bool {
    Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Copies the seeds with the target's endings into its corpus folder.
fn seed(root: &Path, corpus: &Path, endings: &[&str]) -> std::io::Result<()> {
    std::fs::create_dir_all(corpus)?;
    for dir in SEED_DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if endings.iter().any(|e| name.ends_with(&format!(".{e}"))) {
                std::fs::copy(&path, corpus.join(format!("seed-{}", name)))?;
            }
        }
    }
    Ok(())
}

/// What the targets cannot see: that a crate emitted from a fuzzed input
/// compiles. Up to `count` corpus inputs that generate (spread evenly over
/// the corpus in name order) become one cargo workspace, checked offline
/// without warnings. Gives whether it passed.
fn check_sample(root: &Path, target: &str, corpus: &Path, count: usize) -> bool {
    if count == 0 {
        return true;
    }
    let mut inputs: Vec<std::path::PathBuf> = std::fs::read_dir(corpus)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    inputs.sort();
    let step = (inputs.len() / (count * 4)).max(1);
    let mut crates = Vec::new();
    for input in inputs.iter().step_by(step) {
        if crates.len() >= count {
            break;
        }
        let Ok(text) = std::fs::read_to_string(input) else {
            continue;
        };
        let name = format!("sample-{}", crates.len());
        let options = sdkgen::CrateOptions {
            package_name: name.clone(),
            source: "fuzzed".into(),
            layout: sdkgen::Layout::Single,
            ..Default::default()
        };
        if let Ok(files) =
            sdkgen::parse("fuzzed", &text).and_then(|api| sdkgen::emit_crate(&api, &options))
        {
            crates.push((name, files));
        }
    }
    println!(
        "checking {} crates emitted from the {target} corpus",
        crates.len()
    );
    let dir = root.join("target/fuzz-sample").join(target);
    let checked =
        match crate::sample::check(root, &dir, &root.join("target/fuzz-sample-build"), crates) {
            Ok(checked) => checked,
            Err(e) => {
                eprintln!("error: {e}");
                return false;
            }
        };
    let unclean: Vec<_> = checked.iter().filter(|c| !c.clean()).collect();
    for crate_ in &unclean {
        eprintln!(
            "{}: {} error(s), {} warning(s): {}",
            crate_.name,
            crate_.errors,
            crate_.warnings,
            crate_.first.as_deref().unwrap_or("")
        );
    }
    if !unclean.is_empty() {
        eprintln!(
            "error: a crate emitted from the {target} corpus does not check cleanly (in {})",
            dir.display()
        );
        return false;
    }
    println!(
        "{} crates emitted from the {target} corpus check without warnings",
        checked.len()
    );
    true
}
