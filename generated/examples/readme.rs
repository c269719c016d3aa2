//! The Rust examples of the README and docs/, compiled with the crate (`cargo test`
//! builds examples) and checked to be those pages' very text by
//! `tests/readme.rs`: each region between `// README: name` and
//! `// README end` is a code block there. Not run: they call Microsoft Graph.

#![allow(dead_code)]

type Failure = Box<dyn std::error::Error>;

async fn calls(token: String, etag: String) -> Result<(), Failure> {
    // README: calls
    use futures_util::StreamExt;
    use msgraph_beta_pfx::models::{PfxUserCertificateProperty as P, PfxUserCertificateUpdate};
    use msgraph_beta_pfx::prelude::*; // the query option traits: .top(), .select(), ...
    use msgraph_beta_pfx::{Client, Error};

    let client = Client::default().with_bearer_token(token); // https://graph.microsoft.com/beta

    // A call: the required parameters in the method, options before `.await`.
    let page = client
        .list_pfx_user_certificate()
        .top(5)
        .select([P::Id, P::UserUpn])
        .await?;
    println!("{} certificates", page.value.unwrap_or_default().len());

    // Listing: typed $select/$orderby, pages followed lazily, at most 100 items.
    let listing = client
        .list_pfx_user_certificate()
        .select([P::Id, P::UserUpn])
        .orderby([P::CreatedTime.desc()]);
    let mut items = listing.stream(Some(100));
    while let Some(certificate) = items.next().await {
        println!("{:?}", certificate?.user_upn);
    }

    // Update: only what is set is sent; `clear_` sends null; If-Match guards against lost updates.
    let change = PfxUserCertificateUpdate::default()
        .provider_name("Contoso KSP")
        .clear_thumbprint();
    match client
        .update_pfx_user_certificate("id", change)
        .with(|r| r.if_match(etag))
        .await
    {
        Err(Error::PreconditionFailed { .. }) => { /* changed meanwhile: read it again */ }
        other => {
            other?;
        }
    }
    // README end
    Ok(())
}

async fn sign_in(
    tenant_id: String,
    client_id: String,
    client_secret: String,
) -> Result<(), Failure> {
    // README: sign-in
    use msgraph_beta_pfx::prelude::*;
    use msgraph_beta_pfx::{Client, ClientCredentials, DEFAULT_BASE_URL};

    // Entra ID's client credentials flow, at the API's cloud for its `/.default` scope.
    let credentials =
        ClientCredentials::for_api(DEFAULT_BASE_URL, &tenant_id, client_id, client_secret);
    let client = Client::default().with_token_provider(credentials);
    let page = client.list_pfx_user_certificate().top(10).await?;
    // README end
    drop(page);
    Ok(())
}

async fn azure_identity(
    credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>,
) -> Result<(), Failure> {
    // README: azure-identity
    // `credential`: any azure_identity credential (`Arc<dyn TokenCredential>`), such as
    // its `DeveloperToolsCredential` or `ManagedIdentityCredential`.
    use msgraph_beta_pfx::prelude::*;
    use msgraph_beta_pfx::{AzureCredential, Client, DEFAULT_BASE_URL};

    let client = Client::default()
        .with_token_provider(AzureCredential::for_api(DEFAULT_BASE_URL, credential));
    let page = client.list_pfx_user_certificate().top(10).await?;
    // README end
    drop(page);
    Ok(())
}

async fn batch(client: msgraph_beta_pfx::Client) -> Result<(), Failure> {
    // README: batch
    use msgraph_beta_pfx::operations::{DeletePfxUserCertificate, GetPfxUserCertificate};

    let mut batch = client.batch();
    let read = batch.add(&GetPfxUserCertificate::new("id"))?;
    let gone = batch.add_after(&DeletePfxUserCertificate::new("old"), &[read.id()])?;
    let mut replies = client.send_batch(&batch).await?;
    let certificate = replies.take(&read)?; // a PfxUserCertificate, or its typed Error
    replies.take(&gone)?;
    // README end
    drop(certificate);
    Ok(())
}

fn main() {
    eprintln!("the README's examples, compiled; see examples/pfx_certificates.rs for one to run");
}
