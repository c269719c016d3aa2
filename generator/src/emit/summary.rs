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
use super::shapes::{field_type, rust_type, update_field_type};
use crate::model::{Api, ParameterLocation, Property, TypeId, TypeKind};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiSummary {
    /// By Rust name.
    pub types: BTreeMap<String, TypeSummary>,
    /// By request type name.
    pub operations: BTreeMap<String, OperationSummary>,
    /// The constants of the `servers` module, with their URLs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub servers: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TypeSummary {
    Struct {
        /// The name in the description.
        source: String,
        /// In declaration order.
        fields: Vec<FieldSummary>,
        /// The `with_` setters of a type requests send.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        setters: Vec<String>,
    },
    /// The update type (PATCH body) of a struct.
    Update {
        /// The Rust name of the struct.
        of: String,
        fields: Vec<FieldSummary>,
        setters: Vec<String>,
        /// Of the nullable fields: they send `null`.
        clearers: Vec<String>,
    },
    /// The property-name enum of a struct, for `$select` and `$orderby`.
    Properties { of: String, variants: Vec<String> },
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
    /// The body is a setter, not an argument of `new` (written only then).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub body_optional: bool,
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

/// The summary of the crate the emitters make but its operations (which
/// [`summarize_operation`] gives, plan by plan): the types, with the update
/// types and property enums they add, and the servers. Names and field types
/// are the plan's ([`RustNames`], [`RustType`]s), so the summary says what
/// the code says.
pub(super) fn summarize_types(api: &Api, names: &RustNames) -> ApiSummary {
    ApiSummary {
        types: types(api, names),
        operations: BTreeMap::new(),
        servers: servers(api, names),
    }
}

fn types(api: &Api, names: &RustNames) -> BTreeMap<String, TypeSummary> {
    let mut types = BTreeMap::new();
    for (index, def) in api.types.iter().enumerate() {
        let id = TypeId(index);
        let entry = match &def.kind {
            TypeKind::Struct(_) => TypeSummary::Struct {
                source: def.name.clone(),
                fields: struct_fields(names, id),
                setters: names.setters[index].clone(),
            },
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
    for (id, name) in &names.update_types {
        types.insert(name.clone(), update_type(names, *id));
    }
    for (id, name) in &names.property_enums {
        let properties = TypeSummary::Properties {
            of: names.types[id.0].clone(),
            variants: names.property_variants[id].names.clone(),
        };
        types.insert(name.clone(), properties);
    }
    types
}

fn struct_fields(names: &RustNames, id: TypeId) -> Vec<FieldSummary> {
    names
        .properties(id)
        .iter()
        .zip(&names.members[id.0].names)
        .map(|(property, name)| FieldSummary {
            name: name.clone(),
            wire: property.name.clone(),
            ty: field_type(names, property).0.summary_text(),
        })
        .collect()
}

fn update_type(names: &RustNames, id: TypeId) -> TypeSummary {
    let update = &names.updates[&id];
    let properties = names.properties(id);
    let properties: Vec<&Property> = update.properties.iter().map(|&i| properties[i]).collect();
    let fields = properties
        .iter()
        .zip(&update.fields)
        .map(|(property, name)| FieldSummary {
            name: name.clone(),
            wire: property.name.clone(),
            ty: update_field_type(names, property).0.summary_text(),
        })
        .collect();
    let clearers = properties
        .iter()
        .zip(&update.clearers)
        .filter(|(property, _)| property.nullable)
        .map(|(_, clearer)| clearer.clone())
        .collect();
    TypeSummary::Update {
        of: names.types[id.0].clone(),
        fields,
        setters: update.setters.clone(),
        clearers,
    }
}

/// The constants of the `servers` module and their URLs.
fn servers(api: &Api, names: &RustNames) -> BTreeMap<String, String> {
    names
        .servers
        .iter()
        .cloned()
        .zip(api.servers.iter().map(|s| s.url.clone()))
        .collect()
}

/// An operation as the summary tells it: parameter, body and output types
/// are those of its request type.
pub(super) fn summarize_operation(plan: &OperationPlan) -> OperationSummary {
    let mut parameters = Vec::new();
    let mut body = None;
    let mut body_optional = false;
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
            FieldSource::Body { .. } => {
                body = Some(field.ty.summary_text());
                body_optional = !field.required;
            }
        }
    }
    OperationSummary {
        client_method: plan.request.fn_text.clone(),
        method: plan.request.op.method.as_str().to_string(),
        path: plan.request.op.path.template(),
        parameters,
        body,
        body_optional,
        output: plan.output.summary_text(),
    }
}
