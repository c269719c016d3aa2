//! The CSDL XML document as the converter reads it: schemas with their
//! namespaces and aliases, qualified names made canonical, annotations found
//! inline or through `<Annotations Target="...">`, and places in the file.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use crate::error::{Error, Result};

const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// Vocabulary namespaces whose terms the converter reads.
pub const CORE: &str = "Org.OData.Core.V1";
pub const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

pub struct Csdl<'a, 'input> {
    pub file: &'a str,
    /// `<Schema>` elements in document order.
    pub schemas: Vec<Node<'a, 'input>>,
    /// Alias -> namespace, for schemas and referenced vocabularies.
    aliases: HashMap<&'a str, &'a str>,
    /// Canonical target -> `<Annotation>` elements from `<Annotations>` blocks.
    external: HashMap<String, Vec<Node<'a, 'input>>>,
}

impl<'a, 'input> Csdl<'a, 'input> {
    pub fn new(file: &'a str, doc: &'a Document<'input>) -> Result<Self> {
        let root = doc.root_element();
        if root.tag_name().name() == "Edmx" && root.tag_name().namespace() != Some(EDMX) {
            // SAP Gateway and WCF Data Services write OData V2/V3 metadata.
            let version = root.attribute("Version").unwrap_or("?");
            let message = format!(
                "this is OData V2/V3 metadata (`edmx:Edmx` Version `{version}`); CSDL 4.0 and 4.01 (OData V4) are what is read"
            );
            return Err(error_at(file, root, message));
        }
        if root.tag_name().name() != "Edmx" || root.tag_name().namespace() != Some(EDMX) {
            return Err(error_at(file, root, "not an OData CSDL document: the root element is not `edmx:Edmx`"));
        }
        match root.attribute("Version") {
            Some("4.0" | "4.01") => {}
            Some(version) => {
                return Err(error_at(file, root, format!("CSDL version `{version}` is not supported (4.0 and 4.01 are)")));
            }
            None => return Err(error_at(file, root, "`edmx:Edmx` has no `Version`")),
        }
        let mut aliases = HashMap::new();
        let mut schemas = Vec::new();
        for node in root.descendants().filter(Node::is_element) {
            let (name, namespace) = (node.tag_name().name(), node.tag_name().namespace());
            if name == "Include" && namespace == Some(EDMX) {
                if let (Some(ns), Some(alias)) = (node.attribute("Namespace"), node.attribute("Alias")) {
                    aliases.insert(alias, ns);
                }
            } else if name == "Schema" && namespace == Some(EDM) {
                let Some(ns) = node.attribute("Namespace") else {
                    return Err(error_at(file, node, "`Schema` has no `Namespace`"));
                };
                if let Some(alias) = node.attribute("Alias") {
                    aliases.insert(alias, ns);
                }
                schemas.push(node);
            }
        }
        if schemas.is_empty() {
            return Err(error_at(file, root, "the document has no `Schema`"));
        }
        check_aliases(file, root)?;
        let mut csdl = Csdl { file, schemas, aliases, external: HashMap::new() };
        for schema in csdl.schemas.clone() {
            for block in children(schema, "Annotations") {
                let target = csdl.required(block, "Target")?;
                let target = csdl.canonical_target(target);
                csdl.external.entry(target).or_default().extend(children(block, "Annotation"));
            }
        }
        Ok(csdl)
    }

    /// `graph.entity` -> `microsoft.graph.entity`: a qualified name with its
    /// alias replaced by the namespace. Names that are already canonical, and
    /// `Edm.*`, stay as they are.
    pub fn canonical(&self, qualified: &str) -> String {
        match qualified.rsplit_once('.') {
            Some((prefix, name)) => match self.aliases.get(prefix) {
                Some(namespace) => format!("{namespace}.{name}"),
                None => qualified.to_string(),
            },
            None => qualified.to_string(),
        }
    }

    /// An annotation target with every qualified name in it made canonical:
    /// `graph.GraphService/users` -> `microsoft.graph.GraphService/users`.
    fn canonical_target(&self, target: &str) -> String {
        target.split('/').map(|segment| self.canonical(segment)).collect::<Vec<_>>().join("/")
    }

    /// The `<Annotation>` of `term` (`Org.OData.Core.V1.Description`) on
    /// `element`, written inside it or in an `<Annotations>` block for
    /// `target`. Qualified annotations (for one audience) are not the default.
    pub fn annotation(&self, element: Node<'a, 'input>, target: &str, term: &str) -> Option<Node<'a, 'input>> {
        let matches = |node: &Node| {
            node.attribute("Qualifier").is_none() && node.attribute("Term").is_some_and(|t| self.canonical(t) == term)
        };
        children(element, "Annotation")
            .find(matches)
            .or_else(|| self.external.get(target).and_then(|nodes| nodes.iter().copied().find(matches)))
    }

    /// Core.Description, with Core.LongDescription as a second paragraph.
    pub fn description(&self, element: Node<'a, 'input>, target: &str) -> Option<String> {
        let text = |term: &str| {
            self.annotation(element, target, &format!("{CORE}.{term}"))
                .and_then(string_value)
                .filter(|s| !s.trim().is_empty())
        };
        match (text("Description"), text("LongDescription")) {
            (Some(short), Some(long)) if long != short => Some(format!("{short}\n\n{long}")),
            (Some(short), _) => Some(short),
            (None, long) => long,
        }
    }

    pub fn required(&self, node: Node<'a, 'input>, attribute: &str) -> Result<&'a str> {
        node.attribute(attribute)
            .ok_or_else(|| error_at(self.file, node, format!("the `{attribute}` attribute is missing")))
    }

    pub fn error(&self, node: Node, message: impl Into<String>) -> Error {
        error_at(self.file, node, message)
    }
}

/// An alias names one namespace, and no alias is itself a namespace of the
/// document: otherwise `a.T` could mean two types.
fn check_aliases(file: &str, root: Node) -> Result<()> {
    let declares = |node: &Node| {
        let (name, namespace) = (node.tag_name().name(), node.tag_name().namespace());
        (name == "Include" && namespace == Some(EDMX)) || (name == "Schema" && namespace == Some(EDM))
    };
    let elements: Vec<Node> = root.descendants().filter(|n| n.is_element() && declares(n)).collect();
    let namespaces: HashMap<&str, Node> = elements.iter().filter_map(|n| Some((n.attribute("Namespace")?, *n))).collect();
    let mut aliases: HashMap<&str, &str> = HashMap::new();
    for node in &elements {
        let (Some(alias), Some(namespace)) = (node.attribute("Alias"), node.attribute("Namespace")) else { continue };
        if alias != namespace && namespaces.contains_key(alias) {
            return Err(error_at(file, *node, format!("the alias `{alias}` is also the name of a namespace")));
        }
        if let Some(other) = aliases.insert(alias, namespace)
            && other != namespace
        {
            return Err(error_at(file, *node, format!("the alias `{alias}` names both `{other}` and `{namespace}`")));
        }
    }
    Ok(())
}

/// `file:line:column: <Property Name="x">: message`.
pub fn error_at(file: &str, node: Node, message: impl Into<String>) -> Error {
    let position = node.document().text_pos_at(node.range().start);
    Error::new(file, format!("{}:{}", position.row, position.col), format!("{}: {}", describe(node), message.into()))
}

/// How an error names an element: its tag and `Name`, e.g. `<EntityType Name="user">`.
pub fn describe(node: Node) -> String {
    match node.attribute("Name") {
        Some(name) => format!("<{} Name=\"{name}\">", node.tag_name().name()),
        None => format!("<{}>", node.tag_name().name()),
    }
}

/// Child elements with the local name `name`.
pub fn children<'a, 'input: 'a>(node: Node<'a, 'input>, name: &'a str) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children().filter(move |child| child.is_element() && child.tag_name().name() == name)
}

/// A string constant: `String="..."` or `<String>...</String>`.
pub fn string_value(node: Node) -> Option<String> {
    node.attribute("String")
        .map(str::to_string)
        .or_else(|| children(node, "String").next().and_then(|s| s.text()).map(str::to_string))
}

/// A boolean constant: `Bool="false"` or `<Bool>false</Bool>`.
pub fn bool_value(node: Node) -> Option<bool> {
    node.attribute("Bool")
        .or_else(|| children(node, "Bool").next().and_then(|b| b.text()))
        .map(|text| text.trim() == "true")
}

/// `<PropertyValue Property="name">` of the record in an annotation (or of a record).
pub fn record_property<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    let record = if node.tag_name().name() == "Record" { Some(node) } else { children(node, "Record").next() }?;
    children(record, "PropertyValue").find(|p| p.attribute("Property") == Some(name))
}
