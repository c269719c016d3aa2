//! Enums of `models.rs`: string enums (with `Unknown(String)`), integer
//! enums (with `Unknown(i64)`) and unions of types (`oneOf`/`anyOf`, with
//! `Other(serde_json::Value)`).

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::member_names::MemberNames;
use super::rust_type::Home;
use super::shapes::{Adapter, Holder, as_text, format_adapter, rust_type};
use super::{RustNames, docs};
use crate::model::{EnumType, TypeId, TypeRef, UnionType, UnionVariant};

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
pub fn emit_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    def: &EnumType,
    members: &MemberNames,
) -> TokenStream {
    let (variants, unknown) = idents(members);
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
// #[derive(Clone, Debug, PartialEq)]
// #[non_exhaustive]
// pub enum Pet { Cat(Cat), Dog(Dog), /// A kind this SDK does not know. Other(serde_json::Value) }
// pub enum Expandable { /// `""` (clears it). Clear, Integer(i64), Account(Account), String(String), Other(Value) }
// impl Serialize for Pet: each variant as its value (`Clear` as "", text formats through their adapter).
// impl Deserialize for Pet: by the discriminator's value, else the first variant that reads it
// (the model lists them most specific first).
pub fn emit_union(
    names: &RustNames,
    id: TypeId,
    name: &proc_macro2::Ident,
    doc: TokenStream,
    def: &UnionType,
) -> TokenStream {
    let (variant_names, other) = idents(&names.members[id.0]);
    let shapes: Vec<Shape> = def
        .variants
        .iter()
        .zip(variant_names)
        .map(|(variant, ident)| Shape::of(names, id, variant, ident))
        .collect();
    let declarations = shapes.iter().map(|shape| {
        let ident = &shape.ident;
        match &shape.rust {
            None => quote! {
                /// The empty string, which clears the value.
                #ident,
            },
            Some(rust) => quote! { #ident(#rust), },
        }
    });
    let written = shapes.iter().map(|shape| {
        let ident = &shape.ident;
        match (&shape.rust, &shape.adapter) {
            (None, _) => quote! { Self::#ident => serializer.serialize_str(""), },
            (Some(_), Some(adapter)) => {
                quote! { Self::#ident(value) => serde::Serialize::serialize(&#adapter::Wire(value), serializer), }
            }
            (Some(_), None) => quote! { Self::#ident(value) => serde::Serialize::serialize(value, serializer), },
        }
    });
    // Each variant is tried in turn: by its tag when there is a discriminator.
    let attempts = def
        .variants
        .iter()
        .zip(&shapes)
        .map(|(variant, shape)| attempt(def, variant, shape));
    let tag = match &def.discriminator {
        Some(property) => quote! { let tag = value.get(#property).and_then(|t| t.as_str()); },
        None => quote! {},
    };
    let conversions = conversions(name, id, def, &shapes);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value none of the variants reads (a kind added to the service later), kept as sent.
            #other(serde_json::Value),
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#written)*
                    Self::#other(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #tag
                #(#attempts)*
                Ok(Self::#other(value))
            }
        }

        #conversions
    }
}

/// The statement of `Deserialize` that tries one variant: by its tag when
/// there is a discriminator, unless values another variant names rule it out.
fn attempt(def: &UnionType, variant: &UnionVariant, shape: &Shape) -> TokenStream {
    let ident = &shape.ident;
    // The conditions before the decoding, each followed by `&&`: none when
    // nothing tells the variant apart but its shape.
    let mut conditions = Vec::new();
    match (&def.discriminator, &variant.tag) {
        (Some(_), Some(tag)) => conditions.push(quote! { tag == Some(#tag) }),
        (Some(_), None) => conditions.push(quote! { tag.is_none() }),
        (None, _) => {}
    }
    // Values another variant names rule this one out.
    conditions.extend(variant.excludes.iter().map(|exclusion| {
        let values = &exclusion.values;
        let property = match &exclusion.property {
            Some(property) => quote! { Some(#property) },
            None => quote! { None },
        };
        quote! { !crate::wire::names_one_of(&value, #property, &[#(#values),*]) }
    }));
    let matches_tag = quote! { #(#conditions &&)* };
    match (&shape.rust, &shape.adapter) {
        (None, _) => quote! {
            if value.as_str() == Some("") {
                return Ok(Self::#ident);
            }
        },
        (Some(rust), Some(adapter)) => quote! {
            if #matches_tag let Ok(value) = serde_json::from_value::<#adapter::Wire<#rust>>(value.clone()) {
                return Ok(Self::#ident(value.0));
            }
        },
        (Some(_), None) => quote! {
            if #matches_tag let Ok(value) = serde_json::from_value(value.clone()) {
                return Ok(Self::#ident(value));
            }
        },
    }
}

/// The members' identifiers and that of the one for what is not named.
fn idents(members: &MemberNames) -> (Vec<proc_macro2::Ident>, proc_macro2::Ident) {
    let variants = members
        .names
        .iter()
        .map(|n| format_ident!("{}", n))
        .collect();
    (variants, format_ident!("{}", members.rest))
}

// impl From<i64> for WorkflowId { fn from(value: i64) -> Self { Self::Integer(value) } }
// impl From<&str> for WorkflowId { .. Self::String(value.to_string()) }
/// `From` each variant's value, for the types only one variant holds (a
/// `Box`ed one from the value itself), and `&str` for a `String` variant:
/// `ActionsGetWorkflow::new(owner, repo, 42)`.
fn conversions(
    name: &proc_macro2::Ident,
    id: TypeId,
    def: &UnionType,
    shapes: &[Shape],
) -> TokenStream {
    // Not from any JSON value (that is `Other`), nor from the union itself (core's `From<T> for T`).
    let held: Vec<(String, &Shape, &TypeRef, &TokenStream)> = shapes
        .iter()
        .zip(&def.variants)
        .filter(|(_, variant)| variant.ty != TypeRef::Any && variant.ty != TypeRef::Named(id))
        .filter_map(|(shape, variant)| {
            let value = shape.value.as_ref()?;
            Some((value.to_string(), shape, &variant.ty, value))
        })
        .collect();
    let once = |text: &str| held.iter().filter(|(t, ..)| t == text).count() == 1;
    let impls = held
        .iter()
        .filter(|(text, ..)| once(text))
        .map(|(_, shape, ty, value)| {
            let ident = &shape.ident;
            let wrapped = if shape.boxed {
                quote! { Box::new(value) }
            } else {
                quote! { value }
            };
            let from_str =
                (**ty == TypeRef::Primitive(crate::model::Primitive::String)).then(|| {
                    quote! {
                        impl From<&str> for #name {
                            fn from(value: &str) -> Self {
                                Self::#ident(value.to_string())
                            }
                        }
                    }
                });
            quote! {
                impl From<#value> for #name {
                    fn from(value: #value) -> Self {
                        Self::#ident(#wrapped)
                    }
                }
                #from_str
            }
        });
    quote! { #(#impls)* }
}

/// How one variant of a union holds its value.
struct Shape {
    ident: proc_macro2::Ident,
    /// Its Rust type; `None` for the empty string that clears the value.
    rust: Option<TokenStream>,
    /// The type of the value it holds (`rust` without its `Box`).
    value: Option<TokenStream>,
    boxed: bool,
    /// The serde adapter of a text format (`crate::formats::rfc3339`).
    adapter: Option<Adapter>,
}

impl Shape {
    fn of(
        names: &RustNames,
        union: TypeId,
        variant: &UnionVariant,
        ident: proc_macro2::Ident,
    ) -> Self {
        if variant.clears {
            return Shape {
                ident,
                rust: None,
                value: None,
                boxed: false,
                adapter: None,
            };
        }
        let adapter = format_adapter(&variant.ty, Holder::Plain, names.binary_encoding)
            .ok()
            .flatten()
            .filter(|_| is_text(&variant.ty));
        // Text formats nested deeper than an adapter reaches stay text.
        let ty = if adapter.is_some() {
            variant.ty.clone()
        } else {
            as_text(&variant.ty)
        };
        let value = rust_type(names, &ty, Home::Here).into_token_stream();
        let boxed = matches!(&variant.ty, TypeRef::Named(target) if names.cycles[target.0] == names.cycles[union.0]);
        let rust = if boxed {
            quote! { Box<#value> }
        } else {
            value.clone()
        };
        Shape {
            ident,
            rust: Some(rust),
            value: Some(value),
            boxed,
            adapter,
        }
    }
}

/// A primitive (or a list of one) written as text of a format (a timestamp,
/// bytes): its adapter is a text one, not the number adapters structs also use.
fn is_text(ty: &TypeRef) -> bool {
    let primitive = match ty {
        TypeRef::Primitive(p) => *p,
        TypeRef::Array(items) => match &**items {
            TypeRef::Primitive(p) => *p,
            _ => return false,
        },
        _ => return false,
    };
    use crate::model::Primitive as P;
    matches!(primitive, P::DateTime | P::Date | P::TimeOfDay | P::Binary)
}

// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
// #[non_exhaustive]
// pub enum Priority { V1, V2, V3, /// A value this SDK does not know. Unknown(i64) }
// impl Priority { pub fn value(&self) -> i64 }  + Serialize/Deserialize as the integer
pub fn emit_integer_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    def: &EnumType,
    members: &MemberNames,
) -> TokenStream {
    let values: Vec<i64> = def
        .members
        .iter()
        .map(|m| m.value.parse().unwrap_or_default())
        .collect();
    let (variants, unknown) = idents(members);
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
