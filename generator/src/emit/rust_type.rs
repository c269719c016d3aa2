//! Rust types as values, as typify keeps them: what a field, a parameter or
//! an answer holds is decided once, then written out two ways: as tokens by
//! the emitters, and as text in the API summary (`api.json`).

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, format_ident, quote};

/// Where a type's name is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// In scope where the code stands: the prelude, primitives, and the
    /// types of the module the code is in.
    Here,
    /// A module of the emitted crate, written `crate::models::`.
    Crate(&'static str),
    /// A path outside the crate by its segments, written whole:
    /// `std::collections::`, `time::`.
    Extern(&'static [&'static str]),
}

/// The models as code outside `models.rs` names them.
pub const MODELS: Home = Home::Crate("models");

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    /// `()`
    Unit,
    /// A named type with its type arguments: `Vec<u8>`, `crate::models::User`.
    Path {
        home: Home,
        name: String,
        args: Vec<RustType>,
    },
}

impl RustType {
    pub fn named(home: Home, name: impl Into<String>) -> Self {
        Self::generic(home, name, Vec::new())
    }

    pub fn generic(home: Home, name: impl Into<String>, args: Vec<RustType>) -> Self {
        RustType::Path {
            home,
            name: name.into(),
            args,
        }
    }

    /// A type of the prelude or a primitive: `String`, `i64`.
    pub fn plain(name: &str) -> Self {
        Self::named(Home::Here, name)
    }

    pub fn option(inner: RustType) -> Self {
        Self::generic(Home::Here, "Option", vec![inner])
    }

    pub fn vec(item: RustType) -> Self {
        Self::generic(Home::Here, "Vec", vec![item])
    }

    pub fn boxed(inner: RustType) -> Self {
        Self::generic(Home::Here, "Box", vec![inner])
    }

    /// Any JSON value.
    pub fn json_value() -> Self {
        Self::named(Home::Extern(&["serde_json"]), "Value")
    }

    /// Rust's own numbers and `bool`, which convert into nothing else.
    fn is_scalar(&self) -> bool {
        const SCALARS: [&str; 13] = [
            "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "f32", "f64",
            "bool",
        ];
        matches!(self, RustType::Path { home: Home::Here, name, args } if args.is_empty() && SCALARS.contains(&name.as_str()))
    }

    /// How a setter or `new` takes a value of this type as `ident`, and the
    /// expression that gives the value: numbers and `bool` as themselves, so
    /// that a literal takes the parameter's type (`count(9_007_199_254_740_993)`
    /// is an `i64`, where `impl Into<i64>` made it an `i32` that overflows);
    /// anything else by `Into` (`&str` for `String`, a model for `Box<Model>`).
    pub fn argument(&self, ident: &Ident) -> (TokenStream, TokenStream) {
        if self.is_scalar() {
            (quote! { #ident: #self }, quote! { #ident })
        } else {
            (
                quote! { #ident: impl Into<#self> },
                quote! { #ident.into() },
            )
        }
    }

    /// The field `ident` of a struct literal, from the [`argument`](Self::argument)
    /// of the same name: `count,` or `name: name.into(),`.
    pub fn field_init(&self, ident: &Ident) -> TokenStream {
        if self.is_scalar() {
            quote! { #ident, }
        } else {
            quote! { #ident: #ident.into(), }
        }
    }

    /// As the API summary writes it: the crate's own modules left out,
    /// other paths whole, no spaces (`Option<BTreeMap<String,Value>>` reads
    /// `Option<std::collections::BTreeMap<String,serde_json::Value>>`).
    pub fn summary_text(&self) -> String {
        let mut text = String::new();
        self.write_summary(&mut text);
        text
    }

    fn write_summary(&self, out: &mut String) {
        let RustType::Path { home, name, args } = self else {
            out.push_str("()");
            return;
        };
        if let Home::Extern(path) = home {
            for segment in *path {
                out.push_str(segment);
                out.push_str("::");
            }
        }
        out.push_str(name);
        if let Some((first, rest)) = args.split_first() {
            out.push('<');
            first.write_summary(out);
            for arg in rest {
                out.push(',');
                arg.write_summary(out);
            }
            out.push('>');
        }
    }
}

impl ToTokens for RustType {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let RustType::Path { home, name, args } = self else {
            tokens.extend(quote! { () });
            return;
        };
        match home {
            Home::Here => {}
            Home::Crate(module) => {
                let module = format_ident!("{}", module);
                tokens.extend(quote! { crate::#module:: });
            }
            Home::Extern(path) => {
                for segment in *path {
                    let segment = format_ident!("{}", segment);
                    tokens.extend(quote! { #segment:: });
                }
            }
        }
        format_ident!("{}", name).to_tokens(tokens);
        if !args.is_empty() {
            tokens.extend(quote! { <#(#args),*> });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_summary_text() {
        let user = RustType::named(MODELS, "User");
        let map = RustType::generic(
            Home::Extern(&["std", "collections"]),
            "BTreeMap",
            vec![RustType::plain("String"), RustType::json_value()],
        );
        let ty = RustType::option(RustType::vec(RustType::boxed(user)));
        assert_eq!(
            ty.to_token_stream().to_string(),
            "Option < Vec < Box < crate :: models :: User > > >"
        );
        assert_eq!(ty.summary_text(), "Option<Vec<Box<User>>>");
        assert_eq!(
            map.summary_text(),
            "std::collections::BTreeMap<String,serde_json::Value>"
        );
        assert_eq!(RustType::Unit.summary_text(), "()");
    }
}
