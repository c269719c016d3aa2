//! `src/lib.rs` of every crate sdkgen writes: a single crate's, and the
//! roots of a split SDK's crates (`workspace.rs`): the core (runtime,
//! servers, client), the models, an operation crate per path group and the
//! SDK crate that gathers them under the single crate's paths.
//!
//! The emitted modules name each other as `crate::runtime`, `crate::models`,
//! `crate::operations` whatever the layout: a split crate's root imports the
//! modules it does not have from the crates that do.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{RustNames, client, docs};
use crate::model::Api;

/// The crate docs: title, description and version.
fn about(api: &Api) -> String {
    // The description's text, quoted in docs that link to items.
    let mut about = docs::escaped(&api.title);
    if let Some(description) = &api.description {
        about.push_str("\n\n");
        about.push_str(&docs::escaped(description));
    }
    // A CSDL document without `Core.SchemaVersion` names no version.
    if !api.version.is_empty() {
        about.push_str(&format!("\n\nAPI version `{}`.", api.version));
    }
    about
}

/// `pub mod servers { .. }` and `DEFAULT_BASE_URL`, when the description names servers.
fn servers(api: &Api, names: &RustNames) -> TokenStream {
    // pub mod servers { /// Global service
    //                   pub const GLOBAL_SERVICE: &str = "https://..."; }
    let server_names = &names.servers;
    let servers = api.servers.iter().zip(server_names).map(|(server, name)| {
        let name = format_ident!("{}", name);
        let doc = docs::outer(server.description.as_deref());
        let url = &server.url;
        quote! { #doc pub const #name: &str = #url; }
    });
    let servers = (!api.servers.is_empty()).then(|| {
        quote! {
            /// Base URLs of the service, as its description lists them.
            pub mod servers {
                #(#servers)*
            }
        }
    });
    let default_server = server_names.first().map(|name| {
        let name = format_ident!("{}", name);
        quote! {
            /// The base URL the client uses unless told otherwise.
            pub const DEFAULT_BASE_URL: &str = servers::#name;
        }
    });
    quote! { #servers #default_server }
}

/// The runtime's modules, with the crate's `own` in order of name among
/// them, and what the crate root re-exports of them.
fn runtime_modules(own: &[&str]) -> TokenStream {
    let shipped = |client_only: bool| {
        super::SHIPPED_FILES
            .iter()
            .filter(move |file| file.client_only == client_only)
            .map(|file| file.module)
    };
    let mut plain: Vec<&str> = shipped(false).chain(own.iter().copied()).collect();
    plain.sort();
    let mut client: Vec<&str> = shipped(true).collect();
    client.sort();
    let plain = plain.into_iter().map(|name| format_ident!("{name}"));
    let client = client.into_iter().map(|name| format_ident!("{name}"));
    quote! {
        #(pub mod #plain;)*

        #(
            #[cfg(feature = "client")]
            pub mod #client;
        )*

        #[cfg(feature = "client")]
        pub use auth::ClientCredentials;
        #[cfg(feature = "azure")]
        pub use auth::AzureCredential;
        pub use runtime::{BuildError, Error, Operation, Paged, Polymorphic};
        /// The `http` crate that statuses and headers are of (`http::StatusCode`).
        pub use http;
        #[cfg(feature = "client")]
        pub use call::Call;
        #[cfg(feature = "client")]
        pub use paging::{Delta, DeltaLink, Items, Listing};
        #[cfg(feature = "client")]
        pub use transport::{Client, RetryPolicy, StaticToken, TokenProvider};
    }
}

/// The runtime's traits that give requests their methods.
fn runtime_prelude() -> TokenStream {
    quote! {
        pub use crate::query::{
            CountOption, ExpandOption, FilterOption, HasQueryOptions, OrderByOption, SearchOption, SelectOption,
            SkipOption, TopOption,
        };
        pub use crate::runtime::{Operation, Paged, Polymorphic};
    }
}

/// The runtime's modules (with the crate's `own` among them), its prelude
/// and the servers: what a single crate's root and a split SDK's core share.
fn runtime_root(api: &Api, names: &RustNames, own: &[&str]) -> TokenStream {
    let runtime = runtime_modules(own);
    let prelude = runtime_prelude();
    let servers = servers(api, names);
    quote! {
        #runtime

        /// The traits that give requests their methods (`ListUsers::new().top(5)`):
        /// `use <this crate>::prelude::*;`.
        pub mod prelude {
            #prelude
        }

        #servers
    }
}

/// A single crate's root: every module is its own.
pub fn single(api: &Api, names: &RustNames) -> TokenStream {
    let crate_docs = docs::own_inner(&about(api));
    let root = runtime_root(api, names, &["client", "models", "operations"]);
    let typed_errors = super::replies::shared_error(api).map(|id| {
        let error = format_ident!("{}", names.types[id.0]);
        quote! {
            /// Batches and uploads read the service's errors as any JSON; `?`
            /// makes them the operations' error type.
            impl From<runtime::Error<serde_json::Value>> for runtime::Error<models::#error> {
                fn from(error: runtime::Error<serde_json::Value>) -> Self {
                    error.typed()
                }
            }
        }
    });
    quote! {
        #crate_docs
        #root
        #typed_errors
    }
}

/// The core crate of a split SDK: the runtime, the servers and the client's
/// `Default`.
pub fn core(api: &Api, names: &RustNames, sdk: &str) -> TokenStream {
    let crate_docs = docs::own_inner(&format!(
        "The runtime of the `{sdk}` SDK (requests, errors, the client), which its other crates share; use it through `{sdk}`.\n\n{}",
        about(api)
    ));
    let root = runtime_root(api, names, &[]);
    let default = client::default_impl(api, quote! { transport::Client })
        .map(|default| quote! { #[cfg(feature = "client")] #default });
    quote! {
        #crate_docs
        #root
        #default
    }
}

/// The core's modules that the emitted models and operations name as
/// `crate::..`: imported at the root of the crates that hold them. Unused
/// ones are allowed; which are used depends on the description.
fn core_imports() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use sdk_core::{formats, query, runtime, wire};
    }
}

/// The models crate of a split SDK.
pub fn models(api: &Api, sdk: &str) -> TokenStream {
    let crate_docs = docs::own_inner(&format!(
        "The data types of the `{sdk}` SDK, which its operation crates share: a cargo feature per path group keeps the types that group needs; use them through `{sdk}::models`.\n\n{}",
        api.title
    ));
    let imports = core_imports();
    quote! {
        #crate_docs
        #imports
        pub mod models;
    }
}

/// An operation crate of a split SDK: the types and request types of one
/// path group and, with the `client` feature, their methods as a trait on
/// the client.
pub fn group(sdk: &str, path: &str, trait_name: &syn::Ident) -> TokenStream {
    let crate_docs = docs::own_inner(&format!(
        "The operations under `/{path}` of the `{sdk}` SDK: their request types and, with the `client` feature, [`{trait_name}`] (a method per operation on the client). Use them through `{sdk}`."
    ));
    let imports = core_imports();
    quote! {
        #crate_docs
        #imports
        #[cfg(feature = "client")]
        use sdk_core::{call, transport};

        pub mod models;
        pub mod operations;

        #[cfg(feature = "client")]
        mod client;

        #[cfg(feature = "client")]
        pub use client::#trait_name;
    }
}

/// One operation crate as the SDK crate sees it: its dependency name, its
/// cargo feature and its method trait.
pub struct Member {
    pub dependency: syn::Ident,
    pub feature: String,
    pub trait_name: syn::Ident,
    /// Whether the group has types of its own (re-exporting only the
    /// shared ones again would be an unused import).
    pub own_types: bool,
}

/// The SDK crate of a split SDK: the core's modules and re-exports, the
/// models, and the request types and method traits of the groups its
/// features turn on, at the paths a single crate has them.
pub fn facade(api: &Api, members: &[Member]) -> TokenStream {
    let crate_docs = docs::own_inner(&format!(
        "{}\n\nThis SDK is split into crates that cargo builds side by side: a cargo feature per path group (all on by default) turns on that group's operations. Their methods on [`Client`] come from a trait per group: `use <this crate>::prelude::*;`.",
        about(api)
    ));
    let operations = members.iter().map(|m| {
        let (dependency, feature) = (&m.dependency, &m.feature);
        quote! {
            #[cfg(feature = #feature)]
            pub use ::#dependency::operations::*;
        }
    });
    let models = members.iter().filter(|m| m.own_types).map(|m| {
        let (dependency, feature) = (&m.dependency, &m.feature);
        quote! {
            #[cfg(feature = #feature)]
            pub use ::#dependency::models::*;
        }
    });
    let traits = members.iter().map(|m| {
        let (dependency, feature, trait_name) = (&m.dependency, &m.feature, &m.trait_name);
        quote! {
            #[cfg(all(feature = "client", feature = #feature))]
            pub use ::#dependency::#trait_name;
        }
    });
    quote! {
        #crate_docs
        pub use sdk_core::*;

        /// Data types of the API, one per named schema or entity type: those
        /// the path groups share, and those of the groups this build has.
        pub mod models {
            pub use sdk_models::models::*;
            #(#models)*
        }

        /// Request types, one per operation of the path groups this build has.
        pub mod operations {
            #(#operations)*
        }

        /// The traits that give requests their methods (`ListUsers::new().top(5)`)
        /// and the client its methods (`client.list_users()`):
        /// `use <this crate>::prelude::*;`.
        pub mod prelude {
            pub use sdk_core::prelude::*;
            #(#traits)*
        }
    }
}
