//! Enums of `models.rs`: string enums (with `Unknown(String)`), integer
//! enums (with `Unknown(i64)`) and unions of types (`oneOf`/`anyOf`, with
//! `Other(serde_json::Value)`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::rust_type;
use super::{RustNames, docs};
use crate::model::{EnumType, TypeId, TypeRef, UnionType};
use crate::names;

// #[derive(Clone, Debug, PartialEq, Eq, Hash)]
// pub enum Color {
//     Red,
//     /// A value this version of the SDK does not know.
//     Unknown(String),
// }
// impl Color { pub fn as_str(&self) -> &str { match self { Self::Red => "red", .. } } }
// impl EnumValue for Color { fn from_wire(value: &str) -> Self { match value { "red" => Self::Red, .. } } }
// impl Serialize for Color: its text; impl Deserialize: `formats::read_enum` through `from_wire`.
// (serde's derive of the same, with `#[serde(untagged)]` for the unknown
// member, buffers each value and expanded to many times this code.)
pub fn emit_enum(name: &proc_macro2::Ident, doc: TokenStream, def: &EnumType) -> TokenStream {
    let mut candidates: Vec<Vec<String>> = def
        .members
        .iter()
        .map(|m| vec![names::pascal(&m.value)])
        .collect();
    candidates.push(vec!["Unknown".to_string(), "UnknownValue".to_string()]);
    let variant_names = names::assign_unique(&candidates, &[], "");
    let (member_names, unknown) = variant_names.split_at(def.members.len());
    let unknown = format_ident!("{}", unknown[0]);
    let variants: Vec<_> = member_names
        .iter()
        .map(|n| format_ident!("{}", n))
        .collect();
    let values: Vec<&str> = def.members.iter().map(|m| m.value.as_str()).collect();
    let member_docs = def
        .members
        .iter()
        .map(|m| docs::outer(m.description.as_deref()));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #member_docs
                #variants,
            )*
            /// A value this version of the SDK does not know, kept as sent.
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

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::formats::read_enum(deserializer)
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
pub fn emit_union(
    names: &RustNames,
    id: TypeId,
    name: &proc_macro2::Ident,
    doc: TokenStream,
    def: &UnionType,
) -> TokenStream {
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
            preferred.push(names::pascal(
                &rust_type(names, &variant.ty, &quote! {}).to_string(),
            ));
            preferred.push(format!("Variant{index}"));
            preferred
        })
        .collect();
    candidates.push(vec!["Other".to_string(), "OtherValue".to_string()]);
    let variant_names = names::assign_unique(&candidates, &[], "");
    let (variant_names, other) = variant_names.split_at(def.variants.len());
    let other = format_ident!("{}", other[0]);
    let variants: Vec<_> = variant_names
        .iter()
        .map(|v| format_ident!("{}", v))
        .collect();
    let types: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|variant| {
            let rust = rust_type(names, &variant.ty, &quote! {});
            match &variant.ty {
                TypeRef::Named(target) if names.cycles[target.0] == names.cycles[id.0] => {
                    quote! { Box<#rust> }
                }
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
pub fn emit_integer_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    def: &EnumType,
) -> TokenStream {
    let values: Vec<i64> = def
        .members
        .iter()
        .map(|m| m.value.parse().unwrap_or_default())
        .collect();
    let mut candidates: Vec<Vec<String>> = values
        .iter()
        .map(|v| vec![format!("V{}", v.to_string().replace('-', "Minus"))])
        .collect();
    candidates.push(vec!["Unknown".to_string(), "UnknownValue".to_string()]);
    let variant_names = names::assign_unique(&candidates, &[], "");
    let (member_names, unknown) = variant_names.split_at(def.members.len());
    let unknown = format_ident!("{}", unknown[0]);
    let variants: Vec<_> = member_names
        .iter()
        .map(|n| format_ident!("{}", n))
        .collect();
    let literals: Vec<_> = values
        .iter()
        .map(|v| proc_macro2::Literal::i64_unsuffixed(*v))
        .collect();
    let member_docs = def
        .members
        .iter()
        .map(|m| docs::outer(Some(m.description.as_deref().unwrap_or(&m.value))));
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
