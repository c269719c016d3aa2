//! Lists, creates, updates and deletes Intune PFX user certificates.
//!
//! ```sh
//! GRAPH_TOKEN=eyJ0... cargo run -p msgraph-beta-pfx --example pfx_certificates
//! GRAPH_BASE_URL=https://graph.microsoft.us/beta GRAPH_TOKEN=... cargo run -p msgraph-beta-pfx --example pfx_certificates
//! ```
//!
//! `GRAPH_TOKEN` is an access token with DeviceManagementConfiguration.ReadWrite.All;
//! `GRAPH_BASE_URL` defaults to the global service.

use futures_util::StreamExt;
use msgraph_beta_pfx::models::{PfxUserCertificate, PfxUserCertificateProperty as Property, PfxUserCertificateUpdate};
use msgraph_beta_pfx::operations::ListPfxUserCertificate;
use msgraph_beta_pfx::prelude::*;
use msgraph_beta_pfx::{Client, DEFAULT_BASE_URL, Error};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let Ok(token) = std::env::var("GRAPH_TOKEN") else {
        eprintln!("set GRAPH_TOKEN to an access token (and GRAPH_BASE_URL for a national cloud)");
        return std::process::ExitCode::from(2);
    };
    let base_url = std::env::var("GRAPH_BASE_URL").unwrap_or_else(|_| DEFAULT_BASE_URL.to_string());
    match run(&base_url, &token, &mut std::io::stdout()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            if let Some(request_id) = error.request_id() {
                eprintln!("request-id: {request_id}");
            }
            std::process::ExitCode::FAILURE
        }
    }
}

/// The walk through the API, writing what it does to `out`.
pub async fn run(
    base_url: &str,
    token: &str,
    out: &mut impl std::io::Write,
) -> Result<(), Error<msgraph_beta_pfx::models::ODataError>> {
    let client = Client::new(base_url).with_bearer_token(token);

    // The first 20 certificates, newest first, page after page as needed.
    let listing = ListPfxUserCertificate::new()
        .select([Property::Id, Property::UserUpn, Property::CertExpirationDate])
        .orderby([Property::CreatedTime.desc()]);
    let mut certificates = client.stream(&listing, Some(20));
    while let Some(certificate) = certificates.next().await {
        let certificate = certificate?;
        let _ = writeln!(out, "listed {} {}", certificate.id.unwrap_or_default(), certificate.user_upn.unwrap_or_default());
    }

    // Import one (the blob and password come from your PFX tooling).
    let mut new = PfxUserCertificate::new();
    new.user_upn = Some("adele@contoso.com".into());
    new.thumbprint = Some("F7AB76F8E2AF4BB5A5F7F2B5E8D6C6DDF0F00D1E".into());
    new.encrypted_pfx_blob = Some("<encrypted pfx, base64>".into());
    new.encrypted_pfx_password = Some("<encrypted password>".into());
    new.provider_name = Some("Microsoft Software Key Storage Provider".into());
    new.encryption_key_name = Some("contoso-pfx-key".into());
    new.padding_scheme = Some(1);
    new.intended_purpose = Some(1);
    let created = client.create_pfx_user_certificate(new).await?;
    let id = created.id.clone().unwrap_or_default();
    let _ = writeln!(out, "created {id}");

    // Change one field and clear another; nothing else is sent. The ETag read
    // makes the update fail (412) if someone changed the certificate since.
    let change = PfxUserCertificateUpdate::default().provider_name("Contoso KSP").clear_encryption_key_name();
    let mut update = msgraph_beta_pfx::operations::UpdatePfxUserCertificate::new(id.clone(), change);
    if let Some(etag) = created.e_tag.clone() {
        update = update.if_match(etag);
    }
    client.execute(&update).await?;
    let _ = writeln!(out, "updated {id}");

    client.delete_pfx_user_certificate(id.clone()).await?;
    let _ = writeln!(out, "deleted {id}");
    Ok(())
}
