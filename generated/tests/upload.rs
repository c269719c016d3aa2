//! Large uploads over loopback: the content sent range by range to an upload
//! session's URL, resumed from the session's `nextExpectedRanges` after a
//! failed range, and the item the last range made.

use msgraph_beta_pfx::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_bytes, header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CONTENT: &[u8] = b"0123456789";

fn range(server_range: &'static str, bytes: &'static [u8]) -> wiremock::MockBuilder {
    Mock::given(method("PUT"))
        .and(path("/upload/session-1"))
        .and(header("content-range", server_range))
        .and(body_bytes(bytes))
}

fn accepted(next: &str) -> ResponseTemplate {
    ResponseTemplate::new(202).set_body_json(
        json!({"expirationDateTime": "2027-01-01T00:00:00Z", "nextExpectedRanges": [next]}),
    )
}

/// No range may carry the client's token: the session URL authorizes itself.
fn no_token(request: &Request) -> bool {
    !request.headers.contains_key("authorization")
}

#[tokio::test]
async fn the_content_goes_range_by_range_and_the_last_answer_is_the_item() {
    let server = MockServer::start().await;
    range("bytes 0-3/10", b"0123")
        .and(no_token)
        .respond_with(accepted("4-"))
        .expect(1)
        .mount(&server)
        .await;
    range("bytes 4-7/10", b"4567")
        .and(no_token)
        .respond_with(accepted("8-"))
        .expect(1)
        .mount(&server)
        .await;
    range("bytes 8-9/10", b"89")
        .and(no_token)
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "file-1", "size": 10})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(401))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).with_bearer_token("secret-token");
    let item: serde_json::Value = client
        .upload(format!("{}/upload/session-1", server.uri()))
        .range_size(4)
        .send(CONTENT)
        .await
        .unwrap();
    assert_eq!(item, json!({"id": "file-1", "size": 10}));
}

#[tokio::test]
async fn a_failed_range_is_resumed_where_the_session_stands() {
    let server = MockServer::start().await;
    range("bytes 0-3/10", b"0123")
        .respond_with(accepted("4-"))
        .expect(1)
        .mount(&server)
        .await;
    // The second range fails once (a 500 is not retried by the client)...
    range("bytes 4-7/10", b"4567")
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    range("bytes 4-7/10", b"4567")
        .respond_with(accepted("8-"))
        .expect(1)
        .mount(&server)
        .await;
    // ...so the session is asked where it stands: it has the first four bytes.
    Mock::given(method("GET"))
        .and(path("/upload/session-1"))
        .respond_with(accepted("4-"))
        .expect(1)
        .mount(&server)
        .await;
    range("bytes 8-9/10", b"89")
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let () = client
        .upload(format!("{}/upload/session-1", server.uri()))
        .range_size(4)
        .send(CONTENT)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_upload_gives_up_after_its_resumes_with_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(
                json!({"error": {"code": "generalException", "message": "disk full"}}),
            ),
        )
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(accepted("0-"))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let error = client
        .upload(format!("{}/upload/s", server.uri()))
        .resumes(2)
        .send::<()>(CONTENT)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, .. } if status.as_u16() == 500),
        "{error:?}"
    );
    assert!(error.to_string().contains("disk full"), "{error}");
    let empty = client
        .upload("http://127.0.0.1:9/never")
        .send::<()>(b"")
        .await
        .unwrap_err();
    assert!(matches!(empty, Error::Build(_)), "{empty:?}");
}
