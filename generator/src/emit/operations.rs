//! `src/operations.rs`: one request type per operation. Each holds the
//! operation's parameters and body, builds an `http::Request` without any
//! HTTP client (sans-IO), and decodes an `http::Response` into the typed
//! result or the typed error (how: `replies.rs`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::features::Features;
use super::odata::QueryOption;
use super::replies::Reply;
use super::types::{Holder, format_adapter, rust_type};
use super::{RustNames, docs};

use crate::model::{
    Api, ArgumentValue, Body, Method, Operation, Parameter, ParameterLocation, PathPart, Primitive,
    TypeRef,
};
use crate::names;

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
    list_item: Option<TokenStream>,
    /// The `Wire` type that reads the field's value from JSON text where
    /// it is in a format of its own (`crate::formats::rfc3339::Wire`).
    pub wire: Option<TokenStream>,
    pub source: FieldSource,
    /// An OData system query option: kept in the request's `options`.
    query_option: Option<QueryOption>,
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
    graph: bool,
}

impl<'a> OperationPlan<'a> {
    pub fn new(api: &'a Api, names: &RustNames, index: usize) -> Self {
        let op = &api.operations[index];
        let models = quote! { crate::models:: };
        let property_enum = super::odata::property_enum(api, names, op);
        let fields = fields(api, op, names, property_enum, &models);
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
    fn first_option(&self) -> Option<usize> {
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

fn fields(
    api: &Api,
    op: &Operation,
    names: &RustNames,
    property_enum: Option<&str>,
    models: &TokenStream,
) -> Vec<Field> {
    // The body first while naming, so that a parameter called `body` is the one renamed.
    let mut raw: Vec<(String, Field)> = Vec::new();
    if let Some(body) = &op.request_body {
        let encoding = Encoding::of(body);
        let subject =
            super::odata::update_subject(api, op).filter(|id| names.update_types.contains_key(id));
        let update_of = subject.map(|id| {
            let entity = format_ident!("{}", names.types[id.0]);
            quote! { #models #entity }
        });
        // A whole body in a text format of its own (`[date, ...]`) is
        // written through its adapter; nested deeper, as text.
        let adapter = match (&body.ty, encoding, &update_of) {
            (Some(ty), Encoding::Json, None) if super::types::contains_text_format(ty) => {
                format_adapter(ty, Holder::Plain, names.binary_encoding)
            }
            _ => Ok(None),
        };
        let wire = adapter.clone().ok().flatten().map(|adapter| {
            let adapter: TokenStream = adapter.parse().unwrap_or_default();
            quote! { #adapter::Wire }
        });
        let ty = match (&body.ty, subject) {
            // PATCH sends only what was set.
            (_, Some(id)) => {
                let update = format_ident!("{}", names.update_types[&id]);
                quote! { #models #update }
            }
            (_, None) if encoding == Encoding::Bytes => quote! { Vec<u8> },
            (_, None) if encoding == Encoding::Text => quote! { String },
            (Some(ty), None) if adapter.is_err() => {
                rust_type(names, &super::types::as_text(ty), models)
            }
            (Some(ty), None) => rust_type(names, ty, models),
            (None, None) => quote! { serde_json::Value },
        };
        raw.push((
            "body".to_string(),
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
            },
        ));
    }
    let if_match = op.if_match.then(|| Parameter {
        name: "If-Match".into(),
        location: ParameterLocation::Header,
        description: Some(match op.method {
            Method::Patch | Method::Put => {
                "ETag of the entity as read: the update fails with 412 if it has changed since"
                    .into()
            }
            _ => "ETag of the entity as read: the request fails with 412 if it has changed since"
                .into(),
        }),
        required: false,
        ty: TypeRef::Primitive(Primitive::String),
        explode: false,
        deep_object: false,
        option: None,
    });
    for parameter in op.parameters.iter().chain(&if_match) {
        // `$select` and `$orderby` take the entity's property names where it is known.
        let typed = super::odata::name_list_item(parameter, property_enum);
        let is_typed = typed.is_some();
        let list_item = match (&parameter.ty, typed) {
            (_, Some(item)) => Some(item),
            (TypeRef::Array(items), None) => Some(rust_type(names, items, models)),
            _ => None,
        };
        let ty = match &list_item {
            Some(item) => quote! { Vec<#item> },
            None => rust_type(names, &parameter.ty, models),
        };
        let wire = match (
            is_typed,
            format_adapter(&parameter.ty, Holder::Plain, names.binary_encoding),
        ) {
            (false, Ok(Some(adapter))) => {
                let adapter: TokenStream = adapter.parse().unwrap_or_default();
                Some(quote! { #adapter::Wire })
            }
            _ => None,
        };
        raw.push((
            parameter.name.clone(),
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
            },
        ));
    }
    // `new` is the constructor; setters are named after their fields. Query
    // options live in `options` and are set by the runtime's traits, so only
    // the other fields compete for names.
    let own: Vec<usize> = (0..raw.len())
        .filter(|&i| raw[i].1.query_option.is_none())
        .collect();
    // A setter (of an optional field) named like a method of a trait the
    // type implements (`clone`, `eq`, `top`) would hide it: it is `set_..`.
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
    let mut fields: Vec<Field> = raw
        .into_iter()
        .map(|(raw_name, mut field)| {
            let name = match field.query_option {
                Some(_) => names::snake(&raw_name),
                None => unique.next().unwrap_or_else(|| names::snake(&raw_name)),
            };
            field.ident = syn::parse_str(&name).unwrap_or_else(|_| format_ident!("{}", name));
            field
        })
        .collect();
    // Read in path order: parameters, then the body (`new(id, body)`).
    if op.request_body.is_some() {
        fields.rotate_left(1);
    }
    fields
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
    let steps = request_steps(plan);
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

/// The builder calls of the path, part by part:
/// `/items/{item-id}/parts` -> `.path("/items/").path_param(&self.item_id).path("/parts")`,
/// `/f(name='{name}',n={n})` -> `.path("/f(").argument("name", Some(&self.name), true)
/// .argument("n", self.n.as_ref(), false).path(")")` (an optional argument may be absent).
fn path_steps(plan: &OperationPlan) -> Vec<TokenStream> {
    let field_of = |name: &str, location: ParameterLocation| {
        plan.fields.iter().find(|f| {
            matches!(&f.source, FieldSource::Parameter { name: n, location: l, .. } if n == name && *l == location)
        })
    };
    let value_of = |field: &Field| {
        let ident = &field.ident;
        if field.required {
            quote! { Some(&self.#ident) }
        } else {
            quote! { self.#ident.as_ref() }
        }
    };
    let mut steps = Vec::new();
    // Literal text is gathered, so that each run of it is one `.path(..)`.
    let mut text = String::new();
    let flush = |text: &mut String, steps: &mut Vec<TokenStream>| {
        if !text.is_empty() {
            let literal = std::mem::take(text);
            steps.push(quote! { .path(#literal) });
        }
    };
    for part in &plan.op.path.parts {
        match part {
            PathPart::Literal(literal) => text.push_str(literal),
            PathPart::Parameter { name, quoted } => {
                let Some(field) = field_of(name, ParameterLocation::Path) else {
                    // Not a parameter of the operation: the text stays as written.
                    text.push_str(&format!("{{{name}}}"));
                    continue;
                };
                let ident = &field.ident;
                let structured = matches!(
                    field.source,
                    FieldSource::Parameter {
                        structured: true,
                        ..
                    }
                );
                if *quoted {
                    text.push('\'');
                    flush(&mut text, &mut steps);
                    steps.push(quote! { .quoted_path_param(&self.#ident) });
                    text.push('\'');
                } else if structured {
                    flush(&mut text, &mut steps);
                    steps.push(quote! { .path_param(&crate::runtime::Structured(&self.#ident)) });
                } else {
                    flush(&mut text, &mut steps);
                    steps.push(quote! { .path_param(&self.#ident) });
                }
            }
            PathPart::Argument {
                name,
                parameter,
                value,
            } => {
                flush(&mut text, &mut steps);
                match value {
                    ArgumentValue::Literal { quoted } => {
                        match field_of(parameter, ParameterLocation::Path) {
                            Some(field) => {
                                let value = value_of(field);
                                steps.push(quote! { .argument(#name, #value, #quoted) });
                            }
                            None => text.push_str(&format!("{name}={{{parameter}}}")),
                        }
                    }
                    ArgumentValue::Alias => {
                        let present = match field_of(parameter, ParameterLocation::Query) {
                            Some(field) if !field.required => {
                                let ident = &field.ident;
                                quote! { self.#ident.is_some() }
                            }
                            _ => quote! { true },
                        };
                        steps.push(quote! { .alias_argument(#name, #present) });
                    }
                }
            }
        }
    }
    flush(&mut text, &mut steps);
    for (name, value) in &plan.op.path.query {
        steps.push(quote! { .query(#name, &#value, false) });
    }
    steps
}

/// Whether the query parameter `name` is the value of a parameter alias in
/// the path (`f(ids=@ids)?@ids=[...]`), which is JSON.
fn is_alias(op: &Operation, name: &str) -> bool {
    op.path.parts.iter().any(|part| {
        matches!(part, PathPart::Argument { parameter, value: ArgumentValue::Alias, .. } if parameter == name)
    })
}

/// The builder calls after `RequestBuilder::new`: path pieces, query, headers, body.
fn request_steps(plan: &OperationPlan) -> Vec<TokenStream> {
    let mut steps = Vec::new();
    steps.extend(path_steps(plan));
    // Graph needs `ConsistencyLevel: eventual` for `$count` and `$search`.
    // (The runtime sends it for the options in `QueryOptions`.)
    let field_of = |wanted: &str| {
        plan.fields.iter().filter(|f| f.query_option.is_none()).find(|f| matches!(&f.source, FieldSource::Parameter { name, location: ParameterLocation::Query, .. } if name == wanted))
    };
    let (count, search) = super::odata::eventual_consistency_options(plan.graph, plan.op);
    let mut conditions = Vec::new();
    if let Some(count) = count.and_then(field_of) {
        let ident = &count.ident;
        conditions.push(quote! { self.#ident == Some(true) });
    }
    if let Some(search) = search.and_then(field_of) {
        let ident = &search.ident;
        conditions.push(quote! { self.#ident.is_some() });
    }
    if !conditions.is_empty() {
        steps.push(quote! { .header_when(#(#conditions)||*, "ConsistencyLevel", "eventual") });
    }
    for (index, field) in plan.fields.iter().enumerate() {
        let ident = &field.ident;
        if field.query_option.is_some() {
            if plan.first_option() == Some(index) {
                steps.push(if plan.graph {
                    quote! { .graph_query_options(&self.options) }
                } else {
                    quote! { .query_options(&self.options) }
                });
            }
            continue;
        }
        match &field.source {
            // OData's parameter aliases (`f(ids=@ids)?@ids=[...]`) carry JSON.
            FieldSource::Parameter {
                name,
                location: ParameterLocation::Query,
                ..
            } if is_alias(plan.op, name) => {
                let value = if field.required {
                    quote! { Some(&self.#ident) }
                } else {
                    quote! { self.#ident.as_ref() }
                };
                steps.push(quote! { .query_json(#name, #value) });
            }
            FieldSource::Parameter {
                name,
                location: ParameterLocation::Query,
                explode,
                structured: true,
                deep_object,
            } => {
                let value = if field.required {
                    quote! { Some(&self.#ident) }
                } else {
                    quote! { self.#ident.as_ref() }
                };
                steps.push(if *deep_object {
                    quote! { .query_deep(#name, #value) }
                } else {
                    quote! { .query_object(#name, #value, #explode) }
                });
            }
            FieldSource::Parameter {
                name,
                location: ParameterLocation::Query,
                explode,
                ..
            } => {
                steps.push(quote! { .query(#name, &self.#ident, #explode) });
            }
            FieldSource::Parameter {
                name,
                location: ParameterLocation::Header,
                structured: true,
                ..
            } => {
                steps.push(quote! { .header(#name, &crate::runtime::Structured(&self.#ident)) });
            }
            FieldSource::Parameter {
                name,
                location: ParameterLocation::Header,
                ..
            } => {
                steps.push(quote! { .header(#name, &self.#ident) });
            }
            FieldSource::Parameter {
                name,
                location: ParameterLocation::Cookie,
                structured,
                ..
            } => {
                steps.push(if *structured {
                    quote! { .cookie(#name, &crate::runtime::Structured(&self.#ident)) }
                } else {
                    quote! { .cookie(#name, &self.#ident) }
                });
            }
            FieldSource::Parameter {
                location: ParameterLocation::Path,
                ..
            } => {}
            FieldSource::Body {
                media_type,
                encoding,
                ..
            } => {
                let value = match (&field.wire, field.required) {
                    (Some(wire), true) => quote! { Some(&#wire(&self.#ident)) },
                    (Some(wire), false) => quote! { self.#ident.as_ref().map(#wire).as_ref() },
                    (None, true) => quote! { Some(&self.#ident) },
                    (None, false) => quote! { self.#ident.as_ref() },
                };
                steps.push(match encoding {
                    Encoding::Text => quote! { .text_body(#value, #media_type) },
                    Encoding::Bytes => quote! { .bytes_body(#value, #media_type) },
                    Encoding::Json => quote! { .json_body(#value, #media_type) },
                    Encoding::Form => quote! { .form_body(#value, #media_type) },
                    Encoding::Multipart => quote! { .multipart_body(#value) },
                });
            }
        }
    }
    steps
}

/// Whether a parameter's value is an object, a map or a list of them: the
/// runtime's `ParamValue` has no text for those, serde has.
fn is_structured(api: &crate::model::Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Map(_) => true,
        TypeRef::Array(items) | TypeRef::Nullable(items) => is_structured(api, items),
        TypeRef::Named(id) => !matches!(api.type_def(*id).kind, crate::model::TypeKind::Enum(_)),
        TypeRef::Primitive(_) | TypeRef::Any => false,
    }
}
