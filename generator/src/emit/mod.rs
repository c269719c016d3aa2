//! Rust emitters: [`Api`] -> the files of a crate.
//!
//! 1. `RustNames::assign` (`rust_names.rs`) gives every type and operation its Rust name once
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
mod facts;
mod features;
mod fields;
mod member_names;
mod odata;
mod operations;
mod pieces;
mod plan;
mod replies;
mod reserved;
mod roots;
mod rust_names;
mod rust_type;
mod shapes;
mod shipped;
mod steps;
pub mod summary;
mod text;
mod types;
mod updates;
mod wire;
mod workspace;

use pieces::{Gates, pieces};
pub(crate) use rust_names::RustNames;
pub use rust_names::client_methods;
use shipped::shipped_files;
pub use shipped::{SHIPPED_FILES, Shipped, is_shipped};
pub use text::header;
use text::{format, join, join_after};

use std::collections::BTreeMap;

use crate::model::Api;

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
        join(&header, &format(roots::single(api, &names))?, &[], ""),
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
    let mut summary = summary::summarize_types(api, &names);
    summary.operations = (0..api.operations.len())
        .map(|i| plan::OperationPlan::new(api, &names, i))
        .map(|plan| {
            (
                plan.request.type_name.to_string(),
                summary::summarize_operation(&plan),
            )
        })
        .collect();
    summary
}
