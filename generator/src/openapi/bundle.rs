//! `$ref`s to other files on this machine (`./common.yaml#/components/schemas/Error`,
//! as split descriptions and the OASIS converter's People/Products pair
//! write them): the components they reach are copied into the document's
//! own `components`, under their name or, where that is taken, a numbered
//! one, and every reference is rewritten to point there, before the typed
//! parse. Nothing is fetched from a network.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::pointer;
use super::read::read_value;
use super::structure::{Kind, visit_refs};
use crate::error::{Error, Result};
use crate::limits;

/// Where a value comes from: the document itself or another file.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Origin {
    Main,
    File(PathBuf),
}

struct Bundler<'a> {
    file: &'a str,
    /// The document's own file, when it was read from one.
    path: Option<PathBuf>,
    /// Other files read so far: their text as a value and how errors name them.
    loaded: HashMap<PathBuf, (Value, String)>,
    /// (file, kind, name) -> the name it has among the document's components.
    imported: HashMap<(PathBuf, String, String), String>,
    /// Names in use per kind of component (`schemas`, `parameters`).
    taken: HashMap<String, HashSet<String>>,
    /// Components still to copy: where they come from and their new name.
    queue: VecDeque<(PathBuf, String, String, String)>,
}

/// Copies what `doc`'s references to other files reach into it. `path` is
/// the document's own file, which relative references start from.
pub(super) fn bundle(file: &str, path: Option<&Path>, doc: &mut Value) -> Result<()> {
    if !has_external(doc) {
        return Ok(());
    }
    let taken = component_names(doc);
    let path = path.map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
    let mut bundler = Bundler {
        file,
        path,
        loaded: HashMap::new(),
        imported: HashMap::new(),
        taken,
        queue: VecDeque::new(),
    };
    bundler.rewrite(doc, Kind::Document, &Origin::Main, &mut Vec::new())?;
    let mut copied: Vec<(String, String, Value)> = Vec::new();
    while let Some((source, kind, name, new_name)) = bundler.queue.pop_front() {
        let (value, display) = &bundler.loaded[&source];
        let Some(mut component) = value
            .pointer(&format!("/components/{}/{}", escape(&kind), escape(&name)))
            .cloned()
        else {
            let display = display.clone();
            return Err(Error::new(
                display,
                "",
                format!("has no `#/components/{kind}/{name}`, which a `$ref` names"),
            ));
        };
        let mut place = vec!["components".to_string(), kind.clone(), name.clone()];
        // A section of components that OpenAPI does not have holds nothing it reads.
        if let Some(component_kind) = Kind::of_section(&kind) {
            bundler.rewrite(
                &mut component,
                component_kind,
                &Origin::File(source),
                &mut place,
            )?;
        }
        copied.push((kind, new_name, component));
    }
    insert_components(file, doc, copied)
}

/// The names the document's own components take, per section.
fn component_names(doc: &Value) -> HashMap<String, HashSet<String>> {
    doc.get("components")
        .and_then(Value::as_object)
        .map(|components| {
            let names = |kind: &Value| {
                kind.as_object()
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default()
            };
            components
                .iter()
                .map(|(kind, items)| (kind.clone(), names(items)))
                .collect()
        })
        .unwrap_or_default()
}

/// Puts the components copied from other files into the document's.
fn insert_components(
    file: &str,
    doc: &mut Value,
    copied: Vec<(String, String, Value)>,
) -> Result<()> {
    let components = doc
        .as_object_mut()
        .map(|d| {
            d.entry("components")
                .or_insert_with(|| Value::Object(Default::default()))
        })
        .and_then(Value::as_object_mut);
    let Some(components) = components else {
        return Err(Error::new(
            file,
            "#/components",
            "`components` is not a mapping",
        ));
    };
    for (kind, name, component) in copied {
        match components
            .entry(kind.clone())
            .or_insert_with(|| Value::Object(Default::default()))
            .as_object_mut()
        {
            Some(items) => {
                items.insert(name, component);
            }
            None => {
                return Err(Error::new(
                    file,
                    pointer(&["components", &kind]),
                    "not a mapping",
                ));
            }
        }
    }
    Ok(())
}

impl Bundler<'_> {
    /// Rewrites the `$ref`s in `value` (an object of `kind`, found at
    /// `place` in its origin) that leave their file, and those of copied
    /// components that point into their own file.
    fn rewrite(
        &mut self,
        value: &mut Value,
        kind: Kind,
        origin: &Origin,
        place: &mut Vec<String>,
    ) -> Result<()> {
        visit_refs(value, kind, place, &mut |reference, _, at| {
            if !(reference.starts_with('#') && *origin == Origin::Main) {
                let mut at = at.to_vec();
                at.push("$ref".into());
                *reference = self.target(reference, origin, &at)?;
            }
            Ok(())
        })
    }

    /// What `reference` becomes in the bundled document.
    fn target(&mut self, reference: &str, origin: &Origin, place: &[String]) -> Result<String> {
        let fail = |this: &Self, message: String| Err(this.failure(origin, place, message));
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file_part.contains("://") {
            return fail(
                self,
                format!(
                    "$ref `{reference}` is on a network, and only files on this machine are read"
                ),
            );
        }
        let source = if file_part.is_empty() {
            match origin {
                Origin::File(path) => path.clone(),
                Origin::Main => return Ok(reference.to_string()),
            }
        } else {
            let Some(from) = self.directory(origin) else {
                return fail(
                    self,
                    format!(
                        "$ref `{reference}` names another file, which is read only when the description is read from a file"
                    ),
                );
            };
            let joined = from.join(file_part);
            joined.canonicalize().unwrap_or(joined)
        };
        if Some(&source) == self.path.as_ref() {
            return Ok(format!("#{fragment}"));
        }
        let tokens: Vec<String> = fragment
            .split('/')
            .skip(1)
            .map(super::kinds::unescape_pointer)
            .collect();
        let [components, kind, name] = tokens.as_slice() else {
            return fail(
                self,
                format!(
                    "$ref `{reference}`: only `#/components/KIND/NAME` of another file is followed"
                ),
            );
        };
        if components != "components" {
            return fail(
                self,
                format!(
                    "$ref `{reference}`: only `#/components/KIND/NAME` of another file is followed"
                ),
            );
        }
        if !self.loaded.contains_key(&source) {
            self.load(&source, origin, place, file_part, reference)?;
        }
        let new_name = self.import_name(source, kind, name);
        Ok(format!(
            "#/components/{}/{}",
            escape(kind),
            escape(&new_name)
        ))
    }

    /// The error of a reference at `place` in the file of `origin`.
    fn failure(&self, origin: &Origin, place: &[String], message: String) -> Error {
        let tokens: Vec<&str> = place.iter().map(String::as_str).collect();
        let file = match origin {
            Origin::Main => self.file.to_string(),
            Origin::File(path) => self.loaded[path].1.clone(),
        };
        Error::new(file, pointer(&tokens), message)
    }

    /// Reads another file a reference names (`file_part`, relative to the
    /// file of `origin`), at most [`limits::REFERENCED_FILES`] of them.
    fn load(
        &mut self,
        source: &PathBuf,
        origin: &Origin,
        place: &[String],
        file_part: &str,
        reference: &str,
    ) -> Result<()> {
        if self.loaded.len() >= limits::REFERENCED_FILES {
            return Err(self.failure(
                origin,
                place,
                format!(
                    "more than {} other files are referenced",
                    limits::REFERENCED_FILES
                ),
            ));
        }
        let display = match origin {
            Origin::Main => Path::new(self.file)
                .parent()
                .unwrap_or(Path::new(""))
                .join(file_part),
            Origin::File(path) => Path::new(&self.loaded[path].1)
                .parent()
                .unwrap_or(Path::new(""))
                .join(file_part),
        };
        let display = display.display().to_string().replace('\\', "/");
        let text = match std::fs::read_to_string(source) {
            Ok(text) => text,
            Err(e) => {
                return Err(self.failure(
                    origin,
                    place,
                    format!("$ref `{reference}`: cannot read `{display}`: {e}"),
                ));
            }
        };
        let value = read_value(&display, &text)?;
        self.loaded.insert(source.clone(), (value, display));
        Ok(())
    }

    /// The name a component of another file takes here: its own, or with a
    /// number when that is taken (`Price_2`); queued to be copied in once.
    fn import_name(&mut self, source: PathBuf, kind: &str, name: &str) -> String {
        let key = (source.clone(), kind.to_string(), name.to_string());
        match self.imported.get(&key) {
            Some(existing) => existing.clone(),
            None => {
                let taken = self.taken.entry(kind.to_string()).or_default();
                let new_name = (1..)
                    .map(|n| {
                        if n == 1 {
                            name.to_string()
                        } else {
                            format!("{name}_{n}")
                        }
                    })
                    .find(|n| !taken.contains(n))
                    .unwrap_or_default();
                taken.insert(new_name.to_string());
                self.imported.insert(key, new_name.to_string());
                self.queue.push_back((
                    source,
                    kind.to_string(),
                    name.to_string(),
                    new_name.to_string(),
                ));
                new_name
            }
        }
    }

    /// The folder relative references of `origin` start from.
    fn directory(&self, origin: &Origin) -> Option<PathBuf> {
        let file = match origin {
            Origin::Main => self.path.as_ref()?,
            Origin::File(path) => path,
        };
        Some(file.parent().unwrap_or(Path::new("")).to_path_buf())
    }
}

/// Whether any `$ref` of the document names another file.
fn has_external(doc: &mut Value) -> bool {
    let mut external = false;
    let _ = visit_refs::<()>(
        doc,
        Kind::Document,
        &mut Vec::new(),
        &mut |reference, _, _| {
            external |= !reference.starts_with('#');
            Ok(())
        },
    );
    external
}

/// A JSON pointer token: `~` and `/` escaped.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
