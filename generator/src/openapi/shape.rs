//! Fields that OpenAPI does not have where they stand (a `type` in a
//! Response object, `requestbody` for `requestBody`): the typed parse ignores
//! them, so without a warning a mistyped or misplaced field would silently
//! change nothing. Schemas are left alone: JSON Schema lets them carry any
//! annotation.

use serde_json::Value;

use super::pointer;
use crate::model::Warning;

/// The fields of each object OpenAPI 3.0 defines (3.1's additions marked),
/// besides `x-` extensions.
const DOCUMENT: &[&str] = &[
    "openapi",
    "info",
    "servers",
    "paths",
    "components",
    "security",
    "tags",
    "externalDocs",
    "webhooks",          // 3.1
    "jsonSchemaDialect", // 3.1
];
const PATH_ITEM: &[&str] = &["$ref", "summary", "description", "servers", "parameters"];
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
const OPERATION: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];
const PARAMETER: &[&str] = &[
    "$ref",
    "name",
    "in",
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "examples",
    "content",
];
const REQUEST_BODY: &[&str] = &["$ref", "description", "content", "required"];
const RESPONSE: &[&str] = &["$ref", "description", "headers", "content", "links"];
const MEDIA_TYPE: &[&str] = &["schema", "example", "examples", "encoding"];
const COMPONENTS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems", // 3.1
];

/// A warning, with its place, for every field that is not one of the
/// object's; the document is the JSON value before the typed parse.
pub(super) fn misplaced_fields(file: &str, document: &Value) -> Vec<Warning> {
    let mut check = Check {
        file,
        warnings: Vec::new(),
    };
    check.object(document, DOCUMENT, "the document", &mut Vec::new());
    let mut place = Vec::new();
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        place.push("paths".to_string());
        for (path, item) in paths {
            place.push(path.clone());
            check.path_item(item, &mut place);
            place.pop();
        }
        place.pop();
    }
    if let Some(components) = document.get("components") {
        place.push("components".to_string());
        check.object(components, COMPONENTS, "a Components object", &mut place);
        check.each_value(components, "parameters", &mut place, Check::parameter);
        check.each_value(components, "headers", &mut place, Check::parameter);
        check.each_value(components, "requestBodies", &mut place, Check::request_body);
        check.each_value(components, "responses", &mut place, Check::response);
        check.each_value(components, "pathItems", &mut place, Check::path_item);
    }
    check.warnings
}

struct Check<'f> {
    file: &'f str,
    warnings: Vec<Warning>,
}

impl Check<'_> {
    /// Warns of each field of `value` that is not in `fields`.
    fn object(&mut self, value: &Value, fields: &[&str], what: &str, place: &mut Vec<String>) {
        let Some(object) = value.as_object() else {
            return;
        };
        for key in object.keys() {
            if !key.starts_with("x-") && !fields.contains(&key.as_str()) {
                place.push(key.clone());
                let at: Vec<&str> = place.iter().map(String::as_str).collect();
                let key = crate::error::one_line(key);
                self.warnings.push(Warning::new(
                    format!("{}:{}", self.file, pointer(&at)),
                    format!("`{key}` is not a field of {what}: ignored"),
                ));
                place.pop();
            }
        }
    }

    /// `f` on each value of the mapping `holder[key]`.
    fn each_value(
        &mut self,
        holder: &Value,
        key: &str,
        place: &mut Vec<String>,
        f: fn(&mut Self, &Value, &mut Vec<String>),
    ) {
        let Some(map) = holder.get(key).and_then(Value::as_object) else {
            return;
        };
        place.push(key.to_string());
        for (name, value) in map {
            place.push(name.clone());
            f(self, value, place);
            place.pop();
        }
        place.pop();
    }

    fn path_item(&mut self, item: &Value, place: &mut Vec<String>) {
        let fields: Vec<&str> = PATH_ITEM.iter().chain(METHODS).copied().collect();
        self.object(item, &fields, "a Path Item object", place);
        self.parameters(item, place);
        for method in METHODS {
            if let Some(operation) = item.get(*method) {
                place.push(method.to_string());
                self.object(operation, OPERATION, "an Operation object", place);
                self.parameters(operation, place);
                if let Some(body) = operation.get("requestBody") {
                    place.push("requestBody".into());
                    self.request_body(body, place);
                    place.pop();
                }
                self.each_value(operation, "responses", place, Check::response);
                place.pop();
            }
        }
    }

    fn parameters(&mut self, holder: &Value, place: &mut Vec<String>) {
        let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
            return;
        };
        place.push("parameters".into());
        for (index, parameter) in list.iter().enumerate() {
            place.push(index.to_string());
            self.parameter(parameter, place);
            place.pop();
        }
        place.pop();
    }

    fn parameter(&mut self, parameter: &Value, place: &mut Vec<String>) {
        self.object(parameter, PARAMETER, "a Parameter object", place);
        self.content(parameter, place);
    }

    fn request_body(&mut self, body: &Value, place: &mut Vec<String>) {
        self.object(body, REQUEST_BODY, "a Request Body object", place);
        self.content(body, place);
    }

    fn response(&mut self, response: &Value, place: &mut Vec<String>) {
        self.object(response, RESPONSE, "a Response object", place);
        self.content(response, place);
        self.each_value(response, "headers", place, Check::parameter);
    }

    fn content(&mut self, holder: &Value, place: &mut Vec<String>) {
        self.each_value(holder, "content", place, |check, media_type, place| {
            check.object(media_type, MEDIA_TYPE, "a Media Type object", place)
        });
    }
}
