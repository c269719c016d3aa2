//! The names the emitted code relies on, read from that code rather than
//! listed by hand: the std prelude items and imports it names unqualified
//! (`Option`, `Into`, `Operation`), which a model type of the same name
//! would shadow; and the methods of the traits its request and update types
//! implement (`clone`, `eq`, `fmt`, `to_request`, `top`), which a setter of
//! the same name would hide.
//!
//! Both are read once per process from the crate emitted for a probe
//! description that takes every path of the emitters, and from the shipped
//! runtime; only what std itself defines (the methods of its traits) is
//! written here, as std is not our code.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use syn::visit::Visit;

/// A description that uses every shape the emitters know: structs, enums
/// (text, integer, flags), unions with and without a discriminator, maps,
/// lists, formats, and operations with every kind of parameter and body.
const PROBE: &str = r##"
openapi: 3.0.3
info: {title: probe, version: "1"}
servers: [{url: "https://probe.example"}]
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: $top, in: query, schema: {type: integer, format: int32}}
        - {name: $select, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: $orderby, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: $filter, in: query, schema: {type: string}}
        - {name: $count, in: query, schema: {type: boolean}}
        - {name: $search, in: query, schema: {type: string}}
        - {name: $skip, in: query, schema: {type: integer, format: int32}}
        - {name: $expand, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: when, in: query, schema: {type: string, format: date-time}}
        - {name: deep, in: query, style: deepObject, schema: {type: object, additionalProperties: {type: string}}}
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {$ref: "#/components/schemas/Thing"}}
                  "@odata.nextLink": {type: string}
                  "@odata.deltaLink": {type: string}
        "303": {description: Elsewhere.}
    post:
      operationId: createThing
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
      responses:
        "201": {description: Made., content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
        default: {description: Error., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
  /things/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string, format: uuid}}]
    patch:
      operationId: updateThing
      parameters: [{name: If-Match, in: header, schema: {type: string}}]
      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
      responses: {"204": {description: Done.}, "4XX": {description: No.}}
    put:
      operationId: uploadThing
      requestBody: {content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses: {"200": {description: Bytes., content: {application/octet-stream: {schema: {type: string, format: binary}}}}}
    delete:
      operationId: deleteThing
      requestBody: {content: {text/plain: {schema: {type: string}}}}
      responses: {"200": {description: Text., content: {text/plain: {schema: {type: string}}}}}
  /forms:
    post:
      operationId: sendForm
      requestBody: {content: {application/x-www-form-urlencoded: {schema: {$ref: "#/components/schemas/Shape"}}}}
      responses: {"200": {description: Dates., content: {application/json: {schema: {type: array, items: {type: string, format: date}}}}}}
    put:
      operationId: sendParts
      requestBody: {content: {multipart/form-data: {schema: {$ref: "#/components/schemas/Shape"}}}}
      responses: {"101": {description: Switching.}}
components:
  schemas:
    Problem: {type: object, required: [code], properties: {code: {type: string}}}
    Color: {type: string, enum: [red, green]}
    Level: {type: integer, enum: [1, 2]}
    Access: {type: string, enum: [read, write], x-ms-enum-flags: {isFlags: true}}
    Thing:
      type: object
      required: [name]
      properties:
        "@odata.type": {type: string}
        "@odata.etag": {type: string}
        id: {type: string, readOnly: true}
        name: {type: string}
        secret: {type: string, format: password}
        size: {type: integer, format: int64, nullable: true}
        ratio: {type: number}
        flag: {type: boolean}
        when: {type: string, format: date-time}
        day: {type: string, format: date}
        bytes: {type: string, format: byte}
        raw: {type: string, format: binary}
        address: {type: string, format: ipv4}
        color: {$ref: "#/components/schemas/Color"}
        level: {$ref: "#/components/schemas/Level"}
        access: {$ref: "#/components/schemas/Access"}
        tags: {type: array, items: {type: string, nullable: true}}
        labels: {type: object, additionalProperties: {type: string}}
        times: {type: array, items: {type: string, format: date-time}}
        shape: {$ref: "#/components/schemas/Shape"}
        either: {oneOf: [{type: integer}, {type: string}, {$ref: "#/components/schemas/Color"}]}
        any: {}
    Circle: {type: object, required: [kind, radius], properties: {kind: {type: string, enum: [circle]}, radius: {type: number}}}
    Square: {type: object, required: [kind, side], properties: {kind: {type: string, enum: [square]}, side: {type: number}}}
    Shape:
      oneOf: [{$ref: "#/components/schemas/Circle"}, {$ref: "#/components/schemas/Square"}]
      discriminator: {propertyName: kind}
"##;

thread_local! {
    /// Set while the probe is emitted: its names are assigned without the
    /// lists it is read for.
    static PROBING: Cell<bool> = const { Cell::new(false) };
}

/// What the emitted code relies on.
#[derive(Default)]
pub struct Relied {
    type_names: Vec<String>,
    /// Methods every request type has: of the traits each implements or
    /// derives (`clone`, `eq`, `to_request`) and std's blanket ones.
    pub request_methods: Vec<String>,
    /// Methods every update type has.
    pub update_methods: Vec<String>,
    /// The methods of each trait some request type implements (`TopOption`:
    /// `top`), for the traits only some of them do.
    pub trait_methods: std::collections::BTreeMap<String, Vec<String>>,
}

fn relied() -> &'static Relied {
    static RELIED: OnceLock<Relied> = OnceLock::new();
    RELIED.get_or_init(|| {
        PROBING.with(|p| p.set(true));
        let read = read_probe();
        PROBING.with(|p| p.set(false));
        read.unwrap_or_default()
    })
}

/// Names the emitted code uses unqualified (`Option`, `Into`, `Operation`),
/// which no model or request type may take.
pub fn type_names() -> &'static [String] {
    if PROBING.with(Cell::get) {
        return &[];
    }
    &relied().type_names
}

/// The methods setters may not take (see [`Relied`]).
pub fn methods() -> &'static Relied {
    static NONE: OnceLock<Relied> = OnceLock::new();
    if PROBING.with(Cell::get) {
        return NONE.get_or_init(Relied::default);
    }
    relied()
}

fn read_probe() -> Option<Relied> {
    let api = crate::parse("probe", PROBE).ok()?;
    let files = super::emit_sources(
        &api,
        &super::CrateOptions {
            package_name: "probe".into(),
            source: "probe".into(),
            ..Default::default()
        },
    )
    .ok()?;
    let shipped = super::is_shipped;
    let parse = |want_shipped: bool| -> Vec<syn::File> {
        files
            .iter()
            .filter(|(path, _)| path.ends_with(".rs") && shipped(path) == want_shipped)
            .filter_map(|(_, text)| syn::parse_file(text).ok())
            .collect()
    };
    let (generated, runtime) = (parse(false), parse(true));
    let emitted: Vec<&syn::File> = generated.iter().chain(&runtime).collect();
    // The names used where model and request types live (`models.rs`,
    // `operations.rs`): other modules name them by path.
    let mut names = Names::default();
    for (path, text) in &files {
        if matches!(path.as_str(), "src/models.rs" | "src/operations.rs")
            && let Ok(file) = syn::parse_file(text)
        {
            names.visit_file(&file);
        }
    }
    let type_names = names
        .used
        .difference(&names.defined)
        .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()) && *n != "Self")
        .cloned()
        .collect();
    // The types setters are made on: request types and update types.
    let plan = super::RustNames::assign(&api);
    let no_traits = BTreeSet::new();
    let traits_of = |types: &[&String]| -> Vec<&BTreeSet<String>> {
        types
            .iter()
            .map(|ty| names.implemented.get(ty.as_str()).unwrap_or(&no_traits))
            .collect()
    };
    let requests = traits_of(&plan.operation_types.iter().collect::<Vec<_>>());
    let updates = traits_of(&plan.update_types.values().collect::<Vec<_>>());
    let methods_of_every = |all: &[&BTreeSet<String>]| -> Vec<String> {
        let mut common: BTreeSet<&String> =
            all.first().map(|t| t.iter().collect()).unwrap_or_default();
        for traits in all {
            common.retain(|t| traits.contains(*t));
        }
        let mut methods: BTreeSet<String> = common
            .into_iter()
            .flat_map(|t| trait_methods_of(t, &emitted))
            .collect();
        methods.extend(BLANKET.iter().map(|m| m.to_string()));
        methods.into_iter().collect()
    };
    let trait_methods = requests
        .iter()
        .flat_map(|traits| traits.iter())
        .map(|t| (t.clone(), trait_methods_of(t, &emitted)))
        .collect();
    Some(Relied {
        type_names,
        request_methods: methods_of_every(&requests),
        update_methods: methods_of_every(&updates),
        trait_methods,
    })
}

/// Methods every type has through std's blanket implementations (`From`,
/// `Into`, `TryFrom`, `TryInto`, `Borrow`, `BorrowMut`, `ToOwned`, `Any`).
const BLANKET: &[&str] = &[
    "from",
    "into",
    "try_from",
    "try_into",
    "borrow",
    "borrow_mut",
    "to_owned",
    "clone_into",
    "type_id",
];

/// The methods of std's derivable traits and of the serde traits models
/// implement (std is not our code; these are its definitions).
fn std_trait_methods(name: &str) -> &'static [&'static str] {
    match name {
        "Clone" => &["clone", "clone_from"],
        "Debug" | "Display" => &["fmt"],
        "PartialEq" => &["eq", "ne"],
        "PartialOrd" => &["partial_cmp", "lt", "le", "gt", "ge"],
        "Ord" => &["cmp", "max", "min", "clamp"],
        "Hash" => &["hash", "hash_slice"],
        "Default" => &["default"],
        "Serialize" => &["serialize"],
        "Deserialize" => &["deserialize"],
        _ => &[],
    }
}

/// A trait's methods: std's, or those its definition in the emitted and
/// shipped code lists (written out, or made by a macro as `Trait { fn name(..) }`,
/// as `query.rs` makes its option traits).
fn trait_methods_of(name: &str, files: &[&syn::File]) -> Vec<String> {
    let std = std_trait_methods(name);
    if !std.is_empty() {
        return std.iter().map(|m| m.to_string()).collect();
    }
    let mut methods = Vec::new();
    for item in files.iter().flat_map(|file| &file.items) {
        match item {
            syn::Item::Trait(t) if t.ident == name => {
                methods.extend(t.items.iter().filter_map(|item| match item {
                    syn::TraitItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                }))
            }
            syn::Item::Macro(m) => macro_trait_methods(m.mac.tokens.clone(), name, &mut methods),
            _ => {}
        }
    }
    methods
}

/// `Trait { fn name(..) }` in a macro's input, at any depth.
fn macro_trait_methods(tokens: proc_macro2::TokenStream, name: &str, out: &mut Vec<String>) {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        match (tree, trees.get(index + 1)) {
            (TokenTree::Ident(ident), Some(TokenTree::Group(body))) if ident == name => {
                let inner: Vec<TokenTree> = body.stream().into_iter().collect();
                for pair in inner.windows(2) {
                    if let [TokenTree::Ident(keyword), TokenTree::Ident(method)] = pair
                        && keyword == "fn"
                    {
                        out.push(method.to_string());
                    }
                }
            }
            (TokenTree::Group(group), _) => macro_trait_methods(group.stream(), name, out),
            _ => {}
        }
    }
}

/// What a walk of the emitted code finds.
#[derive(Default)]
struct Names {
    /// First segments of paths (`Option` of `Option<T>`, `Some`, `Into`).
    used: BTreeSet<String>,
    /// Items the code defines itself.
    defined: BTreeSet<String>,
    /// Per type, the traits it implements or derives (last segments).
    implemented: std::collections::BTreeMap<String, BTreeSet<String>>,
}

impl<'ast> Visit<'ast> for Names {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none()
            && let Some(first) = path.segments.first()
        {
            self.used.insert(first.ident.to_string());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        let defined = match item {
            syn::Item::Struct(i) => Some(&i.ident),
            syn::Item::Enum(i) => Some(&i.ident),
            syn::Item::Trait(i) => Some(&i.ident),
            syn::Item::Type(i) => Some(&i.ident),
            syn::Item::Fn(i) => Some(&i.sig.ident),
            syn::Item::Mod(i) => Some(&i.ident),
            syn::Item::Const(i) => Some(&i.ident),
            syn::Item::Static(i) => Some(&i.ident),
            _ => None,
        };
        if let Some(ident) = defined {
            self.defined.insert(ident.to_string());
        }
        if let syn::Item::Impl(block) = item
            && let Some((path, _)) = &block.trait_
            && let Some(last) = path.segments.last()
            && let syn::Type::Path(ty) = &*block.self_ty
            && let Some(ty) = ty.path.segments.last()
        {
            self.implemented
                .entry(ty.ident.to_string())
                .or_default()
                .insert(last.ident.to_string());
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_use_name(&mut self, name: &'ast syn::UseName) {
        self.used.insert(name.ident.to_string());
    }

    fn visit_use_rename(&mut self, rename: &'ast syn::UseRename) {
        self.used.insert(rename.rename.to_string());
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.derives(&item.ident, &item.attrs);
        syn::visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.derives(&item.ident, &item.attrs);
        syn::visit::visit_item_enum(self, item);
    }
}

impl Names {
    fn derives(&mut self, ty: &syn::Ident, attrs: &[syn::Attribute]) {
        let traits = self.implemented.entry(ty.to_string()).or_default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
            let _ = attr.parse_nested_meta(|meta| {
                if let Some(last) = meta.path.segments.last() {
                    traits.insert(last.ident.to_string());
                }
                Ok(())
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_probe_names_what_the_code_relies_on() {
        let types = super::type_names();
        for name in [
            "Option",
            "Vec",
            "String",
            "Box",
            "Into",
            "Some",
            "Operation",
        ] {
            assert!(types.iter().any(|t| t == name), "{name} in {types:?}");
        }
        // Items the emitted code defines are not on the list.
        assert!(!types.iter().any(|t| t == "Thing"));
        let relied = super::methods();
        let methods = &relied.request_methods;
        for name in ["clone", "eq", "fmt", "into", "to_request", "parse_response"] {
            assert!(methods.iter().any(|m| m == name), "{name} in {methods:?}");
        }
        // Only the requests with options have their traits' methods.
        assert!(!methods.iter().any(|m| m == "top"));
        assert_eq!(relied.trait_methods["TopOption"], ["top"]);
        assert!(relied.update_methods.iter().any(|m| m == "serialize"));
    }
}
