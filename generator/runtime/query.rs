//! OData's system query options (`$top`, `$filter`, `$select`, ...), shared
//! by every request type that takes them.
//!
//! A request type that takes query options keeps them in a
//! [`QueryOptions`] and implements [`HasQueryOptions`], then one trait per
//! option the service accepts for it: `ListUsers` implements [`TopOption`]
//! and [`FilterOption`], `GetUser` only [`SelectOption`] and
//! [`ExpandOption`]. So `ListUsers::new().top(5)` compiles and
//! `GetUser::new(id).top(5)` does not. Bring the traits into scope with
//! `use <crate>::prelude::*`.
//!
//! This file is the same in every crate sdkgen emits.

use crate::runtime::{OrderBy, ParamValue, PropertyName, RequestBuilder};

/// The query options of one request; `P` names the properties `$select` and
/// `$orderby` take (`UserProperty`). Unset options are not sent.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct QueryOptions<P> {
    /// `$top`: at most this many items.
    pub top: Option<i32>,
    /// `$skip`: leave out the first items.
    pub skip: Option<i32>,
    /// `$search`: items that match a search expression.
    pub search: Option<String>,
    /// `$filter`: items for which an expression holds.
    pub filter: Option<String>,
    /// `$count`: the page also says how many items there are in all.
    pub count: Option<bool>,
    /// `$orderby`: the order of the items.
    pub orderby: Option<Vec<OrderBy<P>>>,
    /// `$select`: the properties to return.
    pub select: Option<Vec<P>>,
    /// `$expand`: the related entities to return with each item.
    pub expand: Option<Vec<String>>,
}

// By hand: derived, it would want `P: Default`, which property enums are not.
impl<P> Default for QueryOptions<P> {
    fn default() -> Self {
        QueryOptions { top: None, skip: None, search: None, filter: None, count: None, orderby: None, select: None, expand: None }
    }
}

impl RequestBuilder {
    /// Adds the options that are set, in OData's usual order. `$count=true`
    /// and `$search` also send `ConsistencyLevel: eventual`, which Graph
    /// needs for them on directory objects.
    pub fn query_options<P: PropertyName + ParamValue>(self, options: &QueryOptions<P>) -> Self {
        let eventual = options.count == Some(true) || options.search.is_some();
        self.header_when(eventual, "ConsistencyLevel", "eventual")
            .query("$top", &options.top, false)
            .query("$skip", &options.skip, false)
            .query("$search", &options.search, false)
            .query("$filter", &options.filter, false)
            .query("$count", &options.count, false)
            .query("$orderby", &options.orderby, false)
            .query("$select", &options.select, false)
            .query("$expand", &options.expand, false)
    }
}

/// A request that takes query options. Which ones, its other traits say.
pub trait HasQueryOptions: Sized {
    /// The property names `$select` and `$orderby` take.
    type Property;

    /// Where the request keeps its options.
    fn query_options_mut(&mut self) -> &mut QueryOptions<Self::Property>;
}

/// The request takes `$top`.
pub trait TopOption: HasQueryOptions {
    /// Returns at most `n` items (`$top`).
    fn top(mut self, n: impl Into<i32>) -> Self {
        self.query_options_mut().top = Some(n.into());
        self
    }
}

/// The request takes `$skip`.
pub trait SkipOption: HasQueryOptions {
    /// Leaves out the first `n` items (`$skip`).
    fn skip(mut self, n: impl Into<i32>) -> Self {
        self.query_options_mut().skip = Some(n.into());
        self
    }
}

/// The request takes `$search`.
pub trait SearchOption: HasQueryOptions {
    /// Returns the items that match a search expression (`$search`), e.g.
    /// `"\"displayName:Contoso\""`.
    fn search(mut self, expression: impl Into<String>) -> Self {
        self.query_options_mut().search = Some(expression.into());
        self
    }
}

/// The request takes `$filter`.
pub trait FilterOption: HasQueryOptions {
    /// Returns the items for which an expression holds (`$filter`), e.g.
    /// `"startswith(displayName,'a')"`.
    fn filter(mut self, expression: impl Into<String>) -> Self {
        self.query_options_mut().filter = Some(expression.into());
        self
    }
}

/// The request takes `$count`.
pub trait CountOption: HasQueryOptions {
    /// Asks for the number of items in all with the page (`$count`).
    fn count(mut self, count: impl Into<bool>) -> Self {
        self.query_options_mut().count = Some(count.into());
        self
    }
}

/// The request takes `$orderby`.
pub trait OrderByOption: HasQueryOptions {
    /// Orders the items by these properties (`$orderby`): `[P::Name.desc(), P::Id.into()]`.
    fn orderby<I, V>(mut self, properties: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: Into<OrderBy<Self::Property>>,
    {
        self.query_options_mut().orderby = Some(properties.into_iter().map(Into::into).collect());
        self
    }
}

/// The request takes `$select`.
pub trait SelectOption: HasQueryOptions {
    /// Returns only these properties (`$select`).
    fn select<I, V>(mut self, properties: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: Into<Self::Property>,
    {
        self.query_options_mut().select = Some(properties.into_iter().map(Into::into).collect());
        self
    }
}

/// The request takes `$expand`.
pub trait ExpandOption: HasQueryOptions {
    /// Returns these related entities with each item (`$expand`): navigation
    /// property names, `*`, or paths with options of their own.
    fn expand<I, V>(mut self, navigations: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        self.query_options_mut().expand = Some(navigations.into_iter().map(Into::into).collect());
        self
    }
}
