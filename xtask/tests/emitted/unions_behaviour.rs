//! Copied into the crate emitted from `generator/tests/fixtures/unions.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: oneOf/anyOf as enums, and raw bytes.

use serde_json::json;
use unions::Operation;
use unions::models::{Cat, Circle, DirectoryObject, Pet, Shape, SquareIdOrName, SquareLabel};
use unions::operations::{DownloadFile, ListDirectoryObjects, UploadFile};

#[test]
fn a_discriminator_picks_the_variant_and_unknown_kinds_are_kept() {
    let cat: Pet = serde_json::from_value(json!({"petType": "cat", "name": "Tom", "lives": 9})).unwrap();
    assert!(matches!(&cat, Pet::Cat(c) if c.name == "Tom" && c.lives == Some(9)));
    let dog: Pet = serde_json::from_value(json!({"petType": "dog", "name": "Rex"})).unwrap();
    assert!(matches!(&dog, Pet::Dog(d) if d.name == "Rex"));
    // A kind the SDK does not know decodes, and writes back as it came.
    let parrot = json!({"petType": "parrot", "name": "Polly"});
    let decoded: Pet = serde_json::from_value(parrot.clone()).unwrap();
    assert!(matches!(decoded, Pet::Other(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), parrot);
    // Writing a variant writes the struct as it is.
    let mut tom = Cat::new("cat", "Tom");
    tom.lives = Some(3);
    assert_eq!(serde_json::to_value(Pet::Cat(tom)).unwrap(), json!({"petType": "cat", "name": "Tom", "lives": 3}));
}

#[test]
fn without_a_discriminator_the_first_variant_that_fits_is_taken() {
    let circle: Shape = serde_json::from_value(json!({"radius": 2.0})).unwrap();
    assert_eq!(circle, Shape::Circle(Circle::new(2.0)));
    let square: Shape = serde_json::from_value(json!({"side": 1.5, "label": {"icon": "star"}, "idOrName": 7})).unwrap();
    let Shape::Square(square) = square else { panic!("not a square") };
    assert!(matches!(square.label.as_deref(), Some(SquareLabel::SquareLabel1(l)) if l.icon == "star"));
    assert_eq!(square.id_or_name.as_deref(), Some(&SquareIdOrName::Integer(7)));
}

#[test]
fn graph_style_odata_type_unions_decode_recursively() {
    let body = json!([
        {"@odata.type": "#microsoft.graph.user", "displayName": "Ann", "mail": "ann@contoso.com"},
        {"@odata.type": "#microsoft.graph.group", "displayName": "Admins",
         "members": [{"@odata.type": "#microsoft.graph.user", "displayName": "Bob"}]},
        {"@odata.type": "#microsoft.graph.device", "displayName": "Laptop"}
    ]);
    let response = http::Response::builder().status(200).body(serde_json::to_vec(&body).unwrap()).unwrap();
    let objects = ListDirectoryObjects::parse_response(response).unwrap();
    assert!(matches!(&objects[0], DirectoryObject::User(u) if u.mail.as_deref() == Some("ann@contoso.com")));
    let DirectoryObject::Group(group) = &objects[1] else { panic!("not a group") };
    assert!(matches!(&group.members.as_ref().unwrap()[0], DirectoryObject::User(u) if u.display_name.as_deref() == Some("Bob")));
    assert!(matches!(&objects[2], DirectoryObject::Other(_)));
}

#[test]
fn octet_streams_are_raw_bytes() {
    let upload = UploadFile::new("f1", vec![0u8, 159, 146, 150]).to_request("https://files.example").unwrap();
    assert_eq!(upload.headers()["content-type"], "application/octet-stream");
    assert_eq!(upload.body(), &vec![0u8, 159, 146, 150]);
    let response = http::Response::builder().status(200).body(vec![1u8, 2, 255]).unwrap();
    assert_eq!(DownloadFile::parse_response(response).unwrap(), vec![1u8, 2, 255]);
}
