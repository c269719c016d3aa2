//! What the emitters make of the OData facts the model states (settled by
//! `conventions.rs`; nothing here recognises a name):
//!
//! - an operation that answers with a page (`StructType::page`) implements
//!   `Paged`, so the client can stream the items;
//! - `$select` and `$orderby` of an operation about an entity take that
//!   entity's property names as an enum (`PfxUserCertificateProperty`), not text;
//! - system query options (`Parameter::option`) live in the runtime's
//!   `QueryOptions`, set through a trait per option the operation takes (`query.rs`);
//! - for Graph (`Dialect::Graph`), `$count` and `$search` send
//!   `ConsistencyLevel: eventual`, which Graph needs for them on directory objects;
//! - a PATCH body is an update type that sends only what may be changed (`updates.rs`);
//! - an operation that may send `If-Match` (`Operation::if_match`) has a setter for it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_type::{Home, MODELS, RustType};
use super::{RustNames, facts};
pub use crate::model::QueryOption;
use crate::model::{Api, Operation, Parameter, TypeId, TypeRef};

/// Where the items and the next link of a page are.
pub struct Page {
    pub item: TypeRef,
    pub value_field: String,
    pub value_optional: bool,
    pub next_field: String,
    pub next_optional: bool,
    /// The field of the delta link (always an `Option`), on a delta page.
    pub delta_field: Option<String>,
}

/// Where the fields of a page type are, if the type is a page.
pub fn page(api: &Api, names: &RustNames, id: TypeId) -> Option<Page> {
    let (item, [value, next], delta) = facts::page_parts(api, id)?;
    let properties = names.properties(id);
    let fields = &names.members[id.0].names;
    let optional = |i: usize| !properties[i].required || properties[i].nullable;
    Some(Page {
        item,
        value_field: fields[value].clone(),
        value_optional: optional(value),
        next_field: fields[next].clone(),
        next_optional: optional(next),
        delta_field: delta.filter(|&i| optional(i)).map(|i| fields[i].clone()),
    })
}

/// The property-name enum an operation's `$select`/`$orderby` take, when
/// its entity has one.
pub fn property_enum<'n>(names: &'n RustNames, index: usize) -> Option<&'n str> {
    names
        .property_enums
        .get(&names.selectable[index]?)
        .map(String::as_str)
}

/// The item type of a `$select` or `$orderby` parameter, when it is typed
/// by the operation's `property_enum`.
pub fn name_list_item(parameter: &Parameter, property_enum: Option<&str>) -> Option<RustType> {
    let option = parameter
        .option
        .filter(|o| matches!(o, QueryOption::Select | QueryOption::OrderBy))?;
    let property_enum = RustType::named(MODELS, property_enum?);
    Some(match option {
        QueryOption::OrderBy => {
            RustType::generic(Home::Crate("runtime"), "OrderBy", vec![property_enum])
        }
        _ => property_enum,
    })
}

/// The runtime trait (`query.rs`) whose setter sets the option.
pub fn trait_name(option: QueryOption) -> &'static str {
    {
        match option {
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

/// The field of the runtime's `QueryOptions` that holds an option.
pub fn options_field(option: QueryOption) -> proc_macro2::Ident {
    let name = match option {
        QueryOption::Top => "top",
        QueryOption::Skip => "skip",
        QueryOption::Search => "search",
        QueryOption::Filter => "filter",
        QueryOption::Count => "count",
        QueryOption::OrderBy => "orderby",
        QueryOption::Select => "select",
        QueryOption::Expand => "expand",
    };
    format_ident!("{name}")
}

// /// Properties of [`PfxUserCertificate`], for `$select` and `$orderby`.
// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
// pub enum PfxUserCertificateProperty { Id, TenantId, ... }
// impl PfxUserCertificateProperty { pub fn as_str(self) -> &'static str; asc(); desc() }
// impl PropertyName, ParamValue
pub fn emit_property_enum(names: &RustNames, id: TypeId) -> TokenStream {
    let Some(enum_name) = names.property_enums.get(&id) else {
        return quote! {};
    };
    let enum_name = format_ident!("{}", enum_name);
    let type_name = &names.types[id.0];
    // Control information (`@odata.type`) is not a property one selects.
    let properties: Vec<String> = names
        .properties(id)
        .iter()
        .filter(|p| !p.control)
        .map(|p| p.name.clone())
        .collect();
    let property_docs: Vec<String> = properties
        .iter()
        .map(|p| super::docs::prose_line(p))
        .collect();
    let members = &names.property_variants[&id];
    let variants = members
        .names
        .iter()
        .map(|v| format_ident!("{}", v))
        .collect::<Vec<_>>();
    let never = format_ident!("{}", members.rest);
    let doc = format!(" Properties of [`{type_name}`], for `$select` and `$orderby`.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #enum_name {
            #(#[doc = #property_docs] #variants,)*
            /// Never made: a variant that holds a value keeps the enum from
            /// being cast to an integer, so that a property added before
            /// others changes no value a caller could have kept.
            #[doc(hidden)]
            #never(std::convert::Infallible),
        }

        impl #enum_name {
            /// The property's name on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #properties,)*
                    Self::#never(never) => match never {},
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
    let (Some(TypeRef::Named(id)), false) = (facts::success_type(op), has_empty_success) else {
        return quote! {};
    };
    let Some(page) = page(api, names, *id) else {
        return quote! {};
    };
    let item = super::shapes::rust_type(names, &page.item, MODELS);
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
    // fn delta_link(page: &Self::Output) -> Option<String> { page.odata_delta_link.clone() }
    let delta_link = page.delta_field.as_deref().map(|field| {
        let field = ident(field);
        quote! {
            fn delta_link(page: &Self::Output) -> Option<String> {
                page.#field.clone()
            }
        }
    });
    quote! {
        impl crate::runtime::Paged for #type_name {
            type Item = #item;

            fn into_items(page: Self::Output) -> (Vec<Self::Item>, Option<String>) {
                (#items, #next_link)
            }
            #delta_link
        }
    }
}
