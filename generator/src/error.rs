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
    pub fn new(file: impl Into<String>, place: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: file.into(), place: place.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, always: messages from parsers may carry newlines.
        let message = self.message.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.place.is_empty() {
            write!(f, "{}: {}", self.file, message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.place, message)
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
