//! What the exerciser (emitted by sdkgen for the SDK under test) builds its
//! requests from, and what each request type is held as: part of the
//! program `cargo xtask conform` compiles beside the SDK crate.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::runtime::{Error, Operation};

/// One call's inputs, as `interop/prism/inputs.mjs` made them from the
/// description: parameters by location and name, the body, credentials.
pub struct Inputs {
    value: Value,
}

impl Inputs {
    pub fn new(value: Value) -> Self {
        Inputs { value }
    }

    fn get(&self, location: &str, name: &str) -> Option<&Value> {
        match location {
            "body" => self.value.get("body"),
            _ => self.value.get(location)?.get(name),
        }
    }

    /// A required value, read through the SDK's types.
    pub fn parameter<T: DeserializeOwned>(&self, location: &str, name: &str) -> Result<T, String> {
        let value = self
            .get(location, name)
            .ok_or_else(|| format!("no value for the {location} parameter `{name}`"))?;
        serde_json::from_value(value.clone())
            .map_err(|e| format!("the {location} `{name}` does not read: {e}: {value}"))
    }

    pub fn optional_parameter<T: DeserializeOwned>(
        &self,
        location: &str,
        name: &str,
    ) -> Result<Option<T>, String> {
        match self.get(location, name) {
            None => Ok(None),
            Some(_) => self.parameter(location, name).map(Some),
        }
    }

    pub fn body<T: DeserializeOwned>(&self, location: &str, name: &str) -> Result<T, String> {
        self.parameter(location, name)
    }

    pub fn optional_body<T: DeserializeOwned>(
        &self,
        location: &str,
        name: &str,
    ) -> Result<Option<T>, String> {
        self.optional_parameter(location, name)
    }

    /// A text body: the sampled string, or the JSON text of another value.
    pub fn text_body<T: From<String>>(&self, location: &str, name: &str) -> Result<T, String> {
        Ok(T::from(match self.get(location, name) {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        }))
    }

    pub fn optional_text_body<T: From<String>>(
        &self,
        location: &str,
        name: &str,
    ) -> Result<Option<T>, String> {
        match self.get(location, name) {
            None => Ok(None),
            Some(_) => self.text_body(location, name).map(Some),
        }
    }

    /// Raw bytes: the sampled text's bytes.
    pub fn bytes_body<T: From<Vec<u8>>>(&self, location: &str, name: &str) -> Result<T, String> {
        self.text_body::<String>(location, name)
            .map(|text| T::from(text.into_bytes()))
    }

    pub fn optional_bytes_body<T: From<Vec<u8>>>(
        &self,
        location: &str,
        name: &str,
    ) -> Result<Option<T>, String> {
        match self.get(location, name) {
            None => Ok(None),
            Some(_) => self.bytes_body(location, name).map(Some),
        }
    }

    /// Credentials the operation's security requirement asks for, by where
    /// they go (`header`, `query`, `cookie`).
    pub fn credentials(&self, location: &str) -> Map<String, Value> {
        self.value
            .get("auth")
            .and_then(|auth| auth.get(location))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    }
}

/// What the SDK made of an answer.
pub enum Answer {
    /// The typed result or the typed error, written back as JSON, and its
    /// `Debug` text (where unknown enum values and union variants show).
    Decoded { json: Value, debug: String },
    /// The answer did not decode.
    Failed(String),
}

/// A request type of the SDK, built: its request, and how it reads an answer.
pub trait Call {
    fn request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, String>;
    fn answer(&self, response: http::Response<Vec<u8>>) -> Answer;
}

impl<O> Call for O
where
    O: Operation,
    O::Output: serde::Serialize + std::fmt::Debug,
    O::Error: serde::Serialize + std::fmt::Debug,
{
    fn request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, String> {
        self.to_request(base_url).map_err(|e| e.to_string())
    }

    fn answer(&self, response: http::Response<Vec<u8>>) -> Answer {
        answer::<O>(response, |output| serde_json::to_value(output))
    }
}

/// A request type whose result is written back through an adapter (a whole
/// body in a text format of its own, `[date, ...]`).
pub struct Written<O: Operation> {
    operation: O,
    write: fn(&O::Output) -> Result<Value, serde_json::Error>,
}

impl<O: Operation> Written<O> {
    pub fn new(operation: O, write: fn(&O::Output) -> Result<Value, serde_json::Error>) -> Self {
        Written { operation, write }
    }
}

impl<O> Call for Written<O>
where
    O: Operation,
    O::Output: std::fmt::Debug,
    O::Error: serde::Serialize + std::fmt::Debug,
{
    fn request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, String> {
        self.operation
            .to_request(base_url)
            .map_err(|e| e.to_string())
    }

    fn answer(&self, response: http::Response<Vec<u8>>) -> Answer {
        answer::<O>(response, self.write)
    }
}

fn answer<O>(
    response: http::Response<Vec<u8>>,
    write: impl Fn(&O::Output) -> Result<Value, serde_json::Error>,
) -> Answer
where
    O: Operation,
    O::Output: std::fmt::Debug,
    O::Error: serde::Serialize + std::fmt::Debug,
{
    let decoded = |value: &dyn std::fmt::Debug, json: Result<Value, serde_json::Error>| match json {
        Ok(json) => Answer::Decoded {
            json,
            debug: format!("{value:?}"),
        },
        Err(e) => Answer::Failed(format!("decoded, but does not serialize: {e}")),
    };
    match O::parse_response(response) {
        Ok(output) => decoded(&output, write(&output)),
        Err(Error::Api {
            error: Some(error), ..
        }) => decoded(&error, serde_json::to_value(&error)),
        // A documented error without a body.
        Err(Error::Api {
            error: None, body, ..
        }) if body.is_empty() => Answer::Decoded {
            json: Value::Null,
            debug: String::new(),
        },
        Err(other) => Answer::Failed(other.to_string()),
    }
}
