//! `src/client.rs`: a method on the runtime's `Client` per operation, taking
//! the required parameters and giving a `Call` (the request bound to the
//! client) that the caller sets options on and awaits. The methods are plain
//! functions: the future of a call is compiled where it is awaited.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features::Features;
use super::plan::OperationPlan;
use crate::model::Api;

/// The file around the methods: docs, import, an empty `impl Client {}` that
/// the methods of [`emit_methods`] are put into (`super::sources`), and
/// `Default` when the description names a server.
pub fn emit_head(api: &Api) -> TokenStream {
    let default = default_impl(api, quote! { Client });
    quote! {
        //! One method per operation on [`Client`].
        #![cfg(feature = "client")]
        use crate::transport::Client;

        impl Client {}

        #default
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

/// Where the methods go: on `Client` itself (a single crate), or in a
/// group's trait with the bodies as default methods (a crate of a split SDK,
/// which cannot add inherent methods to the core crate's `Client`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    Inherent,
    Trait,
}

/// The group trait of a split SDK around its methods (the methods of
/// [`emit_methods`] go between its braces); it reaches the client through
/// the runtime's `AsRef<Client>`.
pub fn emit_trait_head(trait_name: &syn::Ident, path: &str) -> TokenStream {
    let docs = docs::own_inner(&format!(
        "The operations under `/{path}` as methods on [`Client`]: bring [`{trait_name}`] into scope (the SDK's `prelude` does)."
    ));
    let doc = docs::own_outer(&format!(
        "The operations under `/{path}`, one method each, giving a [`crate::call::Call`] to set options on and await."
    ));
    // pub trait UsersApi: AsRef<Client> { fn list_users(&self) -> Call<..> { .. } }
    // impl UsersApi for Client {}
    quote! {
        #docs
        use crate::transport::Client;

        #doc
        pub trait #trait_name: AsRef<Client> {}

        impl #trait_name for Client {}
    }
}

/// `impl Client { .. }` (or `trait Methods { .. }`) with the methods of some
/// operations.
pub fn emit_methods(
    plans: &[OperationPlan],
    features: Option<&Features>,
    receiver: Receiver,
) -> TokenStream {
    let methods = plans.iter().map(|plan| {
        // pub fn create_pfx_user_certificate(&self, body: impl Into<..>)
        //     -> Call<'_, CreatePfxUserCertificate> {
        //     Call::new(self, CreatePfxUserCertificate::new(body))
        // }
        let (fn_name, type_name) = (&plan.fn_name, &plan.type_name);
        let params: Vec<_> = plan.required_fields().map(|f| (&f.ident, &f.ty)).collect();
        let args = params.iter().map(|(ident, ty)| quote! { #ident: impl Into<#ty> });
        let idents = params.iter().map(|(ident, _)| ident);
        let has_optional = plan.fields.iter().any(|f| !f.required);
        let more = has_optional.then(|| {
            format!("Optional parameters: set them on the call (`.with(|r| ...)`, query options) or build a [`crate::operations::{type_name}`] and pass it to [`Client::execute`].")
        });
        let awaited = format!("Sends [`crate::operations::{type_name}`] when awaited.");
        let described = docs::escaped(&plan.doc);
        let doc = docs::own_outer(&docs::paragraphs([Some(described.as_str()), Some(awaited.as_str()), more.as_deref()]));
        let (visibility, client) = match receiver {
            Receiver::Inherent => (quote! { pub }, quote! { self }),
            Receiver::Trait => (quote! {}, quote! { self.as_ref() }),
        };
        let method = quote! {
            #doc
            #visibility fn #fn_name(&self, #(#args),*) -> crate::call::Call<'_, crate::operations::#type_name> {
                crate::call::Call::new(#client, crate::operations::#type_name::new(#(#idents),*))
            }
        };
        Features::gate_operation(features, plan.index, method)
    });
    match receiver {
        Receiver::Inherent => quote! { impl Client { #(#methods)* } },
        Receiver::Trait => quote! { trait Methods { #(#methods)* } },
    }
}
