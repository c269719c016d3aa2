//! The conformance exerciser of an SDK (not part of the SDK): a function
//! per operation that builds its request type from JSON inputs (the values a
//! schema sampler made from the description), and a table of them by the
//! operation's key. `cargo xtask conform` compiles it into a program that
//! sits beside the SDK crate, whose root re-exports the SDK's modules so
//! that the paths the plan names (`crate::models::..`) hold there too; the
//! program's `support` module has `Inputs` and `Call`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::RustNames;
use super::fields::{Encoding, Field, FieldSource};
use super::plan::OperationPlan;
use crate::model::{Api, ParameterLocation};

/// The exerciser's source for `api`, formatted.
pub fn emit(api: &Api) -> Result<String, String> {
    let names = RustNames::assign(api);
    let plans: Vec<OperationPlan> = (0..api.operations.len())
        .map(|index| OperationPlan::new(api, &names, index))
        .collect();
    let entries = plans.iter().map(|plan| {
        let key = operation_key(plan);
        let function = exercise_fn(plan);
        quote! { (#key, #function), }
    });
    let functions = plans.iter().map(emit_function);
    let tokens = quote! {
        //! Every operation of the SDK built from JSON inputs (sdkgen's
        //! conformance exerciser, for `cargo xtask conform`).

        use crate::support::{Call, Inputs};

        /// Each operation by its key: its `operationId`, or its method and path.
        pub const OPERATIONS: &[(&str, fn(&Inputs) -> Result<Box<dyn Call>, String>)] = &[
            #(#entries)*
        ];

        #(#functions)*
    };
    super::text::format(tokens)
}

/// How the inputs name an operation: its `operationId`, or `GET /path`.
fn operation_key(plan: &OperationPlan) -> String {
    plan.request.op.id.clone().unwrap_or_else(|| {
        format!(
            "{} {}",
            plan.request.op.method.as_str(),
            plan.request.op.path
        )
    })
}

fn exercise_fn(plan: &OperationPlan) -> proc_macro2::Ident {
    format_ident!("exercise_{}", plan.request.index)
}

// fn exercise_3(inputs: &Inputs) -> Result<Box<dyn Call>, String> {
//     let mut op = crate::operations::GetThing::new(inputs.required::<String>("path", "id")?);
//     op.session = inputs.optional::<String>("cookie", "session")?;
//     Ok(Box::new(op))
// }
fn emit_function(plan: &OperationPlan) -> TokenStream {
    let name = exercise_fn(plan);
    let type_name = &plan.request.type_name;
    let arguments = plan
        .request
        .required_fields()
        .map(|field| read(field, true));
    let optional = plan
        .request
        .fields
        .iter()
        .filter(|field| !field.required && !field.is_query_option())
        .map(|field| {
            let ident = &field.ident;
            let value = read(field, false);
            quote! { op.#ident = #value; }
        });
    let mutable = plan
        .request
        .fields
        .iter()
        .any(|field| !field.required && !field.is_query_option())
        .then(|| quote! { mut });
    // A result in a text format of its own is written back through it.
    let call = match &plan.output_wire {
        Some(wire) => {
            quote! { crate::support::Written::new(op, |output| serde_json::to_value(#wire(output))) }
        }
        None => quote! { op },
    };
    // An operation that reads no input leaves the parameter unused.
    let reads = plan
        .request
        .fields
        .iter()
        .any(|field| field.required || !field.is_query_option());
    let inputs = if reads {
        format_ident!("inputs")
    } else {
        format_ident!("_inputs")
    };
    quote! {
        fn #name(#inputs: &Inputs) -> Result<Box<dyn Call>, String> {
            let #mutable op = crate::operations::#type_name::new(#(#arguments),*);
            #(#optional)*
            Ok(Box::new(#call))
        }
    }
}

/// The expression that reads a field's value from the inputs: the value
/// itself when required, an `Option` of it when not.
fn read(field: &Field, required: bool) -> TokenStream {
    let ty = &field.ty;
    let (method, location, name) = match &field.source {
        FieldSource::Body {
            update_of: Some(entity),
            ..
        } => {
            // An update type is written only: it is made from the entity.
            return if required {
                quote! { <#ty>::from(inputs.body::<#entity>("body", "")?) }
            } else {
                quote! { inputs.optional_body::<#entity>("body", "")?.map(<#ty>::from) }
            };
        }
        FieldSource::Body { encoding, .. } => {
            let method = match encoding {
                Encoding::Json | Encoding::Form | Encoding::Multipart => "body",
                Encoding::Text => "text_body",
                Encoding::Bytes => "bytes_body",
            };
            (method, "body", String::new())
        }
        FieldSource::Parameter { name, location, .. } => {
            let location = match location {
                ParameterLocation::Path => "path",
                ParameterLocation::Query => "query",
                ParameterLocation::Header => "header",
                ParameterLocation::Cookie => "cookie",
            };
            ("parameter", location, name.clone())
        }
    };
    let method = format_ident!("{}{}", if required { "" } else { "optional_" }, method);
    match &field.wire {
        Some(wire) if required => {
            quote! { inputs.#method::<#wire<#ty>>(#location, #name)?.0 }
        }
        Some(wire) => {
            quote! { inputs.#method::<#wire<#ty>>(#location, #name)?.map(|value| value.0) }
        }
        None => quote! { inputs.#method::<#ty>(#location, #name)? },
    }
}
