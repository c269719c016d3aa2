//! Emitted crates checked together: members of one cargo workspace, so that
//! the dependencies build once and cargo checks the crates side by side;
//! what rustc says is told per crate.

use std::path::Path;
use std::process::Command;

use sdkgen::CrateFiles;

/// What `cargo check` said of one member crate.
pub struct Checked {
    pub name: String,
    pub errors: usize,
    pub warnings: usize,
    /// The first error or warning, as one line.
    pub first: Option<String>,
}

impl Checked {
    pub fn clean(&self) -> bool {
        self.errors == 0 && self.warnings == 0
    }
}

/// Writes each crate into `dir/NAME` as a member of one workspace, checks
/// them all offline (with `--keep-going`) in `target_dir`, and tells what
/// rustc said of each. A crate must be a single crate (`Layout::Single`).
pub fn check(
    root: &Path,
    dir: &Path,
    target_dir: &Path,
    crates: Vec<(String, CrateFiles)>,
) -> Result<Vec<Checked>, String> {
    let _ = std::fs::remove_dir_all(dir);
    let mut members = Vec::new();
    for (name, mut files) in crates {
        // The emitted manifest says it is a workspace of its own, so that it
        // is never taken for a member of one above it; here it is a member.
        if let Some(manifest) = files.get_mut("Cargo.toml") {
            *manifest = manifest.replace("[workspace]\n", "");
        }
        sdkgen::output::write_files(&dir.join(&name), &files)
            .map_err(|e| format!("cannot write {}: {e}", dir.join(&name).display()))?;
        members.push(name);
    }
    let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        quoted.join(", ")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map(|_| ()))
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .args([
            "check",
            "--offline",
            "--workspace",
            "--keep-going",
            "--message-format=short",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut checked: Vec<Checked> = members
        .into_iter()
        .map(|name| Checked {
            name,
            errors: 0,
            warnings: 0,
            first: None,
        })
        .collect();
    for line in stderr.lines() {
        // `NAME/src/models.rs:12:5: warning: ...`; dependencies' warnings are capped by cargo.
        let Some((member, rest)) = line.split_once('/') else {
            continue;
        };
        let Some(entry) = checked.iter_mut().find(|c| c.name == member) else {
            continue;
        };
        if rest.contains(": error") {
            entry.errors += 1;
        } else if rest.contains(": warning") {
            entry.warnings += 1;
        } else {
            continue;
        }
        entry.first.get_or_insert_with(|| line.to_string());
    }
    if !output.status.success() && checked.iter().all(Checked::clean) {
        // cargo failed before any member (a manifest, the lock file): say so.
        let first = stderr.lines().find(|l| l.contains("error")).unwrap_or("");
        return Err(format!("cargo check failed: {first}"));
    }
    Ok(checked)
}
