//! Requests step by step: path, query, header and cookie values
//! ([`ParamValue`]), bodies (JSON, text, bytes, form fields), and the
//! [`RequestBuilder`] that puts them into an `http::Request`. Re-exported by
//! `runtime.rs`, whose paths the emitted code names.
//!
//! This file is the same in every crate sdkgen emits.

use std::fmt;

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

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
