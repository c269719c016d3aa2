//! `cargo xtask bench`: in-process timings of generation, medians of several
//! runs: parsing alone, and parsing plus emitting a whole crate. Run it in
//! release mode (`cargo run --release -p xtask -- bench`); timings are noisy,
//! so compare numbers from one run.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use sdkgen::CrateOptions;

/// The whole Microsoft Graph v1.0 metadata, when `../shared` is there.
const GRAPH_V1: &str = "../shared/corpus/graph/v1.0-Prod.csdl";

/// The fixture specs, by path from the workspace root.
pub fn fixtures(root: &Path) -> Vec<String> {
    let mut entries: Vec<String> = std::fs::read_dir(root.join("generator/tests/fixtures"))
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
        .into_iter()
        .filter(|n| n.contains(".openapi.") || n.ends_with(".csdl.xml"))
        .map(|n| format!("generator/tests/fixtures/{n}"))
        .collect()
}

pub fn run(root: &Path, specs: &[String], runs: usize, large_runs: usize) -> ExitCode {
    let mut specs = specs.to_vec();
    if root.join(GRAPH_V1).is_file() {
        specs.push(GRAPH_V1.to_string());
    } else {
        println!("notice: {GRAPH_V1} is absent; the whole-Graph benchmark is skipped");
    }
    println!(
        "{:<52} {:>6} {:>6} {:>5} {:>10} {:>12} {:>7}",
        "spec", "types", "ops", "runs", "parse ms", "generate ms", "ratio"
    );
    for spec in &specs {
        let text = match std::fs::read_to_string(root.join(spec)) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {spec}: {e}");
                return ExitCode::from(2);
            }
        };
        let runs = if text.len() > 1 << 20 { large_runs } else { runs };
        let options = CrateOptions { package_name: "bench".into(), source: spec.clone(), ..Default::default() };
        let (mut parse, mut total, mut counts) = (Vec::new(), Vec::new(), (0, 0));
        for _ in 0..runs {
            let started = Instant::now();
            let api = match sdkgen::parse(spec, &text) {
                Ok(api) => api,
                Err(e) => return super::bad_input(&e),
            };
            parse.push(started.elapsed().as_secs_f64() * 1e3);
            if let Err(e) = sdkgen::emit_crate(&api, &options) {
                return super::bad_input(&e);
            }
            total.push(started.elapsed().as_secs_f64() * 1e3);
            counts = (api.types.len(), api.operations.len());
        }
        let (parse, total) = (median(parse), median(total));
        let ratio = total / parse;
        println!("{spec:<52} {:>6} {:>6} {runs:>5} {parse:>10.2} {total:>12.2} {ratio:>6.1}x", counts.0, counts.1);
    }
    println!("medians; generate = parse + emit (tokens, syn check, prettyplease), files kept in memory");
    ExitCode::SUCCESS
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
