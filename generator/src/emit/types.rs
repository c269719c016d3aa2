//! `src/models.rs`: a struct per object type, an enum per enum type.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{RustNames, docs};
use crate::model::{Api, EnumType, Primitive, Property, TypeId, TypeKind, TypeRef, UnionType};
use crate::names;

pub fn emit(api: &Api, names: &RustNames, features: Option<&super::features::Features>) -> TokenStream {
    let mut defaults = DefaultCache::default();
    let parameter_types = parameter_types(api);
    // In order of their Rust names: the file does not depend on the order of
    // the description's entries, and a new type shows up in one place in a diff.
    let mut order: Vec<usize> = (0..api.types.len()).collect();
    order.sort_by(|a, b| names.types[*a].cmp(&names.types[*b]));
    let items = order.into_iter().map(|index| {
        let def = &api.types[index];
        let id = TypeId(index);
        let name = format_ident!("{}", names.types[index]);
        let doc = docs::outer(def.description.as_deref());
        let item = match &def.kind {
            TypeKind::Struct(_) => emit_struct(api, names, id, &name, doc, &mut defaults),
            TypeKind::Enum(e) if e.is_integer => emit_integer_enum(&name, doc, e),
            TypeKind::Enum(e) => emit_enum(&name, doc, e),
            TypeKind::Union(u) => emit_union(names, id, &name, doc, u),
        };
        let param_value = parameter_types.contains(&id).then(|| param_value_impl(&name, &def.kind));
        let property_enum = super::odata::emit_property_enum(api, names, id);
        let update = super::updates::emit_update(api, names, id);
        let items = quote! { #item #param_value #property_enum #update };
        match features {
            Some(features) => super::features::gate_items(&features.type_cfg(index), items),
            None => items,
        }
    });
    quote! {
        //! Data types of the API, one per named schema or entity type, in order of name.
        #(#items)*
    }
}

/// The Rust type for a model type reference. `prefix` is the path to the
/// models module from where the type is used (empty inside it).
pub fn rust_type(names: &RustNames, ty: &TypeRef, prefix: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Primitive(p) => primitive(*p),
        TypeRef::Named(id) if names.flag_sets[id.0] => {
            let name = format_ident!("{}", names.types[id.0]);
            quote! { crate::formats::Flags<#prefix #name> }
        }
        TypeRef::Named(id) => {
            let name = format_ident!("{}", names.types[id.0]);
            quote! { #prefix #name }
        }
        TypeRef::Array(items) => {
            let items = rust_type(names, items, prefix);
            quote! { Vec<#items> }
        }
        TypeRef::Map(values) => {
            let values = rust_type(names, values, prefix);
            quote! { std::collections::BTreeMap<String, #values> }
        }
        TypeRef::Any => quote! { serde_json::Value },
    }
}

pub fn primitive(p: Primitive) -> TokenStream {
    match p {
        // ISO 8601 durations keep their text: neither std nor time reads them.
        Primitive::String | Primitive::Duration => quote! { String },
        Primitive::Boolean => quote! { bool },
        Primitive::Int8 => quote! { i8 },
        Primitive::UInt8 => quote! { u8 },
        Primitive::Int16 => quote! { i16 },
        Primitive::Int32 => quote! { i32 },
        Primitive::Int64 => quote! { i64 },
        Primitive::Float32 => quote! { f32 },
        // JSON numbers: a decimal arrives as one, so f64 reads it (to 15-17 digits).
        Primitive::Float64 | Primitive::Decimal => quote! { f64 },
        Primitive::Uuid => quote! { uuid::Uuid },
        Primitive::DateTime => quote! { time::OffsetDateTime },
        Primitive::Date => quote! { time::Date },
        Primitive::TimeOfDay => quote! { time::Time },
        Primitive::Binary => quote! { Vec<u8> },
    }
}

/// The module in `formats.rs` that reads and writes a primitive carried as
/// text in a format of its own.
fn text_format(p: Primitive) -> Option<&'static str> {
    match p {
        Primitive::DateTime => Some("rfc3339"),
        Primitive::Date => Some("date"),
        Primitive::TimeOfDay => Some("time_of_day"),
        Primitive::Binary => Some("base64url"),
        _ => None,
    }
}

/// What holds a property's value in a struct.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Plain,
    Option,
    /// `formats::Patch` in update bodies.
    Patch,
}

/// The serde adapter a property needs for its text-format primitive, which
/// depends on how the value is held. `Err(())` for shapes with no adapter
/// (nested deeper than one list), which keep the text as a `String`.
pub fn format_adapter(ty: &TypeRef, holder: Holder) -> Result<Option<String>, ()> {
    let (scalar, list) = match holder {
        Holder::Plain => ("", "::vec"),
        Holder::Option => ("::option", "::option_vec"),
        Holder::Patch => ("::patch", "::patch_vec"),
    };
    let (format, shape) = match ty {
        TypeRef::Primitive(p) => (text_format(*p), scalar),
        TypeRef::Array(items) => match &**items {
            TypeRef::Primitive(p) => (text_format(*p), list),
            _ if contains_text_format(items) => return Err(()),
            _ => (None, ""),
        },
        TypeRef::Map(values) if contains_text_format(values) => return Err(()),
        _ => (None, ""),
    };
    Ok(format.map(|format| format!("crate::formats::{format}{shape}")))
}

fn contains_text_format(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => text_format(*p).is_some(),
        TypeRef::Array(inner) | TypeRef::Map(inner) => contains_text_format(inner),
        _ => false,
    }
}

/// Text-format primitives nested too deep for an adapter stay text.
pub fn as_text(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Primitive(p) if text_format(*p).is_some() => TypeRef::Primitive(Primitive::String),
        TypeRef::Array(inner) => TypeRef::Array(Box::new(as_text(inner))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(as_text(inner))),
        other => other.clone(),
    }
}

// /// A PFX certificate ...
// #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
// pub struct PfxUserCertificate {
//     #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
//     pub tenant_id: Option<uuid::Uuid>,
// }
/// The Rust field names of a struct's properties (base first), and of the
/// field that keeps the properties the description does not name.
pub fn field_names(api: &Api, id: TypeId) -> (Vec<String>, String) {
    let properties = api.all_properties(id);
    let fields = names::assign_unique(&properties.iter().map(|p| vec![names::snake(&p.name)]).collect::<Vec<_>>(), &[], "_");
    let additional = ["additional_data", "additional_properties", "additional_data_"]
        .into_iter()
        .find(|candidate| !fields.iter().any(|f| f == candidate))
        .unwrap_or("additional_data__")
        .to_string();
    (fields, additional)
}

fn emit_struct(
    api: &Api,
    names: &RustNames,
    id: TypeId,
    name: &proc_macro2::Ident,
    doc: TokenStream,
    defaults: &mut DefaultCache,
) -> TokenStream {
    let properties = api.all_properties(id);
    let (field_names, additional) = field_names(api, id);
    let fields = properties.iter().zip(&field_names).map(|(property, field)| {
        emit_field(names, id, property, field)
    });
    let additional = format_ident!("{}", additional);
    let derive_default = properties.iter().all(|p| is_optional(p) || defaults.has_default(api, &p.ty));
    let default = derive_default.then(|| quote! { Default, });
    // Secrets are never printed: such a struct gets a Debug of its own.
    let (debug, redacting_debug) = secret_debug(name, &properties, &field_names, Some(&additional), |ident, optional| {
        if optional { quote! { self.#ident.as_ref().map(|_| "<redacted>") } } else { quote! { "<redacted>" } }
    });
    // `new` takes the fields that are always there; the others start empty.
    // With `#[non_exhaustive]` it is how other crates build one, so a
    // property added later is no breaking change.
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for (property, field) in properties.iter().zip(&field_names) {
        let ident = field_ident(field);
        if is_optional(property) {
            inits.push(quote! { #ident: None, });
        } else {
            let (rust, _) = value_type(names, id, property, Holder::Plain);
            params.push(quote! { #ident: impl Into<#rust> });
            inits.push(quote! { #ident: #ident.into(), });
        }
    }
    quote! {
        #doc
        #[derive(Clone, #debug #default PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Properties this version of the SDK does not know, kept as
            /// sent so that they survive a round trip.
            #[serde(flatten)]
            pub #additional: std::collections::BTreeMap<String, serde_json::Value>,
        }

        impl #name {
            /// A value with the properties that are always present; set the others on the result.
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #additional: Default::default() }
            }
        }

        #redacting_debug
    }
}

/// `Debug` for a struct: derived (`Some(Debug,)`, no impl) unless a property
/// is a secret; then an impl that shows `redacted(field, optional)` instead of
/// the secret values.
pub fn secret_debug(
    name: &proc_macro2::Ident,
    properties: &[&Property],
    fields: &[String],
    additional: Option<&proc_macro2::Ident>,
    redacted: impl Fn(&proc_macro2::Ident, bool) -> TokenStream,
) -> (Option<TokenStream>, Option<TokenStream>) {
    if !properties.iter().any(|p| p.secret) {
        return (Some(quote! { Debug, }), None);
    }
    let label = name.to_string();
    let shown = properties.iter().zip(fields).map(|(property, field)| {
        let ident = field_ident(field);
        let label = field.trim_start_matches("r#");
        let value = if property.secret { redacted(&ident, is_optional(property)) } else { quote! { self.#ident } };
        quote! { .field(#label, &#value) }
    });
    let additional = additional.map(|ident| {
        let label = ident.to_string();
        quote! { .field(#label, &self.#ident) }
    });
    let implementation = quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#shown)* #additional .finish()
            }
        }
    };
    (None, Some(implementation))
}

/// A property that may be absent is an `Option`: Graph leaves properties out
/// under `$select`, and services generally omit what they do not know.
pub fn is_optional(property: &Property) -> bool {
    !property.required || property.nullable
}

fn emit_field(names: &RustNames, owner: TypeId, property: &Property, field: &str) -> TokenStream {
    let field_ident = field_ident(field);
    let optional = is_optional(property);
    let mut attrs: Vec<TokenStream> = Vec::new();
    if field.trim_start_matches("r#") != property.name {
        let wire = &property.name;
        attrs.push(quote! { rename = #wire });
    }
    let (rust, adapter) = value_type(names, owner, property, if optional { Holder::Option } else { Holder::Plain });
    if let Some(adapter) = adapter {
        attrs.push(quote! { with = #adapter });
    }
    if optional {
        attrs.push(quote! { default });
        // A required but nullable property is always written, as `null` if need be.
        if !property.required {
            attrs.push(quote! { skip_serializing_if = "Option::is_none" });
        }
    }
    let rust = if optional { quote! { Option<#rust> } } else { rust };
    let serde = (!attrs.is_empty()).then(|| quote! { #[serde(#(#attrs),*)] });
    let doc = docs::outer(property.description.as_deref());
    quote! {
        #doc
        #serde
        pub #field_ident: #rust,
    }
}

/// A field name as an identifier (`type` -> `r#type`).
pub fn field_ident(field: &str) -> proc_macro2::Ident {
    syn::parse_str::<syn::Ident>(field).unwrap_or_else(|_| format_ident!("r#{}", field))
}

/// The Rust type of a property's value in `owner` (boxed where the type
/// contains itself), without its holder, and the serde adapter for `holder`.
pub fn value_type(names: &RustNames, owner: TypeId, property: &Property, holder: Holder) -> (TokenStream, Option<String>) {
    let mut ty = property.ty.clone();
    let adapter = match format_adapter(&ty, holder) {
        Ok(adapter) => adapter,
        Err(()) => {
            ty = as_text(&ty);
            None
        }
    };
    let mut rust = rust_type(names, &ty, &quote! {});
    if let TypeRef::Named(target) = &ty
        && names.cycles[target.0] == names.cycles[owner.0]
    {
        // A type that contains itself needs indirection to have a size.
        rust = quote! { Box<#rust> };
    }
    (rust, adapter)
}

/// For each type, the strongly connected component it belongs to in the
/// graph of "holds directly" (a struct field or union variant of that type,
/// not behind a `Vec` or map). A field needs a `Box` exactly when its type
/// is in its owner's component: the owner then contains itself. Computed
/// once (Tarjan, iterative), so deciding is constant time per field.
pub fn cycle_components(api: &Api) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = (0..api.types.len())
        .map(|index| match &api.types[index].kind {
            TypeKind::Struct(_) => api
                .all_properties(TypeId(index))
                .iter()
                .filter_map(|p| match p.ty {
                    TypeRef::Named(next) => Some(next.0),
                    _ => None,
                })
                .collect(),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .filter_map(|v| match v.ty {
                    TypeRef::Named(next) => Some(next.0),
                    _ => None,
                })
                .collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let count = edges.len();
    let (mut index_of, mut low, mut on_stack) = (vec![usize::MAX; count], vec![0; count], vec![false; count]);
    let mut component = vec![usize::MAX; count];
    let (mut next_index, mut components, mut stack) = (0, 0, Vec::new());
    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0)];
        index_of[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index_of[next] == usize::MAX {
                    index_of[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index_of[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index_of[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

/// Which types can derive `Default`, remembered across structs.
#[derive(Default)]
struct DefaultCache(HashMap<TypeId, bool>);

impl DefaultCache {
    fn has_default(&mut self, api: &Api, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Primitive(Primitive::DateTime | Primitive::Date | Primitive::TimeOfDay) => false,
            TypeRef::Primitive(_) | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any => true,
            TypeRef::Named(id) => {
                if let Some(&known) = self.0.get(id) {
                    return known;
                }
                // Assume yes while looking, so a cycle does not loop.
                self.0.insert(*id, true);
                let result = match &api.type_def(*id).kind {
                    // An empty set of flags is a fine default; a member is not.
                    TypeKind::Enum(e) => e.is_flags,
                    TypeKind::Struct(_) => {
                        api.all_properties(*id).into_iter().all(|p| is_optional(p) || self.has_default(api, &p.ty))
                    }
                    TypeKind::Union(_) => false,
                };
                self.0.insert(*id, result);
                result
            }
        }
    }
}

// #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
// pub enum Color {
//     #[serde(rename = "red")]
//     Red,
//     /// A value this version of the SDK does not know.
//     #[serde(untagged)]
//     Unknown(String),
// }
fn emit_enum(name: &proc_macro2::Ident, doc: TokenStream, def: &EnumType) -> TokenStream {
    let mut candidates: Vec<Vec<String>> = def.members.iter().map(|m| vec![names::pascal(&m.value)]).collect();
    candidates.push(vec!["Unknown".to_string(), "UnknownValue".to_string()]);
    let variant_names = names::assign_unique(&candidates, &[], "");
    let (member_names, unknown) = variant_names.split_at(def.members.len());
    let unknown = format_ident!("{}", unknown[0]);
    let variants: Vec<_> = member_names.iter().map(|n| format_ident!("{}", n)).collect();
    let values: Vec<&str> = def.members.iter().map(|m| m.value.as_str()).collect();
    let member_docs = def.members.iter().map(|m| docs::outer(m.description.as_deref()));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #member_docs
                #[serde(rename = #values)]
                #variants,
            )*
            /// A value this version of the SDK does not know, kept as sent.
            #[serde(untagged)]
            #unknown(String),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl crate::formats::EnumValue for #name {
            fn as_str(&self) -> &str {
                self.as_str()
            }

            fn from_wire(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#unknown(other.to_string()),
                }
            }
        }
    }
}

// /// One of: ...
// #[derive(Clone, Debug, PartialEq, serde::Serialize)]
// #[serde(untagged)]
// #[non_exhaustive]
// pub enum Pet { Cat(Cat), Dog(Dog), /// A kind this SDK does not know. Other(serde_json::Value) }
// impl Deserialize for Pet: by the discriminator's value, else the first variant that fits.
fn emit_union(names: &RustNames, id: TypeId, name: &proc_macro2::Ident, doc: TokenStream, def: &UnionType) -> TokenStream {
    let mut candidates: Vec<Vec<String>> = def
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| {
            let mut preferred = Vec::new();
            if let TypeRef::Named(target) = &variant.ty {
                preferred.push(names.types[target.0].clone());
            }
            if let Some(tag) = &variant.tag {
                preferred.push(names::pascal(tag));
            }
            preferred.push(names::pascal(&rust_type(names, &variant.ty, &quote! {}).to_string()));
            preferred.push(format!("Variant{index}"));
            preferred
        })
        .collect();
    candidates.push(vec!["Other".to_string(), "OtherValue".to_string()]);
    let variant_names = names::assign_unique(&candidates, &[], "");
    let (variant_names, other) = variant_names.split_at(def.variants.len());
    let other = format_ident!("{}", other[0]);
    let variants: Vec<_> = variant_names.iter().map(|v| format_ident!("{}", v)).collect();
    let types: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|variant| {
            let rust = rust_type(names, &variant.ty, &quote! {});
            match &variant.ty {
                TypeRef::Named(target) if names.cycles[target.0] == names.cycles[id.0] => quote! { Box<#rust> },
                _ => rust,
            }
        })
        .collect();
    // Each variant is tried in turn: by its tag when there is a discriminator.
    let attempts = def.variants.iter().zip(&variants).map(|(variant, ident)| {
        let matches_tag = match (&def.discriminator, &variant.tag) {
            (Some(_), Some(tag)) => quote! { tag == Some(#tag) },
            (Some(_), None) => quote! { tag.is_none() },
            (None, _) => quote! { true },
        };
        quote! {
            if #matches_tag && let Ok(value) = serde_json::from_value(value.clone()) {
                return Ok(Self::#ident(value));
            }
        }
    });
    let tag = match &def.discriminator {
        Some(property) => quote! { let tag = value.get(#property).and_then(|t| t.as_str()); },
        None => quote! {},
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants(#types),)*
            /// A value none of the variants reads (a kind added to the service later), kept as sent.
            #other(serde_json::Value),
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #tag
                #(#attempts)*
                Ok(Self::#other(value))
            }
        }
    }
}

// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
// #[non_exhaustive]
// pub enum Priority { V1, V2, V3, /// A value this SDK does not know. Unknown(i64) }
// impl Priority { pub fn value(&self) -> i64 }  + Serialize/Deserialize as the integer
fn emit_integer_enum(name: &proc_macro2::Ident, doc: TokenStream, def: &EnumType) -> TokenStream {
    let values: Vec<i64> = def.members.iter().map(|m| m.value.parse().unwrap_or_default()).collect();
    let mut candidates: Vec<Vec<String>> = values.iter().map(|v| vec![format!("V{}", v.to_string().replace('-', "Minus"))]).collect();
    candidates.push(vec!["Unknown".to_string(), "UnknownValue".to_string()]);
    let variant_names = names::assign_unique(&candidates, &[], "");
    let (member_names, unknown) = variant_names.split_at(def.members.len());
    let unknown = format_ident!("{}", unknown[0]);
    let variants: Vec<_> = member_names.iter().map(|n| format_ident!("{}", n)).collect();
    let literals: Vec<_> = values.iter().map(|v| proc_macro2::Literal::i64_unsuffixed(*v)).collect();
    let member_docs = def.members.iter().map(|m| docs::outer(Some(m.description.as_deref().unwrap_or(&m.value))));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#member_docs #variants,)*
            /// A value this version of the SDK does not know, kept as sent.
            #unknown(i64),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #(Self::#variants => #literals,)*
                    Self::#unknown(value) => *value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#literals => Self::#variants,)*
                    other => Self::#unknown(other),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(<i64 as serde::Deserialize>::deserialize(deserializer)?.into())
            }
        }
    }
}

/// Types that appear in operation parameters, which need to print as one.
fn parameter_types(api: &Api) -> std::collections::HashSet<TypeId> {
    fn visit(ty: &TypeRef, out: &mut std::collections::HashSet<TypeId>) {
        match ty {
            TypeRef::Named(id) => {
                out.insert(*id);
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) => visit(inner, out),
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
        TypeKind::Struct(_) | TypeKind::Union(_) => quote! { vec![serde_json::to_string(self).unwrap_or_default()] },
    };
    quote! {
        impl crate::runtime::ParamValue for #name {
            fn param_items(&self) -> Vec<String> {
                #body
            }
        }
    }
}
