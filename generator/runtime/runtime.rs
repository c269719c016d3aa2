//! The runtime of a generated SDK: operations, errors and what models say of
//! themselves, usable without any HTTP client; requests are built in
//! `request.rs` and answers read in `reply.rs` (both re-exported here). The
//! async client on reqwest lives in `transport.rs`, behind the `client` feature.
//!
//! This file is the same in every crate sdkgen emits; the operation-specific
//! code lives in `operations.rs`, which uses it.

use std::fmt;

pub use crate::reply::*;
pub use crate::request::*;

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

    /// 404: what the request names does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(http::StatusCode::NOT_FOUND)
    }

    /// 429: the service throttles the caller (the client's retry policy
    /// has waited as the service asked, as often as it allows).
    pub fn is_throttled(&self) -> bool {
        self.status() == Some(http::StatusCode::TOO_MANY_REQUESTS)
    }

    /// The service's code for the error, where its body is an OData error
    /// (`{"error": {"code": "Request_ResourceNotFound", ..}}`), whatever the
    /// operation's error type.
    pub fn code(&self) -> Option<String> {
        Some(ODataSummary::read(self.body()?)?.code).filter(|code| !code.is_empty())
    }

    /// The service's message for the error, where its body is an OData error.
    pub fn message(&self) -> Option<String> {
        Some(ODataSummary::read(self.body()?)?.message).filter(|message| !message.is_empty())
    }

    /// The text of an error answer's body.
    pub fn body(&self) -> Option<&str> {
        match self {
            Error::Api { body, .. }
            | Error::PreconditionFailed { body, .. }
            | Error::UnexpectedStatus { body, .. }
            | Error::Decode { body, .. } => Some(body),
            _ => None,
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

impl<E> Error<E> {
    /// This error with its decoded error body mapped by `read` (the one
    /// place that walks every variant to change the body type).
    pub fn map_body<F>(self, read: impl FnOnce(E) -> Option<F>) -> Error<F> {
        match self {
            Error::Build(e) => Error::Build(e),
            Error::Auth(e) => Error::Auth(e),
            Error::Transport(e) => Error::Transport(e),
            Error::Timeout => Error::Timeout,
            Error::Api {
                status,
                error,
                body,
                headers,
            } => Error::Api {
                status,
                error: error.and_then(read),
                body,
                headers,
            },
            Error::PreconditionFailed {
                error,
                body,
                headers,
            } => Error::PreconditionFailed {
                error: error.and_then(read),
                body,
                headers,
            },
            Error::UnexpectedStatus {
                status,
                body,
                headers,
            } => Error::UnexpectedStatus {
                status,
                body,
                headers,
            },
            Error::Decode {
                status,
                message,
                body,
            } => Error::Decode {
                status,
                message,
                body,
            },
        }
    }
}

impl Error<serde_json::Value> {
    /// This error with the service's error body read as `E`: a batch's or an
    /// upload's error (read as any JSON) as the operations' error type,
    /// `client.send_batch(&batch).await.map_err(Error::typed)?`.
    pub fn typed<E: serde::de::DeserializeOwned>(self) -> Error<E> {
        self.map_body(|error| serde_json::from_value(error).ok())
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
