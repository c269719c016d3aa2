//! Schemas read as any JSON value (`serde_json::Value`) for want of a type:
//! how many our fixtures of public descriptions' shapes still have (the
//! docs/reference.md reports them beside the corpus's), and what still is one.

use std::path::Path;

fn fallbacks(fixture: &str) -> (usize, Vec<String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let api = sdkgen::load(&path, fixture).unwrap_or_else(|e| panic!("{e}"));
    (sdkgen::json_value_fallbacks(&api), printed(&api))
}

fn printed(api: &sdkgen::model::Api) -> Vec<String> {
    api.warnings.iter().map(ToString::to_string).collect()
}

/// Before unions of primitives became enums: Stripe-like 10, GitHub-like 8,
/// nexus-like 2, unions 1 (the target is at most a tenth).
#[test]
fn the_fixtures_of_public_shapes_read_without_json_values() {
    for fixture in [
        "stripe-like.openapi.yaml",
        "github-like.openapi.yaml",
        "nexus-like.openapi.yaml",
        "unions.openapi.yaml",
    ] {
        let (count, warnings) = fallbacks(fixture);
        assert_eq!(count, 0, "{fixture}: {warnings:#?}");
    }
}

#[test]
fn a_union_with_an_alternative_that_can_be_anything_is_any_value_and_says_why() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S:\n      type: object\n      properties:\n        v:\n          anyOf: [{type: string}, {}]\n        w:\n          not: {type: string}\n";
    let api = sdkgen::parse("spec.yaml", text).unwrap();
    assert_eq!(sdkgen::json_value_fallbacks(&api), 2);
    assert_eq!(
        printed(&api),
        [
            "spec.yaml:#/components/schemas/S/properties/v: alternative 1 can be any JSON value (`{}` or `not`), so the whole is: read as any JSON value",
            "spec.yaml:#/components/schemas/S/properties/w: `not` says what a value is not, which no type states: read as any JSON value",
        ]
    );
}
