//! Differential test on real data: each CSDL document in `../shared/corpus/csdl`
//! (`X.xml`) is read by the CSDL front end, and the OpenAPI document the OASIS
//! CSDL->OpenAPI converter made from it (`X.openapi3.json`) by the OpenAPI
//! front end. The structured types must agree (names, properties, types,
//! optionality), and so must every operation both describe. Each difference
//! that remains is one the conversion makes by its nature; [`Inherent`] lists
//! them, with the reason, in one place. Anything else fails the test.
//!
//! Reads `../shared`; prints a notice and passes when it is absent (CI has it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sdkgen::model::*;

/// Differences inherent to the CSDL -> OpenAPI conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Inherent {
    /// The converter adds schemas with no CSDL type behind them.
    ConverterSchemas,
    /// The CSDL front end adds the types Microsoft Graph's converter names.
    GraphConventionTypes,
    /// `@odata.type` control information.
    ODataType,
    /// `@odata.etag` of entities whose set declares optimistic concurrency.
    ODataETag,
    /// Keys the service does not fill are required.
    RequiredKeys,
    /// `Navigation@odata.count` properties.
    NavigationCounts,
    /// Spatial types as a GeoJSON schema.
    Spatial,
    /// Converter error responses.
    ErrorShape,
    /// PATCH answered with 204 only.
    PatchAnswer,
    /// No If-Match on DELETE.
    IfMatch,
    /// 4.01 documents: system query options without `$`.
    QueryOptionPrefix,
    /// `$expand` where there is nothing to expand.
    ExpandEverywhere,
    /// Types the CSDL front end names for actions and functions.
    CallTypes,
    /// Query options on functions that answer collections.
    FunctionQueryOptions,
    /// `$ref` operations the OASIS converter does not describe.
    ReferenceOperations,
    /// Bound operations under deeper paths than the CSDL front end goes.
    BoundDepth,
    /// Paths the CSDL front end does not make.
    Batch,
    MediaResources,
    /// A `Content-Type` header for media sent.
    MediaContentType,
    NavigationReferences,
    RecursionDepth,
}

impl Inherent {
    fn reason(self) -> &'static str {
        match self {
            Inherent::ConverterSchemas => {
                "the converter adds `T-create`/`T-update` body schemas, `count`, `error`, `entityReference` and GeoJSON schemas; the CSDL has no such types and the CSDL front end sends `T` itself"
            }
            Inherent::GraphConventionTypes => {
                "the CSDL front end adds `TCollectionResponse` pages and the `ODataErrors` family as Microsoft Graph's converter names them; the OASIS converter inlines pages and uses one `error` schema"
            }
            Inherent::ODataType => {
                "the CSDL front end gives root types an `@odata.type` property (Graph's converter does the same); the OASIS converter does not"
            }
            Inherent::NavigationCounts => {
                "the OASIS converter adds `Nav@odata.count` (`Nav@count` for 4.01) beside navigation collections; that is control information of a response, not a property"
            }
            Inherent::Spatial => "spatial types become a GeoJSON schema in OpenAPI and stay JSON values from CSDL",
            Inherent::ErrorShape => {
                "the converter answers errors with 4XX and its own `error` schema; the CSDL front end with 4XX and 5XX and the ODataError types"
            }
            Inherent::PatchAnswer => {
                "OData lets a PATCH answer 200 with the entity (Prefer: return=representation) or 204; the converter lists only 204"
            }
            Inherent::IfMatch => "the CSDL front end lets DELETE send an ETag in If-Match, as Graph's converter does; the OASIS converter does not",
            Inherent::QueryOptionPrefix => "for OData 4.01 the converter names system query options without `$`; Graph expects `$top`",
            Inherent::ExpandEverywhere => {
                "the CSDL front end offers `$expand` on every entity, as Graph's converter does (`*` at least); the OASIS converter only where there are navigation properties"
            }
            Inherent::CallTypes => {
                "the CSDL front end names the JSON object of an action's parameters (`{name}RequestBody`) and the `{\"value\": ...}` answer of a primitive (`{name}Response`); the converter inlines both (they are compared by their properties)"
            }
            Inherent::FunctionQueryOptions => {
                "a function that answers a collection takes the system query options, as Graph's converter describes `delta()`; the OASIS converter of the corpus gives it none"
            }
            Inherent::ReferenceOperations => {
                "the CSDL front end adds `$ref` operations on non-contained navigation properties (add, set and remove a reference, with a `ReferenceCreate` body), as Graph's converter does; the OASIS converter does not"
            }
            Inherent::BoundDepth => {
                "bound actions and functions are made under paths of at most one containment navigation; the converter goes to its depth limit"
            }
            Inherent::Batch => "`$batch` is not made into an operation",
            Inherent::MediaResources => {
                "the CSDL front end also replaces media (`PUT .../$value`) and reads and replaces stream properties; the OASIS converter of the corpus only reads a media entity's `$value`"
            }
            Inherent::MediaContentType => "media sent by the CSDL front end's operations can say its type in a `Content-Type` header",
            Inherent::NavigationReferences => {
                "a navigation property that is not a containment is read (and its references changed) one level under sets and singletons; deeper, and creating related entities through it, its target is reached through its own entity set"
            }
            Inherent::RequiredKeys => {
                "a non-nullable key the service does not compute (no `Core.Computed`/`ComputedDefaultValue`) is always in an entity and sent on create: required; the converter marks no property required"
            }
            Inherent::ODataETag => {
                "an entity of a set with `Core.OptimisticConcurrency` reads its ETag from `@odata.etag`, which the CSDL front end makes a property (what `etag()` and `If-Match` use); the converter leaves it out"
            }
            Inherent::RecursionDepth => {
                "recursive containment (a folder of folders) is followed once; the converter goes on to its depth limit"
            }
        }
    }
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/csdl");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: {} is absent; the differential test is skipped (CI has it)", dir.display());
        None
    }
}

/// The pairs in the corpus: `X.xml` with `X.openapi3.json`.
fn pairs(dir: &Path) -> Vec<(String, Api, Api)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".xml").map(str::to_string))
        .filter(|name| dir.join(format!("{name}.openapi3.json")).is_file())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |file: String| {
                let text = std::fs::read_to_string(dir.join(&file)).unwrap();
                sdkgen::parse(&file, &text).unwrap_or_else(|e| panic!("{e}"))
            };
            let csdl = read(format!("{name}.xml"));
            let openapi = read(format!("{name}.openapi3.json"));
            (name, csdl, openapi)
        })
        .collect()
}

/// A type reference, spelled the same whichever front end made it.
fn spell(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => format!("{p:?}"),
        TypeRef::Named(id) => api.type_def(*id).name.trim_end_matches("-create").trim_end_matches("-update").to_string(),
        TypeRef::Array(items) => format!("Vec<{}>", spell(api, items)),
        TypeRef::Map(values) => format!("Map<{}>", spell(api, values)),
        TypeRef::Nullable(inner) => format!("Option<{}>", spell(api, inner)),
        TypeRef::Any => "Any".to_string(),
    }
}

#[derive(Default)]
struct Report {
    /// What was compared and agreed.
    types: usize,
    properties: usize,
    operations: usize,
    /// Explained differences, with an example each.
    inherent: BTreeMap<Inherent, (usize, String)>,
    /// Differences nothing explains.
    unexplained: Vec<String>,
}

impl Report {
    fn inherent(&mut self, kind: Inherent, example: String) {
        let entry = self.inherent.entry(kind).or_insert((0, example));
        entry.0 += 1;
    }

    fn check(&mut self, kind: Option<Inherent>, difference: String) {
        match kind {
            Some(kind) => self.inherent(kind, difference),
            None => self.unexplained.push(difference),
        }
    }
}

fn compare_types(name: &str, csdl: &Api, openapi: &Api, report: &mut Report) {
    let by_name: BTreeMap<&str, TypeId> =
        openapi.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), TypeId(i))).collect();
    let csdl_names: BTreeSet<&str> = csdl.types.iter().map(|t| t.name.as_str()).collect();
    for (index, def) in csdl.types.iter().enumerate() {
        let Some(&other) = by_name.get(def.name.as_str()) else {
            let synthesized = def.name.ends_with("CollectionResponse") || def.name.contains(".ODataErrors.");
            let call = def.name.ends_with("RequestBody") || def.name.ends_with("Response");
            let kind = if synthesized {
                Some(Inherent::GraphConventionTypes)
            } else if def.name.ends_with(".ReferenceCreate") {
                Some(Inherent::ReferenceOperations)
            } else if call {
                Some(Inherent::CallTypes)
            } else {
                None
            };
            report.check(kind, format!("{name}: only from CSDL: {}", def.name));
            continue;
        };
        report.types += 1;
        match (&def.kind, &openapi.type_def(other).kind) {
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                let members = |e: &EnumType| e.members.iter().map(|m| m.value.clone()).collect::<Vec<_>>();
                if members(a) != members(b) {
                    report.unexplained.push(format!("{name}: {}: members {:?} vs {:?}", def.name, members(a), members(b)));
                }
            }
            (TypeKind::Struct(_), TypeKind::Struct(_)) => {
                compare_properties(name, &def.name, csdl, TypeId(index), openapi, other, report)
            }
            _ => report.unexplained.push(format!("{name}: {}: an enum on one side only", def.name)),
        }
    }
    for def in &openapi.types {
        if !csdl_names.contains(def.name.as_str()) {
            let converter_made = def.name.ends_with("-create")
                || def.name.ends_with("-update")
                || ["count", "error", "entityReference", "geoPoint", "geoPosition"].contains(&def.name.as_str())
                // Inline schemas of the converter's responses, named from their place.
                || def.name.contains('_');
            report.check(converter_made.then_some(Inherent::ConverterSchemas), format!("{name}: only from OpenAPI: {}", def.name));
        }
    }
}

fn compare_properties(name: &str, ty: &str, csdl: &Api, a: TypeId, openapi: &Api, b: TypeId, report: &mut Report) {
    let ours = csdl.all_properties(a);
    let theirs = openapi.all_properties(b);
    for property in &ours {
        if property.name == "@odata.type" {
            report.inherent(Inherent::ODataType, format!("{name}: {ty}"));
        }
        if property.name == "@odata.etag" {
            report.inherent(Inherent::ODataETag, format!("{name}: {ty}"));
        }
    }
    for property in &theirs {
        if is_count(&property.name) {
            report.inherent(Inherent::NavigationCounts, format!("{name}: {ty}.{}", property.name));
        }
    }
    let ours: Vec<&Property> = ours.into_iter().filter(|p| !matches!(p.name.as_str(), "@odata.type" | "@odata.etag")).collect();
    let theirs: Vec<&Property> = theirs.into_iter().filter(|p| !is_count(&p.name)).collect();
    let names = |ps: &[&Property]| ps.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    if names(&ours) != names(&theirs) {
        report.unexplained.push(format!("{name}: {ty}: properties {:?} vs {:?}", names(&ours), names(&theirs)));
        return;
    }
    for (x, y) in ours.iter().zip(&theirs) {
        report.properties += 1;
        let (tx, ty_) = (spell(csdl, &x.ty), spell(openapi, &y.ty));
        if tx != ty_ {
            let kind = match (&x.ty, &y.ty) {
                (TypeRef::Any, TypeRef::Named(_)) if ty_.starts_with("geo") => Some(Inherent::Spatial),
                _ => None,
            };
            report.check(kind, format!("{name}: {ty}.{}: {tx} vs {ty_}", x.name));
        }
        if (x.required, x.nullable) == (true, y.nullable) && !y.required && x.access != sdkgen::model::Access::ReadWrite {
            report.inherent(Inherent::RequiredKeys, format!("{name}: {ty}.{}", x.name));
        } else if (x.required, x.nullable) != (y.required, y.nullable) {
            report.unexplained.push(format!(
                "{name}: {ty}.{}: required/nullable {:?} vs {:?}",
                x.name,
                (x.required, x.nullable),
                (y.required, y.nullable)
            ));
        }
    }
}

fn is_count(name: &str) -> bool {
    name.ends_with("@odata.count") || name.ends_with("@count")
}

/// `/Wholes/{Whole-id}/Many(One={SubPart-One},Two={SubPart-Two})` and
/// `/Wholes('{ID}')/Many(One={One_2},Two={Two_2})` -> `/Wholes(key)/Many(key)`.
/// Actions and functions are named without their namespace or alias
/// (`Containment.Likes()` and `self.Likes` -> `call:Likes`), their
/// arguments as a key.
fn normalize(path: &str) -> String {
    let mut segments: Vec<String> = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let (name, arguments) = segment.split_once('(').unwrap_or((segment, ""));
        if !segment.starts_with('{') && name.contains('.') {
            let short = name.rsplit('.').next().unwrap_or(name);
            let key = if arguments.trim_end_matches(')').is_empty() { "" } else { "(key)" };
            segments.push(format!("call:{short}{key}"));
        } else if segment.starts_with('{') {
            if let Some(last) = segments.last_mut() {
                last.push_str("(key)");
            }
        } else if let Some((name, _)) = segment.split_once('(').filter(|_| segment.ends_with(')')) {
            segments.push(format!("{name}(key)"));
        } else {
            segments.push(segment.to_string());
        }
    }
    format!("/{}", segments.join("/"))
}

fn compare_operations(name: &str, csdl: &Api, openapi: &Api, xml: &str, report: &mut Report) {
    let key = |op: &Operation| (op.method, normalize(&op.path.template()));
    let theirs: BTreeMap<_, &Operation> = openapi.operations.iter().map(|op| (key(op), op)).collect();
    let ours: BTreeMap<_, &Operation> = csdl.operations.iter().map(|op| (key(op), op)).collect();
    for (k, op) in &ours {
        match theirs.get(k) {
            Some(other) => compare_operation(name, csdl, op, openapi, other, report),
            None => {
                let sends_media = op.request_body.as_ref().is_some_and(|b| b.ty == Some(TypeRef::Primitive(Primitive::Binary)));
                let answers_media = op.responses.iter().any(|r| r.body.as_ref().is_some_and(|b| b.ty == Some(TypeRef::Primitive(Primitive::Binary))));
                let kind = if op.path.template().ends_with("/$ref") {
                    Some(Inherent::ReferenceOperations)
                } else if sends_media || answers_media {
                    Some(Inherent::MediaResources)
                } else {
                    None
                };
                report.check(kind, format!("{name}: only from CSDL: {} {}", op.method.as_str(), op.path))
            }
        }
    }
    // What the converter describes and the CSDL front end does not.
    for (k, op) in &theirs {
        if ours.contains_key(k) {
            continue;
        }
        let path = &k.1;
        let last = path.rsplit('/').next().unwrap_or("");
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).map(|s| s.trim_end_matches("(key)")).collect();
        let posts_media = op.method == Method::Post
            && matches!(
                op.request_body.as_ref().and_then(|b| b.ty.as_ref()),
                Some(TypeRef::Primitive(Primitive::String | Primitive::Binary))
            );
        let kind = if path == "/$batch" {
            Some(Inherent::Batch)
        } else if last == "$value" || posts_media {
            Some(Inherent::MediaResources)
        } else if last.starts_with("call:") && segments.iter().filter(|s| !s.starts_with("call:")).count() > 2 {
            Some(Inherent::BoundDepth)
        } else if segments.iter().enumerate().any(|(i, s)| segments[..i].contains(s) && i > 0 && segments[1..i].contains(s))
            || segments.windows(2).any(|w| w[0] == w[1])
        {
            Some(Inherent::RecursionDepth)
        } else if segments.iter().skip(1).any(|s| is_reference(xml, s)) {
            Some(Inherent::NavigationReferences)
        } else {
            None
        };
        report.check(kind, format!("{name}: only from OpenAPI: {} {}", op.method.as_str(), op.path));
    }
}

/// Whether `name` is a navigation property the document does not mark as a containment.
fn is_reference(xml: &str, name: &str) -> bool {
    xml.split("<NavigationProperty ")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
        .any(|attributes| attributes.contains(&format!("Name=\"{name}\"")) && !attributes.contains("ContainsTarget=\"true\""))
}

fn compare_operation(name: &str, csdl: &Api, ours: &Operation, openapi: &Api, theirs: &Operation, report: &mut Report) {
    report.operations += 1;
    let at = format!("{name}: {} {}", ours.method.as_str(), ours.path);
    let parameters = |op: &Operation, location: ParameterLocation| -> BTreeSet<String> {
        op.parameters.iter().filter(|p| p.location == location).map(|p| p.name.trim_start_matches('$').to_string()).collect()
    };
    let dollar = ours.parameters.iter().any(|p| p.name.starts_with('$'));
    let undollared = theirs.parameters.iter().any(|p| p.location == ParameterLocation::Query && !p.name.starts_with('$'));
    if dollar && undollared {
        report.inherent(Inherent::QueryOptionPrefix, at.clone());
    }
    let (our_query, their_query) = (parameters(ours, ParameterLocation::Query), parameters(theirs, ParameterLocation::Query));
    if our_query != their_query {
        let extra_only = |allowed: &[&str]| {
            their_query.is_subset(&our_query) && our_query.difference(&their_query).all(|q| allowed.contains(&q.as_str()))
        };
        let options = ["top", "skip", "search", "filter", "count", "orderby", "select", "expand"];
        let calls_function = ours.method == Method::Get && ours.path.template().ends_with(')');
        let kind = if extra_only(&["expand"]) {
            Some(Inherent::ExpandEverywhere)
        } else if calls_function && extra_only(&options) {
            Some(Inherent::FunctionQueryOptions)
        } else {
            None
        };
        report.check(kind, format!("{at}: query {our_query:?} vs {their_query:?}"));
    }
    let (our_headers, their_headers) = (parameters(ours, ParameterLocation::Header), parameters(theirs, ParameterLocation::Header));
    if our_headers != their_headers {
        let extra_only = |header: &str| our_headers.difference(&their_headers).all(|h| h == header) && their_headers.is_subset(&our_headers);
        let kind = if extra_only("If-Match") {
            Some(Inherent::IfMatch)
        } else if extra_only("Content-Type") {
            Some(Inherent::MediaContentType)
        } else {
            None
        };
        report.check(kind, format!("{at}: headers {our_headers:?} vs {their_headers:?}"));
    }
    let path_types = |api: &Api, op: &Operation| -> Vec<String> {
        op.parameters.iter().filter(|p| p.location == ParameterLocation::Path).map(|p| spell(api, &p.ty)).collect()
    };
    let (a, b) = (path_types(csdl, ours), path_types(openapi, theirs));
    if a != b {
        report.unexplained.push(format!("{at}: key types {a:?} vs {b:?}"));
    }
    let body = |api: &Api, op: &Operation| op.request_body.as_ref().and_then(|b| b.ty.as_ref()).map(|t| spell(api, t));
    let (our_body, their_body) = (body(csdl, ours), body(openapi, theirs));
    if our_body != their_body {
        // An action's parameters: our named object against the converter's inline one.
        let members = |api: &Api, op: &Operation| match op.request_body.as_ref().and_then(|b| b.ty.as_ref()) {
            Some(TypeRef::Named(id)) => Some(api.all_properties(*id).iter().map(|p| (p.name.clone(), spell(api, &p.ty))).collect::<Vec<_>>()),
            _ => None,
        };
        let named_by_us = our_body.as_deref().is_some_and(|b| b.ends_with("RequestBody"));
        let same_members = members(csdl, ours).is_some() && members(csdl, ours) == members(openapi, theirs);
        let kind = (named_by_us && same_members).then_some(Inherent::CallTypes);
        report.check(kind, format!("{at}: body {our_body:?} vs {their_body:?}"));
    }
    // Success answers: the same statuses with bodies of the same type (a page is
    // compared by its items).
    let answers = |api: &Api, op: &Operation| -> BTreeMap<StatusMatch, Option<String>> {
        op.responses
            .iter()
            .filter(|r| r.status.is_success())
            .map(|r| {
                // A page, or a value wrapped in `{"value": ...}`, is compared by its value.
                let ty = r.body.as_ref().and_then(|b| b.ty.as_ref()).map(|ty| match ty {
                    TypeRef::Named(id) => {
                        let properties = api.all_properties(*id);
                        let wrapper = properties.iter().all(|p| ["value", "@odata.nextLink", "@odata.count"].contains(&p.name.as_str()));
                        match properties.iter().find(|p| p.name == "value") {
                            Some(value) if wrapper || matches!(value.ty, TypeRef::Array(_)) => spell(api, &value.ty),
                            _ => spell(api, ty),
                        }
                    }
                    other => spell(api, other),
                });
                (r.status, ty)
            })
            .collect()
    };
    let (mut a, b) = (answers(csdl, ours), answers(openapi, theirs));
    if ours.method == Method::Patch && a.len() == 2 && b.len() == 1 && b.contains_key(&StatusMatch::Code(204)) {
        report.inherent(Inherent::PatchAnswer, at.clone());
        a.remove(&StatusMatch::Code(200));
    }
    if a != b {
        report.unexplained.push(format!("{at}: answers {a:?} vs {b:?}"));
    }
    let errors = |op: &Operation| op.responses.iter().filter(|r| !r.status.is_success()).map(|r| r.status).collect::<Vec<_>>();
    if errors(ours) != errors(theirs) {
        report.inherent(Inherent::ErrorShape, at);
    }
}

#[test]
fn csdl_and_its_converted_openapi_agree() {
    let Some(dir) = corpus() else { return };
    let pairs = pairs(&dir);
    assert!(pairs.len() >= 3, "expected the corpus pairs, found {}", pairs.len());
    let mut report = Report::default();
    for (name, csdl, openapi) in &pairs {
        let xml = std::fs::read_to_string(dir.join(format!("{name}.xml"))).unwrap();
        compare_types(name, csdl, openapi, &mut report);
        compare_operations(name, csdl, openapi, &xml, &mut report);
    }
    println!(
        "agreed: {} types, {} properties, {} operations across {} pairs",
        report.types,
        report.properties,
        report.operations,
        pairs.len()
    );
    for (kind, (count, example)) in &report.inherent {
        println!("inherent {kind:?} x{count} (e.g. {example}): {}", kind.reason());
    }
    assert!(report.unexplained.is_empty(), "unexplained differences:\n{}", report.unexplained.join("\n"));
    assert!(report.types >= 20 && report.properties >= 80 && report.operations >= 60, "too little was compared");
}
