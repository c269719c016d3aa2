//! `cargo xtask corpus`: a crate for every API description in
//! `../shared/corpus` (openapi/, csdl/ in both formats, graph/), each checked
//! by `cargo check`, and a table of what happened. Excerpts (`*.excerpt.*`)
//! are fragments of documents, not documents, and are listed as skipped.
//!
//! Exit status: 0 every spec generated and checked without warnings, 1
//! otherwise. Without `../shared` it says so and exits 0.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use sdkgen::CrateOptions;

const CORPUS: &str = "../shared/corpus";
const FOLDERS: &[&str] = &["openapi", "csdl", "graph"];

/// One row of the table.
struct Row {
    spec: String,
    types: usize,
    operations: usize,
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
    let mut failed = false;
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
        let row = generate_and_check(root, &spec, &shown, &out_root, &target_dir);
        failed |= row.result != "ok";
        println!(
            "{:<52} {:>6} {:>6} {:>10.1} {:>8.1}  {}",
            row.spec, row.types, row.operations, row.generate_ms, row.check_s, row.result
        );
        rows.push(row);
    }
    println!(
        "\n| spec | types | operations | generate ms | cargo check s | result |\n| --- | ---: | ---: | ---: | ---: | --- |"
    );
    for row in &rows {
        println!(
            "| `{}` | {} | {} | {:.1} | {:.1} | {} |",
            row.spec, row.types, row.operations, row.generate_ms, row.check_s, row.result
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

fn generate_and_check(
    root: &Path,
    spec: &Path,
    shown: &str,
    out_root: &Path,
    target_dir: &Path,
) -> Row {
    let mut row = Row {
        spec: shown.to_string(),
        types: 0,
        operations: 0,
        generate_ms: 0.0,
        check_s: 0.0,
        result: String::new(),
    };
    let started = Instant::now();
    let generated = sdkgen::load(spec, shown).and_then(|api| {
        for warning in &api.warnings {
            println!("warning: {warning}");
        }
        row.types = api.types.len();
        row.operations = api.operations.len();
        let package_name = format!("corpus-{}", super::kebab(shown));
        sdkgen::emit_crate(
            &api,
            &CrateOptions {
                package_name,
                source: shown.to_string(),
                ..Default::default()
            },
        )
    });
    row.generate_ms = started.elapsed().as_secs_f64() * 1e3;
    let files = match generated {
        Ok(files) => files,
        Err(e) => {
            row.result = format!("generation failed: {e}");
            return row;
        }
    };
    let dir = out_root.join(super::kebab(shown));
    if let Err(e) = sdkgen::output::write_files(&dir, &files)
        .and_then(|_| std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")))
    {
        row.result = format!("cannot write {}: {e}", dir.display());
        return row;
    }
    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--offline", "--message-format=short"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target_dir)
        // One check each: incremental state would only cost memory (gigabytes for the whole Graph).
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output();
    row.check_s = started.elapsed().as_secs_f64();
    row.result = match output {
        Err(e) => format!("cannot run cargo: {e}"),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            // Warnings in the emitted crate itself (dependencies' are capped by cargo).
            let warnings = stderr
                .lines()
                .filter(|l| l.starts_with("src/") && l.contains("warning"))
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
    };
    row
}
