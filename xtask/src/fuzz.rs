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
//! Exit status: 0 nothing found, 1 a target failed.

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

pub fn run(root: &Path, seconds: u64, only: Option<&str>) -> ExitCode {
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
