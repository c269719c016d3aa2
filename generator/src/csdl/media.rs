//! Media: bytes that are not JSON. A media entity (`HasStream="true"`, such
//! as a profile photo) has its media at `{entity}/$value`; a stream property
//! (`Edm.Stream`, such as a drive item's `content`) at `{entity}/{property}`.
//! Each is read (`GET`, any media type) and replaced (`PUT`, 204); a media
//! entity is created by posting its media to the collection. What is sent
//! goes as `application/octet-stream` unless a `Content-Type` is given
//! (`image/jpeg`).

use super::Converter;
use super::conventions::{json_response, upper_first};
use super::document::children;
use super::paths::{Allowed, Source, Subject};
use crate::model::*;

impl<'a, 'input> Converter<'a, 'input> {
    /// Reading and replacing the media of the entity at `source.path` and of
    /// its stream properties, as far as reading and updating it are allowed.
    pub(super) fn media(
        &mut self,
        operations: &mut Vec<Operation>,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
        read: &Allowed,
        update: &Allowed,
    ) {
        let streams = self.streams(subject.entity);
        for (segment, noun) in streams {
            let path = source.path.join(&format!("/{segment}"));
            let what = if segment == "$value" {
                "the media".to_string()
            } else {
                format!("`{segment}`")
            };
            let mut operation = |method: Method,
                                 verb: &str,
                                 summary: String,
                                 parameters: Vec<Parameter>,
                                 body: Option<Body>,
                                 answer: Response| {
                let mut responses = vec![answer];
                responses.extend(self.error_responses());
                operations.push(Operation {
                    id: Some(format!("{}.{verb}{}{noun}", subject.prefix, subject.noun)),
                    method,
                    path: path.clone(),
                    summary: Some(summary),
                    description: None,
                    parameters,
                    request_body: body,
                    responses,
                    subject: Some(subject.entity),
                    if_match: false,
                    conditional_headers: Vec::new(),
                });
            };
            if read.allowed {
                let answer = Response {
                    status: StatusMatch::Code(200),
                    description: Some("The media".into()),
                    body: Some(media_answer()),
                };
                operation(
                    Method::Get,
                    "Get",
                    format!("Get {what} of {}", subject.noun),
                    source.keys.clone(),
                    None,
                    answer,
                );
            }
            if update.allowed {
                let mut parameters = source.keys.clone();
                parameters.push(content_type());
                let body = Some(media_sent("New media content"));
                let answer = Response {
                    status: StatusMatch::Code(204),
                    description: Some("Success".into()),
                    body: None,
                };
                operation(
                    Method::Put,
                    "Update",
                    format!("Replace {what} of {}", subject.noun),
                    parameters,
                    body,
                    answer,
                );
            }
        }
    }

    /// The media of an entity type: `$value` for a media entity, and each
    /// stream property (the base types' first), with the noun its
    /// operations are named with.
    fn streams(&self, entity: TypeId) -> Vec<(String, String)> {
        let mut streams = Vec::new();
        if self.has_stream(entity) {
            streams.push(("$value".to_string(), "Content".to_string()));
        }
        for id in self.base_chain(entity).into_iter().rev() {
            let Some(element) = self.elements.get(id.0) else {
                continue;
            };
            for property in
                children(*element, "Property").filter(|p| p.attribute("Type") == Some("Edm.Stream"))
            {
                if let Some(name) = property.attribute("Name") {
                    streams.push((name.to_string(), upper_first(name)));
                }
            }
        }
        streams
    }

    /// Creating a media entity: its media, posted to the collection; the
    /// answer is the new entity.
    pub(super) fn media_create(
        &mut self,
        source: &Source<'a, 'input>,
        subject: &Subject<'a, 'input>,
        allowed: Allowed,
    ) -> Operation {
        let mut parameters = source.keys.clone();
        parameters.push(content_type());
        let mut responses = vec![json_response(
            201,
            "Created entity",
            TypeRef::Named(subject.entity),
        )];
        responses.extend(self.error_responses());
        Operation {
            id: Some(format!("{}.Create{}", subject.prefix, subject.noun)),
            method: Method::Post,
            path: source.path.clone(),
            summary: allowed
                .summary
                .or_else(|| Some(subject.labels.create.clone())),
            description: allowed.description,
            parameters,
            request_body: Some(media_sent("New media resource")),
            responses,
            subject: None,
            if_match: false,
            conditional_headers: Vec::new(),
        }
    }
}

/// Media read: bytes of any type.
fn media_answer() -> Body {
    Body {
        media_type: "*/*".into(),
        description: None,
        ty: Some(TypeRef::Primitive(Primitive::Binary)),
        required: true,
    }
}

/// Media sent: bytes, an octet stream unless `Content-Type` says otherwise.
fn media_sent(description: &str) -> Body {
    Body {
        media_type: "application/octet-stream".into(),
        description: Some(description.into()),
        ty: Some(TypeRef::Primitive(Primitive::Binary)),
        required: true,
    }
}

fn content_type() -> Parameter {
    Parameter {
        name: "Content-Type".into(),
        location: ParameterLocation::Header,
        description: Some("The media type of what is sent (`image/jpeg`); `application/octet-stream` when not given".into()),
        required: false,
        ty: TypeRef::Primitive(Primitive::String),
        explode: false,
        deep_object: false,
        option: None,
    }
}
