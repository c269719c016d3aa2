//! Whether a decoded answer, written back, is the answer, up to what JSON
//! and the formats leave open (the documented normalisations): numbers equal
//! by value (`2` and `2.0`; fractions to single precision, as `format:
//! float` keeps them), timestamps equal as instants
//! (`2024-01-01T00:00:00Z` and `2024-01-01T00:00:00.000+00:00`), IP
//! addresses as addresses (`::0001` and `::1`), a `null` property and an
//! absent one alike.

use serde_json::Value;

/// Where the two differ first (a JSON pointer and both values), if they do.
pub fn difference(answer: &Value, written: &Value) -> Option<String> {
    let mut place = String::new();
    differ(answer, written, &mut place).then(|| {
        format!(
            "at `{place}` the answer has {} and the SDK wrote {}",
            short(answer.pointer(&place)),
            short(written.pointer(&place))
        )
    })
}

fn short(value: Option<&Value>) -> String {
    value.map_or("nothing".to_string(), |v| {
        v.to_string().chars().take(120).collect()
    })
}

fn differ(a: &Value, b: &Value, place: &mut String) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x != y,
            _ => {
                let (x, y) = (
                    x.as_f64().unwrap_or(f64::NAN),
                    y.as_f64().unwrap_or(f64::NAN),
                );
                (x - y).abs() > f64::from(f32::EPSILON) * x.abs().max(y.abs())
            }
        },
        (Value::String(x), Value::String(y)) => {
            x != y && !same_instant(x, y) && !same_bytes(x, y) && !same_address(x, y)
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return true;
            }
            for (index, (x, y)) in x.iter().zip(y).enumerate() {
                let length = place.len();
                place.push_str(&format!("/{index}"));
                if differ(x, y, place) {
                    return true;
                }
                place.truncate(length);
            }
            false
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let (vx, vy) = (
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                );
                let length = place.len();
                place.push('/');
                place.push_str(&key.replace('~', "~0").replace('/', "~1"));
                if differ(vx, vy, place) {
                    return true;
                }
                place.truncate(length);
            }
            false
        }
        _ => a != b,
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    use time::format_description::well_known::Rfc3339;
    match (
        time::OffsetDateTime::parse(a, &Rfc3339),
        time::OffsetDateTime::parse(b, &Rfc3339),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The same IP address (`2001:0db8::0001` and `2001:db8::1`).
fn same_address(a: &str, b: &str) -> bool {
    match (a.parse::<std::net::IpAddr>(), b.parse::<std::net::IpAddr>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The same bytes in base64 with and without padding.
fn same_bytes(a: &str, b: &str) -> bool {
    !a.is_empty() && a.trim_end_matches('=') == b.trim_end_matches('=')
}

/// `Unknown(..)` (an enum value the SDK does not know) or `Other(..)` (a
/// value no union variant read) in a value's `Debug` text, outside strings.
pub fn unknown_marker(debug: &str) -> Option<&'static str> {
    let mut in_string = false;
    let mut escaped = false;
    let mut word = String::new();
    for c in debug.chars() {
        if in_string {
            match (c, escaped) {
                ('\\', false) => escaped = true,
                ('"', false) => in_string = false,
                _ => escaped = false,
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                word.clear();
            }
            '(' => {
                for marker in ["Unknown", "UnknownValue", "Other", "OtherValue"] {
                    if word == marker {
                        return Some(marker);
                    }
                }
                word.clear();
            }
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => word.clear(),
        }
    }
    None
}
