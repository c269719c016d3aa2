//! Update types: the body of a PATCH of an entity sends only the fields that
//! were set, and `null` for those cleared, so that an update never
//! overwrites what the caller did not touch. Every field is a
//! `formats::Patch` (unchanged, null, or a value).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::member_names::UpdateNames;
use super::shapes::{field_ident, is_optional, secret_debug, update_field_type};
use super::{RustNames, docs};
use crate::model::{Property, TypeId};

// /// Changes to a [`PfxUserCertificate`], for an update (PATCH): ...
// #[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
// pub struct PfxUserCertificateUpdate {
//     #[serde(rename = "keyName", skip_serializing_if = "crate::formats::Patch::is_unchanged")]
//     pub key_name: crate::formats::Patch<String>,
// }
// impl PfxUserCertificateUpdate { pub fn key_name(self, value) -> Self; pub fn clear_key_name(self) -> Self }
// impl From<PfxUserCertificate> for PfxUserCertificateUpdate { every field set that is Some }
pub fn emit_update(names: &RustNames, id: TypeId) -> TokenStream {
    let Some(update_name) = names.update_types.get(&id) else {
        return quote! {};
    };
    let update = format_ident!("{}", update_name);
    let entity = format_ident!("{}", names.types[id.0]);
    let UpdateNames {
        properties: indices,
        fields,
        setters,
        clearers,
    } = &names.updates[&id];
    let all = names.properties(id);
    let properties: Vec<&Property> = indices.iter().map(|&i| all[i]).collect();
    let mut field_defs = Vec::new();
    let mut methods_out = Vec::new();
    let mut conversions = Vec::new();
    for (index, property) in properties.iter().enumerate() {
        let named = (&fields[index], &setters[index], &clearers[index]);
        let (field, methods, conversion) = update_field(names, property, named);
        field_defs.push(field);
        methods_out.extend(methods);
        conversions.push(conversion);
    }

    // A type with no properties has nothing to take from the entity.
    let entity_arg = if properties.is_empty() {
        format_ident!("_entity")
    } else {
        format_ident!("entity")
    };
    let doc = format!(
        " Changes to a [`{entity}`], for an update (PATCH): only the fields that are set are sent,\n and a cleared field is sent as `null`. `From<{entity}>` sets every field the entity has that an update may change."
    );
    let (debug, redacting_debug) = secret_debug(&update, &properties, fields, None, |ident, _| {
        quote! { (!self.#ident.is_unchanged()).then_some("<redacted>") }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, #debug Default, PartialEq, serde::Serialize)]
        #[non_exhaustive]
        pub struct #update {
            #(#field_defs)*
        }

        impl #update {
            #(#methods_out)*
        }

        impl From<#entity> for #update {
            fn from(#entity_arg: #entity) -> Self {
                Self { #(#conversions)* }
            }
        }

        #redacting_debug
    }
}

/// One field of an update type: its definition, its setter (and clearer,
/// when the property is nullable), and how `From<Entity>` fills it.
fn update_field(
    names: &RustNames,
    property: &Property,
    (field, setter, clearer): (&String, &String, &String),
) -> (TokenStream, Vec<TokenStream>, TokenStream) {
    let ident = field_ident(field);
    let (patch, rust, adapter) = update_field_type(names, property);
    let mut attrs = Vec::new();
    if field.trim_start_matches("r#") != property.name {
        let wire = &property.name;
        attrs.push(quote! { rename = #wire });
    }
    if let Some(adapter) = adapter {
        let function = adapter.function("serialize");
        attrs.push(quote! { serialize_with = #function });
    }
    attrs.push(quote! { skip_serializing_if = "crate::formats::Patch::is_unchanged" });
    let doc = docs::outer(property.description.as_deref());
    let definition = quote! {
        #doc
        #[serde(#(#attrs),*)]
        pub #ident: #patch,
    };
    let setter = field_ident(setter);
    let (param, value) = rust.argument(&format_ident!("value"));
    let set_doc = format!(
        " {}",
        docs::prose_line(&format!("Sets `{}`.", property.name))
    );
    let mut methods = vec![quote! {
        #[doc = #set_doc]
        pub fn #setter(mut self, #param) -> Self {
            self.#ident = crate::formats::Patch::Set(#value);
            self
        }
    }];
    if property.nullable {
        let clearer = field_ident(clearer);
        let clear_doc = format!(
            " {}",
            docs::prose_line(&format!("Clears `{}`: sends `null`.", property.name))
        );
        methods.push(quote! {
            #[doc = #clear_doc]
            pub fn #clearer(mut self) -> Self {
                self.#ident = crate::formats::Patch::Null;
                self
            }
        });
    }
    let conversion = if is_optional(property) {
        quote! { #ident: entity.#ident.into(), }
    } else {
        quote! { #ident: crate::formats::Patch::Set(entity.#ident), }
    };
    (definition, methods, conversion)
}
