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
    let settings = Settings { include: vec!["/myShop/**".into()], ..Default::default() };
    settings.apply(&mut api, "spec").unwrap();
    assert!(api.operations.iter().all(|op| op.path.starts_with("/myShop")));
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
    let options = sdkgen::CrateOptions { package_name: "subset".into(), ..Default::default() };
    let files = sdkgen::emit_crate(&api, &options).unwrap();
    assert!(files["src/models.rs"].contains("pub struct Category {"));
    assert!(!files["src/models.rs"].contains("pub struct Product {"));
}

#[test]
fn patterns_that_match_nothing_are_an_error() {
    let mut api = odata_features();
    let settings = Settings { include: vec!["/nothing/**".into()], ..Default::default() };
    let error = settings.apply(&mut api, "spec").unwrap_err();
    assert_eq!(error.to_string(), "spec: no operation's path matches /nothing/**");
}
