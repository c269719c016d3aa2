//! Bad input: every problem is one line naming the file and the place, and no
//! input makes the generator panic.

use sdkgen::CrateOptions;

fn error_for(text: &str) -> String {
    let error = sdkgen::parse("bad.yaml", text).expect_err("the spec should be refused");
    let line = error.to_string();
    assert!(!line.contains('\n'), "not one line: {line}");
    assert!(
        line.starts_with("bad.yaml"),
        "does not name the file: {line}"
    );
    line
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn text_that_is_not_yaml() {
    let line = error_for("openapi: 3.0.3\ninfo: [unclosed\n");
    assert!(line.starts_with("bad.yaml:3:1: "), "{line}");
}

#[test]
fn json_with_a_syntax_error() {
    let error =
        sdkgen::parse("bad.json", "{\n  \"openapi\": \"3.0.0\",\n  \"info\": }").unwrap_err();
    assert_eq!(error.file, "bad.json");
    assert_eq!(error.place, "3:11");
}

#[test]
fn yaml_that_is_not_a_mapping() {
    assert_eq!(
        error_for("- a\n- b\n"),
        "bad.yaml: not an OpenAPI document: the top level is not a mapping"
    );
}

#[test]
fn documents_that_are_not_openapi_3_0_or_3_1() {
    assert_eq!(
        error_for("title: nothing\n"),
        "bad.yaml: not an OpenAPI document: no `openapi` version field"
    );
    assert_eq!(
        error_for("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"),
        "bad.yaml:#/swagger: Swagger 2.0 is not supported; convert it to OpenAPI 3.0"
    );
    assert_eq!(
        error_for("openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n"),
        "bad.yaml:#/openapi: OpenAPI version `3.2.0` is not supported (3.0.x and 3.1.x are)"
    );
    assert_eq!(
        error_for(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: '#/components/pathItems/missing'\n"
        ),
        "bad.yaml:#/paths/~1a/$ref: $ref `#/components/pathItems/missing` points to nothing (a path item is referenced from #/components/pathItems)"
    );
}

#[test]
fn a_document_missing_required_parts_names_the_line() {
    let line = error_for("openapi: 3.0.3\npaths: {}\n");
    assert!(line.contains("missing field `info`"), "{line}");
}

#[test]
fn dangling_schema_ref() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/B'\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/components/schemas/A/properties/b/$ref: $ref `#/components/schemas/B` points to nothing"
    );
}

#[test]
fn dangling_refs_in_operations() {
    let parameter = format!(
        "{HEAD}paths:\n  /x/{{id}}:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/nope'\n      responses:\n        '204': {{description: ok}}\n"
    );
    assert_eq!(
        error_for(&parameter),
        "bad.yaml:#/paths/~1x~1{id}/get/parameters/0/$ref: $ref `#/components/parameters/nope` points to nothing"
    );
    let response = format!(
        "{HEAD}paths:\n  /x:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/gone'\n"
    );
    assert_eq!(
        error_for(&response),
        "bad.yaml:#/paths/~1x/get/responses/200/$ref: $ref `#/components/responses/gone` points to nothing"
    );
    let body = format!(
        "{HEAD}paths:\n  /x:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Missing'}}\n      responses:\n        '204': {{description: ok}}\n"
    );
    assert_eq!(
        error_for(&body),
        "bad.yaml:#/paths/~1x/post/requestBody/content/application~1json/schema/$ref: $ref `#/components/schemas/Missing` points to nothing"
    );
}

#[test]
fn an_undeclared_path_parameter() {
    let spec = format!(
        "{HEAD}paths:\n  /x/{{id}}:\n    get:\n      responses:\n        '204': {{description: ok}}\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/paths/~1x~1{id}/get/parameters: the path names `{id}`, which no parameter declares (every template expression must be a parameter)"
    );
}

/// A `$ref` may name any place of the document, but what it names must be
/// of the kind that belongs where the `$ref` stands.
#[test]
fn a_ref_to_an_object_of_another_kind() {
    let spec = format!(
        "{HEAD}paths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/responses/Done'}}\ncomponents:\n  responses:\n    Done: {{description: done}}\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/paths/~1x/get/responses/200/content/application~1json/schema/$ref: $ref `#/components/responses/Done` names a response where a schema belongs"
    );
    let spec = format!(
        "{HEAD}paths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/A/example'}}\ncomponents:\n  schemas:\n    A: {{type: object, example: {{a: 1}}}}\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/paths/~1x/get/responses/200/content/application~1json/schema/$ref: $ref `#/components/schemas/A/example` names data (an example, a default, a description), not a schema"
    );
    // A place that does not exist is told where the document reads it.
    let spec = format!(
        "{HEAD}paths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/A/properties/b'}}\ncomponents:\n  schemas:\n    A: {{type: object}}\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/paths/~1x/get/responses/200/content/application~1json/schema/$ref: $ref `#/components/schemas/A/properties/b` points to nothing"
    );
}

#[test]
fn an_operation_with_no_responses_answers_raw_bytes_with_a_warning() {
    let spec = format!("{HEAD}paths:\n  /x:\n    get:\n      responses: {{}}\n");
    let api = sdkgen::parse("spec.yaml", &spec).unwrap();
    assert_eq!(
        api.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "spec.yaml:#/paths/~1x/get/responses: no responses are described: any 2XX answers, read as raw bytes"
        ]
    );
    let files = sdkgen::emit_sources(&api, &Default::default()).unwrap();
    assert!(
        files["src/operations.rs"].contains("type Output = Vec<u8>;"),
        "{}",
        files["src/operations.rs"]
    );
}

#[test]
fn inheritance_cycles() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - type: object\n          properties: {{a: {{type: string}}}}\n    B:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - type: object\n          properties: {{b: {{type: string}}}}\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/components/schemas/A: base types form a cycle: A -> B -> A"
    );
}

#[test]
fn a_loop_of_references() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n    C:\n      type: object\n      properties:\n        a:\n          $ref: '#/components/schemas/A'\n"
    );
    assert_eq!(
        error_for(&spec),
        "bad.yaml:#/components/schemas/C/properties/a/$ref: $ref `#/components/schemas/A` leads to a loop of references"
    );
}

#[test]
fn unreadable_file() {
    let error =
        sdkgen::load(std::path::Path::new("/nonexistent/spec.yaml"), "spec.yaml").unwrap_err();
    assert!(
        error.to_string().starts_with("spec.yaml: cannot read: "),
        "{error}"
    );
}

/// Every prefix of the project's specs, OpenAPI and CSDL, is either generated
/// or refused in one line; none panics.
#[test]
fn no_prefix_of_a_project_spec_panics() {
    let specs = [
        (
            "pfx.yaml",
            include_str!("../../specs/pfx-user-certificate.openapi.yaml"),
            13,
        ),
        (
            "pfx.xml",
            include_str!("../../specs/pfx-user-certificate.csdl.xml"),
            7,
        ),
    ];
    let options = CrateOptions {
        package_name: "p".into(),
        source: "pfx".into(),
        ..Default::default()
    };
    for (name, spec, step) in specs {
        let mut refused = 0;
        for end in (0..spec.len())
            .step_by(step)
            .filter(|&end| spec.is_char_boundary(end))
        {
            match sdkgen::parse(name, &spec[..end]) {
                Ok(api) => {
                    sdkgen::emit_crate(&api, &options).unwrap();
                }
                Err(e) => {
                    assert!(!e.to_string().contains('\n'));
                    refused += 1;
                }
            }
        }
        assert!(refused > 0, "{name}");
    }
}

/// Fields OpenAPI does not have where they stand are ignored by the typed
/// parse; each is a warning with its place, and generation goes on.
#[test]
fn misplaced_fields_are_warned_with_their_place() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      requestbody: {}\n      responses:\n        '200':\n          description: ok\n          type: object\n          content:\n            application/json:\n              schema: {type: string}\n              schemas: {}\n        x-note: fine\ncomponents:\n  schema: {}\n";
    let api = sdkgen::parse("spec.yaml", text).unwrap();
    assert_eq!(
        api.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "spec.yaml:#/paths/~1a/get/requestbody: `requestbody` is not a field of an Operation object: ignored",
            "spec.yaml:#/paths/~1a/get/responses/200/type: `type` is not a field of a Response object: ignored",
            "spec.yaml:#/paths/~1a/get/responses/200/content/application~1json/schemas: `schemas` is not a field of a Media Type object: ignored",
            "spec.yaml:#/components/schema: `schema` is not a field of a Components object: ignored",
        ]
    );
    assert_eq!(api.operations.len(), 1);
}
