//! `cargo xtask interop`: the generated SDK against a real OData v4 server.
//!
//! Installs the SAP CAP project in `interop/cap` (`npm ci`, pinned by its
//! `package-lock.json`), starts it on 127.0.0.1 with a free port and an
//! in-memory database, fetches its `$metadata`, generates an SDK from it into
//! `target/interop/cap-sdk`, runs the test crate `interop/tests` against the
//! live server, and stops the server, also when something fails.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::node;
use sdkgen::model::Server;
use sdkgen::{CrateOptions, Settings};

/// Where CAP serves the service of `interop/cap/srv/service.cds`.
const SERVICE_PATH: &str = "/odata/v4/interop";
const SDK_PACKAGE: &str = "cap-interop-sdk";
/// How long CAP may take to answer its first `$metadata`.
const STARTUP: Duration = Duration::from_secs(60);

pub fn run(root: &Path) -> ExitCode {
    match interop(root) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: interop: {message}");
            ExitCode::FAILURE
        }
    }
}

fn interop(root: &Path) -> Result<ExitCode, String> {
    let cap = root.join("interop/cap");
    let out = root.join("target/interop");
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    node::install(&cap, "CAP")?;
    let port = node::free_port()?;
    let base_url = format!("http://127.0.0.1:{port}{SERVICE_PATH}");
    let log = out.join("cap.log");
    let env = [("PORT", port.to_string()), ("NODE_ENV", "test".to_string())];
    let server = node::Server::start(&cap, "node_modules/@sap/cds/bin/serve.js", &[], &env, &log)?;
    let metadata = wait_for_metadata(&base_url, &log)?;
    let spec = out.join("metadata.xml");
    fs::write(&spec, &metadata).map_err(|e| format!("cannot write {}: {e}", spec.display()))?;
    println!(
        "CAP answered $metadata ({} bytes) at {base_url}",
        metadata.len()
    );
    generate(&spec, &base_url, &out.join("cap-sdk"))?;

    let status = Command::new(env!("CARGO"))
        .args(["test", "--manifest-path"])
        .arg(root.join("interop/tests/Cargo.toml"))
        .env("INTEROP_BASE_URL", &base_url)
        // The test crate builds the same dependencies as the workspace.
        .env("CARGO_TARGET_DIR", root.join("target"))
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    drop(server);
    if status.success() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("interop tests failed; CAP's log: {}", log.display());
        Ok(ExitCode::FAILURE)
    }
}

/// Polls `$metadata` until CAP answers it.
fn wait_for_metadata(base_url: &str, log: &Path) -> Result<String, String> {
    let url = format!("{base_url}/$metadata");
    let started = Instant::now();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    loop {
        match agent.get(&url).call() {
            Ok(mut response) => {
                let mut text = String::new();
                response
                    .body_mut()
                    .as_reader()
                    .read_to_string(&mut text)
                    .map_err(|e| format!("cannot read {url}: {e}"))?;
                return Ok(text);
            }
            Err(e) if started.elapsed() > STARTUP => {
                return Err(format!(
                    "CAP did not answer {url} within {} s ({e}); its log: {}",
                    STARTUP.as_secs(),
                    log.display()
                ));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}

/// The SDK of the live `$metadata`, written as a crate of its own.
fn generate(spec: &Path, base_url: &str, out: &Path) -> Result<(), String> {
    let display = spec.display().to_string();
    let settings = Settings {
        servers: vec![Server {
            url: base_url.to_string(),
            description: Some("The CAP server of `cargo xtask interop`".into()),
        }],
        ..Default::default()
    };
    let options = CrateOptions {
        package_name: SDK_PACKAGE.into(),
        source: "the $metadata of interop/cap".into(),
        path_features: false,
        ..Default::default()
    };
    let generated = sdkgen::generate(spec, &display, &settings, &options, sdkgen::Output::Crate)
        .map_err(|e| e.to_string())?;
    crate::codegen::print_warnings(&generated.api);
    let files = generated.files;
    let changed = sdkgen::output::write_files(out, &files)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "generated {} ({} files changed)",
        PathBuf::from(out).display(),
        changed.len()
    );
    Ok(())
}
