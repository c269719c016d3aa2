//! Copied into the crate emitted from `generator/tests/fixtures/stripe-like.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: expandable fields (an id or
//! the object), "an empty string clears it", and deepObject query parameters.

use serde_json::json;
use stripe_like::Operation;
use stripe_like::models::{
    ChargeCustomer, ChargeUpdate, ChargeUpdateApplicationFee, ChargeUpdateDescription, ChargeUpdateMetadata,
    ChargeUpdateTaxRates, GetChargesCreated, RangeQuerySpecs,
};
use stripe_like::operations::GetCharges;

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    decoded
}

#[test]
fn an_expandable_field_is_an_id_or_the_object() {
    assert!(matches!(round_trip(json!("cus_123")), ChargeCustomer::String(id) if id == "cus_123"));
    let customer = round_trip(json!({"id": "cus_123", "object": "customer", "email": "a@example.com"}));
    assert!(matches!(customer, ChargeCustomer::Customer(c) if c.email.as_deref() == Some("a@example.com")));
    // The deleted one requires more properties, so it is tried first.
    let deleted = round_trip(json!({"id": "cus_123", "object": "customer", "deleted": true}));
    assert!(matches!(deleted, ChargeCustomer::DeletedCustomer(_)), "{deleted:?}");
    assert_eq!(ChargeCustomer::from("cus_1"), ChargeCustomer::String("cus_1".into()));
}

#[test]
fn the_empty_string_clears_a_value() {
    assert_eq!(round_trip::<ChargeUpdateDescription>(json!("")), ChargeUpdateDescription::Clear);
    assert_eq!(round_trip::<ChargeUpdateDescription>(json!("Rent")), ChargeUpdateDescription::String("Rent".into()));
    assert_eq!(round_trip::<ChargeUpdateMetadata>(json!("")), ChargeUpdateMetadata::Clear);
    assert!(matches!(round_trip(json!({"order": "6735"})), ChargeUpdateMetadata::Map(m) if m["order"] == "6735"));
    assert!(matches!(round_trip(json!(["txr_1"])), ChargeUpdateTaxRates::StringList(l) if l == ["txr_1"]));
    assert_eq!(round_trip::<ChargeUpdateApplicationFee>(json!(250)), ChargeUpdateApplicationFee::Integer(250));
    let update = ChargeUpdate::new()
        .with_description(ChargeUpdateDescription::Clear)
        .with_application_fee(ChargeUpdateApplicationFee::from(100));
    assert_eq!(serde_json::to_value(&update).unwrap(), json!({"description": "", "application_fee": 100}));
}

#[test]
fn deep_object_parameters_are_a_pair_per_property() {
    let mut request = GetCharges::new();
    let mut range = RangeQuerySpecs::new();
    range.gte = Some(1_700_000_000);
    request.created = Some(GetChargesCreated::from(range));
    request.metadata = Some([("order".to_string(), "6735".to_string())].into_iter().collect());
    let uri = request.to_request("https://api.example.com").unwrap().uri().to_string();
    assert_eq!(uri, "https://api.example.com/v1/charges?created%5Bgte%5D=1700000000&metadata%5Border%5D=6735");
    // The other alternative, an integer, is one pair.
    request.created = Some(GetChargesCreated::from(1_700_000_000));
    request.metadata = None;
    let uri = request.to_request("https://api.example.com").unwrap().uri().to_string();
    assert_eq!(uri, "https://api.example.com/v1/charges?created=1700000000");
}
