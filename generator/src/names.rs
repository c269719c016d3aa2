//! Rust identifiers for the names in the model.
//!
//! Case conversion is heck's; this module adds what makes the result a valid,
//! stable Rust identifier: keywords escaped, leading digits prefixed, and
//! collisions after conversion resolved the same way on every run.

use std::collections::{BTreeMap, HashSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2024.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Type names the generated code uses from the prelude; a model type of the
/// same name would shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Box", "Default", "Option", "Result", "String", "Vec"];

/// Keeps letters and digits; everything else separates words.
fn words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// `tenantId` -> `tenant_id`, `@odata.type` -> `odata_type`, `type` -> `r#type`.
pub fn snake(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name.push_str("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// `microsoft.graph.pfxUserCertificate` -> `PfxUserCertificate` (last segment).
pub fn pascal(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name.push_str("Value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    escape_keyword(name)
}

/// `US Government L4` -> `US_GOVERNMENT_L4`.
pub fn shouty(raw: &str) -> String {
    let mut name = words(raw).to_shouty_snake_case();
    if name.is_empty() {
        name.push_str("VALUE");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

fn escape_keyword(name: String) -> String {
    if !KEYWORDS.contains(&name.as_str()) {
        name
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        format!("r#{name}")
    }
}

/// Picks one name for each item, unique among them and not in `taken`.
///
/// Each item offers candidates from most to least preferred (e.g. `Entity`,
/// then `GraphEntity`, then `MicrosoftGraphEntity`). Every item that shares
/// a candidate with another moves on to its next one, so the outcome does not
/// depend on the order of unrelated items. Names still shared when the
/// candidates run out get `2`, `3`, ... in item order.
pub fn assign_unique(candidates: &[Vec<String>], taken: &[&str], separator: &str) -> Vec<String> {
    let mut level = vec![0usize; candidates.len()];
    let name_at = |i: usize, level: &[usize]| candidates[i][level[i].min(candidates[i].len() - 1)].clone();
    loop {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in 0..candidates.len() {
            groups.entry(name_at(i, &level)).or_default().push(i);
        }
        let mut moved = false;
        for (name, members) in &groups {
            if members.len() > 1 || taken.contains(&name.as_str()) {
                for &i in members {
                    if level[i] + 1 < candidates[i].len() {
                        level[i] += 1;
                        moved = true;
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
    let mut used: HashSet<String> = taken.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::with_capacity(candidates.len());
    for i in 0..candidates.len() {
        let base = name_at(i, &level);
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}{separator}{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

/// Candidates for a dotted name, shortest first: `a.b.C` -> `C`, `BC`, `ABC`.
pub fn pascal_candidates(dotted: &str) -> Vec<String> {
    let segments: Vec<&str> = dotted.split('.').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return vec![pascal(dotted)];
    }
    (1..=segments.len()).map(|n| pascal(&segments[segments.len() - n..].join(" "))).collect()
}

/// The same for snake case: `a.b.CreateC` -> `create_c`, `b_create_c`, ...
pub fn snake_candidates(dotted: &str) -> Vec<String> {
    let segments: Vec<&str> = dotted.split('.').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return vec![snake(dotted)];
    }
    (1..=segments.len()).map(|n| snake(&segments[segments.len() - n..].join(" "))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion_and_escaping() {
        assert_eq!(snake("tenantId"), "tenant_id");
        assert_eq!(snake("@odata.nextLink"), "odata_next_link");
        assert_eq!(snake("$top"), "top");
        assert_eq!(snake("pfxUserCertificate-id"), "pfx_user_certificate_id");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("%%"), "value");
        assert_eq!(pascal("pfxUserCertificate"), "PfxUserCertificate");
        assert_eq!(pascal("ODataError"), "ODataError");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal("1080p"), "V1080p");
        assert_eq!(shouty("US Government L5 (DOD)"), "US_GOVERNMENT_L5_DOD");
    }

    #[test]
    fn collisions_move_to_longer_candidates_for_every_member() {
        let names = assign_unique(
            &[pascal_candidates("a.x.Entity"), pascal_candidates("b.Entity"), pascal_candidates("a.User")],
            &[],
            "",
        );
        assert_eq!(names, ["XEntity", "BEntity", "User"]);
    }

    #[test]
    fn exhausted_collisions_get_numbers_in_order() {
        let names = assign_unique(&[vec!["foo_bar".into()], vec!["foo_bar".into()], vec!["foo_bar".into()]], &[], "_");
        assert_eq!(names, ["foo_bar", "foo_bar_2", "foo_bar_3"]);
    }

    #[test]
    fn reserved_names_are_avoided() {
        let names = assign_unique(&[pascal_candidates("my.String")], RESERVED_TYPE_NAMES, "");
        assert_eq!(names, ["MyString"]);
        let names = assign_unique(&[vec!["String".into()]], RESERVED_TYPE_NAMES, "");
        assert_eq!(names, ["String2"]);
    }
}
