//! cargo-semver-checks as this project runs it: installed from crates.io at a
//! pinned version into `target/tools/`, fed rustdoc JSON that is made once per
//! distinct crate (cached under `target/semver/rustdoc/`), and asked whether
//! a change needs a major release.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen::CrateFiles;

/// The version of cargo-semver-checks that judges; its rustdoc JSON format
/// must be the toolchain's.
pub const VERSION: &str = "0.51.0";

/// The package name of every crate judged: cargo-semver-checks matches items
/// by path, crate name included.
pub const SUBJECT: &str = "semver-subject";

/// The flags cargo-semver-checks gives rustdoc when it builds the JSON itself.
const RUSTDOC_FLAGS: [&str; 5] = [
    "-Zunstable-options",
    "--document-private-items",
    "--document-hidden-items",
    "--output-format=json",
    "--cap-lints=allow",
];

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.env_remove("RUSTFLAGS").env_remove("RUSTDOCFLAGS");
    command
}

/// The pinned cargo-semver-checks, installed first when missing or another
/// version.
pub fn install(root: &Path) -> Result<PathBuf, String> {
    let prefix = root.join("target/tools/semver-checks");
    let binary = prefix.join("bin/cargo-semver-checks");
    let installed = Command::new(&binary)
        .args(["semver-checks", "--version"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains(VERSION))
        .unwrap_or(false);
    if installed {
        return Ok(binary);
    }
    println!(
        "installing cargo-semver-checks {VERSION} into {}",
        prefix.display()
    );
    let status = cargo()
        .args([
            "install",
            "--locked",
            "--quiet",
            "--force",
            "--version",
            VERSION,
            "--root",
        ])
        .arg(&prefix)
        .arg("--target-dir")
        .arg(root.join("target/tools/build"))
        .arg("cargo-semver-checks")
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo install cargo-semver-checks {VERSION} failed"
        ));
    }
    Ok(binary)
}

/// The rustdoc JSON of an emitted single crate, made in `work` (a shared
/// target directory, so the dependencies build once) unless the same files
/// were documented before by the same toolchain.
pub fn rustdoc_json(root: &Path, work: &Path, files: &CrateFiles) -> Result<PathBuf, String> {
    let mut hasher = DefaultHasher::new();
    toolchain().hash(&mut hasher);
    for (path, text) in files.iter() {
        (path, text).hash(&mut hasher);
    }
    let cached = work.join(format!("rustdoc/{:016x}.json", hasher.finish()));
    if cached.exists() {
        return Ok(cached);
    }
    let dir = work.join("crate");
    let _ = std::fs::remove_dir_all(&dir);
    sdkgen::output::write_files(&dir, files)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map(|_| ()))
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    let target = work.join("target");
    let output = cargo()
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0")
        // rustdoc's JSON output is unstable; cargo-semver-checks asks for it
        // from a stable toolchain the same way.
        .env("RUSTC_BOOTSTRAP", "1")
        .args([
            "rustdoc",
            "--offline",
            "--quiet",
            "--lib",
            "--all-features",
            "--",
        ])
        .args(RUSTDOC_FLAGS)
        .output()
        .map_err(|e| format!("cannot run cargo rustdoc: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|l| l.contains("error")).unwrap_or("");
        return Err(format!("cargo rustdoc failed: {first}"));
    }
    let made = target.join(format!("doc/{}.json", SUBJECT.replace('-', "_")));
    std::fs::create_dir_all(work.join("rustdoc"))
        .and_then(|_| std::fs::rename(&made, &cached))
        .map_err(|e| format!("cannot keep {}: {e}", made.display()))?;
    Ok(cached)
}

fn toolchain() -> String {
    Command::new("rustc")
        .arg("-V")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default()
}

/// What cargo-semver-checks says of a change from `baseline` to `current`.
pub struct Verdict {
    /// A major release is required.
    pub major: bool,
    /// The lints that failed, by name.
    pub lints: Vec<String>,
}

/// Runs cargo-semver-checks on two rustdoc JSON files as for a minor
/// release: it fails exactly when the change needs a major one.
pub fn judge(tool: &Path, baseline: &Path, current: &Path) -> Result<Verdict, String> {
    let output = Command::new(tool)
        .args([
            "semver-checks",
            "check-release",
            "--release-type",
            "minor",
            "--color",
            "never",
        ])
        .arg("--baseline-rustdoc")
        .arg(baseline)
        .arg("--current-rustdoc")
        .arg(current)
        .output()
        .map_err(|e| format!("cannot run cargo-semver-checks: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let text = format!("{stdout}\n{stderr}");
    let lints: Vec<String> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("--- failure "))
        .map(|rest| rest.split(':').next().unwrap_or(rest).trim().to_string())
        .collect();
    let major = text.contains("requires new major version");
    if output.status.success() == major {
        let first = stderr.lines().find(|l| l.contains("error")).unwrap_or("");
        return Err(format!("cargo-semver-checks did not judge: {first}"));
    }
    Ok(Verdict { major, lints })
}
