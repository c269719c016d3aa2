//! What the plan needs to know of the model before anything is named or
//! emitted, each worked out once by `RustNames`: which types have `Default`,
//! which a request sends (they get setters), which have subtypes, the
//! entity an operation's `$select` names and the struct a PATCH updates, and
//! where a page's items and links are. Emitters read the answers from the
//! plan; nothing here makes code.

use std::collections::BTreeSet;

use super::shapes::is_optional;
use crate::model::{Api, Operation, Primitive, Property, QueryOption, TypeId, TypeKind, TypeRef};

/// The item type of a page type and the indices (among all its
/// properties) of its items, next link and delta link.
pub fn page_parts(api: &Api, id: TypeId) -> Option<(TypeRef, [usize; 2], Option<usize>)> {
    let TypeKind::Struct(s) = &api.type_def(id).kind else {
        return None;
    };
    let shape = s.page.as_ref()?;
    let properties = api.all_properties(id);
    let find = |name: &str| properties.iter().position(|p| p.name == name);
    let (value, next) = (find(&shape.items)?, find(&shape.next_link)?);
    let delta = shape.delta_link.as_deref().and_then(find);
    let TypeRef::Array(item) = &properties[value].ty else {
        return None;
    };
    Some(((**item).clone(), [value, next], delta))
}

/// The one JSON type an operation answers success with, if there is one.
pub fn success_type(op: &Operation) -> Option<&TypeRef> {
    let mut types = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .filter_map(|r| {
            r.body
                .as_ref()
                .filter(|b| b.is_json())
                .and_then(|b| b.ty.as_ref())
        });
    let first = types.next()?;
    types.all(|t| t == first).then_some(first)
}

/// The entity an operation reads: the item of the page it answers with, or
/// the struct it answers with.
fn subject(api: &Api, op: &Operation) -> Option<TypeId> {
    let TypeRef::Named(id) = success_type(op)? else {
        return None;
    };
    match page_parts(api, *id) {
        Some((TypeRef::Named(item), ..)) => Some(item),
        Some(_) => None,
        None => matches!(api.type_def(*id).kind, TypeKind::Struct(_)).then_some(*id),
    }
}

/// Whether the operation takes `$select` or `$orderby` (`option`), which
/// the entity's property names can replace.
fn takes_names(op: &Operation, option: QueryOption) -> bool {
    op.parameters.iter().any(|p| p.option == Some(option))
}

/// The entity whose property names an operation's `$select`/`$orderby` take.
pub fn selectable_subject(api: &Api, op: &Operation) -> Option<TypeId> {
    (takes_names(op, QueryOption::Select) || takes_names(op, QueryOption::OrderBy))
        .then(|| subject(api, op))
        .flatten()
}

/// The struct a PATCH operation sends as JSON: it gets an update type.
pub fn update_subject(api: &Api, op: &Operation) -> Option<TypeId> {
    api.patched_struct(op)
}

/// Every type that needs an update type.
pub fn update_types(api: &Api) -> BTreeSet<TypeId> {
    api.operations
        .iter()
        .filter_map(|op| update_subject(api, op))
        .collect()
}

/// The types a request sends as its JSON body (creates, actions; a PATCH
/// sends an update type): they get setters, so that a body is one expression.
pub fn sent_types(api: &Api) -> Vec<bool> {
    let mut sent = vec![false; api.types.len()];
    for op in &api.operations {
        if let Some(TypeRef::Named(id)) = op
            .request_body
            .as_ref()
            .filter(|b| b.is_json())
            .and_then(|b| b.ty.as_ref())
        {
            sent[id.0] |= matches!(api.type_def(*id).kind, TypeKind::Struct(_))
                && update_subject(api, op).is_none();
        }
    }
    sent
}

/// Per type: whether it can derive (or has) `Default`: primitives, lists,
/// maps and flag sets do; a struct does when each property is optional or of
/// such a type. Worked out as the least fixed point, so a cycle of required
/// properties has none (its `default()` would never end): each struct waits
/// for the named types of its required properties, and is settled when the
/// last of them is (linear in the properties, however the types depend on
/// one another).
pub fn defaults(api: &Api, properties: &[Vec<&Property>]) -> Vec<bool> {
    let count = api.types.len();
    let mut has = vec![false; count];
    let mut waiting = vec![0usize; count];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut settled: Vec<usize> = Vec::new();
    for (index, def) in api.types.iter().enumerate() {
        match &def.kind {
            // An empty set of flags is a fine default; a member is not.
            TypeKind::Enum(e) if e.is_flags => settled.push(index),
            TypeKind::Struct(_) => {
                let mut never = false;
                for property in properties[index].iter().filter(|p| !is_optional(p)) {
                    match &property.ty {
                        TypeRef::Primitive(
                            Primitive::DateTime
                            | Primitive::Date
                            | Primitive::TimeOfDay
                            | Primitive::Ipv4
                            | Primitive::Ipv6,
                        ) => never = true,
                        TypeRef::Named(id) => {
                            waiting[index] += 1;
                            dependents[id.0].push(index);
                        }
                        TypeRef::Primitive(_)
                        | TypeRef::Array(_)
                        | TypeRef::Map(_)
                        | TypeRef::Nullable(_)
                        | TypeRef::Any => {}
                    }
                }
                if never {
                    // Never settled: one more than it can be told.
                    waiting[index] = usize::MAX;
                } else if waiting[index] == 0 {
                    settled.push(index);
                }
            }
            TypeKind::Enum(_) | TypeKind::Union(_) => {}
        }
    }
    while let Some(index) = settled.pop() {
        has[index] = true;
        for &dependent in &dependents[index] {
            if waiting[dependent] != usize::MAX {
                waiting[dependent] -= 1;
                if waiting[dependent] == 0 {
                    settled.push(dependent);
                }
            }
        }
    }
    has
}

/// Per type: whether a struct names it as its base.
pub fn subtypes(api: &Api) -> Vec<bool> {
    let mut has = vec![false; api.types.len()];
    for def in &api.types {
        if let TypeKind::Struct(crate::model::StructType {
            base: Some(base), ..
        }) = &def.kind
        {
            has[base.0] = true;
        }
    }
    has
}
