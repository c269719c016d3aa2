//! sdkgen: API descriptions in, typed Rust SDK crates out.
//!
//! The flow runs one way:
//! spec text -> front end ([`openapi`] or [`csdl`]) -> [`model::Api`] -> [`conventions`]
//! (what the dialect implies, settled in the model) -> [`emit`] (tokens,
//! checked by syn, printed by prettyplease) -> files ([`output`]).
//! Front ends know nothing of Rust; emitters know nothing of YAML or XML.

pub mod changes;
pub mod conventions;
pub mod csdl;
pub mod emit;
pub mod error;
pub mod limits;
pub mod model;
pub mod names;
pub mod openapi;
pub mod output;
pub mod subset;

use std::path::Path;

pub use emit::summary::ApiSummary;
pub use emit::{
    CrateFiles, CrateOptions, Layout, SHIPPED_FILES, SPLIT_ABOVE, SUMMARY_FILE, summarize,
};
pub use error::{Error, Result};

/// Reads a description. `display` is how errors name the file.
pub fn load(path: &Path, display: &str) -> Result<model::Api> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(display, "", format!("cannot read: {e}")))?;
    let mut api = if is_csdl(&text) {
        csdl::parse_file(display, &text, Some(path))
    } else {
        openapi::parse_file(display, &text, Some(path))
    }?;
    conventions::settle(&mut api);
    Ok(api)
}

fn is_csdl(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// Parses description text; the format is told by the text itself: XML is
/// OData CSDL, anything else OpenAPI (YAML or JSON). References to other
/// files are followed only by [`load`], which knows where the text is.
pub fn parse(display: &str, text: &str) -> Result<model::Api> {
    let mut api = if is_csdl(text) {
        csdl::parse(display, text)
    } else {
        openapi::parse(display, text)
    }?;
    conventions::settle(&mut api);
    Ok(api)
}

/// What a user tells the generator that a description may leave out.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Base URLs, in place of the description's: a CSDL document names none
    /// (`$metadata` is served from the service root it describes), and one
    /// of Graph names no version (the conventions give v1.0's endpoints).
    pub servers: Vec<model::Server>,
    /// Properties that hold secrets, as `Type/property` with the type's full
    /// name: never printed by the SDK. OpenAPI marks them `format: password`;
    /// CSDL has no mark of its own.
    pub secrets: Vec<String>,
    /// Path patterns (`/deviceManagement/**`, `/users/*/messages`): only the
    /// operations under them, and the types they need, are generated.
    pub include: Vec<String>,
}

impl Settings {
    /// Applies the settings to the description read from `file`; fails
    /// naming a secret that is not a property.
    pub fn apply(&self, api: &mut model::Api, file: &str) -> Result<()> {
        // The user's word over the description's (and over the conventions'
        // defaults, such as Graph's v1.0 endpoints).
        if !self.servers.is_empty() {
            api.servers = self.servers.clone();
        }
        for secret in &self.secrets {
            if !api.mark_secret(secret) {
                return Err(Error::new(
                    file,
                    "",
                    format!("the secret `{secret}` is not a property of any type"),
                ));
            }
        }
        if !self.include.is_empty() {
            *api = subset::include(api, &self.include)
                .map_err(|message| Error::new(file, "", message))?;
        }
        Ok(())
    }
}

/// How many schemas of a description were read as any JSON value
/// (`serde_json::Value`) for want of a type, as its warnings say.
pub fn json_value_fallbacks(api: &model::Api) -> usize {
    api.warnings
        .iter()
        .filter(|w| w.outcome == model::Outcome::JsonValue)
        .count()
}

/// Reads an API summary (`api.json`) written by an earlier generation.
pub fn read_summary(display: &str, text: &str) -> Result<ApiSummary> {
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            display,
            format!("{}:{}", e.line(), e.column()),
            format!("not an API summary: {e}"),
        )
    })
}

/// What [`generate`] writes: a self-contained crate (or workspace), or only
/// the `src/` files and `api.json` of a crate whose `Cargo.toml` is the
/// user's own (this project's `generated/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Crate,
    Sources,
}

/// The description as read, and the files made from it.
pub struct Generated {
    pub api: model::Api,
    pub files: CrateFiles,
}

/// The whole pipeline in one call: the description at `path` read and its
/// conventions settled ([`load`]; `display` names it in errors), the user's
/// [`Settings`] applied, and the SDK emitted.
pub fn generate(
    path: &Path,
    display: &str,
    settings: &Settings,
    options: &CrateOptions,
    output: Output,
) -> Result<Generated> {
    let mut api = load(path, display)?;
    settings.apply(&mut api, display)?;
    let files = match output {
        Output::Crate => emit_crate(&api, options)?,
        Output::Sources => emit_sources(&api, options)?,
    };
    Ok(Generated { api, files })
}

/// Emits the `src/` files of the SDK for a parsed description.
pub fn emit_sources(api: &model::Api, options: &CrateOptions) -> Result<CrateFiles> {
    emit::emit_sources(api, options).map_err(|message| Error::new(&options.source, "", message))
}

/// The conformance exerciser of the SDK emitted for `api` (not part of the
/// SDK): every operation built from JSON inputs, for `cargo xtask conform`.
pub fn emit_exerciser(api: &model::Api, source: &str) -> Result<String> {
    emit::exerciser::emit(api).map_err(|message| Error::new(source, "", message))
}

/// Emits a self-contained crate: `Cargo.toml` and `src/`.
pub fn emit_crate(api: &model::Api, options: &CrateOptions) -> Result<CrateFiles> {
    emit::emit_crate(api, options).map_err(|message| Error::new(&options.source, "", message))
}
