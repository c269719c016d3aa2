//! Wire formats for values JSON has no type of its own for: timestamps,
//! dates, times of day and bytes travel as strings in a fixed text format;
//! flag sets as comma-separated member names. Large and non-finite numbers
//! may travel as text too (OData's IEEE754Compatible format).
//!
//! This file is the same in every crate sdkgen emits. Models name the serde
//! adapters here in `#[serde(with = "...")]`: `formats::date` for a value,
//! `formats::date::option`, `formats::date::vec` and `formats::date::option_vec`
//! for the wrappers a property can have; each has a `Wire` type for the
//! models' own `Serialize` and `Deserialize`.

use std::fmt;

use crate::runtime::ParamValue;

/// `Wire`: the `serialize` and `deserialize` of an adapter module as a type,
/// and `read`/`read_required` with it, for the `Serialize` and `Deserialize`
/// that models write out (`formats::date::option::read(&mut map, &mut slot)`,
/// `("when", &formats::date::option::Wire(&self.when))`). An `Option` shape
/// is an entry that is absent when `None`.
macro_rules! wire {
    ($holder:ty, optional) => {
        wire!($holder);

        impl crate::wire::Entry for Wire<&$holder> {
            fn absent(&self) -> bool {
                self.0.is_none()
            }
        }
    };
    ($holder:ty) => {
        /// A value of this shape, borrowed for writing or owned after reading.
        pub struct Wire<T>(pub T);

        impl Serialize for Wire<&$holder> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize(self.0, serializer)
            }
        }

        impl<'de> Deserialize<'de> for Wire<$holder> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize(deserializer).map(Wire)
            }
        }

        /// `crate::wire::read` in this format.
        #[inline]
        pub fn read<'de, A: serde::de::MapAccess<'de>>(
            map: &mut A,
            slot: &mut $holder,
        ) -> Result<(), A::Error> {
            *slot = map.next_value::<Wire<$holder>>()?.0;
            Ok(())
        }

        /// `crate::wire::read_required` in this format.
        #[inline]
        pub fn read_required<'de, A: serde::de::MapAccess<'de>>(
            map: &mut A,
            slot: &mut Option<$holder>,
        ) -> Result<(), A::Error> {
            *slot = Some(map.next_value::<Wire<$holder>>()?.0);
            Ok(())
        }
    };
}

/// The inside of an adapter module for values of `$ty`: a `Text` wrapper,
/// whose `Serialize` and `Deserialize` for one value the module implements,
/// and the adapters for the shapes a property takes (`T`, `Option<T>`,
/// `Vec<T>`, `Option<Vec<T>>`, and `Patch` in update bodies).
macro_rules! adapter_shapes {
    ($ty:ty) => {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        type Value = $ty;

        /// One value, borrowed for writing or owned after reading.
        struct Text<T>(T);

        pub fn serialize<S: Serializer>(value: &Value, serializer: S) -> Result<S::Ok, S::Error> {
            Text(value).serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
            Ok(Text::<Value>::deserialize(deserializer)?.0)
        }

        wire!(Value);

        /// For `Option<_>`.
        pub mod option {
            use super::*;

            pub fn serialize<S: Serializer>(
                value: &Option<Value>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                value.as_ref().map(Text).serialize(serializer)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Value>, D::Error> {
                Ok(Option::<Text<Value>>::deserialize(deserializer)?.map(|text| text.0))
            }

            wire!(Option<Value>, optional);
        }

        /// For `Vec<_>`.
        pub mod vec {
            use super::*;

            pub fn serialize<S: Serializer>(
                values: &[Value],
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(values.iter().map(Text))
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Vec<Value>, D::Error> {
                Ok(Vec::<Text<Value>>::deserialize(deserializer)?
                    .into_iter()
                    .map(|text| text.0)
                    .collect())
            }

            wire!(Vec<Value>);
        }

        /// For `Patch<_>` in update bodies (written only).
        pub mod patch {
            use super::*;
            use crate::formats::Patch;

            pub fn serialize<S: Serializer>(
                value: &Patch<Value>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match value {
                    Patch::Set(value) => Text(value).serialize(serializer),
                    Patch::Null | Patch::Unchanged => serializer.serialize_none(),
                }
            }
        }

        /// For `Patch<Vec<_>>` in update bodies (written only).
        pub mod patch_vec {
            use super::*;
            use crate::formats::Patch;

            pub fn serialize<S: Serializer>(
                values: &Patch<Vec<Value>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match values {
                    Patch::Set(values) => serializer.collect_seq(values.iter().map(Text)),
                    Patch::Null | Patch::Unchanged => serializer.serialize_none(),
                }
            }
        }

        /// For `Option<Vec<_>>`.
        pub mod option_vec {
            use super::*;

            pub fn serialize<S: Serializer>(
                values: &Option<Vec<Value>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match values {
                    Some(values) => serializer.collect_seq(values.iter().map(Text)),
                    None => serializer.serialize_none(),
                }
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Vec<Value>>, D::Error> {
                let values = Option::<Vec<Text<Value>>>::deserialize(deserializer)?;
                Ok(values.map(|values| values.into_iter().map(|text| text.0).collect()))
            }

            wire!(Option<Vec<Value>>, optional);
        }
    };
}

/// Serde adapters for a type written as text, in the shapes a property takes.
macro_rules! text_format {
    ($(#[$doc:meta])* $module:ident, $ty:ty, $to_text:path, $from_text:path) => {
        $(#[$doc])*
        pub mod $module {
            adapter_shapes!($ty);

            impl Serialize for Text<&Value> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&$to_text(self.0).map_err(serde::ser::Error::custom)?)
                }
            }

            impl<'de> Deserialize<'de> for Text<Value> {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let text = String::deserialize(deserializer)?;
                    $from_text(&text).map(Text).map_err(serde::de::Error::custom)
                }
            }

        }
    };
}

/// Serde adapters for a number that OData may send as text (the
/// `IEEE754Compatible` format: `"9007199254740993"`, `"INF"`, `"NaN"`): read
/// from a JSON number or its text; written as a number (non-finite floats,
/// which JSON numbers cannot be, as their OData text).
macro_rules! number_format {
    ($(#[$doc:meta])* $module:ident, $ty:ty, $write:path, $from_text:path) => {
        $(#[$doc])*
        pub mod $module {
            adapter_shapes!($ty);

            impl Serialize for Text<&Value> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    $write(*self.0, serializer)
                }
            }

            #[derive(Deserialize)]
            #[serde(untagged)]
            enum NumberOrText {
                Number(Value),
                Text(String),
            }

            impl<'de> Deserialize<'de> for Text<Value> {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    match NumberOrText::deserialize(deserializer)? {
                        NumberOrText::Number(value) => Ok(Text(value)),
                        NumberOrText::Text(text) => $from_text(&text).map(Text).map_err(serde::de::Error::custom),
                    }
                }
            }

        }
    };
}

text_format!(
    /// Timestamps with an offset, RFC 3339: `2024-01-31T13:45:00.1234567-08:00`.
    rfc3339,
    time::OffsetDateTime,
    super::format_rfc3339,
    super::parse_rfc3339
);
text_format!(
    /// Calendar dates: `2024-01-31`.
    date,
    time::Date,
    super::format_date,
    super::parse_date
);
text_format!(
    /// Times of day: `13:45:00`, with a fraction of a second where there is one.
    time_of_day,
    time::Time,
    super::format_time_of_day,
    super::parse_time_of_day
);
text_format!(
    /// Bytes, base64url without padding (`Edm.Binary` as the OData JSON
    /// format defines it). Reading also takes the standard alphabet and padding.
    base64url,
    Vec<u8>,
    super::format_base64url,
    super::parse_base64
);
text_format!(
    /// Bytes, standard base64 with padding (OpenAPI's `format: byte`, and
    /// what Microsoft Graph writes and reads). Reading also takes base64url.
    base64,
    Vec<u8>,
    super::format_base64,
    super::parse_base64
);

number_format!(
    /// 64-bit integers (`Edm.Int64`).
    int64,
    i64,
    super::write_i64,
    super::parse_i64
);
number_format!(
    /// Double-precision numbers (`Edm.Double`, `Edm.Decimal`).
    float64,
    f64,
    super::write_f64,
    super::parse_f64
);
number_format!(
    /// Single-precision numbers (`Edm.Single`).
    float32,
    f32,
    super::write_f32,
    super::parse_f32
);

fn write_i64<S: serde::Serializer>(value: i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(value)
}

fn parse_i64(text: &str) -> Result<i64, String> {
    text.parse()
        .map_err(|e| format!("`{text}` is not a 64-bit integer: {e}"))
}

fn write_f64<S: serde::Serializer>(value: f64, serializer: S) -> Result<S::Ok, S::Error> {
    match non_finite_text(value) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.serialize_f64(value),
    }
}

fn parse_f64(text: &str) -> Result<f64, String> {
    match text {
        "INF" => Ok(f64::INFINITY),
        "-INF" => Ok(f64::NEG_INFINITY),
        "NaN" => Ok(f64::NAN),
        _ => text
            .parse()
            .map_err(|e| format!("`{text}` is not a number: {e}")),
    }
}

fn write_f32<S: serde::Serializer>(value: f32, serializer: S) -> Result<S::Ok, S::Error> {
    match non_finite_text(f64::from(value)) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.serialize_f32(value),
    }
}

fn parse_f32(text: &str) -> Result<f32, String> {
    // Through f64: the text of a single-precision value reads back the same.
    parse_f64(text).map(|value| value as f32)
}

/// OData's text for the floats a JSON number cannot be.
fn non_finite_text(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("INF")
    } else if value == f64::NEG_INFINITY {
        Some("-INF")
    } else {
        None
    }
}

fn format_rfc3339(value: &time::OffsetDateTime) -> Result<String, String> {
    value
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| e.to_string())
}

fn parse_rfc3339(text: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|e| format!("`{text}` is not an RFC 3339 timestamp: {e}"))
}

/// A date in a path, query or header is written as in JSON.
impl ParamValue for time::Date {
    fn param_items(&self) -> Vec<String> {
        format_date(self).into_iter().collect()
    }
}

/// A time of day in a path, query or header is written as in JSON (`13:45:00.5`).
impl ParamValue for time::Time {
    fn param_items(&self) -> Vec<String> {
        format_time_of_day(self).into_iter().collect()
    }
}

fn format_date(value: &time::Date) -> Result<String, String> {
    Ok(format!(
        "{:04}-{:02}-{:02}",
        value.year(),
        u8::from(value.month()),
        value.day()
    ))
}

fn parse_date(text: &str) -> Result<time::Date, String> {
    let invalid =
        |reason: &dyn fmt::Display| format!("`{text}` is not a date (YYYY-MM-DD): {reason}");
    let mut parts = text.splitn(3, '-');
    let mut next = |what: &str| -> Result<i32, String> {
        let part = parts.next().ok_or_else(|| invalid(&format!("no {what}")))?;
        part.parse::<i32>().map_err(|e| invalid(&e))
    };
    let (year, month, day) = (next("year")?, next("month")?, next("day")?);
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(|| invalid(&"month"))?;
    let day = u8::try_from(day).map_err(|e| invalid(&e))?;
    time::Date::from_calendar_date(year, month, day).map_err(|e| invalid(&e))
}

fn format_time_of_day(value: &time::Time) -> Result<String, String> {
    let mut text = format!(
        "{:02}:{:02}:{:02}",
        value.hour(),
        value.minute(),
        value.second()
    );
    if value.nanosecond() != 0 {
        let fraction = format!("{:09}", value.nanosecond());
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    Ok(text)
}

fn parse_time_of_day(text: &str) -> Result<time::Time, String> {
    let invalid = |reason: &dyn fmt::Display| {
        format!("`{text}` is not a time of day (hh:mm:ss.fffffff): {reason}")
    };
    let (clock, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut parts = clock.splitn(3, ':');
    let mut next = |optional: bool| -> Result<u8, String> {
        match parts.next() {
            Some(part) => part.parse::<u8>().map_err(|e| invalid(&e)),
            None if optional => Ok(0),
            None => Err(invalid(&"too few parts")),
        }
    };
    let (hour, minute, second) = (next(false)?, next(false)?, next(true)?);
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(&"bad fraction of a second"));
    }
    let nanosecond = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<9}")
            .parse::<u32>()
            .map_err(|e| invalid(&e))?
    };
    time::Time::from_hms_nano(hour, minute, second, nanosecond).map_err(|e| invalid(&e))
}

pub(crate) fn format_base64url(value: &Vec<u8>) -> Result<String, String> {
    use ::base64::Engine as _;
    Ok(::base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value))
}

fn format_base64(value: &Vec<u8>) -> Result<String, String> {
    use ::base64::Engine as _;
    Ok(::base64::engine::general_purpose::STANDARD.encode(value))
}

/// Either alphabet, with or without padding.
pub(crate) fn parse_base64(text: &str) -> Result<Vec<u8>, String> {
    use ::base64::Engine as _;
    let url_safe: String = text
        .chars()
        .filter(|c| *c != '=' && !c.is_ascii_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    ::base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(url_safe)
        .map_err(|e| format!("not base64: {e}"))
}

/// One field of an update (PATCH) body: left as it is on the service (not
/// sent), cleared (sent as `null`), or set to a value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Patch<T> {
    #[default]
    Unchanged,
    Null,
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out of the body.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }
}

/// `None` leaves a field unchanged; `Some(value)` sets it.
impl<T> From<Option<T>> for Patch<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Patch::Set(value),
            None => Patch::Unchanged,
        }
    }
}

impl<T: serde::Serialize> serde::Serialize for Patch<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            Patch::Null | Patch::Unchanged => serializer.serialize_none(),
        }
    }
}

/// An enum of the API, as its members are written on the wire.
pub trait EnumValue: Sized {
    /// The member's name on the wire.
    fn as_str(&self) -> &str;
    /// The member named `value`; one this SDK does not know is kept as sent.
    fn from_wire(value: &str) -> Self;
}

/// Reads a member of a string enum from its text (the enums' `Deserialize`).
pub fn read_enum<'de, D: serde::Deserializer<'de>, E: EnumValue>(
    deserializer: D,
) -> Result<E, D::Error> {
    use serde::Deserialize as _;
    let text = crate::wire::Key::deserialize(deserializer)?;
    Ok(E::from_wire(text.as_str()))
}

/// A set of members of a flags enum (OData `IsFlags`), written as Graph
/// writes it: `"smimeEncryption,vpn"`. An empty set is `""`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Flags<E>(pub Vec<E>);

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<E: EnumValue + PartialEq> Flags<E> {
    pub fn contains(&self, member: &E) -> bool {
        self.0.contains(member)
    }

    /// Adds `member` unless it is there already.
    pub fn insert(&mut self, member: E) {
        if !self.contains(&member) {
            self.0.push(member);
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }
}

impl<E: EnumValue + PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(members: I) -> Self {
        let mut flags = Flags::default();
        for member in members {
            flags.insert(member);
        }
        flags
    }
}

impl<E: EnumValue> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, member) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<E: EnumValue> serde::Serialize for Flags<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: EnumValue> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        let members = text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(E::from_wire)
            .collect();
        Ok(Flags(members))
    }
}

impl<E: EnumValue> ParamValue for Flags<E> {
    fn param_items(&self) -> Vec<String> {
        vec![self.to_string()]
    }
}
