//! The HTTP client of a generated SDK (the `client` feature): reqwest with
//! rustls, a bearer token from a [`TokenProvider`] (asked again once after a
//! 401), retries of throttled and unavailable answers ([`RetryPolicy`],
//! honouring `Retry-After`), a per-request timeout, and a `tracing` span per
//! request (method, path, status, attempts, request id; never a token, a
//! query value or a body), which costs nothing without a subscriber. Every
//! request goes through one non-generic `send`; paging is in
//! `paging.rs`, calls in `call.rs`, uploads in `upload.rs`.
//!
//! This file is the same in every crate sdkgen emits.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::runtime::{BoxError, BuildError, Error, Operation};

/// Gives the bearer token for requests.
///
/// `refresh` is `true` after the service refused the last token (401): a
/// provider that caches tokens should get a new one. Implemented for
/// [`StaticToken`] and for any `Fn(bool) -> impl Future<Output = Result<String, BoxError>>`.
pub trait TokenProvider: Send + Sync {
    fn token(
        &self,
        refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>>;
}

/// One token for every request, e.g. from an environment variable.
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(<redacted>)")
    }
}

impl TokenProvider for StaticToken {
    fn token(
        &self,
        _refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn(bool) -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, BoxError>> + Send + 'static,
{
    fn token(
        &self,
        refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(self(refresh))
    }
}

/// When and how often a request is sent again.
///
/// 429 (throttled), 503 and 504 are retried, waiting as long as
/// `Retry-After` says (seconds or an HTTP date, at most `max_delay`) or else
/// an exponential backoff from `base_delay` with full jitter. Only
/// idempotent methods are retried unless `retry_non_idempotent` is set: a
/// POST or PATCH sent twice may take effect twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    fn retries(&self, method: &http::Method, status: http::StatusCode) -> bool {
        let retryable = matches!(status.as_u16(), 429 | 503 | 504);
        let idempotent = matches!(
            *method,
            http::Method::GET
                | http::Method::HEAD
                | http::Method::PUT
                | http::Method::DELETE
                | http::Method::OPTIONS
        );
        retryable && (idempotent || self.retry_non_idempotent)
    }

    /// How long to wait before attempt `attempt + 1` (`attempt` counts from 1).
    fn delay(&self, attempt: u32, retry_after: Option<&http::HeaderValue>) -> Duration {
        if let Some(wait) = retry_after
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after)
        {
            return wait.min(self.max_delay);
        }
        let ceiling = self
            .base_delay
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(self.max_delay);
        ceiling.mul_f64(jitter())
    }
}

/// `Retry-After`: a number of seconds, or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(value, &format)
        .ok()?
        .assume_utc();
    let wait = at - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// A number in [0, 1), different on every call: spreads retries of many
/// clients apart. Hashing with a fresh `RandomState` is enough for that.
fn jitter() -> f64 {
    use std::hash::BuildHasher;
    let random = std::collections::hash_map::RandomState::new().hash_one(std::time::Instant::now());
    (random >> 11) as f64 / (1u64 << 53) as f64
}

/// Sends operations to the service.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    auth: Option<Arc<dyn TokenProvider>>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Tokens are secrets: never printed.
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth.as_ref().map(|_| "<token provider>"))
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// How the method traits of a split SDK's operation crates reach the client
/// (their methods are default methods, so they are written once).
impl AsRef<Client> for Client {
    fn as_ref(&self) -> &Client {
        self
    }
}

impl Client {
    /// A client for `base_url`, e.g. one of the constants in `crate::servers`,
    /// with the default [`RetryPolicy`] and a 100-second timeout.
    pub fn new(base_url: impl Into<String>) -> Self {
        // Redirects are followed here, request by request (`Prepared::redirected`):
        // some are the operation's answer, and the token stays with its origin.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Client {
            http,
            base_url: base_url.into(),
            auth: None,
            retry: RetryPolicy::default(),
            timeout: Some(Duration::from_secs(100)),
        }
    }

    /// Sends `Authorization: Bearer {token}` with every request.
    pub fn with_bearer_token(self, token: impl Into<String>) -> Self {
        self.with_token_provider(StaticToken::new(token))
    }

    /// Takes tokens from `provider` (your credential flow), asking it for a
    /// fresh one once when the service answers 401.
    pub fn with_token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.auth = Some(Arc::new(provider));
        self
    }

    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long one attempt may take; `None` waits for ever.
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Uses a reqwest client of the caller's (proxies, connection pool, ...).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends one operation and decodes the answer.
    pub async fn execute<O: Operation>(&self, operation: &O) -> Result<O::Output, Error<O::Error>> {
        let request = operation.to_request(&self.base_url)?;
        let response = self.send(Prepared::from(request)).await.map_err(widen)?;
        O::parse_response(response)
    }

    /// [`Client::execute`], also giving the response's headers: the `ETag` of
    /// an entity read (`headers.get("etag")`), a `Location`, the request id.
    pub async fn execute_with_headers<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<(O::Output, http::HeaderMap), Error<O::Error>> {
        let request = operation.to_request(&self.base_url)?;
        let response = self.send(Prepared::from(request)).await.map_err(widen)?;
        let headers = response.headers().clone();
        O::parse_response(response).map(|output| (output, headers))
    }

    /// An empty [`Batch`](crate::batch::Batch) for this client's service.
    pub fn batch(&self) -> crate::batch::Batch {
        crate::batch::Batch::new(&self.base_url)
    }

    /// Sends a batch in one request (`POST $batch`); each request's answer is
    /// then read with [`BatchReplies::take`](crate::batch::BatchReplies::take).
    pub async fn send_batch(
        &self,
        batch: &crate::batch::Batch,
    ) -> Result<crate::batch::BatchReplies, Error<serde_json::Value>> {
        let request = batch.to_request()?;
        let response = self.send(Prepared::from(request)).await.map_err(widen)?;
        crate::batch::BatchReplies::from_response(response)
    }

    /// Sends a request: adds the token, retries as the policy says, asks for
    /// a fresh token once on 401, and reads the whole answer; in a `request`
    /// span (`tracing`, level DEBUG). Not generic, so that this, the costly
    /// part of a call, is compiled once and not once per operation; its
    /// errors are those of sending alone, widened by [`widen`].
    pub(crate) async fn send(
        &self,
        request: Prepared,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let span = tracing::debug_span!(
            "request",
            method = %request.method,
            path = %url_path(&request.url),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        tracing::Instrument::instrument(self.attempts(request, span.clone()), span).await
    }

    async fn attempts(
        &self,
        mut request: Prepared,
        span: tracing::Span,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let mut token = match request.authorize {
            true => self.token(false).await?,
            false => None,
        };
        let mut refreshed = false;
        let mut attempt = 1;
        let mut redirects = 0;
        loop {
            span.record("attempts", attempt);
            let response = match self.send_once(&request, token.as_deref()).await {
                Ok(response) => response,
                Err(e) => {
                    // The error's text may hold the URL's query: only its kind is told.
                    let kind = if matches!(e, Error::Timeout) {
                        "timeout"
                    } else {
                        "transport"
                    };
                    tracing::debug!(attempt, kind, "the request did not complete");
                    return Err(e);
                }
            };
            let status = response.status();
            span.record("status", status.as_u16());
            if redirects < MAX_REDIRECTS
                && let Some(next) = request.redirected(&response)
            {
                tracing::debug!(status = status.as_u16(), "following a redirect");
                redirects += 1;
                if request.authorize && !next.authorize {
                    token = None;
                }
                request = next;
                continue;
            }
            if let Some(id) = crate::runtime::request_id_of(response.headers()) {
                span.record("request_id", id);
            }
            if status == http::StatusCode::UNAUTHORIZED
                && request.authorize
                && self.auth.is_some()
                && !refreshed
            {
                tracing::debug!(attempt, "401: asking the token provider for a fresh token");
                refreshed = true;
                token = self.token(true).await?;
                continue;
            }
            if attempt < self.retry.max_attempts && self.retry.retries(&request.method, status) {
                let delay = self
                    .retry
                    .delay(attempt, response.headers().get(http::header::RETRY_AFTER));
                tracing::debug!(
                    attempt,
                    status = status.as_u16(),
                    wait_ms = delay.as_millis() as u64,
                    "retrying"
                );
                tokio::time::sleep(delay).await;
                attempt += 1;
                continue;
            }
            return Ok(response);
        }
    }

    async fn token(&self, refresh: bool) -> Result<Option<String>, SendError> {
        match &self.auth {
            Some(provider) => provider.token(refresh).await.map(Some).map_err(Error::Auth),
            None => Ok(None),
        }
    }

    async fn send_once(
        &self,
        request: &Prepared,
        token: Option<&str>,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let mut builder = self
            .http
            .request(request.method.clone(), request.url.as_str())
            .headers(request.headers.clone());
        if let Some(token) = token {
            let mut value = http::HeaderValue::from_str(&format!("Bearer {token}"))
                .map_err(|_| BuildError("the token is not a valid header value".to_string()))?;
            value.set_sensitive(true);
            builder = builder.header(http::header::AUTHORIZATION, value);
        }
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        let failed = |e: reqwest::Error| {
            if e.is_timeout() {
                Error::Timeout
            } else {
                Error::Transport(Box::new(e))
            }
        };
        let response = builder
            .body(request.body.clone())
            .send()
            .await
            .map_err(failed)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(failed)?;
        let mut decoded = http::Response::new(body.to_vec());
        *decoded.status_mut() = status;
        *decoded.headers_mut() = headers;
        Ok(decoded)
    }
}

/// What sending alone can fail with: [`Error`] with no error body to decode.
pub(crate) type SendError = Error<std::convert::Infallible>;

/// A sending error as the error of an operation (whose error body type is `E`).
pub(crate) fn widen<E>(e: SendError) -> Error<E> {
    e.map_body(|never| match never {})
}

/// The path of a URL, without its query (which may hold values worth keeping
/// out of logs).
fn url_path(url: &str) -> String {
    reqwest::Url::parse(url)
        .map(|u| u.path().to_string())
        .unwrap_or_default()
}

/// How many redirects a request follows before the last answer is its own.
const MAX_REDIRECTS: usize = 10;

/// A request that can be sent more than once.
pub(crate) struct Prepared {
    pub(crate) method: http::Method,
    pub(crate) url: String,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Vec<u8>,
    /// Whether the client's token goes with it (not to a URL that carries
    /// its own authorization, such as an upload session's).
    pub(crate) authorize: bool,
    /// Whether a redirect is followed; not when the operation documents
    /// it as an answer ([`crate::runtime::KeepRedirects`]).
    pub(crate) follow_redirects: bool,
}

impl Prepared {
    pub(crate) fn get(url: &str, headers: http::HeaderMap) -> Self {
        Prepared {
            method: http::Method::GET,
            url: url.to_string(),
            headers,
            body: Vec::new(),
            authorize: true,
            follow_redirects: true,
        }
    }

    /// Where a redirect `response` sends this request, if it is one to
    /// follow: `303` (and `301`/`302` after a `POST`) as a `GET` without
    /// the body, `307`/`308` as it is. The token goes along only to the
    /// origin the request was sent to.
    fn redirected(&self, response: &http::Response<Vec<u8>>) -> Option<Prepared> {
        let status = response.status().as_u16();
        if !self.follow_redirects || !matches!(status, 301 | 302 | 303 | 307 | 308) {
            return None;
        }
        let location = response
            .headers()
            .get(http::header::LOCATION)?
            .to_str()
            .ok()?;
        let from = reqwest::Url::parse(&self.url).ok()?;
        let to = from.join(location).ok()?;
        let same_origin = from.origin() == to.origin();
        let as_get =
            status == 303 || (matches!(status, 301 | 302) && self.method == http::Method::POST);
        let mut headers = self.headers.clone();
        if !same_origin {
            headers.remove(http::header::AUTHORIZATION);
            headers.remove(http::header::COOKIE);
        }
        if as_get {
            headers.remove(http::header::CONTENT_TYPE);
        }
        Some(Prepared {
            method: if as_get {
                http::Method::GET
            } else {
                self.method.clone()
            },
            url: to.to_string(),
            headers,
            body: if as_get {
                Vec::new()
            } else {
                self.body.clone()
            },
            authorize: self.authorize && same_origin,
            follow_redirects: true,
        })
    }
}

impl From<http::Request<Vec<u8>>> for Prepared {
    fn from(request: http::Request<Vec<u8>>) -> Self {
        let (parts, body) = request.into_parts();
        let follow_redirects = parts
            .extensions
            .get::<crate::runtime::KeepRedirects>()
            .is_none();
        Prepared {
            method: parts.method,
            url: parts.uri.to_string(),
            headers: parts.headers,
            body,
            authorize: true,
            follow_redirects,
        }
    }
}
