//! The emitted code depends only on the description: not on hash-map order,
//! the machine, the path the spec was read from, or the order of unrelated
//! entries in it. Property order follows the spec.

use std::path::Path;

use sdkgen::{CrateFiles, CrateOptions};

fn emit(display: &str, text: &str) -> CrateFiles {
    let api = sdkgen::parse(display, text).unwrap_or_else(|e| panic!("{e}"));
    let options = CrateOptions { package_name: "stable".into(), source: display.into(), ..Default::default() };
    sdkgen::emit_crate(&api, &options).unwrap()
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

const SPECS: &[&str] = &[
    "../specs/pfx-user-certificate.openapi.yaml",
    "../specs/pfx-user-certificate.csdl.xml",
    "tests/fixtures/features.openapi.yaml",
    "tests/fixtures/odata-features.csdl.xml",
];

#[test]
fn generating_twice_gives_the_same_bytes() {
    for spec in SPECS {
        let text = read(spec);
        assert_eq!(emit("spec", &text), emit("spec", &text), "{spec}");
    }
}

#[test]
fn the_path_a_spec_is_read_from_does_not_matter() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let text = read(SPECS[0]);
    let mut outputs = Vec::new();
    for dir in [&a, &b] {
        let path = dir.path().join("nested/deeper/pfx.yaml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        let api = sdkgen::load(&path, "specs/pfx.yaml").unwrap();
        let files = sdkgen::emit_crate(&api, &CrateOptions { package_name: "p".into(), source: "specs/pfx.yaml".into(), ..Default::default() }).unwrap();
        assert!(files.values().all(|f| !f.contains(dir.path().to_str().unwrap())), "a machine path leaked");
        outputs.push(files);
    }
    assert_eq!(outputs[0], outputs[1]);
}

/// The same YAML with the entries of `components/schemas` in reverse order.
fn with_schemas_reversed(text: &str) -> String {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    let schemas = value["components"]["schemas"].as_mapping_mut().unwrap();
    let entries: Vec<(serde_yaml::Value, serde_yaml::Value)> = std::mem::take(schemas).into_iter().collect();
    assert!(entries.len() > 3);
    for (key, schema) in entries.into_iter().rev() {
        schemas.insert(key, schema);
    }
    serde_yaml::to_string(&value).unwrap()
}

#[test]
fn reordering_unrelated_schemas_changes_nothing() {
    for spec in [SPECS[0], SPECS[2]] {
        let text = read(spec);
        let reversed = with_schemas_reversed(&text);
        assert_ne!(text, reversed);
        assert_eq!(emit("spec", &text), emit("spec", &reversed), "{spec}");
    }
    // The same for CSDL: the two enums of the Graph beta fixture swapped.
    let text = read("tests/fixtures/graph-beta-user-pfx.csdl.xml");
    let start = text.find("<EnumType Name=\"userPfxIntendedPurpose\">").unwrap();
    let middle = text.find("<EnumType Name=\"userPfxPaddingScheme\">").unwrap();
    let end = text[middle..].find("</EnumType>").unwrap() + middle + "</EnumType>".len();
    let swapped = format!("{}{}\n      {}{}", &text[..start], &text[middle..end], text[start..middle].trim_end(), &text[end..]);
    assert_ne!(text, swapped);
    assert_eq!(emit("spec", &text), emit("spec", &swapped));
}

#[test]
fn fields_follow_the_order_of_the_spec() {
    let files = emit("spec", &read(SPECS[0]));
    let models = &files["src/models.rs"];
    let start = models.find("pub struct PfxUserCertificate {").unwrap();
    let body = &models[start..start + models[start..].find("\n}\n").unwrap()];
    let fields: Vec<&str> = body.lines().skip(1).filter_map(|l| l.trim().strip_prefix("pub ")?.split(':').next()).collect();
    assert_eq!(
        fields,
        [
            "id", "odata_type", "tenant_id", "user_id", "thumbprint", "user_upn", "encrypted_pfx_blob",
            "encrypted_pfx_password", "cert_start_date", "cert_expiration_date", "provider_name",
            "encryption_key_name", "padding_scheme", "status", "intended_purpose", "created_time", "is_deleted",
            "last_modified_time", "e_tag", "additional_data",
        ]
    );
}
