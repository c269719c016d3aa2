//! The project's two descriptions of pfxUserCertificate, one in OData CSDL and
//! one in OpenAPI, emit the same Rust, byte for byte.
//!
//! Deliberate differences between the two descriptions, and how they are met:
//! - servers: OpenAPI lists the national-cloud base URLs; CSDL has no place
//!   for them (`$metadata` is served from the root it describes). They are
//!   given to the CSDL run as settings, as `cargo xtask codegen` does.
//! - headers: every file names the spec it came from; both runs are given the
//!   same name so that only the code is compared.
//! - secrets: OpenAPI marks `encryptedPfxBlob` and `encryptedPfxPassword`
//!   `format: password`; CSDL has no such mark, so they are settings too.
//!
//! Everything else the OpenAPI file states (operation ids, summaries, the
//! OData query options, the 200/204 answers to PATCH, the `If-Match` header on
//! DELETE, the collection page type and the ODataError family) the CSDL front
//! end derives by OData and Microsoft Graph conventions.

use std::path::Path;

use sdkgen::{CrateFiles, CrateOptions, Settings};

const OPENAPI: &str = "../specs/pfx-user-certificate.openapi.yaml";
const CSDL: &str = "../specs/pfx-user-certificate.csdl.xml";

/// What the OpenAPI spec marks `format: password`, CSDL needs as settings.
const SECRETS: &[&str] = &[
    "microsoft.graph.pfxUserCertificate/encryptedPfxBlob",
    "microsoft.graph.pfxUserCertificate/encryptedPfxPassword",
];

fn emit(display: &str, text: &str, settings: &Settings) -> CrateFiles {
    let mut api = sdkgen::parse(display, text).unwrap_or_else(|e| panic!("{e}"));
    settings.apply(&mut api, display).unwrap();
    let options = CrateOptions {
        package_name: "pfx".into(),
        source: "the pfx spec".into(),
        ..Default::default()
    };
    sdkgen::emit_crate(&api, &options).unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The OpenAPI description's servers, as settings for the CSDL run.
fn openapi_servers() -> Settings {
    let api = sdkgen::parse(OPENAPI, &read(OPENAPI)).unwrap();
    assert_eq!(
        api.servers.len(),
        4,
        "the OpenAPI spec lists the four national clouds"
    );
    Settings {
        servers: api.servers,
        secrets: SECRETS.iter().map(|s| s.to_string()).collect(),
        include: Vec::new(),
    }
}

/// The first line where two emitted crates differ, for a readable failure.
fn first_difference(left: &CrateFiles, right: &CrateFiles) -> Option<String> {
    for file in left.keys().chain(right.keys()) {
        let (a, b) = (
            left.get(file).map_or("", String::as_str),
            right.get(file).map_or("", String::as_str),
        );
        if a != b {
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(a.lines().count().min(b.lines().count()));
            return Some(format!(
                "{file}:{}:\n  openapi: {}\n  csdl:    {}",
                line + 1,
                a.lines().nth(line).unwrap_or("<end>"),
                b.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    None
}

#[test]
fn csdl_and_openapi_descriptions_emit_identical_rust() {
    let settings = openapi_servers();
    let from_openapi = emit(OPENAPI, &read(OPENAPI), &Settings::default());
    let from_csdl = emit(CSDL, &read(CSDL), &settings);
    assert!(from_csdl["src/models.rs"].contains("pub struct PfxUserCertificate"));
    if let Some(difference) = first_difference(&from_openapi, &from_csdl) {
        panic!("the two descriptions emit different code at {difference}");
    }
}

#[test]
fn the_comparison_sees_a_one_attribute_change() {
    // Guards the test above against comparing something that cannot differ.
    let settings = openapi_servers();
    let from_openapi = emit(OPENAPI, &read(OPENAPI), &Settings::default());
    for (from, to) in [
        (
            r#"Name="isDeleted" Type="Edm.Boolean""#,
            r#"Name="isDeleted" Type="Edm.String""#,
        ),
        (
            r#"<EntityType Name="entity" Abstract="true">"#,
            r#"<EntityType Name="entity" Abstract="true"><Property Name="extra" Type="Edm.Int64" />"#,
        ),
        (
            r#"String="Deletes a pfxUserCertificate.""#,
            r#"String="Removes a pfxUserCertificate.""#,
        ),
    ] {
        let changed = read(CSDL).replacen(from, to, 1);
        assert_ne!(
            changed,
            read(CSDL),
            "the CSDL spec no longer contains {from}"
        );
        let from_csdl = emit(CSDL, &changed, &settings);
        assert!(
            first_difference(&from_openapi, &from_csdl).is_some(),
            "changing {from} went unnoticed"
        );
    }
    // Without the beta servers, a Graph CSDL gets Graph's v1.0 endpoints.
    let without_servers = emit(CSDL, &read(CSDL), &Settings::default());
    assert!(first_difference(&from_openapi, &without_servers).is_some());
    assert!(
        without_servers["src/lib.rs"]
            .contains(r#"GLOBAL_SERVICE: &str = "https://graph.microsoft.com/v1.0""#)
    );
}
