//! The Rust API of an emitted crate in brief: its types (fields, members)
//! and operations (request type, client method, HTTP line, parameters, body,
//! output), as Rust users see them. Written to `api.json` beside the crate's
//! sources, so that the next generation can say what changed (`changes.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::RustNames;
use super::types::{field_names, is_optional};
use crate::model::{Api, Operation, ParameterLocation, TypeId, TypeKind, TypeRef};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiSummary {
    /// By Rust name.
    pub types: BTreeMap<String, TypeSummary>,
    /// By request type name.
    pub operations: BTreeMap<String, OperationSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TypeSummary {
    Struct {
        /// The name in the description.
        source: String,
        /// In declaration order.
        fields: Vec<FieldSummary>,
    },
    Enum {
        source: String,
        members: Vec<String>,
        flags: bool,
    },
    Union {
        source: String,
        /// The Rust types of the variants.
        variants: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSummary {
    pub name: String,
    /// The JSON name.
    pub wire: String,
    /// The Rust type, `Option` included.
    #[serde(rename = "type")]
    pub ty: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperationSummary {
    pub client_method: String,
    pub method: String,
    pub path: String,
    pub parameters: Vec<ParameterSummary>,
    pub body: Option<String>,
    pub output: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterSummary {
    /// The name in the description (`$top`, `If-Match`).
    pub name: String,
    #[serde(rename = "in")]
    pub location: String,
    pub required: bool,
    #[serde(rename = "type")]
    pub ty: String,
}

pub(crate) fn summarize(api: &Api, names: &RustNames) -> ApiSummary {
    let mut summary = ApiSummary::default();
    for (index, def) in api.types.iter().enumerate() {
        let id = TypeId(index);
        let entry = match &def.kind {
            TypeKind::Struct(_) => {
                let (fields, _) = field_names(api, id);
                let fields = api
                    .all_properties(id)
                    .iter()
                    .zip(fields)
                    .map(|(property, name)| {
                        let mut ty = spell(names, &property.ty);
                        if let TypeRef::Named(target) = &property.ty
                            && names.cycles[target.0] == names.cycles[id.0]
                        {
                            ty = format!("Box<{ty}>");
                        }
                        if is_optional(property) {
                            ty = format!("Option<{ty}>");
                        }
                        FieldSummary { name, wire: property.name.clone(), ty }
                    })
                    .collect();
                TypeSummary::Struct { source: def.name.clone(), fields }
            }
            TypeKind::Enum(e) => TypeSummary::Enum {
                source: def.name.clone(),
                members: e.members.iter().map(|m| m.value.clone()).collect(),
                flags: e.is_flags,
            },
            TypeKind::Union(u) => TypeSummary::Union {
                source: def.name.clone(),
                variants: u.variants.iter().map(|v| spell(names, &v.ty)).collect(),
            },
        };
        summary.types.insert(names.types[index].clone(), entry);
    }
    for (index, op) in api.operations.iter().enumerate() {
        summary.operations.insert(names.operation_types[index].clone(), summarize_operation(names, index, op));
    }
    summary
}

fn summarize_operation(names: &RustNames, index: usize, op: &Operation) -> OperationSummary {
    let parameters = op
        .parameters
        .iter()
        .map(|p| ParameterSummary {
            name: p.name.clone(),
            location: match p.location {
                ParameterLocation::Path => "path",
                ParameterLocation::Query => "query",
                ParameterLocation::Header => "header",
            }
            .to_string(),
            required: p.required || p.location == ParameterLocation::Path,
            ty: spell(names, &p.ty),
        })
        .collect();
    let body = op.request_body.as_ref().map(|b| b.ty.as_ref().map_or_else(|| "serde_json::Value".to_string(), |t| spell(names, t)));
    // What a success answers with, as the request type's `Output`.
    let successes: Vec<Option<String>> = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .map(|r| r.body.as_ref().map(|b| b.ty.as_ref().map_or_else(|| "String".to_string(), |t| spell(names, t))))
        .collect();
    let bodies: Vec<&String> = successes.iter().flatten().collect();
    let output = match bodies.split_first() {
        None => "()".to_string(),
        Some((first, rest)) if rest.iter().all(|b| b == first) => (*first).clone(),
        Some(_) => "serde_json::Value".to_string(),
    };
    let output = if !bodies.is_empty() && successes.iter().any(Option::is_none) { format!("Option<{output}>") } else { output };
    OperationSummary {
        client_method: names.operation_fns[index].clone(),
        method: op.method.as_str().to_string(),
        path: op.path.clone(),
        parameters,
        body,
        output,
    }
}

/// A type reference as Rust spells it, with the crate's type names.
fn spell(names: &RustNames, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => super::types::primitive(*p).to_string().replace(' ', ""),
        TypeRef::Named(id) if names.flag_sets[id.0] => format!("Flags<{}>", names.types[id.0]),
        TypeRef::Named(id) => names.types[id.0].clone(),
        TypeRef::Array(items) => format!("Vec<{}>", spell(names, items)),
        TypeRef::Map(values) => format!("BTreeMap<String,{}>", spell(names, values)),
        TypeRef::Any => "serde_json::Value".to_string(),
    }
}
