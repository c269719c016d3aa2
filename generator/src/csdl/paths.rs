//! Operations of an entity container, by OData conventions:
//!
//! - entity set `/S`: list (GET, with the system query options) and create
//!   (POST, 201); its items `/S/{T-id}`: get, update (PATCH) and delete;
//! - singleton `/N`: get and update;
//! - a containment navigation property (`ContainsTarget="true"`) nests the
//!   same operations under its source: `/N/P`, `/N/P/{U-id}`, `/S/{T-id}/P`.
//!
//! Capabilities annotations (Read/Insert/Update/DeleteRestrictions, also
//! through NavigationRestrictions) leave operations out and give their
//! summaries. Operation ids follow Microsoft Graph's converter
//! (`users.user.ListUser`, `deviceManagement.ListUserPfxCertificates`), so a
//! CSDL description and the OpenAPI made from it name operations alike.

use roxmltree::Node;

use super::Converter;
use super::conventions::{Labels, json_body, json_response, upper_first};
use super::document::children;
use crate::error::Result;
use crate::model::*;

/// Where operations hang: an entity set or singleton, and the containment
/// navigation that led from it to the current path.
#[derive(Clone)]
pub(super) struct Source<'a, 'input> {
    pub element: Node<'a, 'input>,
    /// Annotation target of the set or singleton (`ns.Container/S`).
    pub target: String,
    pub name: String,
    pub path: PathTemplate,
    /// Key parameters of the path so far.
    pub keys: Vec<Parameter>,
    /// Navigation property names from the set or singleton (`One/Many`).
    pub navigation: Vec<String>,
    /// Containment navigation properties on the path: none is followed twice.
    followed: Vec<roxmltree::NodeId>,
    /// The entity types the path went through, the set's or singleton's first.
    entered: Vec<TypeId>,
    /// The path re-entered a type on it once (a folder's child folders);
    /// it does not again, or self-containment would multiply paths per level.
    recursed: bool,
}

/// What the operations at a path act on, and how they are named.
pub(super) struct Subject<'a, 'input> {
    pub entity: TypeId,
    /// Operation ids are `{prefix}.{Verb}{noun}`: `deviceManagement.ListUserPfxCertificates`.
    pub prefix: String,
    pub noun: String,
    pub labels: Labels,
    /// The navigation property that leads here, if any.
    pub navigation: Option<Node<'a, 'input>>,
}

/// One operation before the parts common to all are added.
pub(super) struct Draft<'l> {
    pub method: Method,
    pub verb: &'static str,
    /// The summary unless a Capabilities annotation gives one.
    pub label: &'l str,
    pub parameters: Vec<Parameter>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
}

/// What a Capabilities restriction says of one kind of request.
#[derive(Clone)]
pub(super) struct Allowed {
    pub allowed: bool,
    pub summary: Option<String>,
    pub description: Option<String>,
}

impl<'a, 'input> Converter<'a, 'input> {
    /// The operations of every entity container. The walk runs twice: first
    /// to see which paths reach the types actions and functions bind to
    /// (`actions.rs` chooses among them), then to make the operations.
    pub(super) fn convert_containers(&mut self) -> Result<Vec<Operation>> {
        self.bindings.survey();
        self.walk_containers()?;
        self.bindings.choose();
        self.walk_containers()
    }

    fn walk_containers(&mut self) -> Result<Vec<Operation>> {
        let mut operations = Vec::new();
        for schema in self.csdl.own_schemas().to_vec() {
            for container in children(schema, "EntityContainer") {
                let container_target = self.container_target(container);
                self.csdl
                    .unique_names(container.children().filter(Node::is_element))?;
                for element in container.children().filter(Node::is_element) {
                    let (is_set, type_attribute) = match element.tag_name().name() {
                        "EntitySet" => (true, "EntityType"),
                        "Singleton" => (false, "Type"),
                        _ => continue,
                    };
                    let name = self.csdl.required(element, "Name")?.to_string();
                    let written = self.csdl.required(element, type_attribute)?;
                    let TypeRef::Named(entity) = self.resolve(element, written)? else {
                        return Err(self
                            .csdl
                            .error(element, format!("`{written}` is not an entity type")));
                    };
                    let target = format!("{container_target}/{name}");
                    if self.has_etags(element, &target) {
                        self.add_etag(entity);
                    }
                    let source = Source {
                        element,
                        target,
                        name: name.clone(),
                        path: PathTemplate::literal(format!("/{name}")),
                        keys: Vec::new(),
                        navigation: Vec::new(),
                        followed: Vec::new(),
                        entered: vec![entity],
                        recursed: false,
                    };
                    let type_name = self.simple_name(entity);
                    let subject = Subject {
                        entity,
                        prefix: format!("{name}.{type_name}"),
                        noun: upper_first(&type_name),
                        labels: if is_set {
                            Labels::entity_set(&name)
                        } else {
                            Labels::singleton(&name)
                        },
                        navigation: None,
                    };
                    if is_set {
                        self.collection(&mut operations, &source, &subject)?;
                    } else {
                        self.single(&mut operations, &source, &subject, false)?;
                    }
                }
                self.imports(&mut operations, container)?;
            }
        }
        Ok(operations)
    }

    /// List and create at `source.path`, then the item operations under its key.
    /// The survey walk (`actions.rs`) only goes where the paths go.
    fn collection(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
    ) -> Result<()> {
        if !self.bindings.surveying() {
            self.list_and_create(operations, source, subject);
        }
        self.bound_operations(operations, source, subject, true)?;

        if !self.supports(source, subject.navigation, "IndexableByKey", None) {
            // No item paths; what the items contain is out of reach too.
            return Ok(());
        }
        let mut item = source.clone();
        let (segment, keys) = self.key_segment(source, subject.entity)?;
        item.path.append(&segment);
        item.keys.extend(keys);
        self.single(operations, &item, subject, true)
    }

    fn list_and_create(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
    ) {
        let (entity, navigation) = (subject.entity, subject.navigation);
        let read = self.restriction(source, navigation, "ReadRestrictions", "Readable", None);
        if read.allowed {
            let page = self.collection_response(entity);
            let mut parameters = source.keys.clone();
            parameters.extend(self.query_options(source, navigation, true));
            let responses = vec![json_response(
                200,
                "Retrieved collection",
                TypeRef::Named(page),
            )];
            let draft = Draft {
                method: Method::Get,
                verb: "List",
                label: &subject.labels.list,
                parameters,
                body: None,
                responses,
            };
            operations.push(self.operation(source, subject, read, draft));
        }
        let insert = self.restriction(source, navigation, "InsertRestrictions", "Insertable", None);
        // A media entity (HasStream) is created by sending its media, not JSON.
        if insert.allowed && self.has_stream(entity) {
            let create = self.media_create(source, subject, insert);
            operations.push(create);
        } else if insert.allowed {
            let body = Some(json_body("New entity", TypeRef::Named(entity)));
            let responses = vec![json_response(201, "Created entity", TypeRef::Named(entity))];
            let parameters = source.keys.clone();
            let draft = Draft {
                method: Method::Post,
                verb: "Create",
                label: &subject.labels.create,
                parameters,
                body,
                responses,
            };
            operations.push(self.operation(source, subject, insert, draft));
        }
    }

    /// Get, update and (for items and contained single values) delete at
    /// `source.path`; then what the entity contains.
    fn single(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
        deletable: bool,
    ) -> Result<()> {
        let making = !self.bindings.surveying();
        if making {
            self.get_update_delete(operations, source, subject, deletable);
        }
        self.bound_operations(operations, source, subject, false)?;
        if making {
            self.referenced(operations, source, subject.entity)?;
        }
        self.contained(operations, source, subject.entity)
    }

    fn get_update_delete(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
        deletable: bool,
    ) {
        let (entity, navigation, labels) = (subject.entity, subject.navigation, &subject.labels);
        let by_key = source.keys.len() > labels.keys_before;
        let read = self.restriction(
            source,
            navigation,
            "ReadRestrictions",
            "Readable",
            by_key.then_some("ReadByKeyRestrictions"),
        );
        let update = self.restriction(source, navigation, "UpdateRestrictions", "Updatable", None);
        let (media_read, media_update) = (read.clone(), update.clone());
        if read.allowed {
            let mut parameters = source.keys.clone();
            parameters.extend(self.query_options(source, navigation, false));
            let responses = vec![json_response(
                200,
                "Retrieved entity",
                TypeRef::Named(entity),
            )];
            let draft = Draft {
                method: Method::Get,
                verb: "Get",
                label: &labels.get,
                parameters,
                body: None,
                responses,
            };
            operations.push(self.operation(source, subject, read, draft));
        }
        if update.allowed {
            let draft = update_draft(&source.keys, &labels.update, entity);
            operations.push(self.operation(source, subject, update, draft));
        }
        let delete = self.restriction(source, navigation, "DeleteRestrictions", "Deletable", None);
        if deletable && delete.allowed {
            let draft = delete_draft(&source.keys, &labels.delete);
            operations.push(self.operation(source, subject, delete, draft));
        }
        self.media(operations, source, subject, &media_read, &media_update);
    }

    /// Operations of the containment navigation properties of `entity`
    /// (declared on it or a base type), nested under `source.path`.
    fn contained(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        entity: TypeId,
    ) -> Result<()> {
        for property in self.navigation_properties(entity) {
            if property.attribute("ContainsTarget") != Some("true") {
                continue;
            }
            let name = self.csdl.required(property, "Name")?.to_string();
            let Some((target, many)) = self.navigation_target(property)? else {
                continue;
            };
            // Recursive containment (a folder of folders) is described once
            // per path: a navigation property is not followed twice, nor a
            // second one back to a type already on the path.
            let recursion = source.entered.contains(&target);
            let again = source.followed.contains(&property.id()) || (recursion && source.recursed);
            if again || source.navigation.len() >= crate::limits::CONTAINMENT_DEPTH {
                continue;
            }
            let Some(mut nested) = self.navigate(source, property, &name) else {
                continue;
            };
            nested.followed.push(property.id());
            nested.entered.push(target);
            nested.recursed |= recursion;
            let mut segments = vec![source.name.clone()];
            segments.extend(source.navigation.iter().cloned());
            let subject = Subject {
                entity: target,
                prefix: segments.join("."),
                noun: upper_first(&name),
                labels: Labels::navigation(&name, &source.name, source.keys.len()),
                navigation: Some(property),
            };
            if many {
                self.collection(operations, &nested, &subject)?;
            } else {
                self.single(operations, &nested, &subject, true)?;
            }
        }
        Ok(())
    }

    /// The entity type a navigation property leads to, and whether to many;
    /// `None` for a property of another kind of type.
    pub(super) fn navigation_target(
        &self,
        property: Node<'a, 'input>,
    ) -> Result<Option<(TypeId, bool)>> {
        Ok(
            match self.resolve(property, self.csdl.required(property, "Type")?)? {
                TypeRef::Named(id) => Some((id, false)),
                TypeRef::Array(inner) => match *inner {
                    TypeRef::Named(id) => Some((id, true)),
                    _ => None,
                },
                _ => None,
            },
        )
    }

    /// The source one navigation further (`{path}/{name}`), unless the
    /// Capabilities say the property cannot be navigated.
    pub(super) fn navigate(
        &self,
        source: &Source<'a, 'input>,
        property: Node<'a, 'input>,
        name: &str,
    ) -> Option<Source<'a, 'input>> {
        let mut nested = source.clone();
        nested.path = source.path.join(&format!("/{name}"));
        nested.navigation.push(name.to_string());
        let navigability = self
            .capability(&nested, Some(property), "Navigability")
            .and_then(|n| n.attribute("EnumMember"));
        (!navigability.is_some_and(|member| member.ends_with("/None"))).then_some(nested)
    }

    /// A type and its bases, the type first. Stops at a repeat: a cycle of
    /// base types is reported by validation once operations are made.
    pub(super) fn base_chain(&self, entity: TypeId) -> Vec<TypeId> {
        let mut chain = vec![entity];
        while let TypeKind::Struct(StructType {
            base: Some(base), ..
        }) = &self.types[chain[chain.len() - 1].0].kind
        {
            if chain.contains(base) {
                break;
            }
            chain.push(*base);
        }
        chain
    }

    /// Whether an entity type (or a base) is a media entity.
    pub(super) fn has_stream(&self, entity: TypeId) -> bool {
        self.base_chain(entity).iter().any(|id| {
            self.elements
                .get(id.0)
                .is_some_and(|e| e.attribute("HasStream") == Some("true"))
        })
    }

    /// `NavigationProperty` elements of a type and its bases, base first.
    pub(super) fn navigation_properties(&self, entity: TypeId) -> Vec<Node<'a, 'input>> {
        self.base_chain(entity)
            .iter()
            .rev()
            .filter_map(|id| self.elements.get(id.0))
            .flat_map(|e| children(*e, "NavigationProperty"))
            .collect()
    }

    /// The key path segment of an entity type and its parameters: `/{user-id}`,
    /// or `(a={T-a},b='{T-b}')` for a key of several properties.
    pub(super) fn key_segment(
        &self,
        source: &Source<'a, 'input>,
        entity: TypeId,
    ) -> Result<(PathTemplate, Vec<Parameter>)> {
        let type_name = self.simple_name(entity);
        let key = self.key_properties(entity);
        if key.is_empty() {
            let element = self
                .elements
                .get(entity.0)
                .copied()
                .unwrap_or(source.element);
            return Err(self
                .csdl
                .error(element, "entity type has no `Key`, on it or a base type"));
        }
        // A name not yet used on this path: `folder-id`, then `folder-id1`.
        let unique = |base: String| {
            (0..)
                .map(|n| {
                    if n == 0 {
                        base.clone()
                    } else {
                        format!("{base}{n}")
                    }
                })
                .find(|candidate| !source.keys.iter().any(|p| &p.name == candidate))
                .unwrap_or(base.clone())
        };
        let parameter = |name: String, ty: TypeRef| Parameter {
            name,
            location: ParameterLocation::Path,
            description: Some(format!("The unique identifier of {type_name}")),
            required: true,
            ty,
            explode: false,
            deep_object: false,
            option: None,
        };
        if let [(_, ty)] = key.as_slice() {
            let name = unique(format!("{type_name}-id"));
            let quoted = *ty == TypeRef::Primitive(Primitive::String);
            // `/{user-id}` or OData's canonical `('{id}')`.
            let segment = if self.keys_as_segments {
                let mut segment = PathTemplate::literal("/");
                segment.push_parameter(name.clone(), false);
                segment
            } else {
                let mut segment = PathTemplate::literal("(");
                segment.push_parameter(name.clone(), quoted);
                segment.push_literal(")");
                segment
            };
            return Ok((segment, vec![parameter(name, ty.clone())]));
        }
        let mut segment = PathTemplate::literal("(");
        let mut parameters = Vec::new();
        for (index, (property, ty)) in key.into_iter().enumerate() {
            let name = unique(format!("{type_name}-{property}"));
            let separator = if index == 0 { "" } else { "," };
            segment.push_literal(&format!("{separator}{property}="));
            segment.push_parameter(name.clone(), ty == TypeRef::Primitive(Primitive::String));
            parameters.push(parameter(name, ty));
        }
        segment.push_literal(")");
        Ok((segment, parameters))
    }

    /// Names and types of the key properties, from the nearest type that declares a key.
    fn key_properties(&self, entity: TypeId) -> Vec<(String, TypeRef)> {
        let chain = self.base_chain(entity);
        let Some(key) = chain.iter().find_map(|id| {
            self.elements
                .get(id.0)
                .and_then(|e| children(*e, "Key").next())
        }) else {
            return Vec::new();
        };
        let property_type = |name: &str| {
            chain.iter().find_map(|id| match &self.types[id.0].kind {
                TypeKind::Struct(s) => s
                    .properties
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| p.ty.clone()),
                TypeKind::Enum(_) | TypeKind::Union(_) => None,
            })
        };
        children(key, "PropertyRef")
            .filter_map(|r| r.attribute("Name"))
            .map(|name| {
                (
                    name.to_string(),
                    property_type(name).unwrap_or(TypeRef::Primitive(Primitive::String)),
                )
            })
            .collect()
    }

    pub(super) fn operation(
        &mut self,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
        allowed: Allowed,
        draft: Draft,
    ) -> Operation {
        let Draft {
            method,
            verb,
            label,
            parameters,
            body,
            mut responses,
        } = draft;
        responses.extend(self.error_responses());
        Operation {
            id: Some(format!("{}.{verb}{}", subject.prefix, subject.noun)),
            method,
            path: source.path.clone(),
            summary: allowed.summary.or_else(|| Some(label.to_string())),
            description: allowed.description,
            parameters,
            request_body: body,
            responses,
            // Lists and creates address a collection; the others one entity.
            subject: matches!(verb, "Get" | "Update" | "Delete").then_some(subject.entity),
            if_match: false,
            conditional_headers: Vec::new(),
        }
    }

    /// `microsoft.graph.user` -> `user`.
    fn simple_name(&self, id: TypeId) -> String {
        let name = &self.types[id.0].name;
        name.rsplit('.').next().unwrap_or(name).to_string()
    }
}

/// PATCH of an entity: OData answers 200 with the entity when asked for it
/// (Prefer), else 204.
fn update_draft<'l>(keys: &[Parameter], label: &'l str, entity: TypeId) -> Draft<'l> {
    Draft {
        method: Method::Patch,
        verb: "Update",
        label,
        parameters: keys.to_vec(),
        body: Some(json_body("New property values", TypeRef::Named(entity))),
        responses: vec![
            json_response(200, "Success", TypeRef::Named(entity)),
            Response {
                status: StatusMatch::Code(204),
                description: Some("Success, without the updated entity".into()),
                body: None,
            },
        ],
    }
}

/// DELETE of an entity, with the `If-Match` an ETag guards it with.
fn delete_draft<'l>(keys: &[Parameter], label: &'l str) -> Draft<'l> {
    let mut parameters = keys.to_vec();
    parameters.push(Parameter {
        name: "If-Match".into(),
        location: ParameterLocation::Header,
        description: Some("ETag".into()),
        required: false,
        ty: TypeRef::Primitive(Primitive::String),
        explode: false,
        deep_object: false,
        option: None,
    });
    Draft {
        method: Method::Delete,
        verb: "Delete",
        label,
        parameters,
        body: None,
        responses: vec![Response {
            status: StatusMatch::Code(204),
            description: Some("Success".into()),
            body: None,
        }],
    }
}
