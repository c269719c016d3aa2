//! `$ref`s to any place of the document, not only to `#/components/KIND/NAME`:
//! `#/components/schemas/A/properties/b`, `#/components/parameters/p/schema`,
//! `#/paths/~1v2~1x/get/responses/401` (JSON pointers, with `~0`, `~1` and
//! percent-encoding). Each place so named moves into `components` under a
//! name of its own and leaves a `$ref` to it behind, so that the rest of the
//! front end (and the typed parse) sees only component references, and the
//! place and every reference to it give one type.
//!
//! A `$ref` whose target is an object of another kind (a schema where a
//! response belongs) or data (an example) is an error naming the rule.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::pointer;
use super::structure::{Kind, kind_at, local_tokens, visit_refs};
use crate::error::{Error, Result};

/// Where the places that moved came from, to name them in errors.
#[derive(Default)]
pub(super) struct Moved {
    /// The component's pointer -> the place's own.
    origins: Vec<(String, String)>,
}

impl Moved {
    /// `error` with its place where the document has it, if it is in a
    /// component that a move made.
    pub(super) fn restore(&self, mut error: Error) -> Error {
        for (component, origin) in &self.origins {
            if let Some(rest) = error.place.strip_prefix(component.as_str())
                && (rest.is_empty() || rest.starts_with('/'))
            {
                error.place = format!("{origin}{rest}");
                break;
            }
        }
        error
    }
}

/// Rewrites the document's references to places outside `components` (or
/// deeper inside it) into references to components of their own.
pub(super) fn hoist(file: &str, document: &mut Value) -> Result<Moved> {
    let mut moved = Moved::default();
    let mut found: Vec<(String, Kind, Vec<String>)> = Vec::new();
    visit_refs(
        document,
        Kind::Document,
        &mut Vec::new(),
        &mut |reference, kind, place| {
            if is_elsewhere(reference, kind) {
                found.push((reference.clone(), kind, place.to_vec()));
            }
            Ok::<(), Error>(())
        },
    )?;
    if !found.is_empty() {
        let mut plan = Plan {
            document,
            planned: HashMap::new(),
            targets: HashMap::new(),
            taken: HashMap::new(),
        };
        for (reference, kind, place) in &found {
            plan.add(file, reference, *kind, place)?;
        }
        let Plan {
            planned, targets, ..
        } = plan;
        moved.origins = planned
            .values()
            .map(|(tokens, section, name)| {
                let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
                (pointer(&["components", section, name]), pointer(&tokens))
            })
            .collect();
        visit_refs(
            document,
            Kind::Document,
            &mut Vec::new(),
            &mut |reference, _, _| {
                if let Some(target) = targets.get(reference.as_str()) {
                    *reference = target.clone();
                }
                Ok::<(), Error>(())
            },
        )?;
        apply(file, document, planned)?;
    }
    inline_path_items(file, document)?;
    Ok(moved)
}

/// A local `$ref` that does not name a component of the kind expected
/// (path items aside: they are inlined).
fn is_elsewhere(reference: &str, kind: Kind) -> bool {
    let (Some(tokens), Some(section)) = (local_tokens(reference), kind.section()) else {
        return false;
    };
    kind != Kind::PathItem
        && !(tokens.len() == 3 && tokens[0] == "components" && tokens[1] == section)
}

/// Where each place named by a `$ref` goes among the components.
struct Plan<'d> {
    document: &'d Value,
    /// Pointer (escaped) -> (its tokens, the section and name it moves to).
    planned: HashMap<String, (Vec<String>, &'static str, String)>,
    /// A reference as written -> the reference to the moved place.
    targets: HashMap<String, String>,
    /// Names taken per section.
    taken: HashMap<&'static str, HashSet<String>>,
}

impl Plan<'_> {
    /// Plans the move of what `reference` (at `place`, standing for an
    /// object of `kind`) names, or says why it cannot stand for one.
    fn add(&mut self, file: &str, reference: &str, kind: Kind, place: &[String]) -> Result<()> {
        let (Some(tokens), Some(section)) = (local_tokens(reference), kind.section()) else {
            return Ok(());
        };
        let fail = |message: String| {
            let mut at: Vec<&str> = place.iter().map(String::as_str).collect();
            at.push("$ref");
            Err(Error::new(file, pointer(&at), message))
        };
        match kind_at(self.document, &tokens) {
            Some(found) if found == kind => {}
            Some(found) => {
                return fail(format!(
                    "$ref `{reference}` names {} where {} belongs",
                    found.described(),
                    kind.described()
                ));
            }
            None if self.document.pointer(&escaped(&tokens)).is_some() => {
                return fail(format!(
                    "$ref `{reference}` names data (an example, a default, a description), not {}",
                    kind.described()
                ));
            }
            // Points to nothing: the converter says so where it reads it.
            None => return Ok(()),
        }
        let key = escaped(&tokens);
        if !self.planned.contains_key(&key) {
            let name = self.name_for(section, &tokens);
            self.planned.insert(key.clone(), (tokens, section, name));
        }
        let (_, section, name) = &self.planned[&key];
        self.targets.insert(
            reference.to_string(),
            pointer(&["components", section, name]),
        );
        Ok(())
    }

    /// A readable name for the place, unused in its section:
    /// `#/components/schemas/Transfer/definitions/transferAccount` ->
    /// `Transfer_transferAccount`.
    fn name_for(&mut self, section: &'static str, tokens: &[String]) -> String {
        let taken = self.taken.entry(section).or_insert_with(|| {
            self.document
                .pointer(&escaped(&["components".to_string(), section.to_string()]))
                .and_then(Value::as_object)
                .map(|items| items.keys().cloned().collect())
                .unwrap_or_default()
        });
        let words: Vec<String> = tokens
            .iter()
            .filter(|t| !STRUCTURAL.contains(&t.as_str()) && !t.contains('/') || t.starts_with('/'))
            .map(|t| {
                t.chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '_' })
                    .collect::<String>()
                    .trim_matches('_')
                    .to_string()
            })
            .filter(|t| !t.is_empty())
            .collect();
        let stem = if words.is_empty() {
            "Referenced".to_string()
        } else {
            words.join("_")
        };
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    stem.clone()
                } else {
                    format!("{stem}_{n}")
                }
            })
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or(stem);
        taken.insert(name.clone());
        name
    }
}

/// Moves each planned place into its component, the deepest first (a move
/// changes nothing above it, so the pointers of the others still hold),
/// leaving a `$ref` behind.
fn apply(
    file: &str,
    document: &mut Value,
    planned: HashMap<String, (Vec<String>, &'static str, String)>,
) -> Result<()> {
    let mut planned: Vec<_> = planned.into_values().collect();
    planned.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut moved: Vec<(&'static str, String, Value)> = Vec::new();
    for (tokens, section, name) in planned {
        let Some(slot) = document.pointer_mut(&escaped(&tokens)) else {
            continue;
        };
        let mut reference = Map::new();
        reference.insert(
            "$ref".into(),
            Value::String(pointer(&["components", section, &name])),
        );
        let value = std::mem::replace(slot, Value::Object(reference));
        moved.push((section, name, value));
    }
    if moved.is_empty() {
        return Ok(());
    }
    let Some(root) = document.as_object_mut() else {
        return Ok(());
    };
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    for (section, name, value) in moved {
        let Some(items) = components
            .as_object_mut()
            .map(|c| {
                c.entry(section)
                    .or_insert_with(|| Value::Object(Map::new()))
            })
            .and_then(Value::as_object_mut)
        else {
            return Err(Error::new(
                file,
                pointer(&["components", section]),
                "not a mapping",
            ));
        };
        items.insert(name, value);
    }
    Ok(())
}

/// Tokens that say where a thing is rather than what it is called.
const STRUCTURAL: &[&str] = &[
    "components",
    "schemas",
    "parameters",
    "requestBodies",
    "headers",
    "paths",
    "properties",
    "definitions",
    "$defs",
    "items",
    "content",
    "schema",
    "allOf",
    "anyOf",
    "oneOf",
    "additionalProperties",
    "get",
    "put",
    "post",
    "delete",
    "patch",
    "options",
    "head",
    "trace",
    "responses",
];

/// A JSON pointer (as `serde_json::Value::pointer` takes it) from tokens.
fn escaped(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// A path item given as a `$ref` to another place of the document (not to
/// `components/pathItems`, which 3.1 reads) becomes a copy of it.
fn inline_path_items(file: &str, document: &mut Value) -> Result<()> {
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return Ok(());
    };
    let mut copies = Vec::new();
    for (path, item) in paths {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            continue;
        };
        let Some(tokens) = local_tokens(reference) else {
            continue;
        };
        if tokens.first().is_some_and(|t| t == "components") {
            continue;
        }
        let place = pointer(&["paths", path, "$ref"]);
        match kind_at(document, &tokens) {
            Some(Kind::PathItem) => {}
            _ => {
                return Err(Error::new(
                    file,
                    place,
                    format!("$ref `{reference}` names no path item"),
                ));
            }
        }
        let target = document.pointer(&escaped(&tokens)).cloned();
        match target {
            Some(target) if target.get("$ref").is_none() => copies.push((path.clone(), target)),
            _ => {
                return Err(Error::new(
                    file,
                    place,
                    format!("$ref `{reference}` names a path item that is itself a `$ref`"),
                ));
            }
        }
    }
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, copy) in copies {
            paths.insert(path, copy);
        }
    }
    Ok(())
}
