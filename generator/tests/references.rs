//! Descriptions split over several files on this machine: OpenAPI `$ref`s
//! to another file and CSDL `edmx:Reference`s are followed relative to the
//! referencing file; network addresses are not fetched.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/references").join(name)
}

fn type_names(api: &sdkgen::model::Api) -> Vec<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
}

fn emits(api: &sdkgen::model::Api) -> sdkgen::CrateFiles {
    let options = sdkgen::CrateOptions { package_name: "references".into(), source: "people".into(), ..Default::default() };
    let files = sdkgen::emit_crate(api, &options).unwrap();
    assert!(sdkgen::emit::collisions::duplicate_names(&files).is_empty());
    files
}

#[test]
fn openapi_components_of_another_file_are_copied_in() {
    let api = sdkgen::load(&fixture("people.openapi.yaml"), "people.openapi.yaml").unwrap();
    assert_eq!(type_names(&api), ["Person", "Price", "Product", "Price_2"]);
    let operation = &api.operations[0];
    assert_eq!(operation.parameters[0].name, "id");
    let files = emits(&api);
    assert!(files["src/models.rs"].contains("pub struct Price2 {"), "{}", files["src/models.rs"]);
    assert!(files["src/models.rs"].contains("pub price: Option<Box<Price2>>,"));
}

#[test]
fn csdl_references_bring_their_included_schemas() {
    let api = sdkgen::load(&fixture("people.csdl.xml"), "people.csdl.xml").unwrap();
    let names = type_names(&api);
    for name in ["Demo.People.Person", "Demo.Products.Product", "Demo.Products.Catalog", "Demo.Units.Weight"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    // Only the service's own container gives operations.
    assert!(api.operations.iter().all(|op| op.path.template().starts_with("/people")), "{:?}", api.operations);
    let person = api.types.iter().find(|t| t.name == "Demo.People.Person").unwrap();
    let sdkgen::model::TypeKind::Struct(person) = &person.kind else { panic!() };
    assert_eq!(person.properties[1].description.as_deref(), Some("What they buy most."));
    emits(&api);
}

#[test]
fn missing_or_remote_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    let write = |reference: &str| {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '{reference}'\n"
        );
        std::fs::write(&spec, &text).unwrap();
        text
    };
    write("./nothing.yaml#/components/schemas/B");
    let error = sdkgen::load(&spec, "spec.yaml").unwrap_err().to_string();
    assert!(error.starts_with("spec.yaml:#/components/schemas/A/$ref: $ref `./nothing.yaml#/components/schemas/B`: cannot read `./nothing.yaml`:"), "{error}");
    write("https://example.com/x.yaml#/components/schemas/B");
    let error = sdkgen::load(&spec, "spec.yaml").unwrap_err().to_string();
    assert_eq!(error, "spec.yaml:#/components/schemas/A/$ref: $ref `https://example.com/x.yaml#/components/schemas/B` is on a network, and only files on this machine are read");
    let text = write("other.yaml#/components/schemas/B");
    let error = sdkgen::parse("spec.yaml", &text).unwrap_err().to_string();
    assert!(error.contains("which is read only when the description is read from a file"), "{error}");

    let xml = dir.path().join("service.xml");
    let people = std::fs::read_to_string(fixture("people.csdl.xml")).unwrap();
    std::fs::write(&xml, people.replace("products.csdl.xml", "gone.xml")).unwrap();
    let error = sdkgen::load(&xml, "service.xml").unwrap_err().to_string();
    assert!(error.starts_with("service.xml:8:3: <Reference>: cannot read `gone.xml`:"), "{error}");
}
