//! Copied into the crate emitted from `generator/tests/fixtures/odata-features.csdl.xml`
//! by `xtask/tests/codegen.rs`, and run there: OData values on the wire, and
//! requests along containment paths and composite keys.

use odata_features::Operation;
use odata_features::formats::Flags;
use odata_features::models::{Color, Product, Shop, StockAudit, Weekdays};
use odata_features::operations::{
    CreatePhoto, GetProductManual, GetVariants, ListCategories, ListManufacturer, GetPhotoContent, ProductsUpdatePhoto, ProductsUpdatePhotoContent,
    UpdateProductManual,
};
use odata_features::prelude::*;
use serde_json::json;

const BASE: &str = "https://shop.example/odata";

#[test]
fn every_primitive_reads_and_writes_as_odata_json_has_it() {
    let wire = json!({
        "id": "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        "@odata.type": "#Sample.Shop.product",
        "name": "Kettle",
        "inStock": true,
        "shelf": 200,
        "delta": -5,
        "rating": -300,
        "quantity": 70000,
        "serial": 9007199254740993_i64,
        "weight": 1.5,
        "volume": 1.75,
        "price": 19.99,
        "added": "2026-11-28T10:00:00.1234567+01:00",
        "releaseDate": "2026-02-28",
        "opensAt": "08:30:00",
        "warranty": "P2Y",
        "thumbnail": "AQID_w",
        "location": {"type": "Point", "coordinates": [1.0, 2.0]},
        "extra": [1, "two"],
        "contact": "sales@shop.example",
        "colors": ["green", "ultraviolet"],
        "deliveryDays": "monday,type",
        "holidays": ["2026-12-25"],
        "audit": {"changedBy": "ann", "changedOn": "2026-11-27", "count": 3}
    });
    let product: Product = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(product.shelf, Some(200u8));
    assert_eq!(product.rating, Some(-300i16));
    assert_eq!(product.serial, Some(9007199254740993));
    assert_eq!(product.release_date.unwrap().to_string(), "2026-02-28");
    assert_eq!(product.thumbnail.as_deref(), Some(&[1, 2, 3, 255][..]));
    assert_eq!(product.colors.as_deref(), Some(&[Color::Green, Color::Unknown("ultraviolet".into())][..]));
    let days = product.delivery_days.as_ref().unwrap();
    assert!(days.contains(&Weekdays::Monday) && days.contains(&Weekdays::Type));
    let audit: &StockAudit = product.audit.as_ref().unwrap();
    assert_eq!((audit.changed_by.as_deref(), audit.count), (Some("ann"), Some(3)));
    // Written back, the value is what came in.
    assert_eq!(serde_json::to_value(&product).unwrap(), wire);
}

#[test]
fn a_flags_value_is_a_set_of_names() {
    // The key is always there (a non-nullable key the service does not compute).
    let id = uuid::Uuid::nil();
    let mut shop = Shop::new(id);
    shop.open_days = Some([Weekdays::Tuesday, Weekdays::Wednesday].into_iter().collect());
    assert_eq!(serde_json::to_value(&shop).unwrap(), json!({"id": id, "openDays": "tuesday,wednesday"}));
    let empty: Shop = serde_json::from_value(json!({"id": id, "openDays": ""})).unwrap();
    assert_eq!(empty.open_days, Some(Flags::default()));
}

#[test]
fn composite_keys_and_containment_build_their_paths() {
    let product = uuid::Uuid::parse_str("6f9619ff-8b86-d011-b42d-00c04fc964ff").unwrap();
    let request = GetVariants::new(product, 42, "XL blue").to_request(BASE).unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://shop.example/odata/products(6f9619ff-8b86-d011-b42d-00c04fc964ff)/variants(size=42,code='XL%20blue')"
    );
    let request = ListCategories::new().top(2).to_request(BASE).unwrap();
    assert_eq!(request.uri().to_string(), "https://shop.example/odata/myShop/categories?$top=2");
    let request = ProductsUpdatePhoto::new(product, odata_features::models::Photo::default()).to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::PATCH);
    assert!(request.uri().path().ends_with("/photo"));
    // The entity set says it cannot be searched: there is no `search` option.
    let request = ListManufacturer::new().filter("name eq 'x'").to_request(BASE).unwrap();
    assert_eq!(request.uri().query(), Some("$filter=name%20eq%20'x'"));
}

#[test]
fn media_is_read_and_sent_as_bytes_of_its_own_type() {
    let product = uuid::Uuid::parse_str("6f9619ff-8b86-d011-b42d-00c04fc964ff").unwrap();
    // A stream property is replaced by its bytes as they are, typed as the caller says.
    let request = UpdateProductManual::new(product, b"%PDF-1.7".to_vec()).content_type("application/pdf").to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.uri().path(), "/odata/products(6f9619ff-8b86-d011-b42d-00c04fc964ff)/manual");
    assert_eq!(request.body(), b"%PDF-1.7");
    let types: Vec<_> = request.headers().get_all("content-type").iter().collect();
    assert_eq!(types, ["application/pdf"]);
    // A media entity's media, without a type: an octet stream.
    let request = ProductsUpdatePhotoContent::new(product, vec![0xff, 0xd8]).to_request(BASE).unwrap();
    assert!(request.uri().path().ends_with("/photo/$value"));
    assert_eq!(request.headers()["content-type"], "application/octet-stream");
    assert_eq!(ProductsUpdatePhotoContent::parse_response(reply(204, b"")).unwrap(), ());
    // Reading takes any media type and gives the bytes as they came.
    let request = GetProductManual::new(product).to_request(BASE).unwrap();
    assert_eq!(request.headers()["accept"], "*/*");
    assert_eq!(GetProductManual::parse_response(reply(200, b"%PDF")).unwrap(), b"%PDF");
    let request = GetPhotoContent::new(product).to_request(BASE).unwrap();
    assert_eq!(request.uri().path(), "/odata/gallery(6f9619ff-8b86-d011-b42d-00c04fc964ff)/$value");
    // A media entity is created by posting its media; the answer is the new entity.
    let request = CreatePhoto::new(vec![1, 2, 3]).content_type("image/png").to_request(BASE).unwrap();
    assert_eq!((request.method(), request.uri().path()), (&http::Method::POST, "/odata/gallery"));
    assert_eq!(request.body(), &[1u8, 2, 3]);
    assert_eq!(request.headers()["content-type"], "image/png");
    let created = CreatePhoto::parse_response(reply(201, br#"{"id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "caption": null}"#)).unwrap();
    assert_eq!(created.id, product);
}

fn reply(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.to_vec()).unwrap()
}
