//! `cargo xtask bench --build`: what a generated SDK costs its users to
//! build, beside the crate a Rust user of Microsoft Graph would pick instead.
//!
//! In one run, pair by pair: a debug `cargo build` of the Graph v1.0
//! users+groups slice that sdkgen emits and of `graph-rs-sdk` (from
//! crates.io into a scratch folder, never vendored), each with its
//! dependencies built beforehand, so only the crate itself is timed; with
//! `--whole-graph`, one build and one check of the whole v1.0 crate too.
//! Wall time and the peak memory of the largest process (rustc); medians.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use sdkgen::{CrateOptions, Settings};

const GRAPH_V1: &str = "../shared/corpus/graph/v1.0-Prod.csdl";
const SLICE: &[&str] = &["/users/**", "/groups/**"];
/// The peer, pinned so that runs compare the same code.
const GRAPH_RS_SDK: &str = "3.0.1";

/// One crate to build: its folder and package.
struct Subject {
    label: String,
    dir: PathBuf,
    package: String,
}

/// One timed cargo command.
#[derive(Clone, Copy)]
struct Sample {
    seconds: f64,
    peak_bytes: u64,
}

pub fn run(root: &Path, runs: usize, whole_graph: bool) -> ExitCode {
    let spec = root.join(GRAPH_V1);
    if !spec.is_file() {
        println!("notice: {GRAPH_V1} is absent; the build benchmark is skipped");
        return ExitCode::SUCCESS;
    }
    let out = root.join("target/bench-build");
    let target = out.join("target");
    let result = (|| -> Result<(), String> {
        let slice = generate(root, &spec, &out, "slice", SLICE)?;
        let peer = graph_rs_sdk(&out)?;
        // Dependencies first, untimed: a crate with the SDK's Cargo.toml and
        // no code, and the peer itself (its own crate is cleaned per run).
        let deps = dependencies_of(&slice, &out)?;
        cargo(&deps.dir, &target, "build")?;
        cargo(&peer.dir, &target, "build")?;
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for run in 1..=runs {
            ours.push(clean_build(&slice, &target)?);
            theirs.push(clean_build(&peer, &target)?);
            println!(
                "run {run}: {} {:.1} s {:.2} GB, {} {:.1} s {:.2} GB",
                slice.label,
                ours[run - 1].seconds,
                gigabytes(ours[run - 1].peak_bytes),
                peer.label,
                theirs[run - 1].seconds,
                gigabytes(theirs[run - 1].peak_bytes)
            );
        }
        let reference = median(&theirs);
        println!(
            "\n| crate | debug build s | peak GB | time / graph-rs-sdk | memory / graph-rs-sdk |\n| --- | ---: | ---: | ---: | ---: |"
        );
        row(&peer.label, reference, reference);
        row(&slice.label, median(&ours), reference);
        if whole_graph {
            let whole = generate(root, &spec, &out, "whole", &[])?;
            row(&whole.label, clean_build(&whole, &target)?, reference);
            let check = clean_cargo(&whole, &target, "check")?;
            row(
                &format!("{} (`cargo check`)", whole.label),
                check,
                reference,
            );
        }
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn row(label: &str, sample: Sample, reference: Sample) {
    println!(
        "| {label} | {:.1} | {:.2} | {:.2}x | {:.2}x |",
        sample.seconds,
        gigabytes(sample.peak_bytes),
        sample.seconds / reference.seconds,
        sample.peak_bytes as f64 / reference.peak_bytes as f64
    );
}

/// Emits the crate of Graph v1.0 (the operations under `include`, or all)
/// into `out/name`, with the workspace's lock file so that the build uses
/// the dependencies this workspace already has.
fn generate(
    root: &Path,
    spec: &Path,
    out: &Path,
    name: &str,
    include: &[&str],
) -> Result<Subject, String> {
    let mut api = sdkgen::load(spec, GRAPH_V1).map_err(|e| e.to_string())?;
    let settings = Settings {
        include: include.iter().map(|p| p.to_string()).collect(),
        ..Default::default()
    };
    settings
        .apply(&mut api, GRAPH_V1)
        .map_err(|e| e.to_string())?;
    let package = format!("bench-{name}");
    let files = sdkgen::emit_crate(
        &api,
        &CrateOptions {
            package_name: package.clone(),
            source: GRAPH_V1.to_string(),
            ..Default::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let dir = out.join(name);
    sdkgen::output::write_files(&dir, &files)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")))
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    let label = if include.is_empty() {
        format!(
            "sdkgen, whole Graph v1.0 ({} operations)",
            api.operations.len()
        )
    } else {
        format!(
            "sdkgen, Graph v1.0 `{}` ({} operations)",
            include.join(" "),
            api.operations.len()
        )
    };
    Ok(Subject {
        label,
        dir,
        package,
    })
}

/// A crate with the dependencies and features of `subject` and no code.
fn dependencies_of(subject: &Subject, out: &Path) -> Result<Subject, String> {
    let manifest = std::fs::read_to_string(subject.dir.join("Cargo.toml"))
        .map_err(|e| format!("cannot read the emitted Cargo.toml: {e}"))?;
    let package = "bench-dependencies".to_string();
    let manifest = manifest.replacen(
        &format!("name = \"{}\"", subject.package),
        &format!("name = \"{package}\""),
        1,
    );
    let dir = out.join("dependencies");
    write(&dir, &manifest, "")?;
    std::fs::copy(subject.dir.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy the lock file: {e}"))?;
    Ok(Subject {
        label: package.clone(),
        dir,
        package,
    })
}

/// A scratch crate that depends on graph-rs-sdk: building it builds
/// graph-rs-sdk's crate (the whole Graph) on its dependencies.
fn graph_rs_sdk(out: &Path) -> Result<Subject, String> {
    let dir = out.join("graph-rs-sdk");
    let manifest = format!(
        "[package]\nname = \"bench-graph-rs-sdk\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\ngraph-rs-sdk = \"={GRAPH_RS_SDK}\"\n"
    );
    write(&dir, &manifest, "pub use graph_rs_sdk;\n")?;
    Ok(Subject {
        label: format!("graph-rs-sdk {GRAPH_RS_SDK} (untyped, whole Graph)"),
        dir,
        package: "graph-rs-sdk".to_string(),
    })
}

fn write(dir: &Path, manifest: &str, lib: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src"))
        .and_then(|_| std::fs::write(dir.join("Cargo.toml"), manifest))
        .and_then(|_| std::fs::write(dir.join("src/lib.rs"), lib))
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))
}

fn clean_build(subject: &Subject, target: &Path) -> Result<Sample, String> {
    clean_cargo(subject, target, "build")
}

/// `cargo clean -p` of the subject's own crate, then `cargo <command>`, timed.
fn clean_cargo(subject: &Subject, target: &Path, command: &str) -> Result<Sample, String> {
    let status = cargo_command(&subject.dir, target)
        .args(["clean", "-q", "-p", &subject.package])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo clean -p {} failed", subject.package));
    }
    cargo(&subject.dir, target, command)
}

fn cargo_command(dir: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS");
    command
}

/// Runs `cargo <command> -q` and measures it: wall time, and the peak
/// resident memory of the largest process cargo waited for (`wait4`).
fn cargo(dir: &Path, target: &Path, command: &str) -> Result<Sample, String> {
    let started = Instant::now();
    let child = cargo_command(dir, target)
        .args([command, "-q"])
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let (status, peak_bytes) = wait_with_peak(child.id())?;
    let seconds = started.elapsed().as_secs_f64();
    if status != 0 {
        return Err(format!("cargo {command} failed in {}", dir.display()));
    }
    Ok(Sample {
        seconds,
        peak_bytes,
    })
}

/// Waits for a child; its exit status and the largest resident set of it
/// and its waited-for descendants, which Linux reports in kilobytes.
fn wait_with_peak(pid: u32) -> Result<(i32, u64), String> {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if waited < 0 {
        return Err(format!(
            "cannot wait for cargo: {}",
            std::io::Error::last_os_error()
        ));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok((code, usage.ru_maxrss.max(0) as u64 * 1024))
}

fn median(samples: &[Sample]) -> Sample {
    let middle = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    Sample {
        seconds: middle(samples.iter().map(|s| s.seconds).collect()),
        peak_bytes: middle(samples.iter().map(|s| s.peak_bytes as f64).collect()) as u64,
    }
}

fn gigabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e9
}
