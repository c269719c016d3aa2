//! `oneOf`/`anyOf`: Graph's "this type, or null", unions of types (a Rust
//! enum with a variant per alternative), or any JSON value when an
//! alternative can be anything.

use openapiv3 as oa;
use openapiv3::ReferenceOr;

use super::Converter;
use super::kinds::*;
use crate::error::Result;
use crate::model::*;

impl Converter<'_> {
    /// The one value the discriminator property of the schema `reference`
    /// names can have: `type: {enum: [track]}` on `TrackObject`.
    fn implied_tag(&self, reference: &str, property: &str) -> Option<String> {
        let (_, target) = self.schema_target(reference, &[]).ok()?;
        let mut parts = vec![target];
        let mut index = 0;
        while let Some(schema) = parts.get(index).copied() {
            index += 1;
            let (properties, all_of) = match &schema.schema_kind {
                oa::SchemaKind::Type(oa::Type::Object(o)) => (Some(&o.properties), None),
                oa::SchemaKind::Any(any) => (Some(&any.properties), Some(&any.all_of)),
                oa::SchemaKind::AllOf { all_of } => (None, Some(all_of)),
                _ => (None, None),
            };
            if let Some(found) = properties.and_then(|p| p.get(property)) {
                let schema = match found {
                    ReferenceOr::Item(item) => item.as_ref(),
                    ReferenceOr::Reference { reference } => {
                        self.schema_target(reference, &[]).ok()?.1
                    }
                };
                return match enum_members(schema)?.as_slice() {
                    [only] => Some(only.value.clone()),
                    _ => None,
                };
            }
            for part in all_of
                .into_iter()
                .flatten()
                .take(crate::limits::REFERENCE_CHAIN)
            {
                match part {
                    ReferenceOr::Item(item) => parts.push(item),
                    ReferenceOr::Reference { reference } => {
                        parts.push(self.schema_target(reference, &[]).ok()?.1)
                    }
                }
            }
            if parts.len() > crate::limits::REFERENCE_CHAIN {
                return None;
            }
        }
        None
    }

    /// The type of a schema with `oneOf`/`anyOf` `alternatives`.
    pub(super) fn convert_alternatives(
        &mut self,
        schema: &oa::Schema,
        alternatives: &[ReferenceOr<oa::Schema>],
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        use oa::SchemaKind as K;
        // Graph's "this type, or null" idiom: one real alternative.
        let real: Vec<(usize, &ReferenceOr<oa::Schema>)> = alternatives
            .iter()
            .enumerate()
            .filter(|(_, a)| !is_null_placeholder(a))
            .collect();
        Ok(match real.as_slice() {
            [(index, only)] => {
                let index = index.to_string();
                let mut at = place.to_vec();
                at.extend([
                    if matches!(schema.schema_kind, K::OneOf { .. }) {
                        "oneOf"
                    } else {
                        "anyOf"
                    },
                    &index,
                ]);
                self.convert_schema_ref(only, &at, context)?
            }
            _ if union_alternatives(schema).is_some() => {
                self.inline_named(schema, place, context)?
            }
            [] => {
                self.read_as_json_value(place, "every alternative is null");
                TypeRef::Any
            }
            _ => {
                let any = real
                    .iter()
                    .find(|(_, a)| matches!(a, ReferenceOr::Item(s) if is_any_value(s)))
                    .map_or(0, |(index, _)| *index);
                self.read_as_json_value(
                    place,
                    &format!(
                        "alternative {any} can be any JSON value (`{{}}` or `not`), so the whole is"
                    ),
                );
                TypeRef::Any
            }
        })
    }

    /// `oneOf`/`anyOf` of types: a union, told apart by the discriminator
    /// where there is one (its mapping, or the schema names).
    pub(super) fn convert_union(
        &mut self,
        schema: &oa::Schema,
        keyword: &str,
        alternatives: &[(usize, &ReferenceOr<oa::Schema>)],
        place: &[&str],
        name: &str,
    ) -> Result<TypeKind> {
        let discriminator = schema.schema_data.discriminator.as_ref();
        // Alternatives told apart by a value are named by it (`DiskState::Creating`,
        // the type `DiskStateCreating`), where no two share one: a name that
        // stays when an alternative is added before it.
        let values: Vec<Option<String>> =
            alternatives.iter().map(|(_, a)| closed_value(a)).collect();
        let distinct =
            |value: &String| values.iter().flatten().filter(|v| *v == value).count() == 1;
        let mut variants = Vec::new();
        for ((index, alternative), value) in alternatives.iter().zip(values.iter()) {
            let value = value.as_ref().filter(|v| distinct(v));
            if is_empty_string(alternative) {
                variants.push(UnionVariant {
                    ty: TypeRef::Primitive(Primitive::String),
                    tag: None,
                    clears: true,
                    name: None,
                    value: None,
                    excludes: Vec::new(),
                });
                continue;
            }
            let index = index.to_string();
            let mut at = place.to_vec();
            at.extend([keyword, index.as_str()]);
            let hint = value.unwrap_or(&index);
            let mut ty = self.convert_schema_ref(alternative, &at, &format!("{name}_{hint}"))?;
            // An object that lists no properties (`{type: object}`, or the
            // empty object with `additionalProperties: false`) is still an object.
            if ty == TypeRef::Any && is_object_type(alternative) {
                ty = TypeRef::Map(Box::new(TypeRef::Any));
            }
            let tag = match (discriminator, alternative) {
                (Some(d), ReferenceOr::Reference { reference }) => {
                    let schema_name = reference.rsplit('/').next().unwrap_or(reference);
                    let mapped = d
                        .mapping
                        .iter()
                        .find(|(_, target)| *target == reference || *target == schema_name);
                    // Without a mapping the value is the schema's name, unless
                    // the schema's own property can only be another value.
                    Some(mapped.map_or_else(
                        || {
                            self.implied_tag(reference, &d.property_name)
                                .unwrap_or_else(|| schema_name.to_string())
                        },
                        |(value, _)| value.clone(),
                    ))
                }
                _ => None,
            };
            variants.push(UnionVariant {
                ty,
                tag,
                clears: false,
                name: short_title(alternative),
                value: value.cloned(),
                excludes: Vec::new(),
            });
        }

        Ok(TypeKind::Union(UnionType {
            variants,
            discriminator: discriminator.map(|d| d.property_name.clone()),
        }))
    }
}
