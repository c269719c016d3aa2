//! The CSDL XML document as the converter reads it: schemas with their
//! namespaces and aliases, qualified names made canonical, annotations found
//! inline or through `<Annotations Target="...">`, and places in the file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use crate::error::{Error, Result};

const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// Vocabulary namespaces whose terms the converter reads.
pub const CORE: &str = "Org.OData.Core.V1";
pub const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

pub struct Csdl<'a, 'input> {
    /// The file of the service's own document.
    pub file: &'a str,
    /// Every document read, the service's own first, with how errors name it.
    documents: Vec<(&'a str, &'a Document<'input>)>,
    /// `<Schema>` elements in document order: those of the service's own
    /// document, then those that referenced documents give it.
    pub schemas: Vec<Node<'a, 'input>>,
    /// How many of `schemas` are of the service's own document: only its
    /// entity containers are the service.
    own: usize,
    /// Alias -> namespace, for schemas and referenced vocabularies.
    aliases: HashMap<&'a str, &'a str>,
    /// Canonical target -> `<Annotation>` elements from `<Annotations>` blocks.
    external: HashMap<String, Vec<Node<'a, 'input>>>,
}

impl<'a, 'input> Csdl<'a, 'input> {
    /// The service's document and the documents it references
    /// (`edmx:Reference`, read by [`referenced_texts`]), with their names.
    pub fn new(
        file: &'a str,
        doc: &'a Document<'input>,
        referenced: &'a [(String, Document<'input>)],
    ) -> Result<Self> {
        let mut documents = vec![(file, doc)];
        documents.extend(referenced.iter().map(|(name, doc)| (name.as_str(), doc)));
        let mut aliases = HashMap::new();
        let mut schemas = Vec::new();
        let mut own = 0;
        let mut included: Vec<&str> = Vec::new();
        for (index, (file, doc)) in documents.iter().enumerate() {
            let root = check_root(file, doc)?;
            check_aliases(file, root)?;
            for node in root.descendants().filter(Node::is_element) {
                let (name, namespace) = (node.tag_name().name(), node.tag_name().namespace());
                if name == "Include" && namespace == Some(EDMX) {
                    if let Some(ns) = node.attribute("Namespace") {
                        included.push(ns);
                        if let Some(alias) = node.attribute("Alias") {
                            aliases.insert(alias, ns);
                        }
                    }
                } else if name == "Schema" && namespace == Some(EDM) {
                    let Some(ns) = node.attribute("Namespace") else {
                        return Err(error_at(file, node, "`Schema` has no `Namespace`"));
                    };
                    // A referenced document gives the namespaces included from it.
                    if index > 0 && !included.contains(&ns) {
                        continue;
                    }
                    if let Some(alias) = node.attribute("Alias") {
                        aliases.insert(alias, ns);
                    }
                    schemas.push(node);
                }
            }
            if index == 0 {
                if schemas.is_empty() {
                    return Err(error_at(file, root, "the document has no `Schema`"));
                }
                own = schemas.len();
            }
        }
        let mut csdl = Csdl {
            file,
            documents,
            schemas,
            own,
            aliases,
            external: HashMap::new(),
        };
        for schema in csdl.schemas.clone() {
            for block in children(schema, "Annotations") {
                let target = csdl.required(block, "Target")?;
                let target = csdl.canonical_target(target);
                csdl.external
                    .entry(target)
                    .or_default()
                    .extend(children(block, "Annotation"));
            }
        }
        Ok(csdl)
    }

    /// The schemas of the service's own document.
    pub fn own_schemas(&self) -> &[Node<'a, 'input>] {
        &self.schemas[..self.own]
    }

    /// The name of the file `node` is in.
    pub fn file_of(&self, node: Node) -> &'a str {
        self.documents
            .iter()
            .find(|(_, doc)| std::ptr::eq(node.document(), *doc))
            .map_or(self.file, |(file, _)| file)
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
        target
            .split('/')
            .map(|segment| match segment.split_once('(') {
                // An overload: `graph.f(graph.user,Edm.String)`.
                Some((name, types)) => {
                    let types: Vec<String> = types
                        .trim_end_matches(')')
                        .split(',')
                        .filter(|t| !t.is_empty())
                        .map(|t| self.canonical_type(t.trim()))
                        .collect();
                    format!("{}({})", self.canonical(name), types.join(","))
                }
                None => self.canonical(segment),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// [`Csdl::canonical`] inside `Collection(...)` too.
    pub fn canonical_type(&self, written: &str) -> String {
        match written
            .strip_prefix("Collection(")
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(item) => format!("Collection({})", self.canonical(item)),
            None => self.canonical(written),
        }
    }

    /// The `<Annotation>` of `term` (`Org.OData.Core.V1.Description`) on
    /// `element`, written inside it or in an `<Annotations>` block for
    /// `target`. Qualified annotations (for one audience) are not the default.
    pub fn annotation(
        &self,
        element: Node<'a, 'input>,
        target: &str,
        term: &str,
    ) -> Option<Node<'a, 'input>> {
        let matches = |node: &Node| {
            node.attribute("Qualifier").is_none()
                && node
                    .attribute("Term")
                    .is_some_and(|t| self.canonical(t) == term)
        };
        children(element, "Annotation").find(matches).or_else(|| {
            self.external
                .get(target)
                .and_then(|nodes| nodes.iter().copied().find(matches))
        })
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
        node.attribute(attribute).ok_or_else(|| {
            error_at(
                self.file_of(node),
                node,
                format!("the `{attribute}` attribute is missing"),
            )
        })
    }

    /// Fails at the second of `elements` whose `Name` another one has:
    /// CSDL names are unique among a type's properties, an enum's members
    /// and a container's children, and nothing may silently win.
    pub fn unique_names(&self, elements: impl Iterator<Item = Node<'a, 'input>>) -> Result<()> {
        let mut seen: HashMap<&str, Node> = HashMap::new();
        for element in elements {
            let Some(name) = element.attribute("Name") else {
                continue;
            };
            if let Some(first) = seen.insert(name, element) {
                let line = first.document().text_pos_at(first.range().start).row;
                return Err(self.error(
                    element,
                    format!("`{name}` is defined twice here (first on line {line})"),
                ));
            }
        }
        Ok(())
    }

    pub fn error(&self, node: Node, message: impl Into<String>) -> Error {
        error_at(self.file_of(node), node, message)
    }
}

/// The `edmx:Edmx` root of a CSDL 4.0 or 4.01 document.
fn check_root<'a, 'input>(file: &str, doc: &'a Document<'input>) -> Result<Node<'a, 'input>> {
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
        return Err(error_at(
            file,
            root,
            "not an OData CSDL document: the root element is not `edmx:Edmx`",
        ));
    }
    match root.attribute("Version") {
        Some("4.0" | "4.01") => Ok(root),
        Some(version) => Err(error_at(
            file,
            root,
            format!("CSDL version `{version}` is not supported (4.0 and 4.01 are)"),
        )),
        None => Err(error_at(file, root, "`edmx:Edmx` has no `Version`")),
    }
}

/// XML text as a document, or the error with its place.
pub fn parse_xml<'input>(file: &str, text: &'input str) -> Result<Document<'input>> {
    Document::parse(text).map_err(|e| {
        let position = e.pos();
        let place = format!("{}:{}", position.row, position.col);
        // roxmltree ends its message with " at line:column"; the place goes in front instead.
        let message = e.to_string();
        let message = message
            .strip_suffix(&format!(" at {place}"))
            .unwrap_or(&message)
            .to_string();
        Error::new(file, place, format!("not well-formed XML: {message}"))
    })
}

/// The documents that `doc` (read from `path`) references with
/// `edmx:Reference Uri="..."`, and those they reference, as (name, text):
/// files on this machine, relative to the referencing one. A reference to a
/// network address (the standard vocabularies: Core, Capabilities) is not
/// fetched; the generator knows the terms it reads.
pub fn referenced_texts(
    file: &str,
    doc: &Document,
    path: Option<&Path>,
) -> Result<Vec<(String, String)>> {
    let mut seen: Vec<PathBuf> = path
        .iter()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
        .collect();
    let mut texts: Vec<(String, String)> = Vec::new();
    // (document name, its folder on disk, references in it), breadth first.
    let mut pending = vec![(
        file.to_string(),
        path.map(|p| p.parent().unwrap_or(Path::new("")).to_path_buf()),
        references(doc),
    )];
    while let Some((name, folder, uris)) = pending.pop() {
        for (uri, place, element) in uris {
            if uri.contains("://") {
                continue;
            }
            let Some(folder) = &folder else {
                let message = format!(
                    "<Reference>: `{uri}` is another file, which is read only when the description is read from a file"
                );
                return Err(Error::new(&name, place, message));
            };
            let target = folder.join(&uri);
            let target = target.canonicalize().unwrap_or(target);
            if seen.contains(&target) {
                continue;
            }
            seen.push(target.clone());
            if texts.len() >= crate::limits::REFERENCED_FILES {
                let message = format!(
                    "<{element}>: more than {} other documents are referenced",
                    crate::limits::REFERENCED_FILES
                );
                return Err(Error::new(&name, place, message));
            }
            let shown = Path::new(&name)
                .parent()
                .unwrap_or(Path::new(""))
                .join(&uri)
                .display()
                .to_string()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&target).map_err(|e| {
                Error::new(
                    &name,
                    place.clone(),
                    format!("<Reference>: cannot read `{shown}`: {e}"),
                )
            })?;
            let referenced = parse_xml(&shown, &text)?;
            let more = references(&referenced);
            pending.insert(
                0,
                (
                    shown.clone(),
                    Some(target.parent().unwrap_or(Path::new("")).to_path_buf()),
                    more,
                ),
            );
            texts.push((shown, text));
        }
    }
    Ok(texts)
}

/// The `Uri`s of a document's `edmx:Reference`s, with their places.
fn references(doc: &Document) -> Vec<(String, String, &'static str)> {
    doc.root_element()
        .children()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == "Reference"
                && n.tag_name().namespace() == Some(EDMX)
        })
        .filter_map(|n| {
            let position = doc.text_pos_at(n.range().start);
            Some((
                n.attribute("Uri")?.to_string(),
                format!("{}:{}", position.row, position.col),
                "Reference",
            ))
        })
        .collect()
}

/// An alias names one namespace, and no alias is itself a namespace of the
/// document: otherwise `a.T` could mean two types.
fn check_aliases(file: &str, root: Node) -> Result<()> {
    let declares = |node: &Node| {
        let (name, namespace) = (node.tag_name().name(), node.tag_name().namespace());
        (name == "Include" && namespace == Some(EDMX))
            || (name == "Schema" && namespace == Some(EDM))
    };
    let elements: Vec<Node> = root
        .descendants()
        .filter(|n| n.is_element() && declares(n))
        .collect();
    let namespaces: HashMap<&str, Node> = elements
        .iter()
        .filter_map(|n| Some((n.attribute("Namespace")?, *n)))
        .collect();
    let mut aliases: HashMap<&str, &str> = HashMap::new();
    for node in &elements {
        let (Some(alias), Some(namespace)) = (node.attribute("Alias"), node.attribute("Namespace"))
        else {
            continue;
        };
        if alias != namespace && namespaces.contains_key(alias) {
            return Err(error_at(
                file,
                *node,
                format!("the alias `{alias}` is also the name of a namespace"),
            ));
        }
        if let Some(other) = aliases.insert(alias, namespace)
            && other != namespace
        {
            return Err(error_at(
                file,
                *node,
                format!("the alias `{alias}` names both `{other}` and `{namespace}`"),
            ));
        }
    }
    Ok(())
}

/// `file:line:column: <Property Name="x">: message`.
pub fn error_at(file: &str, node: Node, message: impl Into<String>) -> Error {
    let position = node.document().text_pos_at(node.range().start);
    Error::new(
        file,
        format!("{}:{}", position.row, position.col),
        format!("{}: {}", describe(node), message.into()),
    )
}

/// How an error names an element: its tag and `Name`, e.g. `<EntityType Name="user">`.
pub fn describe(node: Node) -> String {
    match node.attribute("Name") {
        Some(name) => format!("<{} Name=\"{name}\">", node.tag_name().name()),
        None => format!("<{}>", node.tag_name().name()),
    }
}

/// Child elements with the local name `name`.
pub fn children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |child| child.is_element() && child.tag_name().name() == name)
}

/// A string constant: `String="..."` or `<String>...</String>`.
pub fn string_value(node: Node) -> Option<String> {
    node.attribute("String").map(str::to_string).or_else(|| {
        children(node, "String")
            .next()
            .and_then(|s| s.text())
            .map(str::to_string)
    })
}

/// A boolean constant: `Bool="false"` or `<Bool>false</Bool>`.
pub fn bool_value(node: Node) -> Option<bool> {
    node.attribute("Bool")
        .or_else(|| children(node, "Bool").next().and_then(|b| b.text()))
        .map(|text| text.trim() == "true")
}

/// `<PropertyValue Property="name">` of the record in an annotation (or of a record).
pub fn record_property<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    let record = if node.tag_name().name() == "Record" {
        Some(node)
    } else {
        children(node, "Record").next()
    }?;
    children(record, "PropertyValue").find(|p| p.attribute("Property") == Some(name))
}
