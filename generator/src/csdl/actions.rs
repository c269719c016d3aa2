//! Actions and functions, as OData calls them (the CSDL `Action` and
//! `Function` elements), made into operations:
//!
//! - bound to an entity type (or a base of it), under every path that
//!   addresses one: `POST /users/{user-id}/microsoft.graph.sendMail`; bound to a
//!   collection, under every path of such a collection:
//!   `GET /users/microsoft.graph.delta()`;
//! - unbound, through the container's `ActionImport` and `FunctionImport`:
//!   `POST /ResetDataSource`, `GET /GetNearestAirport(lat={lat},lon={lon})`.
//!
//! An action is a POST whose parameters travel as a JSON object (a
//! `{name}RequestBody` type); a function is a GET whose parameters are in the
//! path, text and enum members quoted as OData literals (`name='{name}'`,
//! which the emitted runtime fills in with quotes doubled). What one answers:
//! nothing (204), the returned entity or complex value, a page for a
//! collection, and `{"value": ...}` for a primitive (a `{name}Response` type).

use std::collections::HashMap;

use roxmltree::Node;

use super::Converter;
use super::conventions::{json_body, json_response};
use super::document::children;
use super::paths::{Source, Subject};
use crate::error::Result;
use crate::model::*;

/// Bound operations are made under paths of at most this many containment
/// navigations; one that no such path reaches gets one operation, under the
/// first of its shallowest paths. Microsoft Graph binds some 1,200 actions and functions to types
/// that many paths reach: under every path of up to three levels they would
/// be 12,800 more operations, a crate too big to compile on a small machine.
/// An entity a deeper path reaches is mostly reached by a shallower one too
/// (a message in a mail folder is also `/users/{user-id}/messages/{message-id}`).
const BOUND_DEPTH: usize = 1;

/// The actions and functions bound to each entity type, apart for single
/// entities and collections, in document order; and where their operations go.
#[derive(Default)]
pub(super) struct Bindings<'a, 'input> {
    by_binding: HashMap<(TypeId, bool), Vec<Node<'a, 'input>>>,
    /// Paths that reach a bound type, numbered in the order the walk meets them.
    visits: usize,
    plan: Plan,
}

/// The container is walked twice: first to see where each bound operation
/// could go, then to make the chosen ones ([`BOUND_DEPTH`]).
#[derive(Default)]
enum Plan {
    #[default]
    Survey,
    /// While surveying: (visit, declaration, type bound at the place, depth) of every place.
    Surveyed(Vec<(usize, roxmltree::NodeId, TypeId, usize)>),
    /// The (visit, declaration) pairs to make.
    Chosen(std::collections::HashSet<(usize, roxmltree::NodeId)>),
}

impl Bindings<'_, '_> {
    /// Starts the survey walk.
    pub(super) fn survey(&mut self) {
        self.visits = 0;
        self.plan = Plan::Surveyed(Vec::new());
    }

    pub(super) fn surveying(&self) -> bool {
        matches!(self.plan, Plan::Surveyed(_))
    }

    /// After the survey: every place of at most [`BOUND_DEPTH`] navigations;
    /// a declaration with none for a type it binds to (itself, or one derived
    /// from it) keeps the first of the shallowest places of that type.
    pub(super) fn choose(&mut self) {
        let Plan::Surveyed(places) = std::mem::take(&mut self.plan) else {
            return;
        };
        let mut chosen = std::collections::HashSet::new();
        let mut deeper: HashMap<(roxmltree::NodeId, TypeId), (usize, usize)> = HashMap::new();
        let mut shallow = std::collections::HashSet::new();
        for (visit, declaration, ty, depth) in places {
            if depth <= BOUND_DEPTH {
                chosen.insert((visit, declaration));
                shallow.insert((declaration, ty));
            } else {
                let first = deeper.entry((declaration, ty)).or_insert((depth, visit));
                if depth < first.0 {
                    *first = (depth, visit);
                }
            }
        }
        for (key, (_, visit)) in deeper {
            if !shallow.contains(&key) {
                chosen.insert((visit, key.0));
            }
        }
        self.visits = 0;
        self.plan = Plan::Chosen(chosen);
    }
}

impl<'a, 'input> Converter<'a, 'input> {
    /// Reads which types the bound actions and functions of the document
    /// bind to; their operations are made where paths reach those types.
    pub(super) fn index_bound_operations(&mut self) -> Result<()> {
        for schema in self.csdl.schemas.clone() {
            for element in schema
                .children()
                .filter(|n| matches!(n.tag_name().name(), "Action" | "Function"))
            {
                if element.attribute("IsBound") != Some("true") {
                    continue;
                }
                let Some(binding) = children(element, "Parameter").next() else {
                    return Err(self.csdl.error(
                        element,
                        "a bound operation needs its binding parameter (the first `Parameter`)",
                    ));
                };
                let key = match self.resolve(binding, self.csdl.required(binding, "Type")?)? {
                    TypeRef::Named(id) => (id, false),
                    TypeRef::Array(inner) => match *inner {
                        TypeRef::Named(id) => (id, true),
                        _ => continue,
                    },
                    // Bound to a primitive or untyped value: no path reaches it.
                    _ => continue,
                };
                self.bindings
                    .by_binding
                    .entry(key)
                    .or_default()
                    .push(element);
            }
        }
        Ok(())
    }

    /// The bound operations of what `source.path` addresses: one entity of
    /// `subject.entity`, or a collection of them. Bindings to a base type
    /// apply too, unless a nearer type binds the same name.
    pub(super) fn bound_operations(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
        collection: bool,
    ) -> Result<()> {
        let visit = self.bindings.visits;
        self.bindings.visits += 1;
        let depth = source.navigation.len();
        let mut seen: Vec<(String, Vec<String>)> = Vec::new();
        for ty in self.base_chain(subject.entity) {
            let Some(elements) = self.bindings.by_binding.get(&(ty, collection)).cloned() else {
                continue;
            };
            for element in elements {
                let name = self.csdl.required(element, "Name")?;
                let parameters: Vec<String> = children(element, "Parameter")
                    .skip(1)
                    .filter_map(|p| p.attribute("Name").map(str::to_string))
                    .collect();
                let signature = (name.to_string(), parameters);
                if seen.contains(&signature) {
                    continue;
                }
                seen.push(signature);
                match &mut self.bindings.plan {
                    Plan::Surveyed(places) => {
                        places.push((visit, element.id(), subject.entity, depth));
                        continue;
                    }
                    Plan::Chosen(chosen) if !chosen.contains(&(visit, element.id())) => continue,
                    _ => {}
                }
                // `users.user.sendMail`; under containment, the navigation path names it:
                // `users.mailFolders.messages.forward`.
                let id = match source.navigation.is_empty() {
                    true => format!("{}.{name}", subject.prefix),
                    false => format!("{}.{}.{name}", source.name, source.navigation.join(".")),
                };
                let namespace = element
                    .parent()
                    .and_then(|s| s.attribute("Namespace"))
                    .unwrap_or_default();
                let path = source.path.join(&format!("/{namespace}.{name}"));
                let entity = (!collection).then_some(subject.entity);
                operations.push(self.call(element, path, source.keys.clone(), 1, id, entity)?);
            }
        }
        Ok(())
    }

    /// The operations of the container's action and function imports.
    pub(super) fn imports(
        &mut self,
        operations: &mut Vec<Operation>,
        container: Node<'a, 'input>,
    ) -> Result<()> {
        if self.bindings.surveying() {
            return Ok(());
        }
        for import in container.children().filter(Node::is_element) {
            let attribute = match import.tag_name().name() {
                "ActionImport" => "Action",
                "FunctionImport" => "Function",
                _ => continue,
            };
            let name = self.csdl.required(import, "Name")?.to_string();
            let target = self.csdl.canonical(self.csdl.required(import, attribute)?);
            // Overloads of an unbound function share the name; the import stands for each.
            let target_ref = &target;
            let declarations: Vec<Node> = self
                .csdl
                .schemas
                .iter()
                .flat_map(|schema| {
                    let namespace = schema.attribute("Namespace").unwrap_or_default();
                    children(*schema, attribute).filter(move |d| {
                        d.attribute("IsBound") != Some("true")
                            && d.attribute("Name")
                                .is_some_and(|n| format!("{namespace}.{n}") == *target_ref)
                    })
                })
                .collect();
            if declarations.is_empty() {
                return Err(self.csdl.error(
                    import,
                    format!(
                        "`{attribute}` `{target}` is not an unbound {} of this document",
                        attribute.to_lowercase()
                    ),
                ));
            }
            for declaration in declarations {
                // The import's name is the path segment, not the qualified name.
                operations.push(self.call(
                    declaration,
                    PathTemplate::literal(format!("/{name}")),
                    Vec::new(),
                    0,
                    name.clone(),
                    None,
                )?);
            }
        }
        Ok(())
    }

    /// The operation that calls `element` (an `Action` or `Function`) at
    /// `path` (which ends in its name), its own parameters from the `skip`th
    /// on; `entity` is the one entity it is bound to, if it is.
    fn call(
        &mut self,
        element: Node<'a, 'input>,
        path: PathTemplate,
        mut parameters: Vec<Parameter>,
        skip: usize,
        id: String,
        entity: Option<TypeId>,
    ) -> Result<Operation> {
        let is_action = element.tag_name().name() == "Action";
        let name = self.csdl.required(element, "Name")?;
        let namespace = element
            .parent()
            .and_then(|s| s.attribute("Namespace"))
            .unwrap_or_default();
        let qualified = format!("{namespace}.{name}");
        let own: Vec<Node> = children(element, "Parameter").skip(skip).collect();
        let mut segment = path;
        let mut body = None;
        if is_action {
            if !own.is_empty() {
                let ty = self.request_body_type(element, &qualified, &own)?;
                body = Some(json_body("Action parameters", TypeRef::Named(ty)));
            }
        } else {
            self.function_arguments(element, &qualified, &own, &mut segment, &mut parameters)?;
        }
        let mut responses = self.call_responses(element, &qualified, &mut parameters)?;
        responses.extend(self.error_responses());
        let kind = if is_action { "action" } else { "function" };
        Ok(Operation {
            id: Some(id),
            method: if is_action { Method::Post } else { Method::Get },
            path: segment,
            summary: Some(format!("Invoke {kind} {name}")),
            description: self.csdl.description(element, &qualified),
            parameters,
            request_body: body,
            responses,
            subject: entity,
            if_match: false,
            conditional_headers: Vec::new(),
        })
    }

    /// A function's arguments in its path segment, `(text='{text}',top={top})`,
    /// text and enum members quoted; a complex value or a collection goes in
    /// a parameter alias, as JSON in the query.
    fn function_arguments(
        &mut self,
        element: Node<'a, 'input>,
        qualified: &str,
        own: &[Node<'a, 'input>],
        segment: &mut PathTemplate,
        parameters: &mut Vec<Parameter>,
    ) -> Result<()> {
        let overload = self.overload(element, qualified)?;
        segment.push_literal("(");
        for parameter in own {
            let parameter_name = self.csdl.required(*parameter, "Name")?;
            let ty = self.resolve(*parameter, self.csdl.required(*parameter, "Type")?)?;
            let description = self
                .csdl
                .description(*parameter, &format!("{qualified}/{parameter_name}"));
            let required =
                !self.optional_parameter(*parameter, qualified, &overload, parameter_name);
            // Text and enum members are quoted; a complex value or a
            // collection goes in a parameter alias, as JSON in the query:
            // `f(ids=@ids)?@ids=["a","b"]`.
            let quoted = match &ty {
                TypeRef::Primitive(Primitive::String) => Some(true),
                TypeRef::Named(id) if matches!(self.types[id.0].kind, TypeKind::Enum(_)) => {
                    Some(true)
                }
                TypeRef::Primitive(_) => Some(false),
                _ => None,
            };
            let (placeholder, location, value) = match quoted {
                None => (
                    format!("@{parameter_name}"),
                    ParameterLocation::Query,
                    ArgumentValue::Alias,
                ),
                Some(quoted) => {
                    // A name not yet used on this path (a key may be called the same).
                    let mut placeholder = parameter_name.to_string();
                    while parameters.iter().any(|p| p.name == placeholder) {
                        placeholder.push('_');
                    }
                    let value = ArgumentValue::Literal { quoted };
                    (placeholder, ParameterLocation::Path, value)
                }
            };
            segment.parts.push(PathPart::Argument {
                name: parameter_name.to_string(),
                parameter: placeholder.clone(),
                value,
            });
            parameters.push(Parameter {
                name: placeholder,
                location,
                description,
                required,
                ty,
                explode: false,
                deep_object: false,
                option: None,
            });
        }
        segment.push_literal(")");
        Ok(())
    }

    /// What an action or function answers: nothing (204), or its return type
    /// (a function's collection with query options, which join `parameters`;
    /// an action's nullable result may be 204).
    fn call_responses(
        &mut self,
        element: Node<'a, 'input>,
        qualified: &str,
        parameters: &mut Vec<Parameter>,
    ) -> Result<Vec<Response>> {
        let is_action = element.tag_name().name() == "Action";
        Ok(match children(element, "ReturnType").next() {
            None => vec![Response {
                status: StatusMatch::Code(204),
                description: Some("Success".into()),
                body: None,
            }],
            Some(returns) => {
                let ty = self.resolve(returns, self.csdl.required(returns, "Type")?)?;
                if !is_action {
                    parameters.extend(self.collection_query_options(&ty));
                }
                // A null result of an action is no content (OData JSON format, 4.0 §11.5.4.2).
                let null_answer = is_action
                    && !matches!(ty, TypeRef::Array(_))
                    && returns.attribute("Nullable") != Some("false");
                // A function named `delta` answers the changes since its last
                // round (Graph's and the OData vocabulary's convention).
                let delta = !is_action && qualified.rsplit('.').next() == Some("delta");
                let mut responses = vec![json_response(
                    200,
                    "Success",
                    self.answer_type(qualified, ty, delta),
                )];
                if null_answer {
                    responses.push(Response {
                        status: StatusMatch::Code(204),
                        description: Some("No result".into()),
                        body: None,
                    });
                }
                responses
            }
        })
    }

    /// A warning for the bound actions and functions no path reaches (the
    /// survey found no place for them), naming how many and the first.
    pub(super) fn unreached_calls(&self) -> Option<Warning> {
        let Plan::Chosen(chosen) = &self.bindings.plan else {
            return None;
        };
        let placed: std::collections::HashSet<roxmltree::NodeId> =
            chosen.iter().map(|(_, declaration)| *declaration).collect();
        let mut unreached: Vec<Node> = self
            .bindings
            .by_binding
            .values()
            .flatten()
            .filter(|d| !placed.contains(&d.id()))
            .copied()
            .collect();
        unreached.sort_by_key(|d| d.range().start);
        let first = unreached.first()?;
        let position = first.document().text_pos_at(first.range().start);
        Some(Warning::new(
            format!(
                "{}:{}:{}",
                self.csdl.file_of(*first),
                position.row,
                position.col
            ),
            format!(
                "{} bound actions and functions are not generated: no path of at most three containment navigations reaches the type they bind to (the first: `{}`)",
                unreached.len(),
                first.attribute("Name").unwrap_or_default()
            ),
        ))
    }
}
