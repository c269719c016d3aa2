//! What a production client needs, over loopback against wiremock: paging,
//! retries with Retry-After, token refresh on 401, ETags and 412, error
//! bodies that are not JSON, timeouts, exact PATCH bodies, redaction of
//! secrets, and forward compatibility of the models.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use msgraph_beta_pfx::models::{PfxUserCertificate, PfxUserCertificateUpdate};
use msgraph_beta_pfx::operations::{DeletePfxUserCertificate, ListPfxUserCertificate, UpdatePfxUserCertificate};
use msgraph_beta_pfx::prelude::*;
use msgraph_beta_pfx::runtime::BoxError;
use msgraph_beta_pfx::{Client, Error, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn certificate(id: &str) -> Value {
    json!({ "id": id, "userUpn": format!("{id}@contoso.com") })
}

fn page(server: &MockServer, ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let mut body = json!({ "value": ids.iter().map(|id| certificate(id)).collect::<Vec<_>>() });
    if let Some(token) = next {
        body["@odata.nextLink"] = json!(format!("{}/beta/pfxUserCertificates?$skiptoken={token}", server.uri()));
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Three pages of 2, 2 and 1 items; the first asks for a count.
async fn three_pages(server: &MockServer, expected: [u64; 3]) {
    let list = || Mock::given(method("GET")).and(path("/beta/pfxUserCertificates"));
    list()
        .and(query_param_is_missing("$skiptoken"))
        .and(query_param("$count", "true"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(page(server, &["a", "b"], Some("p2")))
        .expect(expected[0])
        .mount(server)
        .await;
    // Later pages are asked for with the first request's headers.
    list()
        .and(query_param("$skiptoken", "p2"))
        .and(header("consistencylevel", "eventual"))
        .respond_with(page(server, &["c", "d"], Some("p3")))
        .expect(expected[1])
        .mount(server)
        .await;
    list().and(query_param("$skiptoken", "p3")).respond_with(page(server, &["e"], None)).expect(expected[2]).mount(server).await;
}

fn client(server: &MockServer) -> Client {
    Client::new(format!("{}/beta", server.uri())).with_bearer_token("token")
}

/// Retries without waiting long, for tests.
fn quick_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy { max_attempts, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(50), ..RetryPolicy::default() }
}

/// A read's headers (its `ETag`) come with its value where asked for.
#[tokio::test]
async fn execute_with_headers_gives_the_response_headers_too() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates/c1"))
        .respond_with(ResponseTemplate::new(200).insert_header("ETag", "W/\"7\"").set_body_json(certificate("c1")))
        .mount(&server)
        .await;
    let read = msgraph_beta_pfx::operations::GetPfxUserCertificate::new("c1");
    let (certificate, headers) = client(&server).execute_with_headers(&read).await.unwrap();
    assert_eq!(certificate.id.as_deref(), Some("c1"));
    assert_eq!(headers["etag"], "W/\"7\"");
}

#[tokio::test]
async fn a_listing_streams_every_page() {
    let server = MockServer::start().await;
    three_pages(&server, [1, 1, 1]).await;
    let client = client(&server);
    let items: Vec<_> = client.stream(&ListPfxUserCertificate::new().count(true), None).collect().await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
}

/// OData allows relative next links (SAP CAP sends them): each is resolved
/// against the page's context URL where it has one, else against the URL
/// of the request that returned it.
#[tokio::test]
async fn relative_next_links_are_followed() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/beta/pfxUserCertificates"));
    let relative = |ids: &[&str], next: &str| {
        ResponseTemplate::new(200).set_body_json(json!({
            "value": ids.iter().map(|id| certificate(id)).collect::<Vec<_>>(),
            "@odata.nextLink": next,
        }))
    };
    list().and(query_param_is_missing("$skiptoken")).respond_with(relative(&["a"], "pfxUserCertificates?$skiptoken=2")).mount(&server).await;
    list().and(query_param("$skiptoken", "2")).respond_with(relative(&["b"], "/beta/pfxUserCertificates?$skiptoken=3")).mount(&server).await;
    list().and(query_param("$skiptoken", "3")).respond_with(page(&server, &["c"], None)).mount(&server).await;
    let items: Vec<_> = client(&server).stream(&ListPfxUserCertificate::new(), None).collect().await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c"]);

    // With `@odata.context` (`$metadata#...`, at the service root), a link
    // is relative to it (as CAP's `Tenants(1)/certificates?$skiptoken=5`
    // is), not to the listing's own path.
    let server = MockServer::start().await;
    let from_root = |ids: &[&str], next: &str| {
        ResponseTemplate::new(200).set_body_json(json!({
            "@odata.context": "/beta/$metadata#pfxUserCertificates",
            "value": ids.iter().map(|id| certificate(id)).collect::<Vec<_>>(),
            "@odata.nextLink": next,
        }))
    };
    Mock::given(method("GET")).and(path("/beta/v1/pfxUserCertificates")).respond_with(from_root(&["a"], "v2/pfxUserCertificates?$skiptoken=2")).mount(&server).await;
    Mock::given(method("GET")).and(path("/beta/v2/pfxUserCertificates")).respond_with(page(&server, &["b"], None)).mount(&server).await;
    let client = Client::new(format!("{}/beta/v1", server.uri()));
    let items: Vec<_> = client.stream(&ListPfxUserCertificate::new(), None).collect().await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id.unwrap()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[tokio::test]
async fn a_limit_stops_the_stream_before_pages_it_does_not_need() {
    let server = MockServer::start().await;
    // Three items are on the first two pages: the third is never asked for.
    three_pages(&server, [1, 1, 0]).await;
    let client = client(&server);
    let items: Vec<_> = client.stream(&ListPfxUserCertificate::new().count(true), Some(3)).collect().await;
    assert_eq!(items.len(), 3);
    // Pages are fetched lazily: taking one item fetches one page.
    let server = MockServer::start().await;
    three_pages(&server, [1, 0, 0]).await;
    let client = self::client(&server);
    // A stream is polled as it is (no pinning) and can be sent to another
    // task; the listing may be given as a call of the client.
    fn sendable<T: Send>(value: T) -> T {
        value
    }
    let mut stream = sendable(client.stream(&client.list_pfx_user_certificate().count(true), None));
    assert_eq!(stream.next().await.unwrap().unwrap().id.as_deref(), Some("a"));
}

#[tokio::test]
async fn a_throttled_request_waits_as_retry_after_says_and_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(certificate("a"))).expect(1).mount(&server).await;
    let client = client(&server);
    let started = Instant::now();
    let certificate = client.get_pfx_user_certificate("a").await.unwrap();
    assert_eq!(certificate.id.as_deref(), Some("a"));
    assert!(started.elapsed() >= Duration::from_secs(1), "waited only {:?}", started.elapsed());
}

#[tokio::test]
async fn an_unavailable_service_is_retried_until_the_attempts_run_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).expect(3).mount(&server).await;
    let client = client(&server).with_retry_policy(quick_retries(3));
    let error = client.get_pfx_user_certificate("a").await.unwrap_err();
    assert!(matches!(error, Error::Api { status, .. } if status == 503), "{error:?}");
}

#[tokio::test]
async fn a_post_is_retried_only_when_the_caller_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).expect(1).mount(&server).await;
    let client = client(&server).with_retry_policy(quick_retries(3));
    assert!(client.create_pfx_user_certificate(PfxUserCertificate::default()).await.is_err());
    server.verify().await;

    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(504)).expect(3).mount(&server).await;
    let policy = RetryPolicy { retry_non_idempotent: true, ..quick_retries(3) };
    let client = self::client(&server).with_retry_policy(policy);
    assert!(client.create_pfx_user_certificate(PfxUserCertificate::default()).await.is_err());
}

#[tokio::test]
async fn a_401_gets_a_fresh_token_once() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer old")).respond_with(ResponseTemplate::new(401)).expect(1).mount(&server).await;
    Mock::given(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(certificate("a")))
        .expect(1)
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let provider = move |refresh: bool| {
        counted.fetch_add(1, Ordering::SeqCst);
        async move { Ok::<String, BoxError>(if refresh { "new".into() } else { "old".into() }) }
    };
    let client = Client::new(format!("{}/beta", server.uri())).with_token_provider(provider);
    assert!(client.get_pfx_user_certificate("a").await.is_ok());
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // A token refused twice is an error, not a loop.
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(401)).expect(2).mount(&server).await;
    let client = Client::new(format!("{}/beta", server.uri())).with_token_provider(|_| async { Ok::<String, BoxError>("t".into()) });
    let error = client.get_pfx_user_certificate("a").await.unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    // A provider that fails says so.
    let client = Client::new(server.uri()).with_token_provider(|_| async { Err::<String, BoxError>("no credentials".into()) });
    let error = client.get_pfx_user_certificate("a").await.unwrap_err();
    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert!(error.to_string().contains("no credentials"), "{error}");
}

#[tokio::test]
async fn an_outdated_etag_is_a_412_error() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(header("if-match", "W/\"1\""))
        .respond_with(ResponseTemplate::new(412).set_body_json(json!({"error": {"code": "PreconditionFailed", "message": "ETag mismatch"}})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE")).and(header("if-match", "W/\"1\"")).respond_with(ResponseTemplate::new(412)).expect(1).mount(&server).await;
    let client = client(&server);
    let update = UpdatePfxUserCertificate::new("a", PfxUserCertificateUpdate::default().is_deleted(true)).if_match("W/\"1\"");
    let error = client.execute(&update).await.unwrap_err();
    assert!(matches!(&error, Error::PreconditionFailed { error: Some(e), .. } if e.error.code == "PreconditionFailed"), "{error:?}");
    let error = client.execute(&DeletePfxUserCertificate::new("a").if_match("W/\"1\"")).await.unwrap_err();
    assert!(matches!(error, Error::PreconditionFailed { .. }), "{error:?}");
}

#[tokio::test]
async fn a_502_html_page_is_kept_as_text() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(502).set_body_string(html)).mount(&server).await;
    let error = client(&server).get_pfx_user_certificate("a").await.unwrap_err();
    assert!(matches!(&error, Error::Api { status, error: None, body, .. } if *status == 502 && body == html), "{error:?}");
    assert_eq!(error.to_string(), format!("the service answered 502 Bad Gateway: {html}"));
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(certificate("a")).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = client(&server).with_timeout(Some(Duration::from_millis(200)));
    let error = client.get_pfx_user_certificate("a").await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
}

#[tokio::test]
async fn patch_bodies_send_exactly_what_was_set() {
    let server = MockServer::start().await;
    for (id, body) in [
        ("unset", json!({})),
        ("set", json!({"providerName": "Contoso KSP", "status": 2})),
        ("null", json!({"thumbprint": null, "encryptionKeyName": "key-2"})),
    ] {
        Mock::given(method("PATCH"))
            .and(path(format!("/beta/pfxUserCertificates/{id}")))
            .and(body_json(body))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let changes = [
        ("unset", PfxUserCertificateUpdate::default()),
        ("set", PfxUserCertificateUpdate::default().provider_name("Contoso KSP").status(2)),
        ("null", PfxUserCertificateUpdate::default().clear_thumbprint().encryption_key_name("key-2")),
    ];
    for (id, change) in changes {
        assert_eq!(client.update_pfx_user_certificate(id, change).await.unwrap(), None);
    }
}

#[test]
fn secrets_and_tokens_never_show_in_debug_output() {
    let mut certificate = PfxUserCertificate::new();
    certificate.encrypted_pfx_password = Some("hunter2".into());
    certificate.encrypted_pfx_blob = Some("BLOB-BYTES".into());
    certificate.user_upn = Some("ann@contoso.com".into());
    let printed = format!("{certificate:?}");
    assert!(!printed.contains("hunter2") && !printed.contains("BLOB-BYTES"), "{printed}");
    assert!(printed.contains("encrypted_pfx_password: Some(\"<redacted>\")"), "{printed}");
    assert!(printed.contains("ann@contoso.com"), "{printed}");
    let update = PfxUserCertificateUpdate::from(certificate);
    let printed = format!("{update:?}");
    assert!(!printed.contains("hunter2") && printed.contains("<redacted>"), "{printed}");
    let client = Client::new("https://graph.microsoft.com/beta").with_bearer_token("eyJ0eXAi.secret");
    assert!(!format!("{client:?}").contains("eyJ0eXAi"));
}

#[tokio::test]
async fn the_token_is_not_in_error_messages() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(403).set_body_string("forbidden")).mount(&server).await;
    let client = Client::new(format!("{}/beta", server.uri())).with_bearer_token("eyJ0eXAi.secret");
    let error = client.get_pfx_user_certificate("a").await.unwrap_err();
    assert!(!format!("{error} {error:?}").contains("eyJ0eXAi"));
}

#[test]
fn unknown_properties_survive_a_round_trip_and_odd_types_decode() {
    let sent = json!({
        "id": "a",
        "@odata.type": "#microsoft.graph.somethingNewer",
        "@odata.etag": "W/\"9\"",
        "brandNewProperty": {"nested": [1, 2, 3]},
        "userUpn": "ann@contoso.com"
    });
    let certificate: PfxUserCertificate = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(certificate.odata_type.as_deref(), Some("#microsoft.graph.somethingNewer"));
    assert_eq!(certificate.additional_data["brandNewProperty"], json!({"nested": [1, 2, 3]}));
    assert_eq!(serde_json::to_value(&certificate).unwrap(), sent);
}

/// A delta request of the pfx API's shape (the description has no `delta()`
/// function): Graph's delta pages, `@odata.deltaLink` on the last.
#[derive(Debug)]
struct CertificateChanges;

impl msgraph_beta_pfx::Operation for CertificateChanges {
    type Output = msgraph_beta_pfx::models::PfxUserCertificateCollectionResponse;
    type Error = msgraph_beta_pfx::models::ODataError;
    fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, msgraph_beta_pfx::BuildError> {
        ListPfxUserCertificate::new().to_request(base_url).map(|mut request| {
            *request.uri_mut() = format!("{base_url}/pfxUserCertificates/delta()").parse().unwrap();
            request
        })
    }
    fn parse_response(response: http::Response<Vec<u8>>) -> Result<Self::Output, Error<Self::Error>> {
        ListPfxUserCertificate::parse_response(response)
    }
}

impl msgraph_beta_pfx::Paged for CertificateChanges {
    type Item = PfxUserCertificate;
    fn into_items(page: Self::Output) -> (Vec<Self::Item>, Option<String>) {
        (page.value.unwrap_or_default(), page.odata_next_link)
    }
    fn delta_link(page: &Self::Output) -> Option<String> {
        page.additional_data.get("@odata.deltaLink").and_then(|v| v.as_str()).map(str::to_string)
    }
}

#[tokio::test]
async fn a_delta_round_gives_its_changes_then_the_link_the_next_round_starts_from() {
    use msgraph_beta_pfx::{Delta, DeltaLink};
    let server = MockServer::start().await;
    let uri = server.uri();
    let delta = || Mock::given(method("GET")).and(path("/beta/pfxUserCertificates/delta()"));
    delta()
        .and(query_param_is_missing("$skiptoken"))
        .and(query_param_is_missing("$deltatoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [certificate("a")], "@odata.nextLink": format!("{uri}/beta/pfxUserCertificates/delta()?$skiptoken=2")})))
        .expect(1)
        .mount(&server)
        .await;
    delta()
        .and(query_param("$skiptoken", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [certificate("b")], "@odata.deltaLink": format!("{uri}/beta/pfxUserCertificates/delta()?$deltatoken=9")})))
        .expect(1)
        .mount(&server)
        .await;
    // The next round: one removed item, and a new link.
    delta()
        .and(query_param("$deltatoken", "9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": [{"id": "a", "@removed": {"reason": "deleted"}}], "@odata.deltaLink": format!("{uri}/beta/pfxUserCertificates/delta()?$deltatoken=10")})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let round: Vec<_> = client.delta(&CertificateChanges).collect().await;
    let round: Vec<_> = round.into_iter().map(Result::unwrap).collect();
    assert_eq!(round.len(), 3, "{round:?}");
    assert!(matches!(&round[0], Delta::Change(c) if c.id.as_deref() == Some("a")));
    assert!(matches!(&round[1], Delta::Change(c) if c.id.as_deref() == Some("b")));
    let Delta::Link(link) = &round[2] else { panic!("the round ends with its link: {round:?}") };
    assert_eq!(link, &DeltaLink(format!("{uri}/beta/pfxUserCertificates/delta()?$deltatoken=9")));

    // Kept as text, and taken up again later.
    let saved = serde_json::to_string(link).unwrap();
    let link: DeltaLink = serde_json::from_str(&saved).unwrap();
    let next: Vec<_> = client.delta_from::<CertificateChanges>(&link).collect().await;
    let Ok(Delta::Change(removed)) = &next[0] else { panic!("{next:?}") };
    assert!(removed.additional_data.contains_key("@removed"));
    assert!(matches!(&next[1], Ok(Delta::Link(DeltaLink(l))) if l.ends_with("$deltatoken=10")));

    // A listing that is not a delta query ends with an error, not silently.
    Mock::given(method("GET")).and(path("/beta/pfxUserCertificates")).respond_with(page(&server, &["z"], None)).mount(&server).await;
    // (The listing given as a call of the client, as `stream` takes it too.)
    let plain: Vec<_> = client.delta(&client.list_pfx_user_certificate()).collect().await;
    assert!(matches!(&plain[..], [Ok(Delta::Change(_)), Err(Error::Decode { .. })]), "{plain:?}");
}
