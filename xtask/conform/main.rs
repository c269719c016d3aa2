//! The conformance runner `cargo xtask conform` compiles beside an SDK
//! crate: every operation of the SDK (the emitted `exerciser` module) is
//! built from each of its input sets, sent to the mock server, and its answer
//! decoded and written back; a line of JSON per call tells how it went.
//!
//!   conform-runner BASE_URL INPUTS.json
//!
//! Outcomes: `ok`; `unbuilt` (a schema-valid input does not read into the
//! SDK's type, or the request does not build); `rejected` (the server found
//! the request invalid: Prism's `sl-violations`); `undecoded` (a
//! schema-valid answer does not decode); `changed` (decoded, but written
//! back it is not the answer); `unknown` (decoded into an unknown enum value
//! or the `Other` variant of a union: a valid answer is always a known one).
//! `skipped`: the operation has no inputs.

// The paths the exerciser names (`crate::models::..`) are the SDK's.
pub use sdk::*;

mod compare;
mod exerciser;
mod support;

use serde_json::{Value, json};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(inputs)) = (args.next(), args.next()) else {
        eprintln!("usage: conform-runner BASE_URL INPUTS.json");
        std::process::exit(2);
    };
    let inputs: Value = match std::fs::read(&inputs).map(|b| serde_json::from_slice(&b)) {
        Ok(Ok(inputs)) => inputs,
        _ => {
            eprintln!("cannot read {inputs}");
            std::process::exit(2);
        }
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    for (key, build) in exerciser::OPERATIONS {
        let Some(sets) = inputs.get(*key).and_then(Value::as_array) else {
            report(key, 0, "skipped", "no inputs for the operation");
            continue;
        };
        for (call, set) in sets.iter().enumerate() {
            let (outcome, detail) = exercise(&agent, &base_url, *build, set);
            report(key, call, outcome, &detail);
        }
    }
}

fn report(operation: &str, call: usize, outcome: &str, detail: &str) {
    println!(
        "{}",
        json!({"operation": operation, "call": call, "outcome": outcome, "detail": detail})
    );
}

type Build = fn(&support::Inputs) -> Result<Box<dyn support::Call>, String>;

fn exercise(
    agent: &ureq::Agent,
    base_url: &str,
    build: Build,
    set: &Value,
) -> (&'static str, String) {
    let inputs = support::Inputs::new(set.clone());
    let call = match build(&inputs) {
        Ok(call) => call,
        Err(e) => return ("unbuilt", e),
    };
    let request = match call.request(base_url) {
        Ok(request) => with_credentials(request, &inputs),
        Err(e) => return ("unbuilt", e),
    };
    let shown = format!("{} {}", request.method(), request.uri());
    let response = match send(agent, request) {
        Ok(response) => response,
        Err(e) => return ("unbuilt", format!("{shown}: cannot send: {e}")),
    };
    // Prism tells what it found invalid: in the request (the SDK's or the
    // inputs' fault), or in its own answer (Prism's: the answer is still
    // decoded, as any answer).
    let violations: Vec<Value> = response
        .headers()
        .get("sl-violations")
        .and_then(|v| serde_json::from_slice(v.as_bytes()).ok())
        .unwrap_or_default();
    let in_request: Vec<String> = violations
        .iter()
        .filter(|v| v["location"][0] == "request" && v["severity"] == "Error")
        .map(|v| {
            format!(
                "{} {}",
                v["location"],
                v["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    if !in_request.is_empty() {
        return ("rejected", format!("{shown}: {}", in_request.join("; ")));
    }
    // Prism's own answer to a request it finds invalid where the description
    // documents no 422 (a problem whose type is Prism's).
    if let Ok(problem) = serde_json::from_slice::<Value>(response.body())
        && problem["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("https://stoplight.io/prism/errors#"))
    {
        let said: Vec<String> = problem["validation"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                format!(
                    "{} {}",
                    v["location"],
                    v["message"].as_str().unwrap_or_default()
                )
            })
            .collect();
        return ("rejected", format!("{shown}: {}", said.join("; ")));
    }
    let status = response.status().as_u16();
    let is_json = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("json"));
    let body: Option<Value> = is_json
        .then(|| serde_json::from_slice(response.body()).ok())
        .flatten();
    let text = shorten(&String::from_utf8_lossy(response.body()));
    match call.answer(response) {
        support::Answer::Failed(e) => ("undecoded", format!("{shown} -> {status}: {e}: {text}")),
        support::Answer::Decoded { json, debug } => {
            if let Some(marker) = compare::unknown_marker(&debug) {
                return (
                    "unknown",
                    format!("{shown} -> {status}: {marker} in {}", shorten(&debug)),
                );
            }
            match body.map(|body| compare::difference(&body, &json)) {
                Some(Some(difference)) => ("changed", format!("{shown} -> {status}: {difference}")),
                _ => ("ok", String::new()),
            }
        }
    }
}

fn shorten(text: &str) -> String {
    text.chars().take(300).collect()
}

/// What the security requirement asks for, added to the built request.
fn with_credentials(
    mut request: http::Request<Vec<u8>>,
    inputs: &support::Inputs,
) -> http::Request<Vec<u8>> {
    for (name, value) in inputs.credentials("header") {
        if let (Ok(name), Some(Ok(value))) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            value.as_str().map(http::HeaderValue::from_str),
        ) {
            request.headers_mut().insert(name, value);
        }
    }
    let query: Vec<String> = inputs
        .credentials("query")
        .iter()
        .map(|(name, value)| format!("{name}={}", value.as_str().unwrap_or_default()))
        .collect();
    if !query.is_empty() {
        let uri = request.uri().to_string();
        let joined = format!(
            "{uri}{}{}",
            if uri.contains('?') { '&' } else { '?' },
            query.join("&")
        );
        if let Ok(uri) = joined.parse() {
            *request.uri_mut() = uri;
        }
    }
    let cookies: Vec<String> = inputs
        .credentials("cookie")
        .iter()
        .map(|(name, value)| format!("{name}={}", value.as_str().unwrap_or_default()))
        .collect();
    if !cookies.is_empty() {
        if let Ok(value) = http::HeaderValue::from_str(&cookies.join("; ")) {
            request.headers_mut().append(http::header::COOKIE, value);
        }
    }
    request
}

fn send(
    agent: &ureq::Agent,
    request: http::Request<Vec<u8>>,
) -> Result<http::Response<Vec<u8>>, String> {
    let response = agent.run(request).map_err(|e| e.to_string())?;
    let (parts, mut body) = response.into_parts();
    let bytes = body
        .read_to_vec()
        .map_err(|e| format!("cannot read the answer: {e}"))?;
    Ok(http::Response::from_parts(parts, bytes))
}
