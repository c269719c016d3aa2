//! Rust names for everything in an [`Api`], given once before any code is
//! emitted: types (model types first, then the property enums and update
//! types the emitters add), request types and client methods, and the facts
//! about types every emitter needs (boxing, `Default`, subtypes, cycles).

use std::collections::BTreeMap;

use super::member_names::{self, MemberNames, UpdateNames};
use super::shipped::SHIPPED_FILES;
use super::{client, cycles, facts, reserved};
use crate::model::{Api, Property, TypeId, TypeKind};
use crate::names;

/// Rust names for everything in an [`Api`], by index.
pub(crate) struct RustNames<'a> {
    /// Per type: a struct's properties, its bases' first (`Api::all_properties`),
    /// gathered once for every emitter; empty for enums and unions.
    pub properties: Vec<Vec<&'a Property>>,
    /// Per type: the type's name.
    pub types: Vec<String>,
    /// Per operation: the `PascalCase` request type and `snake_case` method.
    pub operation_types: Vec<String>,
    pub operation_fns: Vec<String>,
    /// Per type: a flags enum, whose values are spelled `Flags<Type>`.
    pub flag_sets: Vec<bool>,
    /// Per type: the names of its fields (base first) or variants, and of
    /// the one for what the description does not name (`member_names.rs`).
    pub members: Vec<MemberNames>,
    /// The variants of each property-name enum.
    pub property_variants: BTreeMap<TypeId, MemberNames>,
    /// The fields, setters and clearers of each update type.
    pub updates: BTreeMap<TypeId, UpdateNames>,
    /// Per type: the setters of a type requests send (one per field a
    /// request may set); empty for the others.
    pub setters: Vec<Vec<String>>,
    /// The constants of the `servers` module, one per server.
    pub servers: Vec<String>,
    /// Per operation: the entity whose property names its `$select` and
    /// `$orderby` take (`odata::selectable_subject`).
    pub selectable: Vec<Option<TypeId>>,
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

impl<'a> RustNames<'a> {
    pub fn assign(api: &'a Api) -> Self {
        let properties: Vec<Vec<&Property>> = (0..api.types.len())
            .map(|index| match api.types[index].kind {
                TypeKind::Struct(_) => api.all_properties(TypeId(index)),
                TypeKind::Enum(_) | TypeKind::Union(_) => Vec::new(),
            })
            .collect();
        // What the emitted code names unqualified (`Option`, `Into`, `Operation`).
        let reserved: Vec<&str> = reserved::type_names().iter().map(String::as_str).collect();
        let types = assign_type_names(api, &reserved);
        let selectable: Vec<Option<TypeId>> = api
            .operations
            .iter()
            .map(|op| facts::selectable_subject(api, op))
            .collect();
        let property_enums = added_names(
            &types,
            &reserved,
            selectable.iter().flatten().copied().collect(),
            ["Property", "PropertyName"],
        );
        let update_types = added_names(
            &types,
            &reserved,
            facts::update_types(api),
            ["Update", "Changes"],
        );
        let (operation_types, operation_fns) = operation_names(api, &reserved);
        let sent_types = facts::sent_types(api);
        let trait_methods = reserved::methods();
        let members = Members::assign(
            api,
            &properties,
            &types,
            (&property_enums, &update_types, &sent_types),
            trait_methods,
        );
        RustNames {
            cycles: cycles::cycle_components(api, &properties),
            boxed: api
                .types
                .iter()
                .map(|t| matches!(t.kind, TypeKind::Struct(_) | TypeKind::Union(_)))
                .collect(),
            has_default: facts::defaults(api, &properties),
            has_subtypes: facts::subtypes(api),
            binary_encoding: api.binary_encoding,
            sent_types,
            trait_methods,
            servers: member_names::servers(api),
            members: members.members,
            property_variants: members.property_variants,
            updates: members.updates,
            setters: members.setters,
            selectable,
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
            properties,
        }
    }

    /// A struct's properties, its bases' first; none for other types.
    pub fn properties(&self, id: TypeId) -> &[&'a Property] {
        &self.properties[id.0]
    }
}

/// The names inside every type ([`member_names`]), each type's properties
/// gathered once for all of them.
struct Members {
    members: Vec<MemberNames>,
    property_variants: BTreeMap<TypeId, MemberNames>,
    updates: BTreeMap<TypeId, UpdateNames>,
    setters: Vec<Vec<String>>,
}

impl Members {
    fn assign(
        api: &Api,
        properties: &[Vec<&Property>],
        types: &[String],
        (property_enums, update_types, sent): (
            &BTreeMap<TypeId, String>,
            &BTreeMap<TypeId, String>,
            &[bool],
        ),
        trait_methods: &reserved::Relied,
    ) -> Self {
        let update_taken: Vec<&str> = trait_methods
            .update_methods
            .iter()
            .map(String::as_str)
            .chain(["new"])
            .collect();
        let mut out = Members {
            members: Vec::with_capacity(api.types.len()),
            property_variants: BTreeMap::new(),
            updates: BTreeMap::new(),
            setters: vec![Vec::new(); api.types.len()],
        };
        for (index, def) in api.types.iter().enumerate() {
            let id = TypeId(index);
            let members = match &def.kind {
                TypeKind::Enum(e) => member_names::enum_members(e),
                TypeKind::Union(u) => member_names::union_variants(types, u),
                TypeKind::Struct(_) => {
                    let properties = &properties[index];
                    let fields = member_names::struct_fields(properties);
                    if property_enums.contains_key(&id) {
                        let variants = member_names::property_variants(properties);
                        out.property_variants.insert(id, variants);
                    }
                    if update_types.contains_key(&id) {
                        let update =
                            member_names::update_names(properties, &fields.names, &update_taken);
                        out.updates.insert(id, update);
                    }
                    if sent[index] {
                        out.setters[index] = member_names::sent_setters(properties, &fields.names);
                    }
                    fields
                }
            };
            out.members.push(members);
        }
        out
    }
}

/// The request types' and client methods' names of the operations.
fn operation_names(api: &Api, reserved: &[&str]) -> (Vec<String>, Vec<String>) {
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
    // The two sets of operation names are the slow part: made side by side.
    std::thread::scope(|scope| {
        // `new`, `execute` and friends are the client's own methods.
        let fns = scope.spawn(|| {
            let client: Vec<&str> = client_methods().iter().map(String::as_str).collect();
            operation_names(names::snake, &client, "_")
        });
        // Request types live beside `Option`, `Result`, ... and the imported `Operation`.
        let types = operation_names(names::pascal, reserved, "");
        (
            types,
            fns.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    })
}

/// Names of the types the emitters add beside model types (property enums,
/// update types), after the model's, which keep theirs: `{type}{suffix}`
/// with the first suffix that is free.
fn added_names(
    types: &[String],
    reserved: &[&str],
    ids: std::collections::BTreeSet<TypeId>,
    suffixes: [&str; 2],
) -> BTreeMap<TypeId, String> {
    let taken: Vec<&str> = types
        .iter()
        .map(String::as_str)
        .chain(reserved.iter().copied())
        .collect();
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
