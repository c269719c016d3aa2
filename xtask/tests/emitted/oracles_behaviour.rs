//! Copied into the crate emitted from `generator/tests/fixtures/oracles.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: what the APIs.guru sweep and
//! Prism conformance found wrong, each answer that failed now decoding.

use oracles::Operation;
use oracles::models::{Icons, Status, Thing, ThingAssignee};
use oracles::operations::{CountThings, GetThing, GetThingOwner, SearchThings};
use serde_json::json;

fn answer(status: u16, body: serde_json::Value) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .body(serde_json::to_vec(&body).unwrap())
        .unwrap()
}

#[test]
fn null_through_a_ref_items_and_map_values_decodes() {
    let body = json!({
        "id": "t-1",
        "status": "retired",
        "owner": null,
        "assignee": null,
        "watchers": [{"login": "ann"}, null],
        "labels": {"colour": "red", "size": null}
    });
    let thing: Thing = GetThing::parse_response(answer(200, body.clone())).unwrap();
    assert_eq!(thing.status, Status::Retired);
    assert!(thing.owner.is_none());
    assert!(thing.assignee.is_none());
    let watchers = thing.watchers.as_ref().unwrap();
    assert_eq!(watchers[0].as_ref().unwrap().login, "ann");
    assert!(watchers[1].is_none());
    assert_eq!(thing.labels.as_ref().unwrap()["size"], None);
    assert_eq!(serde_json::to_value(&thing).unwrap(), body);
}

#[test]
fn an_all_of_of_a_reference_and_a_description_is_the_referenced_type() {
    let thing: Thing = serde_json::from_value(json!({
        "id": "t-2", "status": "active", "owner": {"login": "bo"}, "assignee": {"slug": "ops"},
        "name": "Widget", "icon": "icon://heart", "createdBy": {"slug": "core"}
    }))
    .unwrap();
    // An enum, a string and an object, not empty structs of their own.
    assert_eq!(thing.status, Status::Active);
    assert_eq!(thing.name.as_deref(), Some("Widget"));
    assert_eq!(thing.icon, Some(Icons::IconHeart));
    assert_eq!(thing.created_by.as_ref().unwrap().slug, "core");
    assert!(matches!(thing.assignee.as_deref(), Some(ThingAssignee::Team(t)) if t.slug == "ops"));
}

#[test]
fn refs_to_places_outside_components_are_the_same_types() {
    // The owner answer is the type of Thing's `owner`; the 404 is the other operation's.
    let owner = GetThingOwner::new("t-1")
        .to_request("https://oracles.example")
        .unwrap();
    assert_eq!(owner.uri(), "https://oracles.example/things/t-1/owner");
    let user = GetThingOwner::parse_response(answer(200, json!({"login": "cy"}))).unwrap();
    assert_eq!(user.login, "cy");
    let missing = GetThingOwner::parse_response(answer(404, json!({"message": "gone"})));
    let Err(oracles::runtime::Error::Api { error: Some(error), .. }) = missing else {
        panic!("not the documented error: {missing:?}");
    };
    let same: fn(&oracles::models::ThingsId404) -> &str = |e| &e.message;
    assert_eq!(same(&error), "gone");
}

#[test]
fn queries_in_path_templates_are_query_parameters() {
    let search = SearchThings::new("big cats").to_request("https://oracles.example").unwrap();
    assert_eq!(search.uri(), "https://oracles.example/search?query=big%20cats");
    let count = CountThings::new().to_request("https://oracles.example").unwrap();
    assert_eq!(count.uri(), "https://oracles.example/rest?method=things.count");
}

#[test]
fn cookies_are_sent_and_reserved_headers_are_not_parameters() {
    let request = GetThing::new("t-9")
        .session("a b;c")
        .to_request("https://oracles.example")
        .unwrap();
    assert_eq!(request.headers()["cookie"], "session=a%20b%3Bc");
    // `Content-Type` was a required header parameter: it is no argument of `new`.
    assert!(request.headers().get("content-type").is_none());
}
