//! Real Microsoft Graph metadata from `../shared/corpus/graph`: the whole v1.0
//! CSDL is read and generated without error, and the beta fixture's
//! userPFXCertificate matches the real beta excerpt it was written from.
//! Timings are not asserted here: `cargo xtask bench` reports them.
//!
//! Reads `../shared`; prints a notice and passes when it is absent (CI has it).

use std::path::{Path, PathBuf};

use sdkgen::model::{TypeKind, TypeRef};
use sdkgen::{CrateOptions, Layout};

fn shared(file: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/graph")
        .join(file);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("notice: {} is absent; skipped (CI has it)", path.display());
        None
    }
}

/// `Name="..."` of every element `<{tag} ` in the text.
fn names_of<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| rest.split("Name=\"").nth(1)?.split('"').next())
        .collect()
}

/// Names of the entity, complex and enum types, in document order.
fn declared_types(xml: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if ["EntityType ", "ComplexType ", "EnumType "]
            .iter()
            .any(|tag| rest.starts_with(tag))
            && let Some(name) = rest
                .split("Name=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
        {
            names.push(name);
        }
    }
    names
}

#[test]
fn the_whole_graph_v1_metadata_is_read_and_generated() {
    let Some(path) = shared("v1.0-Prod.csdl") else {
        return;
    };
    let xml = std::fs::read_to_string(&path).unwrap();
    let api = sdkgen::parse("v1.0-Prod.csdl", &xml).unwrap_or_else(|e| panic!("{e}"));

    // Every entity, complex and enum type became a model type, in document
    // order; the types the conventions add (pages, errors) come after them.
    let declared = declared_types(&xml);
    assert!(declared.len() > 3500, "{} types declared", declared.len());
    let read: Vec<&str> = api
        .types
        .iter()
        .take(declared.len())
        .map(|t| t.name.rsplit('.').next().unwrap())
        .collect();
    assert_eq!(read, declared);
    let added = &api.types[declared.len()..];
    // (and the JSON objects of action parameters, and `{"value": ...}` answers).
    assert!(added.iter().all(|t| {
        // Overloads of a name are told apart by a number.
        let name = t.name.trim_end_matches(|c: char| c.is_ascii_digit());
        name.ends_with("CollectionResponse")
            || name.ends_with("CollectionResponsePage")
            || name.contains(".ODataErrors.")
            || name.ends_with("RequestBody")
            || name.ends_with("Response")
            || name.ends_with(".ReferenceCreate")
    }));
    let enums = api
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Enum(_)))
        .count();
    assert_eq!(enums, names_of(&xml, "EnumType").len());

    // Every entity set and singleton has operations at its path.
    for name in names_of(&xml, "EntitySet")
        .into_iter()
        .chain(names_of(&xml, "Singleton"))
    {
        let path = format!("/{name}");
        assert!(
            api.operations.iter().any(|op| op.path.template() == path
                || op.path.template().starts_with(&format!("{path}/"))),
            "no operation under {path}"
        );
    }
    // Containment nests: /users/{user-id}/mailFolders/{mailFolder-id}/messages.
    let messages = api
        .operations
        .iter()
        .find(|op| op.path.template() == "/users/{user-id}/mailFolders/{mailFolder-id}/messages");
    assert!(
        messages.is_some(),
        "messages of a user's mail folder are listed"
    );

    // Actions and functions: bound to an entity, to a collection, through a
    // singleton; function parameters in the path as OData literals.
    let operation = |method: &str, path: &str| {
        api.operations
            .iter()
            .find(|op| op.method.as_str() == method && op.path.template() == path)
            .unwrap_or_else(|| panic!("no {method} {path}"))
    };
    let send_mail = operation("POST", "/users/{user-id}/microsoft.graph.sendMail");
    let Some(TypeRef::Named(body)) = send_mail.request_body.as_ref().and_then(|b| b.ty.clone())
    else {
        panic!("sendMail has no body type")
    };
    let body: Vec<String> = api
        .all_properties(body)
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(body, ["Message", "SaveToSentItems"]);
    assert_eq!(
        send_mail.responses[0].status,
        sdkgen::model::StatusMatch::Code(204)
    );
    operation("POST", "/me/microsoft.graph.sendMail");
    let delta = operation("GET", "/users/microsoft.graph.delta()");
    let Some(TypeRef::Named(page)) = delta.responses[0].body.as_ref().and_then(|b| b.ty.clone())
    else {
        panic!("delta has no answer type")
    };
    // A delta page: its last one carries the link for the next round.
    assert_eq!(api.type_def(page).name, "microsoft.graph.userDeltaResponse");
    let TypeKind::Struct(page) = &api.type_def(page).kind else {
        panic!("a page is a struct")
    };
    assert_eq!(
        page.page.as_ref().and_then(|p| p.delta_link.as_deref()),
        Some("@odata.deltaLink")
    );
    // `GET /users/delta()?$select=displayName`: a function answering a collection takes the query options.
    let delta_options: Vec<&str> = delta.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        delta_options,
        [
            "$top", "$skip", "$search", "$filter", "$count", "$orderby", "$select", "$expand"
        ]
    );
    operation(
        "GET",
        "/me/microsoft.graph.reminderView(StartDateTime='{StartDateTime}',EndDateTime='{EndDateTime}')",
    );
    // Media: a profile photo (a media entity) and a drive item's content (a stream property).
    operation("GET", "/me/photo/$value");
    operation("PUT", "/me/photo/$value");
    operation("GET", "/drives/{drive-id}/items/{driveItem-id}/content");
    operation("PUT", "/drives/{drive-id}/items/{driveItem-id}/content");
    // References: a group's members are listed and added by reference; a user's manager is set.
    operation("GET", "/groups/{group-id}/members");
    operation("POST", "/groups/{group-id}/members/$ref");
    operation(
        "DELETE",
        "/groups/{group-id}/members/{directoryObject-id}/$ref",
    );
    operation("GET", "/me/manager");
    operation("PUT", "/users/{user-id}/manager/$ref");
    let declared_calls = names_of(&xml, "Action").len() + names_of(&xml, "Function").len();
    let calls: std::collections::BTreeSet<String> = api
        .operations
        .iter()
        .map(|op| op.path.template())
        .filter_map(|path| {
            path.rsplit('/')
                .next()
                .filter(|last| last.starts_with("microsoft.graph."))
                .map(str::to_string)
        })
        .map(|last| last.split('(').next().unwrap().to_string())
        .collect();
    println!(
        "v1.0: {declared_calls} actions and functions declared, {} distinct ones made into operations",
        calls.len()
    );
    assert!(
        calls.len() > 500,
        "only {} actions and functions have operations",
        calls.len()
    );

    let options = CrateOptions {
        package_name: "msgraph-v1".into(),
        source: "v1.0-Prod.csdl".into(),
        layout: Layout::Single,
        ..Default::default()
    };
    let files = sdkgen::emit_crate(&api, &options).unwrap_or_else(|e| panic!("{e}"));
    // `microsoft.graph.user` and `microsoft.graph.security.user` both exist:
    // the service's own namespace keeps the short name.
    assert!(files["src/models.rs"].contains("pub struct User {"));
    assert!(files["src/models.rs"].contains("pub struct SecurityUser {"));
    assert!(files["src/operations.rs"].contains("pub struct ListUser {"));
    assert!(
        files["src/operations.rs"]
            .contains(".argument(\"startDateTime\", Some(&self.start_date_time), true)")
    );
    assert!(
        files["src/operations.rs"].contains("impl crate::query::SelectOption for UserDelta {}"),
        "delta() takes $select"
    );
    // `graph.Json` (an empty complex type) stands for any JSON value: workbook
    // cells are strings, numbers and arrays.
    let range = files["src/models.rs"]
        .split("pub struct WorkbookRange {")
        .nth(1)
        .unwrap();
    let range = &range[..range.find("\n}").unwrap()];
    assert!(
        range.contains("pub values: Option<serde_json::Value>"),
        "{range}"
    );
    println!(
        "v1.0: {} types, {} operations, {} bytes of Rust",
        api.types.len(),
        api.operations.len(),
        files.values().map(String::len).sum::<usize>()
    );

    // By default the whole Graph is split: a crate per path group, the
    // types only one group needs in its crate, the shared ones in the models crate.
    let split = sdkgen::emit_crate(
        &api,
        &CrateOptions {
            layout: Layout::Auto,
            ..options
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(split["crates/users/src/operations.rs"].contains("pub struct ListUser {"));
    assert!(split["crates/users/src/client.rs"].contains("pub trait UsersApi: AsRef<Client> {"));
    assert!(split["crates/models/src/models.rs"].contains("pub struct User {"));
    let only_device_management = "pub struct DeviceManagementReports {";
    assert!(split["crates/device_management/src/models.rs"].contains(only_device_management));
    assert!(!split["crates/models/src/models.rs"].contains(only_device_management));
    assert!(split["Cargo.toml"].contains("users = [\"dep:group_users\"]"));
    let crates = split
        .keys()
        .filter(|path| path.ends_with("Cargo.toml"))
        .count();
    println!("v1.0 split: {crates} crates");
}

#[test]
fn the_beta_fixture_matches_the_real_beta_excerpt() {
    let Some(path) = shared("beta-Prod.csdl.userPFXCertificate.excerpt.xml") else {
        return;
    };
    let excerpt = std::fs::read_to_string(path).unwrap();
    let fixture = include_str!("fixtures/graph-beta-user-pfx.csdl.xml");
    // The excerpt is a fragment; each of its elements appears in the fixture as written.
    let elements: Vec<&str> = excerpt
        .lines()
        .map(str::trim)
        .filter(|line| {
            line.starts_with("<Member ")
                || line.starts_with("<Property ")
                || line.starts_with("<EntityType ")
                || line.starts_with("<EnumType ")
        })
        .collect();
    assert!(
        elements.len() > 20,
        "{} elements in the excerpt",
        elements.len()
    );
    for element in elements {
        assert!(fixture.contains(element), "the fixture lacks {element}");
    }
    // And it reads as the real thing: enums for purpose and padding, bytes for the blob.
    let api = sdkgen::parse("fixture", fixture).unwrap();
    let certificate = api
        .types
        .iter()
        .position(|t| t.name == "microsoft.graph.userPFXCertificate")
        .unwrap();
    let properties = api.all_properties(sdkgen::model::TypeId(certificate));
    let ty = |name: &str| {
        properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.ty.clone())
            .unwrap()
    };
    assert!(matches!(ty("intendedPurpose"), TypeRef::Named(_)));
    assert_eq!(
        ty("encryptedPfxBlob"),
        TypeRef::Primitive(sdkgen::model::Primitive::Binary)
    );
}
