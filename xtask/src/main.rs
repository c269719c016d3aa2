//! `cargo xtask codegen`: regenerates `generated/` from `specs/`.
//!
//! - `cargo xtask codegen`: writes what changed, leaves the rest untouched.
//! - `cargo xtask codegen --check`: writes nothing; exits 1 naming each stale file.
//! - `cargo xtask codegen --spec FILE --out DIR`: writes a self-contained crate
//!   (its own `Cargo.toml`) for any supported spec.
//! - `cargo xtask diff OLD NEW [--format markdown]`: what changed in the Rust
//!   API between two specs, breaking or compatible.
//! - `cargo xtask bench`: medians of in-process generation times.
//! - `cargo xtask interop`: the SDK generated from a live SAP CAP server's
//!   `$metadata`, tested against that server (see `interop.rs`).
//! - `cargo xtask fuzz --seconds N`: the fuzz targets of `fuzz/`, N seconds each.
//!
//! `codegen` prints what changed in the Rust API against the `api.json` the
//! crate keeps, before writing.
//!
//! Exit status: 0 done, 1 stale files (`--check`) or a write failure, 2 bad
//! input (the one-line error names the file and the place); `diff`: 0 no
//! change, 1 compatible changes only, 3 breaking changes, 2 bad input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

mod apis_guru;
mod bench;
mod bench_build;
mod bench_decode;
mod conform;
mod corpus;
mod fuzz;
mod interop;
mod node;
mod sample;
use sdkgen::model::Server;
use sdkgen::{CrateFiles, CrateOptions, Layout, Settings};

/// Emitting builds and drops millions of small token and syntax-tree nodes on
/// several threads; with mimalloc the whole Graph v1.0 generates in about 20%
/// less time than with glibc's malloc (measured on 2 cores: 2.9 s vs 3.6 s,
/// before purging was turned off, below).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in its v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory instead of handing it back to the OS after 10 ms: the
/// emitter threads free and allocate again all the time, and the kernel
/// zeroing returned pages anew cost a quarter of the whole Graph's
/// generation (measured on 2 cores: 4.5 s -> 3.4 s, peak 300 -> 370 MB).
fn keep_freed_memory() {
    // SAFETY: sets an option before any thread is started; mimalloc reads it
    // when it next purges.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

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
        /// Base URL for a spec that names none (CSDL), optionally followed by a
        /// space and its description; repeat for several, the default first.
        #[arg(long = "server", requires = "spec", value_name = "URL [DESCRIPTION]")]
        servers: Vec<String>,
        /// A property that holds a secret (never printed), as `Type/property`
        /// with the type's full name; repeat for several.
        #[arg(long = "secret", requires = "spec", value_name = "TYPE/PROPERTY")]
        secrets: Vec<String>,
        /// A cargo feature per top-level path group of the crate from --spec.
        #[arg(long, requires = "spec")]
        path_features: bool,
        /// One crate, or a workspace of crates (core, models, one per path
        /// group) that cargo builds side by side; `auto` splits above
        /// 2,000 operations.
        #[arg(long, requires = "spec", default_value = "auto", value_parser = ["auto", "single", "workspace"])]
        layout: String,
        /// Only the operations whose path matches (`/deviceManagement/**`,
        /// `/users/*/messages`) and the types they need; repeat for several.
        #[arg(long = "include", requires = "spec", value_name = "PATTERN")]
        include: Vec<String>,
    },
    /// Compare the Rust APIs generated from two specs (OpenAPI or CSDL, mixed
    /// allowed): exit 0 no change, 1 compatible changes only, 3 breaking.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// `text` for a terminal, `markdown` for a pull-request description.
        #[arg(long, default_value = "text", value_parser = ["text", "markdown"])]
        format: String,
    },
    /// Generate and `cargo check` a crate for every spec in ../shared/corpus,
    /// or with --apis-guru for every document of the APIs.guru directory.
    Corpus {
        /// Only the specs whose path (under the corpus) contains this.
        #[arg(long)]
        only: Option<String>,
        /// Instead of ../shared/corpus, the 2,639 documents of the APIs.guru
        /// directory (installed with npm into interop/apis-guru).
        #[arg(long)]
        apis_guru: bool,
        /// With --apis-guru: how many of the documents that generate are
        /// `cargo check`ed (`all` for every one: a long run).
        #[arg(long, requires = "apis_guru", default_value = "100", value_parser = sample_size)]
        sample: usize,
        /// With --apis-guru: the seed that picks the sample.
        #[arg(long, requires = "apis_guru", default_value_t = 1)]
        seed: u64,
    },
    /// Call every operation of real descriptions through their SDKs against
    /// Stoplight Prism's mock (interop/prism), and check each answer decodes.
    Conform {
        /// A description to run, a path or `apis-guru:NAME` (repeatable;
        /// default: the project's set).
        #[arg(long = "spec")]
        specs: Vec<String>,
        /// Calls per operation, each with other values.
        #[arg(long, default_value_t = 5)]
        calls: usize,
        /// The seed of the request values.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Run the generated SDK against a live SAP CAP server (interop/cap):
    /// installs it with npm, starts it on 127.0.0.1, generates the SDK from its
    /// `$metadata` and runs interop/tests against it.
    Interop,
    /// Run the fuzz targets (`fuzz/`, cargo-fuzz) for a while each.
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Only this target (`openapi` or `csdl`).
        #[arg(long, value_parser = ["openapi", "csdl"])]
        target: Option<String>,
        /// How many crates emitted from each corpus are then `cargo check`ed (0: none).
        #[arg(long, default_value_t = 100)]
        compile_sample: usize,
    },
    /// Time generation (parse, and parse + emit) of the project's specs and
    /// fixtures, in process, and prettyplease alone printing what they emit;
    /// prints medians of several runs.
    Bench {
        /// Runs per spec (default 21), or build pairs with `--build` (default 3).
        #[arg(long)]
        runs: Option<usize>,
        /// Runs per spec of more than a megabyte (the whole Graph).
        #[arg(long, default_value_t = 5)]
        large_runs: usize,
        /// Also time synthetic Graph-like specs of 100, 1,000 and 10,000 entity types.
        #[arg(long)]
        synthetic: bool,
        /// Also compare with progenitor on the shared OpenAPI specs (installs cargo-progenitor).
        #[arg(long)]
        progenitor: bool,
        /// Instead of generation, time debug builds of the users+groups slice
        /// of Graph v1.0 beside graph-rs-sdk's crate (installed from
        /// crates.io into target/bench-build), `--runs` pairs (default 3).
        #[arg(long)]
        build: bool,
        /// Instead of generation, time decoding a page of 1,000 Graph users
        /// into the SDK's model, a plain serde struct of the same fields and
        /// `serde_json::Value` (a release program, `--runs` each, default 21).
        #[arg(long, conflicts_with = "build")]
        decode: bool,
        /// With `--build`: also build and check the whole Graph v1.0 crate
        /// once (up to 15 GB of memory; nothing else should run).
        #[arg(long, requires = "build")]
        whole_graph: bool,
    },
}

/// The project's own generation jobs: which spec feeds which crate.
struct Job {
    spec: &'static str,
    crate_dir: &'static str,
    package_name: &'static str,
    /// Base URLs (and their descriptions) when the spec names none.
    servers: &'static [(&'static str, &'static str)],
    /// Properties that hold secrets (`Type/property`), for specs that cannot mark them.
    secrets: &'static [&'static str],
    /// Other descriptions of the same API, which must emit the same code.
    equivalent: &'static [&'static str],
}

/// Graph is defined in CSDL (`$metadata`); its OpenAPI is converted from it.
/// So the CSDL description is the source, and the OpenAPI one is held to
/// emitting the very same crate.
const JOBS: &[Job] = &[Job {
    spec: "specs/pfx-user-certificate.csdl.xml",
    crate_dir: "generated",
    package_name: "msgraph-beta-pfx",
    servers: &[
        ("https://graph.microsoft.com/beta", "Global service"),
        ("https://graph.microsoft.us/beta", "US Government L4"),
        (
            "https://dod-graph.microsoft.us/beta",
            "US Government L5 (DOD)",
        ),
        (
            "https://microsoftgraph.chinacloudapi.cn/beta",
            "China operated by 21Vianet",
        ),
    ],
    secrets: &[
        "microsoft.graph.pfxUserCertificate/encryptedPfxBlob",
        "microsoft.graph.pfxUserCertificate/encryptedPfxPassword",
    ],
    equivalent: &["specs/pfx-user-certificate.openapi.yaml"],
}];

impl Job {
    fn settings(&self) -> Settings {
        let servers = self.servers.iter().map(|(url, description)| Server {
            url: url.to_string(),
            description: Some(description.to_string()),
        });
        Settings {
            servers: servers.collect(),
            secrets: self.secrets.iter().map(|s| s.to_string()).collect(),
            include: Vec::new(),
        }
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let spec = match &cli.task {
        Task::Codegen {
            spec: Some(spec), ..
        } => spec.display().to_string(),
        _ => "the project's specs".to_string(),
    };
    // A panic is a bug of sdkgen, never the input's: it is still told in one
    // line that names the file (and where in sdkgen), not a backtrace.
    static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut slot) = PANIC.lock() {
            slot.get_or_insert(format!("{message}{place}"));
        }
    }));
    match std::panic::catch_unwind(move || run(cli)) {
        Ok(code) => code,
        Err(_) => {
            let what = PANIC
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or_default();
            let what = sdkgen::error::one_line(&what);
            eprintln!(
                "error: {}: sdkgen failed on this input ({what}); please report it with the file",
                sdkgen::error::one_line(&spec)
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.task {
        Task::Codegen {
            check,
            spec: Some(spec),
            out: Some(out),
            name,
            servers,
            secrets,
            include,
            path_features,
            layout,
        } => {
            let servers = servers
                .iter()
                .map(|arg| match arg.trim().split_once(char::is_whitespace) {
                    Some((url, description)) => Server {
                        url: url.into(),
                        description: Some(description.trim().into()),
                    },
                    None => Server {
                        url: arg.trim().into(),
                        description: None,
                    },
                })
                .collect();
            codegen_one(
                &spec,
                &out,
                name,
                Settings {
                    servers,
                    secrets,
                    include,
                },
                path_features,
                layout_named(&layout),
                check,
            )
        }
        Task::Codegen { check, .. } => codegen_project(check),
        Task::Diff { old, new, format } => diff(&old, &new, &format),
        Task::Corpus {
            only,
            apis_guru: true,
            sample,
            seed,
        } => apis_guru::run(
            &workspace_root(),
            &apis_guru::Sweep {
                sample,
                seed,
                only: only.as_deref(),
            },
        ),
        Task::Corpus { only, .. } => corpus::run(&workspace_root(), only.as_deref()),
        Task::Interop => interop::run(&workspace_root()),
        Task::Conform { specs, calls, seed } => {
            let root = workspace_root();
            let named: Vec<String> = if specs.is_empty() {
                conform::DEFAULT_SPECS
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            } else {
                specs
            };
            let specs: Result<Vec<PathBuf>, String> = named
                .iter()
                .map(|spec| conform::spec_path(&root, spec))
                .collect();
            let specs = match specs {
                Ok(specs) => specs,
                Err(e) => {
                    eprintln!("error: conform: {e}");
                    return ExitCode::from(1);
                }
            };
            conform::run(
                &root,
                &conform::Conform {
                    specs: &specs,
                    calls: calls.max(1),
                    seed,
                },
            )
        }
        Task::Fuzz {
            seconds,
            target,
            compile_sample,
        } => fuzz::run(
            &workspace_root(),
            seconds,
            target.as_deref(),
            compile_sample,
        ),
        Task::Bench {
            build: true,
            runs,
            whole_graph,
            ..
        } => bench_build::run(&workspace_root(), runs.unwrap_or(3).max(1), whole_graph),
        Task::Bench {
            decode: true, runs, ..
        } => bench_decode::run(&workspace_root(), runs.unwrap_or(21).max(1)),
        Task::Bench {
            runs,
            large_runs,
            synthetic,
            progenitor,
            ..
        } => {
            let runs = runs.unwrap_or(21);
            let mut specs: Vec<String> = JOBS
                .iter()
                .flat_map(|job| std::iter::once(job.spec).chain(job.equivalent.iter().copied()))
                .map(String::from)
                .collect();
            specs.extend(bench::fixtures(&workspace_root()));
            let status = bench::run(&workspace_root(), &specs, runs.max(1), large_runs.max(1));
            if synthetic {
                bench::synthetic(runs.max(1));
            }
            if progenitor {
                bench::progenitor(&workspace_root(), runs.max(1))
            } else {
                status
            }
        }
    }
}

fn diff(old: &Path, new: &Path, format: &str) -> ExitCode {
    let summary = |path: &Path| {
        let display = path.display().to_string().replace('\\', "/");
        sdkgen::load(path, &display).map(|api| sdkgen::summarize(&api))
    };
    let (old, new) = match (summary(old), summary(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => return bad_input(&e),
    };
    let report = sdkgen::changes::compare(&old, &new);
    print!(
        "{}",
        if format == "markdown" {
            report.markdown()
        } else {
            report.text()
        }
    );
    ExitCode::from(report.exit_code())
}

/// What changed in a job's Rust API against the record the crate keeps
/// (`api.json`), printed before the files are written.
fn report_changes(crate_dir: &Path, files: &CrateFiles, shown: &str) {
    let Some(new) = files.get(sdkgen::SUMMARY_FILE) else {
        return;
    };
    let record = crate_dir.join(sdkgen::SUMMARY_FILE);
    let Ok(old) = std::fs::read_to_string(&record) else {
        println!(
            "{shown}: no {} yet; the API is not compared this time",
            sdkgen::SUMMARY_FILE
        );
        return;
    };
    let display = format!("{shown}/{}", sdkgen::SUMMARY_FILE);
    match (
        sdkgen::read_summary(&display, &old),
        sdkgen::read_summary(&display, new),
    ) {
        (Ok(old), Ok(new)) => {
            let report = sdkgen::changes::compare(&old, &new);
            if !report.changes.is_empty() {
                print!("{shown}: {}", report.text());
            }
        }
        (Err(e), _) | (_, Err(e)) => println!("{e}; the API is not compared this time"),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn codegen_project(check: bool) -> ExitCode {
    let root = workspace_root();
    let started = Instant::now();
    // Generate everything before writing anything: a bad spec changes nothing.
    let mut outputs: Vec<(PathBuf, CrateFiles)> = Vec::new();
    for job in JOBS {
        let options = CrateOptions {
            package_name: job.package_name.to_string(),
            source: job.spec.to_string(),
            ..Default::default()
        };
        let files = match generate(&root, job.spec, &job.settings(), &options) {
            Ok(files) => files,
            Err(e) => return bad_input(&e),
        };
        for other in job.equivalent {
            // Under the same name, so that only the code itself is compared.
            match generate(&root, other, &job.settings(), &options) {
                Ok(other_files) if other_files == files => {}
                Ok(other_files) => {
                    let differing = files
                        .keys()
                        .chain(other_files.keys())
                        .find(|f| files.get(*f) != other_files.get(*f));
                    eprintln!(
                        "error: {other} and {} describe the same API but emit different code (first in {})",
                        job.spec,
                        differing.map_or("?", |f| f.as_str())
                    );
                    return ExitCode::from(1);
                }
                Err(e) => return bad_input(&e),
            }
        }
        if !check {
            report_changes(&root.join(job.crate_dir), &files, job.crate_dir);
        }
        outputs.push((root.join(job.crate_dir), files));
    }
    finish(&outputs, check, &root, started)
}

fn generate(
    root: &Path,
    spec: &str,
    settings: &Settings,
    options: &CrateOptions,
) -> Result<CrateFiles, sdkgen::Error> {
    let mut api = sdkgen::load(&root.join(spec), spec)?;
    print_warnings(&api);
    settings.apply(&mut api, spec)?;
    sdkgen::emit_sources(&api, options)
}

fn codegen_one(
    spec: &Path,
    out: &Path,
    name: Option<String>,
    settings: Settings,
    path_features: bool,
    layout: Layout,
    check: bool,
) -> ExitCode {
    let started = Instant::now();
    let display = spec.display().to_string().replace('\\', "/");
    let package_name = name.unwrap_or_else(|| package_name_for(spec));
    let options = CrateOptions {
        package_name,
        source: display.clone(),
        path_features,
        layout,
    };
    let loaded = sdkgen::load(spec, &display).and_then(|mut api| {
        print_warnings(&api);
        settings.apply(&mut api, &display)?;
        Ok(api)
    });
    match loaded.and_then(|api| sdkgen::emit_crate(&api, &options)) {
        Ok(files) => {
            if !check {
                report_changes(out, &files, &out.display().to_string());
            }
            finish(&[(out.to_path_buf(), files)], check, Path::new(""), started)
        }
        Err(e) => bad_input(&e),
    }
}

/// `--sample`'s value: a number, or `all`.
fn sample_size(text: &str) -> Result<usize, String> {
    match text {
        "all" => Ok(usize::MAX),
        n => n
            .parse()
            .map_err(|_| format!("`{n}` is neither a number nor `all`")),
    }
}

/// `--layout`'s value (clap allows no other).
fn layout_named(name: &str) -> Layout {
    match name {
        "single" => Layout::Single,
        "workspace" => Layout::Workspace,
        _ => Layout::Auto,
    }
}

/// Lower-case letters and digits, everything else `-`: `csdl/TripPin.xml` -> `csdl-trippin-xml`.
fn kebab(text: &str) -> String {
    let kebab: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    kebab.trim_matches('-').to_string()
}

/// `specs/pfx-user-certificate.openapi.yaml` -> `pfx-user-certificate-openapi-yaml`:
/// the whole file name, so that `X.xml` and `X.openapi3.json` give two names.
fn package_name_for(spec: &Path) -> String {
    let file_name = spec.file_name().and_then(|n| n.to_str()).unwrap_or("api");
    let name = kebab(file_name);
    let name = if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else {
        name
    };
    // Cargo takes at most 64 characters; `kebab` leaves only ASCII.
    name[..name.len().min(64)].trim_end_matches('-').to_string()
}

/// What the front end could not express fully; generation goes on.
fn print_warnings(api: &sdkgen::model::Api) {
    for warning in &api.warnings {
        eprintln!("warning: {}", sdkgen::error::one_line(warning));
    }
}

fn bad_input(e: &sdkgen::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

fn finish(
    outputs: &[(PathBuf, CrateFiles)],
    check: bool,
    root: &Path,
    started: Instant,
) -> ExitCode {
    // Paths under the workspace are shown relative to it; others as they are.
    let prefix = format!("{}/", root.display());
    let shown = |p: &str| {
        if root.as_os_str().is_empty() {
            p.to_string()
        } else {
            p.strip_prefix(&prefix).unwrap_or(p).to_string()
        }
    };
    if check {
        let stale: Vec<_> = outputs
            .iter()
            .flat_map(|(dir, files)| sdkgen::output::stale_files(dir, files))
            .collect();
        if stale.is_empty() {
            println!(
                "generated code is up to date ({} ms)",
                started.elapsed().as_millis()
            );
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
        println!(
            "generated code is up to date ({} ms)",
            started.elapsed().as_millis()
        );
    } else {
        println!(
            "{written} file(s) written ({} ms)",
            started.elapsed().as_millis()
        );
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod package_names {
    use super::package_name_for;
    use std::path::Path;

    #[test]
    fn come_from_the_whole_file_name() {
        let name = |file: &str| package_name_for(Path::new(file));
        assert_eq!(
            name("specs/pfx-user-certificate.openapi.yaml"),
            "pfx-user-certificate-openapi-yaml"
        );
        assert_ne!(name("csdl/TripPin.xml"), name("csdl/TripPin.openapi3.json"));
        assert_eq!(name("v1.0-Prod.csdl"), "v1-0-prod-csdl");
        assert_eq!(name("2024.json"), "api-2024-json");
        assert_eq!(name(&format!("{}.yaml", "a".repeat(70))).len(), 64);
    }
}
