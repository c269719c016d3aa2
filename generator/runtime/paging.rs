//! Listings page after page (the `client` feature): [`Client::stream`]
//! follows `@odata.nextLink` lazily; [`Client::delta`] and
//! [`Client::delta_from`] are rounds of a delta query, which end with the
//! link the next round starts from.
//!
//! This file is the same in every crate sdkgen emits.

use std::collections::VecDeque;
use std::pin::Pin;

use futures_util::Stream;

use crate::call::Call;
use crate::runtime::{BuildError, Error, Operation, Paged};
use crate::transport::{Client, Prepared, widen};

/// A listing's items, or a delta round's changes, one by one: boxed, so it
/// is polled as it is (`stream.next().await`, no pinning) and can be sent
/// to another task.
pub type Items<'c, T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send + 'c>>;

/// What [`Client::stream`] and [`Client::delta`] take: a listing request
/// (`&ListUser::new()`) or a call of it (`&client.user_delta()`).
pub trait Listing {
    type Operation: Paged;
    fn operation(&self) -> &Self::Operation;
}

impl<O: Paged> Listing for O {
    type Operation = O;
    fn operation(&self) -> &O {
        self
    }
}

impl<O: Paged> Listing for Call<'_, O> {
    type Operation = O;
    fn operation(&self) -> &O {
        self.as_operation()
    }
}

/// The item of a listing's pages, and its error body.
type ItemOf<L> = <<L as Listing>::Operation as Paged>::Item;
type ErrorOf<L> = <<L as Listing>::Operation as Operation>::Error;

impl Client {
    /// The items of a listing, page after page: the next page is fetched
    /// (from `@odata.nextLink`) only when the items of the last one are
    /// used up, and not at all once `limit` items have been given. An error
    /// ends the stream after it is given.
    pub fn stream<'c, L>(
        &'c self,
        listing: &L,
        limit: Option<usize>,
    ) -> Items<'c, ItemOf<L>, ErrorOf<L>>
    where
        L: Listing,
        L::Operation: Send + Sync + 'c,
        ItemOf<L>: Send + 'c,
        ErrorOf<L>: Send,
    {
        let first = listing
            .operation()
            .to_request(self.base_url())
            .map(Prepared::from);
        let changes = self.pages::<L::Operation>(first, limit, false);
        Box::pin(futures_util::StreamExt::filter_map(changes, |change| {
            std::future::ready(match change {
                Ok(Delta::Change(item)) => Some(Ok(item)),
                Ok(Delta::Link(_)) => None,
                Err(e) => Some(Err(e)),
            })
        }))
    }

    /// A round of a delta query (Graph's `delta()`): every change, page
    /// after page, then [`Delta::Link`], to keep for the next round
    /// ([`Client::delta_from`]). A round that ends without a delta link ends
    /// with an error.
    pub fn delta<'c, L>(&'c self, listing: &L) -> Items<'c, Delta<ItemOf<L>>, ErrorOf<L>>
    where
        L: Listing,
        L::Operation: Send + Sync + 'c,
        ItemOf<L>: Send + 'c,
        ErrorOf<L>: Send,
    {
        let first = listing
            .operation()
            .to_request(self.base_url())
            .map(Prepared::from);
        Box::pin(self.pages::<L::Operation>(first, None, true))
    }

    /// The next round of a delta query, from the link the last one ended
    /// with: the changes since then, then the next link. `O` is the delta
    /// request the link came from (its query options are in the link).
    pub fn delta_from<'c, O>(&'c self, link: &DeltaLink) -> Items<'c, Delta<O::Item>, O::Error>
    where
        O: Paged + Send + Sync + 'c,
        O::Item: Send + 'c,
        O::Error: Send,
    {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::ACCEPT,
            http::HeaderValue::from_static("application/json"),
        );
        Box::pin(self.pages::<O>(Ok(Prepared::get(&link.0, headers)), None, true))
    }

    /// The pages of a listing from its first request, as changes and, when
    /// `delta`, the delta link of the last page.
    fn pages<'c, O>(
        &'c self,
        first: Result<Prepared, BuildError>,
        limit: Option<usize>,
        delta: bool,
    ) -> impl Stream<Item = Result<Delta<O::Item>, Error<O::Error>>> + Send + use<'c, O>
    where
        O: Paged + Send + Sync + 'c,
        O::Item: Send + 'c,
        O::Error: Send,
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
