//! Paths as parts: literal text, parameters with their quoting, and OData
//! function arguments, so that no emitter reads a template's text.

/// A path as literal text and the parameters between it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    pub parts: Vec<PathPart>,
    /// Query pairs the description writes into the path itself
    /// (`/rest?method=flickr.people.getInfo`): sent with every request.
    pub query: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathPart {
    /// Text as it is sent.
    Literal(String),
    /// The value of the path parameter `name`, percent-encoded.
    Parameter {
        name: String,
        /// Inside an OData string literal (`name='{value}'`): quotes doubled.
        quoted: bool,
    },
    /// One argument of an OData function call, `name=value`, separated from
    /// the one before by a comma; an optional one may be left out.
    Argument {
        name: String,
        /// The parameter that holds the value.
        parameter: String,
        value: ArgumentValue,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgumentValue {
    /// A primitive literal in the path.
    Literal { quoted: bool },
    /// A parameter alias (`name=@name`) whose JSON value is a query
    /// parameter of the same name (`@name`).
    Alias,
}

impl PathTemplate {
    pub fn literal(text: impl Into<String>) -> Self {
        let mut path = PathTemplate::default();
        path.push_literal(&text.into());
        path
    }

    /// Appends text, to the literal before it if there is one.
    pub fn push_literal(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.parts.last_mut() {
            Some(PathPart::Literal(last)) => last.push_str(text),
            _ => self.parts.push(PathPart::Literal(text.to_string())),
        }
    }

    pub fn push_parameter(&mut self, name: impl Into<String>, quoted: bool) {
        self.parts.push(PathPart::Parameter {
            name: name.into(),
            quoted,
        });
    }

    /// This path with `text` after it.
    pub fn join(&self, text: &str) -> Self {
        let mut path = self.clone();
        path.push_literal(text);
        path
    }

    pub fn append(&mut self, other: &PathTemplate) {
        for part in &other.parts {
            match part {
                PathPart::Literal(text) => self.push_literal(text),
                _ => self.parts.push(part.clone()),
            }
        }
    }

    /// The template as text: `/items/{item-id}`, `/f(name='{name}',n={n})`.
    pub fn template(&self) -> String {
        self.to_string()
    }

    /// The first segment of the path when it is literal text, a key in
    /// parentheses left off (`/products({id})/variants` -> `products`);
    /// `None` for `/` or a segment with a parameter in it (`/{owner}/...`).
    pub fn first_segment(&self) -> Option<&str> {
        let PathPart::Literal(text) = self.parts.first()? else {
            return None;
        };
        let text = text.trim_start_matches('/');
        let end = text.find(['/', '(']);
        let segment = &text[..end.unwrap_or(text.len())];
        let whole = end.is_some() || self.parts.len() == 1;
        (whole && !segment.is_empty()).then_some(segment)
    }
}

impl std::fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut after_argument = false;
        for part in &self.parts {
            match part {
                PathPart::Literal(text) => f.write_str(text)?,
                PathPart::Parameter { name, quoted: true } => write!(f, "'{{{name}}}'")?,
                PathPart::Parameter { name, .. } => write!(f, "{{{name}}}")?,
                PathPart::Argument {
                    name,
                    parameter,
                    value,
                } => {
                    if after_argument {
                        f.write_str(",")?;
                    }
                    match value {
                        ArgumentValue::Literal { quoted: true } => {
                            write!(f, "{name}='{{{parameter}}}'")?
                        }
                        ArgumentValue::Literal { quoted: false } => {
                            write!(f, "{name}={{{parameter}}}")?
                        }
                        ArgumentValue::Alias => write!(f, "{name}=@{name}")?,
                    }
                }
            }
            after_argument = matches!(part, PathPart::Argument { .. });
        }
        for (index, (name, value)) in self.query.iter().enumerate() {
            write!(f, "{}{name}={value}", if index == 0 { '?' } else { '&' })?;
        }
        Ok(())
    }
}
