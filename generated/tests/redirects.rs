//! Redirects over loopback: the client follows them itself, request by
//! request; the token goes along only to the origin the request was sent to;
//! a redirect the operation documents (`keep_redirects`) is its answer.

use msgraph_beta_pfx::runtime::{Answer, BuildError, Error, RequestBuilder};
use msgraph_beta_pfx::{Client, Operation};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// `GET /from`: text, whatever status; `keep` marks its redirects as its own.
struct Fetch {
    keep: bool,
}

impl Operation for Fetch {
    type Output = Answer<String>;
    type Error = serde_json::Value;

    fn to_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, BuildError> {
        let builder = RequestBuilder::new(http::Method::GET, base_url).path("/from");
        if self.keep {
            builder.keep_redirects().build()
        } else {
            builder.build()
        }
    }

    fn parse_response(
        response: http::Response<Vec<u8>>,
    ) -> Result<Self::Output, Error<Self::Error>> {
        match response.status().as_u16() {
            200 => msgraph_beta_pfx::runtime::text_body(response).map(Answer::Value),
            300..=399 => Answer::of_status(response),
            _ => Err(msgraph_beta_pfx::runtime::unexpected_status(response)),
        }
    }
}

fn redirect_to(location: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", location)
}

#[tokio::test]
async fn a_redirect_is_followed_with_the_token_on_the_same_origin() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/from"))
        .respond_with(redirect_to("/to"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/to"))
        .and(header("authorization", "Bearer t"))
        .respond_with(ResponseTemplate::new(200).set_body_string("here"))
        .mount(&server)
        .await;
    let client = Client::new(server.uri()).with_bearer_token("t");
    let answer = client.execute(&Fetch { keep: false }).await.unwrap();
    assert_eq!(answer.value().as_deref(), Some("here"));
}

#[tokio::test]
async fn the_token_does_not_follow_a_redirect_to_another_origin() {
    let service = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/from"))
        .respond_with(redirect_to(&format!("{}/download", elsewhere.uri())))
        .mount(&service)
        .await;
    Mock::given(method("GET"))
        .and(path("/download"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(500))
        .with_priority(1)
        .mount(&elsewhere)
        .await;
    Mock::given(method("GET"))
        .and(path("/download"))
        .respond_with(ResponseTemplate::new(200).set_body_string("bytes"))
        .with_priority(2)
        .mount(&elsewhere)
        .await;
    let client = Client::new(service.uri()).with_bearer_token("secret");
    let answer = client.execute(&Fetch { keep: false }).await.unwrap();
    assert_eq!(answer.value().as_deref(), Some("bytes"));
    let seen: Vec<Request> = elsewhere.received_requests().await.unwrap();
    assert!(
        seen.iter()
            .all(|r| !r.headers.contains_key("authorization"))
    );
}

#[tokio::test]
async fn a_documented_redirect_is_the_answer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/from"))
        .respond_with(ResponseTemplate::new(303).insert_header("location", "/elsewhere"))
        .mount(&server)
        .await;
    let client = Client::new(server.uri());
    let answer = client.execute(&Fetch { keep: true }).await.unwrap();
    assert_eq!(answer.location(), Some("/elsewhere"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
