//! Rust identifiers for the names in the model.
//!
//! Case conversion is heck's; this module adds what makes the result a valid,
//! stable Rust identifier: keywords escaped, leading digits prefixed, and
//! collisions after conversion resolved the same way on every run.

use std::collections::{HashMap, HashSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2024.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Keeps letters and digits; everything else separates words. Letters of
/// other scripts are first written in ASCII as deunicode reads them
/// (`größe` -> `grosse`, `作成` -> `Zuo Cheng`, `Ωmega` -> `Omega`), so that
/// no name collapses to nothing or to a stub of itself.
fn words(raw: &str) -> String {
    let ascii;
    let raw = if raw.is_ascii() {
        raw
    } else {
        ascii = deunicode::deunicode_with_tofu(raw, " ");
        &ascii
    };
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The longest identifier made: rustdoc writes a page per item named after
/// it (`struct.NAME.html`), and file names have at most 255 bytes. Longer
/// names are cut; two that then meet are numbered like any others.
const MAX_IDENTIFIER: usize = 96;

/// `name` cut to [`MAX_IDENTIFIER`] (it is ASCII).
fn capped(mut name: String) -> String {
    if name.len() > MAX_IDENTIFIER {
        name.truncate(MAX_IDENTIFIER);
        let kept = name.trim_end_matches('_').len();
        name.truncate(kept.max(1));
    }
    name
}

/// `tenantId` -> `tenant_id`, `@odata.type` -> `odata_type`, `type` -> `r#type`.
pub fn snake(raw: &str) -> String {
    let mut name = capped(words(raw).to_snake_case());
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
    let mut name = capped(words(raw).to_upper_camel_case());
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
    let mut name = capped(words(raw).to_shouty_snake_case());
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
    assign_unique_by(
        candidates.len(),
        |item, level| candidates[item].get(level).cloned(),
        |_, _| false,
        taken,
        separator,
    )
}

/// [`assign_unique`] with candidates made only when an item needs them:
/// `candidate(item, level)` is the item's `level`th choice, `None` past its
/// last. Most items keep their first, so most longer ones are never made.
///
/// `stays(item, level)`: the item's next choice would say nothing more than
/// this one (`CertificatesListCertificates` after `ListCertificates`), so
/// while the name is shared it stays and the others move on, if it is the
/// only one of them that stays.
pub fn assign_unique_by(
    count: usize,
    candidate: impl Fn(usize, usize) -> Option<String>,
    stays: impl Fn(usize, usize) -> bool,
    taken: &[&str],
    separator: &str,
) -> Vec<String> {
    let taken: HashSet<&str> = taken.iter().copied().collect();
    let mut level = vec![0usize; count];
    let mut current: Vec<String> = (0..count)
        .map(|i| candidate(i, 0).unwrap_or_default())
        .collect();
    let mut exhausted = vec![false; count];
    loop {
        let mut uses: HashMap<&str, usize> = HashMap::with_capacity(count);
        for name in &current {
            *uses.entry(name.as_str()).or_default() += 1;
        }
        let crowded: Vec<usize> = (0..count)
            .filter(|&i| {
                !exhausted[i]
                    && (uses[current[i].as_str()] > 1 || taken.contains(current[i].as_str()))
            })
            .collect();
        // Per shared name, the one item that stays (if exactly one would).
        let mut staying: HashMap<&str, Option<usize>> = HashMap::new();
        for &i in &crowded {
            if !taken.contains(current[i].as_str()) && stays(i, level[i]) {
                staying
                    .entry(current[i].as_str())
                    .and_modify(|one| *one = None)
                    .or_insert(Some(i));
            }
        }
        let staying: HashSet<usize> = staying.into_values().flatten().collect();
        let mut moved = false;
        for i in crowded.into_iter().filter(|i| !staying.contains(i)) {
            match candidate(i, level[i] + 1) {
                Some(next) => {
                    level[i] += 1;
                    current[i] = next;
                    moved = true;
                }
                None => exhausted[i] = true,
            }
        }
        if !moved {
            break;
        }
    }
    let mut used: HashSet<String> = taken.iter().map(|s| s.to_string()).collect();
    // Per base, the next number to try: the ones below it are used already
    // (k items of one name would otherwise try k^2/2 names).
    let mut next_number: HashMap<String, usize> = HashMap::new();
    current
        .into_iter()
        .map(|base| {
            let mut name = base.clone();
            // A numbered keyword is no keyword: `self_` and `r#type` number
            // as `self_2` and `type_2`, not `self__2`.
            let stem = base.strip_prefix("r#").unwrap_or(&base);
            let stem = stem
                .strip_suffix('_')
                .filter(|s| !s.is_empty())
                .unwrap_or(stem)
                .to_string();
            let n = next_number.entry(base.clone()).or_insert(2);
            while !used.insert(name.clone()) {
                name = format!("{stem}{separator}{n}");
                *n += 1;
            }
            name
        })
        .collect()
}

/// How many trailing segments of a dotted name are tried at most (Graph's
/// operation ids need up to 9).
const MAX_DOTTED_LEVELS: usize = 16;

/// The `level`th candidate for a dotted name, shortest first: `a.b.C` ->
/// `C`, `BC`, `ABC` with [`pascal`]; `None` past the whole name.
pub fn dotted_candidate(dotted: &str, level: usize, case: fn(&str) -> String) -> Option<String> {
    // Past a few segments a longer name tells nothing more, and trying every
    // one of a huge dotted name twice written would be quadratic: numbers do.
    if level >= MAX_DOTTED_LEVELS {
        return None;
    }
    let segments: Vec<&str> = dotted.split('.').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return (level == 0).then(|| case(dotted));
    }
    let n = level + 1;
    (n <= segments.len()).then(|| case(&segments[segments.len() - n..].join(" ")))
}

/// Whether the next candidate of a dotted name only repeats a word the
/// `level`th one has: `certificates.ListCertificates` at level 0.
pub fn dotted_stutters(dotted: &str, level: usize) -> bool {
    let segments: Vec<&str> = dotted.split('.').filter(|s| !s.is_empty()).collect();
    let n = level + 1;
    if n >= segments.len() {
        return false;
    }
    let added = snake(segments[segments.len() - n - 1]);
    let added = added.trim_start_matches("r#").trim_end_matches('_');
    let current = snake(&segments[segments.len() - n..].join(" "));
    !added.is_empty() && format!("_{current}_").contains(&format!("_{added}_"))
}

/// Every candidate of [`dotted_candidate`]: `a.b.C` -> `C`, `BC`, `ABC`.
pub fn pascal_candidates(dotted: &str) -> Vec<String> {
    (0..)
        .map_while(|level| dotted_candidate(dotted, level, pascal))
        .collect()
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
        // Other scripts are transliterated, never collapsed.
        assert_eq!(snake("größe"), "grosse");
        assert_eq!(pascal("作成"), "ZuoCheng");
        assert_eq!(snake("na\u{202e}me"), "name");
    }

    #[test]
    fn collisions_move_to_longer_candidates_for_every_member() {
        let names = assign_unique(
            &[
                pascal_candidates("a.x.Entity"),
                pascal_candidates("b.Entity"),
                pascal_candidates("a.User"),
            ],
            &[],
            "",
        );
        assert_eq!(names, ["XEntity", "BEntity", "User"]);
    }

    #[test]
    fn a_name_whose_qualified_form_would_stutter_stays_and_the_others_qualify() {
        let keys = [
            "Certificates.Certificates.ListCertificates",
            "Tenants.ListCertificates",
        ];
        assert!(dotted_stutters(keys[0], 0));
        assert!(!dotted_stutters(keys[1], 0));
        let candidate = |i: usize, level: usize| dotted_candidate(keys[i], level, pascal);
        let stays = |i: usize, level: usize| dotted_stutters(keys[i], level);
        let names = assign_unique_by(keys.len(), candidate, stays, &[], "");
        assert_eq!(names, ["ListCertificates", "TenantsListCertificates"]);
        // Two that would both stutter both qualify, as before.
        let both = ["a.x.ListX", "b.x.ListX"];
        let candidate = |i: usize, level: usize| dotted_candidate(both[i], level, pascal);
        let stays = |i: usize, level: usize| dotted_stutters(both[i], level);
        assert_eq!(
            assign_unique_by(2, candidate, stays, &[], ""),
            ["AXListX", "BXListX"]
        );
    }

    #[test]
    fn longer_candidates_are_made_only_for_items_that_collide() {
        let keys = [
            "users.user.ListEvents",
            "groups.group.ListEvents",
            "me.GetProfile",
        ];
        let made = std::cell::RefCell::new(Vec::new());
        let candidate = |i: usize, level: usize| {
            made.borrow_mut().push((i, level));
            dotted_candidate(keys[i], level, pascal)
        };
        let names = assign_unique_by(keys.len(), candidate, |_, _| false, &[], "");
        assert_eq!(names, ["UserListEvents", "GroupListEvents", "GetProfile"]);
        assert_eq!(*made.borrow(), [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1)]);
        assert_eq!(
            dotted_candidate("a.b.C", 2, snake).as_deref(),
            Some("a_b_c")
        );
        assert_eq!(dotted_candidate("a.b.C", 3, snake), None);
    }

    #[test]
    fn exhausted_collisions_get_numbers_in_order() {
        let names = assign_unique(
            &[
                vec!["foo_bar".into()],
                vec!["foo_bar".into()],
                vec!["foo_bar".into()],
            ],
            &[],
            "_",
        );
        assert_eq!(names, ["foo_bar", "foo_bar_2", "foo_bar_3"]);
    }

    #[test]
    fn reserved_names_are_avoided() {
        let reserved = ["Option", "String"];
        let names = assign_unique(&[pascal_candidates("my.String")], &reserved, "");
        assert_eq!(names, ["MyString"]);
        let names = assign_unique(&[vec!["String".into()]], &reserved, "");
        assert_eq!(names, ["String2"]);
    }
}
