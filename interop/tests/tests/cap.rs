use cap_interop_sdk::Client;

fn client() -> Client {
    let base = std::env::var("INTEROP_BASE_URL")
        .expect("INTEROP_BASE_URL is set by `cargo xtask interop`, which starts the server");
    Client::new(base)
}

#[tokio::test]
async fn lists_the_seeded_tenants() {
    let page = client().list_tenants().await.unwrap();
    assert_eq!(page.value.unwrap_or_default().len(), 2);
}
