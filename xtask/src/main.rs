//! `cargo xtask codegen`: regenerates `generated/` from `specs/`.
//!
//! - `cargo xtask codegen`: writes what changed, leaves the rest untouched.
//! - `cargo xtask codegen --check`: writes nothing; exits 1 naming each stale file.
//! - `cargo xtask codegen --spec FILE --out DIR`: writes a self-contained crate
//!   (its own `Cargo.toml`) for any supported spec.
//! - `cargo xtask bench`: medians of in-process generation times.
//!
//! Exit status: 0 done, 1 stale files (`--check`) or a write failure, 2 bad
//! input (the one-line error names the file and the place).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use sdkgen::{CrateFiles, CrateOptions};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Project tasks for sdkgen")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Generate the SDK crate(s) from the API descriptions.
    Codegen {
        /// Write nothing; fail and name each file that is not up to date.
        #[arg(long)]
        check: bool,
        /// A spec to generate from, instead of the project's own (needs --out).
        #[arg(long, requires = "out")]
        spec: Option<PathBuf>,
        /// Where to write the crate generated from --spec.
        #[arg(long, requires = "spec")]
        out: Option<PathBuf>,
        /// Package name of the crate generated from --spec (default: from the file name).
        #[arg(long, requires = "spec")]
        name: Option<String>,
    },
    /// Time generation (parse, and parse + emit) of the project's specs and
    /// fixtures, in process; prints medians of several runs.
    Bench {
        /// Runs per spec.
        #[arg(long, default_value_t = 21)]
        runs: usize,
    },
}

/// The project's own generation jobs: which spec feeds which crate.
struct Job {
    spec: &'static str,
    crate_dir: &'static str,
    package_name: &'static str,
}

const JOBS: &[Job] = &[Job {
    spec: "specs/pfx-user-certificate.openapi.yaml",
    crate_dir: "generated",
    package_name: "msgraph-beta-pfx",
}];

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.task {
        Task::Codegen { check, spec: Some(spec), out: Some(out), name } => codegen_one(&spec, &out, name, check),
        Task::Codegen { check, .. } => codegen_project(check),
        Task::Bench { runs } => bench(runs.max(1)),
    }
}

fn bench(runs: usize) -> ExitCode {
    let root = workspace_root();
    let mut specs: Vec<String> = JOBS.iter().map(|job| job.spec.to_string()).collect();
    let fixtures = root.join("generator/tests/fixtures");
    let mut entries: Vec<String> = std::fs::read_dir(&fixtures)
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    entries.sort();
    specs.extend(entries.into_iter().filter(|n| n.contains(".openapi.")).map(|n| format!("generator/tests/fixtures/{n}")));

    let median = |mut samples: Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    };
    println!("{:<52} {:>10} {:>12} {:>7}", "spec", "parse ms", "generate ms", "ratio");
    for spec in &specs {
        let text = match std::fs::read_to_string(root.join(spec)) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {spec}: {e}");
                return ExitCode::from(2);
            }
        };
        let options = CrateOptions { package_name: "bench".into(), source: spec.clone() };
        let (mut parse, mut total) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let started = Instant::now();
            let api = match sdkgen::parse(spec, &text) {
                Ok(api) => api,
                Err(e) => return bad_input(&e),
            };
            parse.push(started.elapsed().as_secs_f64() * 1e3);
            if let Err(e) = sdkgen::emit_crate(&api, &options) {
                return bad_input(&e);
            }
            total.push(started.elapsed().as_secs_f64() * 1e3);
        }
        let (parse, total) = (median(parse), median(total));
        println!("{spec:<52} {parse:>10.2} {total:>12.2} {:>6.1}x", total / parse);
    }
    println!("medians of {runs} runs each; generate = parse + emit (tokens, syn check, prettyplease)");
    ExitCode::SUCCESS
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

fn codegen_project(check: bool) -> ExitCode {
    let root = workspace_root();
    let started = Instant::now();
    // Generate everything before writing anything: a bad spec changes nothing.
    let mut outputs: Vec<(PathBuf, CrateFiles)> = Vec::new();
    for job in JOBS {
        let options = CrateOptions { package_name: job.package_name.to_string(), source: job.spec.to_string() };
        let files = sdkgen::load(&root.join(job.spec), job.spec).and_then(|api| sdkgen::emit_sources(&api, &options));
        match files {
            Ok(files) => outputs.push((root.join(job.crate_dir), files)),
            Err(e) => return bad_input(&e),
        }
    }
    finish(&outputs, check, &root, started)
}

fn codegen_one(spec: &Path, out: &Path, name: Option<String>, check: bool) -> ExitCode {
    let started = Instant::now();
    let display = spec.display().to_string().replace('\\', "/");
    let package_name = name.unwrap_or_else(|| package_name_for(spec));
    let options = CrateOptions { package_name, source: display.clone() };
    match sdkgen::load(spec, &display).and_then(|api| sdkgen::emit_crate(&api, &options)) {
        Ok(files) => finish(&[(out.to_path_buf(), files)], check, Path::new(""), started),
        Err(e) => bad_input(&e),
    }
}

/// `specs/pfx-user-certificate.openapi.yaml` -> `pfx-user-certificate`.
fn package_name_for(spec: &Path) -> String {
    let stem = spec.file_name().and_then(|n| n.to_str()).unwrap_or("api");
    let stem = stem.split('.').next().unwrap_or("api");
    let name: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) { format!("api-{name}") } else { name }
}

fn bad_input(e: &sdkgen::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

fn finish(outputs: &[(PathBuf, CrateFiles)], check: bool, root: &Path, started: Instant) -> ExitCode {
    let shown = |p: &str| p.strip_prefix(&format!("{}/", root.display())).unwrap_or(p).to_string();
    if check {
        let stale: Vec<_> = outputs.iter().flat_map(|(dir, files)| sdkgen::output::stale_files(dir, files)).collect();
        if stale.is_empty() {
            println!("generated code is up to date ({} ms)", started.elapsed().as_millis());
            return ExitCode::SUCCESS;
        }
        for s in &stale {
            eprintln!("stale: {}", shown(&s.to_string()));
        }
        eprintln!("run `cargo xtask codegen` and commit the result");
        return ExitCode::from(1);
    }
    let mut written = 0;
    for (dir, files) in outputs {
        match sdkgen::output::write_files(dir, files) {
            Ok(changed) => {
                for path in &changed {
                    println!("wrote {}", shown(path));
                }
                written += changed.len();
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", dir.display());
                return ExitCode::from(1);
            }
        }
    }
    if written == 0 {
        println!("generated code is up to date ({} ms)", started.elapsed().as_millis());
    } else {
        println!("{written} file(s) written ({} ms)", started.elapsed().as_millis());
    }
    ExitCode::SUCCESS
}
