//! `cargo xtask codegen` as a user runs it: the committed `generated/` is
//! current, `--check` names stale files, bad input exits 2 and changes
//! nothing, reruns rewrite nothing, and emitted crates compile.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

use support::root;

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir` with its content, sorted.
fn snapshot_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

const PFX_SPEC: &str = "specs/pfx-user-certificate.openapi.yaml";
/// The source of `generated/`, and the servers `cargo xtask codegen` gives it.
const PFX_CSDL: &str = "specs/pfx-user-certificate.csdl.xml";
const PFX_SERVERS: &[&str] = &[
    "https://graph.microsoft.com/beta Global service",
    "https://graph.microsoft.us/beta US Government L4",
    "https://dod-graph.microsoft.us/beta US Government L5 (DOD)",
    "https://microsoftgraph.chinacloudapi.cn/beta China operated by 21Vianet",
];

#[test]
fn committed_generated_code_is_not_stale() {
    let output = xtask(&["codegen", "--check"]);
    assert!(
        output.status.success(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        text(&output.stderr)
    );
}

#[test]
fn check_names_each_stale_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let out_arg = out.to_str().unwrap();
    assert!(
        xtask(&["codegen", "--spec", PFX_SPEC, "--out", out_arg])
            .status
            .success()
    );
    assert!(
        xtask(&["codegen", "--check", "--spec", PFX_SPEC, "--out", out_arg])
            .status
            .success()
    );

    std::fs::write(out.join("src/models.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(out.join("src/client.rs")).unwrap();
    std::fs::write(out.join("src/leftover.rs"), "").unwrap();
    let output = xtask(&["codegen", "--check", "--spec", PFX_SPEC, "--out", out_arg]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("src/models.rs: differs from what the spec produces"),
        "{stderr}"
    );
    assert!(stderr.contains("src/client.rs: missing"), "{stderr}");
    assert!(
        stderr.contains("src/leftover.rs: not produced by the spec any more"),
        "{stderr}"
    );
    assert!(!stderr.contains("src/operations.rs"), "{stderr}");
    // --check wrote nothing.
    assert_eq!(
        std::fs::read_to_string(out.join("src/models.rs")).unwrap(),
        "// edited by hand\n"
    );
}

#[test]
fn bad_input_exits_2_with_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let out_arg = out.to_str().unwrap();
    assert!(
        xtask(&["codegen", "--spec", PFX_SPEC, "--out", out_arg])
            .status
            .success()
    );
    let before = snapshot_dir(&out);

    let broken = std::fs::read_to_string(root().join(PFX_SPEC))
        .unwrap()
        .replace(
            "#/components/schemas/microsoft.graph.entity'",
            "#/components/schemas/microsoft.graph.nothing'",
        );
    // A broken spec: exit 2, one line naming the place, nothing written.
    let refused = |name: &str, spec_text: String, place: &str| {
        let spec = dir.path().join(name);
        std::fs::write(&spec, spec_text).unwrap();
        let output = xtask(&[
            "codegen",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out_arg,
        ]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(place), "{stderr}");
        assert_eq!(snapshot_dir(&out), before, "the output directory changed");
    };
    refused(
        "broken.yaml",
        broken,
        "broken.yaml:#/components/schemas/microsoft.graph.pfxUserCertificate/allOf/0: $ref",
    );

    let output = xtask(&["codegen", "--spec", "/no/such/spec.yaml", "--out", out_arg]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(snapshot_dir(&out), before);

    // The same for CSDL: the place is line:column and the element.
    let broken = std::fs::read_to_string(root().join(PFX_CSDL))
        .unwrap()
        .replace(
            r#"<Property Name="status" Type="Edm.Int32""#,
            r#"<Property Name="status" Type="graph.certificateStatus""#,
        );
    refused(
        "broken.xml",
        broken,
        r#"broken.xml:35:9: <Property Name="status">: type `graph.certificateStatus`"#,
    );
}

#[test]
fn a_second_run_rewrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let out_arg = out.to_str().unwrap();
    let first = xtask(&["codegen", "--spec", PFX_SPEC, "--out", out_arg]);
    assert!(text(&first.stdout).contains("src/models.rs"));
    let files = snapshot_dir(&out);
    let modified = std::fs::metadata(out.join("src/models.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let second = xtask(&["codegen", "--spec", PFX_SPEC, "--out", out_arg]);
    assert!(
        text(&second.stdout).starts_with("generated code is up to date"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(snapshot_dir(&out), files);
    assert_eq!(
        std::fs::metadata(out.join("src/models.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        modified
    );
}

#[test]
fn emitted_cargo_toml_matches_the_generated_crate() {
    // generated/Cargo.toml is written by hand (it adds tests' dependencies);
    // its runtime dependencies must be the ones an emitted crate gets.
    let dependencies = |toml: &str| -> Vec<String> {
        let section = toml.split("[dependencies]").nth(1).unwrap_or("");
        let section = section.split("\n[").next().unwrap_or("");
        let mut names: Vec<String> = section
            .lines()
            .filter_map(|l| l.split('=').next())
            .map(|n| n.trim().trim_end_matches(".workspace").to_string())
            .filter(|n| !n.is_empty() && !n.starts_with('#'))
            .collect();
        names.sort();
        names
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let mut args = vec![
        "codegen",
        "--spec",
        PFX_CSDL,
        "--out",
        out.to_str().unwrap(),
    ];
    for server in PFX_SERVERS {
        args.extend(["--server", server]);
    }
    for secret in [
        "microsoft.graph.pfxUserCertificate/encryptedPfxBlob",
        "microsoft.graph.pfxUserCertificate/encryptedPfxPassword",
    ] {
        args.extend(["--secret", secret]);
    }
    assert!(xtask(&args).status.success());
    let emitted = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let committed = std::fs::read_to_string(root().join("generated/Cargo.toml")).unwrap();
    assert_eq!(dependencies(&committed), dependencies(&emitted));
    // The sources are the same as the committed ones.
    for file in [
        "lib.rs",
        "models.rs",
        "operations.rs",
        "client.rs",
        "runtime.rs",
        "formats.rs",
        "transport.rs",
    ] {
        let emitted = std::fs::read_to_string(out.join("src").join(file)).unwrap();
        let committed = std::fs::read_to_string(root().join("generated/src").join(file)).unwrap();
        assert_eq!(emitted, committed, "src/{file}");
    }
}

fn cargo_in(dir: &Path, args: &[&str]) -> Output {
    support::cargo_offline(dir, args)
}

#[test]
fn emitted_crates_compile_and_behave() {
    let dir = tempfile::tempdir().unwrap();
    // The pfx spec: a self-contained crate that cargo accepts without edits.
    let pfx = dir.path().join("pfx");
    assert!(
        xtask(&[
            "codegen",
            "--spec",
            PFX_SPEC,
            "--out",
            pfx.to_str().unwrap()
        ])
        .status
        .success()
    );
    let output = cargo_in(&pfx, &["check", "--quiet"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_clippy_clean(&pfx, "pfx");
    // Request building stands without the HTTP client.
    let output = cargo_in(&pfx, &["check", "--quiet", "--no-default-features"]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    // Fixtures with tests of how their types and requests behave.
    let features = "generator/tests/fixtures/features.openapi.yaml";
    run_behaviour_tests(
        dir.path(),
        features,
        "snapshot-features",
        &[],
        "features_behaviour.rs",
        6,
    );
    let beta = "generator/tests/fixtures/graph-beta-user-pfx.csdl.xml";
    let server = [
        "--server",
        "https://graph.microsoft.com/beta Global service",
    ];
    run_behaviour_tests(
        dir.path(),
        beta,
        "graph-beta-user-pfx",
        &server,
        "graph_beta_behaviour.rs",
        4,
    );
    let odata = "generator/tests/fixtures/odata-features.csdl.xml";
    run_behaviour_tests(
        dir.path(),
        odata,
        "odata-features",
        &[],
        "odata_features_behaviour.rs",
        4,
    );
    let actions = "generator/tests/fixtures/odata-actions.csdl.xml";
    run_behaviour_tests(
        dir.path(),
        actions,
        "odata-actions",
        &[],
        "odata_actions_behaviour.rs",
        7,
    );
    let vocabularies = "generator/tests/fixtures/odata-vocabularies.csdl.xml";
    run_behaviour_tests(
        dir.path(),
        vocabularies,
        "odata-vocabularies",
        &[],
        "odata_vocabularies_behaviour.rs",
        6,
    );
    let unions = "generator/tests/fixtures/unions.openapi.yaml";
    run_behaviour_tests(dir.path(), unions, "unions", &[], "unions_behaviour.rs", 4);
    // Shapes of public descriptions (our own fixtures): unions of primitives and objects.
    // What the independent oracles (APIs.guru, Prism) found, one shape each.
    for (name, passed) in [
        ("stripe-like", 3),
        ("github-like", 3),
        ("nexus-like", 2),
        ("oracles", 9),
    ] {
        let spec = format!("generator/tests/fixtures/{name}.openapi.yaml");
        let behaviour = format!("{}_behaviour.rs", name.replace('-', "_"));
        run_behaviour_tests(dir.path(), &spec, name, &[], &behaviour, passed);
    }
}

/// Emits a crate from `spec`, adds `tests/emitted/{behaviour}` to it as a
/// test and runs it: all `passed` tests must pass.
fn run_behaviour_tests(
    dir: &Path,
    spec: &str,
    name: &str,
    extra: &[&str],
    behaviour: &str,
    passed: usize,
) {
    let out = dir.join(name);
    let mut args = vec![
        "codegen",
        "--spec",
        spec,
        "--out",
        out.to_str().unwrap(),
        "--name",
        name,
    ];
    args.extend(extra);
    let output = xtask(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    std::fs::create_dir_all(out.join("tests")).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/emitted")
        .join(behaviour);
    std::fs::copy(source, out.join("tests/behaviour.rs")).unwrap();
    let output = cargo_in(&out, &["test", "--quiet"]);
    assert!(
        output.status.success(),
        "{name}:\n{}\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    assert!(
        text(&output.stdout).contains(&format!("{passed} passed")),
        "{}",
        text(&output.stdout)
    );
    assert_clippy_clean(&out, name);
}

/// Emitted code is clippy-clean: not a warning of clippy's default lints.
fn assert_clippy_clean(dir: &Path, name: &str) {
    let output = cargo_in(dir, &["clippy", "--quiet", "--message-format=short"]);
    let stderr = text(&output.stderr);
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains(": warning") || line.contains(": error"))
        .collect();
    assert!(
        output.status.success() && complaints.is_empty(),
        "{name}: clippy says\n{}",
        stderr
    );
}

/// Both front ends' crates for each CSDL document of `../shared/corpus/csdl`
/// and the OpenAPI the OASIS converter made from it compile (the
/// differential test in `generator/tests/differential.rs` compares what they
/// say). Reads `../shared`; prints a notice and passes when it is absent.
#[test]
fn crates_from_the_csdl_corpus_and_its_openapi_compile() {
    let corpus = root().join("../shared/corpus/csdl");
    if !corpus.is_dir() {
        eprintln!(
            "notice: {} is absent; skipped (CI has it)",
            corpus.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for name in ["example", "TripPin", "containment"] {
        for spec in [format!("{name}.xml"), format!("{name}.openapi3.json")] {
            let out = dir.path().join(spec.replace('.', "-"));
            let spec_path = corpus.join(&spec);
            let args = [
                "codegen",
                "--spec",
                spec_path.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--name",
                "corpus",
            ];
            let output = xtask(&args);
            assert!(output.status.success(), "{spec}: {}", text(&output.stderr));
            let output = cargo_in(&out, &["check", "--quiet"]);
            assert!(output.status.success(), "{spec}: {}", text(&output.stderr));
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

#[test]
fn diff_reports_and_exits_by_the_kind_of_change() {
    let version = |n: usize| format!("generator/tests/versions/pfx-v{n}.openapi.yaml");
    let run = |args: &[&str]| {
        let output = xtask(args);
        (output.status.code(), text(&output.stdout))
    };
    assert_eq!(
        run(&["diff", &version(1), &version(1)]),
        (Some(0), "API changes: none\n".to_string())
    );
    let (code, report) = run(&["diff", &version(1), &version(2)]);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("field `PfxUserCertificate.key_name` (`Option<String>`) added"),
        "{report}"
    );
    let (code, report) = run(&["diff", &version(2), &version(3), "--format", "markdown"]);
    assert_eq!(code, Some(3), "{report}");
    assert!(
        report.starts_with("### API changes: 2 breaking, 1 compatible"),
        "{report}"
    );
    // CSDL against OpenAPI: the two pfx descriptions have the same Rust API
    // but the servers, which only the OpenAPI one lists (the project's CSDL
    // gets them from its settings, which `diff` does not read).
    let (code, report) = run(&["diff", PFX_CSDL, PFX_SPEC]);
    assert_eq!(code, Some(1), "{report}");
    let changes: Vec<&str> = report.lines().filter(|l| l.starts_with("  - ")).collect();
    assert_eq!(changes.len(), 4, "{report}");
    assert!(
        changes.iter().all(|c| c.contains("server constant")),
        "{report}"
    );
    assert_eq!(
        xtask(&["diff", "/no/such.yaml", PFX_SPEC]).status.code(),
        Some(2)
    );
}

#[test]
fn codegen_prints_the_change_report_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let out_arg = out.to_str().unwrap();
    let first = xtask(&[
        "codegen",
        "--spec",
        "generator/tests/versions/pfx-v3.openapi.yaml",
        "--out",
        out_arg,
    ]);
    assert!(
        text(&first.stdout).contains("no api.json yet"),
        "{}",
        text(&first.stdout)
    );
    let second = xtask(&[
        "codegen",
        "--spec",
        "generator/tests/versions/pfx-v4.openapi.yaml",
        "--out",
        out_arg,
    ]);
    let stdout = text(&second.stdout);
    assert!(
        stdout.contains("API changes: 6 breaking, 0 compatible"),
        "{stdout}"
    );
    assert!(
        stdout.contains("field `PfxUserCertificate.encryption_key_name` removed"),
        "{stdout}"
    );
    assert!(stdout.contains("wrote"), "{stdout}");
}

/// `codegen` of the fixture with four path groups into `out`, as `grouped`.
fn codegen_grouped(out: &Path, more: &[&str]) -> Output {
    let spec = "generator/tests/fixtures/odata-features.csdl.xml";
    let mut args = vec![
        "codegen",
        "--spec",
        spec,
        "--out",
        out.to_str().unwrap(),
        "--name",
        "grouped",
    ];
    args.extend(more);
    xtask(&args)
}

/// `--path-features`: each top-level path group is a feature; a crate built
/// with one group has that group's operations and types, and not the others'.
#[test]
fn path_features_build_one_group_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let output = codegen_grouped(&out, &["--path-features"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains(
            "default = [\"client\", \"gallery\", \"manufacturers\", \"my_shop\", \"products\"]"
        ),
        "{manifest}"
    );
    for features in [None, Some("client,products"), Some("my_shop"), Some("")] {
        let mut args = vec!["check", "--quiet"];
        if let Some(features) = features {
            args.extend(["--no-default-features", "--features", features]);
        }
        let output = cargo_in(&out, &args);
        assert!(
            output.status.success(),
            "{features:?}: {}",
            text(&output.stderr)
        );
    }
    // With only `my_shop`, the shop's types are there and the products' are not.
    std::fs::create_dir_all(out.join("tests")).unwrap();
    let builds_with_my_shop_only = |test: &str| {
        std::fs::write(
            out.join("tests/shop.rs"),
            format!("#[test] fn uses() {{ {test} }}\n"),
        )
        .unwrap();
        let args = [
            "test",
            "--quiet",
            "--no-default-features",
            "--features",
            "my_shop",
        ];
        cargo_in(&out, &args).status.success()
    };
    assert!(builds_with_my_shop_only(
        "let _ = (grouped::operations::GetShop::new(), grouped::models::Category::new(uuid::Uuid::nil()));"
    ));
    assert!(!builds_with_my_shop_only(
        "let _ = grouped::operations::ListProduct::new();"
    ));
}

/// `--layout workspace`: core, models and a crate per path group, gathered
/// by the SDK crate under the single crate's paths; a feature per group
/// turns on that group's crate, and only that group's crate is built.
#[test]
fn a_split_sdk_builds_the_groups_its_features_turn_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("split");
    let output = codegen_grouped(&out, &["--layout", "workspace"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    for crate_dir in [
        "crates/core",
        "crates/models",
        "crates/my_shop",
        "crates/products",
    ] {
        assert!(
            out.join(crate_dir).join("Cargo.toml").is_file(),
            "{crate_dir}"
        );
    }
    // A source file the spec does not produce, in a member crate, is stale and removed.
    let stray = out.join("crates/products/src/stray.rs");
    std::fs::write(&stray, "// not generated\n").unwrap();
    let output = codegen_grouped(&out, &["--layout", "workspace", "--check"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("stray.rs"),
        "{}",
        text(&output.stderr)
    );
    assert!(
        codegen_grouped(&out, &["--layout", "workspace"])
            .status
            .success()
    );
    assert!(!stray.exists());
    // So is a crate sdkgen wrote for a path group that is gone; one of the user's own stays.
    for (folder, header) in [
        ("crates/gone", "# @generated by sdkgen from x.\n"),
        ("crates/mine", ""),
    ] {
        std::fs::create_dir_all(out.join(folder).join("src")).unwrap();
        std::fs::write(
            out.join(folder).join("Cargo.toml"),
            format!("{header}[package]\n"),
        )
        .unwrap();
    }
    let output = codegen_grouped(&out, &["--layout", "workspace", "--check"]);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("crates/gone: a crate for a path group the spec no longer has"),
        "{stderr}"
    );
    assert!(!stderr.contains("crates/mine"), "{stderr}");
    assert!(
        codegen_grouped(&out, &["--layout", "workspace"])
            .status
            .success()
    );
    assert!(!out.join("crates/gone").exists());
    assert!(out.join("crates/mine/Cargo.toml").exists());
    std::fs::remove_dir_all(out.join("crates/mine")).unwrap();
    for features in [None, Some("client,products"), Some("my_shop"), Some("")] {
        let mut args = vec!["check", "--quiet", "--workspace"];
        if let Some(features) = features {
            args = vec![
                "check",
                "--quiet",
                "--no-default-features",
                "--features",
                features,
            ];
        }
        let output = cargo_in(&out, &args);
        assert!(
            output.status.success(),
            "{features:?}: {}",
            text(&output.stderr)
        );
    }
    // With `my_shop`, cargo has the shop's crate and not the products'.
    let tree = cargo_in(
        &out,
        &[
            "tree",
            "--prefix",
            "none",
            "--no-default-features",
            "--features",
            "client,my_shop",
        ],
    );
    let tree = text(&tree.stdout);
    assert!(tree.contains("grouped-my-shop"), "{tree}");
    assert!(!tree.contains("grouped-products"), "{tree}");
    // The group's methods come with the prelude and build the same requests.
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(
        out.join("tests/methods.rs"),
        r#"use grouped::prelude::*;

#[test]
fn methods_of_a_group_build_its_requests() {
    let client = grouped::Client::new("http://127.0.0.1:1/shop");
    let request = client.list_product().top(3).into_operation().to_request("http://127.0.0.1:1/shop").unwrap();
    assert_eq!(request.uri(), "http://127.0.0.1:1/shop/products?$top=3");
    let _: grouped::operations::GetShop = client.get_shop().into_operation();
    let _ = grouped::models::Category::new(uuid::Uuid::nil());
}
"#,
    )
    .unwrap();
    let output = cargo_in(&out, &["test", "--quiet", "--test", "methods"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Without the group, its requests are not there.
    std::fs::write(
        out.join("tests/methods.rs"),
        "#[test] fn absent() { let _ = grouped::operations::ListProduct::new(); }\n",
    )
    .unwrap();
    let args = [
        "test",
        "--quiet",
        "--no-default-features",
        "--features",
        "client,my_shop",
        "--test",
        "methods",
    ];
    assert!(!cargo_in(&out, &args).status.success());
}
