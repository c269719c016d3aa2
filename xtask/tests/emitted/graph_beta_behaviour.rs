//! Copied into the crate emitted from `generator/tests/fixtures/graph-beta-user-pfx.csdl.xml`
//! (the real beta userPFXCertificate, reached through the deviceManagement
//! singleton) by `xtask/tests/codegen.rs`, and run there: the requests it
//! builds and the responses it decodes.

use graph_beta_user_pfx::models::{
    UserPfxCertificate, UserPfxCertificateProperty as P, UserPfxCertificateUpdate, UserPfxIntendedPurpose, UserPfxPaddingScheme,
};
use graph_beta_user_pfx::operations::{
    CreateUserPfxCertificates, DeleteUserPfxCertificates, GetDeviceManagement, GetUserPfxCertificates,
    ListUserPfxCertificates, UpdateUserPfxCertificates,
};
use graph_beta_user_pfx::prelude::*;
use graph_beta_user_pfx::{DEFAULT_BASE_URL, Error, Operation};
use serde_json::json;

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn list_goes_through_the_singleton_with_odata_query_options() {
    let list = ListUserPfxCertificates::new()
        .top(5)
        .filter("intendedPurpose eq 'vpn'")
        .count(true)
        .orderby([P::ExpirationDateTime.desc()])
        .select([P::Id, P::KeyName]);
    let request = list.to_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.com/beta/deviceManagement/userPfxCertificates\
         ?$top=5&$filter=intendedPurpose%20eq%20'vpn'&$count=true&$orderby=expirationDateTime%20desc&$select=id,keyName"
    );
    assert_eq!(request.headers()["accept"], "application/json");
    assert_eq!(request.headers()["consistencylevel"], "eventual");

    let page = ListUserPfxCertificates::parse_response(response(
        200,
        r#"{"value":[{"id":"a","intendedPurpose":"vpn","paddingScheme":"oaepSha256","encryptedPfxBlob":"+/8A"},
                     {"id":"b","intendedPurpose":"quantumSafe","paddingScheme":"none"}],
            "@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/userPfxCertificates?$skiptoken=x"}"#,
    ))
    .unwrap();
    let items = page.value.unwrap();
    assert_eq!(items[0].intended_purpose, Some(UserPfxIntendedPurpose::Vpn));
    assert_eq!(items[0].padding_scheme, Some(UserPfxPaddingScheme::OaepSha256));
    // The blob came in the standard alphabet; it is bytes all the same.
    assert_eq!(items[0].encrypted_pfx_blob.as_deref(), Some(&[0xfb, 0xff, 0x00][..]));
    // A member added to the service later does not break decoding.
    assert_eq!(items[1].intended_purpose, Some(UserPfxIntendedPurpose::Unknown("quantumSafe".into())));
    assert!(page.odata_next_link.unwrap().ends_with("$skiptoken=x"));
}

#[test]
fn item_operations_put_the_key_in_its_own_segment() {
    let get = GetUserPfxCertificates::new("a/b c").select([P::Thumbprint]);
    let request = get.to_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://graph.microsoft.com/beta/deviceManagement/userPfxCertificates/a%2Fb%20c?$select=thumbprint"
    );

    let delete = DeleteUserPfxCertificates::new("id1").if_match("W/\"1\"");
    let request = delete.to_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(request.method(), http::Method::DELETE);
    assert_eq!(request.headers()["if-match"], "W/\"1\"");
    DeleteUserPfxCertificates::parse_response(response(204, "")).unwrap();

    let singleton = GetDeviceManagement::new().to_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(singleton.uri().to_string(), "https://graph.microsoft.com/beta/deviceManagement");
}

#[test]
fn create_sends_enum_names_and_standard_base64_bytes_and_nothing_unset() {
    let mut certificate = UserPfxCertificate::new();
    certificate.intended_purpose = Some(UserPfxIntendedPurpose::SmimeEncryption);
    certificate.padding_scheme = Some(UserPfxPaddingScheme::OaepSha512);
    certificate.encrypted_pfx_blob = Some(vec![0xfb, 0xff, 0x00]);
    certificate.key_name = Some("key".into());
    let request = CreateUserPfxCertificates::new(certificate).to_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.headers()["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        body,
        json!({"encryptedPfxBlob": "+/8A", "intendedPurpose": "smimeEncryption", "keyName": "key", "paddingScheme": "oaepSha512"})
    );

    let created = CreateUserPfxCertificates::parse_response(response(
        201,
        r#"{"id":"new","createdDateTime":"2026-11-28T10:00:00.1234567Z","intendedPurpose":"smimeEncryption","paddingScheme":"oaepSha512"}"#,
    ))
    .unwrap();
    assert_eq!(created.id.as_deref(), Some("new"));
    assert_eq!(created.created_date_time.unwrap().nanosecond(), 123_456_700);
}

#[test]
fn update_answers_with_or_without_the_entity_and_errors_are_typed() {
    let patch = UpdateUserPfxCertificates::new("id1", UserPfxCertificateUpdate::default().key_name("k2"));
    let request = patch.to_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(request.body()).unwrap(), json!({"keyName": "k2"}));
    // Bytes and enums keep their wire form in an update; a cleared field is null.
    let patch = UpdateUserPfxCertificates::new(
        "id1",
        UserPfxCertificateUpdate::default().encrypted_pfx_blob(vec![0xfb, 0xff]).padding_scheme(UserPfxPaddingScheme::Pkcs1).clear_key_name(),
    );
    let body: serde_json::Value = serde_json::from_slice(patch.to_request(DEFAULT_BASE_URL).unwrap().body()).unwrap();
    assert_eq!(body, json!({"encryptedPfxBlob": "+/8=", "paddingScheme": "pkcs1", "keyName": null}));
    assert_eq!(UpdateUserPfxCertificates::parse_response(response(204, "")).unwrap(), None);
    let updated = UpdateUserPfxCertificates::parse_response(response(200, r#"{"id":"id1","keyName":"k2"}"#)).unwrap();
    assert_eq!(updated.unwrap().key_name.as_deref(), Some("k2"));

    let missing = GetUserPfxCertificates::parse_response(response(
        404,
        r#"{"error":{"code":"ResourceNotFound","message":"No such certificate","innerError":{"request-id":"r1","date":"2026-11-28T10:00:00Z"}}}"#,
    ));
    match missing {
        Err(Error::Api { status, error: Some(error), .. }) => {
            assert_eq!(status, 404);
            assert_eq!(error.error.code, "ResourceNotFound");
            assert_eq!(error.error.inner_error.unwrap().request_id.as_deref(), Some("r1"));
        }
        other => panic!("expected the typed 404, got {other:?}"),
    }
}
