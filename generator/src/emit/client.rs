//! `src/client.rs`: a method on the runtime's `Client` per operation, taking
//! the required parameters; optional ones go through the request types and
//! `Client::execute`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features::Features;
use super::operations::OperationPlan;
use crate::model::Api;

/// The file around the methods: docs, import, an empty `impl Client {}` that
/// the methods of [`emit_methods`] are put into (`super::sources`), and
/// `Default` when the description names a server.
pub fn emit_head(api: &Api) -> TokenStream {
    let default = (!api.servers.is_empty()).then(|| {
        quote! {
            impl Default for Client {
                /// A client for [`crate::DEFAULT_BASE_URL`] with no token.
                fn default() -> Self {
                    Client::new(crate::DEFAULT_BASE_URL)
                }
            }
        }
    });
    quote! {
        //! One method per operation on [`Client`].
        #![cfg(feature = "client")]
        use crate::transport::Client;

        impl Client {}

        #default
    }
}

/// `impl Client { .. }` with the methods of some operations.
pub fn emit_methods(plans: &[OperationPlan], features: Option<&Features>) -> TokenStream {
    let methods = plans.iter().map(|plan| {
        // pub async fn create_pfx_user_certificate(&self, body: impl Into<..>)
        //     -> Result<Output, Error<ODataError>> {
        //     self.execute(&CreatePfxUserCertificate::new(body)).await
        // }
        let (fn_name, type_name, output, error) = (&plan.fn_name, &plan.type_name, &plan.output, &plan.error);
        let params: Vec<_> = plan.required_fields().map(|f| (&f.ident, &f.ty)).collect();
        let args = params.iter().map(|(ident, ty)| quote! { #ident: impl Into<#ty> });
        let idents = params.iter().map(|(ident, _)| ident);
        let has_optional = plan.fields.iter().any(|f| !f.required);
        let more = has_optional.then(|| {
            format!("Optional parameters: build a [`crate::operations::{type_name}`] and pass it to [`Client::execute`].")
        });
        let doc = docs::outer(Some(&docs::paragraphs([Some(plan.doc.as_str()), more.as_deref()])));
        let method = quote! {
            #doc
            pub async fn #fn_name(&self, #(#args),*) -> Result<#output, crate::runtime::Error<#error>> {
                self.execute(&crate::operations::#type_name::new(#(#idents),*)).await
            }
        };
        Features::gate_operation(features, plan.index, method)
    });
    quote! {
        impl Client {
            #(#methods)*
        }
    }
}
