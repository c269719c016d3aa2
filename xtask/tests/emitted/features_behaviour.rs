//! Copied into the crate emitted from `generator/tests/fixtures/features.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: how the emitted types behave.

use serde_json::json;
use snapshot_features::Operation;
use snapshot_features::models::{Dog, DogCollarColour, Kind};
use snapshot_features::operations::{GetAnimals, NotesPut};

#[test]
fn enums_keep_unknown_values() {
    let kinds: Vec<Kind> = serde_json::from_value(json!(["dog", "unknown", "1080p", "parrot"])).unwrap();
    assert_eq!(kinds, [Kind::Dog, Kind::Unknown, Kind::V1080p, Kind::UnknownValue("parrot".into())]);
    assert_eq!(serde_json::to_value(&kinds).unwrap(), json!(["dog", "unknown", "1080p", "parrot"]));
    assert_eq!(DogCollarColour::Green.to_string(), "green");
}

#[test]
fn inherited_required_and_recursive_fields_round_trip() {
    let dog = json!({
        "id": "d1",
        "name": "Rex",
        "born": "2020-02-29T12:00:00.1234567+05:30",
        "type": "terrier",
        "self": true,
        "fooBar": 1,
        "foo_bar": 1.5,
        "walks": ["2024-01-01T08:00:00Z", "2024-01-02T08:00:00.5Z"],
        "scores": { "speed": 9.5 },
        "collar": { "size": 3, "colour": "red" },
        "parent": { "name": "Old Rex", "born": "2010-01-01T00:00:00Z" },
        "friends": [],
        "extra": { "anything": [1, 2] },
        "owner": null
    });
    let decoded: Dog = serde_json::from_value(dog.clone()).unwrap();
    assert_eq!(decoded.r#type.as_deref(), Some("terrier"));
    assert_eq!(decoded.self_, Some(true));
    assert_eq!(decoded.foo_bar_2, Some(1.5));
    assert_eq!(decoded.parent.as_ref().unwrap().name, "Old Rex");
    let mut expected = dog;
    expected.as_object_mut().unwrap().remove("owner");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), expected);
    // `name` and `born` are required.
    assert!(serde_json::from_value::<Dog>(json!({ "name": "x" })).is_err());
}

#[test]
fn parameters_go_where_the_spec_puts_them() {
    let id = uuid::Uuid::nil();
    let request = GetAnimals::new(id).kind(Kind::Cat).tag(["a", "b c"]).to_request("https://zoo.example.com/v1").unwrap();
    assert_eq!(request.uri(), "https://zoo.example.com/v1/animals?kind=cat&tag=a&tag=b%20c");
    assert_eq!(request.headers()["X-Request-Id"], "00000000-0000-0000-0000-000000000000");
    let request = NotesPut::new(7, "x/y", "hello").body_2(true).to_request("https://zoo.example.com/v1").unwrap();
    assert_eq!(request.uri(), "https://zoo.example.com/v1/animals/7/notes/x%2Fy?body=true");
    assert_eq!(request.headers()["content-type"], "text/plain");
    assert_eq!(request.body(), b"hello");
}

#[test]
fn new_takes_exactly_the_required_properties() {
    // Models are `#[non_exhaustive]`: `new` with what is always present, then fields.
    let born = time::OffsetDateTime::UNIX_EPOCH;
    let mut dog = Dog::new("Rex", born);
    assert_eq!((dog.name.as_str(), dog.born, dog.id.as_deref()), ("Rex", born, None));
    dog.r#type = Some("terrier".into());
    let written = serde_json::to_value(&dog).unwrap();
    assert_eq!(written["name"], "Rex");
    assert_eq!(written["type"], "terrier");
}

#[test]
fn integer_enums_are_enums_of_their_values() {
    use snapshot_features::models::DogCollarStiffness;
    let values: Vec<DogCollarStiffness> = serde_json::from_value(json!([1, 3, 9])).unwrap();
    assert_eq!(values, [DogCollarStiffness::V1, DogCollarStiffness::V3, DogCollarStiffness::Unknown(9)]);
    assert_eq!(serde_json::to_value(&values).unwrap(), json!([1, 3, 9]));
    assert_eq!(DogCollarStiffness::V2.value(), 2);
    assert!(serde_json::from_value::<DogCollarStiffness>(json!("2")).is_err());
}

#[test]
fn numbers_read_from_json_numbers_or_their_text() {
    // IEEE754Compatible: a 64-bit integer or a double may come as text.
    let dog: Dog = serde_json::from_value(json!({
        "name": "Rex", "born": "2020-01-01T00:00:00Z", "chipNumber": "9007199254740993", "weight": "NaN"
    }))
    .unwrap();
    assert_eq!(dog.chip_number, Some(9007199254740993));
    assert!(dog.weight.unwrap().is_nan());
    let dog: Dog = serde_json::from_value(json!({
        "name": "Rex", "born": "2020-01-01T00:00:00Z", "chipNumber": 42, "weight": 12.5
    }))
    .unwrap();
    assert_eq!((dog.chip_number, dog.weight), (Some(42), Some(12.5)));
    // Written as numbers; a float JSON cannot hold as OData's text.
    let mut dog = dog;
    let written = serde_json::to_value(&dog).unwrap();
    assert_eq!((&written["chipNumber"], &written["weight"]), (&json!(42), &json!(12.5)));
    dog.weight = Some(f64::INFINITY);
    assert_eq!(serde_json::to_value(&dog).unwrap()["weight"], json!("INF"));
    let bad = serde_json::from_value::<Dog>(json!({"name": "Rex", "born": "2020-01-01T00:00:00Z", "chipNumber": "many"}));
    assert!(bad.unwrap_err().to_string().contains("not a 64-bit integer"));
}
