//! What the standard vocabularies (Core, Capabilities) say of properties,
//! parameters and entity sets, as facts of the model: who may write a
//! property, which parameters may be left out, which entities carry ETags.

use roxmltree::Node;

use super::Converter;
use super::document::{CAPABILITIES, CORE, bool_value, children};
use crate::model::Access;

impl<'a, 'input> Converter<'a, 'input> {
    /// Whether a Core tag term (`Computed`, `Immutable`, ...) is on
    /// `element`; a tag without a value is true.
    pub(super) fn tagged(&self, element: Node<'a, 'input>, target: &str, term: &str) -> bool {
        self.csdl
            .annotation(element, target, &format!("{CORE}.{term}"))
            .is_some_and(|a| bool_value(a).unwrap_or(true))
    }

    /// Who may set the property at `target` (`ns.Type/name`):
    /// `Core.Computed` or `Core.Permissions` Read -> the service only,
    /// `Core.Immutable` -> on create only.
    pub(super) fn access(&self, property: Node<'a, 'input>, target: &str) -> Access {
        let read_only_permission = self
            .csdl
            .annotation(property, target, &format!("{CORE}.Permissions"))
            .and_then(|a| {
                a.attribute("EnumMember").map(str::to_string).or_else(|| {
                    children(a, "EnumMember")
                        .next()
                        .and_then(|m| m.text())
                        .map(str::to_string)
                })
            })
            .is_some_and(|members| {
                members
                    .split_whitespace()
                    .all(|m| m.ends_with("/Read") || m.ends_with("/None"))
            });
        if read_only_permission || self.tagged(property, target, "Computed") {
            Access::ReadOnly
        } else if self.tagged(property, target, "Immutable") {
            Access::CreateOnly
        } else {
            Access::ReadWrite
        }
    }

    /// Whether an action's or function's parameter may be left out
    /// (`Core.OptionalParameter`). Annotations target the parameter through
    /// the overload (`ns.f(Edm.String)/p`) or through every overload (`ns.f/p`).
    pub(super) fn optional_parameter(
        &self,
        parameter: Node<'a, 'input>,
        qualified: &str,
        overload: &str,
        name: &str,
    ) -> bool {
        let term = format!("{CORE}.OptionalParameter");
        self.csdl
            .annotation(parameter, &format!("{overload}/{name}"), &term)
            .or_else(|| {
                self.csdl
                    .annotation(parameter, &format!("{qualified}/{name}"), &term)
            })
            .is_some()
    }

    /// Whether keys are written as path segments: Microsoft Graph's way, and
    /// any service's that says `Capabilities.KeyAsSegmentSupported`. Others
    /// get OData's canonical `Set(key)`, which every OData service reads.
    pub(super) fn keys_as_segments(&self) -> bool {
        self.csdl.own_schemas().iter().any(|schema| {
            let namespace = schema.attribute("Namespace").unwrap_or_default();
            let containers: Vec<Node> = children(*schema, "EntityContainer").collect();
            (namespace == "microsoft.graph" && !containers.is_empty())
                || containers.iter().any(|c| {
                    let target = format!("{namespace}.{}", c.attribute("Name").unwrap_or_default());
                    self.csdl
                        .annotation(
                            *c,
                            &target,
                            &format!("{CAPABILITIES}.KeyAsSegmentSupported"),
                        )
                        .is_some_and(|a| bool_value(a).unwrap_or(true))
                })
        })
    }

    /// Whether the entity set or singleton at `target` (`ns.Container/S`)
    /// declares optimistic concurrency: its entities carry ETags.
    pub(super) fn has_etags(&self, element: Node<'a, 'input>, target: &str) -> bool {
        self.csdl
            .annotation(element, target, &format!("{CORE}.OptimisticConcurrency"))
            .is_some()
    }
}

impl<'a, 'input> Converter<'a, 'input> {
    /// The annotation target of one overload of an action or function:
    /// `ns.f(ns.Binding,Edm.String)` for functions (every parameter's type),
    /// `ns.a(ns.Binding)` for bound actions, `ns.a()` for unbound ones.
    pub(super) fn overload(
        &self,
        element: Node<'a, 'input>,
        qualified: &str,
    ) -> crate::error::Result<String> {
        let mut types = Vec::new();
        let bound = element.attribute("IsBound") == Some("true");
        let is_action = element.tag_name().name() == "Action";
        for (index, parameter) in children(element, "Parameter").enumerate() {
            if is_action && !(bound && index == 0) {
                break;
            }
            types.push(
                self.csdl
                    .canonical_type(self.csdl.required(parameter, "Type")?),
            );
        }
        Ok(format!("{qualified}({})", types.join(",")))
    }
}

impl Converter<'_, '_> {
    /// The entities of a type carry ETags: as `@odata.etag` in payloads,
    /// which is what `If-Match` sends back.
    pub(super) fn add_etag(&mut self, entity: crate::model::TypeId) {
        use crate::model::{Primitive, Property, TypeKind, TypeRef};
        const ETAG: &str = "@odata.etag";
        let chain = self.base_chain(entity);
        let declared = chain.iter().any(|id| {
            matches!(&self.types[id.0].kind, TypeKind::Struct(s) if s.properties.iter().any(|p| p.name == ETAG))
        });
        // On the outermost base, so that every type of the set has it once.
        let root = chain[chain.len() - 1];
        if let TypeKind::Struct(s) = &mut self.types[root.0].kind {
            if !declared {
                s.properties.push(Property {
                    description: Some(
                        "The entity's ETag as the service sent it: what `If-Match` sends back"
                            .into(),
                    ),
                    access: crate::model::Access::ReadOnly,
                    control: true,
                    ..Property::new(ETAG, TypeRef::Primitive(Primitive::String))
                });
            }
        }
        if let TypeKind::Struct(s) = &mut self.types[entity.0].kind {
            s.etag = Some(ETAG.into());
        }
    }
}
