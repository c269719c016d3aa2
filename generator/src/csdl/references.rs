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
            if many {
                self.references_to_many(operations, referring)?;
            } else {
                self.references_to_one(operations, referring);
            }
        }
        Ok(())
    }

    /// To many: the list (with query options), `POST .../$ref` to add a
    /// reference and `DELETE .../{id}/$ref` to remove one.
    fn references_to_many(
        &mut self,
        operations: &mut Vec<Operation>,
        referring: Referring<'_, 'a, 'input>,
    ) -> Result<()> {
        let Referring {
            source,
            nested,
            subject,
            name,
            target,
            read,
        } = referring;
        let property = subject.navigation;
        let reference = json_body(
            "Reference to the entity, its URL in `@odata.id`",
            TypeRef::Named(self.reference_type()),
        );
        if read.allowed {
            let page = self.collection_response(target);
            let mut parameters = nested.keys.clone();
            parameters.extend(self.query_options(&nested, property, true));
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
            operations.push(self.operation(&nested, &subject, read, draft));
        }
        let mut refs = nested.clone();
        refs.path.push_literal("/$ref");
        let label = format!("Add a reference to {name} of {}", source.name);
        let draft = Draft {
            method: Method::Post,
            verb: "CreateRef",
            label: &label,
            parameters: nested.keys.clone(),
            body: Some(reference),
            responses: no_content(),
        };
        operations.push(self.operation(&refs, &subject, allowed(), draft));
        let mut item = nested.clone();
        let (segment, keys) = self.key_segment(&nested, target)?;
        item.path.append(&segment);
        item.path.push_literal("/$ref");
        item.keys.extend(keys);
        let label = format!("Remove a reference from {name} of {}", source.name);
        let draft = Draft {
            method: Method::Delete,
            verb: "DeleteRef",
            label: &label,
            parameters: item.keys.clone(),
            body: None,
            responses: no_content(),
        };
        operations.push(self.operation(&item, &subject, allowed(), draft));
        Ok(())
    }

    /// To one: the get, `PUT .../$ref` and `DELETE .../$ref`.
    fn references_to_one(
        &mut self,
        operations: &mut Vec<Operation>,
        referring: Referring<'_, 'a, 'input>,
    ) {
        let Referring {
            source,
            nested,
            subject,
            name,
            target,
            read,
        } = referring;
        let property = subject.navigation;
        let reference = json_body(
            "Reference to the entity, its URL in `@odata.id`",
            TypeRef::Named(self.reference_type()),
        );
        if read.allowed {
            let mut parameters = nested.keys.clone();
            parameters.extend(self.query_options(&nested, property, false));
            let responses = vec![json_response(
                200,
                "Retrieved navigation property",
                TypeRef::Named(target),
            )];
            let draft = Draft {
                method: Method::Get,
                verb: "Get",
                label: &subject.labels.get,
                parameters,
                body: None,
                responses,
            };
            operations.push(self.operation(&nested, &subject, read, draft));
        }
        let mut refs = nested.clone();
        refs.path.push_literal("/$ref");
        let label = format!("Set the reference of {name} of {}", source.name);
        let draft = Draft {
            method: Method::Put,
            verb: "UpdateRef",
            label: &label,
            parameters: nested.keys.clone(),
            body: Some(reference),
            responses: no_content(),
        };
        operations.push(self.operation(&refs, &subject, allowed(), draft));
        let label = format!("Remove the reference of {name} of {}", source.name);
        let draft = Draft {
            method: Method::Delete,
            verb: "DeleteRef",
            label: &label,
            parameters: nested.keys.clone(),
            body: None,
            responses: no_content(),
        };
        operations.push(self.operation(&refs, &subject, allowed(), draft));
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
