//! The runtime of a generated SDK: request building, response decoding and
//! errors, usable without any HTTP client, and an async client on reqwest
//! behind the `client` feature.
//!
//! This file is the same in every crate sdkgen emits; the operation-specific
//! code lives in `operations.rs`, which uses it.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// An operation of the API: what it sends and what it gets back.
pub trait Operation {
    /// The decoded result of a successful call.
    type Output;
    /// The decoded body of an error response.
    type Error;

    /// Builds the HTTP request against `base_url` (e.g. `https://graph.microsoft.com/beta`).
    fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, BuildError>;

    /// Decodes the HTTP response into the result, or the typed error.
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Self::Output, Error<Self::Error>>;
}

/// Characters kept as they are in a path segment: RFC 3986 unreserved ones.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Characters kept in a query value: unreserved ones and those OData
/// expressions use that carry no meaning in a query (`$filter=startswith(name,'a')`
/// keeps its quotes and parentheses). `,` is encoded: it separates list items.
const QUERY_VALUE: &AsciiSet = &PATH_SEGMENT.remove(b'\'').remove(b'(').remove(b')').remove(b'$').remove(b':').remove(b'@').remove(b'/');

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
display_param_value!(String, str, bool, i8, u8, i16, i32, i64, f32, f64, uuid::Uuid, serde_json::Value);

impl ParamValue for time::OffsetDateTime {
    fn param_items(&self) -> Vec<String> {
        self.format(&time::format_description::well_known::Rfc3339).into_iter().collect()
    }
}

impl ParamValue for time::Date {
    fn param_items(&self) -> Vec<String> {
        vec![format!("{:04}-{:02}-{:02}", self.year(), u8::from(self.month()), self.day())]
    }
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn param_items(&self) -> Vec<String> {
        self.as_ref().map(ParamValue::param_items).unwrap_or_default()
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
}

impl RequestBuilder {
    pub fn new(method: http::Method, base_url: &str) -> Self {
        RequestBuilder {
            method,
            url: base_url.trim_end_matches('/').to_string(),
            has_query: false,
            headers: Vec::new(),
            body: Vec::new(),
            problem: None,
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
            self.problem.get_or_insert_with(|| "a path parameter is empty".to_string());
        }
        let encoded: Vec<String> = items.iter().map(|i| utf8_percent_encode(i, PATH_SEGMENT).to_string()).collect();
        self.url.push_str(&encoded.join(","));
        self
    }

    /// Adds a query parameter unless the value is absent. Lists are one
    /// comma-separated pair, or one pair per item when `explode` is set.
    pub fn query(mut self, name: &str, value: &impl ParamValue, explode: bool) -> Self {
        let items = value.param_items();
        if items.is_empty() {
            return self;
        }
        let name = utf8_percent_encode(name, QUERY_VALUE).to_string();
        let encoded: Vec<String> = items.iter().map(|i| utf8_percent_encode(i, QUERY_VALUE).to_string()).collect();
        let pairs = if explode { encoded } else { vec![encoded.join(",")] };
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

    /// Sets the `Accept` header.
    pub fn accept(self, media_type: &str) -> Self {
        self.header("Accept", &media_type)
    }

    /// Serializes `value` as the JSON body, if there is one.
    pub fn json_body<T: serde::Serialize>(mut self, value: Option<&T>, media_type: &str) -> Self {
        if let Some(value) = value {
            match serde_json::to_vec(value) {
                Ok(bytes) => {
                    self.body = bytes;
                    self.headers.push(("Content-Type".to_string(), media_type.to_string()));
                }
                Err(e) => {
                    self.problem.get_or_insert_with(|| format!("the body does not serialize: {e}"));
                }
            }
        }
        self
    }

    /// Sets a text body, if there is one.
    pub fn text_body(mut self, value: Option<&String>, media_type: &str) -> Self {
        if let Some(value) = value {
            self.body = value.clone().into_bytes();
            self.headers.push(("Content-Type".to_string(), media_type.to_string()));
        }
        self
    }

    pub fn build(self) -> Result<http::Request<Vec<u8>>, BuildError> {
        if let Some(problem) = self.problem {
            return Err(BuildError(problem));
        }
        let mut builder = http::Request::builder().method(self.method).uri(&self.url);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(self.body).map_err(|e| BuildError(format!("{e} (URL `{}`)", self.url)))
    }
}

/// What can go wrong with a call.
#[derive(Debug)]
pub enum Error<E> {
    /// The request could not be built.
    Build(BuildError),
    /// Sending the request or reading the response failed.
    Transport(Box<dyn std::error::Error + Send + Sync>),
    /// The service answered with a status the operation does not succeed
    /// with. `error` is the decoded error body, where it decodes.
    Api { status: http::StatusCode, error: Option<E>, body: String },
    /// A success response whose body is not what the operation promises.
    Decode { status: http::StatusCode, message: String, body: String },
}

impl<E> Error<E> {
    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::Build(_) | Error::Transport(_) => None,
        }
    }
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

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(e) => e.fmt(f),
            Error::Transport(e) => write!(f, "the request failed: {e}"),
            Error::Api { status, body, .. } if body.trim().is_empty() => write!(f, "the service answered {status}"),
            Error::Api { status, body, .. } => write!(f, "the service answered {status}: {}", excerpt(body)),
            Error::Decode { status, message, body } => {
                write!(f, "the {status} response body is not as expected ({message}): {}", excerpt(body))
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {}

/// Decodes a JSON success body.
pub fn json_body<T: serde::de::DeserializeOwned, E>(response: http::Response<Vec<u8>>) -> Result<T, Error<E>> {
    serde_json::from_slice(response.body()).map_err(|e| Error::Decode {
        status: response.status(),
        message: e.to_string(),
        body: String::from_utf8_lossy(response.body()).into_owned(),
    })
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

/// The error for a response whose status the operation does not succeed with.
pub fn error_response<E: serde::de::DeserializeOwned>(response: http::Response<Vec<u8>>) -> Error<E> {
    Error::Api {
        status: response.status(),
        error: serde_json::from_slice(response.body()).ok(),
        body: String::from_utf8_lossy(response.body()).into_owned(),
    }
}

#[cfg(feature = "client")]
pub use client::Client;

#[cfg(feature = "client")]
mod client {
    use super::{Error, Operation};

    /// Sends operations to the service with reqwest (rustls), adding the
    /// bearer token to every request.
    #[derive(Clone)]
    pub struct Client {
        http: reqwest::Client,
        base_url: String,
        token: Option<String>,
    }

    impl std::fmt::Debug for Client {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            // The token is a secret: never printed.
            f.debug_struct("Client")
                .field("base_url", &self.base_url)
                .field("token", &self.token.as_ref().map(|_| "<redacted>"))
                .finish()
        }
    }

    impl Client {
        /// A client for `base_url`, e.g. one of the constants in `crate::servers`.
        pub fn new(base_url: impl Into<String>) -> Self {
            Client { http: reqwest::Client::new(), base_url: base_url.into(), token: None }
        }

        /// Sends `Authorization: Bearer {token}` with every request.
        pub fn with_bearer_token(mut self, token: impl Into<String>) -> Self {
            self.token = Some(token.into());
            self
        }

        /// Uses a reqwest client of the caller's (timeouts, proxies, ...).
        pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
            self.http = http;
            self
        }

        pub fn base_url(&self) -> &str {
            &self.base_url
        }

        /// Sends one operation and decodes the answer.
        pub async fn execute<O: Operation>(&self, operation: &O) -> Result<O::Output, Error<O::Error>> {
            let mut request = operation.to_request(&self.base_url)?;
            if let Some(token) = &self.token {
                let mut value = http::HeaderValue::from_str(&format!("Bearer {token}"))
                    .map_err(|_| super::BuildError("the token is not a valid header value".to_string()))?;
                value.set_sensitive(true);
                request.headers_mut().insert(http::header::AUTHORIZATION, value);
            }
            let request = reqwest::Request::try_from(request).map_err(|e| Error::Transport(Box::new(e)))?;
            let response = self.http.execute(request).await.map_err(|e| Error::Transport(Box::new(e)))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| Error::Transport(Box::new(e)))?;
            let mut decoded = http::Response::new(body.to_vec());
            *decoded.status_mut() = status;
            *decoded.headers_mut() = headers;
            O::parse_response(decoded)
        }
    }
}
