//! `src/models.rs`: a struct per object type, an enum per enum type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::Features;
use super::member_names::MemberNames;
use super::shapes::{Holder, field_ident, field_type, is_optional, secret_debug, value_type};
use super::text::Gated;
use super::wire::WireField;
use super::{RustNames, docs};
use crate::model::{Api, Property, TypeId, TypeKind, TypeRef};

/// The start of `models.rs`; the items of [`emit`] follow, in [`order`].
pub fn emit_head() -> TokenStream {
    quote! {
        //! Data types of the API, one per named schema or entity type, in order of name.
    }
}

/// The head of a split SDK group's `models.rs`: the shared types, then the
/// group's own.
pub fn emit_group_head() -> TokenStream {
    quote! {
        //! The types of the API that only this group needs, in order of name,
        //! beside the shared ones of the models crate.
        pub use sdk_models::models::*;
    }
}

/// The order of the types in `models.rs`: by Rust name, so the file does not
/// depend on the order of the description's entries, and a new type shows up
/// in one place in a diff.
pub fn order(names: &RustNames) -> Vec<usize> {
    let mut order: Vec<usize> = (0..names.types.len()).collect();
    order.sort_by(|a, b| names.types[*a].cmp(&names.types[*b]));
    order
}

/// The items of some types (by index), with their property enums and update types.
pub fn emit(
    api: &Api,
    names: &RustNames,
    features: Option<&Features>,
    types: &[usize],
) -> Vec<Gated> {
    let parameter_types = parameter_types(api);
    let items = types.iter().map(|&index| {
        let def = &api.types[index];
        let id = TypeId(index);
        let name = format_ident!("{}", names.types[index]);
        let doc = docs::outer(def.description.as_deref());
        let item = match &def.kind {
            TypeKind::Struct(_) => emit_struct(api, names, id, &name, doc),
            TypeKind::Enum(e) if e.is_integer => {
                super::enums::emit_integer_enum(&name, doc, e, &names.members[index])
            }
            TypeKind::Enum(e) => super::enums::emit_enum(&name, doc, e, &names.members[index]),
            TypeKind::Union(u) => super::enums::emit_union(names, id, &name, doc, u),
        };
        let param_value = parameter_types
            .contains(&id)
            .then(|| param_value_impl(&name, &def.kind));
        let property_enum = super::odata::emit_property_enum(names, id);
        let update = super::updates::emit_update(names, id);
        Gated {
            cfg: Features::type_gate(features, index),
            items: quote! { #item #param_value #property_enum #update },
        }
    });
    items.collect()
}

// /// A PFX certificate ...
// #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
// pub struct PfxUserCertificate {
//     #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
//     pub tenant_id: Option<uuid::Uuid>,
// }
fn emit_struct(
    api: &Api,
    names: &RustNames,
    id: TypeId,
    name: &proc_macro2::Ident,
    doc: TokenStream,
) -> TokenStream {
    let properties = names.properties(id);
    let MemberNames {
        names: field_names,
        rest: additional,
    } = &names.members[id.0];
    let (fields, wire_fields): (Vec<_>, Vec<_>) = properties
        .iter()
        .zip(field_names)
        .map(|(property, field)| emit_field(names, property, field))
        .unzip();
    let additional = format_ident!("{}", additional);
    let serialize = super::wire::serialize_impl(name, &wire_fields, &additional);
    let deserialize = super::wire::deserialize_impl(name, &wire_fields, &additional);
    let default = names.has_default[id.0].then(|| quote! { Default, });
    // Secrets are never printed: such a struct gets a Debug of its own.
    let (debug, redacting_debug) = secret_debug(
        name,
        properties,
        field_names,
        Some(&additional),
        |ident, optional| {
            if optional {
                quote! { self.#ident.as_ref().map(|_| "<redacted>") }
            } else {
                quote! { "<redacted>" }
            }
        },
    );
    let (params, inits) = constructor(names, properties, field_names);
    let odata_type = odata_type_impls(api, names, id, name, properties, field_names);
    let etag = super::accessors::etag_accessor(api, id, properties, field_names);
    let setters = names.sent_types[id.0].then(|| super::accessors::setters(names, id, properties));
    quote! {
        #doc
        #[derive(Clone, #debug #default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Properties this version of the SDK does not know, kept as
            /// sent so that they survive a round trip.
            pub #additional: std::collections::BTreeMap<String, serde_json::Value>,
        }

        impl #name {
            /// A value with the properties that are always present; set the others on the result.
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #additional: Default::default() }
            }
            #etag
            #setters
        }

        #serialize
        #deserialize
        #redacting_debug
        #odata_type
    }
}

/// What `new` takes and how it fills the struct: the fields that are always
/// there are its parameters; the others start empty. With
/// `#[non_exhaustive]` it is how other crates build one, so a property added
/// later is no breaking change.
fn constructor(
    names: &RustNames,
    properties: &[&Property],
    field_names: &[String],
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for (property, field) in properties.iter().zip(field_names) {
        let ident = field_ident(field);
        if is_optional(property) {
            inits.push(quote! { #ident: None, });
        } else {
            let (rust, _) = value_type(names, property, Holder::Plain);
            params.push(rust.argument(&ident).0);
            inits.push(rust.field_init(&ident));
        }
    }
    (params, inits)
}

/// A derived type can be cast to; a value of a base type may be another:
/// `ODataType` and `Polymorphic`, where the struct has a type tag.
fn odata_type_impls(
    api: &Api,
    names: &RustNames,
    id: TypeId,
    name: &proc_macro2::Ident,
    properties: &[&Property],
    field_names: &[String],
) -> Option<TokenStream> {
    // impl ODataType for User { const ODATA_TYPE: &'static str = "microsoft.graph.user"; }
    // impl Polymorphic for DirectoryObject { fn odata_type(&self) -> Option<&str> { self.odata_type.as_deref() } }
    let type_tag = match &api.type_def(id).kind {
        TypeKind::Struct(s) => s.type_tag.as_deref(),
        _ => None,
    };
    let tagged = properties
        .iter()
        .zip(field_names)
        .find(|(p, _)| Some(p.name.as_str()) == type_tag);
    let derived = matches!(&api.type_def(id).kind, TypeKind::Struct(s) if s.base.is_some());
    tagged.map(|(property, field)| {
        let ident = field_ident(field);
        let type_name = &api.type_def(id).name;
        let read = if is_optional(property) {
            quote! { self.#ident.as_deref() }
        } else {
            quote! { Some(self.#ident.as_str()) }
        };
        let target = derived.then(|| {
            quote! {
                impl crate::runtime::ODataType for #name {
                    const ODATA_TYPE: &'static str = #type_name;
                }
            }
        });
        let base = names.has_subtypes[id.0].then(|| {
            quote! {
                impl crate::runtime::Polymorphic for #name {
                    fn odata_type(&self) -> Option<&str> {
                        #read
                    }
                }
            }
        });
        quote! { #target #base }
    })
}

/// A struct field, and how it travels (its `Serialize` and `Deserialize`
/// are written out in `wire.rs`).
fn emit_field(names: &RustNames, property: &Property, field: &str) -> (TokenStream, WireField) {
    let ident = field_ident(field);
    let optional = is_optional(property);
    let (rust, adapter) = field_type(names, property);
    let doc = docs::outer(property.description.as_deref());
    let definition = quote! {
        #doc
        pub #ident: #rust,
    };
    let wire = WireField {
        ident,
        wire: property.name.clone(),
        // Our own module paths (`crate::formats::date::option`).
        adapter,
        optional,
        // A required but nullable property is always written, as `null` if need be.
        write_null: property.required,
    };
    (definition, wire)
}

/// Types that appear in operation parameters, which need to print as one.
fn parameter_types(api: &Api) -> std::collections::HashSet<TypeId> {
    fn visit(ty: &TypeRef, out: &mut std::collections::HashSet<TypeId>) {
        match ty {
            TypeRef::Named(id) => {
                out.insert(*id);
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                visit(inner, out)
            }
            TypeRef::Primitive(_) | TypeRef::Any => {}
        }
    }
    let mut out = std::collections::HashSet::new();
    for parameter in api.operations.iter().flat_map(|op| &op.parameters) {
        visit(&parameter.ty, &mut out);
    }
    out
}

// impl crate::runtime::ParamValue for Color { ... }
fn param_value_impl(name: &proc_macro2::Ident, kind: &TypeKind) -> TokenStream {
    let body = match kind {
        TypeKind::Enum(e) if e.is_integer => quote! { vec![self.value().to_string()] },
        TypeKind::Enum(_) => quote! { vec![self.as_str().to_string()] },
        // An object in a path, query or header is sent as its JSON text.
        TypeKind::Struct(_) | TypeKind::Union(_) => {
            quote! { vec![serde_json::to_string(self).unwrap_or_default()] }
        }
    };
    quote! {
        impl crate::runtime::ParamValue for #name {
            fn param_items(&self) -> Vec<String> {
                #body
            }
        }
    }
}
