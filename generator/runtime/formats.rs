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
    crate::text::format_rfc3339,
    crate::text::parse_rfc3339
);
text_format!(
    /// Calendar dates: `2024-01-31`.
    date,
    time::Date,
    crate::text::format_date,
    crate::text::parse_date
);
text_format!(
    /// Times of day: `13:45:00`, with a fraction of a second where there is one.
    time_of_day,
    time::Time,
    crate::text::format_time_of_day,
    crate::text::parse_time_of_day
);
text_format!(
    /// Bytes, base64url without padding (`Edm.Binary` as the OData JSON
    /// format defines it). Reading also takes the standard alphabet and padding.
    base64url,
    Vec<u8>,
    crate::text::format_base64url,
    crate::text::parse_base64
);
text_format!(
    /// Bytes, standard base64 with padding (OpenAPI's `format: byte`, and
    /// what Microsoft Graph writes and reads). Reading also takes base64url.
    base64,
    Vec<u8>,
    crate::text::format_base64,
    crate::text::parse_base64
);

number_format!(
    /// 64-bit integers (`Edm.Int64`).
    int64,
    i64,
    crate::text::write_i64,
    crate::text::parse_i64
);
number_format!(
    /// Double-precision numbers (`Edm.Double`, `Edm.Decimal`).
    float64,
    f64,
    crate::text::write_f64,
    crate::text::parse_f64
);
number_format!(
    /// Single-precision numbers (`Edm.Single`).
    float32,
    f32,
    crate::text::write_f32,
    crate::text::parse_f32
);

/// A date in a path, query or header is written as in JSON.
impl ParamValue for time::Date {
    fn param_items(&self) -> Vec<String> {
        crate::text::format_date(self).into_iter().collect()
    }
}

/// A time of day in a path, query or header is written as in JSON (`13:45:00.5`).
impl ParamValue for time::Time {
    fn param_items(&self) -> Vec<String> {
        crate::text::format_time_of_day(self).into_iter().collect()
    }
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
