//! Navigation properties that are not containments: the related entities
//! live in an entity set of their own, and the source holds references to
//! them (a group's `members`, a user's `manager`). Under an entity set's items
//! and singletons, such a property gives:
//!
//! - to many: list the related entities (`GET /groups/{group-id}/members`,
//!   with the query options), add a reference (`POST .../members/$ref`) and
//!   remove one (`DELETE .../members/{directoryObject-id}/$ref`);
//! - to one: get it (`GET /users/{user-id}/manager`), set the reference
//!   (`PUT .../manager/$ref`) and remove it (`DELETE .../manager/$ref`).
//!
//! A reference travels as `{"@odata.id": "<URL of the entity>"}` (the
//! `ReferenceCreate` type). Deeper paths reach the same entities through
//! their own sets, so references are made one level under sets and
//! singletons only.

use super::Converter;
use super::conventions::{json_body, json_response, upper_first};
use super::paths::{Draft, Source, Subject};
use crate::error::Result;
use crate::model::*;

impl<'a, 'input> Converter<'a, 'input> {
    /// The operations of the non-containment navigation properties of
    /// `entity`, under `source` when it is a set's item or a singleton.
    pub(super) fn referenced(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        entity: TypeId,
    ) -> Result<()> {
        if !source.navigation.is_empty() {
            return Ok(());
        }
        for property in self.navigation_properties(entity) {
            if property.attribute("ContainsTarget") == Some("true") {
                continue;
            }
            let name = self.csdl.required(property, "Name")?.to_string();
            let Some((target, many)) = self.navigation_target(property)? else {
                continue;
            };
            let Some(nested) = self.navigate(source, property, &name) else {
                continue;
            };
            let subject = Subject {
                entity: target,
                prefix: source.name.clone(),
                noun: upper_first(&name),
                labels: super::conventions::Labels::navigation(
                    &name,
                    &source.name,
                    source.keys.len(),
                ),
                navigation: Some(property),
            };
            let read = self.restriction(
                &nested,
                Some(property),
                "ReadRestrictions",
                "Readable",
                None,
            );
            let referring = Referring {
                source,
                nested,
                subject,
                name,
                target,
                read,
            };
            self.reference_operations(operations, referring, many)?;
        }
        Ok(())
    }

    /// To many (`many`): the list (with query options), `POST .../$ref` to
    /// add a reference and `DELETE .../{id}/$ref` to remove one; to one: the
    /// get, `PUT .../$ref` and `DELETE .../$ref`.
    fn reference_operations(
        &mut self,
        operations: &mut Vec<Operation>,
        referring: Referring<'_, 'a, 'input>,
        many: bool,
    ) -> Result<()> {
        let Referring {
            source,
            nested,
            subject,
            name,
            target,
            read,
        } = referring;
        let reference = json_body(
            "Reference to the entity, its URL in `@odata.id`",
            TypeRef::Named(self.reference_type()),
        );
        if read.allowed {
            let (verb, label, what, answer) = if many {
                let page = self.collection_response(target);
                ("List", &subject.labels.list, "Retrieved collection", page)
            } else {
                let label = &subject.labels.get;
                ("Get", label, "Retrieved navigation property", target)
            };
            let mut parameters = nested.keys.clone();
            parameters.extend(self.query_options(&nested, subject.navigation, many));
            let draft = Draft {
                method: Method::Get,
                verb,
                label,
                parameters,
                body: None,
                responses: vec![json_response(200, what, TypeRef::Named(answer))],
            };
            operations.push(self.operation(&nested, &subject, read, draft));
        }
        let writes =
            self.reference_writes(&nested, target, &name, &source.name, reference, many)?;
        for (method, verb, label, at, body) in writes {
            let draft = Draft {
                method,
                verb,
                label: &label,
                parameters: at.keys.clone(),
                body,
                responses: no_content(),
            };
            operations.push(self.operation(&at, &subject, allowed(), draft));
        }
        Ok(())
    }

    /// The writes of a reference: to many, add (`POST .../$ref`) and remove
    /// (`DELETE .../{id}/$ref`); to one, set (`PUT`) and remove (`DELETE`).
    fn reference_writes(
        &self,
        nested: &Source<'a, 'input>,
        target: TypeId,
        name: &str,
        of: &str,
        reference: Body,
        many: bool,
    ) -> Result<[ReferenceWrite<'a, 'input>; 2]> {
        let mut refs = nested.clone();
        refs.path.push_literal("/$ref");
        Ok(if many {
            let mut item = nested.clone();
            let (segment, keys) = self.key_segment(nested, target)?;
            item.path.append(&segment);
            item.path.push_literal("/$ref");
            item.keys.extend(keys);
            [
                (
                    Method::Post,
                    "CreateRef",
                    format!("Add a reference to {name} of {of}"),
                    refs,
                    Some(reference),
                ),
                (
                    Method::Delete,
                    "DeleteRef",
                    format!("Remove a reference from {name} of {of}"),
                    item,
                    None,
                ),
            ]
        } else {
            [
                (
                    Method::Put,
                    "UpdateRef",
                    format!("Set the reference of {name} of {of}"),
                    refs.clone(),
                    Some(reference),
                ),
                (
                    Method::Delete,
                    "DeleteRef",
                    format!("Remove the reference of {name} of {of}"),
                    refs,
                    None,
                ),
            ]
        })
    }

    /// `{"@odata.id": "https://.../directoryObjects/{id}"}`: a reference to an entity.
    fn reference_type(&mut self) -> TypeId {
        if let Some(id) = self.reference_type {
            return id;
        }
        let namespace = self.service_namespace();
        let properties = vec![Property {
            name: "@odata.id".into(),
            description: Some("The URL of the entity".into()),
            ty: TypeRef::Primitive(Primitive::String),
            required: true,
            nullable: false,
            secret: false,
            access: Access::ReadWrite,
            control: false,
        }];
        let name = self.unused_type_name(&format!("{namespace}.ReferenceCreate"));
        let id = self.add_synthesized(
            name,
            Some("A reference to an entity, by its URL.".into()),
            properties,
        );
        self.reference_type = Some(id);
        id
    }
}

/// Changing references has no Capabilities term of its own here.
/// A non-containment navigation property under a set's item or a
/// singleton: where its operations hang and what they act on.
struct Referring<'s, 'a, 'input> {
    source: &'s Source<'a, 'input>,
    /// The source's path and keys with the property's segment.
    nested: Source<'a, 'input>,
    subject: Subject<'a, 'input>,
    name: String,
    target: TypeId,
    /// What ReadRestrictions allow of reading it.
    read: super::paths::Allowed,
}

/// A write of a reference: method, verb, summary, where, body.
type ReferenceWrite<'a, 'input> = (
    Method,
    &'static str,
    String,
    Source<'a, 'input>,
    Option<Body>,
);

/// The answer of a reference write: 204, no content.
fn no_content() -> Vec<Response> {
    vec![Response {
        status: StatusMatch::Code(204),
        description: Some("Success".into()),
        body: None,
    }]
}

fn allowed() -> super::paths::Allowed {
    super::paths::Allowed {
        allowed: true,
        summary: None,
        description: None,
    }
}
