//! `--include`: only the operations under some paths, and exactly the types
//! they need (what they hold and inherit, transitively).

use std::path::Path;

use sdkgen::Settings;

fn odata_features() -> sdkgen::model::Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/odata-features.csdl.xml");
    sdkgen::load(&path, "odata-features.csdl.xml").unwrap()
}

fn type_names(api: &sdkgen::model::Api) -> Vec<&str> {
    let mut names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    names.sort();
    names
}

#[test]
fn include_keeps_the_operations_under_the_paths_and_the_types_they_need() {
    let mut api = odata_features();
    let settings = Settings {
        include: vec!["/myShop/**".into()],
        ..Default::default()
    };
    settings.apply(&mut api, "spec").unwrap();
    assert!(
        api.operations
            .iter()
            .all(|op| op.path.template().starts_with("/myShop"))
    );
    assert_eq!(api.operations.len(), 12);
    assert_eq!(
        type_names(&api),
        [
            "Sample.Shop.ODataErrors.InnerError",
            "Sample.Shop.ODataErrors.MainError",
            "Sample.Shop.ODataErrors.ODataError",
            "Sample.Shop.ODataErrors.ErrorDetails",
            "Sample.Shop.category",
            "Sample.Shop.categoryCollectionResponse",
            "Sample.Shop.item",
            "Sample.Shop.shop",
            "Sample.Shop.weekdays",
        ]
        .iter()
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    // The subset is a whole API: it emits, and its type references hold.
    api.validate().unwrap();
    let options = sdkgen::CrateOptions {
        package_name: "subset".into(),
        ..Default::default()
    };
    let files = sdkgen::emit_crate(&api, &options).unwrap();
    assert!(files["src/models.rs"].contains("pub struct Category {"));
    assert!(!files["src/models.rs"].contains("pub struct Product {"));
}

#[test]
fn patterns_that_match_nothing_are_an_error() {
    let mut api = odata_features();
    let settings = Settings {
        include: vec!["/nothing/**".into()],
        ..Default::default()
    };
    let error = settings.apply(&mut api, "spec").unwrap_err();
    assert_eq!(
        error.to_string(),
        "spec: no operation's path matches /nothing/**"
    );
}

/// Mail and places, Graph-like: pages of base types whose values may be of
/// derived ones, all below a root `entity` that only carries the key.
const DERIVED: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="example.mail" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="message" BaseType="example.mail.entity">
    <Property Name="subject" Type="Edm.String"/>
    <NavigationProperty Name="attachments" Type="Collection(example.mail.attachment)" ContainsTarget="true"/>
    <NavigationProperty Name="related" Type="example.mail.entity"/>
  </EntityType>
  <EntityType Name="attachment" BaseType="example.mail.entity" Abstract="true"><Property Name="name" Type="Edm.String"/></EntityType>
  <EntityType Name="fileAttachment" BaseType="example.mail.attachment"><Property Name="contentBytes" Type="Edm.Binary"/></EntityType>
  <EntityType Name="itemAttachment" BaseType="example.mail.attachment"><NavigationProperty Name="item" Type="example.mail.outlookItem" ContainsTarget="true"/></EntityType>
  <EntityType Name="outlookItem" BaseType="example.mail.entity" Abstract="true"><Property Name="categories" Type="Collection(Edm.String)"/></EntityType>
  <EntityType Name="contact" BaseType="example.mail.outlookItem"><Property Name="address" Type="example.mail.physicalAddress"/></EntityType>
  <ComplexType Name="physicalAddress"><Property Name="city" Type="Edm.String"/></ComplexType>
  <EntityType Name="place" BaseType="example.mail.entity" Abstract="true"><Property Name="displayName" Type="Edm.String"/></EntityType>
  <EntityType Name="room" BaseType="example.mail.place"><Property Name="capacity" Type="Edm.Int32"/></EntityType>
  <EntityType Name="calendar" BaseType="example.mail.entity"><Property Name="color" Type="Edm.String"/></EntityType>
  <EntityContainer Name="Service">
    <EntitySet Name="messages" EntityType="example.mail.message"/>
    <EntitySet Name="places" EntityType="example.mail.place"/>
    <EntitySet Name="calendars" EntityType="example.mail.calendar"/>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#;

#[test]
fn include_keeps_the_types_derived_from_those_it_holds() {
    let mut api = sdkgen::parse("mail.xml", DERIVED).unwrap();
    let settings = Settings {
        include: vec!["/messages/**".into()],
        ..Default::default()
    };
    settings.apply(&mut api, "mail.xml").unwrap();
    let names = type_names(&api);
    // A page of attachments may hold either kind, and an item attachment any
    // outlook item: each is kept with what it holds.
    for kept in [
        "fileAttachment",
        "itemAttachment",
        "contact",
        "physicalAddress",
    ] {
        assert!(
            names.contains(&format!("example.mail.{kept}").as_str()),
            "{kept} missing: {names:?}"
        );
    }
    // `related` may be any entity; the root of every entity type brings none
    // of them (that would be the whole API), and nothing below `place` is held.
    for left_out in ["calendar", "place", "room"] {
        assert!(
            !names.contains(&format!("example.mail.{left_out}").as_str()),
            "{left_out} kept"
        );
    }
    api.validate().unwrap();
    let options = sdkgen::CrateOptions {
        package_name: "mail".into(),
        ..Default::default()
    };
    let files = sdkgen::emit_crate(&api, &options).unwrap();
    assert!(files["src/models.rs"].contains("impl crate::runtime::ODataType for FileAttachment"));

    let mut api = sdkgen::parse("mail.xml", DERIVED).unwrap();
    let settings = Settings {
        include: vec!["/places".into()],
        ..Default::default()
    };
    settings.apply(&mut api, "mail.xml").unwrap();
    assert!(type_names(&api).contains(&"example.mail.room"));
}
