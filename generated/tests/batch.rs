//! JSON batching, sans-IO: the `$batch` request a batch makes, and each
//! answer decoded by its own request's `parse_response`.

use msgraph_beta_pfx::batch::{Batch, BatchReplies};
use msgraph_beta_pfx::models::PfxUserCertificateUpdate;
use msgraph_beta_pfx::operations::{DeletePfxUserCertificate, GetPfxUserCertificate, UpdatePfxUserCertificate};
use msgraph_beta_pfx::Error;
use serde_json::{Value, json};

const BASE: &str = "https://graph.microsoft.com/beta";

fn reply(body: Value) -> http::Response<Vec<u8>> {
    http::Response::builder().status(200).body(serde_json::to_vec(&body).unwrap()).unwrap()
}

#[test]
fn a_batch_is_one_request_of_relative_requests_with_their_bodies_and_dependencies() {
    let mut batch = Batch::new(BASE);
    let get = batch.add(&GetPfxUserCertificate::new("c1")).unwrap();
    let change = PfxUserCertificateUpdate::default().provider_name("Contoso KSP");
    let update = batch.add_after(&UpdatePfxUserCertificate::new("c1", change).if_match("W/\"1\""), &[get.id()]).unwrap();
    let _delete = batch.add_after(&DeletePfxUserCertificate::new("c2"), &[update.id()]).unwrap();
    assert_eq!(batch.len(), 3);

    let request = batch.to_request().unwrap();
    assert_eq!((request.method(), request.uri().to_string()), (&http::Method::POST, format!("{BASE}/$batch")));
    let sent: Value = serde_json::from_slice(request.body()).unwrap();
    let requests = sent["requests"].as_array().unwrap();
    assert_eq!(requests[0]["id"], "1");
    assert_eq!((requests[0]["method"].as_str(), requests[0]["url"].as_str()), (Some("GET"), Some("pfxUserCertificates/c1")));
    assert_eq!(requests[1]["method"], "PATCH");
    assert_eq!(requests[1]["body"], json!({"providerName": "Contoso KSP"}));
    assert_eq!(requests[1]["headers"]["if-match"], "W/\"1\"");
    assert_eq!(requests[1]["dependsOn"], json!(["1"]));
    assert_eq!(requests[2]["dependsOn"], json!(["2"]));
}

#[test]
fn each_answer_is_its_requests_typed_result() {
    let mut batch = Batch::new(BASE);
    let get = batch.add(&GetPfxUserCertificate::new("c1")).unwrap();
    let missing = batch.add(&GetPfxUserCertificate::new("nope")).unwrap();
    let delete = batch.add(&DeletePfxUserCertificate::new("c2")).unwrap();
    // Graph answers in any order.
    let mut replies = BatchReplies::from_response(reply(json!({"responses": [
        {"id": "3", "status": 204},
        {"id": "2", "status": 404, "headers": {"Content-Type": "application/json"},
         "body": {"error": {"code": "ResourceNotFound", "message": "no such certificate"}}},
        {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "c1", "thumbprint": "k"}},
    ]})))
    .unwrap();
    let certificate = replies.take(&get).unwrap();
    assert_eq!((certificate.id.as_deref(), certificate.thumbprint.as_deref()), (Some("c1"), Some("k")));
    let error = replies.take(&missing).unwrap_err();
    assert!(matches!(&error, Error::Api { status, error: Some(e), .. } if status.as_u16() == 404 && e.error.code == "ResourceNotFound"), "{error:?}");
    replies.take(&delete).unwrap();
    // Taken once.
    assert!(replies.take(&delete).is_err());
}

#[test]
fn more_requests_than_the_limit_are_refused_with_a_clear_error() {
    let mut batch = Batch::new(BASE);
    for i in 0..21 {
        batch.add(&GetPfxUserCertificate::new(format!("c{i}"))).unwrap();
    }
    let error = batch.to_request().unwrap_err();
    assert!(error.to_string().contains("at most 20 requests and this one has 21"), "{error}");
    assert!(batch.clone().with_limit(50).to_request().is_ok());
    // A failed batch as a whole is an error of its own.
    let refused = http::Response::builder().status(400).body(b"{\"error\":{\"code\":\"BadRequest\",\"message\":\"bad batch\"}}".to_vec()).unwrap();
    assert!(matches!(BatchReplies::from_response(refused), Err(Error::Api { .. })));
}

/// One function may `?` a batch's error and an operation's: the batch's
/// (read as any JSON) becomes the operations' `Error<ODataError>`.
#[test]
fn a_batch_error_becomes_the_operations_error_type() {
    #[allow(clippy::result_large_err)] // the crate's one error type, as every call returns it
    fn send(reply: http::Response<Vec<u8>>) -> Result<BatchReplies, Error<msgraph_beta_pfx::models::ODataError>> {
        Ok(BatchReplies::from_response(reply)?)
    }
    let refused = http::Response::builder().status(400).body(b"{\"error\":{\"code\":\"BadRequest\",\"message\":\"bad batch\"}}".to_vec()).unwrap();
    let error = send(refused).unwrap_err();
    let Error::Api { error: Some(odata), .. } = &error else { panic!("unexpected {error:?}") };
    assert_eq!((odata.error.code.as_str(), odata.error.message.as_str()), ("BadRequest", "bad batch"));
    // The same by hand, where no `From` applies (a split SDK).
    let typed: Error<msgraph_beta_pfx::models::ODataError> =
        BatchReplies::from_response(http::Response::builder().status(503).body(b"busy".to_vec()).unwrap()).unwrap_err().typed();
    assert!(matches!(typed, Error::Api { error: None, .. }), "{typed:?}");
}
