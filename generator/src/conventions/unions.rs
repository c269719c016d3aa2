//! How a union without a discriminator is read: the order its variants are
//! tried in, and the values that rule a variant out.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;

/// A union without a discriminator is read as its first variant that reads
/// the value: the empty string first, then booleans, integers, numbers,
/// text of a format, enums, objects (those that require more properties
/// before those that require fewer: a `deleted_customer` is also a
/// `customer`), lists, maps, and any text last. The order is otherwise kept.
/// A union is not one of its own variants.
pub(super) fn settle_order(api: &mut Api) {
    let required: Vec<usize> = (0..api.types.len())
        .map(|i| match &api.types[i].kind {
            TypeKind::Struct(_) => api
                .all_properties(TypeId(i))
                .iter()
                .filter(|p| p.required)
                .count(),
            _ => 0,
        })
        .collect();
    let is_enum: Vec<bool> = api
        .types
        .iter()
        .map(|def| matches!(def.kind, TypeKind::Enum(_)))
        .collect();
    let rank = |variant: &UnionVariant| -> (u8, std::cmp::Reverse<usize>) {
        let kind = match &variant.ty {
            _ if variant.clears => 0,
            TypeRef::Primitive(Primitive::Boolean) => 1,
            TypeRef::Primitive(
                Primitive::Int8
                | Primitive::UInt8
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64,
            ) => 2,
            TypeRef::Primitive(Primitive::Float32 | Primitive::Float64 | Primitive::Decimal) => 3,
            // Their Rust types read most text (`String`, base64).
            TypeRef::Primitive(Primitive::Binary | Primitive::Duration) => 8,
            TypeRef::Primitive(Primitive::String) => 9,
            TypeRef::Primitive(_) => 4,
            TypeRef::Named(id) if is_enum[id.0] => 5,
            TypeRef::Named(id) => return (6, std::cmp::Reverse(required[id.0])),
            TypeRef::Array(_) => 7,
            TypeRef::Map(_) => 8,
            // A variant of what a union holds, or null: tried where what it holds is.
            TypeRef::Nullable(_) => 9,
            TypeRef::Any => 10,
        };
        (kind, std::cmp::Reverse(0))
    };
    for (index, def) in api.types.iter_mut().enumerate() {
        if let TypeKind::Union(union) = &mut def.kind {
            // `A = A | B` says no more than `A = B`, and reading it would try `A` forever.
            union
                .variants
                .retain(|v| v.ty != TypeRef::Named(TypeId(index)));
            if union.discriminator.is_none() {
                union.variants.sort_by_key(|variant| rank(variant));
            }
        }
    }
}

/// A union's variants are tried in order, and an enum the service may grow
/// reads any text (as its unknown member): so an open enum alone never rules
/// a variant out, and `{state: creating}` / `{state: detached}` alternatives
/// would all read as the first. What tells them apart is what the others
/// name: a variant is ruled out by a value (of the whole, or of one of its
/// properties) that another variant's enum lists and its own does not.
pub(super) fn settle_exclusions(api: &mut Api) {
    let mut exclusions: Vec<(usize, Vec<Vec<Exclusion>>)> = Vec::new();
    for (index, def) in api.types.iter().enumerate() {
        let TypeKind::Union(union) = &def.kind else {
            continue;
        };
        if union.discriminator.is_some() {
            continue;
        }
        let named: Vec<BTreeMap<Option<String>, BTreeSet<String>>> = union
            .variants
            .iter()
            .map(|variant| named_values(api, &variant.ty))
            .collect();
        let per_variant: Vec<Vec<Exclusion>> = named
            .iter()
            .enumerate()
            .map(|(own, mine)| {
                let mut others: BTreeMap<&Option<String>, BTreeSet<&String>> = BTreeMap::new();
                let theirs = named.iter().enumerate().filter(|(i, _)| *i != own);
                for (_, theirs) in theirs {
                    for (place, values) in theirs {
                        others.entry(place).or_default().extend(values);
                    }
                }
                others
                    .into_iter()
                    .filter_map(|(place, values)| {
                        let own_values = mine.get(place);
                        let values: Vec<String> = values
                            .into_iter()
                            .filter(|v| own_values.is_none_or(|own| !own.contains(*v)))
                            .cloned()
                            .collect();
                        // Only where this variant says something of the place:
                        // a variant that names no value there may hold any.
                        (own_values.is_some() && !values.is_empty()).then(|| Exclusion {
                            property: place.clone(),
                            values,
                        })
                    })
                    .collect()
            })
            .collect();
        if per_variant.iter().any(|e| !e.is_empty()) {
            exclusions.push((index, per_variant));
        }
    }
    for (index, per_variant) in exclusions {
        if let TypeKind::Union(union) = &mut api.types[index].kind {
            for (variant, excludes) in union.variants.iter_mut().zip(per_variant) {
                variant.excludes = excludes;
            }
        }
    }
}

/// The text values a variant names: its members, if it is a string enum
/// (the place `None`), or those of its properties that are string enums.
fn named_values(api: &Api, ty: &TypeRef) -> BTreeMap<Option<String>, BTreeSet<String>> {
    let mut named = BTreeMap::new();
    let TypeRef::Named(id) = ty else {
        return named;
    };
    let members = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(e) if !e.is_integer && !e.is_flags => Some(
                e.members
                    .iter()
                    .map(|m| m.value.clone())
                    .collect::<BTreeSet<_>>(),
            ),
            _ => None,
        },
        _ => None,
    };
    match &api.type_def(*id).kind {
        TypeKind::Enum(_) => {
            if let Some(values) = members(ty) {
                named.insert(None, values);
            }
        }
        TypeKind::Struct(_) => {
            for property in api.all_properties(*id) {
                if let Some(values) = members(&property.ty) {
                    named.insert(Some(property.name.clone()), values);
                }
            }
        }
        TypeKind::Union(_) => {}
    }
    named
}
