//! The HTTP client of a generated SDK (the `client` feature): reqwest with
//! rustls, a bearer token from a [`TokenProvider`] (asked again once after a
//! 401), retries of throttled and unavailable answers ([`RetryPolicy`],
//! honouring `Retry-After`), a per-request timeout, and paging that follows
//! `@odata.nextLink` lazily ([`Client::stream`]), and a `tracing` span per
//! request (method, path, status, attempts, request id; never a token, a
//! query value or a body), which costs nothing without a subscriber.
//!
//! This file is the same in every crate sdkgen emits.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::Stream;

use crate::runtime::{BoxError, BuildError, Error, Operation, Paged};

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

impl Client {
    /// A client for `base_url`, e.g. one of the constants in `crate::servers`,
    /// with the default [`RetryPolicy`] and a 100-second timeout.
    pub fn new(base_url: impl Into<String>) -> Self {
        Client {
            http: reqwest::Client::new(),
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

    /// The items of a listing, page after page: the next page is fetched
    /// (from `@odata.nextLink`) only when the items of the last one are
    /// used up, and not at all once `limit` items have been given. An error
    /// ends the stream after it is given.
    pub fn stream<'c, O>(
        &'c self,
        operation: &O,
        limit: Option<usize>,
    ) -> impl Stream<Item = Result<O::Item, Error<O::Error>>> + use<'c, O>
    where
        O: Paged + 'c,
        O::Item: 'c,
    {
        let first = operation.to_request(&self.base_url).map(Prepared::from);
        let changes = self.pages::<O>(first, limit, false);
        futures_util::StreamExt::filter_map(changes, |change| {
            std::future::ready(match change {
                Ok(Delta::Change(item)) => Some(Ok(item)),
                Ok(Delta::Link(_)) => None,
                Err(e) => Some(Err(e)),
            })
        })
    }

    /// A round of a delta query (Graph's `delta()`): every change, page
    /// after page, then [`Delta::Link`], to keep for the next round
    /// ([`Client::delta_from`]). A round that ends without a delta link ends
    /// with an error.
    pub fn delta<'c, O>(
        &'c self,
        operation: &O,
    ) -> impl Stream<Item = Result<Delta<O::Item>, Error<O::Error>>> + use<'c, O>
    where
        O: Paged + 'c,
        O::Item: 'c,
    {
        let first = operation.to_request(&self.base_url).map(Prepared::from);
        self.pages::<O>(first, None, true)
    }

    /// The next round of a delta query, from the link the last one ended
    /// with: the changes since then, then the next link. `O` is the delta
    /// request the link came from (its query options are in the link).
    pub fn delta_from<'c, O>(
        &'c self,
        link: &DeltaLink,
    ) -> impl Stream<Item = Result<Delta<O::Item>, Error<O::Error>>> + use<'c, O>
    where
        O: Paged + 'c,
        O::Item: 'c,
    {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::ACCEPT,
            http::HeaderValue::from_static("application/json"),
        );
        self.pages::<O>(Ok(Prepared::get(&link.0, headers)), None, true)
    }

    /// The pages of a listing from its first request, as changes and, when
    /// `delta`, the delta link of the last page.
    fn pages<'c, O>(
        &'c self,
        first: Result<Prepared, BuildError>,
        limit: Option<usize>,
        delta: bool,
    ) -> impl Stream<Item = Result<Delta<O::Item>, Error<O::Error>>> + use<'c, O>
    where
        O: Paged + 'c,
        O::Item: 'c,
    {
        let state = Pages {
            next: Some(first),
            buffer: VecDeque::new(),
            remaining: limit,
            delta: delta.then_some(None),
        };
        futures_util::stream::unfold(state, move |mut state| async move {
            loop {
                if state.remaining == Some(0) {
                    return None;
                }
                if let Some(item) = state.buffer.pop_front() {
                    if let Some(remaining) = &mut state.remaining {
                        *remaining -= 1;
                    }
                    return Some((Ok(Delta::Change(item)), state));
                }
                let Some(next) = state.next.take() else {
                    // The last page was read: a delta round ends with its link.
                    return match state.delta.take()? {
                        Some(link) => Some((Ok(Delta::Link(DeltaLink(link))), state)),
                        None => Some((Err(no_delta_link()), state)),
                    };
                };
                let request = match next {
                    Ok(request) => request,
                    Err(e) => return Some((Err(e.into()), state)),
                };
                let (headers, url) = (request.headers.clone(), request.url.clone());
                let response = match self.send(request).await {
                    Ok(response) => response,
                    Err(e) => return Some((Err(widen(e)), state)),
                };
                let context = context_url(response.body());
                let page = match O::parse_response(response) {
                    Ok(page) => page,
                    Err(e) => return Some((Err(e), state)),
                };
                if let Some(delta) = &mut state.delta {
                    *delta = O::delta_link(&page);
                }
                let (items, next_link) = O::into_items(page);
                state.buffer.extend(items);
                // The next page is asked for with the first request's headers
                // (ConsistencyLevel, Accept); the link carries the query.
                state.next = next_link.map(|link| {
                    next_page(&url, context.as_deref(), &link)
                        .map(|next| Prepared::get(&next, headers))
                });
            }
        })
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
        request: Prepared,
        span: tracing::Span,
    ) -> Result<http::Response<Vec<u8>>, SendError> {
        let mut token = match request.authorize {
            true => self.token(false).await?,
            false => None,
        };
        let mut refreshed = false;
        let mut attempt = 1;
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

/// An operation bound to a client, what the per-operation methods of
/// [`Client`] give: set options on it, then `.await` it.
///
/// ```ignore
/// let page = client.list_users().top(5).select([UserProperty::DisplayName]).await?;
/// let user = client.update_user(id, changes).with(|u| u.if_match(etag)).await?;
/// ```
///
/// Awaiting it is [`Client::execute`]; the methods that make one are plain
/// functions, so an SDK crate compiles no future per operation: the
/// future of the calls a program makes is compiled in that program.
#[must_use = "a call is sent when it is awaited"]
pub struct Call<'c, O> {
    client: &'c Client,
    operation: O,
}

impl<'c, O> Call<'c, O> {
    pub fn new(client: &'c Client, operation: O) -> Self {
        Call { client, operation }
    }

    /// Changes the request with its own methods (`if_match`, optional
    /// parameters): `.with(|r| r.if_match(etag))`.
    pub fn with(self, change: impl FnOnce(O) -> O) -> Self {
        Call {
            client: self.client,
            operation: change(self.operation),
        }
    }

    /// The request, for a [`Batch`](crate::batch::Batch) or to keep.
    pub fn into_operation(self) -> O {
        self.operation
    }

    /// [`Client::execute_with_headers`] of the request.
    pub async fn with_headers(self) -> Result<(O::Output, http::HeaderMap), Error<O::Error>>
    where
        O: Operation,
    {
        self.client.execute_with_headers(&self.operation).await
    }

    /// The items of the listing, page after page ([`Client::stream`]).
    pub fn stream(
        self,
        limit: Option<usize>,
    ) -> impl Stream<Item = Result<O::Item, Error<O::Error>>> + use<'c, O>
    where
        O: Paged + 'c,
        O::Item: 'c,
    {
        self.client.stream(&self.operation, limit)
    }
}

impl<'c, O> std::future::IntoFuture for Call<'c, O>
where
    O: Operation + Send + Sync + 'c,
    O::Output: Send,
    O::Error: Send,
{
    type Output = Result<O::Output, Error<O::Error>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.client.execute(&self.operation).await })
    }
}

impl<O: fmt::Debug> fmt::Debug for Call<'_, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Call").field(&self.operation).finish()
    }
}

impl<O: crate::query::HasQueryOptions> crate::query::HasQueryOptions for Call<'_, O> {
    type Property = O::Property;
    fn query_options_mut(&mut self) -> &mut crate::query::QueryOptions<Self::Property> {
        self.operation.query_options_mut()
    }
}

/// A call takes the query options its request takes.
macro_rules! call_options {
    ($($option:ident)*) => {$(
        impl<O: crate::query::$option> crate::query::$option for Call<'_, O> {}
    )*};
}

call_options!(TopOption SkipOption SearchOption FilterOption CountOption OrderByOption SelectOption ExpandOption);

/// What sending alone can fail with: [`Error`] with no error body to decode.
pub(crate) type SendError = Error<std::convert::Infallible>;

/// A sending error as the error of an operation (whose error body type is `E`).
pub(crate) fn widen<E>(e: SendError) -> Error<E> {
    match e {
        Error::Build(e) => Error::Build(e),
        Error::Auth(e) => Error::Auth(e),
        Error::Transport(e) => Error::Transport(e),
        Error::Timeout => Error::Timeout,
        Error::Api {
            status,
            body,
            headers,
            ..
        } => Error::Api {
            status,
            error: None,
            body,
            headers,
        },
        Error::PreconditionFailed { body, headers, .. } => Error::PreconditionFailed {
            error: None,
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

/// The URL of the next page. OData allows a relative `@odata.nextLink`
/// (SAP CAP writes `Tenants(1)/certificates?$skiptoken=5`): it is relative
/// to the page's context URL (`$metadata#...`, itself relative to the
/// request's URL), or without one to the request's URL (OData JSON format
/// 4.0, section 4.4; RFC 3986 resolution).
fn next_page(request_url: &str, context: Option<&str>, link: &str) -> Result<String, BuildError> {
    reqwest::Url::parse(request_url)
        .and_then(|request| match context {
            Some(context) => request.join(context),
            None => Ok(request),
        })
        .and_then(|base| base.join(link))
        .map(String::from)
        .map_err(|e| {
            BuildError(format!(
                "the next link `{link}` does not resolve against `{request_url}`: {e}"
            ))
        })
}

/// The path of a URL, without its query (which may hold values worth keeping
/// out of logs).
fn url_path(url: &str) -> String {
    reqwest::Url::parse(url)
        .map(|u| u.path().to_string())
        .unwrap_or_default()
}

/// The `@odata.context` of a JSON page, which the OData JSON format puts
/// first: looked for at the start only, so that a page is not read twice.
fn context_url(body: &[u8]) -> Option<String> {
    use serde::Deserialize as _;
    const KEY: &[u8] = b"\"@odata.context\"";
    let head = &body[..body.len().min(4096)];
    let after = head.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let rest = &body[after..];
    let colon = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    if rest[colon] != b':' {
        return None;
    }
    let mut value = serde_json::Deserializer::from_slice(&rest[colon + 1..]);
    String::deserialize(&mut value).ok()
}

/// A request that can be sent more than once.
pub(crate) struct Prepared {
    pub(crate) method: http::Method,
    pub(crate) url: String,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Vec<u8>,
    /// Whether the client's token goes with it (not to a URL that carries
    /// its own authorization, such as an upload session's).
    pub(crate) authorize: bool,
}

impl Prepared {
    pub(crate) fn get(url: &str, headers: http::HeaderMap) -> Self {
        Prepared {
            method: http::Method::GET,
            url: url.to_string(),
            headers,
            body: Vec::new(),
            authorize: true,
        }
    }
}

impl From<http::Request<Vec<u8>>> for Prepared {
    fn from(request: http::Request<Vec<u8>>) -> Self {
        let (parts, body) = request.into_parts();
        Prepared {
            method: parts.method,
            url: parts.uri.to_string(),
            headers: parts.headers,
            body,
            authorize: true,
        }
    }
}

/// Where a [`Client::stream`] stands.
struct Pages<T> {
    next: Option<Result<Prepared, BuildError>>,
    buffer: VecDeque<T>,
    remaining: Option<usize>,
    /// For a delta round: the delta link of the last page read.
    delta: Option<Option<String>>,
}

/// What a round of a delta query gives ([`Client::delta`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Delta<T> {
    /// An item that changed (added, changed, or removed: Graph marks a
    /// removed one with `@removed` in its `additional_data`).
    Change(T),
    /// The end of the round: where the next one starts.
    Link(DeltaLink),
}

/// Where the next round of a delta query starts: keep it (it serializes as
/// its URL) and pass it to [`Client::delta_from`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DeltaLink(pub String);

fn no_delta_link<E>() -> Error<E> {
    Error::Decode {
        status: http::StatusCode::OK,
        message: "the last page of the delta round has no @odata.deltaLink".into(),
        body: String::new(),
    }
}
