//! Copied into the crate emitted from `generator/tests/fixtures/oracles.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: what the APIs.guru sweep and
//! Prism conformance found wrong, each answer that failed now decoding.

use oracles::Operation;
use oracles::models::{Icons, Status, Thing, ThingAssignee};
use oracles::operations::{
    CountThings, GetExport, GetQueue, GetThing, GetThingOwner, ListVersions, OpenSession,
    SearchThings,
};
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
    let Err(oracles::runtime::Error::Api {
        error: Some(error), ..
    }) = missing
    else {
        panic!("not the documented error: {missing:?}");
    };
    let same: fn(&oracles::models::ThingsId404) -> &str = |e| &e.message;
    assert_eq!(same(&error), "gone");
}

#[test]
fn queries_in_path_templates_are_query_parameters() {
    let search = SearchThings::new("big cats")
        .to_request("https://oracles.example")
        .unwrap();
    assert_eq!(
        search.uri(),
        "https://oracles.example/search?query=big%20cats"
    );
    let count = CountThings::new()
        .to_request("https://oracles.example")
        .unwrap();
    assert_eq!(
        count.uri(),
        "https://oracles.example/rest?method=things.count"
    );
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

#[test]
fn one_value_enums_tell_union_variants_apart() {
    use oracles::models::{Disk, DiskMode, DiskState};
    let disk: Disk = serde_json::from_value(json!({
        "id": "d-1", "state": {"state": "detached"}, "mode": "safe",
        "exposedPorts": {"80/tcp": {}}
    }))
    .unwrap();
    // Each variant is named by the value that tells it apart.
    assert!(
        matches!(*disk.state, DiskState::Detached(_)),
        "{:?}",
        disk.state
    );
    assert!(
        matches!(disk.mode.as_deref(), Some(DiskMode::Safe(_))),
        "{:?}",
        disk.mode
    );
    let attached: DiskState =
        serde_json::from_value(json!({"state": "attached", "instance": "i-1"})).unwrap();
    assert!(
        matches!(&attached, DiskState::Attached(a) if a.instance == "i-1"),
        "{attached:?}"
    );
    assert_eq!(disk.exposed_ports.as_ref().unwrap()["80/tcp"], json!({}));
}

#[test]
fn a_discriminator_without_mapping_reads_the_variants_own_values() {
    use oracles::models::{Playing, PlayingItem};
    let playing = GetQueue::parse_response(answer(
        200,
        json!({"item": {"type": "episode", "name": "E1", "show": "S"}}),
    ))
    .unwrap();
    let _: &Playing = &playing;
    assert!(matches!(playing.item.as_deref(), Some(PlayingItem::Episode(e)) if e.name == "E1"));
}

#[test]
fn documented_redirects_and_interim_answers_are_answers() {
    let request = GetExport::new("e-1")
        .to_request("https://oracles.example")
        .unwrap();
    assert!(
        request
            .extensions()
            .get::<oracles::runtime::KeepRedirects>()
            .is_some()
    );
    let moved = http::Response::builder()
        .status(303)
        .header("location", "https://files.example/e-1")
        .body(Vec::new())
        .unwrap();
    let answer_303 = GetExport::parse_response(moved).unwrap();
    assert_eq!(answer_303.location(), Some("https://files.example/e-1"));
    let ready = GetExport::parse_response(answer(200, json!({"url": "u"}))).unwrap();
    assert_eq!(ready.value().unwrap().url.as_deref(), Some("u"));
    let switching = http::Response::builder()
        .status(101)
        .body(Vec::new())
        .unwrap();
    let opened = OpenSession::parse_response(switching).unwrap();
    assert!(matches!(opened, oracles::runtime::Answer::Status { status, .. } if status == 101));
}

#[test]
fn a_whole_body_of_dates_reads_in_its_format() {
    let versions =
        ListVersions::parse_response(answer(200, json!(["2024-01-31", "1891-01-27"]))).unwrap();
    assert_eq!(
        versions[0],
        time::Date::from_calendar_date(2024, time::Month::January, 31).unwrap()
    );
}
