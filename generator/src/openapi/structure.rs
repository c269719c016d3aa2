//! Where an OpenAPI document holds which of its objects (a schema, a
//! response, a parameter, ...), read from the JSON value before the typed
//! parse. It tells a `$ref` that the document means from a `$ref` key that
//! is only data (inside an `example`, a `default`, an `enum` or an `x-`
//! extension: SCIM examples carry `"$ref": "https://..."`), and what kind of
//! object a JSON pointer reaches.

use serde_json::Value;

/// The kinds of OpenAPI objects that a `$ref` may stand for, and the objects
/// on the way to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Response,
    Example,
    Link,
    Callback,
    SecurityScheme,
    Schema,
}

impl Kind {
    /// The `components` section that holds objects of this kind, for the
    /// kinds that a `$ref` may name.
    pub(super) fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Response => "responses",
            Kind::Parameter => "parameters",
            Kind::Example => "examples",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::SecurityScheme => "securitySchemes",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::PathItem => "pathItems",
            _ => return None,
        })
    }

    /// What `section` of `components` holds.
    pub(super) fn of_section(section: &str) -> Option<Kind> {
        Some(match section {
            "schemas" => Kind::Schema,
            "responses" => Kind::Response,
            "parameters" => Kind::Parameter,
            "examples" => Kind::Example,
            "requestBodies" => Kind::RequestBody,
            "headers" => Kind::Header,
            "securitySchemes" => Kind::SecurityScheme,
            "links" => Kind::Link,
            "callbacks" => Kind::Callback,
            "pathItems" => Kind::PathItem,
            _ => return None,
        })
    }

    /// An article and a name for messages: "a schema".
    pub(super) fn described(self) -> &'static str {
        match self {
            Kind::Document => "the document",
            Kind::Components => "the components",
            Kind::PathItem => "a path item",
            Kind::Operation => "an operation",
            Kind::Parameter => "a parameter",
            Kind::Header => "a header",
            Kind::RequestBody => "a request body",
            Kind::MediaType => "a media type",
            Kind::Encoding => "an encoding",
            Kind::Response => "a response",
            Kind::Example => "an example",
            Kind::Link => "a link",
            Kind::Callback => "a callback",
            Kind::SecurityScheme => "a security scheme",
            Kind::Schema => "a schema",
        }
    }
}

/// What a member of an object of some kind holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holds {
    One(Kind),
    /// A mapping of names to objects of the kind.
    Map(Kind),
    /// A list of objects of the kind.
    List(Kind),
    /// A schema or a list of schemas (`items` before 2020-12).
    OneOrList(Kind),
    /// Data or text, no objects of the document's.
    Data,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// What the member `key` of an object of `kind` holds.
fn member(kind: Kind, key: &str) -> Holds {
    use Holds::*;
    if key.starts_with("x-") {
        return Data;
    }
    match (kind, key) {
        (Kind::Document, "paths" | "webhooks") => Map(Kind::PathItem),
        (Kind::Document, "components") => One(Kind::Components),
        (Kind::Components, section) => Kind::of_section(section).map_or(Data, Map),
        (Kind::PathItem, "parameters") => List(Kind::Parameter),
        (Kind::PathItem, method) if METHODS.contains(&method) => One(Kind::Operation),
        (Kind::Operation, "parameters") => List(Kind::Parameter),
        (Kind::Operation, "requestBody") => One(Kind::RequestBody),
        (Kind::Operation, "responses") => Map(Kind::Response),
        (Kind::Operation, "callbacks") => Map(Kind::Callback),
        (Kind::Callback, _) => One(Kind::PathItem),
        (Kind::Parameter | Kind::Header | Kind::MediaType, "schema") => One(Kind::Schema),
        (Kind::Parameter | Kind::Header | Kind::MediaType, "examples") => Map(Kind::Example),
        (Kind::Parameter | Kind::Header | Kind::RequestBody | Kind::Response, "content") => {
            Map(Kind::MediaType)
        }
        (Kind::MediaType, "encoding") => Map(Kind::Encoding),
        (Kind::Encoding | Kind::Response, "headers") => Map(Kind::Header),
        (Kind::Response, "links") => Map(Kind::Link),
        (Kind::Schema, _) => schema_member(key),
        _ => Data,
    }
}

/// What the keyword `key` of a schema holds: subschemas, or data
/// (`example`, `default`, `enum`, `const`, `discriminator`, ...).
fn schema_member(key: &str) -> Holds {
    use Holds::*;
    match key {
        "properties" | "patternProperties" | "definitions" | "$defs" | "dependentSchemas" => {
            Map(Kind::Schema)
        }
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => List(Kind::Schema),
        "items" => OneOrList(Kind::Schema),
        "additionalProperties"
        | "additionalItems"
        | "not"
        | "if"
        | "then"
        | "else"
        | "contains"
        | "propertyNames"
        | "unevaluatedItems"
        | "unevaluatedProperties" => One(Kind::Schema),
        _ => Data,
    }
}

/// Calls `f` with every `$ref` the document means in `value` (an object of
/// `kind`), its kind and the place of the object that holds it (tokens,
/// unescaped); `$ref` keys inside data are left alone. `f` may rewrite the
/// reference.
pub(super) fn visit_refs<E>(
    value: &mut Value,
    kind: Kind,
    place: &mut Vec<String>,
    f: &mut impl FnMut(&mut String, Kind, &[String]) -> Result<(), E>,
) -> Result<(), E> {
    let Value::Object(map) = value else {
        // A boolean schema, or a value where an object belongs: the typed
        // parse tells of the latter.
        return Ok(());
    };
    if let Some(Value::String(reference)) = map.get_mut("$ref")
        && kind != Kind::Document
    {
        f(reference, kind, place)?;
    }
    for (key, item) in map.iter_mut() {
        if key == "$ref" {
            continue;
        }
        place.push(key.clone());
        let result = match member(kind, key) {
            Holds::One(inner) => visit_refs(item, inner, place, f),
            Holds::Map(inner) => each(item, inner, place, f),
            Holds::List(inner) => each(item, inner, place, f),
            Holds::OneOrList(inner) if item.is_array() => each(item, inner, place, f),
            Holds::OneOrList(inner) => visit_refs(item, inner, place, f),
            Holds::Data => Ok(()),
        };
        place.pop();
        result?;
    }
    Ok(())
}

/// [`visit_refs`] of each value of a mapping or list.
fn each<E>(
    holder: &mut Value,
    kind: Kind,
    place: &mut Vec<String>,
    f: &mut impl FnMut(&mut String, Kind, &[String]) -> Result<(), E>,
) -> Result<(), E> {
    match holder {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                place.push(key.clone());
                let result = visit_refs(item, kind, place, f);
                place.pop();
                result?;
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                place.push(index.to_string());
                let result = visit_refs(item, kind, place, f);
                place.pop();
                result?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The kind of object that the pointer `tokens` (unescaped) reaches from
/// the document's root, if it reaches one of the document's objects.
pub(super) fn kind_at(document: &Value, tokens: &[String]) -> Option<Kind> {
    let mut kind = Kind::Document;
    let mut value = document;
    let mut tokens = tokens.iter();
    while let Some(token) = tokens.next() {
        let holds = member(kind, token);
        value = child(value, token)?;
        kind = match holds {
            Holds::One(inner) => inner,
            Holds::OneOrList(inner) if !value.is_array() => inner,
            Holds::Map(inner) | Holds::List(inner) | Holds::OneOrList(inner) => {
                let token = tokens.next()?;
                value = child(value, token)?;
                inner
            }
            Holds::Data => return None,
        };
    }
    Some(kind)
}

fn child<'v>(value: &'v Value, token: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => map.get(token),
        Value::Array(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    }
}

/// The tokens of a local reference (`#/components/schemas/A~1b`), unescaped
/// (`~1`, `~0`, and percent-encoding as URI fragments have it); `None` for a
/// reference to another file.
pub(super) fn local_tokens(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    if fragment.is_empty() {
        return Some(Vec::new());
    }
    let fragment = fragment.strip_prefix('/')?;
    Some(
        fragment
            .split('/')
            .map(|token| super::kinds::unescape_pointer(&percent_decoded(token)))
            .collect(),
    )
}

/// `%7B` -> `{`; text that is not percent-encoding is kept as it is.
fn percent_decoded(token: &str) -> String {
    if !token.contains('%') {
        return token.to_string();
    }
    let bytes = token.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| token.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refs_in_examples_are_data() {
        let mut doc = json!({
            "paths": {"/a": {"get": {"responses": {"200": {
                "description": "ok",
                "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/A"},
                    "example": {"$ref": "https://example.com/scim"},
                    "examples": {"one": {"value": {"$ref": "x"}}, "two": {"$ref": "#/components/examples/B"}}
                }}
            }}}}},
            "components": {"schemas": {"A": {
                "properties": {"example": {"$ref": "#/components/schemas/C"}},
                "default": {"$ref": "y"},
                "x-meta": {"$ref": "z"}
            }}}
        });
        let mut seen = Vec::new();
        visit_refs::<()>(
            &mut doc,
            Kind::Document,
            &mut Vec::new(),
            &mut |r, kind, _| {
                seen.push((r.clone(), kind));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            [
                ("#/components/schemas/A".to_string(), Kind::Schema),
                ("#/components/examples/B".to_string(), Kind::Example),
                ("#/components/schemas/C".to_string(), Kind::Schema),
            ]
        );
    }

    #[test]
    fn pointers_reach_kinds() {
        let doc = json!({
            "paths": {"/a/{b}": {"get": {
                "parameters": [{"name": "b", "in": "path", "schema": {"type": "string"}}],
                "responses": {"401": {"description": "no", "content": {"application/json": {"schema": {"properties": {"p": {"items": {}}}}}}}}
            }}},
            "components": {"schemas": {"A": {"definitions": {"b": {}}}}, "parameters": {"p": {"schema": {}}}}
        });
        let at = |reference: &str| kind_at(&doc, &local_tokens(reference).unwrap());
        assert_eq!(
            at("#/paths/~1a~1%7Bb%7D/get/responses/401"),
            Some(Kind::Response)
        );
        assert_eq!(
            at(
                "#/paths/~1a~1{b}/get/responses/401/content/application~1json/schema/properties/p/items"
            ),
            Some(Kind::Schema)
        );
        assert_eq!(
            at("#/paths/~1a~1{b}/get/parameters/0/schema"),
            Some(Kind::Schema)
        );
        assert_eq!(
            at("#/components/schemas/A/definitions/b"),
            Some(Kind::Schema)
        );
        assert_eq!(at("#/components/parameters/p/schema"), Some(Kind::Schema));
        assert_eq!(at("#/components/parameters/p"), Some(Kind::Parameter));
        assert_eq!(at("#/components/schemas/Nothing"), None);
        assert_eq!(at("#/paths/~1a~1{b}/get/responses/401/description"), None);
    }
}
