//! What changed between two versions of an emitted crate's Rust API (two
//! [`ApiSummary`]s), each change classified by Rust's semver rules for the
//! users of that API:
//!
//! - removing or renaming anything (a type, field, member, operation,
//!   client method, parameter, setter, clearer, server constant) is
//!   breaking, as is changing a type;
//! - adding a type, an operation, a method or a server constant is compatible;
//! - adding an optional field, an enum member, a property (a variant of the
//!   property enum) or an optional parameter is compatible because the
//!   emitted structs and enums are `#[non_exhaustive]` (built with `new`,
//!   matched with a wildcard) and property enums cannot be cast to integers;
//!   any field of an update type is optional;
//! - adding a field that is always present, or a required parameter, is
//!   breaking: `new` takes it;
//! - a new path or method for an operation keeps its Rust signature:
//!   compatible, and reported so that reviewers see the request changed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::emit::summary::{
    ApiSummary, FieldSummary, OperationSummary, ParameterSummary, TypeSummary,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Breaking,
    Compatible,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub severity: Severity,
    /// One line, e.g. "field `PfxUserCertificate.padding_scheme`: `Option<i32>` -> `Option<PaddingScheme>`".
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Breaking changes first, each group in order of description.
    pub changes: Vec<Change>,
}

impl Report {
    /// The exit status of `cargo xtask diff`: 0 no change, 1 compatible
    /// changes only, 3 breaking changes (2 is bad input).
    pub fn exit_code(&self) -> u8 {
        if self.changes.is_empty() {
            0
        } else if self.count(Severity::Breaking) > 0 {
            3
        } else {
            1
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }

    fn headline(&self) -> String {
        if self.changes.is_empty() {
            return "API changes: none".to_string();
        }
        let (breaking, compatible) = (
            self.count(Severity::Breaking),
            self.count(Severity::Compatible),
        );
        let verdict = if breaking > 0 {
            "a major version (breaking)"
        } else {
            "a minor version (compatible)"
        };
        format!("API changes: {breaking} breaking, {compatible} compatible; needs {verdict}")
    }

    /// The changes of each severity that has some, breaking first.
    fn groups(&self) -> Vec<(&'static str, Vec<&Change>)> {
        [
            (Severity::Breaking, "breaking"),
            (Severity::Compatible, "compatible"),
        ]
        .into_iter()
        .map(|(severity, title)| {
            (
                title,
                self.changes
                    .iter()
                    .filter(|c| c.severity == severity)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, changes)| !changes.is_empty())
        .collect()
    }

    /// For a terminal.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.headline());
        for (title, changes) in self.groups() {
            let _ = writeln!(out, "{title}:");
            for change in changes {
                let _ = writeln!(out, "  - {}", change.description);
            }
        }
        out
    }

    /// For a pull-request description.
    pub fn markdown(&self) -> String {
        let mut out = format!("### {}\n", self.headline());
        for (title, changes) in self.groups() {
            let mut title = title.to_string();
            title[..1].make_ascii_uppercase();
            let _ = writeln!(out, "\n**{title}**\n");
            for change in changes {
                let _ = writeln!(out, "- {}", change.description);
            }
        }
        out
    }
}

/// The changes from `old` to `new`.
pub fn compare(old: &ApiSummary, new: &ApiSummary) -> Report {
    let mut changes = Changes::default();
    for (name, before) in &old.types {
        match new.types.get(name) {
            None => changes.breaking(format!("type `{name}` removed")),
            Some(after) => compare_type(&mut changes, name, before, after),
        }
    }
    for name in new
        .types
        .keys()
        .filter(|name| !old.types.contains_key(*name))
    {
        changes.compatible(format!("type `{name}` added"));
    }
    // An operation under another name at the same method and path was renamed.
    let added: Vec<(&String, &OperationSummary)> = new
        .operations
        .iter()
        .filter(|(name, _)| !old.operations.contains_key(*name))
        .collect();
    let mut renamed_to = Vec::new();
    for (name, before) in &old.operations {
        if let Some(after) = new.operations.get(name) {
            compare_operation(&mut changes, name, before, after);
            continue;
        }
        let same_request = added
            .iter()
            .find(|(_, after)| (&after.method, &after.path) == (&before.method, &before.path));
        match same_request {
            Some((new_name, after)) => {
                renamed_to.push(*new_name);
                changes.breaking(format!(
                    "operation `{name}` renamed to `{new_name}` (client method `{}` -> `{}`)",
                    before.client_method, after.client_method
                ));
                // The rest of the operation is compared as if it had kept its name.
                let before = OperationSummary {
                    client_method: after.client_method.clone(),
                    ..before.clone()
                };
                compare_operation(&mut changes, new_name, &before, after);
            }
            None => changes.breaking(format!(
                "operation `{name}` (`{}`) removed",
                before.client_method
            )),
        }
    }
    for (name, after) in added
        .into_iter()
        .filter(|(name, _)| !renamed_to.contains(name))
    {
        changes.compatible(format!(
            "operation `{name}` (`{}`, `{} {}`) added",
            after.client_method, after.method, after.path
        ));
    }
    compare_servers(&mut changes, &old.servers, &new.servers);
    let mut list = changes.0;
    list.sort();
    list.dedup();
    Report { changes: list }
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn breaking(&mut self, description: String) {
        self.0.push(Change {
            severity: Severity::Breaking,
            description,
        });
    }

    fn compatible(&mut self, description: String) {
        self.0.push(Change {
            severity: Severity::Compatible,
            description,
        });
    }
}

fn compare_type(changes: &mut Changes, name: &str, before: &TypeSummary, after: &TypeSummary) {
    match (before, after) {
        (
            TypeSummary::Struct {
                fields: old,
                setters: old_setters,
                ..
            },
            TypeSummary::Struct {
                fields: new,
                setters: new_setters,
                ..
            },
        ) => {
            compare_fields(changes, name, old, new, FieldRule::NewTakesRequired);
            compare_methods(changes, name, old_setters, new_setters);
        }
        (
            TypeSummary::Update {
                fields: old,
                setters: old_setters,
                clearers: old_clearers,
                ..
            },
            TypeSummary::Update {
                fields: new,
                setters: new_setters,
                clearers: new_clearers,
                ..
            },
        ) => {
            compare_fields(changes, name, old, new, FieldRule::AllOptional);
            compare_methods(changes, name, old_setters, new_setters);
            compare_methods(changes, name, old_clearers, new_clearers);
        }
        (
            TypeSummary::Properties { variants: old, .. },
            TypeSummary::Properties { variants: new, .. },
        ) => compare_list(
            changes,
            &format!("property enum `{name}`: variant"),
            old,
            new,
        ),
        (
            TypeSummary::Enum {
                members: old,
                flags: old_flags,
                ..
            },
            TypeSummary::Enum {
                members: new,
                flags: new_flags,
                ..
            },
        ) => {
            compare_list(changes, &format!("enum `{name}`: member"), old, new);
            if old_flags != new_flags {
                changes.breaking(format!("enum `{name}`: flags {old_flags} -> {new_flags}"));
            }
        }
        (TypeSummary::Union { variants: old, .. }, TypeSummary::Union { variants: new, .. }) => {
            compare_list(changes, &format!("union `{name}`: variant"), old, new)
        }
        _ => changes.breaking(format!(
            "type `{name}` changed its kind (struct, update type, property enum, enum or union)"
        )),
    }
}

/// Which added fields are compatible: those of an `Option` type, where
/// `new` takes the others; or all of them (update types are `Default`).
#[derive(Clone, Copy, PartialEq)]
enum FieldRule {
    NewTakesRequired,
    AllOptional,
}

fn compare_fields(
    changes: &mut Changes,
    name: &str,
    old: &[FieldSummary],
    new: &[FieldSummary],
    rule: FieldRule,
) {
    let old_fields: BTreeMap<&str, &FieldSummary> =
        old.iter().map(|f| (f.name.as_str(), f)).collect();
    let new_fields: BTreeMap<&str, &FieldSummary> =
        new.iter().map(|f| (f.name.as_str(), f)).collect();
    for (field, was) in &old_fields {
        match new_fields.get(field) {
            None => changes.breaking(format!("field `{name}.{field}` removed")),
            Some(is) if is.ty != was.ty => changes.breaking(format!(
                "field `{name}.{field}`: type `{}` -> `{}`",
                was.ty, is.ty
            )),
            Some(is) if is.wire != was.wire => changes.compatible(format!(
                "field `{name}.{field}`: JSON name `{}` -> `{}`",
                was.wire, is.wire
            )),
            Some(_) => {}
        }
    }
    for (field, is) in new_fields
        .iter()
        .filter(|(field, _)| !old_fields.contains_key(*field))
    {
        if rule == FieldRule::AllOptional || is.ty.starts_with("Option<") {
            changes.compatible(format!("field `{name}.{field}` (`{}`) added", is.ty));
        } else {
            changes.breaking(format!(
                "field `{name}.{field}` (`{}`) added, always present: `{name}::new` takes it",
                is.ty
            ));
        }
    }
}

/// Methods of a type, by name: one removed breaks its callers.
fn compare_methods(changes: &mut Changes, name: &str, old: &[String], new: &[String]) {
    for method in old.iter().filter(|m| !new.contains(m)) {
        changes.breaking(format!("method `{name}::{method}` removed"));
    }
    for method in new.iter().filter(|m| !old.contains(m)) {
        changes.compatible(format!("method `{name}::{method}` added"));
    }
}

/// Members of a `#[non_exhaustive]` enum (`what` says whose): one removed
/// breaks, one added does not.
fn compare_list(changes: &mut Changes, what: &str, old: &[String], new: &[String]) {
    for item in old.iter().filter(|item| !new.contains(item)) {
        changes.breaking(format!("{what} `{item}` removed"));
    }
    for item in new.iter().filter(|item| !old.contains(item)) {
        changes.compatible(format!("{what} `{item}` added"));
    }
}

/// The constants of the `servers` module.
fn compare_servers(
    changes: &mut Changes,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) {
    for (name, url) in old {
        match new.get(name) {
            None => changes.breaking(format!(
                "server constant `servers::{name}` (`{url}`) removed"
            )),
            Some(now) if now != url => changes.compatible(format!(
                "server constant `servers::{name}`: `{url}` -> `{now}`"
            )),
            Some(_) => {}
        }
    }
    for (name, url) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
        changes.compatible(format!("server constant `servers::{name}` (`{url}`) added"));
    }
}

fn compare_operation(
    changes: &mut Changes,
    name: &str,
    before: &OperationSummary,
    after: &OperationSummary,
) {
    if before.client_method != after.client_method {
        changes.breaking(format!(
            "operation `{name}`: client method `{}` -> `{}`",
            before.client_method, after.client_method
        ));
    }
    if (before.method.as_str(), before.path.as_str())
        != (after.method.as_str(), after.path.as_str())
    {
        changes.compatible(format!(
            "operation `{name}`: request `{} {}` -> `{} {}` (same Rust signature)",
            before.method, before.path, after.method, after.path
        ));
    }
    let key = |p: &ParameterSummary| (p.location.clone(), p.name.clone());
    let old: BTreeMap<_, &ParameterSummary> =
        before.parameters.iter().map(|p| (key(p), p)).collect();
    let new: BTreeMap<_, &ParameterSummary> =
        after.parameters.iter().map(|p| (key(p), p)).collect();
    for ((location, parameter), was) in &old {
        match new.get(&(location.clone(), parameter.clone())) {
            None => changes.breaking(format!(
                "operation `{name}`: {location} parameter `{parameter}` removed"
            )),
            Some(is) => {
                if is.ty != was.ty {
                    changes.breaking(format!(
                        "operation `{name}`: parameter `{parameter}`: type `{}` -> `{}`",
                        was.ty, is.ty
                    ));
                }
                if is.required != was.required {
                    let now = if is.required { "required" } else { "optional" };
                    changes.breaking(format!(
                        "operation `{name}`: parameter `{parameter}` is now {now} (`new` changes)"
                    ));
                }
            }
        }
    }
    for ((location, parameter), is) in new.iter().filter(|(key, _)| !old.contains_key(*key)) {
        if is.required {
            changes.breaking(format!("operation `{name}`: required {location} parameter `{parameter}` added (`new` takes it)"));
        } else {
            changes.compatible(format!(
                "operation `{name}`: optional {location} parameter `{parameter}` added"
            ));
        }
    }
    if before.body != after.body {
        changes.breaking(format!(
            "operation `{name}`: body `{}` -> `{}`",
            show(&before.body),
            show(&after.body)
        ));
    } else if before.body_optional != after.body_optional {
        let now = if after.body_optional {
            "optional"
        } else {
            "required"
        };
        changes.breaking(format!(
            "operation `{name}`: the body is now {now} (`new` changes)"
        ));
    }
    if before.output != after.output {
        changes.breaking(format!(
            "operation `{name}`: output `{}` -> `{}`",
            before.output, after.output
        ));
    }
}

fn show(body: &Option<String>) -> &str {
    body.as_deref().unwrap_or("none")
}
