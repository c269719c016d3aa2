//! Structured parameter values (objects, maps, lists of them), which the
//! runtime writes through serde in OpenAPI's styles: `form` in a query,
//! `simple` in a path or header; cookies; and form bodies. Every emitted
//! crate carries this runtime.

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
fn a_query_object_in_deep_object_style_is_a_pair_per_property() {
    let get = || RequestBuilder::new(http::Method::GET, "https://h/v1").path("/charges");
    // OpenAPI's deepObject: `name[key]=value`, nulls left out (brackets encoded).
    assert_eq!(
        url(get().query_deep("metadata", Some(&map()))),
        "https://h/v1/charges?metadata%5Ba%5D=1&metadata%5Bb%20c%5D=x%2Cy"
    );
    // Objects and lists inside, as Stripe-like services read them (properties
    // in the order serde_json keeps them: sorted, or as written with its
    // `preserve_order`; these are both).
    let nested = serde_json::json!({"card": {"brand": "visa"}, "gte": 1, "in": ["a", "b"]});
    assert_eq!(
        url(get().query_deep("created", Some(&nested))),
        "https://h/v1/charges?created%5Bcard%5D%5Bbrand%5D=visa&created%5Bgte%5D=1&created%5Bin%5D%5B0%5D=a&created%5Bin%5D%5B1%5D=b"
    );
    // A value that is not an object (a union's other alternative) is one pair; absent, none.
    assert_eq!(
        url(get().query_deep("created", Some(&5))),
        "https://h/v1/charges?created=5"
    );
    assert_eq!(
        url(get().query_deep::<serde_json::Value>("created", None)),
        "https://h/v1/charges"
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

/// Form bodies: an object as `name=value` fields, or as a part per field
/// (in the order serde_json keeps an object's keys, which its features set).
#[test]
fn form_and_multipart_bodies_write_an_object_as_fields() {
    let value = serde_json::json!({"grant_type": "client credentials", "scope": ["a", "b"], "skip": null, "meta": {"k": 1}});
    let form = RequestBuilder::new(http::Method::POST, "https://h")
        .form_body(Some(&value), "application/x-www-form-urlencoded")
        .build()
        .unwrap();
    let text = String::from_utf8(form.body().clone()).unwrap();
    let mut fields: Vec<&str> = text.split('&').collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "grant_type=client%20credentials",
            "meta=%7B%22k%22%3A1%7D",
            "scope=a",
            "scope=b"
        ]
    );
    assert_eq!(
        form.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    let multipart = RequestBuilder::new(http::Method::POST, "https://h")
        .multipart_body(Some(&value))
        .build()
        .unwrap();
    let text = String::from_utf8(multipart.body().clone()).unwrap();
    let content_type = multipart.headers()["content-type"].to_str().unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    assert!(text.starts_with(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient credentials\r\n")));
    assert!(text.contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}\r\n"));
    assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    assert!(!text.contains("skip"));
}

#[test]
fn cookies_share_one_header() {
    let request = RequestBuilder::new(http::Method::GET, "https://h")
        .cookie("session", &"a b")
        .cookie("theme", &Some("dark"))
        .cookie("absent", &None::<String>)
        .build()
        .unwrap();
    assert_eq!(request.headers()["cookie"], "session=a%20b; theme=dark");
}
