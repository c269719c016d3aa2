//! The fields of a request type: its body and parameters (with `If-Match`
//! where the model says the operation may send it), their Rust types and
//! serde adapters, and their names, which no setter shares with a method of
//! a trait the type implements.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::odata::QueryOption;
use super::rust_type::{MODELS, RustType};
use super::shapes::{Adapter, Holder, format_adapter, rust_type};
use super::{RustNames, docs};
use crate::model::{
    Api, Body, Method, Operation, Parameter, ParameterLocation, Primitive, TypeRef,
};
use crate::names;

/// How a body travels: JSON, text, raw bytes (`format: binary`,
/// Edm.Stream), or an object as form fields (urlencoded or multipart).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Json,
    Text,
    Bytes,
    Form,
    Multipart,
}

impl Encoding {
    pub fn of(body: &Body) -> Self {
        let is_value = |ty: &Option<TypeRef>| !matches!(ty, None | Some(TypeRef::Primitive(_)));
        if body.is_json() {
            Encoding::Json
        } else if body.is_form() && is_value(&body.ty) {
            Encoding::Form
        } else if body.is_multipart() && is_value(&body.ty) {
            Encoding::Multipart
        } else if body.ty == Some(TypeRef::Primitive(Primitive::Binary)) {
            Encoding::Bytes
        } else {
            Encoding::Text
        }
    }
}

/// A field of the request type: a parameter or the body.
pub struct Field {
    pub ident: Ident,
    pub ty: RustType,
    pub doc: TokenStream,
    pub required: bool,
    /// The item type when the field is a list, for the setter.
    pub list_item: Option<RustType>,
    /// The `Wire` type that reads the field's value from JSON text where
    /// it is in a format of its own (`crate::formats::rfc3339::Wire`).
    pub wire: Option<TokenStream>,
    pub source: FieldSource,
    /// An OData system query option: kept in the request's `options`.
    pub query_option: Option<QueryOption>,
}

pub enum FieldSource {
    /// `structured`: an object, map or list of them, which the runtime writes
    /// through serde (`query_object`, `Structured`) rather than as text items.
    Parameter {
        name: String,
        location: ParameterLocation,
        explode: bool,
        structured: bool,
        /// An object or map in OpenAPI's `deepObject` style (`name[key]=value`).
        deep_object: bool,
    },
    Body {
        media_type: String,
        encoding: Encoding,
        /// The body is a PATCH's update type (written only), made from this
        /// entity type (`From<Entity>`).
        update_of: Option<RustType>,
    },
}

impl Field {
    /// An OData system query option, held in the request's `options`.
    pub fn is_query_option(&self) -> bool {
        self.query_option.is_some()
    }
}

/// The fields in the order `new` takes them: parameters, then the body.
pub(super) fn fields(
    api: &Api,
    op: &Operation,
    names: &RustNames,
    property_enum: Option<&str>,
) -> Vec<Field> {
    // The body first while naming, so that a parameter called `body` is the one renamed.
    let mut raw: Vec<(String, Field)> = Vec::new();
    if let Some(body) = &op.request_body {
        raw.push(("body".to_string(), body_field(api, op, body, names)));
    }
    let if_match = op.if_match.then(|| if_match(op.method));
    for parameter in op.parameters.iter().chain(&if_match) {
        let field = parameter_field(api, parameter, names, property_enum);
        raw.push((parameter.name.clone(), field));
    }
    let mut fields = named(raw, names);
    if op.request_body.is_some() {
        fields.rotate_left(1);
    }
    fields
}

/// The `If-Match` header a change of an entity with an ETag may send.
fn if_match(method: Method) -> Parameter {
    let what = match method {
        Method::Patch | Method::Put => "the update",
        _ => "the request",
    };
    Parameter {
        name: "If-Match".into(),
        location: ParameterLocation::Header,
        description: Some(format!(
            "ETag of the entity as read: {what} fails with 412 if it has changed since"
        )),
        required: false,
        ty: TypeRef::Primitive(Primitive::String),
        explode: false,
        deep_object: false,
        option: None,
    }
}

fn body_field(api: &Api, op: &Operation, body: &Body, names: &RustNames) -> Field {
    let encoding = Encoding::of(body);
    let subject =
        super::facts::update_subject(api, op).filter(|id| names.update_types.contains_key(id));
    let update_of = subject.map(|id| RustType::named(MODELS, &names.types[id.0]));
    // A whole body in a text format of its own (`[date, ...]`) is written
    // through its adapter; nested deeper, as text.
    let adapter = match (&body.ty, encoding, &update_of) {
        (Some(ty), Encoding::Json, None) if super::shapes::contains_text_format(ty) => {
            format_adapter(ty, Holder::Plain, names.binary_encoding)
        }
        _ => Ok(None),
    };
    let wire = adapter.ok().flatten().map(wire_type);
    let ty = match (&body.ty, subject) {
        // PATCH sends only what was set.
        (_, Some(id)) => RustType::named(MODELS, &names.update_types[&id]),
        (_, None) if encoding == Encoding::Bytes => RustType::vec(RustType::plain("u8")),
        (_, None) if encoding == Encoding::Text => RustType::plain("String"),
        (Some(ty), None) if adapter.is_err() => {
            rust_type(names, &super::shapes::as_text(ty), MODELS)
        }
        (Some(ty), None) => rust_type(names, ty, MODELS),
        (None, None) => RustType::json_value(),
    };
    Field {
        ident: format_ident!("body"),
        ty,
        doc: docs::outer(body.description.as_deref()),
        required: body.required,
        list_item: None,
        wire,
        source: FieldSource::Body {
            media_type: body.media_type.clone(),
            encoding,
            update_of,
        },
        query_option: None,
    }
}

/// `crate::formats::rfc3339::Wire` of the adapter module `crate::formats::rfc3339`.
fn wire_type(adapter: Adapter) -> TokenStream {
    quote! { #adapter::Wire }
}

fn parameter_field(
    api: &Api,
    parameter: &Parameter,
    names: &RustNames,
    property_enum: Option<&str>,
) -> Field {
    // `$select` and `$orderby` take the entity's property names where it is known.
    let typed = super::odata::name_list_item(parameter, property_enum);
    let is_typed = typed.is_some();
    let list_item = match (&parameter.ty, typed) {
        (_, Some(item)) => Some(item),
        (TypeRef::Array(items), None) => Some(rust_type(names, items, MODELS)),
        _ => None,
    };
    let ty = match &list_item {
        Some(item) => RustType::vec(item.clone()),
        None => rust_type(names, &parameter.ty, MODELS),
    };
    let wire = match format_adapter(&parameter.ty, Holder::Plain, names.binary_encoding) {
        Ok(Some(adapter)) if !is_typed => Some(wire_type(adapter)),
        _ => None,
    };
    Field {
        ident: format_ident!("placeholder"),
        ty,
        doc: docs::outer(parameter.description.as_deref()),
        required: parameter.required,
        list_item,
        wire,
        source: FieldSource::Parameter {
            name: parameter.name.clone(),
            location: parameter.location,
            explode: parameter.explode,
            structured: is_structured(api, &parameter.ty),
            deep_object: parameter.deep_object,
        },
        // Options live in `QueryOptions`, generic over the property names.
        query_option: property_enum.and(parameter.option),
    }
}

/// The fields with their names. `new` is the constructor; setters are named
/// after their fields. Query options live in `options` and are set by the
/// runtime's traits, so only the other fields compete for names; a setter
/// (of an optional field) named like a method of a trait the type
/// implements (`clone`, `eq`, `top`) would hide it, so it is `set_..`.
fn named(raw: Vec<(String, Field)>, names: &RustNames) -> Vec<Field> {
    let own: Vec<usize> = (0..raw.len())
        .filter(|&i| !raw[i].1.is_query_option())
        .collect();
    let option_traits = raw
        .iter()
        .filter_map(|(_, field)| field.query_option)
        .filter_map(|option| {
            names
                .trait_methods
                .trait_methods
                .get(super::odata::trait_name(option))
        });
    let methods: std::collections::HashSet<&str> = names
        .trait_methods
        .request_methods
        .iter()
        .chain(option_traits.flatten())
        .map(String::as_str)
        .collect();
    let candidates: Vec<Vec<String>> = own
        .iter()
        .map(|&i| {
            let name = names::snake(&raw[i].0);
            if !raw[i].1.required && methods.contains(name.as_str()) {
                vec![format!("set_{}", name.trim_start_matches("r#"))]
            } else {
                vec![name]
            }
        })
        .collect();
    let taken: &[&str] = if own.len() < raw.len() {
        &["new", "options"]
    } else {
        &["new"]
    };
    let mut unique = names::assign_unique(&candidates, taken, "_").into_iter();
    raw.into_iter()
        .map(|(raw_name, mut field)| {
            let name = match field.query_option {
                Some(_) => names::snake(&raw_name),
                None => unique.next().unwrap_or_else(|| names::snake(&raw_name)),
            };
            field.ident = syn::parse_str(&name).unwrap_or_else(|_| format_ident!("{}", name));
            field
        })
        .collect()
}

/// Whether a parameter's value is an object, a map or a list of them: the
/// runtime's `ParamValue` has no text for those, serde has.
fn is_structured(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Array(items) | TypeRef::Nullable(items) => is_structured(api, items),
        TypeRef::Named(id) => !matches!(api.type_def(*id).kind, crate::model::TypeKind::Enum(_)),
        TypeRef::Primitive(_) | TypeRef::Any => false,
    }
}
