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

        // Path-level parameters first; an operation's own parameter of the same
        // name and location replaces one of them.
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
            .map(|(i, p)| (place.to_vec(), i, p));
        for (mut at, index, parameter) in sources.chain(own) {
            let index = index.to_string();
            at.extend(["parameters", index.as_str()]);
            if let Some(parameter) = self.convert_parameter(parameter, &at, &context)? {
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

        for name in template_names(path) {
            if !slots.contains_key(&(name.to_string(), ParameterLocation::Path)) {
                let mut at = place.to_vec();
                at.push("parameters");
                return Err(self.error(
                    pointer(&at),
                    format!("path parameter `{name}` is not declared"),
                ));
            }
        }

        let request_body = match &op.request_body {
            None => None,
            Some(body) => {
                let mut at = place.to_vec();
                at.push("requestBody");
                let body = self.resolve(body, "requestBodies", &at, |c| &c.request_bodies)?;
                self.convert_body(
                    &body.content,
                    body.description.clone(),
                    body.required,
                    &at,
                    &format!("{context}_body"),
                )?
            }
        };

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
            let response = self.resolve(response, "responses", &at, |c| &c.responses)?;
            let body = self.convert_body(
                &response.content,
                None,
                true,
                &at,
                &format!("{context}_{key}_response"),
            )?;
            let description = Some(response.description.clone()).filter(|d| !d.is_empty());
            responses.push(Response {
                status,
                description,
                body,
            });
        }

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
            path: path_template(path),
            summary: op.summary.clone(),
            description: op.description.clone(),
            parameters,
            request_body,
            responses,
            subject: None,
            if_match: false,
        })
    }

    fn convert_parameter(
        &mut self,
        parameter: &'a ReferenceOr<oa::Parameter>,
        place: &[&str],
        context: &str,
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
            // Cookies are the client's state, not an operation's input.
            oa::Parameter::Cookie { .. } => return Ok(None),
        };
        let ty = match &data.format {
            oa::ParameterSchemaOrContent::Schema(schema) => {
                let mut at = place.to_vec();
                at.push("schema");
                self.convert_schema_ref(schema, &at, &format!("{context}_{}", data.name))?
            }
            oa::ParameterSchemaOrContent::Content(content) => {
                match content.values().next().and_then(|m| m.schema.as_ref()) {
                    Some(schema) => {
                        self.convert_schema_ref(schema, place, &format!("{context}_{}", data.name))?
                    }
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
