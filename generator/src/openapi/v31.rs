//! OpenAPI 3.1 read through the 3.0 front end: the document's JSON value is
//! rewritten into the 3.0 shape that openapiv3 reads, before the typed parse.
//!
//! Why a rewrite rather than a second front end or a 3.1 crate: openapiv3 (the
//! crate the rest of this front end is written against) reads 3.0 only, and
//! one front end keeps one set of rules. What 3.1's JSON Schema 2020-12 says
//! that a typed SDK can use has a 3.0 spelling:
//!
//! | 3.1 | 3.0 |
//! | --- | --- |
//! | `type: [string, "null"]` | `type: string, nullable: true` |
//! | `type: [integer, string]` | `oneOf: [{type: integer}, {type: string}]` |
//! | `type: "null"` (an alternative) | `{type: object, nullable: true}`, the "or null" placeholder |
//! | `const: x` | `enum: [x]` |
//! | `examples: [a, ...]` in a schema | `example: a` |
//! | `exclusiveMinimum: 5` | `minimum: 5, exclusiveMinimum: true` |
//! | `$ref` beside keywords that change the type | `allOf: [{$ref}]` beside them |
//! | `prefixItems` (a tuple) | `items` of its item types (a warning) |
//! | `contentEncoding: base64`, `contentMediaType` | `format: byte`, `format: binary` |
//! | `components/pathItems` and `$ref`s to them | the path items in place |
//! | `webhooks` (requests the API sends) | left out (a warning) |
//!
//! Keywords that only validate (`if`/`then`/`else`, `contains`,
//! `unevaluatedProperties`, ...) are dropped, as 3.0 readers ignore what
//! they do not know.

use serde_json::{Map, Value, json};

use super::pointer;
use crate::error::{Error, Result};
use crate::model::Warning;

/// Whether the document says it is OpenAPI 3.1.
pub(super) fn is_31(document: &Value) -> bool {
    document
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|version| version.starts_with("3.1."))
}

/// Rewrites a 3.1 document in place into 3.0; gives the warnings (with
/// their places) for what 3.0 cannot say.
pub(super) fn to_30(file: &str, document: &mut Value) -> Result<Vec<Warning>> {
    let mut rewrite = Rewrite {
        file,
        warnings: Vec::new(),
    };
    let Some(root) = document.as_object_mut() else {
        return Ok(Vec::new());
    };
    root.insert("openapi".into(), json!("3.0.3"));
    root.remove("jsonSchemaDialect");
    if let Some(webhooks) = root.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        if count > 0 {
            rewrite.warn(
                &["webhooks"],
                &format!("{count} webhook(s): requests the API sends, not operations to call; not generated"),
            );
        }
    }
    let path_items = root
        .get_mut("components")
        .and_then(Value::as_object_mut)
        .and_then(|components| components.remove("pathItems"));
    let paths = root.entry("paths").or_insert_with(|| json!({}));
    if let Some(paths) = paths.as_object_mut() {
        for (path, item) in paths.iter_mut() {
            rewrite.path_item_ref(item, path_items.as_ref(), path)?;
            rewrite.path_item(item, &mut vec!["paths".into(), path.clone()]);
        }
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        rewrite.components(components);
    }
    Ok(rewrite.warnings)
}

/// Keywords of JSON Schema 2020-12 that only validate or identify, which a
/// 3.0 schema has no room for.
const DROPPED: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$defs",
    "$dynamicAnchor",
    "$dynamicRef",
    "$vocabulary",
    "contains",
    "maxContains",
    "minContains",
    "dependentRequired",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
];

/// Keywords beside a `$ref` that leave its type as it is (3.1 allows any;
/// 3.0 ignores them all).
const ANNOTATIONS: &[&str] = &[
    "$ref",
    "description",
    "summary",
    "title",
    "deprecated",
    "example",
    "examples",
    "default",
    "$comment",
];

struct Rewrite<'f> {
    file: &'f str,
    warnings: Vec<Warning>,
}

impl Rewrite<'_> {
    fn warn(&mut self, place: &[&str], message: &str) {
        let place = format!("{}:{}", self.file, pointer(place));
        self.warnings.push(Warning::new(place, message));
    }

    /// A path item that is a `$ref` to `#/components/pathItems/NAME` becomes
    /// a copy of it.
    fn path_item_ref(&self, item: &mut Value, items: Option<&Value>, path: &str) -> Result<()> {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            return Ok(());
        };
        let target = reference
            .strip_prefix("#/components/pathItems/")
            .and_then(|name| items?.get(super::kinds::unescape_pointer(name)));
        match target {
            Some(target) => {
                *item = target.clone();
                Ok(())
            }
            None => Err(Error::new(
                self.file,
                pointer(&["paths", path, "$ref"]),
                format!(
                    "$ref `{}` points to nothing (a path item is referenced from #/components/pathItems)",
                    crate::error::one_line(reference)
                ),
            )),
        }
    }

    fn path_item(&mut self, item: &mut Value, place: &mut Vec<String>) {
        let Some(item) = item.as_object_mut() else {
            return;
        };
        for (key, value) in item.iter_mut() {
            place.push(key.clone());
            match key.as_str() {
                "parameters" => self.each(value, place, Self::parameter),
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                    self.operation(value, place)
                }
                _ => {}
            }
            place.pop();
        }
    }

    fn operation(&mut self, operation: &mut Value, place: &mut Vec<String>) {
        let Some(operation) = operation.as_object_mut() else {
            return;
        };
        for (key, value) in operation.iter_mut() {
            place.push(key.clone());
            match key.as_str() {
                "parameters" => self.each(value, place, Self::parameter),
                "requestBody" => self.content_of(value, place),
                "responses" => self.values(value, place, Self::response),
                _ => {}
            }
            place.pop();
        }
    }

    fn components(&mut self, components: &mut Map<String, Value>) {
        let mut place = vec!["components".to_string()];
        for (key, value) in components.iter_mut() {
            place.push(key.clone());
            match key.as_str() {
                "schemas" => self.values(value, &mut place, Self::schema),
                "parameters" | "headers" => self.values(value, &mut place, Self::parameter),
                "requestBodies" => self.values(value, &mut place, Self::content_of),
                "responses" => self.values(value, &mut place, Self::response),
                _ => {}
            }
            place.pop();
        }
    }

    /// `f` on every item of an array.
    fn each(
        &mut self,
        list: &mut Value,
        place: &mut Vec<String>,
        f: fn(&mut Self, &mut Value, &mut Vec<String>),
    ) {
        if let Some(list) = list.as_array_mut() {
            for (index, item) in list.iter_mut().enumerate() {
                place.push(index.to_string());
                f(self, item, place);
                place.pop();
            }
        }
    }

    /// `f` on every value of a mapping.
    fn values(
        &mut self,
        map: &mut Value,
        place: &mut Vec<String>,
        f: fn(&mut Self, &mut Value, &mut Vec<String>),
    ) {
        if let Some(map) = map.as_object_mut() {
            for (key, value) in map.iter_mut() {
                place.push(key.clone());
                f(self, value, place);
                place.pop();
            }
        }
    }

    /// A parameter or header: its `schema`, or the schemas of its `content`.
    fn parameter(&mut self, parameter: &mut Value, place: &mut Vec<String>) {
        if let Some(schema) = parameter.get_mut("schema") {
            place.push("schema".into());
            self.schema(schema, place);
            place.pop();
        }
        self.content_of(parameter, place);
    }

    fn response(&mut self, response: &mut Value, place: &mut Vec<String>) {
        self.content_of(response, place);
        if let Some(headers) = response.get_mut("headers") {
            place.push("headers".into());
            self.values(headers, place, Self::parameter);
            place.pop();
        }
    }

    /// The schema of every media type of `holder.content`.
    fn content_of(&mut self, holder: &mut Value, place: &mut Vec<String>) {
        let Some(content) = holder.get_mut("content").and_then(Value::as_object_mut) else {
            return;
        };
        place.push("content".into());
        for (media_type, entry) in content.iter_mut() {
            if let Some(schema) = entry.get_mut("schema") {
                place.extend([media_type.clone(), "schema".into()]);
                self.schema(schema, place);
                place.truncate(place.len() - 2);
            }
        }
        place.pop();
    }

    /// One schema and the schemas inside it.
    fn schema(&mut self, schema: &mut Value, place: &mut Vec<String>) {
        match schema {
            // `true` allows anything, `false` nothing.
            Value::Bool(true) => *schema = json!({}),
            Value::Bool(false) => *schema = json!({ "not": {} }),
            Value::Object(object) => {
                self.keywords(object, place);
                self.inner(object, place);
            }
            _ => {}
        }
    }

    /// The 3.1 keywords of one schema object, rewritten.
    fn keywords(&mut self, object: &mut Map<String, Value>, place: &[String]) {
        for keyword in DROPPED {
            object.remove(*keyword);
        }
        if object.contains_key("$ref") && object.keys().any(|k| !ANNOTATIONS.contains(&k.as_str()))
        {
            // 3.1: the referenced schema and the keywords beside it, as `allOf`.
            let reference = object.remove("$ref").unwrap_or_default();
            let mut parts = vec![json!({ "$ref": reference })];
            if let Some(Value::Array(more)) = object.remove("allOf") {
                parts.extend(more);
            }
            object.insert("allOf".into(), Value::Array(parts));
        }
        type_list(object);
        if let Some(value) = object.remove("const") {
            object.entry("enum").or_insert_with(|| json!([value]));
        }
        if let Some(Value::Array(examples)) = object.remove("examples")
            && let Some(first) = examples.into_iter().next()
        {
            object.entry("example").or_insert(first);
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(limit) = object.get(exclusive).filter(|v| v.is_number()).cloned() {
                object.insert(bound.into(), limit);
                object.insert(exclusive.into(), json!(true));
            }
        }
        let encoding = object.remove("contentEncoding");
        let media_type = object.remove("contentMediaType");
        if !object.contains_key("format") {
            if encoding.as_ref().and_then(Value::as_str) == Some("base64") {
                object.insert("format".into(), json!("byte"));
            } else if media_type.is_some() && encoding.is_none() {
                object.insert("format".into(), json!("binary"));
            }
        }
        if let Some(Value::Array(tuple)) = object.remove("prefixItems") {
            let at: Vec<&str> = place.iter().map(String::as_str).collect();
            self.warn(
                &at,
                "`prefixItems` (a tuple) is read as a list of its item types",
            );
            if !object.get("items").is_some_and(Value::is_object) {
                object.insert("items".into(), one_of_distinct(tuple, "anyOf"));
            }
        }
        if let Some(Value::Object(patterns)) = object.remove("patternProperties")
            && !object.contains_key("additionalProperties")
        {
            let values: Vec<Value> = patterns.into_iter().map(|(_, v)| v).collect();
            object.insert(
                "additionalProperties".into(),
                one_of_distinct(values, "anyOf"),
            );
        }
    }

    /// The schemas a schema holds.
    fn inner(&mut self, object: &mut Map<String, Value>, place: &mut Vec<String>) {
        for (key, value) in object.iter_mut() {
            place.push(key.clone());
            match key.as_str() {
                "properties" => self.values(value, place, Self::schema),
                "items" | "not" => self.schema(value, place),
                "additionalProperties" if value.is_object() => self.schema(value, place),
                "allOf" | "anyOf" | "oneOf" => self.each(value, place, Self::schema),
                _ => {}
            }
            place.pop();
        }
    }
}

/// `type` as a list (`[string, "null"]`) or `"null"`, in 3.0's words.
fn type_list(object: &mut Map<String, Value>) {
    let types: Vec<String> = match object.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        Some(Value::String(t)) if t == "null" => vec![t.clone()],
        _ => return,
    };
    let nullable = types.iter().any(|t| t == "null");
    let real: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
    object.remove("type");
    match real.as_slice() {
        // Only null: the placeholder 3.0 descriptions use for "or null".
        [] => {
            object.insert("type".into(), json!("object"));
        }
        [one] => {
            object.insert("type".into(), json!(one));
        }
        several => {
            // Each alternative takes the keywords of its type.
            let alternatives: Vec<Value> = several
                .iter()
                .map(|ty| {
                    let mut alternative = Map::new();
                    alternative.insert("type".into(), json!(ty));
                    let own: &[&str] = match ty.as_str() {
                        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
                        "object" => &["properties", "required", "additionalProperties"],
                        "string" => &["format", "pattern", "minLength", "maxLength"],
                        _ => &[],
                    };
                    for keyword in own {
                        if let Some(value) = object.get(*keyword) {
                            alternative.insert((*keyword).into(), value.clone());
                        }
                    }
                    Value::Object(alternative)
                })
                .collect();
            for keyword in [
                "items",
                "minItems",
                "maxItems",
                "uniqueItems",
                "properties",
                "required",
                "additionalProperties",
                "pattern",
                "minLength",
                "maxLength",
            ] {
                object.remove(keyword);
            }
            if several.iter().any(|t| t == "string") {
                object.remove("format");
            }
            object.insert("oneOf".into(), Value::Array(alternatives));
        }
    }
    if nullable {
        object.insert("nullable".into(), json!(true));
    }
}

/// The one schema among `schemas` (written once each), or a `keyword` of them.
fn one_of_distinct(schemas: Vec<Value>, keyword: &str) -> Value {
    // Compared by their text, in a set: a long tuple stays linear.
    let mut seen = std::collections::HashSet::new();
    let mut distinct: Vec<Value> = schemas
        .into_iter()
        .filter(|schema| seen.insert(schema.to_string()))
        .collect();
    match distinct.len() {
        0 => json!({}),
        1 => distinct.remove(0),
        _ => json!({ keyword: distinct }),
    }
}
