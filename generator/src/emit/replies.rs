//! How a request type reads its reply: the result type of the success
//! responses, the error type, and `parse_response`, which is one
//! `runtime::reply` call for the usual shape (one success status, errors
//! 4XX/5XX) and a `match` on the status otherwise.

use proc_macro2::TokenStream;
use quote::quote;

use super::RustNames;
use super::fields::Encoding;
use super::rust_type::{Home, MODELS, RustType};
use super::shapes::{Adapter, Holder, as_text, contains_text_format, format_adapter, rust_type};
use crate::model::{Api, BinaryEncoding, Body, Operation, StatusMatch, TypeId, TypeRef};

/// How an operation's reply is read: its result and error types and the
/// body of `parse_response`.
pub(super) struct Reply {
    pub output: RustType,
    /// The `Wire` type that writes the result back as JSON, where the
    /// result is a whole body in a text format of its own (`[date, ...]`).
    pub output_wire: Option<TokenStream>,
    pub error: RustType,
    pub decode: TokenStream,
}

impl Reply {
    pub fn plan(names: &RustNames, op: &Operation) -> Self {
        let success: Vec<(StatusMatch, BodyKind)> = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .map(|r| (r.status, body_kind(r.body.as_ref())))
            .collect();
        let output_wire = match success.as_slice() {
            [(_, BodyKind::Json(ty))]
                if !op
                    .responses
                    .iter()
                    .any(|r| r.status.is_interim_or_redirect()) =>
            {
                match json_adapter(ty) {
                    Some(Ok(adapter)) => Some(quote! { #adapter::Wire }),
                    _ => None,
                }
            }
            _ => None,
        };
        let (output, arms) = output_and_arms(names, &success);
        let (output, arms) = with_other_answers(op, output, arms);
        let decode = usual_reply(names, op, &success).unwrap_or_else(|| {
            let error_arms = error_arms(op);
            quote! {
                match response.status().as_u16() {
                    #(#arms)*
                    #(#error_arms)*
                }
            }
        });

        let error = match error_type(op) {
            Some(ty) => rust_type(names, &ty, MODELS),
            None => RustType::json_value(),
        };
        Reply {
            output,
            output_wire,
            error,
            decode,
        }
    }
}

/// The one JSON type an operation's error answers are read as, if they
/// have one (else any JSON value).
fn error_type(op: &Operation) -> Option<TypeRef> {
    let mut types = op
        .responses
        .iter()
        .filter(|r| r.status.is_error())
        .filter_map(|r| match body_kind(r.body.as_ref()) {
            BodyKind::Json(ty) if ty != TypeRef::Any => Some(ty),
            _ => None,
        });
    let first = types.next()?;
    types.all(|t| t == first).then_some(first)
}

/// The model type every operation's errors are read as, when they share
/// one (Graph's `ODataError`): batches and uploads, which read errors as
/// any JSON, convert to it.
pub fn shared_error(api: &Api) -> Option<TypeId> {
    let mut ids = api.operations.iter().map(|op| match error_type(op) {
        Some(TypeRef::Named(id)) => Some(id),
        _ => None,
    });
    let first = ids.next()??;
    ids.all(|id| id == Some(first)).then_some(first)
}

/// How a response body is read.
#[derive(Clone, PartialEq)]
enum BodyKind {
    Json(TypeRef),
    Text,
    Bytes,
    Empty,
}

fn body_kind(body: Option<&Body>) -> BodyKind {
    match body {
        None => BodyKind::Empty,
        Some(body) => match Encoding::of(body) {
            Encoding::Json => BodyKind::Json(body.ty.clone().unwrap_or(TypeRef::Any)),
            Encoding::Bytes => BodyKind::Bytes,
            // Form fields are rarely an answer: their text.
            Encoding::Text | Encoding::Form | Encoding::Multipart => BodyKind::Text,
        },
    }
}

/// The `match` pattern of a status.
fn status_pattern(status: &StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(*code);
            quote! { #code }
        }
        StatusMatch::Range(class) => {
            let low = proc_macro2::Literal::u16_unsuffixed(*class as u16 * 100);
            let high = proc_macro2::Literal::u16_unsuffixed(*class as u16 * 100 + 99);
            quote! { #low..=#high }
        }
        // Only answers come here, and `default` is not one.
        StatusMatch::Default => quote! { _ },
    }
}

/// How a success arm gives its value: known without reading the body
/// (`()`, `None`), or read from it by an expression that gives a `Result`.
enum Read {
    Known(TokenStream),
    Decoded(TokenStream),
}

impl Read {
    /// The arm's `Result` of the value.
    fn result(&self) -> TokenStream {
        match self {
            Read::Known(value) => quote! { Ok(#value) },
            Read::Decoded(read) => read.clone(),
        }
    }

    /// The arm's `Result` of the value as an [`Answer`](crate::runtime::Answer).
    fn answer(&self) -> TokenStream {
        match self {
            Read::Known(value) => quote! { Ok(crate::runtime::Answer::Value(#value)) },
            Read::Decoded(read) => quote! { (#read).map(crate::runtime::Answer::Value) },
        }
    }
}

/// The operation's result type and the `match` arms that decode it.
fn output_and_arms(
    names: &RustNames,
    success: &[(StatusMatch, BodyKind)],
) -> (RustType, Vec<(TokenStream, Read)>) {
    let pattern = status_pattern;
    // Exact codes before ranges, as `match` takes the first arm that fits.
    let mut ordered: Vec<&(StatusMatch, BodyKind)> = success.iter().collect();
    ordered.sort_by_key(|(status, _)| matches!(status, StatusMatch::Range(_)));

    let with_body: Vec<&BodyKind> = ordered
        .iter()
        .map(|(_, k)| k)
        .filter(|k| **k != BodyKind::Empty)
        .collect();
    let has_empty = ordered.iter().any(|(_, k)| *k == BodyKind::Empty);
    let (value_type, read): (RustType, TokenStream) = match with_body.split_first() {
        None => {
            let arms = if ordered.is_empty() {
                // No success response described: any 2xx will do.
                vec![(quote! { 200..=299 }, Read::Known(quote! { () }))]
            } else {
                ordered
                    .iter()
                    .map(|(s, _)| (pattern(s), Read::Known(quote! { () })))
                    .collect()
            };
            return (RustType::Unit, arms);
        }
        Some((first, rest)) if rest.iter().all(|k| k == first) => match first {
            BodyKind::Json(ty) => json_read(names, ty),
            BodyKind::Bytes => (
                RustType::vec(RustType::plain("u8")),
                quote! { crate::runtime::bytes_body(response) },
            ),
            _ => (
                RustType::plain("String"),
                quote! { crate::runtime::text_body(response) },
            ),
        },
        // Success bodies of different shapes: the caller gets the JSON.
        Some(_) => (
            RustType::json_value(),
            quote! { crate::runtime::json_body(response) },
        ),
    };
    let arms = ordered
        .iter()
        .map(|(status, kind)| {
            let p = pattern(status);
            match (kind, has_empty) {
                (BodyKind::Empty, _) => (p, Read::Known(quote! { None })),
                (_, true) => (p, Read::Decoded(quote! { #read.map(Some) })),
                (_, false) => (p, Read::Decoded(read.clone())),
            }
        })
        .collect();
    let output = if has_empty {
        RustType::option(value_type)
    } else {
        value_type
    };
    (output, arms)
}

/// The adapter that reads a whole JSON body in a text format of its own
/// (`[date, ...]`), if it needs one; `Err` for shapes nested too deep.
fn json_adapter(ty: &TypeRef) -> Option<Result<Adapter, ()>> {
    if !contains_text_format(ty) {
        return None;
    }
    // The encoding of bytes does not change which shapes need an adapter.
    match format_adapter(ty, Holder::Plain, BinaryEncoding::Base64) {
        Ok(None) => None,
        Ok(Some(adapter)) => Some(Ok(adapter)),
        Err(()) => Some(Err(())),
    }
}

/// The Rust type of a JSON success body and the expression that reads it
/// from `response`: through its format's adapter where it has one, as text
/// where it is nested too deep for one.
fn json_read(names: &RustNames, ty: &TypeRef) -> (RustType, TokenStream) {
    if !contains_text_format(ty) {
        return (
            rust_type(names, ty, MODELS),
            quote! { crate::runtime::json_body(response) },
        );
    }
    match format_adapter(ty, Holder::Plain, names.binary_encoding) {
        Ok(Some(adapter)) => {
            let rust = rust_type(names, ty, MODELS);
            (
                rust.clone(),
                quote! { crate::runtime::json_body::<#adapter::Wire<#rust>, _>(response).map(|wire| wire.0) },
            )
        }
        Ok(None) => (
            rust_type(names, ty, MODELS),
            quote! { crate::runtime::json_body(response) },
        ),
        Err(()) => (
            rust_type(names, &as_text(ty), MODELS),
            quote! { crate::runtime::json_body(response) },
        ),
    }
}

/// Documented 1XX and 3XX answers are the operation's too: the result is
/// `Answer<T>`, a success's value or such an answer with its headers.
fn with_other_answers(
    op: &Operation,
    output: RustType,
    arms: Vec<(TokenStream, Read)>,
) -> (RustType, Vec<TokenStream>) {
    let others: Vec<StatusMatch> = op
        .responses
        .iter()
        .map(|r| r.status)
        .filter(|s| s.is_interim_or_redirect())
        .collect();
    if others.is_empty() {
        let arms = arms
            .into_iter()
            .map(|(pattern, read)| {
                let result = read.result();
                quote! { #pattern => #result, }
            })
            .collect();
        return (output, arms);
    }
    let mut all: Vec<TokenStream> = others
        .iter()
        .map(|status| {
            let p = status_pattern(status);
            quote! { #p => crate::runtime::Answer::of_status(response), }
        })
        .collect();
    all.extend(arms.into_iter().map(|(pattern, read)| {
        let answer = read.answer();
        quote! { #pattern => #answer, }
    }));
    let answer = RustType::generic(Home::Crate("runtime"), "Answer", vec![output]);
    (answer, all)
}

/// The status intervals the operation describes as errors, adjacent ones
/// merged (`4XX` and `5XX` are `400..=599`); `None` when every status that is
/// not a success is an error (`default`).
fn error_intervals(op: &Operation) -> Option<Vec<(u16, u16)>> {
    let errors: Vec<StatusMatch> = op
        .responses
        .iter()
        .map(|r| r.status)
        .filter(|s| s.is_error())
        .collect();
    if errors.contains(&StatusMatch::Default) {
        return None;
    }
    let mut intervals: Vec<(u16, u16)> = errors
        .iter()
        .map(|status| match status {
            StatusMatch::Code(code) => (*code, *code),
            StatusMatch::Range(class) => (*class as u16 * 100, *class as u16 * 100 + 99),
            StatusMatch::Default => (0, u16::MAX),
        })
        .collect();
    intervals.sort();
    let mut merged: Vec<(u16, u16)> = Vec::new();
    for (low, high) in intervals {
        match merged.last_mut() {
            Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
            _ => merged.push((low, high)),
        }
    }
    Some(merged)
}

/// Statuses the operation describes as errors decode its error type; any
/// other is unexpected.
fn error_arms(op: &Operation) -> Vec<TokenStream> {
    let Some(intervals) = error_intervals(op) else {
        return vec![quote! { _ => Err(crate::runtime::error_response(response)), }];
    };
    let patterns: Vec<TokenStream> = intervals
        .into_iter()
        .map(|(low, high)| {
            let (low_literal, high_literal) = (
                proc_macro2::Literal::u16_unsuffixed(low),
                proc_macro2::Literal::u16_unsuffixed(high),
            );
            if low == high {
                quote! { #low_literal }
            } else {
                quote! { #low_literal..=#high_literal }
            }
        })
        .collect();
    let described = (!patterns.is_empty())
        .then(|| quote! { #(#patterns)|* => Err(crate::runtime::error_response(response)), });
    vec![quote! { #described _ => Err(crate::runtime::unexpected_status(response)), }]
}

/// The body of `parse_response` for the usual reply, one success status and
/// 4XX/5XX errors: `crate::runtime::reply(response, 200, crate::runtime::json_body)`.
/// `None` for other replies, which get a `match` of their own.
fn usual_reply(
    names: &RustNames,
    op: &Operation,
    success: &[(StatusMatch, BodyKind)],
) -> Option<TokenStream> {
    let [(StatusMatch::Code(code), kind)] = success else {
        return None;
    };
    if op
        .responses
        .iter()
        .any(|r| r.status.is_interim_or_redirect())
    {
        return None;
    }
    if error_intervals(op)? != [(400, 599)] {
        return None;
    }
    let read = match kind {
        BodyKind::Json(ty) if json_adapter(ty).is_some() => {
            let (_, read) = json_read(names, ty);
            quote! { |response| #read }
        }
        BodyKind::Json(_) => quote! { crate::runtime::json_body },
        BodyKind::Text => quote! { crate::runtime::text_body },
        BodyKind::Bytes => quote! { crate::runtime::bytes_body },
        BodyKind::Empty => quote! { crate::runtime::no_body },
    };
    let code = proc_macro2::Literal::u16_unsuffixed(*code);
    Some(quote! { crate::runtime::reply(response, #code, #read) })
}
