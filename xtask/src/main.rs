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
//! - `cargo xtask semver`: the change report judged by cargo-semver-checks
//!   over a series of schema changes (see `semver.rs`).
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

use clap::{Parser, Subcommand};

mod apis_guru;
mod bench;
mod codegen;
use codegen::{codegen_one, codegen_project, diff};
mod bench_build;
mod bench_decode;
mod conform;
mod corpus;
mod fuzz;
mod interop;
mod node;
mod sample;
mod semver;
mod semver_tool;
use sdkgen::model::Server;
use sdkgen::{Layout, Settings};

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
        /// Base URL of the service, optionally followed by a space and its
        /// description; repeat for several, the default first. Replaces the
        /// spec's servers (a Graph CSDL gets Graph's v1.0 endpoints without it).
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
        #[arg(long, requires = "spec", default_value = "auto", value_parser = layout_value())]
        layout: Layout,
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
    /// Judge the change report by cargo-semver-checks (installed from
    /// crates.io into target/tools) over the changes of
    /// interop/semver/changes.yaml, each made both ways.
    Semver,
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
            let settings = Settings {
                servers: servers.iter().map(|arg| server_named(arg)).collect(),
                secrets,
                include,
            };
            codegen_one(&spec, &out, name, settings, path_features, layout, check)
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
        Task::Semver => semver::run(&workspace_root()),
        Task::Conform { specs, calls, seed } => conform::run(
            &workspace_root(),
            &conform::Conform {
                specs,
                calls: calls.max(1),
                seed,
            },
        ),
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
        } => bench_generation(
            runs.unwrap_or(21).max(1),
            large_runs.max(1),
            synthetic,
            progenitor,
        ),
    }
}

/// `cargo xtask bench` without `--build` or `--decode`: generation times of
/// the project's specs and fixtures, then what the flags add.
fn bench_generation(runs: usize, large_runs: usize, synthetic: bool, progenitor: bool) -> ExitCode {
    let mut specs = codegen::project_specs();
    specs.extend(bench::fixtures(&workspace_root()));
    let status = bench::run(&workspace_root(), &specs, runs, large_runs);
    if synthetic {
        bench::synthetic(runs);
    }
    if progenitor {
        bench::progenitor(&workspace_root(), runs)
    } else {
        status
    }
}

/// `--server URL [DESCRIPTION]`.
fn server_named(arg: &str) -> Server {
    match arg.trim().split_once(char::is_whitespace) {
        Some((url, description)) => Server {
            url: url.into(),
            description: Some(description.trim().into()),
        },
        None => Server {
            url: arg.trim().into(),
            description: None,
        },
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
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

/// `--layout`: one of [`Layout::NAMED`], read as that layout.
fn layout_value() -> impl clap::builder::TypedValueParser<Value = Layout> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Layout::NAMED.map(|(name, _)| name))
        .map(|name| Layout::named(&name).unwrap_or_default())
}
