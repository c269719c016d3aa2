//! The conventions pass: what follows from the service's dialect, settled in
//! the model once, after either front end and before any emitter.
//!
//! Front ends state what their format says (CSDL: the vocabularies; OpenAPI:
//! `readOnly`, `required`); this pass adds what the OData JSON format and
//! Microsoft Graph imply for a description of that dialect:
//!
//! - a struct with `value: [T]` and `@odata.nextLink: string` is a page;
//! - `$top`, `$skip`, `$search`, `$filter`, `$count`, `$orderby`, `$select`
//!   and `$expand` of the right types are system query options;
//! - properties named `@...` are control information, not data;
//! - `@odata.type` names the type of a value (polymorphism);
//! - an entity's ETag is in `@odata.etag` (Graph: also its `eTag` property);
//! - Graph's key, `id` of `microsoft.graph.entity`, is set on create only
//!   (CSDL says so by `Key`; OpenAPI made from it does not) and made by
//!   Graph, so a create need not send it;
//! - Graph's `Json`, an empty complex type that stands for any JSON value
//!   (workbook `values`, `formulas`), is any JSON value;
//! - a change of an entity with an ETag (PATCH, PUT, DELETE, a bound action)
//!   may send `If-Match`.
//!
//! For every dialect, the variants of a union without a discriminator are put
//! most specific first, since the first that reads a value is the one, and
//! a variant is ruled out by a value another variant names and it does not
//! (`unions.rs`).
//!
//! Emitters read these facts from the model and recognise no names.

use crate::model::*;

mod unions;

pub fn settle(api: &mut Api) {
    if api.dialect.is_odata() {
        for def in &mut api.types {
            if let TypeKind::Struct(s) = &mut def.kind {
                mark_control_information(s);
            }
        }
        settle_name_lists(api);
        settle_pages(api);
        settle_etags(api);
        settle_type_tags(api);
        if api.dialect == Dialect::Graph {
            settle_graph_key(api);
            settle_graph_json(api);
            settle_graph_servers(api);
        }
        for op in &mut api.operations {
            for parameter in &mut op.parameters {
                parameter.option = parameter.option.or_else(|| system_query_option(parameter));
            }
        }
        if api.dialect == Dialect::Graph {
            settle_eventual_consistency(api);
        }
    }
    settle_if_match(api);
    unions::settle_order(api);
    unions::settle_exclusions(api);
}

/// Graph's national clouds, for a description that names no server (its
/// CSDL names none, nor its version: v1.0's, unless the user gives others).
fn settle_graph_servers(api: &mut Api) {
    const CLOUDS: [(&str, &str); 4] = [
        ("https://graph.microsoft.com/v1.0", "Global service"),
        ("https://graph.microsoft.us/v1.0", "US Government L4"),
        (
            "https://dod-graph.microsoft.us/v1.0",
            "US Government L5 (DOD)",
        ),
        (
            "https://microsoftgraph.chinacloudapi.cn/v1.0",
            "China operated by 21Vianet",
        ),
    ];
    if api.servers.is_empty() {
        api.servers = CLOUDS
            .iter()
            .map(|(url, description)| Server {
                url: url.to_string(),
                description: Some(description.to_string()),
            })
            .collect();
    }
}

/// Graph answers `$count` and `$search` on directory objects only with
/// `ConsistencyLevel: eventual`; an operation that takes either sends it
/// when `$count` is true or a `$search` is set.
fn settle_eventual_consistency(api: &mut Api) {
    for op in &mut api.operations {
        let option = |wanted: QueryOption| {
            op.parameters
                .iter()
                .find(|p| p.option == Some(wanted))
                .map(|p| p.name.clone())
        };
        let when: Vec<Condition> = [
            option(QueryOption::Count).map(Condition::IsTrue),
            option(QueryOption::Search).map(Condition::IsSet),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !when.is_empty() {
            op.conditional_headers.push(ConditionalHeader {
                name: "ConsistencyLevel".into(),
                value: "eventual".into(),
                when,
            });
        }
    }
}

fn mark_control_information(s: &mut StructType) {
    for property in &mut s.properties {
        if property.name.starts_with('@') {
            property.control = true;
        }
        // Microsoft's converter requires `@odata.type` on every type, and
        // answers leave it out where the value is of the type named.
        if property.name == "@odata.type" {
            property.required = false;
        }
    }
}

/// `$select`, `$orderby` and `$expand` given as a list of an enum of names
/// per operation (Microsoft's converter: 9,189 of them for Graph v1.0) are
/// the system query options: lists of names, which the emitters type by the
/// entity's own property enum. The per-operation enums, named nowhere else,
/// are left out.
fn settle_name_lists(api: &mut Api) {
    let mut replaced = vec![false; api.types.len()];
    for op in &mut api.operations {
        for parameter in &mut op.parameters {
            if parameter.location != ParameterLocation::Query
                || !matches!(parameter.name.as_str(), "$select" | "$orderby" | "$expand")
            {
                continue;
            }
            let TypeRef::Array(items) = &parameter.ty else {
                continue;
            };
            let TypeRef::Named(id) = **items else {
                continue;
            };
            if matches!(&api.types[id.0].kind, TypeKind::Enum(e) if !e.is_integer) {
                replaced[id.0] = true;
                parameter.ty = TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)));
                parameter.explode = false;
            }
        }
    }
    if !replaced.contains(&true) {
        return;
    }
    let mut named = Vec::new();
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                named.extend(s.base);
                for p in &s.properties {
                    crate::subset::named(&p.ty, &mut named);
                }
            }
            TypeKind::Union(u) => {
                for v in &u.variants {
                    crate::subset::named(&v.ty, &mut named);
                }
            }
            TypeKind::Enum(_) => {}
        }
    }
    for op in &api.operations {
        named.extend(op.subject);
        for p in &op.parameters {
            crate::subset::named(&p.ty, &mut named);
        }
        let bodies = op
            .request_body
            .iter()
            .chain(op.responses.iter().filter_map(|r| r.body.as_ref()));
        for ty in bodies.filter_map(|b| b.ty.as_ref()) {
            crate::subset::named(ty, &mut named);
        }
    }
    let mut keep = vec![true; api.types.len()];
    for (index, replaced) in replaced.into_iter().enumerate() {
        keep[index] = !replaced;
    }
    for id in named {
        keep[id.0] = true;
    }
    crate::subset::keep_types(api, &keep);
}

fn settle_graph_key(api: &mut Api) {
    for def in api
        .types
        .iter_mut()
        .filter(|t| t.name == "microsoft.graph.entity")
    {
        if let TypeKind::Struct(s) = &mut def.kind {
            for p in s.properties.iter_mut().filter(|p| p.name == "id") {
                if p.access == Access::ReadWrite {
                    p.access = Access::CreateOnly;
                }
                // Graph makes the id of what is created.
                p.required = false;
            }
        }
    }
}

fn settle_graph_json(api: &mut Api) {
    let Some(json) = api.types.iter().position(|t| {
        t.name == "microsoft.graph.Json"
            && matches!(&t.kind, TypeKind::Struct(s) if s.properties.iter().all(|p| p.control) && s.base.is_none())
    }) else {
        return;
    };
    fn any(ty: &mut TypeRef, json: usize) {
        match ty {
            TypeRef::Named(id) if id.0 == json => *ty = TypeRef::Any,
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                any(inner, json)
            }
            _ => {}
        }
    }
    visit_type_refs(&mut api.types, &mut api.operations, |ty| any(ty, json));
}

/// `value` and `@odata.nextLink`, on the type or a base (and the
/// `@odata.deltaLink` of a delta query's pages).
fn settle_pages(api: &mut Api) {
    let pages: Vec<(usize, Page)> = (0..api.types.len())
        .filter_map(|index| {
            let TypeKind::Struct(s) = &api.types[index].kind else {
                return None;
            };
            if s.page.is_some() {
                return None;
            }
            let properties = api.all_properties(TypeId(index));
            let find = |name: &str| properties.iter().find(|p| p.name == name);
            let items = find("value").filter(|p| matches!(p.ty, TypeRef::Array(_)))?;
            let next = find("@odata.nextLink")
                .filter(|p| p.ty == TypeRef::Primitive(Primitive::String))?;
            let delta =
                find("@odata.deltaLink").filter(|p| p.ty == TypeRef::Primitive(Primitive::String));
            Some((
                index,
                Page {
                    items: items.name.clone(),
                    next_link: next.name.clone(),
                    delta_link: delta.map(|p| p.name.clone()),
                },
            ))
        })
        .collect();
    for (index, page) in pages {
        if let TypeKind::Struct(s) = &mut api.types[index].kind {
            s.page = Some(page);
        }
    }
}

/// `@odata.type`, on the type or a base, says which type a value is.
fn settle_type_tags(api: &mut Api) {
    let tags: Vec<bool> = (0..api.types.len())
        .map(|index| {
            matches!(api.types[index].kind, TypeKind::Struct(_))
                && api.all_properties(TypeId(index)).iter().any(|p| {
                    p.name == "@odata.type" && p.ty == TypeRef::Primitive(Primitive::String)
                })
        })
        .collect();
    for (def, tagged) in api.types.iter_mut().zip(tags) {
        if let TypeKind::Struct(s) = &mut def.kind {
            if tagged && s.type_tag.is_none() {
                s.type_tag = Some("@odata.type".into());
            }
        }
    }
}

/// An `@odata.etag` property (or, for Graph, `eTag`) holds the ETag of the
/// type and of the types derived from it.
fn settle_etags(api: &mut Api) {
    let graph = api.dialect == Dialect::Graph;
    let etags: Vec<Option<String>> = (0..api.types.len())
        .map(|index| {
            let TypeKind::Struct(s) = &api.types[index].kind else {
                return None;
            };
            if s.etag.is_some() {
                return s.etag.clone();
            }
            let properties = api.all_properties(TypeId(index));
            let text = |name: &str| {
                properties
                    .iter()
                    .find(|p| p.name == name && p.ty == TypeRef::Primitive(Primitive::String))
                    .map(|p| p.name.clone())
            };
            text("@odata.etag").or_else(|| graph.then(|| text("eTag")).flatten())
        })
        .collect();
    for (def, etag) in api.types.iter_mut().zip(etags) {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.etag = etag;
        }
    }
}

/// The option a query parameter is, by OData's names and the types the
/// runtime gives them. A required one stays a parameter of its own.
fn system_query_option(parameter: &Parameter) -> Option<QueryOption> {
    if parameter.location != ParameterLocation::Query || parameter.required {
        return None;
    }
    let primitive = |p: Primitive| parameter.ty == TypeRef::Primitive(p);
    let text_list = !parameter.explode
        && parameter.ty == TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)));
    let option = match parameter.name.as_str() {
        // Microsoft's converter writes them as `integer` (64 bits).
        "$top" if primitive(Primitive::Int32) || primitive(Primitive::Int64) => QueryOption::Top,
        "$skip" if primitive(Primitive::Int32) || primitive(Primitive::Int64) => QueryOption::Skip,
        "$search" if primitive(Primitive::String) => QueryOption::Search,
        "$filter" if primitive(Primitive::String) => QueryOption::Filter,
        "$count" if primitive(Primitive::Boolean) => QueryOption::Count,
        "$orderby" if text_list => QueryOption::OrderBy,
        "$select" if text_list => QueryOption::Select,
        "$expand" if text_list => QueryOption::Expand,
        _ => return None,
    };
    Some(option)
}

/// `If-Match` for the changes of an entity that has an ETag, unless the
/// operation declares the header itself.
fn settle_if_match(api: &mut Api) {
    let flags: Vec<bool> = api
        .operations
        .iter()
        .map(|op| {
            let changes = match op.method {
                Method::Patch | Method::Put | Method::Delete => true,
                // A bound action: the path addresses one entity.
                Method::Post => op.subject.is_some(),
                _ => false,
            };
            let entity = op.subject.or_else(|| api.patched_struct(op));
            let has_etag = entity.is_some_and(
                |id| matches!(&api.type_def(id).kind, TypeKind::Struct(s) if s.etag.is_some()),
            );
            let declared = op.parameters.iter().any(|p| {
                p.location == ParameterLocation::Header && p.name.eq_ignore_ascii_case("If-Match")
            });
            op.if_match || (changes && has_etag && !declared)
        })
        .collect();
    for (op, flag) in api.operations.iter_mut().zip(flags) {
        op.if_match = flag;
    }
}
