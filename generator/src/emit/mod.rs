//! Rust emitters: [`Api`] -> the files of a crate.
//!
//! 1. `RustNames::assign` gives every type and operation its Rust name once
//!    (and the names of the property enums and update types), so that every
//!    file agrees and collisions are settled in one place;
//! 2. `types.rs` (with `updates.rs` and the OData conventions of `odata.rs`),
//!    `operations.rs` and `client.rs` build token streams, gated by
//!    `features.rs` when the crate has path features;
//! 3. `format` checks each stream parses as a Rust file (syn) and prints it
//!    (prettyplease) under a "generated, do not edit" header; the files are
//!    made on parallel threads;
//! 4. `summary.rs` writes the crate's API in brief (`api.json`) for the
//!    change report of the next generation.
//!
//! Nothing here knows which format the [`Api`] came from.

mod cargo_toml;
mod client;
mod cycles;
mod docs;
mod enums;
mod features;
mod odata;
mod operations;
pub mod summary;
mod types;
mod updates;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, TypeId, TypeKind};
use crate::names;

/// The runtime every emitted crate carries: request building, response
/// decoding, errors and the HTTP client. It is compiled and tested as part of
/// the `generated/` crate.
const RUNTIME: &str = include_str!("../../runtime/runtime.rs");

/// Wire formats (timestamps, dates, bytes, flag sets) the models use; shipped
/// like the runtime.
const FORMATS: &str = include_str!("../../runtime/formats.rs");

/// The HTTP client (the `client` feature); shipped like the runtime.
const TRANSPORT: &str = include_str!("../../runtime/transport.rs");

/// What the emitted crate is called and where its description came from.
#[derive(Clone, Debug, Default)]
pub struct CrateOptions {
    /// Package name for `Cargo.toml`, e.g. `msgraph-beta-pfx`.
    pub package_name: String,
    /// The spec path to name in headers, relative and with `/` separators so
    /// that output does not depend on the machine.
    pub source: String,
    /// A cargo feature per top-level path group (`users`, `device_management`):
    /// each gates its operations and the types only it needs (`features.rs`).
    pub path_features: bool,
}

/// The files of an emitted crate, by path relative to the crate root.
pub type CrateFiles = BTreeMap<String, String>;

/// Rust names for everything in an [`Api`], by index.
pub(crate) struct RustNames {
    /// Per type: the type's name.
    pub types: Vec<String>,
    /// Per operation: the `PascalCase` request type and `snake_case` method.
    pub operation_types: Vec<String>,
    pub operation_fns: Vec<String>,
    /// Per type: a flags enum, whose values are spelled `Flags<Type>`.
    pub flag_sets: Vec<bool>,
    /// Property-name enums (`PfxUserCertificateProperty`) of the types that have one.
    pub property_enums: BTreeMap<TypeId, String>,
    /// Update types (`PfxUserCertificateUpdate`) of the types PATCH bodies use.
    pub update_types: BTreeMap<TypeId, String>,
    /// Per type: its cycle component (`types::cycle_components`); a field
    /// whose type shares its owner's needs a `Box`.
    pub cycles: Vec<usize>,
}

impl RustNames {
    pub fn assign(api: &Api) -> Self {
        let types = assign_type_names(api);

        // Operation ids in Graph style (`set.entity.CreateEntity`) read best by
        // their last segment; without an id, method and path say what it is.
        let operation_keys: Vec<String> = api
            .operations
            .iter()
            .map(|op| match &op.id {
                Some(id) => id.clone(),
                None => format!("{} {}", op.method.as_str().to_lowercase(), op.path.replace('.', " ")),
            })
            .collect();
        let type_candidates: Vec<Vec<String>> = operation_keys.iter().map(|k| names::pascal_candidates(k)).collect();
        let fn_candidates: Vec<Vec<String>> = operation_keys.iter().map(|k| names::snake_candidates(k)).collect();
        // Types the emitters add are named after the model's, which keep their names.
        let taken: Vec<&str> = types.iter().map(String::as_str).chain(names::RESERVED_TYPE_NAMES.iter().copied()).collect();
        let added = |ids: std::collections::BTreeSet<TypeId>, suffixes: [&str; 2]| -> BTreeMap<TypeId, String> {
            let candidates: Vec<Vec<String>> =
                ids.iter().map(|id| suffixes.iter().map(|s| format!("{}{s}", types[id.0])).collect()).collect();
            ids.into_iter().zip(names::assign_unique(&candidates, &taken, "")).collect()
        };
        let property_enums = added(odata::selectable_types(api), ["Property", "PropertyName"]);
        let update_types = added(odata::update_types(api), ["Update", "Changes"]);
        RustNames {
            cycles: cycles::cycle_components(api),
            property_enums,
            update_types,
            types,
            operation_types: names::assign_unique(&type_candidates, &[], ""),
            // `new`, `execute` and friends are the client's own methods.
            operation_fns: names::assign_unique(&fn_candidates, CLIENT_METHODS, "_"),
            flag_sets: api.types.iter().map(|t| matches!(&t.kind, TypeKind::Enum(e) if e.is_flags)).collect(),
        }
    }
}

/// Rust names of the model's types. Types of the service's own namespace are
/// named first, so that `microsoft.graph.user` is `User` even though
/// `microsoft.graph.security.user` exists (that one becomes `SecurityUser`).
fn assign_type_names(api: &Api) -> Vec<String> {
    let candidates: Vec<Vec<String>> = api.types.iter().map(|t| names::pascal_candidates(&t.name)).collect();
    let own = |name: &str| {
        api.namespace.as_deref().is_some_and(|ns| name.strip_prefix(ns).and_then(|rest| rest.strip_prefix('.')).is_some_and(|rest| !rest.contains('.')))
    };
    let (first, rest): (Vec<usize>, Vec<usize>) = (0..api.types.len()).partition(|&i| own(&api.types[i].name));
    let mut names = vec![String::new(); api.types.len()];
    let first_names = names::assign_unique(&first.iter().map(|&i| candidates[i].clone()).collect::<Vec<_>>(), names::RESERVED_TYPE_NAMES, "");
    let taken: Vec<&str> = first_names.iter().map(String::as_str).chain(names::RESERVED_TYPE_NAMES.iter().copied()).collect();
    let rest_names = names::assign_unique(&rest.iter().map(|&i| candidates[i].clone()).collect::<Vec<_>>(), &taken, "");
    for (index, name) in first.into_iter().zip(first_names).chain(rest.into_iter().zip(rest_names)) {
        names[index] = name;
    }
    names
}

/// Methods of the runtime's `Client` that generated methods must not shadow.
const CLIENT_METHODS: &[&str] = &["new", "execute", "with_bearer_token", "with_http_client", "base_url", "default"];

/// Emits the whole crate: `Cargo.toml` and the `src/` files.
pub fn emit_crate(api: &Api, options: &CrateOptions) -> Result<CrateFiles, String> {
    let features = options.path_features.then(|| features::Features::compute(api));
    let mut files = sources(api, options, features.as_ref())?;
    files.insert("Cargo.toml".to_string(), cargo_toml::emit(options, features.as_ref()));
    Ok(files)
}

/// Emits only the `src/` files.
///
/// The files are made in parallel: token streams cannot cross threads, so
/// each part builds its own from the shared model and names and hands back
/// formatted text. `operations.rs`, by far the largest, is made in chunks of
/// operations whose texts are joined in order; prettyplease formats items one
/// by one, so the result is the same as formatting the file at once.
pub fn emit_sources(api: &Api, options: &CrateOptions) -> Result<CrateFiles, String> {
    let features = options.path_features.then(|| features::Features::compute(api));
    sources(api, options, features.as_ref())
}

/// The `src/` files (and `api.json`), with the path features worked out once.
fn sources(api: &Api, options: &CrateOptions, features: Option<&features::Features>) -> Result<CrateFiles, String> {
    let names = RustNames::assign(api);
    let header = header(&options.source);
    let chunks: Vec<std::ops::Range<usize>> = (0..api.operations.len())
        .step_by(OPERATIONS_PER_CHUNK)
        .map(|start| start..(start + OPERATIONS_PER_CHUNK).min(api.operations.len()))
        .collect();
    let plans = |range: std::ops::Range<usize>| -> Vec<operations::OperationPlan> {
        range.map(|i| operations::OperationPlan::new(api, &names, i)).collect()
    };
    let (parts, summary, operation_chunks) = std::thread::scope(|scope| {
        let lib = scope.spawn(|| format("", lib_rs(api)));
        let models = scope.spawn(|| format("", types::emit(api, &names, features)));
        // The client and the API summary both need every operation's plan.
        let client = scope.spawn(|| {
            let plans = plans(0..api.operations.len());
            let summary = serde_json::to_string_pretty(&summary::summarize(api, &names, &plans))
                .map(|summary| format!("{summary}\n"))
                .map_err(|e| format!("the API summary does not serialize: {e}"));
            (format("", client::emit(api, &plans, features)), summary)
        });
        let chunk_threads: Vec<_> =
            chunks.iter().map(|range| scope.spawn(|| format("", operations::emit(&plans(range.clone()), features)))).collect();
        let join = |handle: std::thread::ScopedJoinHandle<'_, Result<String, String>>| {
            handle.join().unwrap_or_else(|_| Err("an emitter thread panicked".to_string()))
        };
        let (client, summary) = client.join().unwrap_or_else(|_| {
            let panicked = || Err("an emitter thread panicked".to_string());
            (panicked(), panicked())
        });
        let parts = [("src/lib.rs", join(lib)), ("src/models.rs", join(models)), ("src/client.rs", client)];
        (parts, summary, chunk_threads.into_iter().map(join).collect::<Vec<_>>())
    });

    let mut files = CrateFiles::new();
    for (path, text) in parts {
        files.insert(path.into(), format!("{header}{}", text?));
    }
    let mut operations_rs = format!("{header}{}", format("", operations::emit_head(!api.operations.is_empty(), features.is_some()))?);
    for chunk in operation_chunks {
        operations_rs.push('\n');
        operations_rs.push_str(&chunk?);
    }
    files.insert("src/operations.rs".into(), operations_rs);
    // The Rust API in brief, for the change report of the next generation.
    files.insert(SUMMARY_FILE.into(), summary?);
    files.insert(
        "src/runtime.rs".into(),
        format!("{}{}", self::header("generator/runtime/runtime.rs (the runtime sdkgen ships in every crate)"), RUNTIME),
    );
    files.insert(
        "src/formats.rs".into(),
        format!("{}{}", self::header("generator/runtime/formats.rs (shipped in every crate)"), FORMATS),
    );
    files.insert(
        "src/transport.rs".into(),
        format!("{}{}", self::header("generator/runtime/transport.rs (shipped in every crate)"), TRANSPORT),
    );
    Ok(files)
}

/// Where an emitted crate keeps its API summary (`summary.rs`).
pub const SUMMARY_FILE: &str = "api.json";

/// The Rust API of the crate emitted for `api`, in brief.
pub fn summarize(api: &Api) -> summary::ApiSummary {
    let names = RustNames::assign(api);
    let plans: Vec<_> = (0..api.operations.len()).map(|i| operations::OperationPlan::new(api, &names, i)).collect();
    summary::summarize(api, &names, &plans)
}

/// Operations per chunk of `operations.rs` made on one thread.
const OPERATIONS_PER_CHUNK: usize = 1000;

/// The first lines of every emitted Rust file.
pub fn header(source: &str) -> String {
    format!(
        "// @generated by sdkgen from {source}.\n// Do not edit by hand: change the spec and run `cargo xtask codegen`.\n\n"
    )
}

/// Checks that `tokens` is a Rust file and prints it with prettyplease.
fn format(header: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("emitted code does not parse: {e}"))?;
    Ok(format!("{header}{}", space_items(&prettyplease::unparse(&file))))
}

/// prettyplease prints items back to back; a person leaves a blank line
/// between them. Adds one after an item's closing line (`}` or a one-line
/// `...;` at module level) and after the module's inner docs, when the next
/// line starts another item at the same depth.
fn space_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else { continue };
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        let next = next.trim_start();
        let trimmed = line.trim_start();
        let closes_item = trimmed == "}" || (indent == 0 && trimmed.ends_with(';'));
        let next_opens_item = next_indent == indent && !next.starts_with('}') && !next.starts_with(')');
        // Consecutive `use` or `mod` lines stay together.
        let same_kind = |prefix: &str| trimmed.starts_with(prefix) && next.starts_with(prefix);
        let grouped = same_kind("use ") || same_kind("pub mod ") || same_kind("pub use ");
        let after_inner_docs = trimmed.starts_with("//!") && !next.starts_with("//!");
        if (closes_item && next_opens_item && !grouped) || after_inner_docs {
            out.push('\n');
        }
    }
    out
}

fn lib_rs(api: &Api) -> TokenStream {
    let mut about = api.title.clone();
    if let Some(description) = &api.description {
        about.push_str("\n\n");
        about.push_str(description);
    }
    about.push_str(&format!("\n\nAPI version `{}`.", api.version));
    let crate_docs = docs::inner(&about);

    // pub mod servers { /// Global service
    //                   pub const GLOBAL_SERVICE: &str = "https://..."; }
    let server_names = names::assign_unique(
        &api.servers
            .iter()
            .map(|s| vec![names::shouty(s.description.as_deref().unwrap_or(&s.url))])
            .collect::<Vec<_>>(),
        &[],
        "_",
    );
    let servers = api.servers.iter().zip(&server_names).map(|(server, name)| {
        let name = quote::format_ident!("{}", name);
        let doc = docs::outer(server.description.as_deref());
        let url = &server.url;
        quote! { #doc pub const #name: &str = #url; }
    });
    let servers = (!api.servers.is_empty()).then(|| {
        quote! {
            /// Base URLs of the service, as its description lists them.
            pub mod servers {
                #(#servers)*
            }
        }
    });
    let default_server = server_names.first().map(|name| {
        let name = quote::format_ident!("{}", name);
        quote! {
            /// The base URL the client uses unless told otherwise.
            pub const DEFAULT_BASE_URL: &str = servers::#name;
        }
    });
    quote! {
        #crate_docs
        pub mod client;
        pub mod formats;
        pub mod models;
        pub mod operations;
        pub mod runtime;

        #[cfg(feature = "client")]
        pub mod transport;

        pub use runtime::{BuildError, Error, Operation, Paged};
        #[cfg(feature = "client")]
        pub use transport::{Client, RetryPolicy, StaticToken, TokenProvider};

        #servers
        #default_server
    }
}
