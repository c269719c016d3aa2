//! OData CSDL 4.0 (XML) front end: `$metadata` text -> [`Api`].
//!
//! Pipeline, in the order the code runs:
//! 1. parse the XML (roxmltree, which keeps positions for errors) and index
//!    the schemas, aliases and annotation blocks (`document.rs`);
//! 2. give every entity, complex and enum type a [`TypeId`] and resolve type
//!    definitions, so that types can refer to each other in any order;
//! 3. convert the types: properties (structural and navigation), base types,
//!    enum members, descriptions from Core annotations;
//! 4. derive operations from the entity container by OData conventions
//!    (`paths.rs`), with the actions and functions bound to what the paths
//!    reach and the container's imports (`actions.rs`), adding the
//!    collection-response, error, action-body and value types they use;
//!    non-contained navigation gives reads and `$ref` operations (`references.rs`).
//!
//! Every failure is an [`Error`] naming the file, `line:column` and the element.

mod actions;
mod call_types;
mod capabilities;
mod conventions;
mod document;
mod media;
mod paths;
mod references;
mod vocabularies;

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use crate::error::{Error, Result};
use crate::model::*;
use document::{Csdl, children};

/// Parses one CSDL XML document. `file` is only used in error messages.
pub fn parse(file: &str, text: &str) -> Result<Api> {
    parse_file(file, text, None)
}

/// [`parse`] a document read from `path`, with the documents its
/// `edmx:Reference`s name on this machine (`document::referenced_texts`).
pub fn parse_file(file: &str, text: &str, path: Option<&std::path::Path>) -> Result<Api> {
    let doc = document::parse_xml(file, text)?;
    let texts = document::referenced_texts(file, &doc, path)?;
    let referenced = texts
        .iter()
        .map(|(name, text)| Ok((name.clone(), document::parse_xml(name, text)?)))
        .collect::<Result<Vec<_>>>()?;
    let csdl = Csdl::new(file, &doc, &referenced)?;
    let mut converter = Converter::new(csdl);
    converter.keys_as_segments = converter.keys_as_segments();
    converter.assign_type_ids()?;
    converter.convert_types()?;
    converter.index_bound_operations()?;
    let operations = converter.convert_containers()?;

    let Service {
        title,
        description,
        version,
        namespace,
    } = converter.service();
    let warnings = converter.unreached_calls().into_iter().collect();
    let is_graph = namespace.as_deref() == Some("microsoft.graph");
    let api = Api {
        title,
        description,
        version,
        servers: Vec::new(),
        namespace,
        types: converter.types,
        operations,
        warnings,
        // Graph's own description; Graph (a Microsoft.OData service) writes
        // and reads standard base64, where the OData JSON format says base64url.
        dialect: if is_graph {
            Dialect::Graph
        } else {
            Dialect::OData
        },
        binary_encoding: if is_graph {
            BinaryEncoding::Base64
        } else {
            BinaryEncoding::Base64Url
        },
    };
    api.validate().map_err(|(id, message)| {
        match id.and_then(|id| converter.elements.get(id.0)) {
            Some(node) => converter.csdl.error(*node, message),
            None => Error::new(file, "", message),
        }
    })?;
    Ok(api)
}

/// What a service's description says of itself.
struct Service {
    title: String,
    description: Option<String>,
    version: String,
    /// The namespace of the schema with the entity container.
    namespace: Option<String>,
}

impl Converter<'_, '_> {
    /// The service's title and description (Core annotations of its entity
    /// container), schema version and namespace.
    fn service(&self) -> Service {
        let container = self
            .csdl
            .own_schemas()
            .iter()
            .flat_map(|s| children(*s, "EntityContainer"))
            .next();
        let described = |term: &str| {
            container.and_then(|c| {
                let target = self.container_target(c);
                self.csdl
                    .annotation(c, &target, &format!("{}.{term}", document::CORE))
                    .and_then(document::string_value)
            })
        };
        let first_namespace = self.csdl.schemas[0]
            .attribute("Namespace")
            .unwrap_or_default();
        let version = self
            .csdl
            .schemas
            .iter()
            .find_map(|s| {
                self.csdl
                    .annotation(*s, "", &format!("{}.SchemaVersion", document::CORE))
            })
            .and_then(document::string_value)
            .unwrap_or_default();
        let service = self
            .csdl
            .own_schemas()
            .iter()
            .find(|s| children(**s, "EntityContainer").next().is_some());
        let namespace = service
            .and_then(|s| s.attribute("Namespace"))
            .map(str::to_string);
        Service {
            title: described("Description")
                .unwrap_or_else(|| format!("OData service for namespace {first_namespace}")),
            description: described("LongDescription"),
            version,
            namespace,
        }
    }
}

struct Converter<'a, 'input> {
    csdl: Csdl<'a, 'input>,
    types: Vec<TypeDef>,
    /// Per type read from the document: its element (synthesized types follow them).
    elements: Vec<Node<'a, 'input>>,
    /// Canonical qualified name -> type.
    ids: HashMap<String, TypeId>,
    /// Canonical qualified name -> underlying type of a `TypeDefinition`.
    definitions: HashMap<String, TypeRef>,
    /// Element of each type or type definition, to report a second definition.
    defined_at: HashMap<String, Node<'a, 'input>>,
    /// Types the conventions add, made once each on first use.
    /// Page types by item, and whether they are a delta function's.
    collection_responses: HashMap<(TypeId, bool), TypeId>,
    error_type: Option<TypeId>,
    reference_type: Option<TypeId>,
    /// Bound actions and functions by what they bind to (`actions.rs`).
    bindings: actions::Bindings<'a, 'input>,
    /// Per action declaration: the type of its parameters' JSON object.
    action_bodies: HashMap<roxmltree::NodeId, TypeId>,
    /// Per function or action and return type: the `{"value": ...}` wrapper.
    value_responses: HashMap<(String, String), TypeId>,
    /// Names of the types the conventions added, to keep new ones apart.
    synthesized_names: HashSet<String>,
    /// Keys are path segments (`/users/{id}`, Graph's and
    /// `Capabilities.KeyAsSegmentSupported`), not OData's `Users('id')`.
    keys_as_segments: bool,
}

impl<'a, 'input> Converter<'a, 'input> {
    fn new(csdl: Csdl<'a, 'input>) -> Self {
        Converter {
            csdl,
            types: Vec::new(),
            elements: Vec::new(),
            ids: HashMap::new(),
            definitions: HashMap::new(),
            defined_at: HashMap::new(),
            collection_responses: HashMap::new(),
            error_type: None,
            reference_type: None,
            bindings: Default::default(),
            action_bodies: HashMap::new(),
            value_responses: HashMap::new(),
            synthesized_names: HashSet::new(),
            keys_as_segments: false,
        }
    }

    /// Step 2: an id for every structured and enum type, in document order.
    fn assign_type_ids(&mut self) -> Result<()> {
        for schema in self.csdl.schemas.clone() {
            let namespace = self.csdl.required(schema, "Namespace")?;
            for element in schema.children().filter(Node::is_element) {
                let kind = element.tag_name().name();
                if !matches!(
                    kind,
                    "EntityType" | "ComplexType" | "EnumType" | "TypeDefinition"
                ) {
                    continue;
                }
                let name = format!("{namespace}.{}", self.csdl.required(element, "Name")?);
                if let Some(first) = self.defined_at.get(&name) {
                    let line = first.document().text_pos_at(first.range().start).row;
                    return Err(self.csdl.error(
                        element,
                        format!("`{name}` is defined twice (first on line {line})"),
                    ));
                }
                self.defined_at.insert(name.clone(), element);
                if kind == "TypeDefinition" {
                    let underlying = self.csdl.required(element, "UnderlyingType")?;
                    let ty = primitive(underlying).ok_or_else(|| {
                        self.csdl.error(
                            element,
                            format!("`UnderlyingType` `{underlying}` is not an Edm primitive type"),
                        )
                    })?;
                    self.definitions.insert(name, ty);
                    continue;
                }
                self.ids.insert(name.clone(), TypeId(self.types.len()));
                self.elements.push(element);
                let placeholder = TypeKind::Struct(StructType::default());
                self.types.push(TypeDef {
                    name,
                    description: None,
                    kind: placeholder,
                });
            }
        }
        Ok(())
    }

    /// Step 3: the contents of every type.
    fn convert_types(&mut self) -> Result<()> {
        for index in 0..self.elements.len() {
            let element = self.elements[index];
            let name = self.types[index].name.clone();
            let kind = match element.tag_name().name() {
                "EnumType" => TypeKind::Enum(self.convert_enum(element, &name)?),
                _ => TypeKind::Struct(self.convert_struct(element, &name)?),
            };
            self.types[index].kind = kind;
            self.types[index].description = self.csdl.description(element, &name);
        }
        Ok(())
    }

    fn convert_struct(&self, element: Node<'a, 'input>, name: &str) -> Result<StructType> {
        let keys: Vec<&str> = children(element, "Key")
            .flat_map(|key| children(key, "PropertyRef"))
            .filter_map(|r| r.attribute("Name"))
            .collect();
        let base = match element.attribute("BaseType") {
            Some(base) => match self.resolve(element, base)? {
                TypeRef::Named(id) if matches!(self.types[id.0].kind, TypeKind::Struct(_)) => {
                    Some(id)
                }
                _ => {
                    return Err(self.csdl.error(
                        element,
                        format!("`BaseType` `{base}` is not an entity or complex type"),
                    ));
                }
            },
            None => None,
        };
        let is_property = |n: &Node| {
            n.is_element() && matches!(n.tag_name().name(), "Property" | "NavigationProperty")
        };
        self.csdl
            .unique_names(element.children().filter(is_property))?;
        let mut properties = Vec::new();
        for property in element.children().filter(Node::is_element) {
            if !matches!(
                property.tag_name().name(),
                "Property" | "NavigationProperty"
            ) {
                continue;
            }
            properties.push(self.convert_property(property, name, &keys)?);
        }
        if base.is_none() {
            // The OData JSON format names the type of a value in `@odata.type`;
            // a derived type in a base-typed slot always carries it.
            properties.push(Property {
                name: "@odata.type".to_string(),
                description: None,
                ty: TypeRef::Primitive(Primitive::String),
                required: false,
                nullable: false,
                secret: false,
                access: Access::ReadWrite,
                control: true,
            });
        }
        Ok(StructType {
            base,
            is_abstract: element.attribute("Abstract") == Some("true"),
            properties,
            page: None,
            etag: None,
            type_tag: None,
        })
    }

    /// A property of an entity or complex type `name` whose key properties
    /// are `keys`.
    fn convert_property(
        &self,
        property: Node<'a, 'input>,
        name: &str,
        keys: &[&str],
    ) -> Result<Property> {
        let property_name = self.csdl.required(property, "Name")?;
        let target = format!("{name}/{property_name}");
        let ty = self.resolve(property, self.csdl.required(property, "Type")?)?;
        // A collection is an empty list, never null (its `Nullable` speaks of the items).
        let nullable =
            !matches!(ty, TypeRef::Array(_)) && property.attribute("Nullable") != Some("false");
        Ok(Property {
            name: property_name.to_string(),
            description: self
                .csdl
                .description(property, &format!("{name}/{property_name}")),
            ty,
            // Any property may be left out of a payload ($select, PATCH
            // bodies), but a key: every entity has it, and one the service
            // does not fill (read-only, `Core.ComputedDefaultValue`) a
            // create must send. Graph fills its ids (conventions.rs).
            required: keys.contains(&property_name)
                && !nullable
                && self.access(property, &target) != Access::ReadOnly
                && !self.tagged(property, &target, "ComputedDefaultValue"),
            nullable,
            // CSDL has no mark for secrets; settings add it (`Settings::secrets`).
            secret: false,
            // A key is set when the entity is created and never changed.
            access: match self.access(property, &target) {
                Access::ReadWrite if keys.contains(&property_name) => Access::CreateOnly,
                // A stream is read and replaced at its own path, not in JSON.
                _ if property.attribute("Type") == Some("Edm.Stream") => Access::ReadOnly,
                access => access,
            },
            control: false,
        })
    }

    fn convert_enum(&self, element: Node<'a, 'input>, name: &str) -> Result<EnumType> {
        let is_flags = element.attribute("IsFlags") == Some("true");
        self.csdl.unique_names(children(element, "Member"))?;
        let mut members = Vec::new();
        for member in children(element, "Member") {
            let member_name = self.csdl.required(member, "Name")?;
            // Values are checked though unused: Graph's JSON carries member names.
            if let Some(value) = member.attribute("Value")
                && value.parse::<i64>().is_err()
            {
                return Err(self
                    .csdl
                    .error(member, format!("`Value` `{value}` is not an integer")));
            }
            members.push(EnumMember {
                value: member_name.to_string(),
                description: self
                    .csdl
                    .description(member, &format!("{name}/{member_name}")),
            });
        }
        // Graph's JSON carries member names, whatever the underlying type.
        Ok(EnumType {
            members,
            is_flags,
            is_integer: false,
        })
    }

    /// A type as a property, parameter or base names it: `Edm.String`,
    /// `graph.user`, `Collection(microsoft.graph.user)`.
    fn resolve(&self, element: Node<'a, 'input>, written: &str) -> Result<TypeRef> {
        if let Some(inner) = written
            .strip_prefix("Collection(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            if inner.starts_with("Collection(") {
                let start: String = written.chars().take(40).collect();
                return Err(self.csdl.error(
                    element,
                    format!("`{start}...`: CSDL has no collections of collections"),
                ));
            }
            return Ok(TypeRef::Array(Box::new(self.resolve(element, inner)?)));
        }
        if written.starts_with("Edm.") {
            return primitive(written).ok_or_else(|| {
                self.csdl.error(
                    element,
                    format!("`{written}` is not an Edm type this generator knows"),
                )
            });
        }
        let name = self.csdl.canonical(written);
        if let Some(&id) = self.ids.get(&name) {
            return Ok(TypeRef::Named(id));
        }
        if let Some(ty) = self.definitions.get(&name) {
            return Ok(ty.clone());
        }
        Err(self.csdl.error(
            element,
            format!("type `{written}` is not defined in this document"),
        ))
    }

    fn container_target(&self, container: Node) -> String {
        let namespace = container
            .parent()
            .and_then(|s| s.attribute("Namespace"))
            .unwrap_or_default();
        format!(
            "{namespace}.{}",
            container.attribute("Name").unwrap_or_default()
        )
    }

    /// Adds a type the conventions need; `None` for its element.
    fn add_synthesized(
        &mut self,
        name: String,
        description: Option<String>,
        properties: Vec<Property>,
    ) -> TypeId {
        let id = TypeId(self.types.len());
        let kind = TypeKind::Struct(StructType {
            base: None,
            is_abstract: false,
            properties,
            page: None,
            etag: None,
            type_tag: None,
        });
        self.types.push(TypeDef {
            name,
            description,
            kind,
        });
        id
    }
}

/// `Edm.Int32` -> `Int32`. Spatial, untyped and abstract Edm types have no
/// type of their own and stay any JSON value.
fn primitive(written: &str) -> Option<TypeRef> {
    let p = match written {
        "Edm.String" => Primitive::String,
        "Edm.Guid" => Primitive::Uuid,
        "Edm.DateTimeOffset" => Primitive::DateTime,
        "Edm.Date" => Primitive::Date,
        "Edm.TimeOfDay" => Primitive::TimeOfDay,
        "Edm.Duration" => Primitive::Duration,
        "Edm.Boolean" => Primitive::Boolean,
        "Edm.Byte" => Primitive::UInt8,
        "Edm.SByte" => Primitive::Int8,
        "Edm.Int16" => Primitive::Int16,
        "Edm.Int32" => Primitive::Int32,
        "Edm.Int64" => Primitive::Int64,
        "Edm.Single" => Primitive::Float32,
        "Edm.Double" => Primitive::Float64,
        "Edm.Decimal" => Primitive::Decimal,
        // A stream property's value is the content itself when it is inline.
        "Edm.Binary" | "Edm.Stream" => Primitive::Binary,
        "Edm.Untyped" | "Edm.PrimitiveType" | "Edm.ComplexType" | "Edm.EntityType" => {
            return Some(TypeRef::Any);
        }
        spatial if is_spatial(spatial) => return Some(TypeRef::Any),
        _ => return None,
    };
    Some(TypeRef::Primitive(p))
}

fn is_spatial(written: &str) -> bool {
    const SHAPES: &[&str] = &[
        "",
        "Point",
        "LineString",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "Collection",
    ];
    ["Edm.Geography", "Edm.Geometry"].iter().any(|family| {
        written
            .strip_prefix(family)
            .is_some_and(|shape| SHAPES.contains(&shape))
    })
}
