//! Text -> `openapiv3::OpenAPI`, strictly: a key written twice is an error
//! with its place (serde's maps would keep the last one silently), the
//! version is checked before the typed parse complains about missing
//! fields, and the typed parse names the JSON pointer of what it refuses.

use std::collections::HashMap;
use std::fmt;

use openapiv3 as oa;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::pointer;
use crate::error::{Error, Result};
use crate::limits;

/// Per path, its methods in the order the document lists them (`openapiv3`
/// iterates them in a fixed order of its own).
pub(super) type MethodOrder = HashMap<String, Vec<String>>;

/// The text as a JSON value, once it is seen to be OpenAPI 3.0 or 3.1.
pub(super) fn read_openapi(file: &str, text: &str) -> Result<serde_json::Value> {
    let value = read_value(file, text)?;
    let Some(object) = value.as_object() else {
        return Err(Error::new(
            file,
            "",
            "not an OpenAPI document: the top level is not a mapping",
        ));
    };
    check_version(file, object)?;
    Ok(value)
}

/// The typed document and the order of its methods.
pub(super) fn read_document(
    file: &str,
    value: serde_json::Value,
) -> Result<(oa::OpenAPI, MethodOrder)> {
    let method_order = value
        .get("paths")
        .and_then(|paths| paths.as_object())
        .map(|paths| {
            let methods = |item: &serde_json::Value| {
                item.as_object()
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default()
            };
            paths
                .iter()
                .map(|(path, item)| (path.clone(), methods(item)))
                .collect()
        })
        .unwrap_or_default();
    // The typed parse reads the value once; the path to what it refuses is
    // the place (a second parse of the text to learn it could panic inside
    // openapiv3 on input the first one refused).
    let doc = serde_path_to_error::deserialize(value).map_err(|e| {
        let tokens: Vec<String> = e.path().iter().map(|segment| segment.to_string()).collect();
        let tokens: Vec<&str> = tokens
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "?")
            .collect();
        Error::new(file, pointer(&tokens), e.into_inner().to_string())
    })?;
    Ok((doc, method_order))
}

fn check_version(file: &str, object: &serde_json::Map<String, serde_json::Value>) -> Result<()> {
    match object.get("openapi") {
        Some(serde_json::Value::String(version))
            if version.starts_with("3.0.") || version.starts_with("3.1.") =>
        {
            Ok(())
        }
        Some(serde_json::Value::String(version)) => Err(Error::new(
            file,
            "#/openapi",
            format!(
                "OpenAPI version `{}` is not supported (3.0.x and 3.1.x are)",
                crate::error::one_line(version)
            ),
        )),
        Some(other) => Err(Error::new(
            file,
            "#/openapi",
            format!(
                "the version must be a string such as \"3.0.3\", not `{other}` (quote it in YAML)"
            ),
        )),
        None if object.contains_key("swagger") => Err(Error::new(
            file,
            "#/swagger",
            "Swagger 2.0 is not supported; convert it to OpenAPI 3.0",
        )),
        None => Err(Error::new(
            file,
            "",
            "not an OpenAPI document: no `openapi` version field",
        )),
    }
}

/// JSON or YAML text as a JSON value, refusing keys written twice.
pub(super) fn read_value(file: &str, text: &str) -> Result<serde_json::Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = deserializer
            .deserialize_any(StrictValue)
            .map_err(|e| json_error(file, &e))?;
        deserializer.end().map_err(|e| json_error(file, &e))?;
        Ok(value)
    } else {
        check_flow_depth(file, text)?;
        let deserializer = serde_yaml::Deserializer::from_str(text);
        deserializer
            .deserialize_any(StrictValue)
            .map_err(|e| yaml_error(file, &e))
    }
}

/// YAML's parser takes seconds over deeply nested flow collections
/// (`[[[[...`) before its own recursion limit stops it; this finds them in
/// one pass. Brackets in quoted scalars and comments do not count; a plain
/// scalar rarely holds an unbalanced run of them.
fn check_flow_depth(file: &str, text: &str) -> Result<()> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let (mut row, mut column) = (1usize, 0usize);
    let mut previous = '\n';
    for c in text.chars() {
        let starts_scalar = previous.is_whitespace() || matches!(previous, '[' | '{' | ',');
        column += 1;
        if c == '\n' {
            (row, column, comment) = (row + 1, 0, false);
        } else if comment {
            // The rest of the line is a comment.
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else {
            match c {
                '#' if previous.is_whitespace() => comment = true,
                '"' | '\'' if starts_scalar => quote = Some(c),
                '[' | '{' => {
                    depth += 1;
                    if depth > limits::NESTING_DEPTH {
                        return Err(Error::new(
                            file,
                            format!("{row}:{column}"),
                            format!(
                                "collections nest more than {} levels deep",
                                limits::NESTING_DEPTH
                            ),
                        ));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = c;
    }
    Ok(())
}

/// Builds a `serde_json::Value`, but a mapping with a key written twice is
/// an error (with the deserializer's place) instead of the last one winning.
struct StrictValue;

impl<'de> de::DeserializeSeed<'de> for StrictValue {
    type Value = serde_json::Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON or YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v)
            .map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key `{key}` is written twice in one mapping"
                )));
            }
            let value = map.next_value_seed(StrictValue)?;
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

fn json_error(file: &str, e: &serde_json::Error) -> Error {
    let place = format!("{}:{}", e.line(), e.column());
    Error::new(file, place, without_position(&e.to_string()))
}

fn yaml_error(file: &str, e: &serde_yaml::Error) -> Error {
    let place = e
        .location()
        .map(|l| format!("{}:{}", l.line(), l.column()))
        .unwrap_or_default();
    Error::new(file, place, without_position(&e.to_string()))
}

/// serde_json and serde_yaml append " at line L column C"; the place goes in
/// front instead.
fn without_position(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_string()
}
