//! End to end over loopback: the generated client against a local wiremock
//! server, one test per operation plus an error with an ODataError body.

use msgraph_beta_pfx::models::{PfxUserCertificate, PfxUserCertificateProperty};
use msgraph_beta_pfx::operations::ListPfxUserCertificate;
use msgraph_beta_pfx::prelude::*;
use msgraph_beta_pfx::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "test-token-123";

fn example() -> Value {
    serde_json::from_str(include_str!("fixtures/pfx-user-certificate.json")).unwrap()
}

fn with_id(id: &str) -> Value {
    let mut value = example();
    value["id"] = json!(id);
    value
}

/// A server under `/beta`, like Graph's, and a client pointed at it.
async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::new(format!("{}/beta", server.uri())).with_bearer_token(TOKEN);
    (server, client)
}

fn authorized() -> wiremock::matchers::HeaderExactMatcher {
    header("authorization", format!("Bearer {TOKEN}").as_str())
}

#[tokio::test]
async fn list_returns_the_collection() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates"))
        .and(query_param("$top", "2"))
        .and(query_param("$select", "id,userUpn"))
        .and(authorized())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": [with_id("one"), with_id("two")],
            "@odata.nextLink": "https://graph.microsoft.com/beta/pfxUserCertificates?$skiptoken=2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let page = client.execute(&ListPfxUserCertificate::new().top(2).select([PfxUserCertificateProperty::Id, PfxUserCertificateProperty::UserUpn])).await.unwrap();
    let ids: Vec<String> = page.value.unwrap().into_iter().filter_map(|c| c.id).collect();
    assert_eq!(ids, ["one", "two"]);
    assert!(page.odata_next_link.unwrap().ends_with("$skiptoken=2"));
}

#[tokio::test]
async fn get_returns_the_entity() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates/cert%201"))
        .and(authorized())
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_id("cert 1")))
        .expect(1)
        .mount(&server)
        .await;
    let certificate = client.get_pfx_user_certificate("cert 1").await.unwrap();
    assert_eq!(certificate.id.as_deref(), Some("cert 1"));
    assert_eq!(certificate.user_upn.as_deref(), Some("User Upn value"));
}

#[tokio::test]
async fn create_posts_and_returns_201_entity() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/beta/pfxUserCertificates"))
        .and(authorized())
        .and(header("content-type", "application/json"))
        .and(body_json(example()))
        .respond_with(ResponseTemplate::new(201).set_body_json(with_id("new-id")))
        .expect(1)
        .mount(&server)
        .await;
    let body: PfxUserCertificate = serde_json::from_value(example()).unwrap();
    let created = client.create_pfx_user_certificate(body).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("new-id"));
}

#[tokio::test]
async fn update_patches_and_accepts_200_or_204() {
    let (server, client) = setup().await;
    Mock::given(method("PATCH"))
        .and(path("/beta/pfxUserCertificates/a"))
        .and(body_json(json!({ "isDeleted": false })))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_id("a")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/beta/pfxUserCertificates/b"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let mut change = PfxUserCertificate::new();
    change.is_deleted = Some(false);
    let updated = client.update_pfx_user_certificate("a", change.clone()).await.unwrap();
    assert_eq!(updated.and_then(|c| c.id).as_deref(), Some("a"));
    assert_eq!(client.update_pfx_user_certificate("b", change).await.unwrap(), None);
}

#[tokio::test]
async fn delete_returns_unit_on_204() {
    let (server, client) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/beta/pfxUserCertificates/gone"))
        .and(authorized())
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client.delete_pfx_user_certificate("gone").await.unwrap();
}

#[tokio::test]
async fn a_4xx_with_odata_error_surfaces_as_the_typed_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": {
                "code": "ResourceNotFound",
                "message": "No pfxUserCertificate with id 'missing'.",
                "innerError": { "request-id": "req-1", "client-request-id": "client-1" }
            }
        })))
        .mount(&server)
        .await;
    let error = client.get_pfx_user_certificate("missing").await.unwrap_err();
    let Error::Api { status, error: Some(odata), .. } = &error else { panic!("unexpected {error:?}") };
    assert_eq!(status.as_u16(), 404);
    assert_eq!(odata.error.code, "ResourceNotFound");
    assert_eq!(odata.error.message, "No pfxUserCertificate with id 'missing'.");
    assert_eq!(odata.error.inner_error.as_ref().unwrap().request_id.as_deref(), Some("req-1"));
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    // Bind a port, then free it: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::new(format!("http://127.0.0.1:{port}/beta"));
    let error = client.delete_pfx_user_certificate("x").await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[test]
fn the_token_never_shows_in_debug_output() {
    let client = Client::new("https://graph.microsoft.com/beta").with_bearer_token("s3cret");
    let printed = format!("{client:?}");
    assert!(!printed.contains("s3cret"), "{printed}");
    assert!(printed.contains("<token provider>"), "{printed}");
    let token = msgraph_beta_pfx::StaticToken::new("s3cret");
    assert_eq!(format!("{token:?}"), "StaticToken(<redacted>)");
    assert_eq!(Client::default().base_url(), "https://graph.microsoft.com/beta");
}

/// A client method gives a `Call`: the request bound to the client, which
/// takes the request's query options and setters before it is awaited, and
/// can be sent on another task.
#[tokio::test]
async fn a_call_takes_options_and_setters_before_it_is_awaited() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates"))
        .and(query_param("$top", "1"))
        .and(query_param("$select", "id"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "value": [with_id("one")] })))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/beta/pfxUserCertificates/one"))
        .and(header("if-match", "W/\"7\""))
        .respond_with(ResponseTemplate::new(204).insert_header("request-id", "r-1"))
        .expect(1)
        .mount(&server)
        .await;
    let page = client.list_pfx_user_certificate().top(1).select([PfxUserCertificateProperty::Id]).await.unwrap();
    assert_eq!(page.value.unwrap()[0].id.as_deref(), Some("one"));
    let ids: Vec<_> = futures_util::StreamExt::collect::<Vec<_>>(client.list_pfx_user_certificate().top(1).select([PfxUserCertificateProperty::Id]).stream(None)).await;
    assert_eq!(ids.into_iter().map(|c| c.unwrap().id.unwrap()).collect::<Vec<_>>(), ["one"]);
    let call = client.delete_pfx_user_certificate("one").with(|r| r.if_match("W/\"7\""));
    let ((), headers) = call.with_headers().await.unwrap();
    assert_eq!(headers["request-id"], "r-1");

    // A call's future is Send: it can run on another task.
    let client = std::sync::Arc::new(client);
    let task = tokio::spawn({
        let client = client.clone();
        async move { client.get_pfx_user_certificate("missing").await.map(|_| ()) }
    });
    assert_eq!(task.await.unwrap().unwrap_err().status(), Some(http::StatusCode::NOT_FOUND));
}
