//! The intermediate model: what an API description says, independent of the
//! format it was written in (OpenAPI, CSDL) and of the language it becomes.
//!
//! Front ends build an [`Api`]; emitters read it. Names here are the names in
//! the description (`microsoft.graph.pfxUserCertificate`, `tenantId`); turning
//! them into Rust identifiers is the emitters' job (see `names.rs`).

mod operation;
mod path;
pub use operation::*;
pub use path::{ArgumentValue, PathPart, PathTemplate};

/// One API description, ready to emit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    /// Base URLs, the default first.
    pub servers: Vec<Server>,
    /// The namespace of the service's own types (CSDL: the schema of the
    /// entity container). Emitters give its types the short names when a
    /// type of another namespace has the same one.
    pub namespace: Option<String>,
    /// Every named type; a [`TypeId`] is an index into this list.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// What the front end read but could not express fully (e.g. a schema
    /// that became any JSON value).
    pub warnings: Vec<Warning>,
    /// The protocol conventions the service follows beyond HTTP and JSON.
    pub dialect: Dialect,
    /// How the service writes bytes (`Edm.Binary`, `format: byte`) in JSON.
    pub binary_encoding: BinaryEncoding,
}

/// What a service speaks beyond plain HTTP and JSON. Front ends say which;
/// the conventions pass (`conventions.rs`) settles what follows from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Only what the description says.
    #[default]
    Plain,
    /// OData v4: its JSON format (`value`, `@odata.nextLink`, `@odata.etag`)
    /// and system query options.
    OData,
    /// Microsoft Graph: OData, and what Graph adds (`ConsistencyLevel:
    /// eventual` for `$count` and `$search`, ETags in `eTag` properties).
    Graph,
}

impl Dialect {
    pub fn is_odata(self) -> bool {
        matches!(self, Dialect::OData | Dialect::Graph)
    }
}

/// The text form of bytes in JSON. Either is read; this is what is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BinaryEncoding {
    /// RFC 4648 base64 with padding: OpenAPI's `format: byte`, and what
    /// Graph and other Microsoft.OData services write and read.
    #[default]
    Base64,
    /// RFC 4648 base64url without padding, as the OData JSON format defines.
    Base64Url,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
}

/// Index of a type in [`Api::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The name as the description spells it, namespace included.
    pub name: String,
    pub description: Option<String>,
    pub kind: TypeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Struct(StructType),
    Enum(EnumType),
    /// One of several types (OpenAPI `oneOf`/`anyOf`).
    Union(UnionType),
}

/// A value of one of several types. With a discriminator, the value of that
/// property says which; without, the first that fits.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionType {
    pub variants: Vec<UnionVariant>,
    /// The property that names the variant (`petType`, `@odata.type`).
    pub discriminator: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    pub ty: TypeRef,
    /// The discriminator value that selects this variant.
    pub tag: Option<String>,
    /// The variant is the empty string, which clears the value (Stripe's
    /// `anyOf: [{...}, {type: string, enum: [""]}]`); `ty` is then a string.
    pub clears: bool,
    /// What the description calls this alternative (an OpenAPI `title`
    /// such as `id` or `name`), a name for a variant of a primitive.
    pub name: Option<String>,
    /// The one value that tells this alternative from the others (a
    /// one-value enum, or an object's required property that is one:
    /// Nexus' `state: creating`), when no other has it.
    pub value: Option<String>,
    /// Values that rule the variant out although it would read them (an
    /// open enum reads any text): those other variants name and it does not.
    pub excludes: Vec<Exclusion>,
}

/// A union variant is not the one for a value whose text (or the text of its
/// `property`) is one of `values`.
#[derive(Clone, Debug, PartialEq)]
pub struct Exclusion {
    /// The property whose value is told; `None`: the value itself.
    pub property: Option<String>,
    pub values: Vec<String>,
}

/// An object type. Properties inherited from `base` are not repeated here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StructType {
    pub base: Option<TypeId>,
    pub is_abstract: bool,
    pub properties: Vec<Property>,
    /// The type is a page of a list: where its items and next link are.
    pub page: Option<Page>,
    /// The (wire) name of the property that holds the entity's ETag, on this
    /// type or a base: writes of such an entity can send `If-Match`.
    pub etag: Option<String>,
    /// The (wire) name of the property that names a value's type (OData's
    /// `@odata.type`), on this type or a base: a value of a base type may be
    /// of a derived one.
    pub type_tag: Option<String>,
}

/// A page of a list, by the (wire) names of its properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// An array of the items.
    pub items: String,
    /// The text link to the next page, absent on the last.
    pub next_link: String,
    /// The link for the next round of a delta query, on its last page
    /// (OData's `@odata.deltaLink`), where the page type has one.
    pub delta_link: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    /// The name on the wire.
    pub name: String,
    pub description: Option<String>,
    pub ty: TypeRef,
    /// The property is always present in a valid instance.
    pub required: bool,
    /// `null` is a valid value.
    pub nullable: bool,
    /// The value is a secret (a password, a key): never printed.
    pub secret: bool,
    /// Who may set the value.
    pub access: Access,
    /// Protocol control information (`@odata.type`, `@odata.etag`), not data:
    /// not a property one selects or orders by.
    pub control: bool,
}

/// Who may set a property's value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Access {
    #[default]
    ReadWrite,
    /// Set when the entity is created, never changed (`Core.Immutable`).
    CreateOnly,
    /// Set by the service only (`Core.Computed`, OpenAPI `readOnly`).
    ReadOnly,
}

impl Property {
    /// A property of the given name and type, optional and plain; the
    /// fields say what else it is.
    pub fn new(name: impl Into<String>, ty: TypeRef) -> Self {
        Property {
            name: name.into(),
            description: None,
            ty,
            required: false,
            nullable: false,
            secret: false,
            access: Access::ReadWrite,
            control: false,
        }
    }
}

/// Calls `f` on every type reference of `types` and `operations` (of
/// properties, union variants, parameters and bodies; not base types).
pub fn visit_type_refs(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    mut f: impl FnMut(&mut TypeRef),
) {
    for def in types {
        match &mut def.kind {
            TypeKind::Struct(s) => s.properties.iter_mut().for_each(|p| f(&mut p.ty)),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| f(&mut v.ty)),
            TypeKind::Enum(_) => {}
        }
    }
    for op in operations {
        op.parameters.iter_mut().for_each(|p| f(&mut p.ty));
        let bodies = op
            .request_body
            .iter_mut()
            .chain(op.responses.iter_mut().filter_map(|r| r.body.as_mut()));
        for ty in bodies.filter_map(|b| b.ty.as_mut()) {
            f(ty);
        }
    }
}

/// A closed set of named values. Emitters keep unknown values rather than
/// failing to decode, since services add members over time.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumType {
    pub members: Vec<EnumMember>,
    /// A value is a set of members (OData `IsFlags`), written as their
    /// comma-separated names.
    pub is_flags: bool,
    /// The values are integers on the wire (`value` holds their text).
    pub is_integer: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumMember {
    /// The value on the wire.
    pub value: String,
    pub description: Option<String>,
}

/// Something of a description a front end read as less than it says,
/// printed `file:place: message`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Warning {
    /// The file and the place in it (a JSON pointer, or a line and column).
    pub place: String,
    pub message: String,
    pub outcome: Outcome,
}

/// What became of the part a [`Warning`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Left out or read in part, as the message says.
    Lessened,
    /// A schema read as any JSON value ([`TypeRef::Any`]) for want of a
    /// type that says what it is (`sdkgen::json_value_fallbacks` counts them).
    JsonValue,
}

impl Warning {
    pub fn new(place: String, message: impl Into<String>) -> Self {
        Warning {
            place,
            message: message.into(),
            outcome: Outcome::Lessened,
        }
    }

    /// A schema at `place` read as any JSON value, `because`.
    pub fn json_value(place: String, because: impl Into<String>) -> Self {
        Warning {
            outcome: Outcome::JsonValue,
            ..Warning::new(place, because)
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)?;
        if self.outcome == Outcome::JsonValue {
            f.write_str(": read as any JSON value")?;
        }
        Ok(())
    }
}

/// The type of a property, parameter or body.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    Primitive(Primitive),
    Named(TypeId),
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys and values of one type.
    Map(Box<TypeRef>),
    /// The type, or `null`: a list's items or a map's values that may be
    /// null (a property says so with [`Property::nullable`]).
    Nullable(Box<TypeRef>),
    /// Any JSON value.
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Primitive {
    String,
    Boolean,
    Int8,
    UInt8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    /// A decimal number (OData `Edm.Decimal`).
    Decimal,
    Uuid,
    /// A timestamp with an offset (RFC 3339).
    DateTime,
    /// A calendar date, `2024-01-31`.
    Date,
    /// A time of day, `13:45:00.0000000`.
    TimeOfDay,
    /// An ISO 8601 duration, `P1DT2H`.
    Duration,
    /// Bytes, base64 or base64url text on the wire (`Api::binary_encoding`).
    Binary,
    /// An IPv4 address, `192.0.2.1` (OpenAPI `format: ipv4`).
    Ipv4,
    /// An IPv6 address, `2001:db8::1` (OpenAPI `format: ipv6`).
    Ipv6,
}

impl Api {
    /// Marks `Type/property` (e.g. `microsoft.graph.pfxUserCertificate/encryptedPfxPassword`)
    /// as a secret. Returns whether the property exists.
    pub fn mark_secret(&mut self, qualified: &str) -> bool {
        let Some((type_name, property)) = qualified.rsplit_once('/') else {
            return false;
        };
        let mut found = false;
        for def in self.types.iter_mut().filter(|t| t.name == type_name) {
            if let TypeKind::Struct(s) = &mut def.kind {
                for p in s.properties.iter_mut().filter(|p| p.name == property) {
                    p.secret = true;
                    found = true;
                }
            }
        }
        found
    }

    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The struct a PATCH sends as JSON: what the operation changes.
    pub fn patched_struct(&self, op: &Operation) -> Option<TypeId> {
        let body = op
            .request_body
            .as_ref()
            .filter(|b| op.method == Method::Patch && b.is_json())?;
        match body.ty.as_ref()? {
            TypeRef::Named(id) if matches!(self.type_def(*id).kind, TypeKind::Struct(_)) => {
                Some(*id)
            }
            _ => None,
        }
    }

    /// The properties of a struct type with those of its base types first,
    /// outermost base first. The chain is acyclic (see [`Api::validate`]).
    pub fn all_properties(&self, id: TypeId) -> Vec<&Property> {
        let mut chain = Vec::new();
        let mut next = Some(id);
        while let Some(current) = next {
            chain.push(current);
            next = match &self.type_def(current).kind {
                TypeKind::Struct(s) => s.base,
                TypeKind::Enum(_) | TypeKind::Union(_) => None,
            };
        }
        let mut properties: Vec<&Property> = Vec::new();
        let mut slots: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for ty in chain.into_iter().rev() {
            if let TypeKind::Struct(s) = &self.type_def(ty).kind {
                for property in &s.properties {
                    // A derived type that redeclares a base property replaces it.
                    match slots.get(property.name.as_str()) {
                        Some(&slot) => properties[slot] = property,
                        None => {
                            slots.insert(&property.name, properties.len());
                            properties.push(property);
                        }
                    }
                }
            }
        }
        properties
    }

    /// Checks what every emitter relies on: type ids in range, bases that are
    /// structs and form no cycle, and the sizes in [`crate::limits`]. Front
    /// ends call this before returning and turn the failing type (if the
    /// problem is one type's) into a place in their own format.
    pub fn validate(&self) -> Result<(), (Option<TypeId>, String)> {
        use crate::limits;
        if self.types.len() > limits::TYPES {
            return Err((
                None,
                format!(
                    "{} types would be generated; at most {} are",
                    self.types.len(),
                    limits::TYPES
                ),
            ));
        }
        if self.operations.len() > limits::OPERATIONS {
            let count = self.operations.len();
            return Err((
                None,
                format!(
                    "{count} operations would be generated; at most {} are",
                    limits::OPERATIONS
                ),
            ));
        }
        for (index, def) in self.types.iter().enumerate() {
            let fail = |message: String| Err((Some(TypeId(index)), message));
            let mut chain = vec![index];
            let mut base = match &def.kind {
                TypeKind::Struct(s) => s.base,
                TypeKind::Enum(e) if e.members.len() > limits::ENUM_MEMBERS => {
                    return fail(format!(
                        "the enum has {} members; at most {} are read",
                        e.members.len(),
                        limits::ENUM_MEMBERS
                    ));
                }
                TypeKind::Enum(_) | TypeKind::Union(_) => None,
            };
            while let Some(b) = base {
                let Some(base_def) = self.types.get(b.0) else {
                    return fail(format!(
                        "type `{}` has a base type that does not exist",
                        def.name
                    ));
                };
                chain.push(b.0);
                if chain[..chain.len() - 1].contains(&b.0) {
                    let path: Vec<&str> =
                        chain.iter().map(|&i| self.types[i].name.as_str()).collect();
                    return fail(format!("base types form a cycle: {}", path.join(" -> ")));
                }
                if chain.len() > limits::BASE_TYPE_DEPTH + 1 {
                    return fail(format!(
                        "type `{}` has more than {} base types above it",
                        def.name,
                        limits::BASE_TYPE_DEPTH
                    ));
                }
                base = match &base_def.kind {
                    TypeKind::Struct(bs) => bs.base,
                    TypeKind::Enum(_) | TypeKind::Union(_) => {
                        return fail(format!(
                            "type `{}` inherits from `{}`, which is not an object type",
                            def.name, base_def.name
                        ));
                    }
                };
            }
        }
        Ok(())
    }
}
