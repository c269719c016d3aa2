//! What the xtask tests share.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `cargo` on emitted crates in `dir`, offline (with the workspace's lock
/// file copied in first, so it uses the versions already fetched), in the
/// target directory all tests of emitted crates share.
pub fn cargo_offline(dir: &Path, args: &[&str]) -> Output {
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/emitted-crates"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}
