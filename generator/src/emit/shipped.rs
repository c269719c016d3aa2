//! The runtime files every emitted crate carries as they are: one table,
//! from which the crate roots declare their modules and the checks know
//! which files are not printed from tokens.

use super::text::header;

/// The runtime every emitted crate carries: request building, response
/// decoding, errors and the HTTP client. It is compiled and tested as part of
/// the `generated/` crate.
const RUNTIME: &str = include_str!("../../runtime/runtime.rs");

/// Wire formats (timestamps, dates, bytes, flag sets) the models use; shipped
/// like the runtime.
const FORMATS: &str = include_str!("../../runtime/formats.rs");

/// Values as text (timestamps, dates, bytes, numbers); shipped like the runtime.
const TEXT: &str = include_str!("../../runtime/text.rs");

/// OData's query options and the traits that set them; shipped like the runtime.
const QUERY: &str = include_str!("../../runtime/query.rs");

/// Requests step by step; shipped like the runtime.
const REQUEST: &str = include_str!("../../runtime/request.rs");

/// Answers read into results; shipped like the runtime.
const REPLY: &str = include_str!("../../runtime/reply.rs");

/// The HTTP client (the `client` feature); shipped like the runtime.
const TRANSPORT: &str = include_str!("../../runtime/transport.rs");

/// JSON batching; shipped like the runtime.
const BATCH: &str = include_str!("../../runtime/batch.rs");

/// Sign-in with Entra ID (the `client` feature); shipped like the runtime.
const AUTH: &str = include_str!("../../runtime/auth.rs");

/// How models travel as JSON (what their `Serialize` and `Deserialize`
/// call); shipped like the runtime.
const WIRE: &str = include_str!("../../runtime/wire.rs");

/// `Call`, an operation bound to the client (the `client` feature); shipped
/// like the runtime.
const CALL: &str = include_str!("../../runtime/call.rs");

/// Listings page after page and delta rounds (the `client` feature);
/// shipped like the runtime.
const PAGING: &str = include_str!("../../runtime/paging.rs");

/// Uploads to upload sessions (the `client` feature); shipped like the runtime.
const UPLOAD: &str = include_str!("../../runtime/upload.rs");

/// A runtime file every emitted crate carries as it is, not printed from
/// tokens: `src/{module}.rs`, copied from `generator/runtime/{module}.rs`.
/// This table is the one list of them: the crate roots declare a module
/// per entry.
pub struct Shipped {
    pub module: &'static str,
    pub text: &'static str,
    /// Compiled only with the HTTP client (the `client` feature).
    pub client_only: bool,
}

impl Shipped {
    /// Where the file is in a crate.
    pub fn path(&self) -> String {
        format!("src/{}.rs", self.module)
    }
}

pub const SHIPPED_FILES: [Shipped; 13] = [
    Shipped {
        module: "runtime",
        text: RUNTIME,
        client_only: false,
    },
    Shipped {
        module: "request",
        text: REQUEST,
        client_only: false,
    },
    Shipped {
        module: "reply",
        text: REPLY,
        client_only: false,
    },
    Shipped {
        module: "formats",
        text: FORMATS,
        client_only: false,
    },
    Shipped {
        module: "text",
        text: TEXT,
        client_only: false,
    },
    Shipped {
        module: "wire",
        text: WIRE,
        client_only: false,
    },
    Shipped {
        module: "query",
        text: QUERY,
        client_only: false,
    },
    Shipped {
        module: "transport",
        text: TRANSPORT,
        client_only: true,
    },
    Shipped {
        module: "auth",
        text: AUTH,
        client_only: true,
    },
    Shipped {
        module: "batch",
        text: BATCH,
        client_only: false,
    },
    Shipped {
        module: "call",
        text: CALL,
        client_only: true,
    },
    Shipped {
        module: "paging",
        text: PAGING,
        client_only: true,
    },
    Shipped {
        module: "upload",
        text: UPLOAD,
        client_only: true,
    },
];

/// Whether `path` (in a crate, `src/...`) is one of the [`SHIPPED_FILES`].
pub fn is_shipped(path: &str) -> bool {
    SHIPPED_FILES.iter().any(|file| file.path() == path)
}

/// The shipped runtime files, at their place under `dir` (`src` or `crates/core/src`).
pub fn shipped_files(dir: &str) -> impl Iterator<Item = (String, String)> + '_ {
    SHIPPED_FILES.iter().map(move |file| {
        let origin = format!(
            "generator/runtime/{}.rs (shipped in every crate)",
            file.module
        );
        (
            format!("{dir}/{}.rs", file.module),
            format!("{}{}", header(&origin), file.text),
        )
    })
}
