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
pub mod exerciser;
mod features;
mod fields;
mod odata;
mod operations;
mod pieces;
mod plan;
mod replies;
mod reserved;
mod roots;
mod shapes;
mod steps;
pub mod summary;
mod text;
mod types;
mod updates;
mod wire;
mod workspace;

use pieces::{Gates, pieces};
pub use text::header;
use text::{format, join, join_after};

use std::collections::BTreeMap;

use crate::model::{Api, TypeId, TypeKind};
use crate::names;

/// The runtime every emitted crate carries: request building, response
/// decoding, errors and the HTTP client. It is compiled and tested as part of
/// the `generated/` crate.
const RUNTIME: &str = include_str!("../../runtime/runtime.rs");

/// Wire formats (timestamps, dates, bytes, flag sets) the models use; shipped
/// like the runtime.
const FORMATS: &str = include_str!("../../runtime/formats.rs");

/// Values as text (timestamps, dates, bytes, numbers); shipped like the runtime.
const TEXT: &str = include_str!("../../runtime/text.rs");

/// OData's query options and the traits that set them; shipped like the runtime.
const QUERY: &str = include_str!("../../runtime/query.rs");

/// Requests step by step; shipped like the runtime.
const REQUEST: &str = include_str!("../../runtime/request.rs");

/// Answers read into results; shipped like the runtime.
const REPLY: &str = include_str!("../../runtime/reply.rs");

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

/// A runtime file every emitted crate carries as it is, not printed from
/// tokens: `src/{module}.rs`, copied from `generator/runtime/{module}.rs`.
/// This table is the one list of them: the crate roots declare a module
/// per entry.
pub struct Shipped {
    pub module: &'static str,
    pub text: &'static str,
    /// Compiled only with the HTTP client (the `client` feature).
    pub client_only: bool,
}

impl Shipped {
    /// Where the file is in a crate.
    pub fn path(&self) -> String {
        format!("src/{}.rs", self.module)
    }
}

pub const SHIPPED_FILES: [Shipped; 13] = [
    Shipped {
        module: "runtime",
        text: RUNTIME,
        client_only: false,
    },
    Shipped {
        module: "request",
        text: REQUEST,
        client_only: false,
    },
    Shipped {
        module: "reply",
        text: REPLY,
        client_only: false,
    },
    Shipped {
        module: "formats",
        text: FORMATS,
        client_only: false,
    },
    Shipped {
        module: "text",
        text: TEXT,
        client_only: false,
    },
    Shipped {
        module: "wire",
        text: WIRE,
        client_only: false,
    },
    Shipped {
        module: "query",
        text: QUERY,
        client_only: false,
    },
    Shipped {
        module: "transport",
        text: TRANSPORT,
        client_only: true,
    },
    Shipped {
        module: "auth",
        text: AUTH,
        client_only: true,
    },
    Shipped {
        module: "batch",
        text: BATCH,
        client_only: false,
    },
    Shipped {
        module: "call",
        text: CALL,
        client_only: true,
    },
    Shipped {
        module: "paging",
        text: PAGING,
        client_only: true,
    },
    Shipped {
        module: "upload",
        text: UPLOAD,
        client_only: true,
    },
];

/// Whether `path` (in a crate, `src/...`) is one of the [`SHIPPED_FILES`].
pub fn is_shipped(path: &str) -> bool {
    SHIPPED_FILES.iter().any(|file| file.path() == path)
}

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
    /// A split SDK always has them.
    pub path_features: bool,
    /// One crate, or a workspace of crates (`workspace.rs`).
    pub layout: Layout,
}

/// How the SDK is laid out in crates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A workspace for an API of more than [`SPLIT_ABOVE`] operations in
    /// 2 to [`SPLIT_GROUPS`] path groups, one crate otherwise.
    #[default]
    Auto,
    /// One self-contained crate.
    Single,
    /// A workspace: core, models, a crate per path group and the SDK crate
    /// that gathers them.
    Workspace,
}

impl Layout {
    /// Every layout by the name a user gives it (`--layout single`).
    pub const NAMED: [(&'static str, Layout); 3] = [
        ("auto", Layout::Auto),
        ("single", Layout::Single),
        ("workspace", Layout::Workspace),
    ];

    /// The layout of that name.
    pub fn named(name: &str) -> Option<Layout> {
        Self::NAMED
            .iter()
            .find(|(named, _)| *named == name)
            .map(|(_, layout)| *layout)
    }
}

/// The size (operations) above which [`Layout::Auto`] splits an SDK.
pub const SPLIT_ABOVE: usize = 2_000;

/// The most path groups (crates) [`Layout::Auto`] splits an SDK into: each
/// crate costs a rustc start and the core's and models' metadata.
pub const SPLIT_GROUPS: usize = 128;

/// The path groups of `api`'s operations.
fn path_groups(api: &Api) -> usize {
    let groups: std::collections::BTreeSet<String> = api
        .operations
        .iter()
        .map(|op| crate::subset::path_group(&op.path))
        .collect();
    groups.len()
}

impl Layout {
    /// `Auto` settled for `api`: `Single` or `Workspace`.
    pub fn for_api(self, api: &Api) -> Layout {
        self.for_size(api.operations.len(), path_groups(api))
    }

    /// `Auto` settled for an API of `operations` in `groups` path groups.
    fn for_size(self, operations: usize, groups: usize) -> Layout {
        match self {
            Layout::Auto if operations > SPLIT_ABOVE && (2..=SPLIT_GROUPS).contains(&groups) => {
                Layout::Workspace
            }
            Layout::Auto => Layout::Single,
            chosen => chosen,
        }
    }
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
    /// Methods of the traits request and update types implement, which no
    /// setter may take (`reserved.rs`; read here, on the caller's thread).
    pub trait_methods: &'static reserved::Relied,
}

impl RustNames {
    pub fn assign(api: &Api) -> Self {
        // What the emitted code names unqualified (`Option`, `Into`, `Operation`).
        let reserved: Vec<&str> = reserved::type_names().iter().map(String::as_str).collect();
        let types = assign_type_names(api, &reserved);

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
            .chain(reserved.iter().copied())
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
            trait_methods: reserved::methods(),
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
fn assign_type_names(api: &Api, reserved: &[&str]) -> Vec<String> {
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
    let first_names = assign(&first, reserved);
    let taken: Vec<&str> = first_names
        .iter()
        .map(String::as_str)
        .chain(reserved.iter().copied())
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
            .map(|file| syn::parse_file(file.text))
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
        let default = client::default_impl(&with_server, quote::quote! { Client });
        let Ok(head) = syn::parse2::<syn::File>(default.unwrap_or_default()) else {
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
    let groups = path_groups(api);
    let layout = options.layout.for_size(api.operations.len(), groups);
    if (options.path_features || layout == Layout::Workspace) && groups > crate::limits::PATH_GROUPS
    {
        return Err(format!(
            "{groups} top-level path groups: at most {} can be features or crates",
            crate::limits::PATH_GROUPS
        ));
    }
    if layout == Layout::Workspace {
        return workspace::emit(api, options);
    }
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

/// Emits only the `src/` files of a single crate (whatever the layout asked
/// for: the project's own `generated/` crate has a manifest of its own).
pub fn emit_sources(api: &Api, options: &CrateOptions) -> Result<CrateFiles, String> {
    let features = options
        .path_features
        .then(|| features::Features::compute(api));
    sources(api, options, features.as_ref())
}

/// The API summary as `api.json` holds it.
pub(crate) fn summary_json(summary: &summary::ApiSummary) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(summary)
        .map_err(|e| format!("the API summary does not serialize: {e}"))?;
    text.push('\n');
    Ok(text)
}

/// The shipped runtime files, at their place under `dir` (`src` or `crates/core/src`).
pub(crate) fn shipped_files(dir: &str) -> impl Iterator<Item = (String, String)> + '_ {
    SHIPPED_FILES.iter().map(move |file| {
        let origin = format!(
            "generator/runtime/{}.rs (shipped in every crate)",
            file.module
        );
        (
            format!("{dir}/{}.rs", file.module),
            format!("{}{}", header(&origin), file.text),
        )
    })
}

/// The `src/` files (and `api.json`) of a single crate.
fn sources(
    api: &Api,
    options: &CrateOptions,
    features: Option<&features::Features>,
) -> Result<CrateFiles, String> {
    let names = RustNames::assign(api);
    let all: Vec<usize> = (0..api.operations.len()).collect();
    let gates = Gates {
        types: features,
        operations: features,
        types_by_group: None,
    };
    let pieces = pieces(
        api,
        &names,
        gates,
        std::slice::from_ref(&all),
        &client::Receiver::Inherent,
    )?;
    let header = header(&options.source);
    let operations_head = format(operations::emit_head(
        !api.operations.is_empty(),
        features.is_some(),
    ))?;
    let group = &pieces.groups[0];
    let default = client::default_impl(api, quote::quote! { Client });
    let client_head = format(client::emit_head(
        !group.client.is_empty() || default.is_some(),
    ))?;
    // A blank line between the head and each `impl Client` block.
    let client_before = match group.client.is_empty() {
        true => client_head,
        false => format!("{client_head}\n"),
    };
    let client_default = match default {
        Some(default) => format!("\n{}", format(default)?),
        None => String::new(),
    };
    let mut files = CrateFiles::new();
    files.insert(
        "src/lib.rs".into(),
        join(&header, &format(roots::single(api))?, &[], ""),
    );
    files.insert(
        "src/models.rs".into(),
        join_after(&header, format(types::emit_head())?, &pieces.models),
    );
    files.insert(
        "src/operations.rs".into(),
        join_after(&header, operations_head, &group.operations),
    );
    files.insert(
        "src/client.rs".into(),
        join(&header, &client_before, &group.client, &client_default),
    );
    files.insert(SUMMARY_FILE.into(), summary_json(&pieces.summary)?);
    files.extend(shipped_files("src"));
    Ok(files)
}

/// Where an emitted crate keeps its API summary (`summary.rs`).
pub const SUMMARY_FILE: &str = "api.json";

/// The Rust API of the crate emitted for `api`, in brief.
pub fn summarize(api: &Api) -> summary::ApiSummary {
    let names = RustNames::assign(api);
    let operations = (0..api.operations.len())
        .map(|i| plan::OperationPlan::new(api, &names, i))
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
