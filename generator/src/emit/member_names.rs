//! The names inside types, each by one rule, given once by `RustNames`
//! before any code is emitted: struct fields (and the field that keeps the
//! properties the description does not name), enum members (and `Unknown`),
//! union variants (and `Other`), the variants of property-name enums, the
//! setters of types requests send, and the setters and clearers of update
//! types; and the constants of the servers. A new naming rule for any of
//! them is a change here alone.

use crate::model::{Access, Api, EnumType, Primitive, Property, TypeRef, UnionType};
use crate::names;

/// The Rust names of a type's members, in the model's order, and of the
/// member that holds what the description does not name (`additional_data`,
/// `Unknown`, `Other`). Empty for a type without members of its own.
#[derive(Clone, Debug, Default)]
pub struct MemberNames {
    pub names: Vec<String>,
    pub rest: String,
}

/// A struct's field names, one per property, base first.
pub fn struct_fields(properties: &[&Property]) -> MemberNames {
    let candidates: Vec<Vec<String>> = properties
        .iter()
        .map(|p| vec![names::snake(&p.name)])
        .collect();
    let fields = names::assign_unique(&candidates, &[], "_");
    let rest = [
        "additional_data",
        "additional_properties",
        "additional_data_",
    ]
    .into_iter()
    .find(|candidate| !fields.iter().any(|f| f == candidate))
    .unwrap_or("additional_data__")
    .to_string();
    MemberNames {
        names: fields,
        rest,
    }
}

/// The members of an enum of text (after their values) or of integers
/// (`V1`, `VMinus1`).
pub fn enum_members(def: &EnumType) -> MemberNames {
    let mut candidates: Vec<Vec<String>> = def
        .members
        .iter()
        .map(|m| match def.is_integer {
            true => {
                let value: i64 = m.value.parse().unwrap_or_default();
                vec![format!("V{}", value.to_string().replace('-', "Minus"))]
            }
            false => vec![names::pascal(&m.value)],
        })
        .collect();
    candidates.push(vec!["Unknown".to_string(), "UnknownValue".to_string()]);
    with_rest(names::assign_unique(&candidates, &[], ""))
}

/// The variants of a union, after their type, tag or title, in that order
/// of preference; `types` are the Rust names of the model's types.
pub fn union_variants(types: &[String], def: &UnionType) -> MemberNames {
    let mut candidates: Vec<Vec<String>> = def
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| {
            let mut preferred = Vec::new();
            if variant.clears {
                preferred.extend(["Clear".to_string(), "Empty".to_string()]);
            }
            // A name that is no identifier (`2fa`, `a-b c!`) names nothing.
            let identifier = |name: &String| {
                name.starts_with(|c: char| c.is_ascii_uppercase())
                    && name.chars().all(|c| c.is_ascii_alphanumeric())
            };
            // The value that tells it apart names it before its (inline) type.
            preferred.extend(
                variant
                    .value
                    .as_deref()
                    .map(names::pascal)
                    .filter(identifier),
            );
            if let TypeRef::Named(target) = &variant.ty {
                preferred.push(types[target.0].clone());
            }
            if let Some(tag) = &variant.tag {
                preferred.push(names::pascal(tag));
            }
            preferred.extend(
                variant
                    .name
                    .as_deref()
                    .map(names::pascal)
                    .filter(identifier),
            );
            preferred.push(kind_name(types, &variant.ty));
            preferred.push(format!("Variant{index}"));
            preferred
        })
        .collect();
    candidates.push(vec!["Other".to_string(), "OtherValue".to_string()]);
    with_rest(names::assign_unique(&candidates, &[], ""))
}

/// The last name given is the rest's.
fn with_rest(mut names: Vec<String>) -> MemberNames {
    let rest = names.pop().unwrap_or_default();
    MemberNames { names, rest }
}

/// What a variant holds, as a name: `Integer`, `StringList`, `User`.
fn kind_name(types: &[String], ty: &TypeRef) -> String {
    use Primitive as P;
    match ty {
        TypeRef::Primitive(p) => match p {
            P::String => "String",
            P::Boolean => "Boolean",
            P::Int8 | P::UInt8 | P::Int16 | P::Int32 | P::Int64 => "Integer",
            P::Float32 | P::Float64 | P::Decimal => "Number",
            P::Uuid => "Uuid",
            P::Ipv4 => "Ipv4",
            P::Ipv6 => "Ipv6",
            P::DateTime => "DateTime",
            P::Date => "Date",
            P::TimeOfDay => "Time",
            P::Duration => "Duration",
            P::Binary => "Bytes",
        }
        .to_string(),
        TypeRef::Array(items) => format!("{}List", kind_name(types, items)),
        TypeRef::Map(_) => "Map".to_string(),
        TypeRef::Nullable(inner) => format!("{}OrNull", kind_name(types, inner)),
        TypeRef::Named(id) => types[id.0].clone(),
        TypeRef::Any => "Value".to_string(),
    }
}

/// The variants of a struct's property-name enum: one per property that is
/// not control information (`@odata.type` is not selected), and the hidden
/// one that is never made (`Never`).
pub fn property_variants(properties: &[&Property]) -> MemberNames {
    let mut candidates: Vec<Vec<String>> = properties
        .iter()
        .filter(|p| !p.control)
        .map(|p| vec![names::pascal(&p.name)])
        .collect();
    candidates.push(vec!["Never".to_string(), "NeverValue".to_string()]);
    with_rest(names::assign_unique(&candidates, &[], ""))
}

/// The `with_` setters of a type requests send, one per field a request
/// may set (what only the service sets is not sent): `_123` -> `with_123`,
/// two fields that would share a setter numbered.
pub fn sent_setters(properties: &[&Property], fields: &[String]) -> Vec<String> {
    let candidates: Vec<Vec<String>> = properties
        .iter()
        .zip(fields)
        .filter(|(p, _)| p.access != Access::ReadOnly)
        .map(|(_, field)| {
            let stem = field.trim_start_matches("r#").trim_start_matches('_');
            vec![format!("with_{stem}")]
        })
        .collect();
    names::assign_unique(&candidates, &[], "_")
}

/// The fields of an update type (those an update may change), and their
/// setters and clearers, which take no name of a method of a trait the
/// type implements (`taken`: `clone`, `eq`), as that would hide it.
#[derive(Clone, Debug, Default)]
pub struct UpdateNames {
    /// Indices (among all properties) of the fields.
    pub properties: Vec<usize>,
    pub fields: Vec<String>,
    pub setters: Vec<String>,
    pub clearers: Vec<String>,
}

pub fn update_names(properties: &[&Property], fields: &[String], taken: &[&str]) -> UpdateNames {
    // What only the service sets (`Access::ReadOnly`) or only a create sets
    // (`Access::CreateOnly`) is not sent; the entity still reads it.
    let (indices, fields): (Vec<usize>, Vec<String>) = properties
        .iter()
        .zip(fields)
        .enumerate()
        .filter(|(_, (p, _))| p.access == Access::ReadWrite)
        .map(|(index, (_, field))| (index, field.clone()))
        .unzip();
    let bare = |f: &String| f.trim_start_matches("r#").to_string();
    let mut candidates: Vec<Vec<String>> = fields.iter().map(|f| vec![bare(f)]).collect();
    candidates.extend(fields.iter().map(|f| vec![format!("clear_{}", bare(f))]));
    let mut setters = names::assign_unique(&candidates, taken, "_");
    let clearers = setters.split_off(fields.len());
    UpdateNames {
        properties: indices,
        fields,
        setters,
        clearers,
    }
}

/// The constants of the `servers` module: after each server's description,
/// or its URL where it has none (`GLOBAL_SERVICE`).
pub fn servers(api: &Api) -> Vec<String> {
    let candidates: Vec<Vec<String>> = api
        .servers
        .iter()
        .map(|s| vec![names::shouty(s.description.as_deref().unwrap_or(&s.url))])
        .collect();
    names::assign_unique(&candidates, &[], "_")
}
