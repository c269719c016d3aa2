//! Rust emitters: [`Api`] -> the files of a crate.
//!
//! 1. `RustNames::assign` gives every type and operation its Rust name once
//!    (and the names of the property enums and update types), so that every
//!    file agrees and collisions are settled in one place;
//! 2. `types.rs` (with `updates.rs`, `accessors.rs` and the OData facts of `odata.rs`),
//!    `operations.rs` (with `replies.rs`) and `client.rs` build token streams, gated by
//!    `features.rs` when the crate has path features;
//! 3. `format` checks each stream parses as a Rust file (syn) and prints it
//!    (prettyplease) under a "generated, do not edit" header; the files are
//!    made on parallel threads;
//! 4. `summary.rs` writes the crate's API in brief (`api.json`) for the
//!    change report of the next generation.
//!
//! Nothing here knows which format the [`Api`] came from.

mod accessors;
mod cargo_toml;
mod client;
pub mod collisions;
mod cycles;
mod docs;
mod enums;
mod features;
mod odata;
mod operations;
mod replies;
pub mod summary;
mod types;
mod updates;
mod wire;

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

/// OData's query options and the traits that set them; shipped like the runtime.
const QUERY: &str = include_str!("../../runtime/query.rs");

/// The HTTP client (the `client` feature); shipped like the runtime.
const TRANSPORT: &str = include_str!("../../runtime/transport.rs");

/// JSON batching; shipped like the runtime.
const BATCH: &str = include_str!("../../runtime/batch.rs");

/// Sign-in with Entra ID (the `client` feature); shipped like the runtime.
const AUTH: &str = include_str!("../../runtime/auth.rs");

/// How models travel as JSON (what their `Serialize` and `Deserialize`
/// call); shipped like the runtime.
const WIRE: &str = include_str!("../../runtime/wire.rs");

/// `Call`, an operation bound to the client (the `client` feature); shipped
/// like the runtime.
const CALL: &str = include_str!("../../runtime/call.rs");

/// Listings page after page and delta rounds (the `client` feature);
/// shipped like the runtime.
const PAGING: &str = include_str!("../../runtime/paging.rs");

/// Uploads to upload sessions (the `client` feature); shipped like the runtime.
const UPLOAD: &str = include_str!("../../runtime/upload.rs");

/// The files every emitted crate carries as they are, not printed from
/// tokens: path in the crate, where it comes from, text.
pub const SHIPPED_FILES: [(&str, &str, &str); 10] = [
    (
        "src/runtime.rs",
        "generator/runtime/runtime.rs (the runtime sdkgen ships in every crate)",
        RUNTIME,
    ),
    (
        "src/formats.rs",
        "generator/runtime/formats.rs (shipped in every crate)",
        FORMATS,
    ),
    (
        "src/wire.rs",
        "generator/runtime/wire.rs (shipped in every crate)",
        WIRE,
    ),
    (
        "src/query.rs",
        "generator/runtime/query.rs (shipped in every crate)",
        QUERY,
    ),
    (
        "src/transport.rs",
        "generator/runtime/transport.rs (shipped in every crate)",
        TRANSPORT,
    ),
    (
        "src/auth.rs",
        "generator/runtime/auth.rs (shipped in every crate)",
        AUTH,
    ),
    (
        "src/batch.rs",
        "generator/runtime/batch.rs (shipped in every crate)",
        BATCH,
    ),
    (
        "src/call.rs",
        "generator/runtime/call.rs (shipped in every crate)",
        CALL,
    ),
    (
        "src/paging.rs",
        "generator/runtime/paging.rs (shipped in every crate)",
        PAGING,
    ),
    (
        "src/upload.rs",
        "generator/runtime/upload.rs (shipped in every crate)",
        UPLOAD,
    ),
];

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
    /// Per type: its cycle component (`cycles::cycle_components`); a union
    /// variant whose type shares its union's needs a `Box` (struct fields of
    /// objects and unions are boxed whatever the cycles).
    pub cycles: Vec<usize>,
    /// Per type: an object or a union, which a property holds in a `Box` so
    /// that a struct stays small however much it nests (Graph's `User` holds
    /// 25 such values: 8,936 bytes inline).
    pub boxed: Vec<bool>,
    /// Per type: whether it has `Default` (`types::defaults`).
    pub has_default: Vec<bool>,
    /// Per type: whether another type names it as its base.
    pub has_subtypes: Vec<bool>,
    /// How the service writes bytes, which picks their serde adapter.
    pub binary_encoding: crate::model::BinaryEncoding,
    /// Per type: a request sends it as its body, so it has setters.
    pub sent_types: Vec<bool>,
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
                None => format!(
                    "{} {}",
                    op.method.as_str().to_lowercase(),
                    op.path.template().replace('.', " ")
                ),
            })
            .collect();
        let operation_names = |case: fn(&str) -> String, taken: &[&str], separator: &str| {
            let candidate =
                |i: usize, level: usize| names::dotted_candidate(&operation_keys[i], level, case);
            let stays = |i: usize, level: usize| names::dotted_stutters(&operation_keys[i], level);
            names::assign_unique_by(operation_keys.len(), candidate, stays, taken, separator)
        };
        // Types the emitters add are named after the model's, which keep their names.
        let taken: Vec<&str> = types
            .iter()
            .map(String::as_str)
            .chain(names::RESERVED_TYPE_NAMES.iter().copied())
            .collect();
        let added = |ids: std::collections::BTreeSet<TypeId>,
                     suffixes: [&str; 2]|
         -> BTreeMap<TypeId, String> {
            let candidates: Vec<Vec<String>> = ids
                .iter()
                .map(|id| {
                    suffixes
                        .iter()
                        .map(|s| format!("{}{s}", types[id.0]))
                        .collect()
                })
                .collect();
            ids.into_iter()
                .zip(names::assign_unique(&candidates, &taken, ""))
                .collect()
        };
        let property_enums = added(odata::selectable_types(api), ["Property", "PropertyName"]);
        let update_types = added(odata::update_types(api), ["Update", "Changes"]);
        // The two sets of operation names are the slow part: made side by side.
        let (operation_types, operation_fns) = std::thread::scope(|scope| {
            // `new`, `execute` and friends are the client's own methods.
            let fns = scope.spawn(|| {
                let client: Vec<&str> = client_methods().iter().map(String::as_str).collect();
                operation_names(names::snake, &client, "_")
            });
            // Request types live beside `Option`, `Result`, ... and the imported `Operation`.
            let reserved: Vec<&str> = names::RESERVED_TYPE_NAMES
                .iter()
                .copied()
                .chain(["Operation"])
                .collect();
            let types = operation_names(names::pascal, &reserved, "");
            (
                types,
                fns.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        });
        RustNames {
            cycles: cycles::cycle_components(api),
            boxed: api
                .types
                .iter()
                .map(|t| matches!(t.kind, TypeKind::Struct(_) | TypeKind::Union(_)))
                .collect(),
            has_default: types::defaults(api),
            has_subtypes: subtypes(api),
            binary_encoding: api.binary_encoding,
            sent_types: accessors::sent_types(api),
            property_enums,
            update_types,
            types,
            operation_types,
            operation_fns,
            flag_sets: api
                .types
                .iter()
                .map(|t| matches!(&t.kind, TypeKind::Enum(e) if e.is_flags))
                .collect(),
        }
    }
}

/// Rust names of the model's types. Types of the service's own namespace are
/// named first, so that `microsoft.graph.user` is `User` even though
/// `microsoft.graph.security.user` exists (that one becomes `SecurityUser`).
fn assign_type_names(api: &Api) -> Vec<String> {
    let own = |name: &str| {
        api.namespace.as_deref().is_some_and(|ns| {
            name.strip_prefix(ns)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| !rest.contains('.'))
        })
    };
    let (first, rest): (Vec<usize>, Vec<usize>) =
        (0..api.types.len()).partition(|&i| own(&api.types[i].name));
    let assign = |indices: &[usize], taken: &[&str]| {
        let candidate = |i: usize, level: usize| {
            names::dotted_candidate(&api.types[indices[i]].name, level, names::pascal)
        };
        names::assign_unique_by(indices.len(), candidate, |_, _| false, taken, "")
    };
    let mut names = vec![String::new(); api.types.len()];
    let first_names = assign(&first, names::RESERVED_TYPE_NAMES);
    let taken: Vec<&str> = first_names
        .iter()
        .map(String::as_str)
        .chain(names::RESERVED_TYPE_NAMES.iter().copied())
        .collect();
    let rest_names = assign(&rest, &taken);
    for (index, name) in first
        .into_iter()
        .zip(first_names)
        .chain(rest.into_iter().zip(rest_names))
    {
        names[index] = name;
    }
    names
}

/// Per type: whether a struct names it as its base.
fn subtypes(api: &Api) -> Vec<bool> {
    let mut has = vec![false; api.types.len()];
    for def in &api.types {
        if let TypeKind::Struct(crate::model::StructType {
            base: Some(base), ..
        }) = &def.kind
        {
            has[base.0] = true;
        }
    }
    has
}

/// Methods of the runtime's `Client`, its own and those of the traits it
/// implements, read from the shipped runtime files and the head of
/// `client.rs` themselves: a generated method of the same name would hide one (`send`,
/// `stream`) or not compile.
pub fn client_methods() -> &'static [String] {
    static METHODS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    METHODS.get_or_init(|| {
        // Every shipped file may add to `Client`; all are ours, compiled in
        // every emitted crate (a test checks they parse).
        let Ok(shipped) = SHIPPED_FILES
            .iter()
            .map(|(_, _, text)| syn::parse_file(text))
            .collect::<Result<Vec<_>, _>>()
        else {
            return Vec::new();
        };
        let with_server = Api {
            servers: vec![crate::model::Server {
                url: String::new(),
                description: None,
            }],
            ..Api::default()
        };
        let Ok(head) = syn::parse2::<syn::File>(client::emit_head(&with_server)) else {
            return Vec::new();
        };
        let is_client =
            |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"));
        let mut methods: Vec<String> = shipped
            .iter()
            .flat_map(|file| &file.items)
            .chain(&head.items)
            .filter_map(|item| match item {
                syn::Item::Impl(block) if is_client(&block.self_ty) => Some(block),
                _ => None,
            })
            .flat_map(|block| &block.items)
            .filter_map(|item| match item {
                syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        methods.sort();
        methods.dedup();
        methods
    })
}

/// Emits the whole crate: `Cargo.toml` and the `src/` files.
pub fn emit_crate(api: &Api, options: &CrateOptions) -> Result<CrateFiles, String> {
    cargo_toml::check_package_name(&options.package_name)?;
    let features = options
        .path_features
        .then(|| features::Features::compute(api));
    let mut files = sources(api, options, features.as_ref())?;
    files.insert(
        "Cargo.toml".to_string(),
        cargo_toml::emit(options, features.as_ref()),
    );
    Ok(files)
}

/// Emits only the `src/` files.
pub fn emit_sources(api: &Api, options: &CrateOptions) -> Result<CrateFiles, String> {
    let features = options
        .path_features
        .then(|| features::Features::compute(api));
    sources(api, options, features.as_ref())
}

/// A piece of a crate that one emitter thread makes from the shared model and
/// names. Token streams cannot cross threads, so each job builds its own and
/// hands back formatted text.
enum Job {
    Lib,
    ModelsHead,
    /// Some types of `models.rs`, by index, in file order.
    Models(Vec<usize>),
    OperationsHead,
    ClientHead,
    /// Some operations: their request types, client methods and summaries.
    Operations(std::ops::Range<usize>),
    TypeSummaries,
}

/// What a [`Job`] gives.
enum Made {
    Text(String),
    Operations {
        types: String,
        methods: String,
        summaries: Vec<(String, summary::OperationSummary)>,
    },
    TypeSummaries(BTreeMap<String, summary::TypeSummary>),
}

/// The `src/` files (and `api.json`), with the path features worked out once.
///
/// Big files are made in chunks (of types, of operations) that a thread per
/// core takes in turn, and the texts are joined in order: prettyplease prints
/// items one by one, so the result is the same as printing the file at once,
/// and at most a chunk per core is held as tokens and syntax trees.
fn sources(
    api: &Api,
    options: &CrateOptions,
    features: Option<&features::Features>,
) -> Result<CrateFiles, String> {
    let names = RustNames::assign(api);
    // The small pieces first, in the order they are read back below; then the chunks.
    let heads = [
        Job::Lib,
        Job::ModelsHead,
        Job::OperationsHead,
        Job::ClientHead,
        Job::TypeSummaries,
    ];
    let chunks_from = heads.len();
    let mut jobs = Vec::from(heads);
    jobs.extend(
        types::order(&names)
            .chunks(TYPES_PER_CHUNK)
            .map(|chunk| Job::Models(chunk.to_vec())),
    );
    jobs.extend(
        (0..api.operations.len())
            .step_by(OPERATIONS_PER_CHUNK)
            .map(|start| {
                Job::Operations(start..(start + OPERATIONS_PER_CHUNK).min(api.operations.len()))
            }),
    );
    let run = |job: &Job| -> Result<Made, String> {
        Ok(match job {
            Job::Lib => Made::Text(format(lib_rs(api))?),
            Job::ModelsHead => Made::Text(format(types::emit_head())?),
            Job::Models(indices) => {
                Made::Text(format(types::emit(api, &names, features, indices))?)
            }
            Job::OperationsHead => Made::Text(format(operations::emit_head(
                !api.operations.is_empty(),
                features.is_some(),
            ))?),
            Job::ClientHead => Made::Text(format(client::emit_head(api))?),
            Job::Operations(range) => {
                let plans: Vec<_> = range
                    .clone()
                    .map(|i| operations::OperationPlan::new(api, &names, i))
                    .collect();
                Made::Operations {
                    types: format(operations::emit(&plans, features))?,
                    methods: format(client::emit_methods(&plans, features))?,
                    summaries: plans
                        .iter()
                        .map(|plan| {
                            (
                                plan.type_name.to_string(),
                                summary::summarize_operation(plan),
                            )
                        })
                        .collect(),
                }
            }
            Job::TypeSummaries => Made::TypeSummaries(summary::summarize_types(api, &names)),
        })
    };
    let mut made = run_jobs(&jobs, run).into_iter();
    let mut next = || {
        made.next()
            .unwrap_or_else(|| Err("an emitter thread panicked".to_string()))
    };
    let text = |made: Result<Made, String>| match made? {
        Made::Text(text) => Ok(text),
        _ => Err("an emitter job gave the wrong kind of result".to_string()),
    };
    let (lib, models_head, operations_head, client_head) =
        (text(next())?, text(next())?, text(next())?, text(next())?);
    let mut summary = summary::ApiSummary::default();
    if let Made::TypeSummaries(types) = next()? {
        summary.types = types;
    }
    // The pieces of the big files in order, joined once at the end.
    let (mut models, mut operations, mut methods) =
        (vec![models_head], vec![operations_head], Vec::new());
    for job in &jobs[chunks_from..] {
        match (job, next()?) {
            (Job::Models(_), Made::Text(text)) => models.push(text),
            (
                _,
                Made::Operations {
                    types,
                    methods: more,
                    summaries,
                },
            ) => {
                operations.push(types);
                // `impl Client {` .. `}` around each chunk's methods: keep what is between.
                if let Some(inside) = more
                    .split_once('\n')
                    .and_then(|(_, rest)| rest.strip_suffix("}\n"))
                    .filter(|m| !m.is_empty())
                {
                    methods.push(inside.to_string());
                }
                summary.operations.extend(summaries);
            }
            _ => return Err("an emitter job gave the wrong kind of result".to_string()),
        }
    }
    let header = header(&options.source);
    // `header`, then the parts with a blank line between (as `space_items` leaves between items).
    let join = |before: &str, parts: &[String], after: &str| {
        let size = header.len()
            + before.len()
            + after.len()
            + parts.iter().map(|p| p.len() + 1).sum::<usize>();
        let mut text = String::with_capacity(size);
        text.push_str(&header);
        text.push_str(before);
        for (index, part) in parts.iter().enumerate() {
            if index > 0 {
                text.push('\n');
            }
            text.push_str(part);
        }
        text.push_str(after);
        text
    };
    // The Rust API in brief, for the change report of the next generation:
    // written on a thread of its own while this one joins the big files.
    let (summary, mut files) = std::thread::scope(|scope| {
        let summary = scope.spawn(move || {
            let mut text = serde_json::to_string_pretty(&summary)
                .map_err(|e| format!("the API summary does not serialize: {e}"))?;
            text.push('\n');
            Ok::<_, String>(text)
        });
        let client = match client_head.split_once("impl Client {}\n") {
            Some((before, after)) if !methods.is_empty() => {
                // `space_items` left the blank line after the block when another item follows.
                join(
                    &format!("{before}impl Client {{\n"),
                    &methods,
                    &format!("}}\n{after}"),
                )
            }
            _ => join(&client_head, &[], ""),
        };
        let mut files = CrateFiles::new();
        files.insert("src/lib.rs".into(), join(&lib, &[], ""));
        files.insert("src/models.rs".into(), join("", &models, ""));
        files.insert("src/operations.rs".into(), join("", &operations, ""));
        files.insert("src/client.rs".into(), client);
        (
            summary
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            files,
        )
    });
    files.insert(SUMMARY_FILE.into(), summary?);
    for (path, origin, text) in SHIPPED_FILES {
        files.insert(path.into(), format!("{}{text}", self::header(origin)));
    }
    Ok(files)
}

/// Runs `jobs` on a thread per core, each thread taking the next job not yet
/// taken; the results come back in the order of `jobs`.
fn run_jobs<J: Sync, T: Send>(
    jobs: &[J],
    run: impl Fn(&J) -> Result<T, String> + Sync,
) -> Vec<Result<T, String>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, jobs.len().max(1));
    let mut results: Vec<(usize, Result<T, String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else {
                            return done;
                        };
                        done.push((index, run(job)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Where an emitted crate keeps its API summary (`summary.rs`).
pub const SUMMARY_FILE: &str = "api.json";

/// The Rust API of the crate emitted for `api`, in brief.
pub fn summarize(api: &Api) -> summary::ApiSummary {
    let names = RustNames::assign(api);
    let operations = (0..api.operations.len())
        .map(|i| operations::OperationPlan::new(api, &names, i))
        .map(|plan| {
            (
                plan.type_name.to_string(),
                summary::summarize_operation(&plan),
            )
        })
        .collect();
    summary::ApiSummary {
        types: summary::summarize_types(api, &names),
        operations,
    }
}

/// Operations per job: request types, client methods and summaries. Chunks
/// of 100 rather than 200 hold less at once (v1.0: peak 314 -> 290 MB, user
/// time 3.3 -> 3.0 s); smaller ones gain nothing more.
const OPERATIONS_PER_CHUNK: usize = 100;

/// Types per job of `models.rs`.
const TYPES_PER_CHUNK: usize = 100;

/// The first lines of every emitted Rust file.
pub fn header(source: &str) -> String {
    // A file name with a line break in it must not end the comment.
    let source = crate::error::one_line(source);
    format!(
        "// @generated by sdkgen from {source}.\n// Do not edit by hand: change the spec and run `cargo xtask codegen`.\n\n"
    )
}

/// Checks that `tokens` is a Rust file and prints it with prettyplease.
fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("emitted code does not parse: {e}"))?;
    Ok(space_items(&prettyplease::unparse(&file)))
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
        let Some(next) = lines.get(i + 1) else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        let next = next.trim_start();
        let trimmed = line.trim_start();
        // `impl Trait for Type {}` is an item on one line.
        let one_line = |line: &str| line.ends_with(" {}");
        let closes_item =
            trimmed == "}" || (indent == 0 && (trimmed.ends_with(';') || one_line(trimmed)));
        let next_opens_item =
            next_indent == indent && !next.starts_with('}') && !next.starts_with(')');
        // Consecutive `use` or `mod` lines stay together.
        let same_kind = |prefix: &str| trimmed.starts_with(prefix) && next.starts_with(prefix);
        let grouped = same_kind("use ")
            || same_kind("pub mod ")
            || same_kind("pub use ")
            || (one_line(trimmed) && one_line(next));
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
    // A CSDL document without `Core.SchemaVersion` names no version.
    if !api.version.is_empty() {
        about.push_str(&format!("\n\nAPI version `{}`.", api.version));
    }
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
        pub mod query;
        pub mod runtime;
        pub mod wire;

        #[cfg(feature = "client")]
        pub mod auth;
        pub mod batch;
        #[cfg(feature = "client")]
        pub mod call;
        #[cfg(feature = "client")]
        pub mod paging;
        #[cfg(feature = "client")]
        pub mod transport;
        #[cfg(feature = "client")]
        pub mod upload;

        #[cfg(feature = "client")]
        pub use auth::ClientCredentials;
        #[cfg(feature = "azure")]
        pub use auth::AzureCredential;
        pub use runtime::{BuildError, Error, Operation, Paged, Polymorphic};
        #[cfg(feature = "client")]
        pub use call::Call;
        #[cfg(feature = "client")]
        pub use paging::{Delta, DeltaLink};
        #[cfg(feature = "client")]
        pub use transport::{Client, RetryPolicy, StaticToken, TokenProvider};

        /// The traits that give requests their methods (`ListUsers::new().top(5)`):
        /// `use <this crate>::prelude::*;`.
        pub mod prelude {
            pub use crate::query::{
                CountOption, ExpandOption, FilterOption, HasQueryOptions, OrderByOption, SearchOption, SelectOption,
                SkipOption, TopOption,
            };
            pub use crate::runtime::{Operation, Paged, Polymorphic};
        }

        #servers
        #default_server
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn client_methods_come_from_the_runtime() {
        let methods = super::client_methods();
        for method in [
            "new",
            "default",
            "execute",
            "send",
            "stream",
            "with_timeout",
            "with_retry_policy",
            "with_token_provider",
            "delta",
            "upload",
        ] {
            assert!(
                methods.iter().any(|m| m == method),
                "{method} in {methods:?}"
            );
        }
    }
}
