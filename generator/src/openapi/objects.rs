//! Object schemas: a struct's properties, its base through `allOf`, and the
//! kind of a named schema (struct, enum or union).

use openapiv3 as oa;
use openapiv3::ReferenceOr;

use super::kinds::*;
use super::{Converter, pointer};
use crate::error::Result;
use crate::limits;
use crate::model::*;

impl Converter<'_> {
    /// An object schema becomes a struct, an enum schema an enum.
    pub(super) fn convert_named_kind(
        &mut self,
        schema: &oa::Schema,
        place: &[&str],
        name: &str,
    ) -> Result<TypeKind> {
        if let Some(mut members) = enum_members(schema) {
            describe_members(schema, &mut members);
            return Ok(TypeKind::Enum(EnumType {
                members,
                is_flags: ms_enum_flags(schema),
                is_integer: false,
            }));
        }
        if let Some(members) = integer_members(schema) {
            return Ok(TypeKind::Enum(EnumType {
                members,
                is_flags: false,
                is_integer: true,
            }));
        }
        if let Some((keyword, alternatives)) = union_alternatives(schema) {
            return self.convert_union(schema, keyword, &alternatives, place, name);
        }
        let mut def = StructType::default();
        self.collect_object(schema, place, name, &mut def, true)?;
        Ok(TypeKind::Struct(def))
    }

    /// Adds the properties of an object schema to `def`. Through `allOf`, the
    /// first referenced named type becomes the base (when `take_base`); the
    /// properties of everything else are merged in.
    fn collect_object(
        &mut self,
        schema: &oa::Schema,
        place: &[&str],
        name: &str,
        def: &mut StructType,
        take_base: bool,
    ) -> Result<()> {
        let (properties, required) = match &schema.schema_kind {
            oa::SchemaKind::Type(oa::Type::Object(o)) => (&o.properties, &o.required),
            oa::SchemaKind::Any(any) => {
                self.collect_all_of(&any.all_of, place, name, def, take_base)?;
                (&any.properties, &any.required)
            }
            oa::SchemaKind::AllOf { all_of } => {
                return self.collect_all_of(all_of, place, name, def, take_base);
            }
            _ => return Ok(()),
        };
        // Looked up per property: lists would make a big object quadratic.
        let required: std::collections::HashSet<&str> =
            required.iter().map(String::as_str).collect();
        let mut slots: std::collections::HashMap<String, usize> = def
            .properties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        for (property_name, property_schema) in properties {
            let mut at = place.to_vec();
            at.extend(["properties", property_name.as_str()]);
            let context = format!("{name}_{property_name}");
            let ty = self.convert_boxed(property_schema, &at, &context)?;
            let nullable = self.accepts_null_ref(property_schema);
            let (description, secret, read_only) = match property_schema {
                ReferenceOr::Item(s) => (
                    s.schema_data.description.clone(),
                    is_password(s),
                    s.schema_data.read_only || annotations_say(s, |a| a.read_only),
                ),
                ReferenceOr::Reference { reference } => (
                    None,
                    false,
                    self.schema_target(reference, &at)
                        .is_ok_and(|(_, target)| target.schema_data.read_only),
                ),
            };
            let property = Property {
                name: property_name.clone(),
                description,
                ty,
                required: required.contains(property_name.as_str()),
                nullable,
                secret,
                access: if read_only {
                    Access::ReadOnly
                } else {
                    Access::ReadWrite
                },
                control: false,
            };
            match slots.get(&property.name) {
                Some(&slot) => def.properties[slot] = property,
                None => {
                    slots.insert(property.name.clone(), def.properties.len());
                    def.properties.push(property);
                }
            }
        }
        Ok(())
    }

    fn collect_all_of(
        &mut self,
        all_of: &[ReferenceOr<oa::Schema>],
        place: &[&str],
        name: &str,
        def: &mut StructType,
        mut take_base: bool,
    ) -> Result<()> {
        for (index, item) in all_of.iter().enumerate() {
            let index = index.to_string();
            let mut at = place.to_vec();
            at.extend(["allOf", index.as_str()]);
            match item {
                ReferenceOr::Reference { reference } => {
                    let target = self.schema_target(reference, &at)?;
                    match self.schema_ids.get(target.0).copied() {
                        Some(id)
                            if take_base
                                && matches!(self.types[id.0].kind, TypeKind::Struct(_)) =>
                        {
                            def.base = Some(id);
                            take_base = false;
                        }
                        _ => {
                            if self.inlining.iter().any(|n| n == target.0) {
                                return Err(self.error(
                                    pointer(&at),
                                    format!("`allOf` includes `{reference}` within itself"),
                                ));
                            }
                            if self.inlining.len() >= limits::REFERENCE_CHAIN {
                                let message = format!(
                                    "`allOf` includes more than {} schemas in a row",
                                    limits::REFERENCE_CHAIN
                                );
                                return Err(self.error(pointer(&at), message));
                            }
                            self.inlining.push(target.0.to_string());
                            let target_place = ["components", "schemas", target.0];
                            let result =
                                self.collect_object(target.1, &target_place, name, def, false);
                            self.inlining.pop();
                            result?;
                        }
                    }
                }
                ReferenceOr::Item(schema) => self.collect_object(schema, &at, name, def, false)?,
            }
        }
        Ok(())
    }
}

/// Microsoft's converter: `x-ms-enum: {values: [{value, description}]}`
/// describes the members.
fn describe_members(schema: &oa::Schema, members: &mut [EnumMember]) {
    let Some(values) = schema
        .schema_data
        .extensions
        .get("x-ms-enum")
        .and_then(|e| e.get("values"))
        .and_then(serde_json::Value::as_array)
    else {
        return;
    };
    for value in values {
        let (Some(text), Some(description)) = (
            value.get("value").and_then(serde_json::Value::as_str),
            value.get("description").and_then(serde_json::Value::as_str),
        ) else {
            continue;
        };
        if let Some(member) = members.iter_mut().find(|m| m.value == text) {
            member.description = Some(description.to_string()).filter(|d| !d.is_empty());
        }
    }
}

/// Microsoft's converter: `x-ms-enum-flags: {isFlags: true}` makes a value a
/// set of members (OData's `IsFlags`).
fn ms_enum_flags(schema: &oa::Schema) -> bool {
    schema
        .schema_data
        .extensions
        .get("x-ms-enum-flags")
        .and_then(|flags| flags.get("isFlags"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}
