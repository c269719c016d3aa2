//! OData conventions the emitters follow where a description uses them (a
//! Graph description does, whichever format it came in):
//!
//! - a page is a struct with `value: [T]` and `@odata.nextLink`: its
//!   operation implements `Paged`, so the client can stream the items;
//! - `$select` and `$orderby` of an operation about an entity take that
//!   entity's property names as an enum (`PfxUserCertificateProperty`), not text;
//! - `$top`, `$filter`, `$select` and the other system query options live in
//!   the runtime's `QueryOptions`, set through a trait per option the
//!   operation takes (`query.rs`);
//! - `$count` and `$search` send `ConsistencyLevel: eventual`, which Graph
//!   needs for them on directory objects;
//! - a PATCH body is an update type that sends only what was set (`updates.rs`);
//! - a PATCH of an entity with an ETag (`eTag`, `@odata.etag`) can send `If-Match`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::RustNames;
use crate::model::{
    Api, Method, Operation, Parameter, ParameterLocation, Primitive, TypeId, TypeKind, TypeRef,
};
use crate::names;

/// Where the items and the next link of a page are.
pub struct Page {
    pub item: TypeRef,
    pub value_field: String,
    pub value_optional: bool,
    pub next_field: String,
    pub next_optional: bool,
}

/// The page shape of a struct type, if it has it.
pub fn page(api: &Api, id: TypeId) -> Option<Page> {
    let TypeKind::Struct(_) = api.type_def(id).kind else {
        return None;
    };
    let properties = api.all_properties(id);
    let find = |name: &str| properties.iter().position(|p| p.name == name);
    let (value, next) = (find("value")?, find("@odata.nextLink")?);
    let TypeRef::Array(item) = &properties[value].ty else {
        return None;
    };
    if properties[next].ty != TypeRef::Primitive(Primitive::String) {
        return None;
    }
    // Named only now: most types asked about are not pages.
    let (fields, _) = super::types::field_names(api, id);
    let optional = |i: usize| !properties[i].required || properties[i].nullable;
    Some(Page {
        item: (**item).clone(),
        value_field: fields[value].clone(),
        value_optional: optional(value),
        next_field: fields[next].clone(),
        next_optional: optional(next),
    })
}

/// The one JSON type an operation answers success with, if there is one.
fn success_type(op: &Operation) -> Option<&TypeRef> {
    let mut types = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .filter_map(|r| {
            r.body
                .as_ref()
                .filter(|b| b.is_json())
                .and_then(|b| b.ty.as_ref())
        });
    let first = types.next()?;
    types.all(|t| t == first).then_some(first)
}

/// The entity an operation reads: the item of the page it answers with, or
/// the struct it answers with.
fn subject(api: &Api, op: &Operation) -> Option<TypeId> {
    let TypeRef::Named(id) = success_type(op)? else {
        return None;
    };
    match page(api, *id) {
        Some(Page {
            item: TypeRef::Named(item),
            ..
        }) => Some(item),
        Some(_) => None,
        None => matches!(api.type_def(*id).kind, TypeKind::Struct(_)).then_some(*id),
    }
}

/// A list-of-text query option the entity's property names can replace.
fn is_name_list(op: &Operation, name: &str) -> bool {
    op.parameters.iter().any(|p| {
        p.name == name
            && p.location == ParameterLocation::Query
            && p.ty == TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)))
    })
}

/// The entity whose property names an operation's `$select`/`$orderby` take.
pub fn selectable_subject(api: &Api, op: &Operation) -> Option<TypeId> {
    (is_name_list(op, "$select") || is_name_list(op, "$orderby"))
        .then(|| subject(api, op))
        .flatten()
}

/// Every type that needs a property-name enum.
pub fn selectable_types(api: &Api) -> BTreeSet<TypeId> {
    api.operations
        .iter()
        .filter_map(|op| selectable_subject(api, op))
        .collect()
}

/// The property-name enum an operation's `$select`/`$orderby` take, when
/// its entity has one (worked out once per operation by its plan).
pub fn property_enum<'n>(api: &Api, names: &'n RustNames, op: &Operation) -> Option<&'n str> {
    names
        .property_enums
        .get(&selectable_subject(api, op)?)
        .map(String::as_str)
}

/// The item type of `$select` or `$orderby` (`name`), when it is typed by
/// the operation's `property_enum`.
pub fn name_list_item(
    op: &Operation,
    property_enum: Option<&str>,
    name: &str,
) -> Option<TokenStream> {
    if !matches!(name, "$select" | "$orderby") || !is_name_list(op, name) {
        return None;
    }
    let property_enum = format_ident!("{}", property_enum?);
    Some(match name {
        "$orderby" => quote! { crate::runtime::OrderBy<crate::models::#property_enum> },
        _ => quote! { crate::models::#property_enum },
    })
}

/// OData's system query options, as the runtime's `QueryOptions` holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryOption {
    Top,
    Skip,
    Search,
    Filter,
    Count,
    OrderBy,
    Select,
    Expand,
}

impl QueryOption {
    /// The runtime trait (`query.rs`) whose setter sets the option.
    pub fn trait_name(self) -> &'static str {
        match self {
            QueryOption::Top => "TopOption",
            QueryOption::Skip => "SkipOption",
            QueryOption::Search => "SearchOption",
            QueryOption::Filter => "FilterOption",
            QueryOption::Count => "CountOption",
            QueryOption::OrderBy => "OrderByOption",
            QueryOption::Select => "SelectOption",
            QueryOption::Expand => "ExpandOption",
        }
    }
}

/// The query option `parameter` is: one of OData's, optional, with the type
/// the runtime gives it. (Only an operation whose entity has property names
/// keeps them in `QueryOptions`, which is generic over those names; the plan
/// decides.) Other parameters stay fields of their own.
pub fn query_option(parameter: &Parameter) -> Option<QueryOption> {
    if parameter.location != ParameterLocation::Query || parameter.required {
        return None;
    }
    let primitive = |p: Primitive| parameter.ty == TypeRef::Primitive(p);
    let text_list = !parameter.explode
        && parameter.ty == TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)));
    let option = match parameter.name.as_str() {
        "$top" if primitive(Primitive::Int32) => QueryOption::Top,
        "$skip" if primitive(Primitive::Int32) => QueryOption::Skip,
        "$search" if primitive(Primitive::String) => QueryOption::Search,
        "$filter" if primitive(Primitive::String) => QueryOption::Filter,
        "$count" if primitive(Primitive::Boolean) => QueryOption::Count,
        "$orderby" if text_list => QueryOption::OrderBy,
        "$select" if text_list => QueryOption::Select,
        "$expand" if text_list => QueryOption::Expand,
        _ => return None,
    };
    Some(option)
}

/// The struct a PATCH operation sends as JSON: it gets an update type.
pub fn update_subject(api: &Api, op: &Operation) -> Option<TypeId> {
    let body = op
        .request_body
        .as_ref()
        .filter(|b| op.method == Method::Patch && b.is_json())?;
    match body.ty.as_ref()? {
        TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Struct(_)) => Some(*id),
        _ => None,
    }
}

/// Every type that needs an update type.
pub fn update_types(api: &Api) -> BTreeSet<TypeId> {
    api.operations
        .iter()
        .filter_map(|op| update_subject(api, op))
        .collect()
}

/// The optional query options that need `ConsistencyLevel: eventual` when
/// used: `$count` (a boolean, when true) and `$search`. Gives their names, the
/// boolean first.
pub fn eventual_consistency_options(op: &Operation) -> (Option<&str>, Option<&str>) {
    let optional = |name: &str| {
        op.parameters
            .iter()
            .find(|p| p.name == name && p.location == ParameterLocation::Query && !p.required)
    };
    let count = optional("$count")
        .filter(|p| p.ty == TypeRef::Primitive(Primitive::Boolean))
        .map(|p| p.name.as_str());
    (count, optional("$search").map(|p| p.name.as_str()))
}

/// Whether an update of this operation should offer `If-Match`: it updates an
/// entity with an ETag and does not declare the header itself.
pub fn needs_if_match(api: &Api, op: &Operation) -> bool {
    let Some(entity) = update_subject(api, op) else {
        return false;
    };
    let has_etag = api
        .all_properties(entity)
        .iter()
        .any(|p| p.name == "eTag" || p.name == "@odata.etag");
    let declared = op.parameters.iter().any(|p| {
        p.location == ParameterLocation::Header && p.name.eq_ignore_ascii_case("If-Match")
    });
    has_etag && !declared
}

// /// Properties of [`PfxUserCertificate`], for `$select` and `$orderby`.
// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
// pub enum PfxUserCertificateProperty { Id, TenantId, ... }
// impl PfxUserCertificateProperty { pub fn as_str(self) -> &'static str; asc(); desc() }
// impl PropertyName, ParamValue
pub fn emit_property_enum(api: &Api, names: &RustNames, id: TypeId) -> TokenStream {
    let Some(enum_name) = names.property_enums.get(&id) else {
        return quote! {};
    };
    let enum_name = format_ident!("{}", enum_name);
    let type_name = &names.types[id.0];
    // Control information (`@odata.type`) is not a property one selects.
    let properties: Vec<String> = api
        .all_properties(id)
        .iter()
        .filter(|p| !p.name.starts_with('@'))
        .map(|p| p.name.clone())
        .collect();
    let property_docs: Vec<String> = properties
        .iter()
        .map(|p| super::docs::prose_line(p))
        .collect();
    let variants: Vec<_> = names::assign_unique(
        &properties
            .iter()
            .map(|p| vec![names::pascal(p)])
            .collect::<Vec<_>>(),
        &[],
        "",
    )
    .into_iter()
    .map(|v| format_ident!("{}", v))
    .collect();
    let doc = format!(" Properties of [`{type_name}`], for `$select` and `$orderby`.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #enum_name {
            #(#[doc = #property_docs] #variants,)*
        }

        impl #enum_name {
            /// The property's name on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #properties,)*
                }
            }

            /// Sorts by this property, smallest first.
            pub fn asc(self) -> crate::runtime::OrderBy<Self> {
                crate::runtime::OrderBy { property: self, descending: false }
            }

            /// Sorts by this property, largest first.
            pub fn desc(self) -> crate::runtime::OrderBy<Self> {
                crate::runtime::OrderBy { property: self, descending: true }
            }
        }

        impl crate::runtime::PropertyName for #enum_name {
            fn name(&self) -> &str {
                self.as_str()
            }
        }

        impl crate::runtime::ParamValue for #enum_name {
            fn param_items(&self) -> Vec<String> {
                vec![self.as_str().to_string()]
            }
        }
    }
}

// impl crate::runtime::Paged for ListPfxUserCertificate {
//     type Item = crate::models::PfxUserCertificate;
//     fn into_items(page: Self::Output) -> (Vec<Self::Item>, Option<String>) {
//         (page.value.unwrap_or_default(), page.odata_next_link)
//     }
// }
pub fn emit_paged(
    api: &Api,
    names: &RustNames,
    op: &Operation,
    type_name: &proc_macro2::Ident,
) -> TokenStream {
    // Only when the whole output is the page (not `Option<Page>`).
    let has_empty_success = op
        .responses
        .iter()
        .any(|r| r.status.is_success() && r.body.is_none());
    let (Some(TypeRef::Named(id)), false) = (success_type(op), has_empty_success) else {
        return quote! {};
    };
    let Some(page) = page(api, *id) else {
        return quote! {};
    };
    let item = super::types::rust_type(names, &page.item, &quote! { crate::models:: });
    let ident = |field: &str| {
        syn::parse_str::<syn::Ident>(field).unwrap_or_else(|_| format_ident!("r#{}", field))
    };
    let (value, next) = (ident(&page.value_field), ident(&page.next_field));
    let items = if page.value_optional {
        quote! { page.#value.unwrap_or_default() }
    } else {
        quote! { page.#value }
    };
    let next_link = if page.next_optional {
        quote! { page.#next }
    } else {
        quote! { Some(page.#next) }
    };
    quote! {
        impl crate::runtime::Paged for #type_name {
            type Item = #item;

            fn into_items(page: Self::Output) -> (Vec<Self::Item>, Option<String>) {
                (#items, #next_link)
            }
        }
    }
}
