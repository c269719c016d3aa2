//! Parts of an API: the operations under some paths and exactly the types
//! they need. `--include /deviceManagement/**` keeps the Intune part of Graph;
//! path groups (the first path segment) become cargo features of a crate.

use crate::model::{Api, Operation, TypeId, TypeKind, TypeRef, visit_type_refs};

/// Whether `path` matches a pattern of segments: `*` is one segment, `**` any
/// number of them (none included), `{...}` in a path matches `*` or itself.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    // A key in parentheses is a segment of its own: `/products({id})/variants`
    // matches `/products/*/variants` as `/products/{id}/variants` does.
    let path: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .flat_map(|s| match s.split_once('(') {
            Some((name, key)) if !name.is_empty() && key.ends_with(')') => {
                vec![name, &key[..key.len() - 1]]
            }
            _ => vec![s],
        })
        .collect();
    fn walk(pattern: &[&str], path: &[&str]) -> bool {
        match pattern.split_first() {
            None => path.is_empty(),
            Some((&"**", rest)) => (0..=path.len()).any(|skip| walk(rest, &path[skip..])),
            Some((segment, rest)) => match path.split_first() {
                Some((first, after)) => (*segment == "*" || segment == first) && walk(rest, after),
                None => false,
            },
        }
    }
    walk(&pattern, &path)
}

/// Which types the operations need: the types of their parameters, bodies
/// and responses, everything those hold or inherit from, and the types
/// derived from any type held as a value (a page of `attachment` may hold a
/// `fileAttachment`, which the caller can only read if it is there). A type
/// reached only as a base does not bring its derived types, and neither does
/// a base of more than a quarter of all struct types (Graph's `entity`, below
/// 1,085 of 2,961, the type of a few "any entity" navigations): that would
/// be most of the API.
pub fn type_closure<'a>(
    api: &Api,
    operations: impl IntoIterator<Item = &'a Operation>,
) -> Vec<bool> {
    type_closure_with(api, operations, [])
}

/// [`type_closure`] of `operations` and of the types `roots`, held as values.
pub fn type_closure_with<'a>(
    api: &Api,
    operations: impl IntoIterator<Item = &'a Operation>,
    roots: impl IntoIterator<Item = TypeId>,
) -> Vec<bool> {
    let derived = derived_types(api);
    let mut needed = vec![false; api.types.len()];
    let mut held = vec![false; api.types.len()];
    // (type, reached as a value rather than only as a base)
    let mut stack: Vec<(TypeId, bool)> = Vec::new();
    let mut values: Vec<TypeId> = roots.into_iter().collect();
    for op in operations {
        for parameter in &op.parameters {
            named(&parameter.ty, &mut values);
        }
        let bodies = op
            .request_body
            .iter()
            .chain(op.responses.iter().filter_map(|r| r.body.as_ref()));
        for body in bodies {
            if let Some(ty) = &body.ty {
                named(ty, &mut values);
            }
        }
    }
    stack.extend(values.drain(..).map(|id| (id, true)));
    while let Some((id, as_value)) = stack.pop() {
        if as_value && !std::mem::replace(&mut held[id.0], true) {
            stack.extend(derived[id.0].iter().map(|&d| (d, true)));
        }
        if std::mem::replace(&mut needed[id.0], true) {
            continue;
        }
        match &api.type_def(id).kind {
            TypeKind::Struct(s) => {
                stack.extend(s.base.map(|b| (b, false)));
                for property in &s.properties {
                    named(&property.ty, &mut values);
                }
            }
            TypeKind::Union(u) => u.variants.iter().for_each(|v| named(&v.ty, &mut values)),
            TypeKind::Enum(_) => {}
        }
        stack.extend(values.drain(..).map(|id| (id, true)));
    }
    needed
}

/// Per type: the struct types that name it as their base, none for a base of
/// more than a quarter of all struct types.
fn derived_types(api: &Api) -> Vec<Vec<TypeId>> {
    let base = |def: &crate::model::TypeDef| match &def.kind {
        TypeKind::Struct(s) => s.base,
        _ => None,
    };
    let mut derived = vec![Vec::new(); api.types.len()];
    let mut below = vec![0usize; api.types.len()];
    let mut structs = 0;
    for (index, def) in api.types.iter().enumerate() {
        structs += usize::from(matches!(def.kind, TypeKind::Struct(_)));
        if let Some(b) = base(def) {
            derived[b.0].push(TypeId(index));
        }
        // The chain is acyclic and bounded (`Api::validate`).
        let mut above = base(def);
        while let Some(b) = above {
            below[b.0] += 1;
            above = base(api.type_def(b));
        }
    }
    for (list, count) in derived.iter_mut().zip(below) {
        if count * 4 > structs {
            list.clear();
        }
    }
    derived
}

/// The named types `ty` holds, at any depth.
pub(crate) fn named(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named(inner, out),
        TypeRef::Primitive(_) | TypeRef::Any => {}
    }
}

/// The operations whose path matches one of `patterns`, and the types they need.
pub fn include(api: &Api, patterns: &[String]) -> Result<Api, String> {
    let operations: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|op| patterns.iter().any(|p| matches(p, &op.path.template())))
        .collect();
    if operations.is_empty() {
        return Err(format!(
            "no operation's path matches {}",
            patterns.join(", ")
        ));
    }
    let needed = type_closure(api, operations.iter().copied());
    let mut subset = Api {
        types: Vec::new(),
        operations: operations.into_iter().cloned().collect(),
        ..api.clone()
    };
    subset.types = api.types.clone();
    keep_types(&mut subset, &needed);
    Ok(subset)
}

/// Keeps the types marked in `keep` (every type a kept one names must be
/// kept too), in their order, with every reference to them renumbered.
pub fn keep_types(api: &mut Api, keep: &[bool]) {
    let mut new_ids = vec![None; api.types.len()];
    let mut types = Vec::new();
    for (index, def) in std::mem::take(&mut api.types).into_iter().enumerate() {
        if keep[index] {
            new_ids[index] = Some(TypeId(types.len()));
            types.push(def);
        }
    }
    for def in &mut types {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.base = s.base.and_then(|b| new_ids[b.0]);
        }
    }
    for op in &mut api.operations {
        // `if_match` is settled already; the subject may be out of the closure.
        op.subject = op.subject.and_then(|s| new_ids[s.0]);
    }
    visit_type_refs(&mut types, &mut api.operations, |ty| remap(ty, &new_ids));
    api.types = types;
}

fn remap(ty: &mut TypeRef, new_ids: &[Option<TypeId>]) {
    match ty {
        // Every type reached is in the closure, so it has a new id.
        TypeRef::Named(id) => *id = new_ids[id.0].unwrap_or(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            remap(inner, new_ids)
        }
        TypeRef::Primitive(_) | TypeRef::Any => {}
    }
}

/// The group of a path: its first segment (`/users/{id}/messages` ->
/// `users`), `root` when that is not literal text.
pub fn path_group(path: &crate::model::PathTemplate) -> String {
    path.first_segment().unwrap_or("root").to_string()
}

#[cfg(test)]
mod tests {
    use super::{matches, path_group};
    use crate::model::PathTemplate;

    fn path(parts: &[&str]) -> PathTemplate {
        let mut path = PathTemplate::default();
        for part in parts {
            match part.strip_prefix('{') {
                Some(name) => path.push_parameter(name.trim_end_matches('}'), false),
                None => path.push_literal(part),
            }
        }
        path
    }

    #[test]
    fn a_group_is_a_literal_first_segment() {
        let group = |parts: &[&str]| path_group(&path(parts));
        assert_eq!(group(&["/users/", "{id}", "/messages"]), "users");
        assert_eq!(group(&["/products(", "{id}", ")/variants"]), "products");
        assert_eq!(group(&["/me"]), "me");
        assert_eq!(group(&["/"]), "root");
        assert_eq!(group(&["/", "{owner}", "/repos"]), "root");
        assert_eq!(group(&["/v", "{version}", "/items"]), "root");
    }

    #[test]
    fn keys_in_parentheses_are_segments() {
        assert!(matches(
            "/products/*/variants",
            "/products({product-id})/variants"
        ));
        assert!(matches("/products/**", "/products('{id}')"));
        assert!(!matches("/products", "/products({product-id})"));
    }

    #[test]
    fn path_patterns() {
        assert!(matches("/deviceManagement/**", "/deviceManagement"));
        assert!(matches(
            "/deviceManagement/**",
            "/deviceManagement/userPfxCertificates/{id}"
        ));
        assert!(!matches("/deviceManagement/**", "/users/{id}"));
        assert!(matches("/users/*/messages", "/users/{user-id}/messages"));
        assert!(!matches(
            "/users/*/messages",
            "/users/{user-id}/mailFolders/{id}/messages"
        ));
        assert!(matches(
            "/**/messages",
            "/users/{user-id}/mailFolders/{id}/messages"
        ));
        assert!(matches("/me", "/me"));
        assert!(!matches("/me", "/me/messages"));
    }
}
