//! [`Call`]: an operation bound to a client (the `client` feature), what
//! the generated per-operation methods of [`Client`] give.
//!
//! This file is the same in every crate sdkgen emits.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use crate::paging::{Delta, Items};
use crate::runtime::{Error, Operation, Paged};
use crate::transport::Client;

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

    /// The request, as the call will send it.
    pub fn as_operation(&self) -> &O {
        &self.operation
    }

    /// [`Client::execute_with_headers`] of the request.
    pub async fn with_headers(self) -> Result<(O::Output, http::HeaderMap), Error<O::Error>>
    where
        O: Operation,
    {
        self.client.execute_with_headers(&self.operation).await
    }

    /// The items of the listing, page after page ([`Client::stream`]).
    pub fn stream(self, limit: Option<usize>) -> Items<'c, O::Item, O::Error>
    where
        O: Paged + Send + Sync + 'c,
        O::Item: Send + 'c,
        O::Error: Send,
    {
        self.client.stream(&self.operation, limit)
    }

    /// A round of the delta query ([`Client::delta`]).
    pub fn delta(self) -> Items<'c, Delta<O::Item>, O::Error>
    where
        O: Paged + Send + Sync + 'c,
        O::Item: Send + 'c,
        O::Error: Send,
    {
        self.client.delta(&self.operation)
    }
}

impl<'c, O> IntoFuture for Call<'c, O>
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
