//! Cargo features per top-level path group (`--path-features`): the
//! operations under `/users` are behind `users`, those under
//! `/deviceManagement` behind `device_management`, and each type behind the
//! features whose operations need it (none when every group needs it). Types
//! no operation needs are behind `other_types`. All are on by default; a
//! crate for the whole Graph then builds with `--no-default-features
//! --features client,users` in a fraction of the time.

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::model::Api;
use crate::names;
use crate::subset::{path_group, type_closure};

/// Features that are not path groups.
const RESERVED: &[&str] = &["default", "client", "other_types"];
const OTHER_TYPES: &str = "other_types";

pub struct Features {
    /// Every path-group feature, in order of name.
    pub groups: Vec<String>,
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
        let candidates: Vec<Vec<String>> = segments
            .iter()
            .map(|s| {
                vec![
                    names::snake(s)
                        .trim_start_matches("r#")
                        .trim_end_matches('_')
                        .to_string(),
                ]
            })
            .collect();
        let feature_names = names::assign_unique(&candidates, RESERVED, "_");
        let feature_of = |segment: &str| {
            feature_names[segments.iter().position(|s| *s == segment).unwrap_or(0)].clone()
        };
        let operations: Vec<String> = api
            .operations
            .iter()
            .map(|op| feature_of(&path_group(&op.path)))
            .collect();

        let mut users: Vec<BTreeSet<String>> = vec![BTreeSet::new(); api.types.len()];
        for (segment, feature) in segments.iter().zip(&feature_names) {
            let needed = type_closure(
                api,
                api.operations
                    .iter()
                    .filter(|op| path_group(&op.path) == *segment),
            );
            for (index, yes) in needed.into_iter().enumerate() {
                if yes {
                    users[index].insert(feature.clone());
                }
            }
        }
        let types = users
            .into_iter()
            .map(|set| match set.len() {
                0 => Some(vec![OTHER_TYPES.to_string()]),
                n if n == feature_names.len() => None,
                _ => Some(set.into_iter().collect()),
            })
            .collect();
        let mut groups = feature_names;
        groups.sort();
        Features {
            groups,
            operations,
            types,
        }
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

    /// `items` behind the operation's feature, when there are features.
    pub fn gate_operation(
        features: Option<&Self>,
        index: usize,
        items: TokenStream,
    ) -> TokenStream {
        match features {
            Some(features) => gate_items(&features.operation_cfg(index), items),
            None => items,
        }
    }

    /// `items` behind the features that need the type, when there are features.
    pub fn gate_type(features: Option<&Self>, index: usize, items: TokenStream) -> TokenStream {
        match features {
            Some(features) => gate_items(&features.type_cfg(index), items),
            None => items,
        }
    }

    /// Whether any type is needed by no operation.
    pub fn has_other_types(&self) -> bool {
        self.types
            .iter()
            .any(|t| t.as_deref() == Some(&[OTHER_TYPES.to_string()][..]))
    }
}

/// Puts `cfg` before every item of `items` (a sequence of structs, enums,
/// impls, fns): an item ends at its top-level `{...}` or `;`.
pub fn gate_items(cfg: &TokenStream, items: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let mut out = TokenStream::new();
    let mut at_start = true;
    for token in items {
        if at_start {
            out.extend(cfg.clone());
        }
        let ends = match &token {
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            TokenTree::Punct(punct) => punct.as_char() == ';',
            _ => false,
        };
        out.extend(std::iter::once(token));
        at_start = ends;
    }
    out
}
