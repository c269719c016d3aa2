//! JSON batching (`$batch`, the OData 4.01 JSON format, which Graph and SAP
//! CAP speak): typed requests go into one [`Batch`], one HTTP request carries
//! them, and each answer is decoded by its own request's `parse_response`.
//! Building and reading are sans-IO; `Client::send_batch` sends.
//!
//! This file is the same in every crate sdkgen emits.

use std::collections::HashMap;
use std::marker::PhantomData;

use crate::runtime::{BuildError, Error, Operation};

/// How many requests Microsoft Graph takes in one batch.
pub const DEFAULT_LIMIT: usize = 20;

/// Requests to send together.
#[derive(Clone, Debug)]
pub struct Batch {
    base_url: String,
    limit: usize,
    items: Vec<serde_json::Value>,
}

/// Where the answer to one request of a batch is: give it to
/// [`BatchReplies::take`] for the typed result.
#[derive(Debug)]
pub struct Handle<O> {
    id: String,
    operation: PhantomData<fn() -> O>,
}

impl<O> Handle<O> {
    /// The request's `id` in the batch (what `dependsOn` names).
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Batch {
    /// An empty batch for the service at `base_url`, of at most
    /// [`DEFAULT_LIMIT`] requests.
    pub fn new(base_url: impl Into<String>) -> Self {
        Batch {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            limit: DEFAULT_LIMIT,
            items: Vec::new(),
        }
    }

    /// At most `limit` requests (other services take other numbers).
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a request; the service may run it in any order.
    pub fn add<O: Operation>(&mut self, operation: &O) -> Result<Handle<O>, BuildError> {
        self.add_after(operation, &[])
    }

    /// Adds a request that runs after the ones `after` names (`dependsOn`);
    /// if one of them fails, the service does not run it.
    pub fn add_after<O: Operation>(
        &mut self,
        operation: &O,
        after: &[&str],
    ) -> Result<Handle<O>, BuildError> {
        let request = operation.to_request(&self.base_url)?;
        let id = (self.items.len() + 1).to_string();
        let mut item = serde_json::Map::new();
        item.insert("id".into(), id.clone().into());
        item.insert("method".into(), request.method().as_str().into());
        item.insert(
            "url".into(),
            self.relative_url(&request.uri().to_string())?.into(),
        );
        let mut headers = serde_json::Map::new();
        for (name, value) in request.headers() {
            let value = value
                .to_str()
                .map_err(|_| BuildError(format!("the header `{name}` is not text")))?;
            headers.insert(name.as_str().into(), value.into());
        }
        let json_body = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json);
        if !request.body().is_empty() {
            // JSON goes as JSON; other media as base64url text (OData 4.01 JSON batch).
            let body = if json_body {
                serde_json::from_slice(request.body())
                    .map_err(|e| BuildError(format!("the JSON body does not parse: {e}")))?
            } else {
                crate::text::format_base64url(request.body())
                    .map_err(BuildError)?
                    .into()
            };
            item.insert("body".into(), body);
        }
        if !headers.is_empty() {
            item.insert("headers".into(), headers.into());
        }
        if !after.is_empty() {
            item.insert("dependsOn".into(), after.to_vec().into());
        }
        self.items.push(item.into());
        Ok(Handle {
            id,
            operation: PhantomData,
        })
    }

    /// The URL of a request relative to the service root, as a batch item has it.
    fn relative_url(&self, url: &str) -> Result<String, BuildError> {
        url.strip_prefix(&self.base_url)
            .map(|rest| rest.trim_start_matches('/').to_string())
            .ok_or_else(|| BuildError(format!("`{url}` is not under `{}`", self.base_url)))
    }

    /// The `POST {base}/$batch` request, or an error past the limit.
    pub fn to_request(&self) -> Result<http::Request<Vec<u8>>, BuildError> {
        if self.items.len() > self.limit {
            return Err(BuildError(format!(
                "a batch holds at most {} requests and this one has {}: send it in parts",
                self.limit,
                self.items.len()
            )));
        }
        let body = serde_json::to_vec(&serde_json::json!({ "requests": self.items }))
            .map_err(|e| BuildError(e.to_string()))?;
        http::Request::builder()
            .method(http::Method::POST)
            .uri(format!("{}/$batch", self.base_url))
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json")
            .body(body)
            .map_err(|e| BuildError(e.to_string()))
    }
}

/// The answers of a batch, by request.
#[derive(Debug)]
pub struct BatchReplies {
    replies: HashMap<String, http::Response<Vec<u8>>>,
}

impl BatchReplies {
    /// Reads the answer to a batch request. An error status of the batch as
    /// a whole is an error; errors of single requests are theirs.
    // The crate's one `Error` type, as every operation returns it.
    #[allow(clippy::result_large_err)]
    pub fn from_response(
        response: http::Response<Vec<u8>>,
    ) -> Result<Self, Error<serde_json::Value>> {
        if !response.status().is_success() {
            return Err(crate::runtime::error_response(response));
        }
        let status = response.status();
        let decode = |message: String| Error::Decode {
            status,
            message,
            body: String::from_utf8_lossy(response.body()).into_owned(),
        };
        let answer: serde_json::Value =
            serde_json::from_slice(response.body()).map_err(|e| decode(e.to_string()))?;
        let items = answer
            .get("responses")
            .and_then(|r| r.as_array())
            .ok_or_else(|| decode("the answer has no `responses`".into()))?;
        let mut replies = HashMap::new();
        for item in items {
            let id = item.get("id").and_then(|v| v.as_str()).unwrap_or_default();
            let reply = one_reply(item).map_err(decode)?;
            replies.insert(id.to_string(), reply);
        }
        Ok(BatchReplies { replies })
    }

    /// The typed result of one request, decoded by its `parse_response`.
    pub fn take<O: Operation>(&mut self, handle: &Handle<O>) -> Result<O::Output, Error<O::Error>> {
        match self.replies.remove(&handle.id) {
            Some(reply) => O::parse_response(reply),
            None => Err(Error::Decode {
                status: http::StatusCode::OK,
                message: format!("the batch answer has no response with id {}", handle.id),
                body: String::new(),
            }),
        }
    }
}

/// One item of `responses` as the HTTP response it stands for.
fn one_reply(item: &serde_json::Value) -> Result<http::Response<Vec<u8>>, String> {
    let status = item
        .get("status")
        .and_then(|s| s.as_u64())
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("a response has no status")?;
    let mut builder = http::Response::builder().status(status);
    let mut json = true;
    if let Some(headers) = item.get("headers").and_then(|h| h.as_object()) {
        for (name, value) in headers {
            let value = value.as_str().unwrap_or_default();
            if name.eq_ignore_ascii_case("content-type") {
                json = is_json(value);
            }
            builder = builder.header(name.as_str(), value);
        }
    }
    let body = match item.get("body") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::String(text)) if !json => {
            crate::text::parse_base64(text).unwrap_or_else(|_| text.clone().into_bytes())
        }
        Some(body) => serde_json::to_vec(body).map_err(|e| e.to_string())?,
    };
    builder.body(body).map_err(|e| e.to_string())
}

/// `application/json`, with parameters, or any `+json` type.
fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}
