//! What OData and Microsoft Graph's converter add around the entities of a
//! CSDL document: page types (`{T}CollectionResponse`), the ODataError
//! family, the default summaries of operations and their bodies, answers and
//! query options.

use super::Converter;
use super::document::children;
use crate::model::*;

impl<'a, 'input> Converter<'a, 'input> {
    /// The page type of a list of `item`: `{item}CollectionResponse`.
    pub(super) fn collection_response(&mut self, item: TypeId) -> TypeId {
        self.page_type(item, false)
    }

    /// The page type of a delta function's answer (Graph's `delta()`): a
    /// page whose last one carries `@odata.deltaLink`, `{item}DeltaResponse`.
    pub(super) fn delta_response(&mut self, item: TypeId) -> TypeId {
        self.page_type(item, true)
    }

    fn page_type(&mut self, item: TypeId, delta: bool) -> TypeId {
        if let Some(&id) = self.collection_responses.get(&(item, delta)) {
            return id;
        }
        let string = |name: &str, nullable| Property {
            name: name.into(),
            description: None,
            ty: TypeRef::Primitive(Primitive::String),
            required: false,
            nullable,
            secret: false,
            access: Access::ReadWrite,
            control: false,
        };
        // A page as OData writes it, stated here so no one finds it again by its names.
        let page = Page {
            items: "value".into(),
            next_link: "@odata.nextLink".into(),
            delta_link: delta.then(|| "@odata.deltaLink".into()),
        };
        let mut properties = vec![
            Property {
                ty: TypeRef::Array(Box::new(TypeRef::Named(item))),
                ..string(&page.items, false)
            },
            string(&page.next_link, true),
            Property {
                ty: TypeRef::Primitive(Primitive::Int64),
                ..string("@odata.count", true)
            },
        ];
        let kind = if let Some(delta_link) = &page.delta_link {
            properties.push(string(delta_link, true));
            "DeltaResponse"
        } else {
            "CollectionResponse"
        };
        let mut name = format!("{}{kind}", self.types[item.0].name);
        // Graph has an entity type `deviceLogCollectionResponse`: a page is named apart from it.
        while self.ids.contains_key(&name) {
            name.push_str("Page");
        }
        let id = self.add_synthesized(name, None, properties);
        if let TypeKind::Struct(s) = &mut self.types[id.0].kind {
            s.page = Some(page);
        }
        self.collection_responses.insert((item, delta), id);
        id
    }

    /// The OData error body, `{"error": {"code", "message", ...}}`, as the
    /// `{namespace}.ODataErrors` types Microsoft Graph's converter names.
    pub(super) fn error_type(&mut self) -> TypeId {
        if let Some(id) = self.error_type {
            return id;
        }
        let namespace = self.service_namespace();
        let first = TypeId(self.types.len());
        for (name, properties) in error_types(first) {
            self.add_synthesized(format!("{namespace}.ODataErrors.{name}"), None, properties);
        }
        self.error_type = Some(first);
        first
    }
}

impl Converter<'_, '_> {
    /// The namespace of the service: that of the schema with the entity container.
    pub(super) fn service_namespace(&self) -> String {
        let service = self
            .csdl
            .own_schemas()
            .iter()
            .find(|s| children(**s, "EntityContainer").next().is_some());
        service
            .unwrap_or(&self.csdl.schemas[0])
            .attribute("Namespace")
            .unwrap_or_default()
            .to_string()
    }

    /// The error answers of every operation: 4XX and 5XX with the ODataError body.
    pub(super) fn error_responses(&mut self) -> Vec<Response> {
        let error = TypeRef::Named(self.error_type());
        [4, 5]
            .into_iter()
            .map(|class| Response {
                status: StatusMatch::Range(class),
                description: Some("error".into()),
                body: Some(Body {
                    media_type: "application/json".into(),
                    description: None,
                    ty: Some(error.clone()),
                    required: true,
                }),
            })
            .collect()
    }
}

/// Default summaries, as the converters word them.
pub(super) struct Labels {
    pub list: String,
    pub create: String,
    pub get: String,
    pub update: String,
    pub delete: String,
    /// Key parameters on the path before this collection's own.
    pub keys_before: usize,
}

impl Labels {
    pub(super) fn entity_set(set: &str) -> Self {
        Labels {
            list: format!("Get entities from {set}"),
            create: format!("Add new entity to {set}"),
            get: format!("Get entity from {set} by key"),
            update: format!("Update entity in {set}"),
            delete: format!("Delete entity from {set}"),
            keys_before: 0,
        }
    }

    pub(super) fn singleton(name: &str) -> Self {
        Labels {
            list: String::new(),
            create: String::new(),
            get: format!("Get {name}"),
            update: format!("Update {name}"),
            delete: String::new(),
            keys_before: 0,
        }
    }

    pub(super) fn navigation(property: &str, source: &str, keys_before: usize) -> Self {
        Labels {
            list: format!("Get {property} from {source}"),
            create: format!("Create new navigation property to {property} for {source}"),
            get: format!("Get {property} from {source}"),
            update: format!("Update the navigation property {property} in {source}"),
            delete: format!("Delete navigation property {property} for {source}"),
            keys_before,
        }
    }
}

pub(super) fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(super) fn json_body(description: &str, ty: TypeRef) -> Body {
    Body {
        media_type: "application/json".into(),
        description: Some(description.into()),
        ty: Some(ty),
        required: true,
    }
}

pub(super) fn json_response(status: u16, description: &str, ty: TypeRef) -> Response {
    Response {
        status: StatusMatch::Code(status),
        description: Some(description.into()),
        body: Some(Body {
            media_type: "application/json".into(),
            description: None,
            ty: Some(ty),
            required: true,
        }),
    }
}

pub(super) fn query(name: &str, description: &str, ty: TypeRef) -> Parameter {
    Parameter {
        name: name.into(),
        location: ParameterLocation::Query,
        description: Some(description.into()),
        required: false,
        ty,
        explode: false,
        deep_object: false,
        option: None,
    }
}

/// One of OData's system query options, with the description and type it
/// has wherever it is offered.
pub(super) fn system_query_option(name: &str) -> Parameter {
    let (description, ty) = match name {
        "$top" => (
            "Show only the first n items",
            TypeRef::Primitive(Primitive::Int32),
        ),
        "$skip" => (
            "Skip the first n items",
            TypeRef::Primitive(Primitive::Int32),
        ),
        "$search" => (
            "Search items by search phrases",
            TypeRef::Primitive(Primitive::String),
        ),
        "$filter" => (
            "Filter items by property values",
            TypeRef::Primitive(Primitive::String),
        ),
        "$count" => (
            "Include count of items",
            TypeRef::Primitive(Primitive::Boolean),
        ),
        "$orderby" => ("Order items by property values", string_list()),
        "$select" => ("Select properties to be returned", string_list()),
        "$expand" => ("Expand related entities", string_list()),
        _ => ("", TypeRef::Primitive(Primitive::String)),
    };
    query(name, description, ty)
}

pub(super) fn string_list() -> TypeRef {
    TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)))
}

/// OData's error answer as Graph's converter writes it (`ODataError`,
/// `MainError`, `ErrorDetails`, `InnerError`), the first at `first`.
fn error_types(first: TypeId) -> [(&'static str, Vec<Property>); 4] {
    let named = |offset: usize| TypeRef::Named(TypeId(first.0 + offset));
    let property =
        |name: &str, ty: TypeRef, required: bool, nullable: bool, description: Option<&str>| {
            Property {
                name: name.into(),
                description: description.map(str::to_string),
                ty,
                required,
                nullable,
                secret: false,
                access: Access::ReadWrite,
                control: false,
            }
        };
    let text = TypeRef::Primitive(Primitive::String);
    [
        (
            "ODataError",
            vec![property("error", named(1), true, false, None)],
        ),
        (
            "MainError",
            vec![
                property("code", text.clone(), true, false, None),
                property("message", text.clone(), true, false, None),
                property("target", text.clone(), false, true, None),
                property(
                    "details",
                    TypeRef::Array(Box::new(named(2))),
                    false,
                    false,
                    None,
                ),
                property("innerError", named(3), false, false, None),
            ],
        ),
        (
            "ErrorDetails",
            vec![
                property("code", text.clone(), true, false, None),
                property("message", text.clone(), true, false, None),
                property("target", text.clone(), false, true, None),
            ],
        ),
        (
            "InnerError",
            vec![
                property(
                    "request-id",
                    text.clone(),
                    false,
                    true,
                    Some("Request Id as tracked internally by the service"),
                ),
                property(
                    "client-request-id",
                    text.clone(),
                    false,
                    true,
                    Some("Client request Id as sent by the client application."),
                ),
                property(
                    "date",
                    TypeRef::Primitive(Primitive::DateTime),
                    false,
                    true,
                    Some("Date when the error occured."),
                ),
            ],
        ),
    ]
}
