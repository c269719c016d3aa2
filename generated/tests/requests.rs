//! Request building and response decoding without any HTTP client (sans-IO):
//! method, URL, query, headers and body of all five operations, and how each
//! response decodes.

use msgraph_beta_pfx::formats::Patch;
use msgraph_beta_pfx::models::{ODataError, PfxUserCertificate, PfxUserCertificateProperty as P, PfxUserCertificateUpdate};
use msgraph_beta_pfx::operations::*;
use msgraph_beta_pfx::prelude::*;
use msgraph_beta_pfx::{DEFAULT_BASE_URL, Error, Operation};
use serde_json::{Value, json};

const BASE: &str = "https://graph.microsoft.com/beta";

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|v| v.to_str().unwrap())
}

fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

fn certificate() -> PfxUserCertificate {
    serde_json::from_str(include_str!("fixtures/pfx-user-certificate.json")).unwrap()
}

const ODATA_ERROR: &str = r#"{"error":{"code":"ResourceNotFound","message":"No pfxUserCertificate with that id.","innerError":{"request-id":"7c1d2f5e-0000-4000-8000-000000000000","date":"2024-08-01T10:00:00Z"}}}"#;

#[test]
fn default_base_url_is_graph_beta() {
    assert_eq!(DEFAULT_BASE_URL, "https://graph.microsoft.com/beta");
    assert_eq!(msgraph_beta_pfx::servers::US_GOVERNMENT_L4, "https://graph.microsoft.us/beta");
}

#[test]
fn list_without_options() {
    let request = ListPfxUserCertificate::new().to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/pfxUserCertificates");
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(header(&request, "content-type"), None);
    assert!(request.body().is_empty());
}

#[test]
fn list_with_every_odata_option() {
    let request = ListPfxUserCertificate::new()
        .top(5)
        .skip(10)
        .search("\"user upn\"")
        .filter("startswith(userUpn,'a b')")
        .count(true)
        .orderby([P::CreatedTime.desc(), P::Thumbprint.into()])
        .select([P::Id, P::Thumbprint])
        .expand(["*"])
        .to_request(&format!("{BASE}/"))
        .unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/beta/pfxUserCertificates\
         ?$top=5&$skip=10&$search=%22user%20upn%22&$filter=startswith(userUpn%2C'a%20b')\
         &$count=true&$orderby=createdTime%20desc,thumbprint&$select=id,thumbprint&$expand=%2A"
    );
    // Graph answers $count and $search only with eventual consistency.
    assert_eq!(header(&request, "consistencylevel"), Some("eventual"));
}

#[test]
fn consistency_level_is_sent_only_for_count_or_search() {
    let plain = ListPfxUserCertificate::new().top(1).count(false).to_request(BASE).unwrap();
    assert_eq!(header(&plain, "consistencylevel"), None);
    let search = ListPfxUserCertificate::new().search("x").to_request(BASE).unwrap();
    assert_eq!(header(&search, "consistencylevel"), Some("eventual"));
}

#[test]
fn select_and_orderby_take_the_entity_properties() {
    assert_eq!(P::UserUpn.as_str(), "userUpn");
    assert_eq!(P::ETag.as_str(), "eTag");
    let request = ListPfxUserCertificate::new().orderby([P::ETag]).select([P::UserUpn]).to_request(BASE).unwrap();
    assert_eq!(request.uri().query(), Some("$orderby=eTag&$select=userUpn"));
}

#[test]
fn query_options_are_one_shared_type_set_through_traits() {
    // Code written once against the option traits serves every request that takes them.
    fn newest_first<R: OrderByOption<Property = P> + SelectOption>(request: R) -> R {
        request.orderby([P::CreatedTime.desc()]).select([P::Id])
    }
    let list = newest_first(ListPfxUserCertificate::new().top(3));
    assert_eq!(list.options.top, Some(3));
    assert_eq!(list.options.select, Some(vec![P::Id]));
    assert_eq!(list.to_request(BASE).unwrap().uri().query(), Some("$top=3&$orderby=createdTime%20desc&$select=id"));
    // A read by key takes `$select` and `$expand` only (no `TopOption`: `.top(3)` would not compile).
    let get = GetPfxUserCertificate::new("k").select([P::Id]).expand(["*"]);
    assert_eq!(get.to_request(BASE).unwrap().uri().query(), Some("$select=id&$expand=%2A"));
}

#[test]
fn get_percent_encodes_the_key() {
    let request = GetPfxUserCertificate::new("a/b c?d").select([P::UserUpn]).to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/pfxUserCertificates/a%2Fb%20c%3Fd?$select=userUpn");
    assert_eq!(header(&request, "accept"), Some("application/json"));
}

#[test]
fn an_empty_key_is_refused() {
    let error = GetPfxUserCertificate::new("").to_request(BASE).unwrap_err();
    assert!(error.to_string().contains("path parameter is empty"), "{error}");
}

#[test]
fn create_posts_the_json_body() {
    let request = CreatePfxUserCertificate::new(certificate()).to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/pfxUserCertificates");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    let expected: Value = serde_json::from_str(include_str!("fixtures/pfx-user-certificate.json")).unwrap();
    assert_eq!(body_json(&request), expected);
}

#[test]
fn update_patches_only_what_is_set() {
    let mut change = PfxUserCertificate::new();
    change.provider_name = Some("Contoso KSP".into());
    let request = UpdatePfxUserCertificate::new("cert-1", change).to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/pfxUserCertificates/cert-1");
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(body_json(&request), json!({ "providerName": "Contoso KSP" }));
}

#[test]
fn update_bodies_are_tri_state_unset_set_or_null() {
    let body = |update: PfxUserCertificateUpdate| body_json(&UpdatePfxUserCertificate::new("c", update).to_request(BASE).unwrap());
    // Nothing set: an empty object, so that nothing is overwritten.
    assert_eq!(body(PfxUserCertificateUpdate::default()), json!({}));
    // Set and cleared fields, and nothing else.
    let update = PfxUserCertificateUpdate::default().provider_name("Contoso KSP").clear_thumbprint().padding_scheme(2);
    assert_eq!(body(update), json!({ "providerName": "Contoso KSP", "thumbprint": null, "paddingScheme": 2 }));
    // Timestamps keep their wire format in updates too.
    let mut update = PfxUserCertificateUpdate::default();
    update.cert_start_date = Patch::Set(time::macros::datetime!(2026-01-02 03:04:05.5 +01:00));
    assert_eq!(body(update), json!({ "certStartDate": "2026-01-02T03:04:05.5+01:00" }));
}

#[test]
fn update_can_send_the_etag_it_read() {
    let request = UpdatePfxUserCertificate::new("c", PfxUserCertificateUpdate::default().is_deleted(true))
        .if_match("W/\"7\"")
        .to_request(BASE)
        .unwrap();
    assert_eq!(header(&request, "if-match"), Some("W/\"7\""));
}

#[test]
fn delete_sends_if_match_only_when_set() {
    let request = DeletePfxUserCertificate::new("cert-1").to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::DELETE);
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/pfxUserCertificates/cert-1");
    assert_eq!(header(&request, "if-match"), None);
    assert!(request.body().is_empty());
    let request = DeletePfxUserCertificate::new("cert-1").if_match("W/\"1\"").to_request(BASE).unwrap();
    assert_eq!(header(&request, "if-match"), Some("W/\"1\""));
}

#[test]
fn responses_decode_into_typed_results() {
    let entity = include_str!("fixtures/pfx-user-certificate.json");
    let created = CreatePfxUserCertificate::parse_response(response(201, entity)).unwrap();
    assert_eq!(created, certificate());
    let got = GetPfxUserCertificate::parse_response(response(200, entity)).unwrap();
    assert_eq!(got, certificate());
    let list = ListPfxUserCertificate::parse_response(response(200, &format!(r#"{{"value":[{entity}]}}"#))).unwrap();
    assert_eq!(list.value.unwrap(), vec![certificate()]);
    assert_eq!(UpdatePfxUserCertificate::parse_response(response(200, entity)).unwrap(), Some(certificate()));
    assert_eq!(UpdatePfxUserCertificate::parse_response(response(204, "")).unwrap(), None);
    DeletePfxUserCertificate::parse_response(response(204, "")).unwrap();
}

#[test]
fn error_responses_carry_status_and_odata_error() {
    let error: Error<ODataError> = GetPfxUserCertificate::parse_response(response(404, ODATA_ERROR)).unwrap_err();
    let Error::Api { status, error: Some(odata), body, .. } = &error else { panic!("unexpected {error:?}") };
    assert_eq!(*status, http::StatusCode::NOT_FOUND);
    assert_eq!(odata.error.code, "ResourceNotFound");
    assert_eq!(odata.error.message, "No pfxUserCertificate with that id.");
    let inner = odata.error.inner_error.as_ref().unwrap();
    assert_eq!(inner.request_id.as_deref(), Some("7c1d2f5e-0000-4000-8000-000000000000"));
    assert_eq!(body, ODATA_ERROR);
    // The message says what the service said, and the request id to quote.
    assert_eq!(
        error.to_string(),
        "the service answered 404 Not Found: ResourceNotFound: No pfxUserCertificate with that id. \
         (request-id 7c1d2f5e-0000-4000-8000-000000000000, 2024-08-01T10:00:00Z)"
    );
    assert_eq!(error.request_id().as_deref(), Some("7c1d2f5e-0000-4000-8000-000000000000"));
}

#[test]
fn the_request_id_comes_from_the_common_headers_before_the_body() {
    for name in ["request-id", "client-request-id", "x-ms-request-id", "x-request-id", "X-Correlation-ID"] {
        let reply = http::Response::builder().status(404).header(name, "from-header").body(ODATA_ERROR.as_bytes().to_vec()).unwrap();
        let error = GetPfxUserCertificate::parse_response(reply).unwrap_err();
        assert_eq!(error.request_id().as_deref(), Some("from-header"), "{name}");
        assert_eq!(error.headers().and_then(|h| h.get(name)).map(|v| v.to_str().unwrap()), Some("from-header"));
    }
    // No header: the body's innerError; neither: none.
    let error = GetPfxUserCertificate::parse_response(response(404, ODATA_ERROR)).unwrap_err();
    assert_eq!(error.request_id().as_deref(), Some("7c1d2f5e-0000-4000-8000-000000000000"));
    let error = GetPfxUserCertificate::parse_response(response(502, "Bad Gateway")).unwrap_err();
    assert_eq!(error.request_id(), None);
}

#[test]
fn errors_answer_the_usual_questions_without_matching() {
    let not_found = GetPfxUserCertificate::parse_response(response(404, ODATA_ERROR)).unwrap_err();
    assert!(not_found.is_not_found() && !not_found.is_throttled());
    assert_eq!(not_found.status(), Some(msgraph_beta_pfx::http::StatusCode::NOT_FOUND));
    assert_eq!(not_found.code().as_deref(), Some("ResourceNotFound"));
    assert_eq!(not_found.message().as_deref(), Some("No pfxUserCertificate with that id."));
    assert_eq!(not_found.body(), Some(ODATA_ERROR));
    let throttled = GetPfxUserCertificate::parse_response(response(429, r#"{"error":{"code":"TooManyRequests","message":"Slow down."}}"#)).unwrap_err();
    assert!(throttled.is_throttled() && !throttled.is_not_found());
    assert_eq!(throttled.code().as_deref(), Some("TooManyRequests"));
    // A body that is no OData error has no code or message, only its text.
    let gateway = GetPfxUserCertificate::parse_response(response(502, "Bad Gateway")).unwrap_err();
    assert_eq!((gateway.code(), gateway.message(), gateway.body()), (None, None, Some("Bad Gateway")));
}

#[test]
fn a_412_is_its_own_error() {
    let error = DeletePfxUserCertificate::parse_response(response(412, ODATA_ERROR)).unwrap_err();
    assert!(matches!(&error, Error::PreconditionFailed { error: Some(_), .. }), "{error:?}");
    assert_eq!(error.status(), Some(http::StatusCode::PRECONDITION_FAILED));
    assert!(error.to_string().starts_with("412 Precondition Failed: the entity changed since its ETag was read"), "{error}");
}

#[test]
fn unexpected_statuses_and_bodies_are_errors() {
    // 200 is not what create succeeds with, nor is a redirect an error it describes.
    let error = CreatePfxUserCertificate::parse_response(response(200, "{}")).unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::OK));
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    let error = GetPfxUserCertificate::parse_response(response(302, "")).unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    assert!(error.to_string().contains("which the operation does not describe"), "{error}");
    // An HTML error page keeps its text.
    let error = DeletePfxUserCertificate::parse_response(response(502, "<html>Bad Gateway</html>")).unwrap_err();
    assert!(matches!(&error, Error::Api { error: None, body, .. } if body == "<html>Bad Gateway</html>"));
    // A success status with a body that is not the entity.
    let error = GetPfxUserCertificate::parse_response(response(200, "[1, 2]")).unwrap_err();
    assert!(matches!(&error, Error::Decode { body, .. } if body == "[1, 2]"), "{error:?}");
}
