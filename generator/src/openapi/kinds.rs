//! What kind of thing a schema is: a named type (object, enum, union), a
//! nullable or secret value, a null placeholder; and the pieces read from it
//! (members, alternatives, integer formats, descriptions).

use openapiv3 as oa;
use openapiv3::ReferenceOr;

use crate::model::{EnumMember, Primitive};

/// A schema's description or, for an `allOf`, that of its first inline part
/// (where Graph's conversion puts it).
pub(super) fn description(schema: &oa::Schema) -> Option<String> {
    let parts = match &schema.schema_kind {
        oa::SchemaKind::AllOf { all_of } => all_of.as_slice(),
        oa::SchemaKind::Any(any) => any.all_of.as_slice(),
        _ => &[],
    };
    schema.schema_data.description.clone().or_else(|| {
        parts.iter().find_map(|part| match part {
            ReferenceOr::Item(item) => item.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

/// A schema that only annotates (`{description: ...}`, `{nullable: true}`,
/// `{readOnly: true}`): as an `allOf` part beside a type, it says nothing of
/// what the value is.
pub(super) fn is_annotation_only(schema: &ReferenceOr<oa::Schema>) -> bool {
    matches!(schema, ReferenceOr::Item(s) if !matches!(s.schema_kind, oa::SchemaKind::Not { .. }) && is_any_value(s))
}

/// Whether an annotating `allOf` part of the schema says `what`
/// (`allOf: [{$ref: X}, {readOnly: true}]`).
pub(super) fn annotations_say(schema: &oa::Schema, what: impl Fn(&oa::SchemaData) -> bool) -> bool {
    match &schema.schema_kind {
        oa::SchemaKind::AllOf { all_of } => all_of.iter().any(|part| match part {
            ReferenceOr::Item(item) => is_annotation_only(part) && what(&item.schema_data),
            ReferenceOr::Reference { .. } => false,
        }),
        _ => false,
    }
}

/// The one part an `allOf` is, when it is one type with annotations:
/// `allOf: [{$ref: Status}, {description: ...}]` is `Status` (as AWS's
/// descriptions write every documented property), and so is `allOf: [{$ref:
/// Name}, {type: string, maxLength: 9}]`, where the inline part only narrows
/// the text the reference names.
pub(super) fn single_part(all_of: &[ReferenceOr<oa::Schema>]) -> Option<&ReferenceOr<oa::Schema>> {
    let typed: Vec<&ReferenceOr<oa::Schema>> = all_of
        .iter()
        .filter(|part| !is_annotation_only(part))
        .collect();
    match typed.as_slice() {
        [only] => Some(only),
        parts => {
            let mut references = parts
                .iter()
                .filter(|part| matches!(part, ReferenceOr::Reference { .. }));
            let reference = references.next()?;
            let narrowing = parts.iter().all(|part| match part {
                ReferenceOr::Reference { .. } => true,
                ReferenceOr::Item(s) => is_plain_primitive(s),
            });
            (references.next().is_none() && narrowing).then_some(*reference)
        }
    }
}

/// The one part of a schema that is an `allOf` beside keywords that say
/// nothing more of its own (`additionalProperties: false`, or `type: object`
/// beside an enum, as some descriptions write a documented reference).
pub(super) fn any_single_part(any: &oa::AnySchema) -> Option<&ReferenceOr<oa::Schema>> {
    let adds_nothing = any.properties.is_empty()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.typ.as_deref().is_none_or(|t| t == "object");
    adds_nothing.then(|| single_part(&any.all_of)).flatten()
}

/// A primitive type without members (`{type: string, pattern: ...}`).
fn is_plain_primitive(schema: &oa::Schema) -> bool {
    use oa::{SchemaKind as K, Type as T};
    match &schema.schema_kind {
        K::Type(T::String(s)) => s.enumeration.is_empty(),
        K::Type(T::Integer(i)) => i.enumeration.is_empty(),
        K::Type(T::Number(n)) => n.enumeration.is_empty(),
        K::Type(T::Boolean(_)) => true,
        _ => false,
    }
}

pub(super) fn is_named_kind(schema: &oa::Schema) -> bool {
    use oa::{SchemaKind as K, Type as T};
    if union_alternatives(schema).is_some() {
        return true;
    }
    match &schema.schema_kind {
        K::Type(T::Object(o)) => !o.properties.is_empty() || o.additional_properties.is_none(),
        K::Type(T::String(s)) => !s.enumeration.is_empty(),
        K::Type(T::Integer(i)) => !i.enumeration.is_empty(),
        K::AllOf { all_of } => all_of.len() > 1 && single_part(all_of).is_none(),
        K::Any(any) if any_single_part(any).is_some() => false,
        K::Any(any) => {
            !any.properties.is_empty()
                || !any.all_of.is_empty()
                || matches!(any_enum(any), Some(AnyEnum::Strings | AnyEnum::Integers))
        }
        _ => false,
    }
}

pub(super) fn enum_members(schema: &oa::Schema) -> Option<Vec<EnumMember>> {
    let values: Vec<String> = match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::String(s)) if !s.enumeration.is_empty() => {
            s.enumeration.iter().flatten().cloned().collect()
        }
        oa::SchemaKind::Any(any) if any_enum(any) == Some(AnyEnum::Strings) => any
            .enumeration
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => return None,
    };
    Some(members(values))
}

/// What the `enum` of a schema openapiv3 reads as `Any` lists (`null`s
/// aside, which `nullable` says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AnyEnum {
    Strings,
    /// Integers, however written (`1`, `1.0`, `1e3`), that fit an `i64`.
    Integers,
    /// Objects, lists, booleans, other numbers, or values of several kinds:
    /// no Rust enum reads them all.
    Values,
}

pub(super) fn any_enum(any: &oa::AnySchema) -> Option<AnyEnum> {
    let values: Vec<&serde_json::Value> = any.enumeration.iter().filter(|v| !v.is_null()).collect();
    if values.is_empty() {
        return None;
    }
    Some(if values.iter().all(|v| v.is_string()) {
        AnyEnum::Strings
    } else if values.iter().all(|v| integer_value(v).is_some()) {
        AnyEnum::Integers
    } else {
        AnyEnum::Values
    })
}

/// An integer that fits an `i64`, written as JSON writes it or as a float
/// with nothing after the point (`1.0`, `1e3`).
pub(super) fn integer_value(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| {
            let float = n.as_f64()?;
            (float.fract() == 0.0 && float.abs() < 9.2e18).then_some(float as i64)
        }),
        _ => None,
    }
}

/// One member per value: a value listed twice says nothing more (JSON
/// Schema wants them unique), and two match arms for it would be dead code.
fn members(values: impl IntoIterator<Item = String>) -> Vec<EnumMember> {
    let mut seen = std::collections::HashSet::new();
    values
        .into_iter()
        .filter(|value| seen.insert(value.clone()))
        .map(|value| EnumMember {
            value,
            description: None,
        })
        .collect()
}

/// The values of an integer `enum` (`type: integer, enum: [1, 2, 3]`).
pub(super) fn integer_members(schema: &oa::Schema) -> Option<Vec<EnumMember>> {
    match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::Integer(i)) if !i.enumeration.is_empty() => {
            Some(members(i.enumeration.iter().flatten().map(i64::to_string)))
        }
        oa::SchemaKind::Any(any) if any_enum(any) == Some(AnyEnum::Integers) => Some(members(
            any.enumeration
                .iter()
                .filter_map(integer_value)
                .map(|v| v.to_string()),
        )),
        _ => None,
    }
}

/// `format: password`: OpenAPI's mark for a value that must not be shown.
pub(super) fn is_password(schema: &oa::Schema) -> bool {
    matches!(
        &schema.schema_kind,
        oa::SchemaKind::Type(oa::Type::String(oa::StringType {
            format: oa::VariantOrUnknownOrEmpty::Item(oa::StringFormat::Password),
            ..
        }))
    )
}

/// `{type: object, nullable: true}` with nothing else: Graph's way to say "or null".
pub(super) fn is_null_placeholder(schema: &ReferenceOr<oa::Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => {
            s.schema_data.nullable
                && match &s.schema_kind {
                    oa::SchemaKind::Type(oa::Type::Object(o)) => o.properties.is_empty(),
                    oa::SchemaKind::Any(any) => any.properties.is_empty() && any.all_of.is_empty(),
                    _ => false,
                }
        }
        ReferenceOr::Reference { .. } => false,
    }
}

pub(super) fn unescape_pointer(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The keyword (`oneOf`, `anyOf`) and the alternatives with their index.
pub(super) type Alternatives<'s> = (&'static str, Vec<(usize, &'s ReferenceOr<oa::Schema>)>);

/// The alternatives of a `oneOf`/`anyOf` that can be a union of types:
/// two or more, each a `$ref` or an inline schema that says what its value
/// is (an object, an enum, a primitive, a list, a map; not `{}` or `not`),
/// null placeholders left out.
pub(super) fn union_alternatives(schema: &oa::Schema) -> Option<Alternatives<'_>> {
    let (keyword, alternatives) = match &schema.schema_kind {
        oa::SchemaKind::OneOf { one_of } => ("oneOf", one_of),
        oa::SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
        _ => return None,
    };
    let real: Vec<(usize, &ReferenceOr<oa::Schema>)> = alternatives
        .iter()
        .enumerate()
        .filter(|(_, a)| !is_null_placeholder(a))
        .collect();
    let unionable = |a: &ReferenceOr<oa::Schema>| match a {
        ReferenceOr::Reference { .. } => true,
        ReferenceOr::Item(s) => !is_any_value(s),
    };
    (real.len() >= 2 && real.iter().all(|(_, a)| unionable(a))).then_some((keyword, real))
}

/// A schema that says nothing of its value (`{}`, or `not`, which says only
/// what it is not): any JSON value.
pub(super) fn is_any_value(schema: &oa::Schema) -> bool {
    match &schema.schema_kind {
        oa::SchemaKind::Not { .. } => true,
        oa::SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.format.is_none()
                && any.all_of.is_empty()
                && any.any_of.is_empty()
                && any.one_of.is_empty()
        }
        _ => false,
    }
}

/// An inline alternative's `title` when it reads as a name (`id`, `v4`; at
/// most three words), not a sentence.
pub(super) fn short_title(schema: &ReferenceOr<oa::Schema>) -> Option<String> {
    match schema {
        ReferenceOr::Item(s) => s
            .schema_data
            .title
            .clone()
            .filter(|t| t.len() <= 32 && t.split_whitespace().count() <= 3),
        ReferenceOr::Reference { .. } => None,
    }
}

/// The one value an inline alternative can have, by which a reader tells
/// it from its siblings: a one-value string enum (`{type: string, enum:
/// [fast]}`), or a required property of an object that is one (Nexus'
/// `{state: {type: string, enum: [creating]}, ...}`).
pub(super) fn closed_value(schema: &ReferenceOr<oa::Schema>) -> Option<String> {
    let one_value = |schema: &oa::Schema| match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::String(s)) => match s.enumeration.as_slice() {
            [Some(value)] if !value.is_empty() => Some(value.clone()),
            _ => None,
        },
        _ => None,
    };
    let ReferenceOr::Item(schema) = schema else {
        return None;
    };
    match &schema.schema_kind {
        oa::SchemaKind::Type(oa::Type::Object(object)) => {
            object
                .required
                .iter()
                .find_map(|name| match object.properties.get(name)? {
                    ReferenceOr::Item(property) => one_value(property),
                    ReferenceOr::Reference { .. } => None,
                })
        }
        _ => one_value(schema),
    }
}

/// `type: object` (inline).
pub(super) fn is_object_type(schema: &ReferenceOr<oa::Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => match &s.schema_kind {
            oa::SchemaKind::Type(oa::Type::Object(_)) => true,
            oa::SchemaKind::Any(any) => any.typ.as_deref() == Some("object"),
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

/// `{type: string, enum: [""]}`: the empty string, which a union beside
/// another type uses to mean "clear the value" (Stripe's descriptions).
pub(super) fn is_empty_string(schema: &ReferenceOr<oa::Schema>) -> bool {
    matches!(
        schema,
        ReferenceOr::Item(oa::Schema {
            schema_kind: oa::SchemaKind::Type(oa::Type::String(s)),
            ..
        }) if s.enumeration == [Some(String::new())]
    )
}

/// A format as the description writes it (`date-time`), or empty.
pub(super) fn format_text<T>(
    format: &oa::VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> String {
    match format {
        oa::VariantOrUnknownOrEmpty::Item(item) => known(item).to_string(),
        oa::VariantOrUnknownOrEmpty::Unknown(text) => text.clone(),
        oa::VariantOrUnknownOrEmpty::Empty => String::new(),
    }
}

/// The primitive of a JSON type (`string`, `integer`, `number`,
/// `boolean`) with a format.
pub(super) fn primitive_named(typ: &str, format: &str) -> Primitive {
    match typ {
        "string" => match format {
            "date-time" => Primitive::DateTime,
            "date" => Primitive::Date,
            // Raw octets (a file); inside JSON they travel as text.
            "binary" | "base64url" => Primitive::Binary,
            "uuid" => Primitive::Uuid,
            "ipv4" => Primitive::Ipv4,
            "ipv6" => Primitive::Ipv6,
            "time" => Primitive::TimeOfDay,
            "duration" => Primitive::Duration,
            _ => Primitive::String,
        },
        "integer" => integer_format(format).unwrap_or(Primitive::Int64),
        "number" => match format {
            "float" => Primitive::Float32,
            "decimal" => Primitive::Decimal,
            // Graph writes Edm.Int32 as `type: number, format: int32`.
            _ => integer_format(format).unwrap_or(Primitive::Float64),
        },
        _ => Primitive::Boolean,
    }
}

/// The primitive an integer `format` names (`int16`, `uint8`, ...).
pub(super) fn integer_format(format: &str) -> Option<Primitive> {
    Some(match format {
        "int8" => Primitive::Int8,
        "uint8" => Primitive::UInt8,
        "int16" => Primitive::Int16,
        "int32" => Primitive::Int32,
        "int64" => Primitive::Int64,
        _ => return None,
    })
}

/// OData's IEEE754Compatible numbers as converters write them: a number or
/// its text, `anyOf: [{type: number}, {type: string}]` with `format: int64`
/// or `decimal` beside or on the number (the OASIS converter), or `oneOf` of a
/// number, a string and a `$ref` to the `-INF`/`INF`/`NaN` enum (Microsoft
/// Graph's). The primitive
/// the format names; `resolve` reads a `$ref`'d alternative.
pub(super) fn ieee754_number<'r>(
    schema: &oa::Schema,
    resolve: impl Fn(&str) -> Option<&'r oa::Schema>,
) -> Option<Primitive> {
    use oa::{SchemaKind as K, Type as T, VariantOrUnknownOrEmpty as F};
    let (alternatives, outer_format) = match &schema.schema_kind {
        K::AnyOf {
            any_of: alternatives,
        }
        | K::OneOf {
            one_of: alternatives,
        } => (alternatives, None),
        K::Any(any) if !any.any_of.is_empty() => (&any.any_of, any.format.as_deref()),
        K::Any(any) if !any.one_of.is_empty() => (&any.one_of, any.format.as_deref()),
        _ => return None,
    };
    let (mut number, mut text, mut non_finite) = (None, false, false);
    for alternative in alternatives {
        let alternative: &oa::Schema = match alternative {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { reference } => resolve(reference)?,
        };
        match &alternative.schema_kind {
            K::Type(T::Number(n)) if number.is_none() => {
                number = Some(match &n.format {
                    F::Item(oa::NumberFormat::Float) => "float",
                    F::Item(oa::NumberFormat::Double) => "double",
                    F::Unknown(f) => f.as_str(),
                    F::Empty => "",
                })
            }
            K::Type(T::Integer(i)) if number.is_none() => {
                number = Some(match &i.format {
                    F::Item(oa::IntegerFormat::Int32) => "int32",
                    F::Item(oa::IntegerFormat::Int64) => "int64",
                    F::Unknown(f) => f.as_str(),
                    F::Empty => "integer",
                })
            }
            K::Type(T::String(s)) if s.enumeration.is_empty() && !text => text = true,
            // Microsoft's `ReferenceNumeric`: `{enum: [-INF, INF, NaN]}`, no type.
            K::Any(any)
                if !any.enumeration.is_empty()
                    && any.enumeration.iter().all(|v| {
                        v.as_str()
                            .is_some_and(|v| ["-INF", "INF", "NaN"].contains(&v))
                    }) =>
            {
                non_finite = true
            }
            // The names of the floats a JSON number cannot be.
            K::Type(T::String(s))
                if s.enumeration
                    .iter()
                    .flatten()
                    .all(|v| ["-INF", "INF", "NaN"].contains(&v.as_str())) =>
            {
                non_finite = true
            }
            _ => return None,
        }
    }
    let format = outer_format
        .filter(|f| !f.is_empty())
        .or(number.filter(|f| !f.is_empty()));
    // A number or any text is not always this (`id: 7` or `id: "seven"`): the
    // format says so (OData sends Int64 and Decimal as text), or the enum of
    // non-finite floats does.
    let ieee754 = non_finite || matches!(format, Some("int64" | "decimal"));
    (number.is_some() && text && ieee754).then(|| match format {
        Some("decimal") => Primitive::Decimal,
        Some("float") => Primitive::Float32,
        Some("integer") => Primitive::Int64,
        Some("double") | None => Primitive::Float64,
        Some(other) => integer_format(other).unwrap_or(Primitive::Float64),
    })
}
