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
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    entries
        .into_iter()
        .filter(|n| n.contains(".openapi.") || n.ends_with(".csdl.xml"))
        .map(|n| format!("generator/tests/fixtures/{n}"))
        .collect()
}

/// A Graph-like CSDL document with `entities` entity types (each with an
/// entity set, ten properties of every common kind and a navigation
/// reference), a quarter as many complex types and a tenth as many enums.
pub fn synthetic_csdl(entities: usize) -> String {
    let complexes = (entities / 4).max(1);
    let enums = (entities / 10).max(1);
    let mut xml = String::from(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n\
         <Schema Namespace=\"synthetic.graph\" Alias=\"graph\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         <EntityType Name=\"entity\" Abstract=\"true\"><Key><PropertyRef Name=\"id\"/></Key><Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\"/></EntityType>\n",
    );
    for e in 0..enums {
        xml.push_str(&format!("<EnumType Name=\"kind{e}\"><Member Name=\"alpha\" Value=\"0\"/><Member Name=\"beta\" Value=\"1\"/><Member Name=\"unknownFutureValue\" Value=\"2\"/></EnumType>\n"));
    }
    for c in 0..complexes {
        xml.push_str(&format!(
            "<ComplexType Name=\"detail{c}\"><Property Name=\"label\" Type=\"Edm.String\"/><Property Name=\"count\" Type=\"Edm.Int32\" Nullable=\"false\"/><Property Name=\"kind\" Type=\"graph.kind{}\"/></ComplexType>\n",
            c % enums
        ));
    }
    for i in 0..entities {
        xml.push_str(&format!(
            "<EntityType Name=\"thing{i}\" BaseType=\"graph.entity\">\
             <Property Name=\"displayName\" Type=\"Edm.String\"/><Property Name=\"description\" Type=\"Edm.String\"/>\
             <Property Name=\"createdDateTime\" Type=\"Edm.DateTimeOffset\" Nullable=\"false\"/><Property Name=\"size\" Type=\"Edm.Int64\"/>\
             <Property Name=\"enabled\" Type=\"Edm.Boolean\"/><Property Name=\"ownerId\" Type=\"Edm.Guid\"/>\
             <Property Name=\"kind\" Type=\"graph.kind{}\"/><Property Name=\"detail\" Type=\"graph.detail{}\"/>\
             <Property Name=\"tags\" Type=\"Collection(Edm.String)\"/><Property Name=\"history\" Type=\"Collection(graph.detail{})\"/>\
             <NavigationProperty Name=\"related\" Type=\"graph.thing{}\"/></EntityType>\n",
            i % enums,
            i % complexes,
            (i + 1) % complexes,
            (i + 1) % entities
        ));
    }
    xml.push_str("<EntityContainer Name=\"Service\">");
    for i in 0..entities {
        xml.push_str(&format!(
            "<EntitySet Name=\"things{i}\" EntityType=\"graph.thing{i}\"/>"
        ));
    }
    xml.push_str("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>\n");
    xml
}

/// Times parse and parse + emit of synthetic specs of growing size.
pub fn synthetic(runs: usize) {
    println!(
        "{:<28} {:>7} {:>7} {:>5} {:>10} {:>12} {:>7}",
        "synthetic spec", "types", "ops", "runs", "parse ms", "generate ms", "ratio"
    );
    let mut previous: Option<(usize, f64)> = None;
    for (entities, runs) in [(100, runs), (1000, runs.min(7)), (10_000, 3)] {
        let text = synthetic_csdl(entities);
        let options = CrateOptions {
            package_name: "synthetic".into(),
            source: "synthetic".into(),
            ..Default::default()
        };
        let (mut parse, mut total, mut counts) = (Vec::new(), Vec::new(), (0, 0));
        for _ in 0..runs {
            let started = Instant::now();
            let api = sdkgen::parse("synthetic", &text).expect("the synthetic spec is valid");
            parse.push(started.elapsed().as_secs_f64() * 1e3);
            sdkgen::emit_crate(&api, &options).expect("the synthetic spec emits");
            total.push(started.elapsed().as_secs_f64() * 1e3);
            counts = (api.types.len(), api.operations.len());
        }
        let (parse, total) = (median(parse), median(total));
        let growth = previous
            .map(|(n, t)| {
                format!(
                    "  {:.1}x the time for {:.0}x the entities",
                    total / t,
                    entities as f64 / n as f64
                )
            })
            .unwrap_or_default();
        println!(
            "{:<28} {:>7} {:>7} {runs:>5} {parse:>10.2} {total:>12.2} {:>6.1}x{growth}",
            format!("{entities} entity types"),
            counts.0,
            counts.1,
            total / parse
        );
        previous = Some((entities, total));
    }
}

/// Times whole runs of our `xtask codegen --spec` (release) and of
/// progenitor's `cargo progenitor` on the shared OpenAPI specs, in one run.
/// cargo-progenitor is installed from crates.io into `target/tools` the
/// first time.
pub fn progenitor(root: &Path, runs: usize) -> ExitCode {
    let Some(progenitor) = install_progenitor(root) else {
        return ExitCode::from(1);
    };
    let ours = std::env::current_exe().expect("the running xtask");
    let corpus = root.join("../shared/corpus/openapi");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        println!(
            "notice: {} is absent; the progenitor comparison is skipped",
            corpus.display()
        );
        return ExitCode::SUCCESS;
    };
    let mut specs: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("LICENSE"))
        })
        .collect();
    specs.sort();
    let out = root.join("target/bench-out");
    println!(
        "{:<32} {:>12} {:>16} {:>12}",
        "spec", "sdkgen ms", "progenitor ms", "ours/theirs"
    );
    for spec in specs {
        let name = spec
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let time = |program: &Path, args: Vec<std::ffi::OsString>| {
            median_run_ms(program, &args, &out, runs)
        };
        let ours_ms = time(
            &ours,
            vec![
                "codegen".into(),
                "--spec".into(),
                spec.clone().into(),
                "--out".into(),
                out.clone().into(),
            ],
        );
        let theirs_ms = time(
            &progenitor,
            vec![
                "progenitor".into(),
                "-i".into(),
                spec.clone().into(),
                "-o".into(),
                out.clone().into(),
                "-n".into(),
                "bench".into(),
                "-v".into(),
                "0.1.0".into(),
            ],
        );
        let show = |ms: Option<f64>| ms.map_or("fails".to_string(), |ms| format!("{ms:.1}"));
        let ratio = match (ours_ms, theirs_ms) {
            (Some(a), Some(b)) => format!("{:.2}", a / b),
            _ => "-".to_string(),
        };
        println!(
            "{name:<32} {:>12} {:>16} {ratio:>12}",
            show(ours_ms),
            show(theirs_ms)
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    println!("medians of {runs} whole-process runs each; both write a crate to a fresh directory");
    ExitCode::SUCCESS
}

/// `cargo-progenitor` under `target/tools`, installed from crates.io the
/// first time.
fn install_progenitor(root: &Path) -> Option<std::path::PathBuf> {
    let tools = root.join("target/tools");
    let progenitor = tools.join("bin/cargo-progenitor");
    if !progenitor.is_file() {
        println!(
            "installing cargo-progenitor from crates.io into {}",
            tools.display()
        );
        let status =
            std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(["install", "cargo-progenitor", "--locked", "--root"])
                .arg(&tools)
                .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("error: cannot install cargo-progenitor");
            return None;
        }
    }
    Some(progenitor)
}

/// The median wall time of `runs` runs of `program`, each into a fresh
/// `out`; none if a run fails.
fn median_run_ms(
    program: &Path,
    args: &[std::ffi::OsString],
    out: &Path,
    runs: usize,
) -> Option<f64> {
    let mut samples = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(out);
        let started = Instant::now();
        let output = std::process::Command::new(program)
            .args(args)
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        samples.push(started.elapsed().as_secs_f64() * 1e3);
    }
    Some(median(samples))
}

pub fn run(root: &Path, specs: &[String], runs: usize, large_runs: usize) -> ExitCode {
    let mut specs = specs.to_vec();
    if root.join(GRAPH_V1).is_file() {
        specs.push(GRAPH_V1.to_string());
    } else {
        println!("notice: {GRAPH_V1} is absent; the whole-Graph benchmark is skipped");
    }
    println!(
        "{:<52} {:>6} {:>6} {:>5} {:>10} {:>12} {:>7} {:>9} {:>7}",
        "spec", "types", "ops", "runs", "parse ms", "generate ms", "ratio", "print ms", "ratio"
    );
    for spec in &specs {
        let text = match std::fs::read_to_string(root.join(spec)) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {spec}: {e}");
                return ExitCode::from(2);
            }
        };
        let runs = if text.len() > 1 << 20 {
            large_runs
        } else {
            runs
        };
        let options = CrateOptions {
            package_name: "bench".into(),
            source: spec.clone(),
            ..Default::default()
        };
        let (mut parse, mut total, mut counts) = (Vec::new(), Vec::new(), (0, 0));
        let mut files = sdkgen::CrateFiles::new();
        for _ in 0..runs {
            let started = Instant::now();
            let api = match sdkgen::parse(spec, &text) {
                Ok(api) => api,
                Err(e) => return crate::codegen::bad_input(&e),
            };
            parse.push(started.elapsed().as_secs_f64() * 1e3);
            files = match sdkgen::emit_crate(&api, &options) {
                Ok(files) => files,
                Err(e) => return crate::codegen::bad_input(&e),
            };
            total.push(started.elapsed().as_secs_f64() * 1e3);
            counts = (api.types.len(), api.operations.len());
        }
        let pieces = printable(&files);
        let print = median((0..runs).map(|_| print_on_every_core(&pieces)).collect());
        let (parse, total) = (median(parse), median(total));
        println!(
            "{spec:<52} {:>6} {:>6} {runs:>5} {parse:>10.2} {total:>12.2} {:>6.1}x {print:>9.2} {:>6.1}x",
            counts.0,
            counts.1,
            total / parse,
            print / parse
        );
    }
    println!(
        "medians; generate = parse + emit (tokens, syn check, prettyplease), files kept in memory;\n\
         print = prettyplease alone printing the emitted syntax trees, in the generator's chunks on every core"
    );
    ExitCode::SUCCESS
}

/// Items per printed piece, as the generator cuts its big files.
const ITEMS_PER_PIECE: usize = 200;

/// The Rust files the generator printed (not the runtime it ships as is), in
/// pieces of at most 200 items (or 200 methods of one `impl`), about the
/// size of the chunks it prints, as text.
fn printable(files: &sdkgen::CrateFiles) -> Vec<String> {
    let printed = |path: &str| path.ends_with(".rs") && !sdkgen::emit::is_shipped(path);
    let mut pieces = Vec::new();
    for text in files
        .iter()
        .filter(|(path, _)| printed(path))
        .map(|(_, text)| text)
    {
        // Emitted code always parses; the generator checked it.
        let Ok(mut file) = syn::parse_file(text) else {
            continue;
        };
        let mut items = Vec::new();
        for item in std::mem::take(&mut file.items) {
            match item {
                syn::Item::Impl(mut block) if block.items.len() > ITEMS_PER_PIECE => {
                    let methods = std::mem::take(&mut block.items);
                    for chunk in methods.chunks(ITEMS_PER_PIECE) {
                        let mut part = block.clone();
                        part.items = chunk.to_vec();
                        items.push(syn::Item::Impl(part));
                    }
                }
                item => items.push(item),
            }
        }
        for chunk in items.chunks(ITEMS_PER_PIECE) {
            let mut piece = file.clone();
            piece.items = chunk.to_vec();
            pieces.push(prettyplease::unparse(&piece));
        }
    }
    pieces
}

/// Milliseconds for prettyplease alone to print `pieces` on a thread per
/// core. Syntax trees cannot cross threads, so each thread parses its share
/// first; the clock starts when all are ready.
fn print_on_every_core(pieces: &[String]) -> f64 {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let ready = std::sync::Barrier::new(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                let ready = &ready;
                scope.spawn(move || {
                    let trees: Vec<syn::File> = pieces
                        .iter()
                        .skip(first)
                        .step_by(threads)
                        .filter_map(|p| syn::parse_file(p).ok())
                        .collect();
                    ready.wait();
                    let started = Instant::now();
                    for tree in &trees {
                        std::hint::black_box(prettyplease::unparse(tree));
                    }
                    started.elapsed().as_secs_f64() * 1e3
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or(f64::NAN))
            .fold(0.0, f64::max)
    })
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
