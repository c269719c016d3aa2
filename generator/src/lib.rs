//! sdkgen: API descriptions in, typed Rust SDK crates out.
//!
//! The flow runs one way:
//! spec text -> front end ([`openapi`]) -> [`model::Api`] -> [`emit`] (tokens,
//! checked by syn, printed by prettyplease) -> files ([`output`]).
//! Front ends know nothing of Rust; emitters know nothing of YAML or XML.

pub mod emit;
pub mod error;
pub mod model;
pub mod names;
pub mod openapi;
pub mod output;

use std::path::Path;

pub use emit::{CrateFiles, CrateOptions};
pub use error::{Error, Result};

/// Reads a description. `display` is how errors name the file.
pub fn load(path: &Path, display: &str) -> Result<model::Api> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(display, "", format!("cannot read: {e}")))?;
    parse(display, &text)
}

/// Parses description text; the format is told by the text itself.
pub fn parse(display: &str, text: &str) -> Result<model::Api> {
    openapi::parse(display, text)
}

/// Emits the `src/` files of the SDK for a parsed description.
pub fn emit_sources(api: &model::Api, options: &CrateOptions) -> Result<CrateFiles> {
    emit::emit_sources(api, options).map_err(|message| Error::new(&options.source, "", message))
}

/// Emits a self-contained crate: `Cargo.toml` and `src/`.
pub fn emit_crate(api: &model::Api, options: &CrateOptions) -> Result<CrateFiles> {
    emit::emit_crate(api, options).map_err(|message| Error::new(&options.source, "", message))
}
