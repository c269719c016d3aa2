//! Doc comments from description text.

use proc_macro2::TokenStream;
use quote::quote;

/// `///` lines for an item; nothing for no text.
pub fn outer(text: Option<&str>) -> TokenStream {
    let lines = lines(text.unwrap_or(""));
    quote! { #(#[doc = #lines])* }
}

/// `//!` lines for the crate.
pub fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #(#![doc = #lines])* }
}

/// Paragraphs joined with an empty doc line, each line prefixed with a space
/// so that it prints as `/// text`. Trailing blank lines are dropped.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn lines(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    text.lines().map(|line| if line.trim().is_empty() { String::new() } else { format!(" {}", line.trim_end()) }).collect()
}
