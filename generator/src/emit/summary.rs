//! The Rust API of an emitted crate in brief: its types (fields, members)
//! and operations (request type, client method, HTTP line, parameters, body,
//! output), as Rust users see them. Written to `api.json` beside the crate's
//! sources, so that the next generation can say what changed (`changes.rs`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::RustNames;
use super::fields::FieldSource;
use super::plan::OperationPlan;
use super::rust_type::Home;
use super::shapes::{field_type, rust_type};
use crate::model::{Api, ParameterLocation, TypeId, TypeKind};

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

/// The types of the summary of the crate the emitters make: field types are
/// the emitters' own ([`RustType`]s), so the summary says what the code says. The operations come from [`summarize_operation`].
pub(super) fn summarize_types(api: &Api, names: &RustNames) -> BTreeMap<String, TypeSummary> {
    let mut types = BTreeMap::new();
    for (index, def) in api.types.iter().enumerate() {
        let id = TypeId(index);
        let entry = match &def.kind {
            TypeKind::Struct(_) => {
                let fields = api
                    .all_properties(id)
                    .iter()
                    .zip(&names.members[index].names)
                    .map(|(property, name)| {
                        let (ty, _) = field_type(names, property);
                        FieldSummary {
                            name: name.clone(),
                            wire: property.name.clone(),
                            ty: ty.summary_text(),
                        }
                    })
                    .collect();
                TypeSummary::Struct {
                    source: def.name.clone(),
                    fields,
                }
            }
            TypeKind::Enum(e) => TypeSummary::Enum {
                source: def.name.clone(),
                members: e.members.iter().map(|m| m.value.clone()).collect(),
                flags: e.is_flags,
            },
            TypeKind::Union(u) => TypeSummary::Union {
                source: def.name.clone(),
                variants: u
                    .variants
                    .iter()
                    .map(|v| rust_type(names, &v.ty, Home::Here).summary_text())
                    .collect(),
            },
        };
        types.insert(names.types[index].clone(), entry);
    }
    types
}

/// An operation as the summary tells it: parameter, body and output types
/// are those of its request type.
pub(super) fn summarize_operation(plan: &OperationPlan) -> OperationSummary {
    let mut parameters = Vec::new();
    let mut body = None;
    for field in &plan.request.fields {
        match &field.source {
            FieldSource::Parameter { name, location, .. } => parameters.push(ParameterSummary {
                name: name.clone(),
                location: match location {
                    ParameterLocation::Path => "path",
                    ParameterLocation::Query => "query",
                    ParameterLocation::Header => "header",
                    ParameterLocation::Cookie => "cookie",
                }
                .to_string(),
                required: field.required,
                ty: field.ty.summary_text(),
            }),
            FieldSource::Body { .. } => body = Some(field.ty.summary_text()),
        }
    }
    OperationSummary {
        client_method: plan
            .request
            .fn_name
            .to_string()
            .trim_start_matches("r#")
            .to_string(),
        method: plan.request.op.method.as_str().to_string(),
        path: plan.request.op.path.template(),
        parameters,
        body,
        output: plan.output.summary_text(),
    }
}
