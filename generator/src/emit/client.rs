//! `src/client.rs`: a method on the runtime's `Client` per operation, taking
//! the required parameters and giving a `Call` (the request bound to the
//! client) that the caller sets options on and awaits. The methods are plain
//! functions: the future of a call is compiled where it is awaited.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::features::Features;
use super::plan::RequestPlan;
use crate::model::Api;

/// The file's head, before the `impl Client` blocks of [`emit_methods`]:
/// docs, and the import when an item of the file names the client.
pub fn emit_head(names_client: bool) -> TokenStream {
    let import = names_client.then(|| quote! { use crate::transport::Client; });
    quote! {
        //! One method per operation on [`Client`].
        #![cfg(feature = "client")]
        #import
    }
}

/// `Default` for the client (named by `client`) when the description names
/// a server: one for [`crate::DEFAULT_BASE_URL`].
pub fn default_impl(api: &Api, client: TokenStream) -> Option<TokenStream> {
    (!api.servers.is_empty()).then(|| {
        quote! {
            impl Default for #client {
                /// A client for [`crate::DEFAULT_BASE_URL`] with no token.
                fn default() -> Self {
                    Self::new(crate::DEFAULT_BASE_URL)
                }
            }
        }
    })
}

/// Where the methods go: on `Client` itself (a single crate, an `impl
/// Client` block per chunk of operations), or in a trait per path group with
/// the bodies as default methods (a crate of a split SDK, which cannot add
/// inherent methods to the core crate's `Client`).
pub enum Receiver {
    Inherent,
    /// Per group, in the order of the groups.
    Traits(Vec<TraitHead>),
}

/// A group's method trait: its name (`UsersApi`) and the path it serves.
pub struct TraitHead {
    pub name: String,
    pub path: String,
}

/// A group's `client.rs`: its trait with a default method per operation,
/// reaching the client through the runtime's `AsRef<Client>`, and the
/// trait's impl for `Client`.
pub fn emit_trait(head: &TraitHead, plans: &[RequestPlan]) -> TokenStream {
    let (path, trait_name) = (&head.path, format_ident!("{}", head.name));
    let docs = docs::own_inner(&format!(
        "The operations under `/{path}` as methods on [`Client`]: bring [`{trait_name}`] into scope (the SDK's `prelude` does)."
    ));
    let doc = docs::own_outer(&format!(
        "The operations under `/{path}`, one method each, giving a [`crate::call::Call`] to set options on and await."
    ));
    let methods = plans.iter().map(|plan| method(plan, None, false));
    // pub trait UsersApi: AsRef<Client> { fn list_users(&self) -> Call<..> { .. } }
    // impl UsersApi for Client {}
    quote! {
        #docs
        use crate::transport::Client;

        #doc
        pub trait #trait_name: AsRef<Client> { #(#methods)* }

        impl #trait_name for Client {}
    }
}

/// `impl Client { .. }` with the methods of some operations, each behind
/// its path feature when there are features.
pub fn emit_methods(plans: &[&RequestPlan], features: Option<&Features>) -> TokenStream {
    let methods = plans.iter().map(|plan| method(plan, features, true));
    quote! { impl Client { #(#methods)* } }
}

/// The client method of one operation: public and on `self` when
/// `inherent`, else a trait's default method on `self.as_ref()`.
fn method(plan: &RequestPlan, features: Option<&Features>, inherent: bool) -> TokenStream {
    // pub fn create_pfx_user_certificate(&self, body: impl Into<..>)
    //     -> Call<'_, CreatePfxUserCertificate> {
    //     Call::new(self, CreatePfxUserCertificate::new(body))
    // }
    let (fn_name, type_name) = (&plan.fn_name, &plan.type_name);
    let args = plan.required_fields().map(|f| f.ty.argument(&f.ident).0);
    let idents = plan.required_fields().map(|f| &f.ident);
    let has_optional = plan.fields.iter().any(|f| !f.required);
    let more = has_optional.then(|| {
        format!("Optional parameters: set them on the call (`.with(|r| ...)`, query options) or build a [`crate::operations::{type_name}`] and pass it to [`Client::execute`].")
    });
    let awaited = format!("Sends [`crate::operations::{type_name}`] when awaited.");
    let described = docs::escaped(&plan.doc);
    let doc = docs::own_outer(&docs::paragraphs([
        Some(described.as_str()),
        Some(awaited.as_str()),
        more.as_deref(),
    ]));
    let (visibility, client) = if inherent {
        (quote! { pub }, quote! { self })
    } else {
        (quote! {}, quote! { self.as_ref() })
    };
    let cfg = Features::operation_gate(features, plan.index);
    quote! {
        #cfg
        #doc
        #visibility fn #fn_name(&self, #(#args),*) -> crate::call::Call<'_, crate::operations::#type_name> {
            crate::call::Call::new(#client, crate::operations::#type_name::new(#(#idents),*))
        }
    }
}
