//! Every request is a `tracing` span with what was sent and how it went
//! (method, path, status, attempts, request id) and an event per retry; the
//! token, query values and bodies are never recorded.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use msgraph_beta_pfx::operations::ListPfxUserCertificate;
use msgraph_beta_pfx::prelude::*;
use msgraph_beta_pfx::{Client, RetryPolicy};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Spans (name and fields) and events (fields) as they were recorded.
#[derive(Default)]
struct Recorded {
    spans: Vec<(String, Vec<(String, String)>)>,
    events: Vec<Vec<(String, String)>>,
}

/// Ids are positions in `spans`, from 1.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Recorded>>,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_string(), format!("{value:?}")));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        let mut seen = self.seen.lock().unwrap();
        seen.spans.push((span.metadata().name().to_string(), fields));
        Id::from_u64(seen.spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut seen = self.seen.lock().unwrap();
        let index = span.into_u64() as usize - 1;
        values.record(&mut Fields(&mut seen.spans[index].1));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.seen.lock().unwrap().events.push(fields);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    // The last value recorded wins (`attempts`, `status` are recorded per attempt).
    fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn a_request_is_a_span_with_its_outcome_and_no_secret() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/beta/pfxUserCertificates"));
    list()
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    list()
        .respond_with(ResponseTemplate::new(200).insert_header("request-id", "req-42").set_body_json(json!({"value": []})))
        .mount(&server)
        .await;
    let client = Client::new(format!("{}/beta", server.uri()))
        .with_bearer_token("secret-token-value")
        .with_retry_policy(RetryPolicy { base_delay: Duration::from_millis(1), ..RetryPolicy::default() });

    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let request = ListPfxUserCertificate::new().filter("userPrincipalName eq 'private@contoso.com'");
    client.execute(&request).await.unwrap();

    let seen = recorder.seen.lock().unwrap();
    let (name, fields) = seen.spans.iter().find(|(name, _)| name == "request").expect("a request span");
    assert_eq!(name, "request");
    assert_eq!(field(fields, "method"), Some("GET"));
    assert_eq!(field(fields, "path"), Some("/beta/pfxUserCertificates"));
    assert_eq!(field(fields, "status"), Some("200"));
    assert_eq!(field(fields, "attempts"), Some("2"));
    assert_eq!(field(fields, "request_id"), Some("\"req-42\""));
    let retry = seen.events.iter().find(|e| field(e, "message") == Some("retrying")).expect("a retry event");
    assert_eq!((field(retry, "attempt"), field(retry, "status")), (Some("1"), Some("503")));
    assert!(field(retry, "wait_ms").is_some());
    // Neither the token nor a query value is anywhere in what was recorded.
    let all = format!("{:?} {:?}", seen.spans, seen.events);
    assert!(!all.contains("secret-token-value") && !all.contains("private@contoso.com"), "{all}");
}
