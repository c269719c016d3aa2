//! The one error type of the generator: a problem with an input file, told in
//! one line that names the file and the place in it.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The input file, as the caller named it.
    pub file: String,
    /// Where in the file: a JSON pointer (`#/paths/~1items/get`) or `line:column`.
    /// Empty when the problem concerns the whole file.
    pub place: String,
    pub message: String,
}

impl Error {
    pub fn new(
        file: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            file: file.into(),
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, always: messages from parsers may carry newlines, and a
        // name from the input may hold any character.
        let message = self
            .message
            .split([' ', '\n'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let (file, message) = (one_line(&self.file), one_line(&message));
        if self.place.is_empty() {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}: {message}", one_line(&self.place))
        }
    }
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`), so that it
/// prints as one line and sends nothing but text to a terminal.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
