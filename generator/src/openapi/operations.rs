//! Paths and operations -> [`Operation`]s: parameters (path-level ones
//! merged in), request bodies and responses, each resolved through `$ref`.

use indexmap::IndexMap;
use openapiv3 as oa;
use openapiv3::ReferenceOr;

use super::{Converter, pointer};
use crate::error::Result;
use crate::model::*;

impl<'a> Converter<'a> {
    pub(super) fn convert_operations(&mut self) -> Result<Vec<Operation>> {
        let doc = self.doc;
        let mut operations = Vec::new();
        for (path, item) in doc.paths.iter() {
            let ReferenceOr::Item(item) = item else {
                return Err(self.error(
                    pointer(&["paths", path]),
                    "a `$ref` to a path item is not supported",
                ));
            };
            let mut methods: Vec<_> = item.iter().collect();
            let order = self.method_order.get(path);
            methods.sort_by_key(|(method, _)| {
                order
                    .and_then(|o| o.iter().position(|m| m == method))
                    .unwrap_or(usize::MAX)
            });
            for (method, op) in methods {
                operations.push(self.convert_operation(path, method, item, op)?);
            }
        }
        Ok(operations)
    }

    fn convert_operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'a oa::PathItem,
        op: &'a oa::Operation,
    ) -> Result<Operation> {
        let place = ["paths", path, method];
        let context = op
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{method}{path}"));
        let mut parameters = self.convert_parameters(path, method, item, op, &context)?;
        // A fragment (`/items#folders`, how some descriptions give one path
        // two operations) never reaches the service.
        let path = path.split_once('#').map_or(path, |(path, _)| path);
        let (path_part, query) = path.split_once('?').unwrap_or((path, ""));
        for name in template_names(path_part) {
            if !parameters
                .iter()
                .any(|p| p.name == name && p.location == ParameterLocation::Path)
            {
                return Err(self.undeclared(&place, name));
            }
        }
        let fixed_query = self.query_in_path(query, &mut parameters, &place)?;
        let request_body = match &op.request_body {
            None => None,
            Some(body) => {
                let mut at = place.to_vec();
                at.push("requestBody");
                self.convert_request_body(body, &at, &context)?
            }
        };
        let responses = self.convert_responses(op, &place, &context)?;
        Ok(Operation {
            id: op.operation_id.clone(),
            method: match method {
                "get" => Method::Get,
                "put" => Method::Put,
                "post" => Method::Post,
                "delete" => Method::Delete,
                "options" => Method::Options,
                "head" => Method::Head,
                "patch" => Method::Patch,
                _ => Method::Trace,
            },
            path: PathTemplate {
                query: fixed_query,
                ..path_template(path_part)
            },
            summary: op.summary.clone(),
            description: op.description.clone(),
            parameters,
            request_body,
            responses,
            subject: None,
            if_match: false,
            conditional_headers: Vec::new(),
        })
    }

    /// Path-level parameters first; an operation's own parameter of the
    /// same name and location replaces one of them.
    fn convert_parameters(
        &mut self,
        path: &str,
        method: &str,
        item: &'a oa::PathItem,
        op: &'a oa::Operation,
        context: &str,
    ) -> Result<Vec<Parameter>> {
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut slots: std::collections::HashMap<(String, ParameterLocation), usize> =
            Default::default();
        let sources = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (["paths", path].to_vec(), i, p));
        let own = op
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (["paths", path, method].to_vec(), i, p));
        for (mut at, index, parameter) in sources.chain(own) {
            let index = index.to_string();
            at.extend(["parameters", index.as_str()]);
            if let Some(parameter) = self.shared_parameter(parameter, &at, context)? {
                let key = (parameter.name.clone(), parameter.location);
                match slots.get(&key) {
                    Some(&slot) => parameters[slot] = parameter,
                    None => {
                        slots.insert(key, parameters.len());
                        parameters.push(parameter);
                    }
                }
            }
        }
        Ok(parameters)
    }

    fn undeclared(&self, place: &[&str], name: &str) -> crate::error::Error {
        let mut at = place.to_vec();
        at.push("parameters");
        self.error(
            pointer(&at),
            format!("the path names `{{{name}}}`, which no parameter declares (every template expression must be a parameter)"),
        )
    }

    /// The query a path key carries (`/search?query={query}`,
    /// `/rest?method=x`): a `name={parameter}` pair makes the parameter
    /// (declared in the path or the query) a query parameter under that
    /// name; the other pairs are sent as they are, and are given back.
    fn query_in_path(
        &self,
        query: &str,
        parameters: &mut [Parameter],
        place: &[&str],
    ) -> Result<Vec<(String, String)>> {
        let mut fixed = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if key.contains('{') {
                return Err(self.error(
                    pointer(&place[..2]),
                    format!("the query in the path names a parameter in `{key}`, and only values (`name={{parameter}}`) can be parameters"),
                ));
            }
            let Some(variable) = value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) else {
                fixed.push((key.to_string(), value.to_string()));
                continue;
            };
            let found = [ParameterLocation::Query, ParameterLocation::Path]
                .into_iter()
                .find_map(|location| {
                    parameters
                        .iter()
                        .position(|p| p.name == variable && p.location == location)
                });
            let Some(index) = found else {
                return Err(self.undeclared(place, variable));
            };
            parameters[index].location = ParameterLocation::Query;
            parameters[index].name = key.to_string();
        }
        Ok(fixed)
    }

    fn convert_request_body(
        &mut self,
        body: &'a ReferenceOr<oa::RequestBody>,
        place: &[&str],
        context: &str,
    ) -> Result<Option<Body>> {
        if let ReferenceOr::Reference { reference } = body
            && let Some(Shared::Body(body)) = self.shared.get(reference)
        {
            return Ok(body.clone());
        }
        let (at, context) = shared_place(body, "requestBodies", place, &format!("{context}_body"));
        let at: Vec<&str> = at.iter().map(String::as_str).collect();
        let resolved = self.resolve(body, "requestBodies", place, |c| &c.request_bodies)?;
        let converted = self.convert_body(
            &resolved.content,
            resolved.description.clone(),
            resolved.required,
            &at,
            &context,
        )?;
        if let ReferenceOr::Reference { reference } = body {
            self.shared
                .insert(reference.clone(), Shared::Body(converted.clone()));
        }
        Ok(converted)
    }

    fn convert_responses(
        &mut self,
        op: &'a oa::Operation,
        place: &[&str],
        context: &str,
    ) -> Result<Vec<Response>> {
        let mut responses = Vec::new();
        if op.responses.responses.is_empty() && op.responses.default.is_none() {
            // Dropshot writes `responses: {}` for websocket upgrades and
            // downloads: the answer is whatever the service sends.
            let mut at = place.to_vec();
            at.push("responses");
            self.warn(
                &at,
                "no responses are described: any 2XX answers, read as raw bytes",
            );
            let body = Body {
                media_type: "application/octet-stream".into(),
                description: None,
                ty: Some(TypeRef::Primitive(Primitive::Binary)),
                required: false,
            };
            responses.push(Response {
                status: StatusMatch::Range(2),
                description: None,
                body: Some(body),
            });
        }
        let listed = op.responses.responses.iter().map(|(code, r)| {
            let status = match code {
                oa::StatusCode::Code(c) => StatusMatch::Code(*c),
                oa::StatusCode::Range(r) => StatusMatch::Range(*r as u8),
            };
            (code.to_string(), status, r)
        });
        let default = op
            .responses
            .default
            .iter()
            .map(|r| ("default".to_string(), StatusMatch::Default, r));
        for (key, status, response) in listed.chain(default).collect::<Vec<_>>() {
            let mut at = place.to_vec();
            at.extend(["responses", key.as_str()]);
            let (description, body) =
                self.convert_response(response, &at, &format!("{context}_{key}_response"))?;
            responses.push(Response {
                status,
                description,
                body,
            });
        }
        Ok(responses)
    }

    /// A response's description and body; a response component is read
    /// once, so that every operation naming it gets the same body type.
    fn convert_response(
        &mut self,
        response: &'a ReferenceOr<oa::Response>,
        place: &[&str],
        context: &str,
    ) -> Result<(Option<String>, Option<Body>)> {
        if let ReferenceOr::Reference { reference } = response
            && let Some(Shared::Response(description, body)) = self.shared.get(reference)
        {
            return Ok((description.clone(), body.clone()));
        }
        let (at, context) = shared_place(response, "responses", place, context);
        let at: Vec<&str> = at.iter().map(String::as_str).collect();
        let resolved = self.resolve(response, "responses", place, |c| &c.responses)?;
        let body = self.convert_body(&resolved.content, None, true, &at, &context)?;
        let description = Some(resolved.description.clone()).filter(|d| !d.is_empty());
        if let ReferenceOr::Reference { reference } = response {
            self.shared.insert(
                reference.clone(),
                Shared::Response(description.clone(), body.clone()),
            );
        }
        Ok((description, body))
    }

    /// [`Self::convert_parameter`], once per parameter component.
    fn shared_parameter(
        &mut self,
        parameter: &'a ReferenceOr<oa::Parameter>,
        place: &[&str],
        context: &str,
    ) -> Result<Option<Parameter>> {
        if let ReferenceOr::Reference { reference } = parameter
            && let Some(Shared::Parameter(parameter)) = self.shared.get(reference)
        {
            return Ok(parameter.clone());
        }
        let shared_name = match parameter {
            ReferenceOr::Reference { reference } => Some(component_name(reference)),
            ReferenceOr::Item(_) => None,
        };
        let converted = self.convert_parameter(parameter, place, context, shared_name)?;
        if let ReferenceOr::Reference { reference } = parameter {
            self.shared
                .insert(reference.clone(), Shared::Parameter(converted.clone()));
        }
        Ok(converted)
    }

    /// A parameter; an inline type of its schema is named `shared_name`
    /// (a parameter component's) or after the operation and the parameter.
    fn convert_parameter(
        &mut self,
        parameter: &'a ReferenceOr<oa::Parameter>,
        place: &[&str],
        context: &str,
        shared_name: Option<String>,
    ) -> Result<Option<Parameter>> {
        let parameter = self.resolve(parameter, "parameters", place, |c| &c.parameters)?;
        let (location, data, explode_default, deep_object) = match parameter {
            oa::Parameter::Query {
                parameter_data,
                style,
                ..
            } => (
                ParameterLocation::Query,
                parameter_data,
                matches!(style, oa::QueryStyle::Form),
                matches!(style, oa::QueryStyle::DeepObject),
            ),
            oa::Parameter::Path { parameter_data, .. } => {
                (ParameterLocation::Path, parameter_data, false, false)
            }
            oa::Parameter::Header { parameter_data, .. } => {
                (ParameterLocation::Header, parameter_data, false, false)
            }
            oa::Parameter::Cookie { parameter_data, .. } => {
                (ParameterLocation::Cookie, parameter_data, false, false)
            }
        };
        let header = data.name.to_ascii_lowercase();
        if location == ParameterLocation::Header
            && ["accept", "content-type", "authorization"].contains(&header.as_str())
        {
            // OpenAPI: the media types and the security schemes say these.
            self.warn(
                place,
                &format!("a header parameter named `{}` is ignored, as OpenAPI says (media types and security schemes set it)", data.name),
            );
            return Ok(None);
        }
        if location == ParameterLocation::Header
            && ["content-length", "host"].contains(&header.as_str())
        {
            // HTTP's own: a value of the caller's would contradict the body or the URL.
            self.warn(
                place,
                &format!("a header parameter named `{}` is ignored: the HTTP client sets it from the request", data.name),
            );
            return Ok(None);
        }
        let type_name = shared_name.unwrap_or_else(|| format!("{context}_{}", data.name));
        let ty = match &data.format {
            oa::ParameterSchemaOrContent::Schema(schema) => {
                let mut at = place.to_vec();
                at.push("schema");
                self.convert_schema_ref(schema, &at, &type_name)?
            }
            oa::ParameterSchemaOrContent::Content(content) => {
                match content.values().next().and_then(|m| m.schema.as_ref()) {
                    Some(schema) => self.convert_schema_ref(schema, place, &type_name)?,
                    None => TypeRef::Primitive(Primitive::String),
                }
            }
        };
        Ok(Some(Parameter {
            name: data.name.clone(),
            location,
            description: data.description.clone(),
            // Path parameters are always required, whatever the document says.
            required: data.required || location == ParameterLocation::Path,
            ty,
            explode: data.explode.unwrap_or(explode_default),
            deep_object,
            option: None,
        }))
    }

    fn convert_body(
        &mut self,
        content: &'a IndexMap<String, oa::MediaType>,
        description: Option<String>,
        required: bool,
        place: &[&str],
        context: &str,
    ) -> Result<Option<Body>> {
        // JSON when it is offered, since that is what the client speaks best.
        let chosen = content
            .iter()
            .find(|(media, _)| is_json_media_type(media))
            .or_else(|| content.iter().next());
        let Some((media_type, media)) = chosen else {
            return Ok(None);
        };
        let ty = match &media.schema {
            Some(schema) => {
                let mut at = place.to_vec();
                at.extend(["content", media_type.as_str(), "schema"]);
                Some(self.convert_schema_ref(schema, &at, context)?)
            }
            None => None,
        };
        Ok(Some(Body {
            media_type: media_type.clone(),
            description,
            ty,
            required,
        }))
    }
}

/// What a component named by `$ref` gave, read once: every operation that
/// names it gets the same types.
#[derive(Clone)]
pub(super) enum Shared {
    Parameter(Option<Parameter>),
    Body(Option<Body>),
    Response(Option<String>, Option<Body>),
}

/// `NAME` of `#/components/KIND/NAME`.
fn component_name(reference: &str) -> String {
    super::kinds::unescape_pointer(reference.rsplit('/').next().unwrap_or(reference))
}

/// Where an item is read and what its inline types are called after: a
/// component where it is one (by its name), else where it stands.
fn shared_place<T>(
    item: &ReferenceOr<T>,
    kind: &str,
    place: &[&str],
    context: &str,
) -> (Vec<String>, String) {
    match item {
        ReferenceOr::Reference { reference } => {
            let name = component_name(reference);
            (vec!["components".into(), kind.into(), name.clone()], name)
        }
        ReferenceOr::Item(_) => (
            place.iter().map(|t| t.to_string()).collect(),
            context.to_string(),
        ),
    }
}

/// The `{name}`s of a path template.
fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// `/items/{item-id}` as parts. A parameter between single quotes
/// (`/f(name='{name}')`, as Graph's converter writes OData string literals)
/// is quoted: its value's own quotes are doubled.
pub(super) fn path_template(path: &str) -> PathTemplate {
    let mut template = PathTemplate::default();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let (literal, name, after) = (&rest[..open], &rest[open + 1..close], &rest[close + 1..]);
        let quoted = literal.ends_with('\'') && after.starts_with('\'');
        if quoted {
            template.push_literal(&literal[..literal.len() - 1]);
            template.push_parameter(name, true);
            rest = &after[1..];
        } else {
            template.push_literal(literal);
            template.push_parameter(name, false);
            rest = after;
        }
    }
    template.push_literal(rest);
    template
}
