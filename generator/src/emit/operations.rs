//! `src/operations.rs`: one request type per operation. Each holds the
//! operation's parameters and body, builds an `http::Request` without any
//! HTTP client (sans-IO), and decodes an `http::Response` into the typed
//! result or the typed error (how: `replies.rs`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::features::Features;
use super::fields::Field;
use super::plan::OperationPlan;
use super::text::Gated;

/// The start of the file: its docs and imports (none without operations;
/// with path features, possibly none of them is built).
pub fn emit_head(has_operations: bool, gated: bool) -> TokenStream {
    let allow = gated.then(|| quote! { #[allow(unused_imports)] });
    let import = has_operations.then(|| quote! { #allow use crate::runtime::Operation; });
    quote! {
        //! Request types, one per operation: build the request with
        //! [`Operation::to_request`], decode the reply with [`Operation::parse_response`],
        //! or hand the value to the client's `execute`.
        #import
    }
}

/// The request types of some operations; the file is the head and these, in order.
pub fn emit(plans: &[OperationPlan], features: Option<&Features>) -> Vec<Gated> {
    plans
        .iter()
        .map(|plan| Gated {
            cfg: Features::operation_gate(features, plan.request.index),
            items: emit_operation(plan),
        })
        .collect()
}

// /// Create pfxUserCertificate
// ///
// /// `POST /pfxUserCertificates`
// #[derive(Clone, Debug, PartialEq)]
// pub struct CreatePfxUserCertificate { pub body: crate::models::PfxUserCertificate }
// impl CreatePfxUserCertificate { pub fn new(body: impl Into<..>) -> Self; setters }
// impl Operation for CreatePfxUserCertificate { to_request, parse_response }
fn emit_operation(plan: &OperationPlan) -> TokenStream {
    let name = &plan.request.type_name;
    let doc = docs::outer(Some(&plan.request.doc));
    // The query options are one field, where the first of them would be.
    let own_fields = || {
        plan.request.fields.iter().enumerate().filter(|(index, f)| {
            f.query_option.is_none() || plan.request.first_option() == Some(*index)
        })
    };
    let field_defs = own_fields().map(|(_, f)| {
        let (ident, ty, doc) = (&f.ident, &f.ty, &f.doc);
        match (&plan.request.query_property, f.query_option, f.required) {
            (Some(property), Some(_), _) => quote! {
                /// The OData query options, set by the methods of the `*Option` traits this type implements (in the crate's `prelude`).
                pub options: crate::query::QueryOptions<#property>,
            },
            (_, _, true) => quote! { #doc pub #ident: #ty, },
            (_, _, false) => quote! { #doc pub #ident: Option<#ty>, },
        }
    });
    let derive_default = plan
        .request
        .required_fields()
        .next()
        .is_none()
        .then(|| quote! { Default, });

    let args = plan
        .request
        .required_fields()
        .map(|f| f.ty.argument(&f.ident).0);
    let inits = own_fields().map(|(_, f)| {
        let ident = &f.ident;
        match (f.query_option, f.required) {
            (Some(_), _) => quote! { options: crate::query::QueryOptions::default(), },
            (None, true) => f.ty.field_init(ident),
            (None, false) => quote! { #ident: None, },
        }
    });
    let setters = plan
        .request
        .fields
        .iter()
        .filter(|f| !f.required && f.query_option.is_none())
        .map(setter);
    let query_options = emit_query_options(plan);

    let operation_impl = operation_impl(plan);
    let paged = &plan.paged;
    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#field_defs)*
        }

        impl #name {
            /// A request with the required parameters; set optional ones with the other methods.
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
            #(#setters)*
        }

        #operation_impl

        #query_options
        #paged
    }
}

/// `Operation` for a request type: how it becomes an `http::Request` and
/// how its answer is read.
fn operation_impl(plan: &OperationPlan) -> TokenStream {
    let name = &plan.request.type_name;
    let method = format_ident!("{}", plan.request.op.method.as_str());
    let steps = super::steps::request_steps(plan);
    let accept = plan.accept.as_ref().map(|media| quote! { .accept(#media) });
    // A redirect the operation documents is its answer, not followed.
    let keep_redirects = plan
        .request
        .op
        .responses
        .iter()
        .any(|r| r.status.is_interim_or_redirect())
        .then(|| quote! { .keep_redirects() });
    let (output, error, decode) = (&plan.output, &plan.error, &plan.decode);
    quote! {
        // `#[inline]`: compiled in the programs that send the request, not
        // in the SDK crate for every operation it has.
        impl Operation for #name {
            type Output = #output;
            type Error = #error;

            #[inline]
            fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, crate::runtime::BuildError> {
                crate::runtime::RequestBuilder::new(http::Method::#method, base_url)
                    #(#steps)*
                    #accept
                    #keep_redirects
                    .build()
            }

            #[inline]
            fn parse_response(response: http::Response<Vec<u8>>) -> Result<Self::Output, crate::runtime::Error<Self::Error>> {
                #decode
            }
        }
    }
}

// impl crate::query::HasQueryOptions for ListPfxUserCertificate {
//     type Property = crate::models::PfxUserCertificateProperty;
//     fn query_options_mut(&mut self) -> &mut crate::query::QueryOptions<Self::Property> { &mut self.options }
// }
// impl crate::query::TopOption for ListPfxUserCertificate {}  (one per option it takes)
fn emit_query_options(plan: &OperationPlan) -> TokenStream {
    let Some(property) = &plan.request.query_property else {
        return quote! {};
    };
    let name = &plan.request.type_name;
    let traits = plan
        .request
        .fields
        .iter()
        .filter_map(|f| f.query_option)
        .map(|option| format_ident!("{}", super::odata::trait_name(option)));
    quote! {
        impl crate::query::HasQueryOptions for #name {
            type Property = #property;

            fn query_options_mut(&mut self) -> &mut crate::query::QueryOptions<Self::Property> {
                &mut self.options
            }
        }

        #(impl crate::query::#traits for #name {})*
    }
}

fn setter(field: &Field) -> TokenStream {
    let (ident, ty, doc) = (&field.ident, &field.ty, &field.doc);
    match &field.list_item {
        // .select(["id", "thumbprint"])
        Some(item) => quote! {
            #doc
            pub fn #ident<I, V>(mut self, values: I) -> Self
            where
                I: IntoIterator<Item = V>,
                V: Into<#item>,
            {
                self.#ident = Some(values.into_iter().map(Into::into).collect());
                self
            }
        },
        None => {
            let (param, value) = ty.argument(&format_ident!("value"));
            quote! {
                #doc
                pub fn #ident(mut self, #param) -> Self {
                    self.#ident = Some(#value);
                    self
                }
            }
        }
    }
}
