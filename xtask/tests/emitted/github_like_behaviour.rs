//! Copied into the crate emitted from `generator/tests/fixtures/github-like.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: unions of primitives and
//! objects in paths, bodies and answers.

use github_like::Operation;
use github_like::models::{
    ActionsGetWorkflowWorkflowId, CustomPropertyValueValue, InteractionsGetRestrictionsForRepo200Response,
    IssueLabels, IssuesAddLabelsBody,
};
use github_like::operations::{ActionsGetWorkflow, InteractionsGetRestrictionsForRepo};
use serde_json::json;

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    decoded
}

#[test]
fn an_id_or_a_name_in_a_path() {
    let path = |id: ActionsGetWorkflowWorkflowId| {
        let request = ActionsGetWorkflow::new("octo", "hello", id).to_request("https://api.example.com").unwrap();
        request.uri().path().to_string()
    };
    assert_eq!(path(42.into()), "/repos/octo/hello/actions/workflows/42");
    assert_eq!(path("ci.yml".into()), "/repos/octo/hello/actions/workflows/ci.yml");
    assert_eq!(round_trip::<ActionsGetWorkflowWorkflowId>(json!(7)), ActionsGetWorkflowWorkflowId::Integer(7));
    assert_eq!(round_trip::<ActionsGetWorkflowWorkflowId>(json!("7")), ActionsGetWorkflowWorkflowId::String("7".into()));
}

#[test]
fn label_items_are_a_name_or_an_object() {
    assert!(matches!(round_trip(json!("bug")), IssueLabels::String(name) if name == "bug"));
    assert!(matches!(round_trip(json!({"id": 1, "name": "bug"})), IssueLabels::IssueLabels1(l) if l.name.as_deref() == Some("bug")));
    assert!(matches!(round_trip(json!(["bug", "docs"])), IssuesAddLabelsBody::StringList(l) if l.len() == 2));
    assert!(matches!(round_trip(json!({"labels": ["bug"]})), IssuesAddLabelsBody::IssuesAddLabelsBody0(_)));
    assert!(matches!(round_trip(json!(["a", "b"])), CustomPropertyValueValue::StringList(_)));
    assert!(matches!(round_trip(json!("a")), CustomPropertyValueValue::String(_)));
}

#[test]
fn an_answer_that_is_an_object_or_the_empty_object() {
    let answer = |body: serde_json::Value| {
        let response = http::Response::builder().status(200).header("content-type", "application/json").body(body.to_string().into_bytes()).unwrap();
        InteractionsGetRestrictionsForRepo::parse_response(response).unwrap()
    };
    let limit = answer(json!({"limit": "contributors_only", "origin": "repository"}));
    assert!(matches!(limit, InteractionsGetRestrictionsForRepo200Response::InteractionLimitResponse(l) if l.origin == "repository"));
    assert!(matches!(answer(json!({})), InteractionsGetRestrictionsForRepo200Response::Map(m) if m.is_empty()));
}
