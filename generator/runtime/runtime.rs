//! The runtime of a generated SDK: request building, response decoding and
//! errors, usable without any HTTP client. The async client on reqwest lives
//! in `transport.rs`, behind the `client` feature.
//!
//! This file is the same in every crate sdkgen emits; the operation-specific
//! code lives in `operations.rs`, which uses it.

use std::fmt;

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// An operation of the API: what it sends and what it gets back.
pub trait Operation {
    /// The decoded result of a successful call.
    type Output;
    /// The decoded body of an error response.
    type Error;

    /// Builds the HTTP request against `base_url` (e.g. `https://graph.microsoft.com/beta`).
    fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, BuildError>;

    /// Decodes the HTTP response into the result, or the typed error.
    fn parse_response(
        response: http::Response<Vec<u8>>,
    ) -> Result<Self::Output, Error<Self::Error>>;
}

/// Characters kept as they are in a path segment: RFC 3986 unreserved ones.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Characters kept in a query value: unreserved ones and those OData
/// expressions use that carry no meaning in a query (`$filter=startswith(name,'a')`
/// keeps its quotes and parentheses). `,` is encoded: it separates list items.
const QUERY_VALUE: &AsciiSet = &PATH_SEGMENT
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'$')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// Characters kept in a form field (`application/x-www-form-urlencoded`).
const FORM_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'*');

/// Characters a cookie value cannot hold as they are (RFC 6265 `cookie-octet`).
const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// A value that can stand in a path, query or header: as one or more text items.
pub trait ParamValue {
    /// The items of the value; none when it is absent.
    fn param_items(&self) -> Vec<String>;
}

macro_rules! display_param_value {
    ($($t:ty),*) => {$(
        impl ParamValue for $t {
            fn param_items(&self) -> Vec<String> {
                vec![self.to_string()]
            }
        }
    )*};
}
display_param_value!(
    String,
    str,
    bool,
    i8,
    u8,
    i16,
    i32,
    i64,
    f32,
    f64,
    uuid::Uuid,
    std::net::Ipv4Addr,
    std::net::Ipv6Addr
);

/// Any JSON value: text as it is, a list as its items, anything else as
/// its JSON text.
impl ParamValue for serde_json::Value {
    fn param_items(&self) -> Vec<String> {
        match self {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::Array(items) => items.iter().map(item_text).collect(),
            other => vec![item_text(other)],
        }
    }
}

impl ParamValue for time::OffsetDateTime {
    fn param_items(&self) -> Vec<String> {
        self.format(&time::format_description::well_known::Rfc3339)
            .into_iter()
            .collect()
    }
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn param_items(&self) -> Vec<String> {
        self.as_ref()
            .map(ParamValue::param_items)
            .unwrap_or_default()
    }
}

impl<T: ParamValue> ParamValue for Vec<T> {
    fn param_items(&self) -> Vec<String> {
        self.iter().flat_map(ParamValue::param_items).collect()
    }
}

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn param_items(&self) -> Vec<String> {
        (**self).param_items()
    }
}

/// A structured value (an object, a map, a list of them) in a path or a
/// header, as OpenAPI's `simple` style writes it: `key,value,key,value`,
/// items of a list as they are, nested values as JSON text.
pub struct Structured<'a, T: ?Sized>(pub &'a T);

impl<T: serde::Serialize + ?Sized> ParamValue for Structured<'_, T> {
    fn param_items(&self) -> Vec<String> {
        match serde_json::to_value(self.0) {
            Ok(serde_json::Value::Object(map)) => map
                .into_iter()
                .filter(|(_, value)| !value.is_null())
                .flat_map(|(key, value)| [key, item_text(&value)])
                .collect(),
            Ok(serde_json::Value::Array(items)) => items.iter().map(item_text).collect(),
            Ok(serde_json::Value::Null) | Err(_) => Vec::new(),
            Ok(value) => vec![item_text(&value)],
        }
    }
}

/// A JSON value as one text item: strings without their quotes.
/// The `deepObject` pairs of `value` under `key`: `key[a]`, `key[a][b]`, `key[a][0]`.
fn deep_pairs(key: String, value: &serde_json::Value, pairs: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Object(map) => {
            for (name, inner) in map {
                deep_pairs(format!("{key}[{name}]"), inner, pairs);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                deep_pairs(format!("{key}[{index}]"), inner, pairs);
            }
        }
        scalar => pairs.push((key, item_text(scalar))),
    }
}

fn item_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A model type as OData names it, in `@odata.type`.
pub trait ODataType: serde::de::DeserializeOwned {
    /// The qualified name, without the `#`: `microsoft.graph.user`.
    const ODATA_TYPE: &'static str;
}

/// A value that says its type in `@odata.type`. Where the description has a
/// base type (`directoryObject`), the service may send a value of a type
/// derived from it (`user`): it decodes as the base, the derived type's own
/// properties kept in `additional_data`, and [`Polymorphic::cast`] gives it
/// as the type it is.
pub trait Polymorphic: serde::Serialize {
    /// The type the value says it has (`#microsoft.graph.user`), if it says.
    fn odata_type(&self) -> Option<&str>;

    /// The value as `T`, when its `@odata.type` names `T` exactly (a type
    /// derived from `T` is not `T` here); `None` otherwise, or when it does
    /// not read as a `T`.
    fn cast<T: ODataType>(&self) -> Option<T> {
        let named = self.odata_type()?.trim_start_matches('#');
        if named != T::ODATA_TYPE {
            return None;
        }
        serde_json::to_value(self)
            .ok()
            .and_then(|value| serde_json::from_value(value).ok())
    }
}

/// A property name of an entity, for `$select` and `$orderby`.
pub trait PropertyName {
    fn name(&self) -> &str;
}

/// One `$orderby` item: a property, ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OrderBy<P> {
    pub property: P,
    pub descending: bool,
}

/// A bare property sorts ascending.
impl<P: PropertyName> From<P> for OrderBy<P> {
    fn from(property: P) -> Self {
        OrderBy {
            property,
            descending: false,
        }
    }
}

impl<P: PropertyName> ParamValue for OrderBy<P> {
    fn param_items(&self) -> Vec<String> {
        let name = self.property.name();
        vec![if self.descending {
            format!("{name} desc")
        } else {
            name.to_string()
        }]
    }
}

/// A request that could not be built: a base URL, header value or body that
/// is not valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError(pub String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the request: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

/// Builds an `http::Request` step by step; the first problem is kept and
/// returned by [`RequestBuilder::build`].
#[derive(Debug)]
pub struct RequestBuilder {
    method: http::Method,
    url: String,
    has_query: bool,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    problem: Option<String>,
    keep_redirects: bool,
}

/// An extension of a request whose redirects the client does not follow:
/// the operation documents them as answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeepRedirects;

impl RequestBuilder {
    pub fn new(method: http::Method, base_url: &str) -> Self {
        RequestBuilder {
            method,
            url: base_url.trim_end_matches('/').to_string(),
            has_query: false,
            headers: Vec::new(),
            body: Vec::new(),
            problem: None,
            keep_redirects: false,
        }
    }

    /// Appends literal path text from the description.
    pub fn path(mut self, literal: &str) -> Self {
        self.url.push_str(literal);
        self
    }

    /// Appends a path parameter, percent-encoded so that it stays one segment.
    pub fn path_param(mut self, value: &impl ParamValue) -> Self {
        let items = value.param_items();
        if items.is_empty() || items.iter().any(String::is_empty) {
            self.problem
                .get_or_insert_with(|| "a path parameter is empty".to_string());
        }
        let encoded: Vec<String> = items
            .iter()
            .map(|i| utf8_percent_encode(i, PATH_SEGMENT).to_string())
            .collect();
        self.url.push_str(&encoded.join(","));
        self
    }

    /// Appends a path parameter that sits inside an OData string literal
    /// (`name='{value}'` in a function call or a key): quotes are doubled,
    /// as OData wants, and the text percent-encoded. An empty text is a fine
    /// literal (`''`).
    pub fn quoted_path_param(mut self, value: &impl ParamValue) -> Self {
        let items = value.param_items();
        if items.is_empty() {
            self.problem
                .get_or_insert_with(|| "a path parameter is absent".to_string());
        }
        let encoded: Vec<String> = items
            .iter()
            .map(|i| utf8_percent_encode(&i.replace('\'', "''"), PATH_SEGMENT).to_string())
            .collect();
        self.url.push_str(&encoded.join(","));
        self
    }

    /// Appends one argument of a function call, `name=value` (after a comma
    /// unless it is the first), or nothing for an optional argument left out.
    /// A quoted value is an OData string literal: `name='it''s'`.
    pub fn argument(mut self, name: &str, value: Option<&impl ParamValue>, quoted: bool) -> Self {
        let Some(value) = value else { return self };
        if !self.url.ends_with('(') {
            self.url.push(',');
        }
        self.url.push_str(name);
        self.url.push('=');
        if quoted {
            self.url.push('\'');
            self = self.quoted_path_param(value);
            self.url.push('\'');
            self
        } else {
            self.path_param(value)
        }
    }

    /// Appends the argument `name=@name` of a function call, whose JSON value
    /// goes in the query (`query_json`), when the value is there.
    pub fn alias_argument(mut self, name: &str, present: bool) -> Self {
        if present {
            if !self.url.ends_with('(') {
                self.url.push(',');
            }
            self.url.push_str(&format!("{name}=@{name}"));
        }
        self
    }

    /// Adds a parameter alias (`@ids`) whose value is JSON, as OData passes a
    /// function's complex or collection parameter: `f(ids=@ids)?@ids=["a","b"]`.
    pub fn query_json<T: serde::Serialize>(mut self, name: &str, value: Option<&T>) -> Self {
        let Some(value) = value else { return self };
        match serde_json::to_string(value) {
            Ok(json) => {
                self.url.push(if self.has_query { '&' } else { '?' });
                self.has_query = true;
                self.url
                    .push_str(&utf8_percent_encode(name, QUERY_VALUE).to_string());
                self.url.push('=');
                self.url
                    .push_str(&utf8_percent_encode(&json, QUERY_VALUE).to_string());
            }
            Err(e) => {
                self.problem
                    .get_or_insert_with(|| format!("`{name}` does not serialize: {e}"));
            }
        }
        self
    }

    /// Adds a structured query parameter (an object or a map) in OpenAPI's
    /// `form` style: with `explode`, a `key=value` pair per property; without,
    /// one pair `name=key,value,key,value`. Lists and other values are as
    /// [`RequestBuilder::query`] writes them.
    pub fn query_object<T: serde::Serialize + ?Sized>(
        mut self,
        name: &str,
        value: Option<&T>,
        explode: bool,
    ) -> Self {
        match self.json_value(name, value) {
            Some(serde_json::Value::Object(map)) if explode => {
                for (key, value) in map.into_iter().filter(|(_, value)| !value.is_null()) {
                    self = self.query(&key, &item_text(&value), false);
                }
                self
            }
            Some(value) => self.query(name, &Structured(&value), explode),
            None => self,
        }
    }

    /// Adds a structured query parameter in OpenAPI's `deepObject` style: a
    /// `name[key]=value` pair per property (nulls left out), objects inside
    /// it as `name[key][inner]=value` and lists as `name[key][0]=value`, the
    /// way Stripe-like services read them. A value that is not an object
    /// (one alternative of a union) is one `name=value` pair.
    pub fn query_deep<T: serde::Serialize + ?Sized>(
        mut self,
        name: &str,
        value: Option<&T>,
    ) -> Self {
        match self.json_value(name, value) {
            Some(value @ serde_json::Value::Object(_)) => {
                let mut pairs = Vec::new();
                deep_pairs(name.to_string(), &value, &mut pairs);
                for (key, text) in pairs {
                    self = self.query(&key, &text, false);
                }
                self
            }
            Some(value) => self.query(name, &Structured(&value), true),
            None => self,
        }
    }

    /// A parameter's value as JSON; `None` when it is absent or does not
    /// serialize (which `build` then reports).
    fn json_value<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
    ) -> Option<serde_json::Value> {
        match serde_json::to_value(value?) {
            Ok(value) => Some(value),
            Err(e) => {
                self.problem
                    .get_or_insert_with(|| format!("`{name}` does not serialize: {e}"));
                None
            }
        }
    }

    /// Adds a query parameter unless the value is absent. Lists are one
    /// comma-separated pair, or one pair per item when `explode` is set.
    pub fn query(mut self, name: &str, value: &impl ParamValue, explode: bool) -> Self {
        let items = value.param_items();
        if items.is_empty() {
            return self;
        }
        let name = utf8_percent_encode(name, QUERY_VALUE).to_string();
        let encoded: Vec<String> = items
            .iter()
            .map(|i| utf8_percent_encode(i, QUERY_VALUE).to_string())
            .collect();
        let pairs = if explode {
            encoded
        } else {
            vec![encoded.join(",")]
        };
        for value in pairs {
            self.url.push(if self.has_query { '&' } else { '?' });
            self.has_query = true;
            self.url.push_str(&name);
            self.url.push('=');
            self.url.push_str(&value);
        }
        self
    }

    /// Adds a header unless the value is absent; list items are comma-separated.
    pub fn header(mut self, name: &str, value: &impl ParamValue) -> Self {
        let items = value.param_items();
        if !items.is_empty() {
            self.headers.push((name.to_string(), items.join(",")));
        }
        self
    }

    /// Adds `name=value` to the `Cookie` header, unless the value is absent.
    /// What a cookie value may not hold (RFC 6265: spaces, quotes, commas,
    /// semicolons, backslashes) is percent-encoded.
    pub fn cookie(mut self, name: &str, value: &impl ParamValue) -> Self {
        let items = value.param_items();
        if items.is_empty() {
            return self;
        }
        let pair = format!(
            "{name}={}",
            utf8_percent_encode(&items.join(","), COOKIE_VALUE)
        );
        match self.headers.iter_mut().find(|(n, _)| n == "Cookie") {
            Some((_, cookies)) => {
                cookies.push_str("; ");
                cookies.push_str(&pair);
            }
            None => self.headers.push(("Cookie".to_string(), pair)),
        }
        self
    }

    /// Marks the request as one whose redirects are answers of their own
    /// (the operation documents them): the client does not follow them.
    pub fn keep_redirects(mut self) -> Self {
        self.keep_redirects = true;
        self
    }

    /// Adds a header when `condition` holds.
    pub fn header_when(self, condition: bool, name: &str, value: &str) -> Self {
        if condition {
            self.header(name, &value)
        } else {
            self
        }
    }

    /// Sets the `Accept` header.
    pub fn accept(self, media_type: &str) -> Self {
        self.header("Accept", &media_type)
    }

    /// Writes `value` (an object) as `application/x-www-form-urlencoded`
    /// fields: text as it is, lists as a field per item, objects as JSON.
    pub fn form_body<T: serde::Serialize>(mut self, value: Option<&T>, media_type: &str) -> Self {
        let Some(fields) = self.fields_of(value) else {
            return self;
        };
        let pairs: Vec<String> = fields
            .iter()
            .map(|(name, text, _)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(name, FORM_VALUE),
                    utf8_percent_encode(text, FORM_VALUE)
                )
            })
            .collect();
        self.body = pairs.join("&").into_bytes();
        self.default_content_type(media_type);
        self
    }

    /// Writes `value` (an object) as `multipart/form-data`: a part per field
    /// (text as it is, lists as a part per item, objects as JSON).
    pub fn multipart_body<T: serde::Serialize>(mut self, value: Option<&T>) -> Self {
        let Some(fields) = self.fields_of(value) else {
            return self;
        };
        // A boundary that no field holds.
        let mut boundary = String::from("sdkgen-form-boundary");
        while fields
            .iter()
            .any(|(name, text, _)| name.contains(&boundary) || text.contains(&boundary))
        {
            boundary.push('-');
        }
        let mut body = String::new();
        for (name, text, json) in &fields {
            let name = name.replace('"', "%22");
            // OpenAPI's default for an object field: `application/json`.
            let content_type = if *json {
                "Content-Type: application/json\r\n"
            } else {
                ""
            };
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{content_type}\r\n{text}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        self.body = body.into_bytes();
        self.headers.push((
            "Content-Type".to_string(),
            format!("multipart/form-data; boundary={boundary}"),
        ));
        self
    }

    /// The fields of an object body, in order, as text and whether it is
    /// JSON (an object); `None` when there is no body (or it does not
    /// serialize, which is kept as the problem).
    fn fields_of<T: serde::Serialize>(
        &mut self,
        value: Option<&T>,
    ) -> Option<Vec<(String, String, bool)>> {
        let value = match serde_json::to_value(value?) {
            Ok(value) => value,
            Err(e) => {
                self.problem
                    .get_or_insert_with(|| format!("the body does not serialize: {e}"));
                return None;
            }
        };
        let serde_json::Value::Object(map) = value else {
            self.problem
                .get_or_insert_with(|| "a form body must be an object".to_string());
            return None;
        };
        let mut fields = Vec::new();
        let field = |name: &String, value: &serde_json::Value| {
            (name.clone(), item_text(value), value.is_object())
        };
        for (name, value) in map {
            match value {
                serde_json::Value::Null => {}
                serde_json::Value::Array(items) => {
                    fields.extend(items.iter().map(|item| field(&name, item)))
                }
                other => fields.push(field(&name, &other)),
            }
        }
        Some(fields)
    }

    /// Serializes `value` as the JSON body, if there is one.
    pub fn json_body<T: serde::Serialize>(mut self, value: Option<&T>, media_type: &str) -> Self {
        if let Some(value) = value {
            match serde_json::to_vec(value) {
                Ok(bytes) => {
                    self.body = bytes;
                    self.default_content_type(media_type);
                }
                Err(e) => {
                    self.problem
                        .get_or_insert_with(|| format!("the body does not serialize: {e}"));
                }
            }
        }
        self
    }

    /// Sets a text body, if there is one.
    pub fn text_body(mut self, value: Option<&String>, media_type: &str) -> Self {
        if let Some(value) = value {
            self.body = value.clone().into_bytes();
            self.default_content_type(media_type);
        }
        self
    }

    /// Sets a body of raw bytes, if there is one.
    pub fn bytes_body(mut self, value: Option<&Vec<u8>>, media_type: &str) -> Self {
        if let Some(value) = value {
            self.body = value.clone();
            self.default_content_type(media_type);
        }
        self
    }

    /// Says what the body is, unless a `Content-Type` parameter already did
    /// (media sent as `image/jpeg` rather than the description's octet stream).
    fn default_content_type(&mut self, media_type: &str) {
        if !self
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("Content-Type"))
        {
            self.headers
                .push(("Content-Type".to_string(), media_type.to_string()));
        }
    }

    pub fn build(self) -> Result<http::Request<Vec<u8>>, BuildError> {
        if let Some(problem) = self.problem {
            return Err(BuildError(problem));
        }
        let mut builder = http::Request::builder().method(self.method).uri(&self.url);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if self.keep_redirects {
            builder = builder.extension(KeepRedirects);
        }
        builder
            .body(self.body)
            .map_err(|e| BuildError(format!("{e} (URL `{}`)", self.url)))
    }
}

/// An error of a component the runtime does not know: the HTTP client, a token provider.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What can go wrong with a call. `E` is the decoded error body the API
/// describes (for Graph, `ODataError`).
#[derive(Debug)]
pub enum Error<E> {
    /// The request could not be built.
    Build(BuildError),
    /// The token provider gave no token.
    Auth(BoxError),
    /// Sending the request or reading the response failed.
    Transport(BoxError),
    /// No answer within the client's timeout.
    Timeout,
    /// The service answered with an error status the operation describes.
    /// `error` is the decoded error body, where it decodes; `body` is the text.
    Api {
        status: http::StatusCode,
        error: Option<E>,
        body: String,
        headers: http::HeaderMap,
    },
    /// 412: an `If-Match` ETag no longer matches; the entity has changed since it was read.
    PreconditionFailed {
        error: Option<E>,
        body: String,
        headers: http::HeaderMap,
    },
    /// A status the operation does not describe at all (neither success nor error).
    UnexpectedStatus {
        status: http::StatusCode,
        body: String,
        headers: http::HeaderMap,
    },
    /// A success response whose body is not what the operation promises.
    Decode {
        status: http::StatusCode,
        message: String,
        body: String,
    },
}

impl<E> Error<E> {
    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::PreconditionFailed { .. } => Some(http::StatusCode::PRECONDITION_FAILED),
            Error::Build(_) | Error::Auth(_) | Error::Transport(_) | Error::Timeout => None,
        }
    }

    /// The service's id for the failed call (quote it to the service's
    /// support): from the response's `request-id`, `client-request-id`,
    /// `x-request-id`, `x-ms-request-id` or `x-correlation-id` header, or
    /// else from the error body's `innerError`.
    pub fn request_id(&self) -> Option<String> {
        match self {
            Error::Api { body, headers, .. }
            | Error::PreconditionFailed { body, headers, .. }
            | Error::UnexpectedStatus { body, headers, .. } => request_id_of(headers)
                .map(str::to_string)
                .or_else(|| ODataSummary::read(body).and_then(|s| s.request_id)),
            _ => None,
        }
    }

    /// The response headers of an error the service answered with.
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        match self {
            Error::Api { headers, .. }
            | Error::PreconditionFailed { headers, .. }
            | Error::UnexpectedStatus { headers, .. } => Some(headers),
            _ => None,
        }
    }
}

/// Where services put the id of a request: Graph, Azure, CAP and proxies.
const REQUEST_ID_HEADERS: [&str; 5] = [
    "request-id",
    "client-request-id",
    "x-ms-request-id",
    "x-request-id",
    "x-correlation-id",
];

/// The id a service gave a request in its response headers.
pub fn request_id_of(headers: &http::HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
}

impl<E> From<BuildError> for Error<E> {
    fn from(e: BuildError) -> Self {
        Error::Build(e)
    }
}

/// Long bodies are cut in messages; the whole body stays in the error.
fn excerpt(body: &str) -> String {
    const LIMIT: usize = 300;
    let body = body.trim();
    match body.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &body[..cut]),
        None => body.to_string(),
    }
}

/// What an OData error body (`{"error": {"code", "message", "innerError": {...}}}`)
/// says, for messages.
struct ODataSummary {
    code: String,
    message: String,
    request_id: Option<String>,
    date: Option<String>,
}

impl ODataSummary {
    fn read(body: &str) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        let error = value.get("error")?;
        let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
        let inner = error.get("innerError").or_else(|| error.get("innererror"));
        Some(ODataSummary {
            code: text(error.get("code")).unwrap_or_default(),
            message: text(error.get("message")).unwrap_or_default(),
            request_id: text(inner.and_then(|i| i.get("request-id"))),
            date: text(inner.and_then(|i| i.get("date"))),
        })
    }
}

impl fmt::Display for ODataSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        match (&self.request_id, &self.date) {
            (Some(id), Some(date)) => write!(f, " (request-id {id}, {date})"),
            (Some(id), None) => write!(f, " (request-id {id})"),
            _ => Ok(()),
        }
    }
}

/// The body as a message: the OData error if it is one, else an excerpt.
fn describe_body(body: &str) -> String {
    match ODataSummary::read(body) {
        Some(summary) => summary.to_string(),
        None => excerpt(body),
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(e) => e.fmt(f),
            Error::Auth(e) => write!(f, "no access token: the token provider failed: {e}"),
            Error::Transport(e) => write!(f, "the request did not complete: {e}"),
            Error::Timeout => write!(
                f,
                "the service did not answer in time; retry later or raise the client's timeout"
            ),
            Error::Api { status, body, .. } if body.trim().is_empty() => {
                write!(f, "the service answered {status}")
            }
            Error::Api { status, body, .. } => {
                write!(f, "the service answered {status}: {}", describe_body(body))
            }
            Error::PreconditionFailed { body, .. } => write!(
                f,
                "412 Precondition Failed: the entity changed since its ETag was read; read it again and reapply the change{}",
                ODataSummary::read(body)
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default()
            ),
            Error::UnexpectedStatus { status, body, .. } => {
                write!(
                    f,
                    "the service answered {status}, which the operation does not describe: {}",
                    describe_body(body)
                )
            }
            Error::Decode {
                status,
                message,
                body,
            } => {
                write!(
                    f,
                    "the {status} response body is not as expected ({message}): {}",
                    excerpt(body)
                )
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Build(e) => Some(e),
            Error::Auth(e) | Error::Transport(e) => Some(&**e),
            _ => None,
        }
    }
}

/// Decodes a JSON success body.
pub fn json_body<T: serde::de::DeserializeOwned, E>(
    response: http::Response<Vec<u8>>,
) -> Result<T, Error<E>> {
    serde_json::from_slice(response.body()).map_err(|e| Error::Decode {
        status: response.status(),
        message: e.to_string(),
        body: String::from_utf8_lossy(response.body()).into_owned(),
    })
}

/// Reads a success body of raw bytes.
pub fn bytes_body<E>(response: http::Response<Vec<u8>>) -> Result<Vec<u8>, Error<E>> {
    Ok(response.into_body())
}

/// A success without a body (or whose body is not read).
pub fn no_body<E>(_response: http::Response<Vec<u8>>) -> Result<(), Error<E>> {
    Ok(())
}

/// Reads a text success body.
pub fn text_body<E>(response: http::Response<Vec<u8>>) -> Result<String, Error<E>> {
    let status = response.status();
    String::from_utf8(response.into_body()).map_err(|e| Error::Decode {
        status,
        message: "the body is not UTF-8".to_string(),
        body: String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Decodes the usual reply: `success` is read by `read`, 4XX and 5XX are the
/// operation's errors, any other status is unexpected.
pub fn reply<T, E: serde::de::DeserializeOwned>(
    response: http::Response<Vec<u8>>,
    success: u16,
    read: impl FnOnce(http::Response<Vec<u8>>) -> Result<T, Error<E>>,
) -> Result<T, Error<E>> {
    match response.status().as_u16() {
        status if status == success => read(response),
        400..=599 => Err(error_response(response)),
        _ => Err(unexpected_status(response)),
    }
}

/// The result of an operation that documents answers besides its successes:
/// a redirect (3XX) or an interim answer (1XX, `101 Switching Protocols`).
/// Such an answer is the caller's, status and headers as they came: the
/// client does not follow a redirect the operation documents.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer<T> {
    /// A success (2XX), decoded.
    Value(T),
    /// A documented 1XX or 3XX answer.
    Status {
        status: http::StatusCode,
        headers: http::HeaderMap,
    },
}

impl<T> Answer<T> {
    /// The answer as it came, for a documented 1XX or 3XX status.
    pub fn of_status<E>(response: http::Response<Vec<u8>>) -> Result<Self, Error<E>> {
        let (parts, _) = response.into_parts();
        Ok(Answer::Status {
            status: parts.status,
            headers: parts.headers,
        })
    }

    /// The success's value, if the answer was one.
    pub fn value(self) -> Option<T> {
        match self {
            Answer::Value(value) => Some(value),
            Answer::Status { .. } => None,
        }
    }

    /// Where a redirect points (its `Location` header).
    pub fn location(&self) -> Option<&str> {
        match self {
            Answer::Status { headers, .. } => headers
                .get(http::header::LOCATION)
                .and_then(|value| value.to_str().ok()),
            Answer::Value(_) => None,
        }
    }
}

/// A success writes its value; another answer has none (`null`).
impl<T: serde::Serialize> serde::Serialize for Answer<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Value(value) => value.serialize(serializer),
            Answer::Status { .. } => serializer.serialize_unit(),
        }
    }
}

/// The error for a response with an error status the operation describes;
/// 412 is told apart.
pub fn error_response<E: serde::de::DeserializeOwned>(
    response: http::Response<Vec<u8>>,
) -> Error<E> {
    let error = serde_json::from_slice(response.body()).ok();
    let body = String::from_utf8_lossy(response.body()).into_owned();
    let (parts, _) = response.into_parts();
    let headers = parts.headers;
    match parts.status {
        http::StatusCode::PRECONDITION_FAILED => Error::PreconditionFailed {
            error,
            body,
            headers,
        },
        status => Error::Api {
            status,
            error,
            body,
            headers,
        },
    }
}

/// The error for a response whose status the operation does not describe.
pub fn unexpected_status<E>(response: http::Response<Vec<u8>>) -> Error<E> {
    let body = String::from_utf8_lossy(response.body()).into_owned();
    let (parts, _) = response.into_parts();
    Error::UnexpectedStatus {
        status: parts.status,
        body,
        headers: parts.headers,
    }
}

/// An operation that answers with a page of items and a link to the next
/// page (`value` and `@odata.nextLink`); the client can follow the links.
pub trait Paged: Operation {
    type Item;

    /// The items of a page, and the URL of the next page if there is one.
    fn into_items(page: Self::Output) -> (Vec<Self::Item>, Option<String>);

    /// The link for the next round of a delta query (`@odata.deltaLink`),
    /// which its last page carries; `None` for other listings.
    fn delta_link(page: &Self::Output) -> Option<String> {
        let _ = page;
        None
    }
}
