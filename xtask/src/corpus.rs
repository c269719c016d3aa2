//! `cargo xtask corpus`: a crate for every API description in
//! `../shared/corpus` (openapi/, csdl/ in both formats, graph/), each checked
//! by `cargo check`, and a table of what happened. Excerpts (`*.excerpt.*`)
//! are fragments of documents, not documents, and are listed as skipped.
//! Then slices of the whole Graph (`--include`), which must compile as well:
//! the types a slice keeps include those derived from the ones it holds.
//!
//! Exit status: 0 every spec generated and checked without warnings, 1
//! otherwise. Without `../shared` it says so and exits 0.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use sdkgen::CrateOptions;

const CORPUS: &str = "../shared/corpus";
const FOLDERS: &[&str] = &["openapi", "csdl", "graph"];

/// Slices of Graph v1.0 checked after the whole documents: two big areas,
/// pages of a base type (`attachment`, `place`) and a containment tree.
const SLICES: &[(&str, &[&str])] = &[
    ("graph/v1.0-Prod.csdl", &["/users/**", "/groups/**"]),
    ("graph/v1.0-Prod.csdl", &["/me/messages/**", "/places/**"]),
    ("graph/v1.0-Prod.csdl", &["/deviceManagement/**"]),
];

/// One row of the table.
struct Row {
    spec: String,
    types: usize,
    operations: usize,
    /// Schemas read as any JSON value (`serde_json::Value`), each a warning.
    fallbacks: usize,
    generate_ms: f64,
    check_s: f64,
    result: String,
}

pub fn run(root: &Path, only: Option<&str>) -> ExitCode {
    let corpus = root.join(CORPUS);
    if !corpus.is_dir() {
        println!("notice: {CORPUS} is absent; the corpus run is skipped");
        return ExitCode::SUCCESS;
    }
    let out_root = root.join("target/corpus");
    let target_dir = root.join("target/corpus-crates");
    let mut rows = Vec::new();
    for spec in specs(&corpus) {
        let shown = spec
            .strip_prefix(&corpus)
            .unwrap_or(&spec)
            .display()
            .to_string();
        if only.is_some_and(|filter| !shown.contains(filter)) {
            continue;
        }
        let name = spec.file_name().and_then(|n| n.to_str()).unwrap_or("spec");
        if name.contains(".excerpt.") {
            println!("skipped {shown}: an excerpt, not a whole document");
            continue;
        }
        let key = super::kebab(&shown);
        rows.push(generate_and_check(
            root,
            &spec,
            &shown,
            &key,
            &[],
            &out_root,
            &target_dir,
        ));
    }
    for (number, (spec, include)) in SLICES.iter().enumerate() {
        let shown = format!("{spec} --include {}", include.join(" --include "));
        if only.is_some_and(|filter| !shown.contains(filter)) {
            continue;
        }
        let include: Vec<String> = include.iter().map(|p| p.to_string()).collect();
        let spec = corpus.join(spec);
        let key = format!("slice-{}", number + 1);
        rows.push(generate_and_check(
            root,
            &spec,
            &shown,
            &key,
            &include,
            &out_root,
            &target_dir,
        ));
    }
    let failed = rows.iter().any(|row| row.result != "ok");
    println!(
        "\n| spec | types | operations | JSON-value fallbacks | generate ms | cargo check s | result |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    );
    for row in &rows {
        println!(
            "| `{}` | {} | {} | {} | {:.1} | {:.1} | {} |",
            row.spec,
            row.types,
            row.operations,
            row.fallbacks,
            row.generate_ms,
            row.check_s,
            row.result
        );
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The spec files of the corpus, folder by folder, in name order.
fn specs(corpus: &Path) -> Vec<PathBuf> {
    let mut specs = Vec::new();
    for folder in FOLDERS {
        let Ok(entries) = std::fs::read_dir(corpus.join(folder)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                !name.starts_with("LICENSE")
                    && [".json", ".yaml", ".yml", ".xml", ".csdl"]
                        .iter()
                        .any(|ext| name.ends_with(ext))
            })
            .collect();
        files.sort();
        specs.extend(files);
    }
    specs
}

/// Generates a crate for `spec` (only the operations under `include`, when
/// some are given) in the folder `key`, `cargo check`s it and prints its row.
fn generate_and_check(
    root: &Path,
    spec: &Path,
    shown: &str,
    key: &str,
    include: &[String],
    out_root: &Path,
    target_dir: &Path,
) -> Row {
    let row = generate_and_check_quietly(root, spec, shown, key, include, out_root, target_dir);
    println!(
        "{:<52} {:>6} {:>6} {:>10.1} {:>8.1}  {}",
        row.spec, row.types, row.operations, row.generate_ms, row.check_s, row.result
    );
    row
}

fn generate_and_check_quietly(
    root: &Path,
    spec: &Path,
    shown: &str,
    key: &str,
    include: &[String],
    out_root: &Path,
    target_dir: &Path,
) -> Row {
    let mut row = Row {
        spec: shown.to_string(),
        types: 0,
        operations: 0,
        fallbacks: 0,
        generate_ms: 0.0,
        check_s: 0.0,
        result: String::new(),
    };
    let started = Instant::now();
    let settings = sdkgen::Settings {
        include: include.to_vec(),
        ..Default::default()
    };
    let options = CrateOptions {
        package_name: format!("corpus-{key}"),
        source: shown.to_string(),
        ..Default::default()
    };
    let generated = sdkgen::generate(spec, shown, &settings, &options, sdkgen::Output::Crate);
    row.generate_ms = started.elapsed().as_secs_f64() * 1e3;
    let files = match generated {
        Ok(sdkgen::Generated { api, files }) => {
            for warning in &api.warnings {
                println!("warning: {warning}");
            }
            row.types = api.types.len();
            row.operations = api.operations.len();
            row.fallbacks = sdkgen::json_value_fallbacks(&api);
            if sdkgen::Layout::Auto.for_api(&api) == sdkgen::Layout::Workspace {
                row.spec.push_str(" (split)");
            }
            files
        }
        Err(e) => {
            row.result = format!("generation failed: {e}");
            return row;
        }
    };
    let dir = out_root.join(key);
    if let Err(e) = sdkgen::output::write_files(&dir, &files)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")))
    {
        row.result = format!("cannot write {}: {e}", dir.display());
        return row;
    }
    let started = Instant::now();
    row.result = check_quietly(&dir, target_dir);
    row.check_s = started.elapsed().as_secs_f64();
    row
}

/// `cargo check` of the crate in `dir`: "ok", or what is wrong (warnings of
/// the emitted crates themselves count; dependencies' are capped by cargo).
fn check_quietly(dir: &Path, target_dir: &Path) -> String {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--offline",
            "--message-format=short",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        // One check each: incremental state would only cost memory (gigabytes for the whole Graph).
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output();
    match output {
        Err(e) => format!("cannot run cargo: {e}"),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            // Warnings in the emitted crates themselves (dependencies' are capped by cargo).
            let warnings = stderr
                .lines()
                .filter(|l| {
                    (l.starts_with("src/") || l.starts_with("crates/")) && l.contains("warning")
                })
                .count();
            match (output.status.success(), warnings) {
                (true, 0) => "ok".to_string(),
                (true, n) => format!("{n} warning(s): see `cargo check` in {}", dir.display()),
                (false, _) => {
                    let first = stderr
                        .lines()
                        .find(|l| l.contains("error"))
                        .unwrap_or("cargo check failed");
                    format!("does not compile: {first}")
                }
            }
        }
    }
}
