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
        QueryOptions {
            top: None,
            skip: None,
            search: None,
            filter: None,
            count: None,
            orderby: None,
            select: None,
            expand: None,
        }
    }
}

impl RequestBuilder {
    /// Adds the options that are set, in OData's usual order.
    pub fn query_options<P: PropertyName + ParamValue>(self, options: &QueryOptions<P>) -> Self {
        self.query("$top", &options.top, false)
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

/// A trait per option that takes one value, with the option's setter:
/// `$top` is set by `top(n)`.
macro_rules! value_options {
    ($($(#[$doc:meta])* $name:literal $trait:ident { fn $method:ident($value:ident: $ty:ty) })*) => {$(
        #[doc = concat!("The request takes `", $name, "`.")]
        pub trait $trait: HasQueryOptions {
            $(#[$doc])*
            fn $method(mut self, $value: impl Into<$ty>) -> Self {
                self.query_options_mut().$method = Some($value.into());
                self
            }
        }
    )*};
}

/// A trait per option that takes a list, with a setter that takes any
/// iterable of what converts to an item: `select([P::Id, P::Name])`.
macro_rules! list_options {
    ($($(#[$doc:meta])* $name:literal $trait:ident { fn $method:ident(items: $item:ty) })*) => {$(
        #[doc = concat!("The request takes `", $name, "`.")]
        pub trait $trait: HasQueryOptions {
            $(#[$doc])*
            fn $method<I, V>(mut self, items: I) -> Self
            where
                I: IntoIterator<Item = V>,
                V: Into<$item>,
            {
                self.query_options_mut().$method = Some(items.into_iter().map(Into::into).collect());
                self
            }
        }
    )*};
}

value_options! {
    /// Returns at most `n` items (`$top`).
    "$top" TopOption { fn top(n: i32) }
    /// Leaves out the first `n` items (`$skip`).
    "$skip" SkipOption { fn skip(n: i32) }
    /// Returns the items that match a search expression (`$search`), e.g.
    /// `"\"displayName:Contoso\""`.
    "$search" SearchOption { fn search(expression: String) }
    /// Returns the items for which an expression holds (`$filter`), e.g.
    /// `"startswith(displayName,'a')"`.
    "$filter" FilterOption { fn filter(expression: String) }
    /// Asks for the number of items in all with the page (`$count`).
    "$count" CountOption { fn count(count: bool) }
}

list_options! {
    /// Orders the items by these properties (`$orderby`): `[P::Name.desc(), P::Id.into()]`.
    "$orderby" OrderByOption { fn orderby(items: OrderBy<Self::Property>) }
    /// Returns only these properties (`$select`).
    "$select" SelectOption { fn select(items: Self::Property) }
    /// Returns these related entities with each item (`$expand`): navigation
    /// property names, `*`, or paths with options of their own.
    "$expand" ExpandOption { fn expand(items: String) }
}
