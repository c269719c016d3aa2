//! The Rust side of model types, shared by every emitter: the type a
//! reference names, how a property's value is held (`Option`, `Box`,
//! `Patch`) and the serde adapter its format needs, field names and idents,
//! and a `Debug` that hides secrets. A leaf: it emits no item of its own.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::RustNames;
use super::rust_type::{Home, RustType};
use crate::model::{BinaryEncoding, Primitive, Property, TypeRef};

/// The Rust type for a model type reference; `models` is where the model
/// types are from where the type is used ([`Home::Here`] inside `models.rs`).
pub fn rust_type(names: &RustNames, ty: &TypeRef, models: Home) -> RustType {
    match ty {
        TypeRef::Primitive(p) => primitive(*p),
        TypeRef::Named(id) if names.flag_sets[id.0] => RustType::generic(
            Home::Crate("formats"),
            "Flags",
            vec![RustType::named(models, &names.types[id.0])],
        ),
        TypeRef::Named(id) => RustType::named(models, &names.types[id.0]),
        TypeRef::Array(items) => RustType::vec(rust_type(names, items, models)),
        TypeRef::Map(values) => RustType::generic(
            Home::Extern(&["std", "collections"]),
            "BTreeMap",
            vec![RustType::plain("String"), rust_type(names, values, models)],
        ),
        TypeRef::Nullable(inner) => RustType::option(rust_type(names, inner, models)),
        TypeRef::Any => RustType::json_value(),
    }
}

pub fn primitive(p: Primitive) -> RustType {
    let (home, name) = match p {
        // ISO 8601 durations keep their text: neither std nor time reads them.
        Primitive::String | Primitive::Duration => (Home::Here, "String"),
        Primitive::Boolean => (Home::Here, "bool"),
        Primitive::Int8 => (Home::Here, "i8"),
        Primitive::UInt8 => (Home::Here, "u8"),
        Primitive::Int16 => (Home::Here, "i16"),
        Primitive::Int32 => (Home::Here, "i32"),
        Primitive::Int64 => (Home::Here, "i64"),
        Primitive::Float32 => (Home::Here, "f32"),
        // JSON numbers: a decimal arrives as one, so f64 reads it (to 15-17 digits).
        Primitive::Float64 | Primitive::Decimal => (Home::Here, "f64"),
        Primitive::Uuid => (Home::Extern(&["uuid"]), "Uuid"),
        Primitive::Ipv4 => (Home::Extern(&["std", "net"]), "Ipv4Addr"),
        Primitive::Ipv6 => (Home::Extern(&["std", "net"]), "Ipv6Addr"),
        Primitive::DateTime => (Home::Extern(&["time"]), "OffsetDateTime"),
        Primitive::Date => (Home::Extern(&["time"]), "Date"),
        Primitive::TimeOfDay => (Home::Extern(&["time"]), "Time"),
        Primitive::Binary => return RustType::vec(RustType::plain("u8")),
    };
    RustType::named(home, name)
}

/// The module in `formats.rs` that reads and writes a primitive carried as
/// text in a format of its own; bytes in the service's encoding.
fn text_format(p: Primitive, bytes: BinaryEncoding) -> Option<&'static str> {
    match p {
        Primitive::DateTime => Some("rfc3339"),
        Primitive::Date => Some("date"),
        Primitive::TimeOfDay => Some("time_of_day"),
        Primitive::Binary => Some(match bytes {
            BinaryEncoding::Base64 => "base64",
            BinaryEncoding::Base64Url => "base64url",
        }),
        _ => None,
    }
}

fn is_text_format(p: Primitive) -> bool {
    text_format(p, BinaryEncoding::Base64).is_some()
}

/// What holds a property's value in a struct.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Plain,
    Option,
    /// `formats::Patch` in update bodies.
    Patch,
}

/// A serde adapter module of the runtime's `formats.rs`: the format
/// (`rfc3339`) and the holder's submodule (`option`), as
/// `crate::formats::rfc3339::option`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adapter {
    format: &'static str,
    shape: Option<&'static str>,
}

impl Adapter {
    /// The path of a function of the module, as serde's attributes take it
    /// (`serialize_with = "crate::formats::rfc3339::option::serialize"`).
    pub fn function(&self, name: &str) -> String {
        match self.shape {
            Some(shape) => format!("crate::formats::{}::{shape}::{name}", self.format),
            None => format!("crate::formats::{}::{name}", self.format),
        }
    }
}

impl quote::ToTokens for Adapter {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let format = format_ident!("{}", self.format);
        tokens.extend(quote! { crate::formats::#format });
        if let Some(shape) = self.shape {
            let shape = format_ident!("{}", shape);
            tokens.extend(quote! { ::#shape });
        }
    }
}

/// The serde adapter a property needs for its text-format primitive, which
/// depends on how the value is held. `Err(())` for shapes with no adapter
/// (nested deeper than one list), which keep the text as a `String`.
pub fn format_adapter(
    ty: &TypeRef,
    holder: Holder,
    bytes: BinaryEncoding,
) -> Result<Option<Adapter>, ()> {
    let (scalar, list) = match holder {
        Holder::Plain => (None, Some("vec")),
        Holder::Option => (Some("option"), Some("option_vec")),
        Holder::Patch => (Some("patch"), Some("patch_vec")),
    };
    let (format, shape) = match ty {
        TypeRef::Primitive(p) => (text_format(*p, bytes).or(number_format(*p)), scalar),
        TypeRef::Array(items) => match &**items {
            TypeRef::Primitive(p) => (text_format(*p, bytes).or(number_format(*p)), list),
            _ if contains_text_format(items) => return Err(()),
            _ => (None, None),
        },
        TypeRef::Map(values) if contains_text_format(values) => return Err(()),
        _ => (None, None),
    };
    Ok(format.map(|format| Adapter { format, shape }))
}

/// The module in `formats.rs` that reads a number from JSON or from text
/// (OData's IEEE754Compatible format); nested deeper than one list, numbers
/// are read as JSON numbers only.
fn number_format(p: Primitive) -> Option<&'static str> {
    match p {
        Primitive::Int64 => Some("int64"),
        Primitive::Float64 | Primitive::Decimal => Some("float64"),
        Primitive::Float32 => Some("float32"),
        _ => None,
    }
}

/// Whether a type holds a primitive that travels as text in a format of its
/// own (timestamps, dates, times, bytes), at any depth.
pub fn contains_text_format(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => is_text_format(*p),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            contains_text_format(inner)
        }
        _ => false,
    }
}

/// Text-format primitives nested too deep for an adapter stay text.
pub fn as_text(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Primitive(p) if is_text_format(*p) => TypeRef::Primitive(Primitive::String),
        TypeRef::Array(inner) => TypeRef::Array(Box::new(as_text(inner))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(as_text(inner))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(as_text(inner))),
        other => other.clone(),
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
        let value = if property.secret {
            redacted(&ident, is_optional(property))
        } else {
            quote! { self.#ident }
        };
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

/// A field name as an identifier (`type` -> `r#type`).
pub fn field_ident(field: &str) -> proc_macro2::Ident {
    syn::parse_str::<syn::Ident>(field).unwrap_or_else(|_| format_ident!("r#{}", field))
}

/// The Rust type of a property's value in `owner` (an object or union
/// boxed), without its holder, and the serde adapter for `holder`.
pub fn value_type(
    names: &RustNames,
    property: &Property,
    holder: Holder,
) -> (RustType, Option<Adapter>) {
    let mut ty = property.ty.clone();
    let adapter = match format_adapter(&ty, holder, names.binary_encoding) {
        Ok(adapter) => adapter,
        Err(()) => {
            ty = as_text(&ty);
            None
        }
    };
    let mut rust = rust_type(names, &ty, Home::Here);
    if let TypeRef::Named(target) = &ty
        && names.boxed[target.0]
    {
        // A nested object is boxed: the struct stays small, and a type that
        // contains itself has a size.
        rust = RustType::boxed(rust);
    }
    (rust, adapter)
}

/// The Rust type of a model struct's field, `Option` included where the
/// property may be absent, and the serde adapter of its format.
pub fn field_type(names: &RustNames, property: &Property) -> (RustType, Option<Adapter>) {
    if is_optional(property) {
        let (rust, adapter) = value_type(names, property, Holder::Option);
        (RustType::option(rust), adapter)
    } else {
        value_type(names, property, Holder::Plain)
    }
}

/// The Rust type of an update type's field (`crate::formats::Patch<T>`),
/// the type its setter takes (`T`), and the serde adapter of its format.
pub fn update_field_type(
    names: &RustNames,
    property: &Property,
) -> (RustType, RustType, Option<Adapter>) {
    let (value, adapter) = value_type(names, property, Holder::Patch);
    let patch = RustType::generic(Home::Crate("formats"), "Patch", vec![value.clone()]);
    (patch, value, adapter)
}
