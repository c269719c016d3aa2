//! Cargo features per top-level path group (`--path-features`): the
//! operations under `/users` are behind `users`, those under
//! `/deviceManagement` behind `device_management`, and each type behind the
//! features whose operations need it (none when every group needs it). Types
//! no operation needs are behind `other_types`. All are on by default; a
//! crate for the whole Graph then builds with `--no-default-features
//! --features client,users` in a fraction of the time. A split SDK
//! (`workspace.rs`) has a crate per group and gates its models crate the same way.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Api;
use crate::names;
use crate::subset::{path_group, type_closure, type_closure_with};

/// Features that are not path groups, and the names of a split SDK's own
/// crates (`crates/core`, `crates/models`), which its group crates are named beside.
const RESERVED: &[&str] = &[
    "default",
    "client",
    "azure",
    "other_types",
    "core",
    "models",
];
const OTHER_TYPES: &str = "other_types";

pub struct Features {
    /// Every path-group feature, in order of name.
    pub groups: Vec<String>,
    /// Per group (in the order of `groups`): its first path segment (`users`).
    pub paths: Vec<String>,
    /// Per operation: its feature.
    operations: Vec<String>,
    /// Per type: the features that need it; `None` when all do.
    types: Vec<Option<Vec<String>>>,
}

impl Features {
    pub fn compute(api: &Api) -> Self {
        let segments: BTreeSet<String> = api
            .operations
            .iter()
            .map(|op| path_group(&op.path))
            .collect();
        let segments: Vec<String> = segments.into_iter().collect();
        let feature_names = feature_names(&segments);
        let position: std::collections::HashMap<&str, usize> = segments
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        let group_of: Vec<usize> = api
            .operations
            .iter()
            .map(|op| {
                position
                    .get(path_group(&op.path).as_str())
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let operations: Vec<String> = group_of.iter().map(|&g| feature_names[g].clone()).collect();

        let users = type_users(api, &feature_names, &group_of);
        let groups_of = |set: &BTreeSet<&str>| set.iter().filter(|f| **f != OTHER_TYPES).count();
        let types = users
            .into_iter()
            .map(|set| {
                if groups_of(&set) == feature_names.len() {
                    None
                } else {
                    Some(set.into_iter().map(String::from).collect())
                }
            })
            .collect();
        let mut by_name: Vec<(String, String)> = feature_names.into_iter().zip(segments).collect();
        by_name.sort();
        let (groups, paths) = by_name.into_iter().unzip();
        Features {
            groups,
            paths,
            operations,
            types,
        }
    }

    /// The group (an index into `groups`) that is alone in needing a type,
    /// if one is: a split SDK keeps such a type in that group's crate.
    pub fn only_group_of(&self, type_index: usize) -> Option<usize> {
        match self.types[type_index].as_deref() {
            Some([one]) if one != OTHER_TYPES => self.groups.binary_search(one).ok(),
            _ => None,
        }
    }

    /// The operations of each group, by index, in the order of `groups`.
    pub fn operations_by_group(&self) -> Vec<Vec<usize>> {
        let position: std::collections::HashMap<&str, usize> = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.as_str(), i))
            .collect();
        let mut by_group = vec![Vec::new(); self.groups.len()];
        for (index, group) in self.operations.iter().enumerate() {
            if let Some(&at) = position.get(group.as_str()) {
                by_group[at].push(index);
            }
        }
        by_group
    }

    /// `#[cfg(feature = "users")]` for an operation.
    pub fn operation_cfg(&self, index: usize) -> TokenStream {
        let feature = &self.operations[index];
        quote! { #[cfg(feature = #feature)] }
    }

    /// `#[cfg(any(feature = "users", ...))]` for a type, or nothing.
    pub fn type_cfg(&self, index: usize) -> TokenStream {
        match self.types[index].as_deref() {
            None => quote! {},
            Some([feature]) => quote! { #[cfg(feature = #feature)] },
            Some(features) => quote! { #[cfg(any(#(feature = #features),*))] },
        }
    }

    /// The `#[cfg]` of an operation's items, when there are features.
    pub fn operation_gate(features: Option<&Self>, index: usize) -> TokenStream {
        features.map_or_else(TokenStream::new, |f| f.operation_cfg(index))
    }

    /// The `#[cfg]` of a type's items, when there are features.
    pub fn type_gate(features: Option<&Self>, index: usize) -> TokenStream {
        features.map_or_else(TokenStream::new, |f| f.type_cfg(index))
    }

    /// Whether any type is needed by no operation.
    pub fn has_other_types(&self) -> bool {
        self.types
            .iter()
            .any(|t| t.as_deref() == Some(&[OTHER_TYPES.to_string()][..]))
    }
}

/// The feature of each path group (`users`, `device_management`; a group of
/// digits `group_1st`), none of them a feature the crate has anyway.
fn feature_names(segments: &[String]) -> Vec<String> {
    let candidates: Vec<Vec<String>> = segments
        .iter()
        .map(|s| {
            let name = names::snake(s)
                .trim_start_matches("r#")
                .trim_end_matches('_')
                .to_string();
            // A group of digits (`/1st`) is `group_1st`, not `_1st`.
            if name.starts_with('_') {
                vec![format!("group{name}")]
            } else {
                vec![name]
            }
        })
        .collect();
    names::assign_unique(&candidates, RESERVED, "_")
}

/// Per type, the features of the groups whose operations need it, and
/// `other_types` for the types no group needs and what they hold.
fn type_users<'f>(
    api: &Api,
    feature_names: &'f [String],
    group_of: &[usize],
) -> Vec<BTreeSet<&'f str>> {
    let mut users: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); api.types.len()];
    for (group, feature) in feature_names.iter().enumerate() {
        let of_group = api
            .operations
            .iter()
            .zip(group_of)
            .filter(|(_, g)| **g == group)
            .map(|(op, _)| op);
        for (index, yes) in type_closure(api, of_group).into_iter().enumerate() {
            if yes {
                users[index].insert(feature);
            }
        }
    }
    // The types no group needs are behind `other_types`, and so is what
    // they hold: a type of a group may be held by one of them too.
    let unused = (0..api.types.len())
        .filter(|&i| users[i].is_empty())
        .map(crate::model::TypeId)
        .collect::<Vec<_>>();
    if !unused.is_empty() {
        for (index, yes) in type_closure_with(api, [], unused).into_iter().enumerate() {
            if yes {
                users[index].insert(OTHER_TYPES);
            }
        }
    }
    users
}
