//! The builder calls of a request type's `to_request`: path pieces (literal
//! text, parameters, OData function arguments), query options and
//! parameters, headers, cookies and the body, from the operation's plan.

use proc_macro2::TokenStream;
use quote::quote;

use super::fields::{Encoding, Field, FieldSource};
use super::plan::OperationPlan;
use crate::model::{
    ArgumentValue, Condition, ConditionalHeader, Operation, ParameterLocation, PathPart,
};

/// The builder calls of the path, part by part:
/// `/items/{item-id}/parts` -> `.path("/items/").path_param(&self.item_id).path("/parts")`,
/// `/f(name='{name}',n={n})` -> `.path("/f(").argument("name", Some(&self.name), true)
/// .argument("n", self.n.as_ref(), false).path(")")` (an optional argument may be absent).
fn path_steps(plan: &OperationPlan) -> Vec<TokenStream> {
    let mut calls = PathCalls::default();
    for part in &plan.request.op.path.parts {
        match part {
            PathPart::Literal(literal) => calls.text.push_str(literal),
            PathPart::Parameter { name, quoted } => parameter_step(plan, &mut calls, name, *quoted),
            PathPart::Argument {
                name,
                parameter,
                value,
            } => argument_step(plan, &mut calls, name, parameter, value),
        }
    }
    let mut steps = calls.finish();
    for (name, value) in &plan.request.op.path.query {
        steps.push(quote! { .query(#name, &#value, false) });
    }
    steps
}

/// The builder calls of a path so far, and the literal text after them,
/// gathered so that each run of it is one `.path(..)`.
#[derive(Default)]
struct PathCalls {
    steps: Vec<TokenStream>,
    text: String,
}

impl PathCalls {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let literal = std::mem::take(&mut self.text);
            self.steps.push(quote! { .path(#literal) });
        }
    }

    /// A call after the text so far.
    fn call(&mut self, call: TokenStream) {
        self.flush();
        self.steps.push(call);
    }

    fn finish(mut self) -> Vec<TokenStream> {
        self.flush();
        self.steps
    }
}

/// The request type's field of the parameter `name` in `location`.
fn field_of<'p>(
    plan: &'p OperationPlan,
    name: &str,
    location: ParameterLocation,
) -> Option<&'p Field> {
    plan.request.fields.iter().find(|f| {
        matches!(&f.source, FieldSource::Parameter { name: n, location: l, .. } if n == name && *l == location)
    })
}

/// A path parameter: quoted (an OData key of text), as JSON (an object),
/// or as its text.
fn parameter_step(plan: &OperationPlan, calls: &mut PathCalls, name: &str, quoted: bool) {
    let Some(field) = field_of(plan, name, ParameterLocation::Path) else {
        // Not a parameter of the operation: the text stays as written.
        calls.text.push_str(&format!("{{{name}}}"));
        return;
    };
    let ident = &field.ident;
    let structured = matches!(
        field.source,
        FieldSource::Parameter {
            structured: true,
            ..
        }
    );
    if quoted {
        calls.text.push('\'');
        calls.call(quote! { .quoted_path_param(&self.#ident) });
        calls.text.push('\'');
    } else if structured {
        calls.call(quote! { .path_param(&crate::runtime::Structured(&self.#ident)) });
    } else {
        calls.call(quote! { .path_param(&self.#ident) });
    }
}

/// An argument of an OData function in the path: a literal (an optional
/// one may be absent) or a parameter alias whose value is in the query.
fn argument_step(
    plan: &OperationPlan,
    calls: &mut PathCalls,
    name: &str,
    parameter: &str,
    value: &ArgumentValue,
) {
    calls.flush();
    match value {
        ArgumentValue::Literal { quoted } => {
            match field_of(plan, parameter, ParameterLocation::Path) {
                Some(field) => {
                    let ident = &field.ident;
                    let value = if field.required {
                        quote! { Some(&self.#ident) }
                    } else {
                        quote! { self.#ident.as_ref() }
                    };
                    calls.call(quote! { .argument(#name, #value, #quoted) });
                }
                None => calls.text.push_str(&format!("{name}={{{parameter}}}")),
            }
        }
        ArgumentValue::Alias => {
            let present = match field_of(plan, parameter, ParameterLocation::Query) {
                Some(field) if !field.required => {
                    let ident = &field.ident;
                    quote! { self.#ident.is_some() }
                }
                _ => quote! { true },
            };
            calls.call(quote! { .alias_argument(#name, #present) });
        }
    }
}

/// Whether the query parameter `name` is the value of a parameter alias in
/// the path (`f(ids=@ids)?@ids=[...]`), which is JSON.
fn is_alias(op: &Operation, name: &str) -> bool {
    op.path.parts.iter().any(|part| {
        matches!(part, PathPart::Argument { parameter, value: ArgumentValue::Alias, .. } if parameter == name)
    })
}

/// The builder calls after `RequestBuilder::new`: path pieces, query, headers, body.
pub(super) fn request_steps(plan: &OperationPlan) -> Vec<TokenStream> {
    let mut steps = Vec::new();
    steps.extend(path_steps(plan));
    for header in &plan.request.op.conditional_headers {
        steps.extend(conditional_header_step(plan, header));
    }
    for (index, field) in plan.request.fields.iter().enumerate() {
        if field.is_query_option() {
            if plan.request.first_option() == Some(index) {
                steps.push(quote! { .query_options(&self.options) });
            }
            continue;
        }
        steps.extend(field_step(plan, field));
    }
    steps
}

/// The builder call of a field that is not a query option: a query
/// parameter, header, cookie or the body (a path parameter has its place in
/// the path).
fn field_step(plan: &OperationPlan, field: &Field) -> Option<TokenStream> {
    let ident = &field.ident;
    // The field's value as an `Option<&T>`.
    let optional = || {
        if field.required {
            quote! { Some(&self.#ident) }
        } else {
            quote! { self.#ident.as_ref() }
        }
    };
    match &field.source {
        // OData's parameter aliases (`f(ids=@ids)?@ids=[...]`) carry JSON.
        FieldSource::Parameter {
            name,
            location: ParameterLocation::Query,
            ..
        } if is_alias(plan.request.op, name) => {
            let value = optional();
            Some(quote! { .query_json(#name, #value) })
        }
        FieldSource::Parameter {
            name,
            location: ParameterLocation::Query,
            explode,
            structured,
            deep_object,
        } => {
            let value = optional();
            Some(match (structured, deep_object) {
                (true, true) => quote! { .query_deep(#name, #value) },
                (true, false) => quote! { .query_object(#name, #value, #explode) },
                (false, _) => quote! { .query(#name, &self.#ident, #explode) },
            })
        }
        FieldSource::Parameter {
            name,
            location: location @ (ParameterLocation::Header | ParameterLocation::Cookie),
            structured,
            ..
        } => {
            let value = match structured {
                true => quote! { &crate::runtime::Structured(&self.#ident) },
                false => quote! { &self.#ident },
            };
            Some(match location {
                ParameterLocation::Cookie => quote! { .cookie(#name, #value) },
                _ => quote! { .header(#name, #value) },
            })
        }
        FieldSource::Parameter {
            location: ParameterLocation::Path,
            ..
        } => None,
        FieldSource::Body {
            media_type,
            encoding,
            ..
        } => Some(body_step(field, media_type, *encoding)),
    }
}

/// `.header_when(conditions, name, value)`: a header sent when any of its
/// conditions holds (a parameter that is a query option is in `options`).
fn conditional_header_step(
    plan: &OperationPlan,
    header: &ConditionalHeader,
) -> Option<TokenStream> {
    let conditions: Vec<TokenStream> = header
        .when
        .iter()
        .filter_map(|condition| {
            let (Condition::IsTrue(name) | Condition::IsSet(name)) = condition;
            let field = field_of(plan, name, ParameterLocation::Query)?;
            let value = match field.query_option {
                Some(option) => {
                    let option = super::odata::options_field(option);
                    quote! { self.options.#option }
                }
                None => {
                    let ident = &field.ident;
                    quote! { self.#ident }
                }
            };
            let optional = field.query_option.is_some() || !field.required;
            Some(match (condition, optional) {
                (Condition::IsTrue(_), true) => quote! { #value == Some(true) },
                (Condition::IsTrue(_), false) => value,
                (Condition::IsSet(_), true) => quote! { #value.is_some() },
                (Condition::IsSet(_), false) => quote! { true },
            })
        })
        .collect();
    let (name, value) = (&header.name, &header.value);
    (!conditions.is_empty()).then(|| quote! { .header_when(#(#conditions)||*, #name, #value) })
}

/// The body's builder call, in its encoding.
fn body_step(field: &Field, media_type: &str, encoding: Encoding) -> TokenStream {
    let ident = &field.ident;
    let value = match (&field.wire, field.required) {
        (Some(wire), true) => quote! { Some(&#wire(&self.#ident)) },
        (Some(wire), false) => quote! { self.#ident.as_ref().map(#wire).as_ref() },
        (None, true) => quote! { Some(&self.#ident) },
        (None, false) => quote! { self.#ident.as_ref() },
    };
    match encoding {
        Encoding::Text => quote! { .text_body(#value, #media_type) },
        Encoding::Bytes => quote! { .bytes_body(#value, #media_type) },
        Encoding::Json => quote! { .json_body(#value, #media_type) },
        Encoding::Form => quote! { .form_body(#value, #media_type) },
        Encoding::Multipart => quote! { .multipart_body(#value) },
    }
}
