//! Schemas as types: references, primitives with their formats, lists,
//! maps, the one part an `allOf` is, and whether `null` is a value of them
//! (through `$ref`s, annotating parts and alternatives).

use openapiv3 as oa;
use openapiv3::ReferenceOr;

use super::kinds::*;
use super::{Converter, pointer};
use crate::error::Result;
use crate::limits;
use crate::model::*;

impl Converter<'_> {
    /// Whether `null` is a valid value of the schema (or the one a `$ref`
    /// names): `nullable: true` on it or on an annotating `allOf` part, on
    /// what its `$ref` or single `allOf` part names, or on one of its
    /// `oneOf`/`anyOf` alternatives (Graph's null placeholder among them).
    pub(super) fn accepts_null_ref<S: std::borrow::Borrow<oa::Schema>>(
        &self,
        schema: &ReferenceOr<S>,
    ) -> bool {
        self.part_accepts_null(schema, 0)
    }

    pub(super) fn part_accepts_null<S: std::borrow::Borrow<oa::Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        depth: usize,
    ) -> bool {
        match schema {
            ReferenceOr::Item(item) => self.accepts_null_within(item.borrow(), depth),
            ReferenceOr::Reference { reference } => self
                .schema_target(reference, &[])
                .is_ok_and(|(_, target)| self.accepts_null_within(target, depth)),
        }
    }

    pub(super) fn accepts_null_within(&self, schema: &oa::Schema, depth: usize) -> bool {
        use oa::SchemaKind as K;
        if schema.schema_data.nullable {
            return true;
        }
        // Unions and `allOf`s may name each other in a loop.
        if depth > limits::REFERENCE_CHAIN {
            return false;
        }
        match &schema.schema_kind {
            K::AllOf { all_of } => {
                all_of
                    .iter()
                    .any(|part| is_annotation_only(part) && self.part_accepts_null(part, depth))
                    || single_part(all_of)
                        .is_some_and(|part| self.part_accepts_null(part, depth + 1))
            }
            K::OneOf {
                one_of: alternatives,
            }
            | K::AnyOf {
                any_of: alternatives,
            } => alternatives
                .iter()
                .any(|a| is_null_placeholder(a) || self.part_accepts_null(a, depth + 1)),
            _ => false,
        }
    }

    pub(super) fn convert_schema_ref(
        &mut self,
        schema: &ReferenceOr<oa::Schema>,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => self.convert_reference(reference, place),
            ReferenceOr::Item(schema) => self.convert_schema(schema, place, context),
        }
    }

    pub(super) fn convert_boxed(
        &mut self,
        schema: &ReferenceOr<Box<oa::Schema>>,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => self.convert_reference(reference, place),
            ReferenceOr::Item(schema) => self.convert_schema(schema, place, context),
        }
    }

    pub(super) fn convert_reference(&mut self, reference: &str, place: &[&str]) -> Result<TypeRef> {
        let mut at = place.to_vec();
        at.push("$ref");
        let (target, target_schema) = self.schema_target(reference, &at)?;
        if let Some(&id) = self.schema_ids.get(target) {
            return Ok(TypeRef::Named(id));
        }
        if let Some(ty) = self.aliased.get(target) {
            return Ok(ty.clone());
        }
        if self.inlining.iter().any(|n| n == target) {
            // A loop of aliases with no object in it: no type can say more.
            return Ok(TypeRef::Any);
        }
        self.inlining.push(target.to_string());
        let result = self.convert_schema(target_schema, &["components", "schemas", target], target);
        self.inlining.pop();
        let ty = result?;
        self.aliased.insert(target.to_string(), ty.clone());
        Ok(ty)
    }

    /// A schema as a type, at most `limits::TYPE_DEPTH` schemas deep.
    pub(super) fn convert_schema(
        &mut self,
        schema: &oa::Schema,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        if self.depth >= limits::TYPE_DEPTH {
            let message = format!(
                "schemas nest more than {} levels deep here",
                limits::TYPE_DEPTH
            );
            return Err(self.error(pointer(place), message));
        }
        self.depth += 1;
        let result = self.convert_schema_kind(schema, place, context);
        self.depth -= 1;
        result
    }

    pub(super) fn convert_schema_kind(
        &mut self,
        schema: &oa::Schema,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        use oa::{SchemaKind as K, Type as T};
        Ok(match &schema.schema_kind {
            K::Type(T::String(s)) if !s.enumeration.is_empty() => {
                self.inline_named(schema, place, context)?
            }
            K::Type(T::Integer(i)) if !i.enumeration.is_empty() => {
                self.inline_named(schema, place, context)?
            }
            K::Type(T::String(s)) => TypeRef::Primitive(primitive_named(
                "string",
                &format_text(&s.format, |f| match f {
                    oa::StringFormat::DateTime => "date-time",
                    oa::StringFormat::Date => "date",
                    oa::StringFormat::Binary => "binary",
                    oa::StringFormat::Byte => "byte",
                    oa::StringFormat::Password => "password",
                }),
            )),
            K::Type(T::Integer(i)) => TypeRef::Primitive(primitive_named(
                "integer",
                &format_text(&i.format, |f| match f {
                    oa::IntegerFormat::Int32 => "int32",
                    oa::IntegerFormat::Int64 => "int64",
                }),
            )),
            K::Type(T::Number(n)) => TypeRef::Primitive(primitive_named(
                "number",
                &format_text(&n.format, |f| match f {
                    oa::NumberFormat::Float => "float",
                    oa::NumberFormat::Double => "double",
                }),
            )),
            K::Type(T::Boolean(_)) => TypeRef::Primitive(Primitive::Boolean),
            K::Type(T::Array(a)) => self.list_type(a.items.as_ref(), place, context)?,
            K::Type(T::Object(o)) if o.properties.is_empty() => {
                self.map_type(&o.additional_properties, place, context)?
            }
            K::Type(T::Object(_)) => self.inline_named(schema, place, context)?,
            K::AllOf { all_of } if let Some(part) = single_part(all_of) => {
                self.convert_part(all_of, part, place, context)?
            }
            K::AllOf { .. } => self.inline_named(schema, place, context)?,
            _ if let Some(number) = self.ieee754_number(schema) => TypeRef::Primitive(number),
            K::OneOf {
                one_of: alternatives,
            }
            | K::AnyOf {
                any_of: alternatives,
            } => self.convert_alternatives(schema, alternatives, place, context)?,
            K::Not { .. } => {
                self.read_as_json_value(
                    place,
                    "`not` says what a value is not, which no type states",
                );
                TypeRef::Any
            }
            K::Any(any) => self.convert_any(schema, any, place, context)?,
        })
    }

    /// A schema openapiv3 reads as `Any`: keywords of several types or none.
    fn convert_any(
        &mut self,
        schema: &oa::Schema,
        any: &oa::AnySchema,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        Ok(match any {
            any if let Some(part) = any_single_part(any) => {
                self.convert_part(&any.all_of, part, place, context)?
            }
            any if !any.properties.is_empty() || !any.all_of.is_empty() => {
                self.inline_named(schema, place, context)?
            }
            any if matches!(any_enum(any), Some(AnyEnum::Strings | AnyEnum::Integers)) => {
                self.inline_named(schema, place, context)?
            }
            any if any.typ.as_deref() == Some("object") => {
                self.map_type(&any.additional_properties, place, context)?
            }
            any if any_enum(any) == Some(AnyEnum::Values) => {
                // `{enum: [{}]}` is `{type: object}` narrowed, and is read
                // as that; values of several kinds are any JSON value.
                self.read_as_json_value(
                    place,
                    "the `enum` lists values of several kinds (or objects, lists, booleans, fractions), which no Rust enum reads",
                );
                TypeRef::Any
            }
            // A primitive with keywords of another type beside it
            // (`{type: string, format: uuid, minimum: 1}`) is still that primitive.
            any if matches!(
                any.typ.as_deref(),
                Some("string" | "integer" | "number" | "boolean")
            ) =>
            {
                let typ = any.typ.as_deref().unwrap_or_default();
                TypeRef::Primitive(primitive_named(
                    typ,
                    any.format.as_deref().unwrap_or_default(),
                ))
            }
            any if any.typ.as_deref() == Some("array") => {
                self.list_type(any.items.as_ref(), place, context)?
            }
            _ => TypeRef::Any,
        })
    }

    /// A list of `items` (any value without them), `null` among them where
    /// they accept it.
    fn list_type(
        &mut self,
        items: Option<&ReferenceOr<Box<oa::Schema>>>,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        let items = match items {
            Some(items) => {
                let mut at = place.to_vec();
                at.push("items");
                let ty = self.convert_boxed(items, &at, context)?;
                self.or_null(ty, items)
            }
            None => TypeRef::Any,
        };
        Ok(TypeRef::Array(Box::new(items)))
    }

    /// The type of the one `allOf` part a schema is ([`single_part`]).
    pub(super) fn convert_part(
        &mut self,
        all_of: &[ReferenceOr<oa::Schema>],
        part: &ReferenceOr<oa::Schema>,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        let index = all_of
            .iter()
            .position(|p| std::ptr::eq(p, part))
            .unwrap_or(0)
            .to_string();
        let mut at = place.to_vec();
        at.extend(["allOf", index.as_str()]);
        self.convert_schema_ref(part, &at, context)
    }

    pub(super) fn map_type(
        &mut self,
        additional: &Option<oa::AdditionalProperties>,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        Ok(match additional {
            Some(oa::AdditionalProperties::Schema(values)) => {
                let mut at = place.to_vec();
                at.push("additionalProperties");
                let ty = self.convert_schema_ref(values, &at, context)?;
                TypeRef::Map(Box::new(self.or_null(ty, values)))
            }
            Some(oa::AdditionalProperties::Any(true)) => TypeRef::Map(Box::new(TypeRef::Any)),
            _ => TypeRef::Any,
        })
    }

    /// The type of a list's items or a map's values, `null` among them
    /// where the schema accepts it (a property says so itself).
    pub(super) fn or_null<S: std::borrow::Borrow<oa::Schema>>(
        &self,
        ty: TypeRef,
        schema: &ReferenceOr<S>,
    ) -> TypeRef {
        if ty != TypeRef::Any && self.accepts_null_ref(schema) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }
}
