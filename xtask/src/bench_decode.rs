//! `cargo xtask bench --decode`: how fast a generated model decodes, beside
//! a plain serde struct with the same fields and `serde_json::Value`.
//!
//! Generates the Graph v1.0 `/users` crate, a page of 1,000 users (every
//! property of a plain type, an enum or a list of them set; nested objects
//! left out; three properties the model does not know per user) and a
//! release program that decodes the page into the SDK's
//! `UserCollectionResponse`, into a `#[derive(Deserialize)]` struct of the
//! same fields (the SDK's own field types and formats, no capture of
//! unknown properties) and into a `Value`, in batches of one kind; medians.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode};

use sdkgen::emit::summary::{FieldSummary, TypeSummary};
use sdkgen::{CrateOptions, Settings};

const GRAPH_V1: &str = "../shared/corpus/graph/v1.0-Prod.csdl";
const USERS: usize = 1_000;

pub fn run(root: &Path, runs: usize) -> ExitCode {
    let spec = root.join(GRAPH_V1);
    if !spec.is_file() {
        println!("notice: {GRAPH_V1} is absent; the decode benchmark is skipped");
        return ExitCode::SUCCESS;
    }
    match prepare_and_run(root, &spec, runs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn prepare_and_run(root: &Path, spec: &Path, runs: usize) -> Result<(), String> {
    let out = root.join("target/bench-decode");
    let settings = Settings {
        include: vec!["/users".to_string()],
        ..Default::default()
    };
    let options = CrateOptions {
        package_name: "bench-users".into(),
        source: GRAPH_V1.into(),
        ..Default::default()
    };
    let files = sdkgen::generate(spec, GRAPH_V1, &settings, &options, sdkgen::Output::Crate)
        .map_err(|e| e.to_string())?
        .files;
    let summary =
        sdkgen::read_summary("api.json", &files["api.json"]).map_err(|e| e.to_string())?;
    let Some(TypeSummary::Struct { fields, .. }) = summary.types.get("User") else {
        return Err("the /users crate has no User struct".into());
    };
    let enums = |ty: &str| match summary.types.get(ty) {
        Some(TypeSummary::Enum { members, .. }) => members.first().cloned(),
        _ => None,
    };
    let write = |dir: &Path, name: &str, text: &str| {
        std::fs::create_dir_all(dir)
            .and_then(|_| std::fs::write(dir.join(name), text))
            .map_err(|e| format!("cannot write {}: {e}", dir.display()))
    };
    let sdk = out.join("sdk");
    sdkgen::output::write_files(&sdk, &files).map_err(|e| e.to_string())?;
    let program = out.join("program");
    write(&program, "Cargo.toml", PROGRAM_MANIFEST)?;
    write(&program.join("src"), "main.rs", &program_source(fields))?;
    write(&out, "page.json", &page(fields, &enums, true))?;
    write(&out, "known.json", &page(fields, &enums, false))?;
    std::fs::copy(root.join("Cargo.lock"), program.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy the lock file: {e}"))?;
    println!("building the decode program (release)");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "-q", "--release", "--offline", "--"])
        .arg(out.join("page.json"))
        .arg(out.join("known.json"))
        .arg(runs.to_string())
        .current_dir(&program)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .env_remove("RUSTFLAGS")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("the decode program failed".into());
    }
    Ok(())
}

const PROGRAM_MANIFEST: &str = "[package]\nname = \"bench-decode\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n\
[dependencies]\nsdk = { package = \"bench-users\", path = \"../sdk\", default-features = false }\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\ntime = { version = \"0.3\", features = [\"serde\"] }\nuuid = { version = \"1\", features = [\"serde\"] }\n";

/// A JSON value of a field's type, or `None` for what the page leaves out
/// (nested objects, lists of them).
fn sample(ty: &str, enum_member: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let inner = ty.strip_prefix("Option<")?.strip_suffix('>')?;
    let one = |ty: &str| -> Option<String> {
        Some(match ty {
            "String" => "\"Contoso text value\"".to_string(),
            "bool" => "true".to_string(),
            "i8" | "u8" | "i16" | "i32" | "i64" => "42".to_string(),
            "f32" | "f64" => "1.5".to_string(),
            "uuid::Uuid" => "\"0a1b2c3d-0000-4000-8000-000000000001\"".to_string(),
            "time::OffsetDateTime" => "\"2024-01-31T13:45:00Z\"".to_string(),
            "time::Date" => "\"2024-01-31\"".to_string(),
            "time::Time" => "\"13:45:00\"".to_string(),
            other => format!("\"{}\"", enum_member(other)?),
        })
    };
    match inner.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        Some("u8") => Some("\"AAECAw==\"".to_string()),
        Some(item) => one(item).map(|v| format!("[{v},{v}]")),
        None => one(inner),
    }
}

fn page(
    fields: &[FieldSummary],
    enum_member: &dyn Fn(&str) -> Option<String>,
    unknown: bool,
) -> String {
    let mut page = String::from(
        "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users\",\"value\":[",
    );
    for user in 0..USERS {
        if user > 0 {
            page.push(',');
        }
        page.push('{');
        for field in fields {
            let value = if field.wire == "id" {
                Some(format!("\"user-{user}\""))
            } else {
                sample(&field.ty, enum_member)
            };
            if let Some(value) = value {
                let _ = write!(page, "\"{}\":{value},", field.wire);
            }
        }
        if unknown {
            page.push_str("\"extension_a\":\"x\",\"extension_b\":1,\"extension_c\":{\"k\":true},");
        }
        page.pop();
        page.push('}');
    }
    page.push_str("]}");
    page
}

/// The serde adapter of the SDK's `formats` for a field type, as the plain
/// struct names it.
fn adapter(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "Option<time::OffsetDateTime>" => "sdk::formats::rfc3339::option",
        "Option<Vec<time::OffsetDateTime>>" => "sdk::formats::rfc3339::option_vec",
        "Option<time::Date>" => "sdk::formats::date::option",
        "Option<time::Time>" => "sdk::formats::time_of_day::option",
        "Option<Vec<u8>>" => "sdk::formats::base64::option",
        "Option<i64>" => "sdk::formats::int64::option",
        "Option<f64>" => "sdk::formats::float64::option",
        "Option<f32>" => "sdk::formats::float32::option",
        _ => return None,
    })
}

fn program_source(fields: &[FieldSummary]) -> String {
    let mut plain = String::new();
    for field in fields {
        let with = adapter(&field.ty)
            .map(|a| format!(", with = \"{a}\""))
            .unwrap_or_default();
        let _ = writeln!(
            plain,
            "    #[serde(rename = \"{}\", default{with})]\n    {}: {},",
            field.wire, field.name, field.ty
        );
    }
    format!(
        "//! Written by `cargo xtask bench --decode`.\n#![allow(dead_code, unused_imports)]\nuse sdk::formats::Flags;\nuse sdk::models::*;\n\n\
         /// The SDK's `User` fields, decoded by serde's derive; no unknown-property capture.\n\
         #[derive(serde::Deserialize)]\nstruct PlainUser {{\n{plain}}}\n\n\
         #[derive(serde::Deserialize)]\nstruct PlainPage {{\n    value: Vec<PlainUser>,\n}}\n\n{PROGRAM_MAIN}"
    )
}

const PROGRAM_MAIN: &str = r#"fn main() {
    let mut args = std::env::args().skip(1);
    let page = std::fs::read(args.next().expect("the page")).expect("the page file");
    let known = std::fs::read(args.next().expect("the page")).expect("the page file");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(21);
    let checked: UserCollectionResponse = serde_json::from_slice(&page).expect("the SDK reads the page");
    let users = checked.value.expect("users");
    assert_eq!(users.len(), 1_000);
    assert_eq!(users[0].additional_data.len(), 3, "unknown properties are kept");
    println!("pages of {} users ({:.2} MB with 3 unknown properties each, {:.2} MB without), 3 rounds of {runs} decodes each, medians", users.len(), page.len() as f64 / 1e6, known.len() as f64 / 1e6);
    println!("| decoded into | ms | / plain | ms, no unknown properties | / plain |\n| --- | ---: | ---: | ---: | ---: |");
    let [ours, plain, value] = measure(&page, runs);
    let [ours_k, plain_k, value_k] = measure(&known, runs);
    println!("| the SDK's `UserCollectionResponse` (unknown properties kept) | {ours:.2} | {:.2}x | {ours_k:.2} | {:.2}x |", ours / plain, ours_k / plain_k);
    println!("| plain serde struct, same fields, unknown properties dropped | {plain:.2} | 1.00x | {plain_k:.2} | 1.00x |");
    println!("| `serde_json::Value` | {value:.2} | {:.2}x | {value_k:.2} | {:.2}x |", value / plain, value_k / plain_k);
    println!("size of `User`: {} bytes; of the plain struct: {} bytes", std::mem::size_of::<User>(), std::mem::size_of::<PlainUser>());
}

/// Medians of the SDK's page, the plain one and a `Value`: in batches of
/// one kind, three rounds. Each decode is timed alone; what the allocator
/// was left with by the kind before would slow the next one down, so kinds
/// are not interleaved one by one.
fn measure(page: &[u8], runs: usize) -> [f64; 3] {
    let (mut ours, mut plain, mut value) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        for _ in 0..runs {
            ours.push(timed(|| serde_json::from_slice::<UserCollectionResponse>(page).unwrap()));
        }
        for _ in 0..runs {
            plain.push(timed(|| serde_json::from_slice::<PlainPage>(page).unwrap()));
        }
        for _ in 0..runs {
            value.push(timed(|| serde_json::from_slice::<serde_json::Value>(page).unwrap()));
        }
    }
    [median(ours), median(plain), median(value)]
}

/// Milliseconds to decode, the drop of what was decoded not included.
fn timed<T>(f: impl FnOnce() -> T) -> f64 {
    let started = std::time::Instant::now();
    let decoded = std::hint::black_box(f());
    let elapsed = started.elapsed().as_secs_f64() * 1e3;
    drop(decoded);
    elapsed
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}
"#;
