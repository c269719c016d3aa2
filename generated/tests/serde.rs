//! The generated models against the examples of the Graph documentation:
//! the create request body, the 201 response and the list and get responses.
//!
//! `docs_examples_match` also reads the documentation page itself from
//! `../shared/reference` when it is there, and says so when it is not.

use msgraph_beta_pfx::models::{PfxUserCertificate, PfxUserCertificateCollectionResponse};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::uuid;

const EXAMPLE: &str = include_str!("fixtures/pfx-user-certificate.json");

fn example_value() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

/// The create example, built field by field from typed values (the models
/// are `#[non_exhaustive]`: other crates start from `new` and set fields).
fn typed_example() -> PfxUserCertificate {
    let mut example = PfxUserCertificate::new();
    example.odata_type = Some("#microsoft.graph.pfxUserCertificate".into());
    example.tenant_id = Some(uuid!("f9882bcd-2bcd-f988-cd2b-88f9cd2b88f9"));
    example.user_id = Some(uuid!("a991071c-071c-a991-1c07-91a91c0791a9"));
    example.thumbprint = Some("Thumbprint value".into());
    example.user_upn = Some("User Upn value".into());
    example.encrypted_pfx_blob = Some("Encrypted Pfx Blob value".into());
    example.encrypted_pfx_password = Some("Encrypted Pfx Password value".into());
    example.cert_start_date = Some(datetime!(2017-01-01 00:01:48.7697664 -08:00));
    example.cert_expiration_date = Some(datetime!(2016-12-31 23:56:39.3841403 -08:00));
    example.provider_name = Some("Provider Name value".into());
    example.encryption_key_name = Some("Encryption Key Name value".into());
    example.padding_scheme = Some(13);
    example.status = Some(6);
    example.intended_purpose = Some(15);
    example.created_time = Some(datetime!(2017-01-01 00:03:18.9597073 -08:00));
    example.is_deleted = Some(true);
    example.last_modified_time = Some(datetime!(2017-01-01 00:03:18.5958204 -08:00));
    example.e_tag = Some("ETag value".into());
    example
}

#[test]
fn create_request_body_serializes_to_the_documented_json() {
    let body = serde_json::to_value(typed_example()).unwrap();
    assert_eq!(body, example_value());
}

#[test]
fn created_response_deserializes_with_every_property() {
    let created: PfxUserCertificate = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(created, typed_example());
}

#[test]
fn timestamps_keep_seven_fractional_digits_and_their_offset() {
    let created: PfxUserCertificate = serde_json::from_str(EXAMPLE).unwrap();
    let start: OffsetDateTime = created.cert_start_date.unwrap();
    assert_eq!(start.nanosecond(), 769_766_400);
    assert_eq!(start.offset().whole_hours(), -8);
    let again = serde_json::to_value(&created).unwrap();
    assert_eq!(again["certStartDate"], "2017-01-01T00:01:48.7697664-08:00");
    assert_eq!(again, example_value());
}

#[test]
fn absent_properties_are_not_serialized() {
    let mut sparse = PfxUserCertificate::new();
    sparse.thumbprint = Some("AB12".into());
    assert_eq!(serde_json::to_value(&sparse).unwrap(), json!({ "thumbprint": "AB12" }));
    // Under $select Graph sends only some properties; the rest stay None.
    let selected: PfxUserCertificate = serde_json::from_value(json!({ "id": "1", "userUpn": "a@b" })).unwrap();
    assert_eq!(selected.id.as_deref(), Some("1"));
    assert_eq!(selected.user_upn.as_deref(), Some("a@b"));
    assert_eq!(selected.tenant_id, None);
}

#[test]
fn list_response_deserializes() {
    let list: PfxUserCertificateCollectionResponse = serde_json::from_value(json!({
        "value": [example_value()],
        "@odata.nextLink": "https://graph.microsoft.com/beta/pfxUserCertificates?$skiptoken=X",
        "@odata.count": 7
    }))
    .unwrap();
    let items = list.value.unwrap();
    assert_eq!(items, vec![typed_example()]);
    assert_eq!(list.odata_next_link.as_deref(), Some("https://graph.microsoft.com/beta/pfxUserCertificates?$skiptoken=X"));
    assert_eq!(list.odata_count, Some(7));
}

#[test]
fn wrong_types_fail_to_decode() {
    assert!(serde_json::from_value::<PfxUserCertificate>(json!({ "tenantId": "not-a-guid" })).is_err());
    assert!(serde_json::from_value::<PfxUserCertificate>(json!({ "certStartDate": "yesterday" })).is_err());
    assert!(serde_json::from_value::<PfxUserCertificate>(json!({ "paddingScheme": "13" })).is_err());
}

/// The JSON blocks of a documentation page, in order.
fn json_blocks(page: &str) -> Vec<Value> {
    let mut blocks = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("\n{") {
        let candidate = &rest[start + 1..];
        let end = candidate.find("\n}\n").map(|e| e + 2).unwrap_or(candidate.len());
        if let Ok(value) = serde_json::from_str::<Value>(&candidate[..end]) {
            blocks.push(value);
        }
        rest = &candidate[end.min(candidate.len())..];
    }
    blocks
}

#[test]
fn docs_examples_match() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference");
    if !docs.exists() {
        println!("notice: ../shared/reference is absent; skipping the check against the documentation pages");
        return;
    }
    let read = |name: &str| std::fs::read_to_string(docs.join(name)).unwrap();
    // Create: request body and 201 response.
    let create = json_blocks(&read("000_7f6ac2e84785ab95.txt"));
    assert_eq!(create.len(), 2);
    assert_eq!(serde_json::to_value(typed_example()).unwrap(), create[0]);
    let created: PfxUserCertificate = serde_json::from_value(create[1].clone()).unwrap();
    assert_eq!(created, typed_example());
    // List: a collection under `value`.
    let list = json_blocks(&read("graph-docs/intune-raimportcerts-pfxusercertificate-list.md"));
    let list: PfxUserCertificateCollectionResponse = serde_json::from_value(list[0].clone()).unwrap();
    assert_eq!(list.value.unwrap(), vec![typed_example()]);
    // Get: the page wraps the entity in `value`, which Graph does not do for a
    // single entity; the entity inside is what the service returns.
    let get = json_blocks(&read("graph-docs/intune-raimportcerts-pfxusercertificate-get.md"));
    let got: PfxUserCertificate = serde_json::from_value(get[0]["value"].clone()).unwrap();
    assert_eq!(got, typed_example());
}
