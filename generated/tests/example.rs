//! The example program (`examples/pfx_certificates.rs`) run against a local
//! wiremock server standing in for Graph.

#[allow(dead_code)]
#[path = "../examples/pfx_certificates.rs"]
mod example;

use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_example_lists_creates_updates_and_deletes() {
    let server = MockServer::start().await;
    let authorized = || header("authorization", "Bearer example-token");
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates"))
        .and(query_param("$select", "id,userUpn,certExpirationDate"))
        .and(query_param("$orderby", "createdTime desc"))
        .and(authorized())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [{"id": "old", "userUpn": "ann@contoso.com"}]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/beta/pfxUserCertificates"))
        .and(authorized())
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "new", "eTag": "W/\"1\""})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/beta/pfxUserCertificates/new"))
        .and(header("if-match", "W/\"1\""))
        .and(body_json(json!({"providerName": "Contoso KSP", "encryptionKeyName": null})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/beta/pfxUserCertificates/new"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let mut out = Vec::new();
    example::run(&format!("{}/beta", server.uri()), "example-token", &mut out).await.unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "listed old ann@contoso.com\ncreated new\nupdated new\ndeleted new\n");
}
