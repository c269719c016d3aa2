//! OpenAPI 3.1 input: each 3.1 construct reads as its 3.0 spelling does (the
//! same model), and the pfx spec written in 3.1 emits the same crate as the
//! project's 3.0 one.

use serde_json::{Value, json};

/// A document of `version` with these schemas and paths.
fn document(version: &str, schemas: Value, paths: Value) -> String {
    json!({
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
    .to_string()
}

/// The model of a document, as text to compare, and its warnings.
fn model(text: &str) -> (String, Vec<String>) {
    let api = sdkgen::parse("spec.json", text).unwrap_or_else(|e| panic!("{e}"));
    (
        format!("{:#?}\n{:#?}", api.types, api.operations),
        api.warnings.iter().map(ToString::to_string).collect(),
    )
}

/// `schema` in 3.1 reads as `as_30` does in 3.0 (as the property `p` of an
/// object `S`), with the same warnings; gives those that only the 3.1 one has.
fn same_as_30(schema: Value, as_30: Value) -> Vec<String> {
    let wrap = |s: Value| json!({"S": {"type": "object", "required": ["p"], "properties": {"p": s}}, "A": {"type": "object", "properties": {"a": {"type": "string"}}}});
    let (new, warnings) = model(&document("3.1.0", wrap(schema.clone()), json!({})));
    let (old, old_warnings) = model(&document("3.0.3", wrap(as_30), json!({})));
    assert_eq!(new, old, "{schema}");
    assert!(
        old_warnings.iter().all(|w| warnings.contains(w)),
        "{old_warnings:?} {warnings:?}"
    );
    warnings
        .into_iter()
        .filter(|w| !old_warnings.contains(w))
        .collect()
}

#[test]
fn type_lists_with_null_are_nullable() {
    let warnings = same_as_30(
        json!({"type": ["string", "null"]}),
        json!({"type": "string", "nullable": true}),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    same_as_30(
        json!({"type": ["null", "integer"], "format": "int32"}),
        json!({"type": "integer", "format": "int32", "nullable": true}),
    );
}

#[test]
fn type_lists_of_several_types_are_alternatives() {
    same_as_30(
        json!({"type": ["integer", "string"], "minLength": 1}),
        json!({"oneOf": [{"type": "integer"}, {"type": "string", "minLength": 1}]}),
    );
    same_as_30(
        json!({"type": ["array", "object"], "items": {"type": "string"}, "properties": {"a": {"type": "string"}}}),
        json!({"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object", "properties": {"a": {"type": "string"}}}]}),
    );
}

#[test]
fn a_null_alternative_is_the_or_null_placeholder() {
    same_as_30(
        json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}),
        json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "object", "nullable": true}]}),
    );
}

#[test]
fn const_is_an_enum_of_one() {
    same_as_30(
        json!({"type": "string", "const": "on"}),
        json!({"type": "string", "enum": ["on"]}),
    );
}

#[test]
fn examples_bounds_and_encodings_have_3_0_words() {
    same_as_30(
        json!({"type": "string", "examples": ["a", "b"]}),
        json!({"type": "string", "example": "a"}),
    );
    same_as_30(
        json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10}),
        json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true}),
    );
    same_as_30(
        json!({"type": "string", "contentEncoding": "base64"}),
        json!({"type": "string", "format": "byte"}),
    );
    same_as_30(
        json!({"type": "string", "contentMediaType": "image/png"}),
        json!({"type": "string", "format": "binary"}),
    );
    // Keywords that only validate are left out, as a 3.0 reader leaves out what it does not know.
    same_as_30(
        json!({"type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false, "if": {"required": ["a"]}, "then": {"required": ["b"]}}),
        json!({"type": "object", "properties": {"a": {"type": "string"}}}),
    );
}

#[test]
fn a_ref_beside_keywords_is_all_of_them() {
    same_as_30(
        json!({"$ref": "#/components/schemas/A", "readOnly": true}),
        json!({"allOf": [{"$ref": "#/components/schemas/A"}], "readOnly": true}),
    );
    // A description beside it changes nothing.
    same_as_30(
        json!({"$ref": "#/components/schemas/A", "description": "an A"}),
        json!({"$ref": "#/components/schemas/A"}),
    );
}

#[test]
fn boolean_schemas_and_pattern_properties() {
    same_as_30(
        json!({"type": "object", "properties": {"any": true}}),
        json!({"type": "object", "properties": {"any": {}}}),
    );
    same_as_30(
        json!({"type": "object", "patternProperties": {"^x-": {"type": "integer"}}}),
        json!({"type": "object", "additionalProperties": {"type": "integer"}}),
    );
}

#[test]
fn a_tuple_is_a_list_of_its_item_types_with_a_warning() {
    let warnings = same_as_30(
        json!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}]}),
        json!({"type": "array", "items": {"type": "number"}}),
    );
    assert_eq!(
        warnings,
        [
            "spec.json:#/components/schemas/S/properties/p: `prefixItems` (a tuple) is read as a list of its item types"
        ]
    );
}

#[test]
fn path_items_in_components_and_webhooks() {
    let get = json!({"get": {"operationId": "getA", "responses": {"200": {"description": "an A", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}});
    let schemas =
        json!({"A": {"type": ["object", "null"], "properties": {"a": {"type": "string"}}}});
    let mut new: Value = serde_json::from_str(&document(
        "3.1.0",
        schemas,
        json!({"/a": {"$ref": "#/components/pathItems/a"}}),
    ))
    .unwrap();
    new["components"]["pathItems"] = json!({"a": get.clone()});
    new["webhooks"] = json!({"changed": {"post": {"responses": {"200": {"description": "ok"}}}}});
    let old = document(
        "3.0.3",
        json!({"A": {"type": "object", "nullable": true, "properties": {"a": {"type": "string"}}}}),
        json!({"/a": get}),
    );
    let (new, warnings) = model(&new.to_string());
    assert_eq!(new, model(&old).0);
    assert_eq!(
        warnings,
        [
            "spec.json:#/webhooks: 1 webhook(s): requests the API sends, not operations to call; not generated"
        ]
    );
    // A 3.1 document may have no paths at all.
    let bare = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "components": {"schemas": {}}});
    assert!(sdkgen::parse("spec.json", &bare.to_string()).is_ok());
}

/// The pfx spec written in 3.1 (`fixtures/openapi31/`) emits the crate the
/// project's 3.0 spec emits, byte for byte.
#[test]
fn the_pfx_spec_in_3_1_emits_the_same_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = sdkgen::CrateOptions {
        package_name: "msgraph-beta-pfx".into(),
        source: "pfx".into(),
        ..Default::default()
    };
    let emit = |path: &str| {
        let api = sdkgen::load(&root.join(path), path).unwrap_or_else(|e| panic!("{e}"));
        (sdkgen::emit_crate(&api, &options).unwrap(), api.warnings)
    };
    let (v30, none) = emit("../specs/pfx-user-certificate.openapi.yaml");
    let (v31, warnings) = emit("tests/fixtures/openapi31/pfx-user-certificate.yaml");
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].to_string().contains("#/webhooks: 1 webhook(s)"),
        "{warnings:?}"
    );
    assert_eq!(
        v30.keys().collect::<Vec<_>>(),
        v31.keys().collect::<Vec<_>>()
    );
    for (path, text) in &v30 {
        assert!(*text == v31[path], "{path} differs");
    }
}
