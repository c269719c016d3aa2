//! Operations: what a request sends (parameters, body) and what may come
//! back (responses by status).

use super::{PathTemplate, TypeId, TypeRef};

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The description's own identifier for the operation, where it has one.
    pub id: Option<String>,
    pub method: Method,
    /// The path relative to the server URL, e.g. `/items/{item-id}`.
    pub path: PathTemplate,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub parameters: Vec<Parameter>,
    pub request_body: Option<Body>,
    pub responses: Vec<Response>,
    /// The entity the path addresses, when it addresses one (not a list).
    pub subject: Option<TypeId>,
    /// The operation may send `If-Match` (it changes an entity with an
    /// ETag) without declaring the header among its parameters.
    pub if_match: bool,
    /// Headers sent when parameters are set, as the conventions pass states
    /// them (Graph's `ConsistencyLevel: eventual` with `$count` or `$search`).
    pub conditional_headers: Vec<ConditionalHeader>,
}

/// A header the request sends when any of its conditions holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionalHeader {
    pub name: String,
    pub value: String,
    pub when: Vec<Condition>,
}

/// What a parameter of the operation, named as the model names it, must be.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// The boolean parameter is true.
    IsTrue(String),
    /// The parameter is set.
    IsSet(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub location: ParameterLocation,
    pub description: Option<String>,
    pub required: bool,
    pub ty: TypeRef,
    /// For arrays in a query: one `name=value` pair per item (`true`) or one
    /// pair with comma-separated items (`false`).
    pub explode: bool,
    /// For objects and maps in a query, OpenAPI's `deepObject` style: a
    /// `name[key]=value` pair per property (else `form`: `key=value`).
    pub deep_object: bool,
    /// The parameter is one of OData's system query options (`$top`).
    pub option: Option<QueryOption>,
}

/// OData's system query options, which the runtime's `QueryOptions` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryOption {
    Top,
    Skip,
    Search,
    Filter,
    Count,
    OrderBy,
    Select,
    Expand,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    /// Sent as `name=value` in the request's `Cookie` header.
    Cookie,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub media_type: String,
    pub description: Option<String>,
    /// `None` where the description gives no schema.
    pub ty: Option<TypeRef>,
    pub required: bool,
}

impl Body {
    pub fn is_json(&self) -> bool {
        is_json_media_type(&self.media_type)
    }

    /// `application/x-www-form-urlencoded`: an object as `name=value` pairs.
    pub fn is_form(&self) -> bool {
        self.essence() == "application/x-www-form-urlencoded"
    }

    /// `multipart/form-data`: an object as a part per property.
    pub fn is_multipart(&self) -> bool {
        self.essence() == "multipart/form-data"
    }

    fn essence(&self) -> String {
        self.media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }
}

/// `application/json`, or any `+json` type such as `application/problem+json`.
pub fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: StatusMatch,
    pub description: Option<String>,
    pub body: Option<Body>,
}

/// Which status codes a response covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u8),
    /// Every status not otherwise described.
    Default,
}

impl StatusMatch {
    /// A documented answer that is neither a success nor an error: an
    /// interim one (1XX) or a redirect (3XX), the caller's to act on.
    pub fn is_interim_or_redirect(self) -> bool {
        match self {
            StatusMatch::Code(code) => (100..200).contains(&code) || (300..400).contains(&code),
            StatusMatch::Range(class) => class == 1 || class == 3,
            StatusMatch::Default => false,
        }
    }

    /// An error: neither a success nor an interim answer or redirect.
    pub fn is_error(self) -> bool {
        !self.is_success() && !self.is_interim_or_redirect()
    }

    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(&code),
            StatusMatch::Range(class) => class == 2,
            StatusMatch::Default => false,
        }
    }
}
