//! The plan of one operation: its request type's name and fields, the
//! client method, what it answers and how it decodes, worked out once and
//! read by every emitter of operations (request types, client methods,
//! the exerciser, the API summary).

use proc_macro2::{Ident, TokenStream};
use quote::format_ident;

use super::fields::Field;
use super::replies::Reply;
use super::rust_type::{MODELS, RustType};
use super::{RustNames, docs};
use crate::model::{Api, Operation};

/// The request type of an operation and its client method: names, fields
/// and doc. What a client method needs, and the start of every plan (a split
/// SDK's method traits are made from these alone).
pub struct RequestPlan<'a> {
    /// The operation's index in the model.
    pub index: usize,
    pub op: &'a Operation,
    pub type_name: Ident,
    pub fn_name: Ident,
    /// The client method's name as the API summary writes it (no `r#`).
    pub fn_text: String,
    pub fields: Vec<Field>,
    /// Doc text: summary, description and the HTTP line.
    pub doc: String,
    /// The property names of the `QueryOptions`, when there are query options.
    pub query_property: Option<RustType>,
}

impl<'a> RequestPlan<'a> {
    pub fn new(api: &'a Api, names: &RustNames, index: usize) -> Self {
        let op = &api.operations[index];
        let property_enum = super::odata::property_enum(names, index);
        let fields = super::fields::fields(api, op, names, property_enum);
        let query_property = property_enum
            .filter(|_| fields.iter().any(|f| f.query_option.is_some()))
            .map(|property_enum| RustType::named(MODELS, property_enum));
        let http_line = format!("`{} {}`", op.method.as_str(), op.path);
        RequestPlan {
            index,
            op,
            type_name: format_ident!("{}", names.operation_types[index]),
            fn_name: syn::parse_str(&names.operation_fns[index])
                .unwrap_or_else(|_| format_ident!("{}", names.operation_fns[index])),
            fn_text: names.operation_fns[index]
                .trim_start_matches("r#")
                .to_string(),
            fields,
            doc: docs::paragraphs([
                op.summary.as_deref(),
                op.description.as_deref(),
                Some(&http_line),
            ]),
            query_property,
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

/// Everything the emitters need to know about one operation, worked out once.
pub struct OperationPlan<'a> {
    pub request: RequestPlan<'a>,
    pub output: RustType,
    /// How the result is written back as JSON where it needs an adapter.
    pub output_wire: Option<TokenStream>,
    pub error: RustType,
    /// The body of `parse_response`.
    pub decode: TokenStream,
    pub paged: TokenStream,
    pub accept: Option<String>,
}

impl<'a> OperationPlan<'a> {
    pub fn new(api: &'a Api, names: &RustNames, index: usize) -> Self {
        let request = RequestPlan::new(api, names, index);
        let op = request.op;
        let Reply {
            output,
            output_wire,
            error,
            decode,
        } = Reply::plan(names, op);
        // Ask for what a success sends; failing that, what an error sends.
        let accept = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .chain(op.responses.iter().filter(|r| !r.status.is_success()))
            .find_map(|r| r.body.as_ref().map(|b| b.media_type.clone()));
        let paged = super::odata::emit_paged(api, names, op, &request.type_name);
        OperationPlan {
            request,
            output,
            output_wire,
            error,
            decode,
            paged,
            accept,
        }
    }
}
