//! The crate of `odata-vocabularies.csdl.xml`: what the Core vocabulary says
//! (ETags, computed, immutable and read-only properties, optional
//! parameters) and a nullable action result, sans-IO.

use odata_vocabularies::models::{RotateRequestBody, Secret, SecretUpdate};
use odata_vocabularies::operations::*;
use odata_vocabularies::prelude::*;
use serde_json::json;

const BASE: &str = "https://vault.example/odata";
const ID: &str = "6f1c0e6a-0000-4000-8000-000000000001";

fn reply(status: u16, body: serde_json::Value) -> http::Response<Vec<u8>> {
    let body = if body.is_null() { Vec::new() } else { serde_json::to_vec(&body).unwrap() };
    http::Response::builder().status(status).body(body).unwrap()
}

fn secret() -> Secret {
    serde_json::from_value(json!({
        "@odata.etag": "W/\"2026-12-01T10:00:00.000Z\"",
        "ID": ID, "createdAt": "2026-12-01T10:00:00Z", "createdBy": "alice",
        "modifiedAt": "2026-12-01T10:00:00Z", "revision": 3, "name": "db", "material": "-_8A"
    }))
    .unwrap()
}

fn id() -> uuid::Uuid {
    ID.parse().unwrap()
}

#[test]
fn an_entity_of_a_set_with_optimistic_concurrency_has_its_etag_and_writes_send_it() {
    let secret = secret();
    let etag = secret.etag().unwrap().to_string();
    assert_eq!(etag, "W/\"2026-12-01T10:00:00.000Z\"");
    let requests = [
        UpdateSecret::new(id(), SecretUpdate::default().name("db2")).if_match(&etag).to_request(BASE).unwrap(),
        DeleteSecret::new(id()).if_match(&etag).to_request(BASE).unwrap(),
        Rotate::new(id(), RotateRequestBody::new()).if_match(&etag).to_request(BASE).unwrap(),
        UpdateSecretContent::new(id(), b"bytes".to_vec()).if_match(&etag).to_request(BASE).unwrap(),
    ];
    for request in &requests {
        assert_eq!(request.headers()["If-Match"], etag.as_str(), "{} {}", request.method(), request.uri());
    }
    // Without it, none is sent.
    let request = DeleteSecret::new(id()).to_request(BASE).unwrap();
    assert!(request.headers().get("If-Match").is_none());
}

#[test]
fn computed_immutable_and_read_only_properties_are_read_but_never_updated() {
    let secret = secret();
    assert_eq!((secret.created_by.as_deref(), secret.revision), (Some("alice"), Some(3)));
    assert!(secret.created_at.is_some() && secret.modified_at.is_some());
    // `From<Secret>` keeps only what an update may change: not the key,
    // createdAt/modifiedAt (Computed), createdBy (Immutable), revision
    // (Permissions Read), the ETag or the stream.
    let update: SecretUpdate = secret.into();
    let body = UpdateSecret::new(id(), update).to_request(BASE).unwrap();
    let sent: serde_json::Value = serde_json::from_slice(body.body()).unwrap();
    assert_eq!(sent, json!({"name": "db", "material": "-_8A"}));
}

#[test]
fn a_create_body_is_one_expression_without_what_only_the_service_sets() {
    let body = Secret::new().with_name("db").with_material(vec![0xfb, 0xff]).with_created_by("alice");
    let request = CreateSecret::new(body).to_request(BASE).unwrap();
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    // `createdBy` is immutable, not computed: a create may set it.
    assert_eq!(sent, json!({"name": "db", "material": "-_8", "createdBy": "alice"}));
}

#[test]
fn optional_parameters_may_be_left_out() {
    // `days` is optional in the action's body, `limit` in the function's call.
    let request = Rotate::new(id(), RotateRequestBody::new()).to_request(BASE).unwrap();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(request.body()).unwrap(), json!({}));
    let request = Lookup::new("it's").to_request(BASE).unwrap();
    assert_eq!(request.uri().to_string(), "https://vault.example/odata/lookup(name='it%27%27s')");
    let request = Lookup::new("db").limit(3).to_request(BASE).unwrap();
    assert_eq!(request.uri().to_string(), "https://vault.example/odata/lookup(name='db',limit=3)");
}

#[test]
fn a_nullable_action_result_may_be_no_content() {
    assert_eq!(Rotate::parse_response(reply(204, serde_json::Value::Null)).unwrap(), None);
    let rotated = Rotate::parse_response(reply(200, json!({"ID": ID, "name": "db"}))).unwrap();
    assert_eq!(rotated.map(|s| s.name), Some(Some("db".to_string())));
}

#[test]
fn bytes_are_base64url_and_count_sends_no_graph_header() {
    // The OData JSON format's encoding (Graph's own crates write standard base64).
    let mut secret = Secret::new();
    secret.material = Some(vec![0xfb, 0xff]);
    assert_eq!(serde_json::to_value(&secret).unwrap(), json!({"material": "-_8"}));
    // `ConsistencyLevel: eventual` is Graph's; this service gets none.
    let request = ListSecret::new().count(true).search("db").to_request(BASE).unwrap();
    assert!(request.headers().get("ConsistencyLevel").is_none());
    assert_eq!(request.uri().query(), Some("$search=db&$count=true"));
}
