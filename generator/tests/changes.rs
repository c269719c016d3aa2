//! The change report on a series of pfxUserCertificate versions
//! (`versions/pfx-v1..v5.openapi.yaml`): v2 adds a property, v3 turns the
//! Int32 `paddingScheme` into an enum, v4 removes a property, v5 renames an
//! operation and adds a required parameter. The report of each step and the
//! code of each version are pinned by insta; the classification of each step
//! is asserted too, so a wrong verdict fails twice.

use std::path::{Path, PathBuf};

use sdkgen::changes::{Report, Severity, compare};
use sdkgen::{ApiSummary, CrateOptions};

fn version(n: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/versions/pfx-v{n}.openapi.yaml"))
}

fn summary_of(path: &Path) -> ApiSummary {
    sdkgen::summarize(&sdkgen::load(path, "spec").unwrap())
}

fn step(from: usize) -> Report {
    compare(&summary_of(&version(from)), &summary_of(&version(from + 1)))
}

#[test]
fn each_step_of_the_series_is_reported_and_classified() {
    // (step, exit code, breaking, compatible)
    let expected = [(1, 1, 0, 6), (2, 3, 2, 1), (3, 3, 6, 0), (4, 3, 2, 0)];
    for (from, code, breaking, compatible) in expected {
        let report = step(from);
        let name = format!("v{from}_to_v{}", from + 1);
        insta::assert_snapshot!(name.as_str(), report.text());
        assert_eq!(report.exit_code(), code, "{name}");
        assert_eq!(
            (
                report.count(Severity::Breaking),
                report.count(Severity::Compatible)
            ),
            (breaking, compatible),
            "{name}"
        );
    }
    insta::assert_snapshot!("v4_to_v5_markdown", step(4).markdown());
}

#[test]
fn the_code_of_each_version_is_pinned() {
    for n in 1..=5 {
        let api = sdkgen::load(&version(n), "spec").unwrap();
        let options = CrateOptions {
            package_name: format!("pfx-v{n}"),
            source: format!("pfx-v{n}.openapi.yaml"),
            ..Default::default()
        };
        let files = sdkgen::emit_sources(&api, &options).unwrap();
        let code: String = ["src/models.rs", "src/operations.rs", "src/client.rs"]
            .iter()
            .map(|file| format!("==> {file} <==\n{}\n", files[*file]))
            .collect();
        insta::assert_snapshot!(format!("code_v{n}"), code);
    }
}

#[test]
fn no_change_is_no_report() {
    let report = compare(&summary_of(&version(3)), &summary_of(&version(3)));
    assert!(report.changes.is_empty());
    assert_eq!(report.exit_code(), 0);
    assert_eq!(report.text(), "API changes: none\n");
}

/// A one-schema spec whose `Thing` has `properties` and `required`, and one
/// operation with `parameters`.
fn spec(properties: &str, required: &str, parameters: &str, path: &str) -> ApiSummary {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  {path}:\n    get:\n      operationId: getThing\n      parameters: [{parameters}]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Thing'}}\ncomponents:\n  schemas:\n    Colour: {{type: string, enum: [red, green]}}\n    Thing:\n      type: object\n      required: [{required}]\n      properties: {{{properties}}}\n"
    );
    sdkgen::summarize(&sdkgen::parse("spec.yaml", &text).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn each_rule_is_classified() {
    let base = spec("a: {type: string}", "", "", "/things");
    let cases = [
        // An optional field: compatible, structs are #[non_exhaustive].
        (
            spec("a: {type: string}, b: {type: integer}", "", "", "/things"),
            Severity::Compatible,
            "field `Thing.b` (`Option<i64>`) added",
        ),
        // A field that is always there: `new` takes it.
        (
            spec("a: {type: string}, b: {type: integer}", "b", "", "/things"),
            Severity::Breaking,
            "field `Thing.b` (`i64`) added, always present",
        ),
        // Optional to required changes the field's type.
        (
            spec("a: {type: string}", "a", "", "/things"),
            Severity::Breaking,
            "field `Thing.a`: type `Option<String>` -> `String`",
        ),
        // Parameters: optional is compatible, required is not.
        (
            spec(
                "a: {type: string}",
                "",
                "{name: q, in: query, schema: {type: string}}",
                "/things",
            ),
            Severity::Compatible,
            "optional query parameter `q` added",
        ),
        (
            spec(
                "a: {type: string}",
                "",
                "{name: q, in: query, required: true, schema: {type: string}}",
                "/things",
            ),
            Severity::Breaking,
            "required query parameter `q` added",
        ),
        // A new path keeps the Rust signature.
        (
            spec("a: {type: string}", "", "", "/items"),
            Severity::Compatible,
            "request `GET /things` -> `GET /items`",
        ),
    ];
    for (changed, severity, expected) in cases {
        let report = compare(&base, &changed);
        assert_eq!(report.changes.len(), 1, "{}", report.text());
        assert_eq!(report.changes[0].severity, severity, "{}", report.text());
        assert!(
            report.changes[0].description.contains(expected),
            "{}",
            report.text()
        );
    }
    // Enum members: adding is compatible (#[non_exhaustive]), removing breaks.
    let colours = |members: &str| {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Colour: {{type: string, enum: [{members}]}}\n"
        );
        sdkgen::summarize(&sdkgen::parse("spec.yaml", &text).unwrap())
    };
    let grown = compare(&colours("red"), &colours("red, green"));
    assert_eq!(
        (grown.exit_code(), grown.changes[0].description.as_str()),
        (1, "enum `Colour`: member `green` added")
    );
    let shrunk = compare(&colours("red, green"), &colours("red"));
    assert_eq!(
        (shrunk.exit_code(), shrunk.changes[0].description.as_str()),
        (3, "enum `Colour`: member `green` removed")
    );
}

/// A spec whose `Thing` (with `properties`) is created (a sent type: `with_`
/// setters), updated (an update type: setters and clearers) and listed with
/// `$select` (a property enum), at the server `url`.
fn crud_spec(properties: &str, url: &str) -> ApiSummary {
    let thing = "{$ref: '#/components/schemas/Thing'}";
    let body = format!("{{required: true, content: {{application/json: {{schema: {thing}}}}}}}");
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nservers: [{{url: '{url}', description: Main}}, {{url: '{url}/v2'}}]\npaths:\n  /things:\n    get:\n      operationId: listThings\n      parameters: [{{name: $select, in: query, explode: false, schema: {{type: array, items: {{type: string}}}}}}]\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {thing}}}}}}}}}\n    post:\n      operationId: createThing\n      requestBody: {body}\n      responses: {{'201': {{description: ok, content: {{application/json: {{schema: {thing}}}}}}}}}\n  /things/{{id}}:\n    patch:\n      operationId: updateThing\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      requestBody: {body}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties: {{{properties}}}\n"
    );
    sdkgen::summarize(&sdkgen::parse("spec.yaml", &text).unwrap_or_else(|e| panic!("{e}")))
}

/// What a summary of model types and operations alone did not see: the
/// methods of sent and update types, the property enums and the servers.
#[test]
fn setters_clearers_property_enums_and_servers_are_compared() {
    let base = crud_spec(
        "a: {type: string, nullable: true}, c: {type: string}",
        "https://a.example",
    );
    let descriptions = |report: &Report| -> Vec<String> {
        report
            .changes
            .iter()
            .map(|c| format!("{:?}: {}", c.severity, c.description))
            .collect()
    };
    // Not nullable any more: the update type's clearer goes.
    let report = compare(
        &base,
        &crud_spec("a: {type: string}, c: {type: string}", "https://a.example"),
    );
    assert_eq!(
        descriptions(&report),
        ["Breaking: method `ThingUpdate::clear_a` removed"]
    );
    // Read-only: neither a create nor an update sends it.
    let report = compare(
        &base,
        &crud_spec(
            "a: {type: string, nullable: true, readOnly: true}, c: {type: string}",
            "https://a.example",
        ),
    );
    assert_eq!(
        descriptions(&report),
        [
            "Breaking: field `ThingUpdate.a` removed",
            "Breaking: method `Thing::with_a` removed",
            "Breaking: method `ThingUpdate::a` removed",
            "Breaking: method `ThingUpdate::clear_a` removed",
        ]
    );
    // Another URL: the constant named after the description keeps its name,
    // the one named after its URL is another constant.
    let report = compare(
        &base,
        &crud_spec(
            "a: {type: string, nullable: true}, c: {type: string}",
            "https://b.example",
        ),
    );
    assert_eq!(
        descriptions(&report),
        [
            "Breaking: server constant `servers::HTTPS_A_EXAMPLE_V2` (`https://a.example/v2`) removed",
            "Compatible: server constant `servers::HTTPS_B_EXAMPLE_V2` (`https://b.example/v2`) added",
            "Compatible: server constant `servers::MAIN`: `https://a.example` -> `https://b.example`",
        ]
    );
    // A property added between two others is a minor change, its property
    // enum's variant included (the enum cannot be cast to an integer).
    let grown = crud_spec(
        "a: {type: string, nullable: true}, b: {type: integer}, c: {type: string}",
        "https://a.example",
    );
    let report = compare(&base, &grown);
    assert_eq!(report.exit_code(), 1, "{}", report.text());
    assert!(
        descriptions(&report)
            .contains(&"Compatible: property enum `ThingProperty`: variant `B` added".to_string()),
        "{}",
        report.text()
    );
    let removed = compare(&grown, &base);
    assert!(
        descriptions(&removed)
            .contains(&"Breaking: property enum `ThingProperty`: variant `B` removed".to_string()),
        "{}",
        removed.text()
    );
}

/// A body that is no longer required leaves `new` for a setter (and back):
/// breaking both ways, as cargo-semver-checks found (`cargo xtask semver`).
#[test]
fn a_body_made_optional_or_required_is_breaking() {
    let with_body = |required: bool| {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /things:\n    post:\n      operationId: createThing\n      requestBody:\n        required: {required}\n        content: {{application/json: {{schema: {{type: object, properties: {{a: {{type: string}}}}}}}}}}\n      responses: {{'204': {{description: ok}}}}\n"
        );
        sdkgen::summarize(&sdkgen::parse("spec.yaml", &text).unwrap_or_else(|e| panic!("{e}")))
    };
    for (from, to, now) in [(true, false, "optional"), (false, true, "required")] {
        let report = compare(&with_body(from), &with_body(to));
        assert_eq!(report.changes.len(), 1, "{}", report.text());
        assert_eq!(report.changes[0].severity, Severity::Breaking);
        assert!(
            report.changes[0]
                .description
                .contains(&format!("the body is now {now}")),
            "{}",
            report.text()
        );
    }
}
