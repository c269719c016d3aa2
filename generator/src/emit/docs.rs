//! Doc comments from description text.
//!
//! A description is prose, never code: rustdoc would compile and run a
//! fenced or indented code block in it as a doctest, so a description could
//! run code on the machine of whoever tests the SDK. Every line is made one
//! that no Markdown parser reads as a code block or as HTML: whitespace runs
//! (the indentation of indented code) become one space, runs of three or more
//! backticks or tildes (fences) are escaped, and so is a `<` that could open
//! a tag. Line breaks of any kind (a bare `\r` is an error in a doc comment)
//! become `\n`.

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

/// The doc lines of `text`, each prose (see the module docs) and prefixed
/// with a space; blank lines stay as paragraph breaks.
pub fn lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    text.lines()
        .map(|line| {
            let line = prose_line(line);
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// One line of text as Markdown prose: no code block, fence or HTML tag can
/// start in it. Ordinary text comes back as it was, trimmed.
pub fn prose_line(line: &str) -> String {
    // Whitespace and control characters: one space between words.
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let line: Vec<char> = words.join(" ").chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    // The length of the backtick run that opened the code span we are in.
    let mut code_span: Option<usize> = None;
    let last_runs = last_backtick_runs(&line);
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        let run = line[i..].iter().take_while(|&&next| next == c).count();
        match c {
            '`' | '~' if run >= 3 => {
                for _ in 0..run {
                    out.push('\\');
                    out.push(c);
                }
            }
            '`' => {
                if code_span == Some(run) {
                    code_span = None;
                } else if code_span.is_none() && last_runs.get(&run).is_some_and(|&last| last > i) {
                    code_span = Some(run);
                }
                out.extend(std::iter::repeat_n('`', run));
            }
            '<' if code_span.is_none()
                && line
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("\\<");
            }
            _ => out.extend(std::iter::repeat_n(c, run)),
        }
        i += run;
    }
    out
}

/// Per length of a backtick run, where the last run of that length starts:
/// a run opens a code span only if one of its length follows to close it.
fn last_backtick_runs(line: &[char]) -> std::collections::HashMap<usize, usize> {
    let mut last = std::collections::HashMap::new();
    let mut i = 0;
    while i < line.len() {
        let run = line[i..].iter().take_while(|&&c| c == line[i]).count();
        if line[i] == '`' {
            last.insert(run, i);
        }
        i += run;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_kept() {
        assert_eq!(
            prose_line("  The `id` of a < b, see [docs](https://x).  "),
            "The `id` of a < b, see [docs](https://x)."
        );
        assert_eq!(
            lines("one\r\ntwo\rthree\n\nfour"),
            [" one", " two", " three", "", " four"]
        );
    }

    #[test]
    fn code_and_html_are_not() {
        assert_eq!(prose_line("```rust"), "\\`\\`\\`rust");
        assert_eq!(prose_line("~~~~"), "\\~\\~\\~\\~");
        assert_eq!(prose_line("-     indented code"), "- indented code");
        assert_eq!(
            prose_line("<script>x</script> `<b>`"),
            "\\<script>x\\</script> `<b>`"
        );
        assert_eq!(prose_line("a ` lone <b>"), "a ` lone \\<b>");
    }
}
