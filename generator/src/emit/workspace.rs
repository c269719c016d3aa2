//! A split SDK ([`Layout::Workspace`]): a cargo workspace whose crates cargo
//! builds side by side, instead of one crate that rustc builds mostly on one
//! core.
//!
//! ```text
//! Cargo.toml, src/lib.rs   the SDK crate: features per path group, the single crate's paths
//! crates/core              the runtime, servers, `Client`
//! crates/models            the types groups share, behind the features of the groups that need them
//! crates/<group>           a path group's own types, request types and method trait on `Client`
//! ```
//!
//! The group crates depend on the core and on the models with their own
//! feature, so a user who turns on `users` and `groups` compiles those two
//! crates (in parallel) and the types they need. A type that one group alone
//! needs is in that group's crate (most of the whole Graph's: 3,500 of 5,161),
//! so that the shared models crate, which every group waits for, is small.

use super::cargo_toml::{self, Member};
use super::client::{Receiver, TraitHead};
use super::features::Features;
use super::pieces::GroupPieces;
use super::{
    CrateFiles, CrateOptions, Gates, Layout, RustNames, SUMMARY_FILE, format, header, join,
    join_after, operations, pieces, roots, shipped_files, summary_json, types,
};
use crate::model::Api;
use crate::names;

/// Emits the workspace of a split SDK.
pub fn emit(api: &Api, options: &CrateOptions) -> Result<CrateFiles, String> {
    debug_assert!(options.layout != Layout::Single);
    let sdk = &options.package_name;
    let (core, models) = (format!("{sdk}-core"), format!("{sdk}-models"));
    let features = Features::compute(api);
    let members = members(&features, sdk);
    for package in [sdk, &core, &models]
        .into_iter()
        .chain(members.iter().map(|(m, _)| &m.package))
    {
        cargo_toml::check_package_name(package)?;
    }
    let names = RustNames::assign(api);
    let gates = Gates {
        types: Some(&features),
        operations: None,
        types_by_group: Some(&features),
    };
    let pieces = pieces(
        api,
        &names,
        gates,
        &features.operations_by_group(),
        &Receiver::Traits(trait_heads(&members, &features.paths)),
    )?;
    let header = header(&options.source);
    let rust = |tokens| -> Result<String, String> { Ok(join(&header, &format(tokens)?, &[], "")) };
    let mut files = CrateFiles::new();

    let roots: Vec<roots::Member> = members
        .iter()
        .zip(&pieces.groups)
        .map(|((member, trait_name), group)| roots::Member {
            dependency: quote::format_ident!("{}", member.dependency),
            feature: member.feature.clone(),
            trait_name: trait_name.clone(),
            own_types: !group.models.is_empty(),
        })
        .collect();
    let plain: Vec<Member> = members.iter().map(|(m, _)| m.clone()).collect();
    files.insert(
        "Cargo.toml".into(),
        cargo_toml::workspace_root(options, &features, &core, &models, &plain),
    );
    files.insert("src/lib.rs".into(), rust(roots::facade(api, &roots))?);
    files.insert(SUMMARY_FILE.into(), summary_json(&pieces.summary)?);

    files.insert(
        "crates/core/Cargo.toml".into(),
        cargo_toml::core(options, &core),
    );
    files.insert(
        "crates/core/src/lib.rs".into(),
        rust(roots::core(api, &names, sdk))?,
    );
    files.extend(shipped_files("crates/core/src"));

    files.insert(
        "crates/models/Cargo.toml".into(),
        cargo_toml::models(options, &models, &core, &features),
    );
    files.insert(
        "crates/models/src/lib.rs".into(),
        rust(roots::models(api, sdk))?,
    );
    files.insert(
        "crates/models/src/models.rs".into(),
        join_after(&header, format(types::emit_head())?, &pieces.models),
    );

    let group_files = group_files(options, &members, &features.paths, &pieces.groups)?;
    files.extend(group_files);
    Ok(files)
}

/// The method traits of the groups, by name and path.
fn trait_heads(members: &[(Member, syn::Ident)], paths: &[String]) -> Vec<TraitHead> {
    members
        .iter()
        .zip(paths)
        .map(|((_, name), path)| TraitHead {
            name: name.to_string(),
            path: path.clone(),
        })
        .collect()
}

/// The crates of the path groups: manifest, root, own models, request
/// types and method trait each.
fn group_files(
    options: &CrateOptions,
    members: &[(Member, syn::Ident)],
    paths: &[String],
    groups: &[GroupPieces],
) -> Result<CrateFiles, String> {
    let sdk = &options.package_name;
    let (core, models) = (format!("{sdk}-core"), format!("{sdk}-models"));
    let header = header(&options.source);
    let rust = |tokens| -> Result<String, String> { Ok(join(&header, &format(tokens)?, &[], "")) };
    let mut files = CrateFiles::new();
    let operations_head = format(operations::emit_head(true, false))?;
    let group_models_head = format(types::emit_group_head())?;
    for (((member, trait_name), path), group) in members.iter().zip(paths).zip(groups) {
        let dir = &member.dir;
        files.insert(
            format!("{dir}/Cargo.toml"),
            cargo_toml::group(options, member, &core, &models),
        );
        files.insert(
            format!("{dir}/src/lib.rs"),
            rust(roots::group(sdk, path, trait_name))?,
        );
        files.insert(
            format!("{dir}/src/models.rs"),
            join_after(&header, group_models_head.clone(), &group.models),
        );
        files.insert(
            format!("{dir}/src/operations.rs"),
            join_after(&header, operations_head.clone(), &group.operations),
        );
        files.insert(
            format!("{dir}/src/client.rs"),
            join(&header, "", &group.client, ""),
        );
    }
    Ok(files)
}

/// The operation crates, one per path-group feature, with their method traits
/// (`UsersApi`), named apart from each other and from the prelude's traits.
fn members(features: &Features, sdk: &str) -> Vec<(Member, syn::Ident)> {
    let candidates: Vec<Vec<String>> = features
        .groups
        .iter()
        .map(|group| {
            // `self` is `Self_` as a type, but `SelfApi` as part of one.
            let stem = names::pascal(group);
            let name = format!("{}Api", stem.trim_start_matches("r#").trim_end_matches('_'));
            // A group of digits (`/2fa`) still names a type.
            let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
                format!("Group{name}")
            } else {
                name
            };
            vec![name]
        })
        .collect();
    let taken = ["Operation", "Paged", "Polymorphic", "HasQueryOptions"];
    let traits = names::assign_unique(&candidates, &taken, "");
    features
        .groups
        .iter()
        .zip(traits)
        .map(|(group, trait_name)| {
            let member = Member {
                dir: format!("crates/{group}"),
                package: format!("{sdk}-{}", group.replace('_', "-")),
                dependency: format!("group_{group}"),
                feature: group.clone(),
            };
            (member, quote::format_ident!("{}", trait_name))
        })
        .collect()
}
