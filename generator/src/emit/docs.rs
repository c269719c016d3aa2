//! Doc comments from description text.
//!
//! A description is prose, never code: rustdoc would compile and run a
//! fenced or indented code block in it as a doctest, so a description could
//! run code on the machine of whoever tests the SDK. Every line is made one
//! that no Markdown parser reads as a code block or as HTML: whitespace runs
//! (the indentation of indented code) become one space, runs of three or more
//! backticks or tildes (fences) are escaped, and so is a `<` that could open
//! a tag. Line breaks of any kind (a bare `\r` is an error in a doc comment)
//! become `\n`. Characters that change the direction of text (rustc denies
//! them in a doc comment) are written as their code point, `U+202E`, and
//! brackets that open no Markdown link are escaped, so that rustdoc takes
//! `PCR[0]` for text rather than a link to resolve.

use proc_macro2::TokenStream;
use quote::quote;

/// `///` lines for an item from a description; nothing for no text.
pub fn outer(text: Option<&str>) -> TokenStream {
    let lines = lines(text.unwrap_or(""), Links::Markdown);
    quote! { #(#[doc = #lines])* }
}

/// `///` lines of the emitters' own text, which links to items
/// (`[`Client`]`); descriptions in it are [`escaped`] first.
pub fn own_outer(text: &str) -> TokenStream {
    let lines = lines(text, Links::Items);
    quote! { #(#[doc = #lines])* }
}

/// `//!` lines of the emitters' own text (see [`own_outer`]).
pub fn own_inner(text: &str) -> TokenStream {
    let lines = lines(text, Links::Items);
    quote! { #(#![doc = #lines])* }
}

/// Which brackets stay links.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Markdown's `[text](url)` only: a description names no Rust item.
    Markdown,
    /// Also a code span alone in brackets, rustdoc's link to an item, as
    /// the emitters' own text writes them.
    Items,
}

/// A description's text with its brackets escaped (Markdown links aside),
/// for text of the emitters' own that quotes it.
pub fn escaped(text: &str) -> String {
    text.lines()
        .map(|line| escape_brackets(&line.chars().collect::<Vec<_>>(), Links::Markdown))
        .collect::<Vec<_>>()
        .join("\n")
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
pub fn lines(text: &str, links: Links) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    text.lines()
        .map(|line| {
            let line = prose_line_with(line, links);
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// One line of the emitters' own text as Markdown prose: no code block,
/// fence or HTML tag can start in it. Ordinary text comes back as it was,
/// trimmed.
pub fn prose_line(line: &str) -> String {
    prose_line_with(line, Links::Items)
}

fn prose_line_with(line: &str, links: Links) -> String {
    // Whitespace and control characters: one space between words.
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let line: Vec<char> = words
        .join(" ")
        .chars()
        .flat_map(|c| match is_direction_control(c) {
            true => format!("U+{:04X}", c as u32).chars().collect::<Vec<_>>(),
            false => vec![c],
        })
        .collect();
    let line = escape_brackets(&line, links).chars().collect::<Vec<_>>();
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

/// Characters that reorder text as it is shown (Unicode's bidirectional
/// overrides, embeddings, isolates and marks).
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `line` with `\` before each bracket that is no link (see [`Links`]);
/// a bracket escaped already stays as it is.
fn escape_brackets(line: &[char], links: Links) -> String {
    let kept = link_brackets(line, links);
    let mut out = String::with_capacity(line.len() + 4);
    for (i, &c) in line.iter().enumerate() {
        let escaped = i > 0 && line[i - 1] == '\\';
        if matches!(c, '[' | ']') && !escaped && !kept.contains(&i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The places of the brackets of links: Markdown's, `[text](url)`, and
/// with [`Links::Items`] rustdoc's to an item, a code span alone in brackets
/// (`[`Client`]`); any other bracket is text.
fn link_brackets(line: &[char], kind: Links) -> std::collections::HashSet<usize> {
    let mut links = std::collections::HashSet::new();
    let mut open: Option<usize> = None;
    for (i, &c) in line.iter().enumerate() {
        match c {
            '[' => open = Some(i),
            ']' => {
                let item_link = kind == Links::Items
                    && open.is_some_and(|start| {
                        let inside = &line[start + 1..i];
                        inside.len() >= 2
                            && inside[0] == '`'
                            && inside[inside.len() - 1] == '`'
                            && !inside[1..inside.len() - 1].contains(&'`')
                    });
                if let Some(start) = open.take()
                    && (line.get(i + 1) == Some(&'(') || item_link)
                {
                    links.extend([start, i]);
                }
            }
            _ => {}
        }
    }
    links
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
            lines("one\r\ntwo\rthree\n\nfour", Links::Markdown),
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

    #[test]
    fn direction_controls_and_stray_brackets_are_text() {
        assert_eq!(prose_line("abc\u{202E}def"), "abcU+202Edef");
        let description = |text: &str| lines(text, Links::Markdown).concat();
        assert_eq!(
            description("PCR[0] and [a](https://x)"),
            " PCR\\[0\\] and [a](https://x)"
        );
        assert_eq!(description("a [`y`] b"), " a \\[`y`\\] b");
        // The emitters' own links to items stay; descriptions quoted in them do not link.
        assert_eq!(prose_line("see [`Client`]"), "see [`Client`]");
        assert_eq!(prose_line(&escaped("x[1]")), "x\\[1\\]");
    }
}
