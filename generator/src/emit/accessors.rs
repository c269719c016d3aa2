//! Methods on models beyond `new`: setters on the types requests send
//! (`with_thumbprint`), and `etag()` on entities whose ETag the model names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::shapes::{Holder, field_ident, is_optional, value_type};
use super::{RustNames, docs};
use crate::model::{Access, Api, Primitive, Property, TypeId, TypeKind, TypeRef};

// /// Sets `thumbprint`.
// pub fn with_thumbprint(mut self, value: impl Into<String>) -> Self { self.thumbprint = Some(value.into()); self }
pub fn setters(names: &RustNames, id: TypeId, properties: &[&Property]) -> TokenStream {
    // What only the service sets is not sent.
    let settable = properties
        .iter()
        .zip(&names.members[id.0].names)
        .filter(|(p, _)| p.access != Access::ReadOnly);
    let setters = settable
        .zip(&names.setters[id.0])
        .map(|((property, field), setter)| {
            let ident = field_ident(field);
            let setter = format_ident!("{}", setter);
            let (rust, _) = value_type(names, property, Holder::Plain);
            let (param, value) = rust.argument(&format_ident!("value"));
            let value = if is_optional(property) {
                quote! { Some(#value) }
            } else {
                value
            };
            let doc = format!(
                " {}",
                docs::prose_line(&format!("Sets `{}`.", property.name))
            );
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, #param) -> Self {
                    self.#ident = #value;
                    self
                }
            }
        });
    quote! { #(#setters)* }
}

// /// The entity's ETag as the service sent it: pass it to `if_match`.
// pub fn etag(&self) -> Option<&str> { self.odata_etag.as_deref() }
pub fn etag_accessor(
    api: &Api,
    id: TypeId,
    properties: &[&Property],
    fields: &[String],
) -> Option<TokenStream> {
    let TypeKind::Struct(s) = &api.type_def(id).kind else {
        return None;
    };
    let wanted = s.etag.as_deref()?;
    let (property, field) = properties
        .iter()
        .zip(fields)
        .find(|(p, _)| p.name == wanted && p.ty == TypeRef::Primitive(Primitive::String))?;
    let ident = field_ident(field);
    let read = if is_optional(property) {
        quote! { self.#ident.as_deref() }
    } else {
        quote! { Some(self.#ident.as_str()) }
    };
    Some(quote! {
        /// The entity's ETag as the service sent it: pass it to `if_match`.
        pub fn etag(&self) -> Option<&str> {
            #read
        }
    })
}
