//! Answers read into results: bodies (JSON, text, bytes), the usual reply
//! (one success status), documented redirects and interim answers
//! ([`Answer`]), and the errors of statuses the operation describes or not.
//! Re-exported by `runtime.rs`, whose paths the emitted code names.
//!
//! This file is the same in every crate sdkgen emits.

use crate::runtime::Error;

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
