//! `src/operations.rs`: one request type per operation. Each holds the
//! operation's parameters and body, builds an `http::Request` without any
//! HTTP client (sans-IO), and decodes an `http::Response` into the typed
//! result or the typed error (how: `replies.rs`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::features::Features;
use super::odata::QueryOption;
use super::replies::Reply;
use super::{RustNames, docs};

use crate::model::{Api, Body, Operation, ParameterLocation, Primitive, TypeRef};

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
pub fn emit(plans: &[OperationPlan], features: Option<&Features>) -> TokenStream {
    let items = plans
        .iter()
        .map(|plan| Features::gate_operation(features, plan.index, emit_operation(plan)));
    quote! { #(#items)* }
}

/// How a body travels: JSON, text, raw bytes (`format: binary`,
/// Edm.Stream), or an object as form fields (urlencoded or multipart).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Json,
    Text,
    Bytes,
    Form,
    Multipart,
}

impl Encoding {
    pub(super) fn of(body: &Body) -> Self {
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
pub(super) struct Field {
    pub ident: Ident,
    pub ty: TokenStream,
    pub doc: TokenStream,
    pub required: bool,
    /// The item type when the field is a list, for the setter.
    pub list_item: Option<TokenStream>,
    /// The `Wire` type that reads the field's value from JSON text where
    /// it is in a format of its own (`crate::formats::rfc3339::Wire`).
    pub wire: Option<TokenStream>,
    pub source: FieldSource,
    /// An OData system query option: kept in the request's `options`.
    pub query_option: Option<QueryOption>,
}

pub(super) enum FieldSource {
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
        update_of: Option<TokenStream>,
    },
}

/// Everything the emitters need to know about one operation, worked out once.
pub(super) struct OperationPlan<'a> {
    /// The operation's index in the model.
    pub index: usize,
    pub op: &'a Operation,
    pub type_name: Ident,
    pub fn_name: Ident,
    pub fields: Vec<Field>,
    pub output: TokenStream,
    /// How the result is written back as JSON where it needs an adapter.
    pub output_wire: Option<TokenStream>,
    pub error: TokenStream,
    /// Doc text: summary, description and the HTTP line.
    pub doc: String,
    /// The property names of the `QueryOptions`, when there are query options.
    query_property: Option<TokenStream>,
    /// The body of `parse_response`.
    decode: TokenStream,
    paged: TokenStream,
    accept: Option<String>,
    /// Graph wants `ConsistencyLevel: eventual` with `$count` and `$search`.
    pub graph: bool,
}

impl<'a> OperationPlan<'a> {
    pub fn new(api: &'a Api, names: &RustNames, index: usize) -> Self {
        let op = &api.operations[index];
        let models = quote! { crate::models:: };
        let property_enum = super::odata::property_enum(api, names, op);
        let fields = super::fields::fields(api, op, names, property_enum, &models);
        let query_property = property_enum
            .filter(|_| fields.iter().any(|f| f.query_option.is_some()))
            .map(|property_enum| {
                let property_enum = format_ident!("{}", property_enum);
                quote! { #models #property_enum }
            });

        let Reply {
            output,
            output_wire,
            error,
            decode,
        } = Reply::plan(names, op, &models);

        // Ask for what a success sends; failing that, what an error sends.
        let accept = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .chain(op.responses.iter().filter(|r| !r.status.is_success()))
            .find_map(|r| r.body.as_ref().map(|b| b.media_type.clone()));

        let http_line = format!("`{} {}`", op.method.as_str(), op.path);
        let type_name = format_ident!("{}", names.operation_types[index]);
        let paged = super::odata::emit_paged(api, names, op, &type_name);
        OperationPlan {
            index,
            decode,
            paged,
            op,
            type_name,
            fn_name: syn::parse_str(&names.operation_fns[index])
                .unwrap_or_else(|_| format_ident!("{}", names.operation_fns[index])),
            fields,
            query_property,
            output,
            output_wire,
            error,
            doc: docs::paragraphs([
                op.summary.as_deref(),
                op.description.as_deref(),
                Some(&http_line),
            ]),
            accept,
            graph: api.dialect == crate::model::Dialect::Graph,
        }
    }

    pub fn required_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.required)
    }

    /// The index of the first field that is a query option, when the request has options.
    pub fn first_option(&self) -> Option<usize> {
        self.query_property.as_ref()?;
        self.fields.iter().position(|f| f.query_option.is_some())
    }
}

impl Field {
    /// An OData system query option, held in the request's `options`.
    pub fn is_query_option(&self) -> bool {
        self.query_option.is_some()
    }
}

// /// Create pfxUserCertificate
// ///
// /// `POST /pfxUserCertificates`
// #[derive(Clone, Debug, PartialEq)]
// pub struct CreatePfxUserCertificate { pub body: crate::models::PfxUserCertificate }
// impl CreatePfxUserCertificate { pub fn new(body: impl Into<..>) -> Self; setters }
// impl Operation for CreatePfxUserCertificate { to_request, parse_response }
fn emit_operation(plan: &OperationPlan) -> TokenStream {
    let name = &plan.type_name;
    let doc = docs::outer(Some(&plan.doc));
    // The query options are one field, where the first of them would be.
    let own_fields = || {
        plan.fields
            .iter()
            .enumerate()
            .filter(|(index, f)| f.query_option.is_none() || plan.first_option() == Some(*index))
    };
    let field_defs = own_fields().map(|(_, f)| {
        let (ident, ty, doc) = (&f.ident, &f.ty, &f.doc);
        match (&plan.query_property, f.query_option, f.required) {
            (Some(property), Some(_), _) => quote! {
                /// The OData query options, set by the methods of the `*Option` traits this type implements (in the crate's `prelude`).
                pub options: crate::query::QueryOptions<#property>,
            },
            (_, _, true) => quote! { #doc pub #ident: #ty, },
            (_, _, false) => quote! { #doc pub #ident: Option<#ty>, },
        }
    });
    let derive_default = plan
        .required_fields()
        .next()
        .is_none()
        .then(|| quote! { Default, });

    let args = plan.required_fields().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        quote! { #ident: impl Into<#ty> }
    });
    let inits = own_fields().map(|(_, f)| {
        let ident = &f.ident;
        match (f.query_option, f.required) {
            (Some(_), _) => quote! { options: crate::query::QueryOptions::default(), },
            (None, true) => quote! { #ident: #ident.into(), },
            (None, false) => quote! { #ident: None, },
        }
    });
    let setters = plan
        .fields
        .iter()
        .filter(|f| !f.required && f.query_option.is_none())
        .map(setter);
    let query_options = emit_query_options(plan);

    let method = format_ident!("{}", plan.op.method.as_str());
    let steps = super::steps::request_steps(plan);
    let accept = plan.accept.as_ref().map(|media| quote! { .accept(#media) });
    // A redirect the operation documents is its answer, not followed.
    let keep_redirects = plan
        .op
        .responses
        .iter()
        .any(|r| r.status.is_interim_or_redirect())
        .then(|| quote! { .keep_redirects() });
    let (output, error, decode, paged) = (&plan.output, &plan.error, &plan.decode, &plan.paged);
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

        #query_options
        #paged
    }
}

// impl crate::query::HasQueryOptions for ListPfxUserCertificate {
//     type Property = crate::models::PfxUserCertificateProperty;
//     fn query_options_mut(&mut self) -> &mut crate::query::QueryOptions<Self::Property> { &mut self.options }
// }
// impl crate::query::TopOption for ListPfxUserCertificate {}  (one per option it takes)
fn emit_query_options(plan: &OperationPlan) -> TokenStream {
    let Some(property) = &plan.query_property else {
        return quote! {};
    };
    let name = &plan.type_name;
    let traits = plan
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
        None => quote! {
            #doc
            pub fn #ident(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        },
    }
}
