//! The SDK generated from a live SAP CAP server's `$metadata`, against that
//! server (`interop/cap`: 2 tenants, 12 certificates, 3 issuers, pages of 5).
//! `cargo xtask interop` starts the server and sets `INTEROP_BASE_URL`.
//!
//! Tests that write make their own certificates (thumbprint `TEST-...`), so
//! the seeded data stays as it is for the tests that read it. Tests named
//! `cap_limit_...` pin what CAP itself does not keep; they say so.

use cap_interop_sdk::models::{
    Certificates, CertificatesProperty as P, CertificatesUpdate, FindByThumbprintRequestBody,
    ODataError, RenewRequestBody, Tenants, TenantsUpdate,
};
use cap_interop_sdk::operations::*;
use cap_interop_sdk::prelude::*;
use cap_interop_sdk::{Client, Error};
use futures_util::TryStreamExt;
use time::macros::{date, datetime, time};

const TENANT: &str = "6f1c0e6a-0000-4000-8000-000000000001";
const FIRST: &str = "a0000000-0000-4000-8000-000000000001";

fn client() -> Client {
    let base = std::env::var("INTEROP_BASE_URL")
        .expect("INTEROP_BASE_URL is set by `cargo xtask interop`, which starts the server");
    Client::new(base)
}

fn uuid(text: &str) -> uuid::Uuid {
    text.parse().unwrap()
}

/// A certificate of this test's own, created on the server.
async fn create(client: &Client, thumbprint: &str) -> Certificates {
    let new = Certificates::new()
        .with_thumbprint(thumbprint)
        .with_tenant_id(uuid(TENANT));
    client.create_certificates(new).await.unwrap()
}

fn api_error(error: &Error<ODataError>) -> (u16, &ODataError) {
    match error {
        Error::Api {
            status,
            error: Some(odata),
            ..
        } => (status.as_u16(), odata),
        other => panic!("not an API error with an OData body: {other:?}"),
    }
}

#[tokio::test]
async fn create_read_update_and_delete_an_entity() {
    let client = client();
    let created = client
        .create_tenants(Tenants::new().with_name("Northwind"))
        .await
        .unwrap();
    let id = created.id.expect("CAP fills the key");
    assert_eq!(created.name.as_deref(), Some("Northwind"));
    // Computed by the service, and still readable.
    assert!(created.created_at.is_some() && created.created_by.is_some());

    let read = client.get_tenants(id).await.unwrap();
    assert_eq!(read.name.as_deref(), Some("Northwind"));
    let updated = client
        .update_tenants(id, TenantsUpdate::default().name("Northwind Traders"))
        .await
        .unwrap();
    // CAP answers a PATCH with the entity.
    assert_eq!(
        updated.and_then(|t| t.name).as_deref(),
        Some("Northwind Traders")
    );
    // An update made from the entity read sends only what may change: CAP
    // would refuse nothing here, but it would not let `createdAt` change.
    let from_entity: TenantsUpdate = client.get_tenants(id).await.unwrap().into();
    client.update_tenants(id, from_entity).await.unwrap();

    client.delete_tenants(id).await.unwrap();
    let error = client.get_tenants(id).await.unwrap_err();
    let (status, odata) = api_error(&error);
    assert_eq!(status, 404);
    assert_eq!(odata.error.code, "404");
    assert!(!odata.error.message.is_empty(), "{odata:?}");
    // CAP names the request in `X-Correlation-ID`.
    assert!(error.request_id().is_some(), "{error:?}");
}

#[tokio::test]
async fn paging_follows_relative_next_links_to_the_end() {
    let client = client();
    // CAP answers 5 at a time with a relative `@odata.nextLink`.
    let first = client.list_certificates().await.unwrap();
    assert_eq!(first.value.as_ref().map(Vec::len), Some(5));
    assert!(first.odata_next_link.is_some());
    let seeded = ListCertificates::new().filter("startswith(thumbprint,'SEED')");
    let all: Vec<Certificates> = client.stream(&seeded, None).try_collect().await.unwrap();
    let mut thumbprints: Vec<String> = all.into_iter().filter_map(|c| c.thumbprint).collect();
    thumbprints.sort();
    let expected: Vec<String> = (1..=12).map(|i| format!("SEED{i:02}")).collect();
    assert_eq!(thumbprints, expected);
    // Under a navigation too (`Tenants/{id}/certificates?$skiptoken=...`).
    let nested = TenantsListCertificates::new(uuid(TENANT)).filter("startswith(thumbprint,'SEED')");
    let items: Vec<Certificates> = client.stream(&nested, None).try_collect().await.unwrap();
    assert_eq!(items.len(), 6);
    // A limit stops asking for pages.
    let three: Vec<Certificates> = client.stream(&seeded, Some(3)).try_collect().await.unwrap();
    assert_eq!(three.len(), 3);
}

#[tokio::test]
async fn system_query_options() {
    let client = client();
    let seeded = || ListCertificates::new().filter("startswith(thumbprint,'SEED')");
    let page = client
        .execute(
            &seeded()
                .orderby([P::Thumbprint.desc()])
                .top(2)
                .skip(1)
                .select([P::Thumbprint, P::KeyLength])
                .count(true),
        )
        .await
        .unwrap();
    let items = page.value.unwrap();
    let thumbprints: Vec<_> = items
        .iter()
        .filter_map(|c| c.thumbprint.as_deref())
        .collect();
    assert_eq!(thumbprints, ["SEED11", "SEED10"]);
    // `$select` leaves the rest out (CAP adds the key and the ETag's property).
    assert!(
        items
            .iter()
            .all(|c| c.key_length.is_some() && c.notes.is_none())
    );
    assert_eq!(page.odata_count, Some(12));

    let filtered = client
        .execute(
            &ListCertificates::new().filter("keyLength eq 4096 and startswith(thumbprint,'SEED')"),
        )
        .await
        .unwrap();
    assert_eq!(filtered.value.unwrap().len(), 4);
    // `$search` over the text properties.
    let found = client
        .execute(&ListCertificates::new().search("SEED07"))
        .await
        .unwrap();
    let found: Vec<_> = found
        .value
        .unwrap()
        .into_iter()
        .filter_map(|c| c.thumbprint)
        .collect();
    assert_eq!(found, ["SEED07"]);
    // `$expand` returns the related entity inline.
    let certificate = client
        .execute(&GetCertificates::new(uuid(FIRST)).expand(["issuer"]))
        .await
        .unwrap();
    let issuer = certificate.issuer.expect("expanded");
    assert_eq!(issuer.name.as_deref(), Some("DigiCert"));
}

#[tokio::test]
async fn etags_are_read_and_sent_and_a_stale_one_is_told_apart() {
    let client = client();
    let mine = create(&client, "TEST-etag").await;
    let id = mine.id.unwrap();
    let etag = mine.etag().expect("CAP sends @odata.etag").to_string();
    // A read's `ETag` header is the same.
    let (read, headers) = client
        .execute_with_headers(&GetCertificates::new(id))
        .await
        .unwrap();
    assert_eq!(read.etag(), Some(etag.as_str()));
    assert_eq!(
        headers.get("etag").and_then(|v| v.to_str().ok()),
        Some(etag.as_str())
    );

    // Without If-Match, CAP refuses the write (428 Precondition Required).
    let error = client
        .execute(&UpdateCertificates::new(
            id,
            CertificatesUpdate::default().notes("no etag"),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(428), "{error:?}");

    let update = UpdateCertificates::new(id, CertificatesUpdate::default().notes("with etag"));
    let updated = client
        .execute(&update.clone().if_match(&etag))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.notes.as_deref(), Some("with etag"));
    let fresh = updated.etag().unwrap().to_string();
    assert_ne!(fresh, etag, "the ETag changes with the entity");

    // The old ETag no longer matches: 412, its own error.
    let error = client.execute(&update.if_match(&etag)).await.unwrap_err();
    assert!(
        matches!(error, Error::PreconditionFailed { .. }),
        "{error:?}"
    );

    // A bound action of such an entity sends it too.
    let renewed = client
        .execute(&Renew::new(id, RenewRequestBody::new()).if_match(&fresh))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        renewed.notes.as_deref(),
        Some("renewed"),
        "the optional note's default"
    );
    let current = renewed.etag().unwrap().to_string();
    client
        .execute(&DeleteCertificates::new(id).if_match(current))
        .await
        .unwrap();
}

#[tokio::test]
async fn actions_and_functions() {
    let client = client();
    // Unbound functions, with an optional argument left out or given.
    assert_eq!(
        client
            .execute(&Echo::new().text("ab").times(2))
            .await
            .unwrap()
            .value
            .as_deref(),
        Some("abab")
    );
    assert_eq!(
        client
            .execute(&Echo::new().text("it's"))
            .await
            .unwrap()
            .value
            .as_deref(),
        Some("it's")
    );
    let signing = client
        .execute(&CountCertificates::new().purpose("signing"))
        .await
        .unwrap();
    assert!(signing.value.unwrap_or_default() >= 4);
    // A bound function.
    let fingerprint = client
        .execute(&Fingerprint::new(uuid(FIRST)).algorithm("sha1"))
        .await
        .unwrap();
    assert!(fingerprint.value.unwrap().starts_with("sha1:"));
    // Its 400 carries CAP's message.
    let error = client
        .execute(&Fingerprint::new(uuid(FIRST)).algorithm("md5"))
        .await
        .unwrap_err();
    let (status, odata) = api_error(&error);
    assert_eq!(status, 400);
    assert_eq!(odata.error.message, "unknown algorithm 'md5'");

    // An action whose result is nullable: 204 when there is none.
    let mut wanted = FindByThumbprintRequestBody::new();
    wanted.thumbprint = Some("SEED03".into());
    let found = client.find_by_thumbprint(wanted).await.unwrap();
    assert_eq!(found.and_then(|c| c.thumbprint).as_deref(), Some("SEED03"));
    let mut missing = FindByThumbprintRequestBody::new();
    missing.thumbprint = Some("NO-SUCH".into());
    assert_eq!(client.find_by_thumbprint(missing).await.unwrap(), None);
}

#[tokio::test]
async fn bad_requests_are_decoded_with_the_services_message() {
    let error = client()
        .execute(&ListCertificates::new().filter("thumbprint eq"))
        .await
        .unwrap_err();
    let (status, odata) = api_error(&error);
    assert_eq!(status, 400);
    assert!(!odata.error.message.is_empty());
    assert!(error.to_string().contains("400"), "{error}");
}

#[tokio::test]
async fn every_edm_type_round_trips() {
    let client = client();
    let mut new = Certificates::new();
    new.thumbprint = Some("TEST-types".into());
    new.purpose = Some("encryption".into());
    new.is_exportable = Some(true);
    new.key_length = Some(3072);
    new.revision = Some(-7);
    new.priority = Some(255);
    new.serial_number = Some(9_007_199_254_740_991); // 2^53 - 1
    new.price = Some(1234.5678);
    new.score = Some(-0.125);
    new.valid_from = Some(date!(2026 - 02 - 28));
    new.renew_at = Some(time!(23:59:58));
    new.issued_at = Some(datetime!(2026-01-02 03:04:05 +02:00));
    new.expires_at = Some(datetime!(2027-01-02 03:04:05.123 UTC));
    new.blob = Some(vec![0, 0xfb, 0xff, 0x10, 0x80]);
    new.notes = Some("ünïcødé 'quoted' \"text\"".into());
    let created = client.create_certificates(new.clone()).await.unwrap();
    let read = client.get_certificates(created.id.unwrap()).await.unwrap();
    assert_eq!(read.purpose, new.purpose);
    assert_eq!(read.is_exportable, new.is_exportable);
    assert_eq!(
        (read.key_length, read.revision, read.priority),
        (new.key_length, new.revision, new.priority)
    );
    assert_eq!(read.serial_number, new.serial_number);
    assert_eq!((read.price, read.score), (new.price, new.score));
    assert_eq!(
        (read.valid_from, read.renew_at),
        (new.valid_from, new.renew_at)
    );
    // The instant is kept (CAP answers in UTC).
    assert_eq!(read.issued_at, new.issued_at);
    assert_eq!(read.expires_at, new.expires_at);
    assert_eq!(read.blob, new.blob);
    assert_eq!(read.notes, new.notes);
}

#[tokio::test]
async fn a_stream_property_is_written_and_read() {
    let client = client();
    let mine = create(&client, "TEST-stream").await;
    let id = mine.id.unwrap();
    let bytes: Vec<u8> = (0..=255).collect();
    client
        .execute(
            &UpdateCertificatesContent::new(id, bytes.clone())
                .content_type("application/pkcs12")
                .if_match(mine.etag().unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(client.get_certificates_content(id).await.unwrap(), bytes);
    let read = client.get_certificates(id).await.unwrap();
    assert_eq!(read.media_type.as_deref(), Some("application/pkcs12"));
}

#[tokio::test]
async fn cap_limit_timestamps_keep_milliseconds_only() {
    // CAP's own limit, not the SDK's: Precision 7 is declared, three digits are kept.
    let client = client();
    let mut new = Certificates::new();
    new.thumbprint = Some("TEST-precision".into());
    new.expires_at = Some(datetime!(2027-01-02 03:04:05.1234567 UTC));
    let created = client.create_certificates(new).await.unwrap();
    let read = client.get_certificates(created.id.unwrap()).await.unwrap();
    assert_eq!(
        read.expires_at,
        Some(datetime!(2027-01-02 03:04:05.123 UTC))
    );
}

#[tokio::test]
async fn cap_limit_int64_above_2_pow_53_loses_precision() {
    // CAP's own limit: Int64 goes through a JavaScript number.
    let client = client();
    let mut new = Certificates::new();
    new.thumbprint = Some("TEST-int64".into());
    new.serial_number = Some(9_007_199_254_740_993); // 2^53 + 1
    let created = client.create_certificates(new).await.unwrap();
    let read = client.get_certificates(created.id.unwrap()).await.unwrap();
    assert_ne!(read.serial_number, Some(9_007_199_254_740_993));
    assert_eq!(read.serial_number, Some(9_007_199_254_740_992));
}

#[tokio::test]
async fn cap_limit_reference_writes_are_refused() {
    // CAP's own limit: `$ref` writes on navigation properties are not supported.
    let client = client();
    let mine = create(&client, "TEST-ref").await;
    let error = client
        .execute(&DeleteRefTenant::new(mine.id.unwrap()))
        .await
        .unwrap_err();
    let status = error.status().map(|s| s.as_u16()).unwrap_or(0);
    assert!((400..=501).contains(&status), "{error:?}");
}

#[tokio::test]
async fn a_json_batch_carries_typed_requests_and_their_answers() {
    let client = client();
    let mut batch = client.batch();
    let read = batch.add(&GetCertificates::new(uuid(FIRST))).unwrap();
    let echo = batch.add(&Echo::new().text("ab").times(3)).unwrap();
    let create = batch
        .add(&CreateCertificates::new(
            Certificates::new().with_thumbprint("TEST-batch"),
        ))
        .unwrap();
    let missing = batch
        .add(&GetCertificates::new(uuid(
            "a0000000-0000-4000-8000-0000000000ff",
        )))
        .unwrap();
    let mut replies = client.send_batch(&batch).await.unwrap();
    assert_eq!(
        replies.take(&read).unwrap().thumbprint.as_deref(),
        Some("SEED01")
    );
    assert_eq!(
        replies.take(&echo).unwrap().value.as_deref(),
        Some("ababab")
    );
    let created = replies.take(&create).unwrap();
    assert_eq!(created.thumbprint.as_deref(), Some("TEST-batch"));
    let error = replies.take(&missing).unwrap_err();
    assert_eq!(api_error(&error).0, 404);
}
