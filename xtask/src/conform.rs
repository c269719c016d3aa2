//! `cargo xtask conform`: every operation of a real description called
//! through the SDK sdkgen makes of it, against Stoplight Prism's mock of the
//! same description (`prism mock -d`: it validates each request and answers
//! random schema-valid bodies). Prism and json-schema-faker (which makes the
//! requests' values, as Prism makes its answers) are installed by `npm ci`
//! in `interop/prism`; Prism runs on 127.0.0.1 on a free port and is stopped
//! on every path.
//!
//! Per description: the SDK (`target/conform/NAME/sdk`) and a runner beside
//! it (`runner/`: the exerciser sdkgen emits, `xtask/conform/*.rs`), the
//! inputs (`interop/prism/inputs.mjs`, CALLS sets per operation), then one
//! line of JSON per call from the runner, counted per operation: an
//! operation passes when every call's request is accepted, its answer
//! decodes, is written back the same (up to the normalisations of
//! `xtask/conform/compare.rs`) and names no unknown value or variant.
//!
//! Exit status: 0 every operation of every description passed, or failed
//! only as `interop/prism/expected.txt` says and why; 1 otherwise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::node;
use sdkgen::{CrateOptions, Layout};

const PROJECT: &str = "interop/prism";
const EXPECTED: &str = "expected.txt";
/// How long Prism may take to load a description.
const STARTUP: Duration = Duration::from_secs(120);

/// The real descriptions CI runs: the shared corpus's public specs and
/// documents of the APIs.guru directory (`apis-guru:` names one there) that
/// Prism loads quickly. GitHub's, Vercel's, DigitalOcean's and Box's take
/// longer and are a documented long run (docs/reference.md).
pub const DEFAULT_SPECS: &[&str] = &[
    "../shared/corpus/openapi/petstore-expanded.yaml",
    "../shared/corpus/openapi/keeper.json",
    "../shared/corpus/openapi/azure_advisor.yaml",
    "apis-guru:docker.com/engine.json",
    "apis-guru:spotify.com.json",
    "apis-guru:netlify.com.json",
];

/// `apis-guru:NAME` is a document of the APIs.guru directory (installed on
/// first use); anything else a path.
fn spec_path(root: &Path, spec: &str) -> Result<PathBuf, String> {
    match spec.strip_prefix("apis-guru:") {
        Some(name) => crate::apis_guru::document(root, name),
        // As given, or under the workspace (the default set's paths).
        None if Path::new(spec).exists() => Ok(PathBuf::from(spec)),
        None => Ok(root.join(spec)),
    }
}

/// What `conform` is asked to do.
pub struct Conform {
    /// Paths or `apis-guru:NAME`; none for [`DEFAULT_SPECS`].
    pub specs: Vec<String>,
    pub calls: usize,
    pub seed: u64,
}

/// The outcome counts of one description.
#[derive(Default)]
struct Tally {
    operations: usize,
    passed: usize,
    /// Operations with at least one call of each failing outcome.
    failing: BTreeMap<String, Vec<(String, String)>>,
}

pub fn run(root: &Path, conform: &Conform) -> ExitCode {
    match run_all(root, conform) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: conform: {message}");
            ExitCode::from(1)
        }
    }
}

fn run_all(root: &Path, conform: &Conform) -> Result<bool, String> {
    let named: Vec<&str> = if conform.specs.is_empty() {
        DEFAULT_SPECS.to_vec()
    } else {
        conform.specs.iter().map(String::as_str).collect()
    };
    let specs: Vec<PathBuf> = named
        .iter()
        .map(|spec| spec_path(root, spec))
        .collect::<Result<_, _>>()?;
    let project = root.join(PROJECT);
    node::install(&project, "Prism")?;
    let expected = read_expected(&project.join(EXPECTED))?;
    let mut rows = Vec::new();
    let mut ok = true;
    for spec in &specs {
        let shown = spec
            .strip_prefix(root)
            .unwrap_or(spec)
            .display()
            .to_string();
        if !spec.is_file() {
            println!("notice: {shown} is absent; skipped");
            continue;
        }
        let started = Instant::now();
        let tally = match conform_one(root, &project, spec, conform) {
            Ok(tally) => tally,
            Err(message) => {
                println!("error: {shown}: {message}");
                ok = false;
                continue;
            }
        };
        for (outcome, operations) in &tally.failing {
            for (operation, detail) in operations {
                let key = format!("{}#{operation}", file_name(spec));
                match expected.get(&key) {
                    Some(why) => println!("expected {outcome}: {key}: {why}"),
                    None => {
                        println!("{outcome}: {key}: {detail}");
                        ok = false;
                    }
                }
            }
        }
        rows.push((shown, tally, started.elapsed()));
    }
    println!(
        "\n| description | operations | passed | rejected | unbuilt | undecoded | changed | unknown | s |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for (spec, tally, took) in &rows {
        let count = |outcome: &str| tally.failing.get(outcome).map_or(0, Vec::len);
        println!(
            "| `{spec}` | {} | {} | {} | {} | {} | {} | {} | {:.0} |",
            tally.operations,
            tally.passed,
            count("rejected"),
            count("unbuilt"),
            count("undecoded"),
            count("changed"),
            count("unknown"),
            took.as_secs_f64()
        );
    }
    Ok(ok)
}

fn file_name(spec: &Path) -> String {
    spec.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("spec")
        .to_string()
}

/// `interop/prism/expected.txt`: a failing operation per line,
/// `FILE#OPERATION: whose fault it is and the evidence`.
fn read_expected(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut expected = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, why)) = line.split_once(": ") else {
            return Err(format!(
                "{}:{}: expected `FILE#OPERATION: why`",
                path.display(),
                number + 1
            ));
        };
        expected.insert(key.to_string(), why.to_string());
    }
    Ok(expected)
}

fn conform_one(
    root: &Path,
    project: &Path,
    spec: &Path,
    conform: &Conform,
) -> Result<Tally, String> {
    let name = super::kebab(&file_name(spec));
    let dir = root.join("target/conform").join(&name);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let shown = spec.display().to_string();
    // Prism and the sampler read JSON; the SDK is made from the spec as it is.
    let json = dir.join("spec.json");
    write_json(spec, &json)?;
    write_sdk(root, spec, &shown, &dir)?;
    let runner = build_runner(root, &dir)?;
    let inputs = dir.join("inputs.json");
    make_inputs(project, &json, &inputs, conform)?;
    let port = node::free_port()?;
    let log = dir.join("prism.log");
    let args = ["mock", "-d", "-h", "127.0.0.1", "-p", &port.to_string()];
    let mut args: Vec<&str> = args.to_vec();
    let json_text = json.display().to_string();
    args.push(&json_text);
    let server = node::Server::start(
        project,
        "node_modules/@stoplight/prism-cli/dist/index.js",
        &args,
        &[],
        &log,
    )?;
    node::wait_for_port(port, STARTUP)
        .map_err(|e| format!("Prism: {e}; its log: {}", log.display()))?;
    let output = Command::new(&runner)
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&inputs)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", runner.display()))?;
    drop(server);
    if !output.status.success() {
        return Err(format!(
            "the runner failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(tally(&String::from_utf8_lossy(&output.stdout)))
}

/// Counts the runner's lines per operation: passed, or the first call of
/// each failing outcome.
fn tally(lines: &str) -> Tally {
    let mut outcomes: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for line in lines.lines() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
        let per_operation = outcomes.entry(text("operation")).or_default();
        per_operation
            .entry(text("outcome"))
            .or_insert_with(|| text("detail"));
    }
    let mut tally = Tally {
        operations: outcomes.len(),
        ..Default::default()
    };
    for (operation, per_outcome) in outcomes {
        let failed: Vec<(&String, &String)> = per_outcome
            .iter()
            .filter(|(outcome, _)| *outcome != "ok")
            .collect();
        if failed.is_empty() {
            tally.passed += 1;
        }
        for (outcome, detail) in failed {
            tally
                .failing
                .entry(outcome.clone())
                .or_default()
                .push((operation.clone(), detail.clone()));
        }
    }
    tally
}

fn write_json(spec: &Path, json: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(spec)
        .map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let value: serde_json::Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| e.to_string())?
    } else {
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", spec.display()))?
    };
    std::fs::write(json, value.to_string())
        .map_err(|e| format!("cannot write {}: {e}", json.display()))
}

fn write_sdk(root: &Path, spec: &Path, shown: &str, dir: &Path) -> Result<(), String> {
    let options = CrateOptions {
        package_name: "conform-sdk".into(),
        source: shown.to_string(),
        layout: Layout::Single,
        ..Default::default()
    };
    let settings = sdkgen::Settings::default();
    let sdkgen::Generated { api, files } =
        sdkgen::generate(spec, shown, &settings, &options, sdkgen::Output::Crate)
            .map_err(|e| e.to_string())?;
    sdkgen::output::write_files(&dir.join("sdk"), &files)
        .map_err(|e| format!("cannot write the SDK: {e}"))?;
    let runner = dir.join("runner");
    let exerciser = sdkgen::emit_exerciser(&api, shown).map_err(|e| e.to_string())?;
    let sources = root.join("xtask/conform");
    let mut files = sdkgen::CrateFiles::new();
    files.insert("Cargo.toml".into(), RUNNER_MANIFEST.to_string());
    files.insert("src/exerciser.rs".into(), exerciser);
    for file in ["main.rs", "support.rs", "compare.rs"] {
        let text = std::fs::read_to_string(sources.join(file))
            .map_err(|e| format!("cannot read xtask/conform/{file}: {e}"))?;
        files.insert(format!("src/{file}"), text);
    }
    sdkgen::output::write_files(&runner, &files)
        .map_err(|e| format!("cannot write the runner: {e}"))?;
    std::fs::copy(root.join("Cargo.lock"), runner.join("Cargo.lock"))
        .map(|_| ())
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))
}

/// The runner's manifest: the SDK (without its HTTP client: the runner
/// sends with ureq, redirects not followed) and what the runner uses.
const RUNNER_MANIFEST: &str = r#"[package]
name = "conform-runner"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
sdk = { package = "conform-sdk", path = "../sdk", default-features = false }
http = "1"
serde = "1"
serde_json = "1"
# The SDK's types name these (`uuid::Uuid`, `time::OffsetDateTime`).
time = { version = "0.3", features = ["serde", "formatting", "parsing"] }
uuid = { version = "1", features = ["serde"] }
ureq = { version = "3.5.2", default-features = false }

[workspace]
"#;

fn build_runner(root: &Path, dir: &Path) -> Result<PathBuf, String> {
    let target = root.join("target/conform-build");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("runner/Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(20)
            .collect();
        return Err(format!("the runner does not build:\n{}", first.join("\n")));
    }
    Ok(target.join("debug/conform-runner"))
}

fn make_inputs(
    project: &Path,
    json: &Path,
    inputs: &Path,
    conform: &Conform,
) -> Result<(), String> {
    let output = Command::new("node")
        .arg("inputs.mjs")
        .arg(json)
        .arg(conform.calls.to_string())
        .arg(conform.seed.to_string())
        .current_dir(project)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "inputs.mjs failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    std::fs::write(inputs, &output.stdout)
        .map_err(|e| format!("cannot write {}: {e}", inputs.display()))
}
