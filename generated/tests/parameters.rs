//! Structured parameter values (objects, maps, lists of them), which the
//! runtime writes through serde in OpenAPI's styles: `form` in a query,
//! `simple` in a path or header. Every emitted crate carries this runtime.

use std::collections::BTreeMap;

use msgraph_beta_pfx::runtime::{RequestBuilder, Structured};

fn map() -> BTreeMap<String, serde_json::Value> {
    [
        ("a".to_string(), serde_json::json!(1)),
        ("b c".to_string(), serde_json::json!("x,y")),
        ("n".to_string(), serde_json::Value::Null),
    ]
    .into_iter()
    .collect()
}

fn url(builder: RequestBuilder) -> String {
    builder.build().unwrap().uri().to_string()
}

#[test]
fn a_query_object_is_written_in_form_style() {
    let get = || RequestBuilder::new(http::Method::GET, "https://h/v1").path("/items");
    // explode (the default): a pair per property, nulls left out.
    assert_eq!(
        url(get().query_object("filter", Some(&map()), true)),
        "https://h/v1/items?a=1&b%20c=x%2Cy"
    );
    // not exploded: one pair, keys and values separated by commas (theirs encoded).
    assert_eq!(
        url(get().query_object("filter", Some(&map()), false)),
        "https://h/v1/items?filter=a,1,b%20c,x%2Cy"
    );
    // absent: nothing; a list: its items.
    assert_eq!(
        url(get().query_object::<BTreeMap<String, String>>("filter", None, true)),
        "https://h/v1/items"
    );
    assert_eq!(
        url(get().query_object("ids", Some(&vec![map()]), true)),
        r#"https://h/v1/items?ids=%7B%22a%22:1%2C%22b%20c%22:%22x%2Cy%22%2C%22n%22:null%7D"#
    );
}

#[test]
fn a_path_or_header_object_is_written_in_simple_style() {
    let request = RequestBuilder::new(http::Method::GET, "https://h")
        .path("/items/")
        .path_param(&Structured(&map()))
        .header("X-Filter", &Structured(&map()))
        .build()
        .unwrap();
    assert_eq!(request.uri().to_string(), "https://h/items/a,1,b%20c,x%2Cy");
    assert_eq!(request.headers()["x-filter"], "a,1,b c,x,y");
}
