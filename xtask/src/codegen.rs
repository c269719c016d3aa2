//! `cargo xtask codegen` and `cargo xtask diff`: the project's own jobs
//! (which spec feeds which crate), a crate for any spec, the staleness
//! check, and the change report printed before writing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use sdkgen::model::Server;
use sdkgen::{CrateFiles, CrateOptions, Layout, Output, Settings};

use crate::{kebab, workspace_root};

/// The project's own generation jobs: which spec feeds which crate.
struct Job {
    spec: &'static str,
    crate_dir: &'static str,
    package_name: &'static str,
    /// Base URLs (and their descriptions), in place of the spec's.
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

/// The project's specs and those that must emit the same crate.
pub fn project_specs() -> Vec<String> {
    JOBS.iter()
        .flat_map(|job| std::iter::once(job.spec).chain(job.equivalent.iter().copied()))
        .map(String::from)
        .collect()
}

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

pub fn diff(old: &Path, new: &Path, format: &str) -> ExitCode {
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

pub fn codegen_project(check: bool) -> ExitCode {
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
    let generated = sdkgen::generate(&root.join(spec), spec, settings, options, Output::Sources)?;
    print_warnings(&generated.api);
    Ok(generated.files)
}

pub fn codegen_one(
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
    match sdkgen::generate(spec, &display, &settings, &options, Output::Crate) {
        Ok(sdkgen::Generated { api, files }) => {
            print_warnings(&api);
            if !check {
                report_changes(out, &files, &out.display().to_string());
            }
            finish(&[(out.to_path_buf(), files)], check, Path::new(""), started)
        }
        Err(e) => bad_input(&e),
    }
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
pub fn print_warnings(api: &sdkgen::model::Api) {
    for warning in &api.warnings {
        eprintln!("warning: {}", sdkgen::error::one_line(&warning.to_string()));
    }
}

pub fn bad_input(e: &sdkgen::Error) -> ExitCode {
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
