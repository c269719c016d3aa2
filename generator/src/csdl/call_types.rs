//! The types actions and functions add to the model: the JSON object of an
//! action's parameters (`{name}RequestBody`), the `{"value": ...}` answer of
//! a primitive (`{name}Response`), a collection's page, and the query
//! options a function that answers a collection takes.

use roxmltree::Node;

use super::Converter;
use super::conventions::{system_query_option, upper_first};
use super::document::children;
use crate::error::Result;
use crate::model::*;

impl<'a, 'input> Converter<'a, 'input> {
    /// The JSON object of an action's parameters: `{name}RequestBody`, one per
    /// declaration, named apart when overloads share the name.
    pub(super) fn request_body_type(
        &mut self,
        element: Node<'a, 'input>,
        qualified: &str,
        parameters: &[Node<'a, 'input>],
    ) -> Result<TypeId> {
        if let Some(&id) = self.action_bodies.get(&element.id()) {
            return Ok(id);
        }
        let overload = self.overload(element, qualified)?;
        let mut properties = Vec::new();
        for parameter in parameters {
            let name = self.csdl.required(*parameter, "Name")?;
            let optional = self.optional_parameter(*parameter, qualified, &overload, name);
            let ty = self.resolve(*parameter, self.csdl.required(*parameter, "Type")?)?;
            let nullable = !matches!(ty, TypeRef::Array(_))
                && parameter.attribute("Nullable") != Some("false");
            properties.push(Property {
                name: name.to_string(),
                description: self.csdl.description(*parameter, &format!("{qualified}/{name}")),
                ty,
                // What is not nullable must be sent.
                required: !nullable
                    && !optional
                    && !matches!(parameter.attribute("Type"), Some(t) if t.starts_with("Collection(")),
                nullable,
                secret: false,
                access: Access::ReadWrite,
                control: false,
            });
        }
        // Overloads bound to different types: `restoreRequestBody`, then `{binding}RestoreRequestBody`.
        let mut name = format!("{qualified}RequestBody");
        let binding = (element.attribute("IsBound") == Some("true"))
            .then(|| {
                children(element, "Parameter")
                    .next()
                    .and_then(|p| p.attribute("Type"))
            })
            .flatten()
            .map(|ty| {
                ty.trim_start_matches("Collection(")
                    .trim_end_matches(')')
                    .rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            });
        if let (true, Some(binding)) = (self.is_type_name_taken(&name), binding) {
            let (namespace, short) = qualified.rsplit_once('.').unwrap_or(("", qualified));
            name = format!("{namespace}.{binding}{}RequestBody", upper_first(short));
        }
        let name = self.unused_type_name(&name);
        let id = self.add_synthesized(name, None, properties);
        self.action_bodies.insert(element.id(), id);
        Ok(id)
    }

    /// What a success answer carries for a return type: entity and complex
    /// values as they are; collections as pages (a `delta` function's with
    /// its delta link); a primitive (or a list of them) wrapped in
    /// `{"value": ...}`, as the OData JSON format sends it.
    pub(super) fn answer_type(&mut self, qualified: &str, ty: TypeRef, delta: bool) -> TypeRef {
        let structured = |id: &TypeId| !matches!(self.types[id.0].kind, TypeKind::Enum(_));
        let page_of = match &ty {
            TypeRef::Array(inner) => match **inner {
                TypeRef::Named(item) if structured(&item) => Some(item),
                _ => None,
            },
            _ => None,
        };
        if let Some(item) = page_of {
            return TypeRef::Named(if delta {
                self.delta_response(item)
            } else {
                self.collection_response(item)
            });
        }
        match ty {
            TypeRef::Named(id) if structured(&id) => TypeRef::Named(id),
            value => {
                let key = (qualified.to_string(), format!("{value:?}"));
                if let Some(&id) = self.value_responses.get(&key) {
                    return TypeRef::Named(id);
                }
                let mut properties = vec![Property {
                    name: "value".into(),
                    description: None,
                    ty: value.clone(),
                    required: false,
                    nullable: !matches!(value, TypeRef::Array(_)),
                    secret: false,
                    access: Access::ReadWrite,
                    control: false,
                }];
                if matches!(value, TypeRef::Array(_)) {
                    properties.push(Property {
                        name: "@odata.nextLink".into(),
                        description: None,
                        ty: TypeRef::Primitive(Primitive::String),
                        required: false,
                        nullable: true,
                        secret: false,
                        access: Access::ReadWrite,
                        control: false,
                    });
                }
                let name = self.unused_type_name(&format!("{qualified}Response"));
                let id = self.add_synthesized(name, None, properties);
                self.value_responses.insert(key, id);
                TypeRef::Named(id)
            }
        }
    }

    /// A function that answers a collection of structured values takes the
    /// system query options on it, as Graph describes `delta()`
    /// (`/users/delta()?$select=displayName`); only an entity's properties
    /// are selected, ordered and expanded.
    pub(super) fn collection_query_options(&self, answer: &TypeRef) -> Vec<Parameter> {
        let TypeRef::Array(item) = answer else {
            return Vec::new();
        };
        let TypeRef::Named(item) = **item else {
            return Vec::new();
        };
        let kind = self
            .elements
            .get(item.0)
            .map(|element| element.tag_name().name());
        let names: &[&str] = match kind {
            Some("EntityType") => &[
                "$top", "$skip", "$search", "$filter", "$count", "$orderby", "$select", "$expand",
            ],
            Some("ComplexType") => &["$top", "$skip", "$search", "$filter", "$count"],
            _ => &[],
        };
        names.iter().map(|name| system_query_option(name)).collect()
    }

    fn is_type_name_taken(&self, name: &str) -> bool {
        self.ids.contains_key(name) || self.synthesized_names.contains(name)
    }

    /// `base`, or `base2`, `base3`... when a type already has the name.
    pub(super) fn unused_type_name(&mut self, base: &str) -> String {
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|candidate| !self.is_type_name_taken(candidate))
            .unwrap_or_else(|| base.to_string());
        self.synthesized_names.insert(name.clone());
        name
    }
}
