//! How the models travel as JSON: what their written-out `Serialize` and
//! `Deserialize` call (see sdkgen's `emit/wire.rs`). A model's `Serialize`
//! is one [`write_object`] over a table of [`Entry`]s; its `Deserialize`
//! reads each property's [`Key`] and calls [`read`] (or a `formats` module's
//! `read`) into the field the key names, [`read_unknown`] for the rest.
//!
//! This file is the same in every crate sdkgen emits.

use std::fmt;

/// Text being read by a model's `Deserialize`, a property name or an enum
/// member: borrowed from the input where it can be, so that a known name
/// costs no allocation and an unknown one is copied once, into
/// `additional_data` or the enum's unknown member.
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl<'de> serde::de::Visitor<'de> for Name {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(name)))
            }
            fn visit_str<E>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(name.to_string())))
            }
            fn visit_string<E>(self, name: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(name)))
            }
        }
        deserializer.deserialize_str(Name)
    }
}

/// A property value as a model's `Serialize` writes it (an entry of
/// [`write_object`]): an optional property is left out when it is `None`;
/// [`Present`] is always written.
pub trait Entry: erased_serde::Serialize {
    fn absent(&self) -> bool {
        false
    }
}

impl<T: serde::Serialize> Entry for Option<T> {
    fn absent(&self) -> bool {
        self.is_none()
    }
}

/// A value that is always written (a required property, or a nullable one
/// that must be there, as `null` if need be).
pub struct Present<'a, T>(pub &'a T);

impl<T: serde::Serialize> serde::Serialize for Present<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<T: serde::Serialize> Entry for Present<'_, T> {}

/// Writes a model as a JSON object: its properties in order, those that are
/// not absent, then the ones it does not know. The models' `Serialize` is
/// this one call with a table of entries, so a property costs a model no
/// code of its own (erased-serde writes each value through one vtable).
pub fn write_object<S: serde::Serializer>(
    serializer: S,
    entries: &[(&str, &dyn Entry)],
    unknown: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap as _;
    /// An entry's value as a `Serialize`.
    struct Erased<'a>(&'a dyn Entry);
    impl serde::Serialize for Erased<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            erased_serde::serialize(self.0, serializer)
        }
    }
    let mut map = serializer.serialize_map(None)?;
    for (key, value) in entries {
        if !value.absent() {
            map.serialize_entry(key, &Erased(*value))?;
        }
    }
    for (key, value) in unknown {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// Reads the value of the property whose name was just read into `slot`
/// (the models' `Deserialize`).
#[inline]
pub fn read<'de, A, T>(map: &mut A, slot: &mut T) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    *slot = map.next_value()?;
    Ok(())
}

/// [`read`] for a required property, which is `None` until it is read.
#[inline]
pub fn read_required<'de, A, T>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Keeps the value of a property the model does not know.
pub fn read_unknown<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
    unknown: &mut std::collections::BTreeMap<String, serde_json::Value>,
    key: Key<'de>,
) -> Result<(), A::Error> {
    unknown.insert(key.into_string(), map.next_value()?);
    Ok(())
}

/// Whether `value` (or its `property`, when one is named) is text among
/// `values`: what rules out a union's variant that another one names.
pub fn names_one_of(value: &serde_json::Value, property: Option<&str>, values: &[&str]) -> bool {
    let told = match property {
        Some(property) => value.get(property),
        None => Some(value),
    };
    told.and_then(serde_json::Value::as_str)
        .is_some_and(|text| values.contains(&text))
}
