//! The regression corpus of hostile and unusual descriptions
//! (`fuzz/regressions/`, plus the big ones made here from a few lines),
//! each run through `cargo xtask codegen` as a user would. The file name
//! says the outcome: `*.ok.*` generates a crate, `*.bad.*` is refused.
//!
//! For every case: no panic or signal, exit 0 or 2, within a time bound; a
//! refusal is one line naming the file, and nothing is written. The crates
//! that generate are checked together in one cargo workspace (`cargo
//! check` without warnings, and `cargo test --doc`, which must find no doctest: no text of a
//! description runs), and none defines a name twice.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
mod support;
use support::{cargo_offline as cargo, root};

/// Generous for a loaded 2-core machine; every case takes well under a second alone.
const TIME_BOUND: Duration = Duration::from_secs(30);

/// Cases too big to keep as files: name (with its outcome) and text.
fn made_cases() -> Vec<(String, String)> {
    let openapi = |schemas: String| {
        format!(
            r##"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{"/a":{{"get":{{"responses":{{"200":{{"description":"a","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S0"}}}}}}}}}}}}}}}},"components":{{"schemas":{{{schemas}}}}}}}"##
        )
    };
    let csdl = |body: String| {
        format!(
            r#"<?xml version="1.0"?><edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="ns">{body}</Schema></edmx:DataServices></edmx:Edmx>"#
        )
    };
    let chain = |n: usize, item: &dyn Fn(usize) -> String, last: &str| {
        let mut schemas: Vec<String> = (0..n)
            .map(|i| format!(r#""S{i}":{}"#, item(i + 1)))
            .collect();
        schemas.push(format!(r#""S{n}":{last}"#));
        schemas.join(",")
    };
    let object = r#"{"type":"object","properties":{"a":{"type":"string"}}}"#;
    let array_of = |i: usize| {
        format!(r##"{{"type":"array","items":{{"$ref":"#/components/schemas/S{i}"}}}}"##)
    };
    let alias_of = |i: usize| format!(r##"{{"$ref":"#/components/schemas/S{i}"}}"##);
    let base_chain = |n: usize| {
        let mut body = String::from(
            r#"<EntityType Name="T0"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>"#,
        );
        for i in 1..n {
            body.push_str(&format!(r#"<EntityType Name="T{i}" BaseType="ns.T{}"><Property Name="p{i}" Type="Edm.String"/></EntityType>"#, i - 1));
        }
        body.push_str(&format!(r#"<EntityContainer Name="c"><EntitySet Name="es" EntityType="ns.T{}"/></EntityContainer>"#, n - 1));
        csdl(body)
    };
    let members: String = (0..100_000)
        .map(|i| format!(r#"<Member Name="m{i}" Value="{}"/>"#, 1u64 << (i % 62)))
        .collect();
    vec![
        (
            "ref-chain-of-400-arrays.bad.json".into(),
            openapi(chain(400, &array_of, object)),
        ),
        (
            "ref-chain-of-20-arrays.ok.json".into(),
            openapi(chain(20, &array_of, object)),
        ),
        (
            "alias-chain-of-2000.bad.json".into(),
            openapi(chain(2000, &alias_of, r#"{"type":"string"}"#)),
        ),
        (
            "alias-chain-of-30.ok.json".into(),
            openapi(chain(30, &alias_of, object)),
        ),
        (
            "flow-sequences-40000-deep.bad.yaml".into(),
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx: {}{}\n",
                "[".repeat(40_000),
                "]".repeat(40_000)
            ),
        ),
        ("base-type-chain-of-1000.bad.xml".into(), base_chain(1000)),
        ("base-type-chain-of-40.ok.xml".into(), base_chain(40)),
        (
            "collection-100000-deep.bad.xml".into(),
            csdl(format!(
                r#"<ComplexType Name="C"><Property Name="p" Type="{}Edm.String{}"/></ComplexType>"#,
                "Collection(".repeat(100_000),
                ")".repeat(100_000)
            )),
        ),
        (
            "flags-enum-of-100000.bad.xml".into(),
            csdl(format!(
                r#"<EnumType Name="F" IsFlags="true">{members}</EnumType><ComplexType Name="C"><Property Name="f" Type="ns.F"/></ComplexType>"#
            )),
        ),
    ]
}

/// Every case file: the committed corpus and the made ones (written to `dir`).
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("fuzz/regressions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    for (name, text) in made_cases() {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        cases.push(path);
    }
    // A spec whose file name holds a line break (the header must stay a comment).
    let odd = dir.join("line\nbreak.ok.yaml");
    std::fs::copy(
        root().join("fuzz/regressions/byte-order-mark.ok.yaml"),
        &odd,
    )
    .unwrap();
    cases.push(odd);
    cases.sort();
    cases
}

/// Runs `cargo xtask codegen` with a time bound; exit code (None: killed by a
/// signal) and stderr.
fn codegen(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (status.code(), reader.join().unwrap(), started.elapsed());
        }
        if started.elapsed() > TIME_BOUND {
            child.kill().unwrap();
            panic!("codegen {args:?} took more than {TIME_BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_regression_corpus_generates_or_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let crates = dir.path().join("crates");
    let mut members = Vec::new();
    for (index, case) in cases(dir.path()).iter().enumerate() {
        let name = case.file_name().unwrap().to_str().unwrap();
        let expect_ok = name.contains(".ok.");
        assert!(
            expect_ok || name.contains(".bad."),
            "{name}: the name says neither .ok. nor .bad."
        );
        let member = format!("case-{index}");
        let out = crates.join(&member);
        let args = [case.as_os_str(), out.as_os_str()];
        let (code, stderr, took) = codegen(&[
            "--spec".as_ref(),
            args[0],
            "--out".as_ref(),
            args[1],
            "--name".as_ref(),
            member.as_ref(),
        ]);
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert!(
            stderr
                .lines()
                .all(|l| l.starts_with("error: ") || l.starts_with("warning: ")),
            "{name}: {stderr}"
        );
        assert!(
            !stderr.contains('\u{1b}'),
            "{name}: an escape reached the terminal: {stderr:?}"
        );
        if expect_ok {
            assert_eq!(code, Some(0), "{name} ({took:?}): {stderr}");
            members.push(member);
        } else {
            assert_eq!(code, Some(2), "{name} ({took:?}): {stderr}");
            assert_eq!(errors.len(), 1, "{name}: {stderr}");
            let shown = case.display().to_string();
            assert!(
                errors[0].starts_with(&format!("error: {}:", sdkgen::error::one_line(&shown))),
                "{name}: {}",
                errors[0]
            );
            assert!(!out.exists(), "{name}: something was written");
        }
        eprintln!("{name}: exit {code:?} in {took:?}");
    }

    for member in &members {
        let files = crate_files(&crates.join(member));
        let duplicates = sdkgen::emit::collisions::duplicate_names(&files);
        assert!(duplicates.is_empty(), "{member}: {duplicates:?}");
        // One workspace for all: the dependencies are built once.
        let manifest = crates.join(member).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .unwrap()
            .replace("[workspace]\n", "");
        std::fs::write(&manifest, text).unwrap();
    }
    let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        crates.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            quoted.join(", ")
        ),
    )
    .unwrap();
    let output = cargo(&crates, &["check", "--workspace", "--quiet"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("warning"),
        "the emitted crates have warnings: {stderr}"
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Without the client: its dependencies are not needed to find doctests.
    let output = cargo(
        &crates,
        &["test", "--doc", "--workspace", "--no-default-features"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let runs: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("running "))
        .collect();
    assert_eq!(runs.len(), members.len(), "{stdout}");
    assert!(
        runs.iter().all(|l| *l == "running 0 tests"),
        "a description became a doctest: {stdout}"
    );
}

/// `--name` reaches `Cargo.toml`: anything but a package name is refused.
#[test]
fn a_package_name_that_is_not_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let spec = root().join("fuzz/regressions/byte-order-mark.ok.yaml");
    let name = "x\"\nbuild = \"evil.rs";
    let (code, stderr, _) = codegen(&[
        "--spec".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--name".as_ref(),
        name.as_ref(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(r#"`x"\nbuild = "evil.rs` is not a package name"#),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// Each top-level path group of a crate with path features (or of a split
/// SDK) is a feature (a crate) and a pass over the API: past the limit, a
/// description is refused rather than made into thousands of them.
#[test]
fn too_many_path_groups_for_features_or_crates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = (0..=sdkgen::limits::PATH_GROUPS)
        .map(|i| format!(r#""/p{i}":{{"get":{{"responses":{{"204":{{"description":"none"}}}}}}}}"#))
        .collect();
    let spec = dir.path().join("groups.json");
    std::fs::write(
        &spec,
        format!(
            r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{{}}}}}"#,
            paths.join(",")
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    for option in ["--path-features", "--layout=workspace"] {
        let (code, stderr, _) = codegen(&[
            "--spec".as_ref(),
            spec.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            option.as_ref(),
        ]);
        assert_eq!(code, Some(2), "{option}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("groups.json") && stderr.contains("1001 top-level path groups"),
            "{stderr}"
        );
        assert!(!out.exists());
    }
    // Without either, the same description is one crate.
    let (code, stderr, _) = codegen(&[
        "--spec".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
}

fn crate_files(dir: &Path) -> sdkgen::CrateFiles {
    let mut files = sdkgen::CrateFiles::new();
    for entry in std::fs::read_dir(dir.join("src")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        files.insert(
            format!("src/{name}"),
            std::fs::read_to_string(&path).unwrap(),
        );
    }
    files
}
