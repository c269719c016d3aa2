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

use sdkgen::{CrateOptions, Layout, Settings};

const GRAPH_V1: &str = "../shared/corpus/graph/v1.0-Prod.csdl";
const SLICE: &[&str] = &["/users/**", "/groups/**"];
/// The peer, pinned so that runs compare the same code.
const GRAPH_RS_SDK: &str = "3.0.1";

/// One crate (or split SDK) to build: its folder, its packages (cleaned
/// before each timed build) and the cargo arguments that pick its features.
struct Subject {
    label: String,
    dir: PathBuf,
    packages: Vec<String>,
    features: Vec<String>,
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
        let slice = generate(root, &spec, &out, "slice", SLICE, Layout::Single)?;
        let split_slice = generate(root, &spec, &out, "slice-split", SLICE, Layout::Workspace)?;
        let peer = graph_rs_sdk(&out)?;
        // Dependencies first, untimed: a crate with the SDK's Cargo.toml and
        // no code, and the peer itself (its own crate is cleaned per run).
        let deps = dependencies_of(&slice, &out)?;
        cargo(&deps.dir, &target, "build", &[])?;
        cargo(&peer.dir, &target, "build", &[])?;
        let mut ours = Vec::new();
        let mut split = Vec::new();
        let mut theirs = Vec::new();
        for run in 1..=runs {
            let mut line = format!("run {run}:");
            for (subject, samples) in [
                (&slice, &mut ours),
                (&peer, &mut theirs),
                (&split_slice, &mut split),
            ] {
                let sample = clean_build(subject, &target)?;
                line.push_str(&format!(
                    " {} {:.1} s {:.2} GB;",
                    subject.label,
                    sample.seconds,
                    gigabytes(sample.peak_bytes)
                ));
                samples.push(sample);
            }
            println!("{line}");
        }
        let reference = median(&theirs);
        println!(
            "\n| crate | debug build s | peak GB | time / graph-rs-sdk | memory / graph-rs-sdk |\n| --- | ---: | ---: | ---: | ---: |"
        );
        row(&peer.label, reference, reference);
        row(&slice.label, median(&ours), reference);
        row(&split_slice.label, median(&split), reference);
        if whole_graph {
            let whole = generate(root, &spec, &out, "whole", &[], Layout::Workspace)?;
            row(&whole.label, clean_build(&whole, &target)?, reference);
            let check = clean_cargo(&whole, &target, "check")?;
            row(
                &format!("{} (`cargo check`)", whole.label),
                check,
                reference,
            );
            // What a user of two areas compiles of the whole Graph's SDK.
            let two = Subject {
                label: format!("{}, features `users,groups`", whole.label),
                features: vec![
                    "--no-default-features".into(),
                    "--features".into(),
                    "client,users,groups".into(),
                ],
                ..whole
            };
            row(&two.label, clean_build(&two, &target)?, reference);
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
    layout: Layout,
) -> Result<Subject, String> {
    let settings = Settings {
        include: include.iter().map(|p| p.to_string()).collect(),
        ..Default::default()
    };
    let package = format!("bench-{name}");
    let options = CrateOptions {
        package_name: package.clone(),
        source: GRAPH_V1.to_string(),
        layout,
        ..Default::default()
    };
    let generated = sdkgen::generate(spec, GRAPH_V1, &settings, &options, sdkgen::Output::Crate)
        .map_err(|e| e.to_string())?;
    let (api, files) = (generated.api, generated.files);
    // Every package of the output: `[package]` names in its manifests.
    let packages: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.ends_with("Cargo.toml"))
        .filter_map(|(_, manifest)| {
            let line = manifest.lines().find(|l| l.starts_with("name = "))?;
            Some(
                line.trim_start_matches("name = ")
                    .trim_matches('"')
                    .to_string(),
            )
        })
        .collect();
    let dir = out.join(name);
    sdkgen::output::write_files(&dir, &files)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")))
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    let how = match layout {
        Layout::Workspace => format!(", split into {} crates", packages.len()),
        _ => String::new(),
    };
    let label = if include.is_empty() {
        format!(
            "sdkgen, whole Graph v1.0 ({} operations{how})",
            api.operations.len()
        )
    } else {
        format!(
            "sdkgen, Graph v1.0 `{}` ({} operations{how})",
            include.join(" "),
            api.operations.len()
        )
    };
    Ok(Subject {
        label,
        dir,
        packages,
        features: Vec::new(),
    })
}

/// A crate with the dependencies and features of `subject`'s runtime and no
/// code (a split SDK's runtime is its core crate).
fn dependencies_of(subject: &Subject, out: &Path) -> Result<Subject, String> {
    let manifest = std::fs::read_to_string(subject.dir.join("Cargo.toml"))
        .map_err(|e| format!("cannot read the emitted Cargo.toml: {e}"))?;
    let package = "bench-dependencies".to_string();
    let manifest = manifest.replacen(
        &format!("name = \"{}\"", subject.packages[0]),
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
        packages: vec![package],
        features: Vec::new(),
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
        packages: vec!["graph-rs-sdk".to_string()],
        features: Vec::new(),
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

/// `cargo clean -p` of the subject's own crates, then `cargo <command>`, timed.
fn clean_cargo(subject: &Subject, target: &Path, command: &str) -> Result<Sample, String> {
    let mut clean = cargo_command(&subject.dir, target);
    clean.args(["clean", "-q"]);
    for package in &subject.packages {
        clean.args(["-p", package]);
    }
    let status = clean
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo clean failed in {}", subject.dir.display()));
    }
    cargo(&subject.dir, target, command, &subject.features)
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
fn cargo(dir: &Path, target: &Path, command: &str, args: &[String]) -> Result<Sample, String> {
    let started = Instant::now();
    let child = cargo_command(dir, target)
        .args([command, "-q"])
        .args(args)
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
