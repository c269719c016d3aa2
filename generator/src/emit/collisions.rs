//! A check of an emitted crate: no two items of a module share a name in
//! one namespace, no struct has two fields of one name (no enum two
//! variants), and no two methods of one type's inherent impls share a name,
//! counting the runtime's own `Client` methods. rustc would refuse the
//! first ones; the last can also just hide a runtime method. Tests and the
//! fuzz targets run it over everything emitted.

use std::collections::{BTreeMap, BTreeSet};

use super::CrateFiles;

/// Each name defined twice, as `file: what`; empty for a sound crate.
pub fn duplicate_names(files: &CrateFiles) -> Vec<String> {
    let mut found = Vec::new();
    // Methods per type across the crate's files (`impl Client` is split), by
    // the type's path: `src/models.rs::Client` is not the runtime's.
    let mut methods: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for name in super::client_methods() {
        *methods
            .entry(CLIENT.into())
            .or_default()
            .entry(name.clone())
            .or_default() += 1;
    }
    for (path, text) in files.iter().filter(|(path, _)| path.ends_with(".rs")) {
        // The runtime's files were read above (`client_methods`) or are ours.
        if super::is_shipped(path) {
            continue;
        }
        let Ok(file) = syn::parse_file(text) else {
            found.push(format!("{path}: does not parse"));
            continue;
        };
        module_names(path, &file.items, &mut found);
        let imports: BTreeMap<String, String> = file
            .items
            .iter()
            .filter_map(|item| {
                if let syn::Item::Use(u) = item {
                    Some(use_paths(&u.tree, ""))
                } else {
                    None
                }
            })
            .flatten()
            .collect();
        for item in &file.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let (None, syn::Type::Path(ty)) = (&block.trait_, &*block.self_ty) else {
                continue;
            };
            let Some(last) = ty.path.segments.last() else {
                continue;
            };
            let name = last.ident.to_string();
            let key = imports
                .get(&name)
                .cloned()
                .unwrap_or_else(|| format!("{path}::{name}"));
            let per_type = methods.entry(key).or_default();
            for member in &block.items {
                if let syn::ImplItem::Fn(f) = member {
                    *per_type.entry(f.sig.ident.to_string()).or_default() += 1;
                }
            }
        }
    }
    for (ty, names) in methods {
        let ty = ty
            .strip_prefix("crate::transport::")
            .unwrap_or(&ty)
            .to_string();
        found.extend(
            names
                .into_iter()
                .filter(|(_, uses)| *uses > 1)
                .map(|(name, uses)| format!("{ty}::{name}: {uses} methods")),
        );
    }
    found
}

/// The runtime's client, as the files that add methods to it import it.
const CLIENT: &str = "crate::transport::Client";

/// Name -> path of what a `use` brings in (`crate::transport::Client`).
fn use_paths(tree: &syn::UseTree, prefix: &str) -> Vec<(String, String)> {
    match tree {
        syn::UseTree::Path(p) => use_paths(&p.tree, &format!("{prefix}{}::", p.ident)),
        syn::UseTree::Name(n) => vec![(n.ident.to_string(), format!("{prefix}{}", n.ident))],
        syn::UseTree::Rename(r) => vec![(r.rename.to_string(), format!("{prefix}{}", r.ident))],
        syn::UseTree::Glob(_) => Vec::new(),
        syn::UseTree::Group(g) => g.items.iter().flat_map(|t| use_paths(t, prefix)).collect(),
    }
}

/// Names in the type and value namespaces of one module, and its inline modules'.
fn module_names(path: &str, items: &[syn::Item], found: &mut Vec<String>) {
    let (mut types, mut values) = (BTreeSet::new(), BTreeSet::new());
    let mut inner_modules = Vec::new();
    // Per struct or enum: its fields or variants.
    let mut members: Vec<(String, &str, Vec<String>)> = Vec::new();
    let mut define = |set: &mut BTreeSet<String>, name: String, kind: &str| {
        if !set.insert(name.clone()) {
            found.push(format!("{path}: {kind} `{name}` is defined twice"));
        }
    };
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                let fields = s
                    .fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(ToString::to_string));
                members.push((s.ident.to_string(), "field", fields.collect()));
                define(&mut types, s.ident.to_string(), "type");
                // Unit and tuple structs are also values.
                if !matches!(s.fields, syn::Fields::Named(_)) {
                    define(&mut values, s.ident.to_string(), "value");
                }
            }
            syn::Item::Enum(e) => {
                members.push((
                    e.ident.to_string(),
                    "variant",
                    e.variants.iter().map(|v| v.ident.to_string()).collect(),
                ));
                define(&mut types, e.ident.to_string(), "type");
            }
            syn::Item::Trait(t) => define(&mut types, t.ident.to_string(), "type"),
            syn::Item::Type(t) => define(&mut types, t.ident.to_string(), "type"),
            syn::Item::Fn(f) => define(&mut values, f.sig.ident.to_string(), "value"),
            syn::Item::Const(c) => define(&mut values, c.ident.to_string(), "value"),
            syn::Item::Static(s) => define(&mut values, s.ident.to_string(), "value"),
            syn::Item::Mod(m) => {
                define(&mut types, m.ident.to_string(), "module");
                if let Some((_, inner)) = &m.content {
                    inner_modules.push((format!("{path}::{}", m.ident), inner));
                }
            }
            syn::Item::Use(u) => {
                for name in use_names(&u.tree) {
                    define(&mut types, name, "import");
                }
            }
            _ => {}
        }
    }
    for (owner, kind, names) in members {
        let mut seen = BTreeSet::new();
        for name in names.into_iter().filter(|name| !seen.insert(name.clone())) {
            found.push(format!("{path}: {kind} `{owner}::{name}` is defined twice"));
        }
    }
    for (inner_path, inner) in inner_modules {
        module_names(&inner_path, inner, found);
    }
}

/// The names a `use` brings in (`a::{B, C as D}` -> `B`, `D`); none for globs.
fn use_names(tree: &syn::UseTree) -> Vec<String> {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree),
        syn::UseTree::Name(n) => vec![n.ident.to_string()],
        syn::UseTree::Rename(r) => vec![r.rename.to_string()],
        syn::UseTree::Glob(_) => Vec::new(),
        syn::UseTree::Group(g) => g.items.iter().flat_map(use_names).collect(),
    }
}
