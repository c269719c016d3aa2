//! OpenAPI 3.0 and 3.1 front end: YAML or JSON text -> [`Api`].
//!
//! Pipeline, in the order the code runs:
//! 1. parse the text (serde_yaml or serde_json, so errors carry a line; a key
//!    written twice is an error) and check that it is OpenAPI 3.0.x or 3.1.x
//!    (`read.rs`); copy in what `$ref`s to other files reach (`bundle.rs`);
//!    warn of fields that are not OpenAPI's where they stand (`shape.rs`);
//!    rewrite a 3.1 document in 3.0's words (`v31.rs`); then the typed parse;
//! 2. give every object or enum schema under `components/schemas` a [`TypeId`]
//!    first, so `$ref`s can be resolved in any order;
//! 3. convert those schemas, naming any inline object or enum from where it
//!    stands (`{parent}_{property}`);
//! 4. convert the operations, resolving `$ref`d parameters, bodies and responses.
//!
//! Every failure is an [`Error`] naming the file and a JSON pointer.

use indexmap::IndexMap;
use openapiv3 as oa;
use openapiv3::ReferenceOr;

use crate::error::{Error, Result};
use crate::limits;
use crate::model::*;

mod bundle;
mod kinds;
mod objects;
mod operations;
mod pointers;
mod read;
mod schemas;
mod shape;
mod structure;
mod unions;
mod v31;

use kinds::*;
use read::{MethodOrder, read_document};

/// Parses one OpenAPI 3.0 document. `file` is only used in error messages.
pub fn parse(file: &str, text: &str) -> Result<Api> {
    parse_file(file, text, None)
}

/// [`parse`] a document read from `path`: `$ref`s to other files are
/// followed from there (`bundle.rs`).
pub fn parse_file(file: &str, text: &str, path: Option<&std::path::Path>) -> Result<Api> {
    let mut value = read::read_openapi(file, text)?;
    bundle::bundle(file, path, &mut value)?;
    let moved = pointers::hoist(file, &mut value)?;
    read_value(file, value).map_err(|e| moved.restore(e))
}

/// The document, its `$ref`s all local and to components, as an [`Api`].
fn read_value(file: &str, mut value: serde_json::Value) -> Result<Api> {
    let mut notes = shape::misplaced_fields(file, &value);
    notes.extend(leave_out_callbacks(file, &mut value));
    if v31::is_31(&value) {
        notes.extend(v31::to_30(file, &mut value)?);
    }
    let (doc, method_order) = read_document(file, value)?;
    let mut converter = Converter::new(file, &doc, method_order);
    converter.warnings.extend(notes);
    converter.assign_type_ids();
    converter.convert_component_schemas()?;
    let operations = converter.convert_operations()?;
    let mut api = Api {
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        version: doc.info.version.clone(),
        servers: doc
            .servers
            .iter()
            .map(|s| Server {
                url: s.url.clone(),
                description: s.description.clone(),
            })
            .collect(),
        namespace: None,
        types: converter.types,
        operations,
        warnings: converter.warnings,
        dialect: Dialect::Plain,
        binary_encoding: BinaryEncoding::Base64,
    };
    api.dialect = dialect(&api);
    if api.dialect == Dialect::OData {
        api.binary_encoding = BinaryEncoding::Base64Url;
    }
    api.validate().map_err(|(id, message)| {
        let place = id
            .map(|id| pointer(&["components", "schemas", &api.type_def(id).name]))
            .unwrap_or_default();
        Error::new(file, place, message)
    })?;
    Ok(api)
}

/// Callbacks are requests the API sends, not operations to call: they are
/// not generated, and are taken out before the typed parse (which reads no
/// callback given by `$ref`). One warning tells how many there were.
fn leave_out_callbacks(file: &str, document: &mut serde_json::Value) -> Option<Warning> {
    let paths = document.get_mut("paths")?.as_object_mut()?;
    let mut count = 0;
    for item in paths
        .values_mut()
        .filter_map(serde_json::Value::as_object_mut)
    {
        for operation in item
            .values_mut()
            .filter_map(serde_json::Value::as_object_mut)
        {
            count += operation
                .remove("callbacks")
                .and_then(|callbacks| callbacks.as_object().map(|c| c.len()))
                .unwrap_or(0);
        }
    }
    (count > 0).then(|| {
        Warning::new(
            format!("{file}:#/paths"),
            format!(
                "{count} callback(s): requests the API sends, not operations to call; not generated"
            ),
        )
    })
}

/// What an OpenAPI description made from OData CSDL (by Microsoft's or the
/// OASIS converter) shows of it: Graph's types are `microsoft.graph.*`;
/// OData's payloads carry `@odata.*` control information and its queries
/// take system query options (`$top`).
fn dialect(api: &Api) -> Dialect {
    if api
        .types
        .iter()
        .any(|t| t.name.starts_with("microsoft.graph."))
    {
        return Dialect::Graph;
    }
    let control_information = api.types.iter().any(|t| match &t.kind {
        TypeKind::Struct(s) => s.properties.iter().any(|p| p.name.starts_with("@odata.")),
        _ => false,
    });
    let system_options = api.operations.iter().any(|op| {
        op.parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Query && p.name.starts_with('$'))
    });
    if control_information || system_options {
        Dialect::OData
    } else {
        Dialect::Plain
    }
}

/// A JSON pointer from unescaped tokens.
fn pointer(tokens: &[&str]) -> String {
    let mut out = String::from("#");
    for token in tokens {
        out.push('/');
        out.push_str(&token.replace('~', "~0").replace('/', "~1"));
    }
    out
}

struct Converter<'a> {
    file: &'a str,
    doc: &'a oa::OpenAPI,
    components: Option<&'a oa::Components>,
    types: Vec<TypeDef>,
    /// Component schema name -> id, for the schemas that become named types.
    schema_ids: IndexMap<String, TypeId>,
    /// Component schemas being inlined right now, to stop `$ref` loops
    /// between schemas that are not named types.
    inlining: Vec<String>,
    /// Component schemas that are not named types, as read the first time:
    /// every `$ref` to one gives the same type (reading it again per use
    /// would make its inline types anew, twice per level of a tree of them).
    aliased: IndexMap<String, TypeRef>,
    /// How many schemas the one being read is nested in (`limits::TYPE_DEPTH`).
    depth: usize,
    method_order: MethodOrder,
    warnings: Vec<Warning>,
    /// Parameters, request bodies and responses given as components, as
    /// read the first time, by reference.
    shared: std::collections::HashMap<String, operations::Shared>,
    /// The warnings given, to give each once.
    warned: std::collections::HashSet<Warning>,
}

impl<'a> Converter<'a> {
    fn new(file: &'a str, doc: &'a oa::OpenAPI, method_order: MethodOrder) -> Self {
        Converter {
            file,
            doc,
            method_order,
            warnings: Vec::new(),
            warned: Default::default(),
            components: doc.components.as_ref(),
            types: Vec::new(),
            schema_ids: IndexMap::new(),
            inlining: Vec::new(),
            aliased: IndexMap::new(),
            shared: Default::default(),
            depth: 0,
        }
    }

    fn error(&self, place: String, message: impl Into<String>) -> Error {
        Error::new(self.file, place, message)
    }

    fn component_schemas(
        &self,
    ) -> impl Iterator<Item = (&'a String, &'a ReferenceOr<oa::Schema>)> + use<'a> {
        let components = self.components;
        components.into_iter().flat_map(|c| c.schemas.iter())
    }

    fn assign_type_ids(&mut self) {
        for (name, schema) in self.component_schemas() {
            // A number or its text (IEEE754Compatible) is a primitive, not a union.
            if let ReferenceOr::Item(schema) = schema
                && is_named_kind(schema)
                && self.ieee754_number(schema).is_none()
            {
                let id = TypeId(self.types.len());
                self.types.push(TypeDef {
                    name: name.clone(),
                    description: description(schema),
                    kind: TypeKind::Struct(StructType::default()),
                });
                self.schema_ids.insert(name.clone(), id);
            }
        }
    }

    fn convert_component_schemas(&mut self) -> Result<()> {
        for (name, schema) in self.component_schemas() {
            if let (Some(&id), ReferenceOr::Item(schema)) =
                (self.schema_ids.get(name.as_str()), schema)
            {
                let place = ["components", "schemas", name.as_str()];
                self.types[id.0].kind = self.convert_named_kind(schema, &place, name)?;
            }
        }
        // Schemas that are plain `$ref`s or primitives are inlined where used;
        // still check their references so a dangling one is reported.
        for (name, schema) in self.component_schemas() {
            if !self.schema_ids.contains_key(name.as_str()) {
                self.convert_schema_ref(schema, &["components", "schemas", name], name)?;
            }
        }
        Ok(())
    }

    /// Resolves `#/components/schemas/NAME` to the name and schema.
    fn schema_target(&self, reference: &str, place: &[&str]) -> Result<(&'a str, &'a oa::Schema)> {
        let schemas = self.components.map(|c| &c.schemas);
        let mut current = reference;
        // Components that are only `$ref`s are followed; a loop of them is an error.
        let mut followed: Vec<&str> = Vec::new();
        while followed.len() <= limits::REFERENCE_CHAIN {
            let found = current
                .strip_prefix("#/components/schemas/")
                .and_then(|name| schemas?.get_key_value(unescape_pointer(name).as_str()));
            match found {
                Some((name, ReferenceOr::Item(schema))) => return Ok((name.as_str(), schema)),
                Some((_, ReferenceOr::Reference { reference: next })) => {
                    if followed.contains(&next.as_str()) {
                        return Err(self.error(
                            pointer(place),
                            format!("$ref `{reference}` leads to a loop of references"),
                        ));
                    }
                    followed.push(next);
                    current = next;
                }
                None => {
                    return Err(self.error(
                        pointer(place),
                        format!("$ref `{current}` points to nothing"),
                    ));
                }
            }
        }
        let message = format!(
            "$ref `{reference}` starts a chain of more than {} references",
            limits::REFERENCE_CHAIN
        );
        Err(self.error(pointer(place), message))
    }

    /// [`ieee754_number`], reading `$ref`s from the components.
    fn ieee754_number(&self, schema: &oa::Schema) -> Option<Primitive> {
        ieee754_number(schema, |reference| {
            self.schema_target(reference, &[])
                .ok()
                .map(|(_, schema)| schema)
        })
    }

    /// An inline object or enum becomes a named type called after its context.
    fn inline_named(
        &mut self,
        schema: &oa::Schema,
        place: &[&str],
        context: &str,
    ) -> Result<TypeRef> {
        if self.types.len() >= limits::TYPES {
            return Err(self.error(
                pointer(place),
                format!("more than {} types would be generated", limits::TYPES),
            ));
        }
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name: context.to_string(),
            description: description(schema),
            kind: TypeKind::Struct(StructType::default()),
        });
        self.types[id.0].kind = self.convert_named_kind(schema, place, context)?;
        Ok(TypeRef::Named(id))
    }

    /// Notes something read as less than the description says, once per place
    /// (a schema used from several places is read each time).
    fn warn(&mut self, place: &[&str], message: &str) {
        let warning = Warning::new(self.place(place), message);
        self.give(warning);
    }

    /// Notes a schema read as any JSON value ([`TypeRef::Any`]), `because`.
    fn read_as_json_value(&mut self, place: &[&str], because: &str) {
        let warning = Warning::json_value(self.place(place), because);
        self.give(warning);
    }

    fn place(&self, place: &[&str]) -> String {
        format!("{}:{}", self.file, pointer(place))
    }

    fn give(&mut self, warning: Warning) {
        if self.warned.insert(warning.clone()) {
            self.warnings.push(warning);
        }
    }

    /// Follows `#/components/{kind}/NAME` references to the item.
    fn resolve<T>(
        &self,
        item: &'a ReferenceOr<T>,
        kind: &str,
        place: &[&str],
        map: impl Fn(&'a oa::Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'a T> {
        let mut current = item;
        for _ in 0..limits::REFERENCE_CHAIN {
            match current {
                ReferenceOr::Item(item) => return Ok(item),
                ReferenceOr::Reference { reference } => {
                    let prefix = format!("#/components/{kind}/");
                    let target = reference.strip_prefix(&prefix).and_then(|name| {
                        self.components
                            .and_then(|c| map(c).get(&unescape_pointer(name)))
                    });
                    match target {
                        Some(next) => current = next,
                        None => {
                            let mut at = place.to_vec();
                            at.push("$ref");
                            return Err(self.error(
                                pointer(&at),
                                format!("$ref `{reference}` points to nothing"),
                            ));
                        }
                    }
                }
            }
        }
        Err(self.error(pointer(place), "$ref chain loops"))
    }
}
