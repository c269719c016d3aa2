//! Sign-in with Entra ID's client credentials flow, against a local token
//! endpoint: the form sent, caching until shortly before expiry, a fresh
//! token after 401, and errors that never show the secret.

use msgraph_beta_pfx::operations::ListPfxUserCertificate;
use msgraph_beta_pfx::{Client, ClientCredentials, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "s3cr3t~value&more";
const TOKEN_PATH: &str = "/contoso.onmicrosoft.com/oauth2/v2.0/token";

fn credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::at(&server.uri(), "contoso.onmicrosoft.com", "app-id", SECRET, "https://graph.microsoft.com/.default")
}

fn token(access_token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"token_type": "Bearer", "expires_in": expires_in, "access_token": access_token}))
}

async fn api(server: &MockServer, bearer: &str, status: u16, times: u64) {
    Mock::given(method("GET"))
        .and(path("/beta/pfxUserCertificates"))
        .and(header("Authorization", format!("Bearer {bearer}").as_str()))
        .respond_with(ResponseTemplate::new(status).set_body_json(json!({"value": []})))
        .up_to_n_times(times)
        .expect(times)
        .mount(server)
        .await;
}

fn client(server: &MockServer, credentials: ClientCredentials) -> Client {
    Client::new(format!("{}/beta", server.uri())).with_token_provider(credentials).with_retry_policy(RetryPolicy::none())
}

#[tokio::test]
async fn a_token_is_asked_for_with_the_form_and_kept_until_it_nearly_expires() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(header("Content-Type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=app-id"))
        .and(body_string_contains("client_secret=s3cr3t%7Evalue%26more"))
        .and(body_string_contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"))
        .respond_with(token("t1", 3600))
        .expect(1)
        .mount(&server)
        .await;
    api(&server, "t1", 200, 2).await;
    let client = client(&server, credentials(&server));
    client.execute(&ListPfxUserCertificate::new()).await.unwrap();
    client.execute(&ListPfxUserCertificate::new()).await.unwrap();
}

#[tokio::test]
async fn a_token_about_to_expire_is_asked_for_again() {
    let server = MockServer::start().await;
    // Valid for a minute: inside the five-minute margin, so never reused.
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(token("short", 60)).expect(2).mount(&server).await;
    api(&server, "short", 200, 2).await;
    let client = client(&server, credentials(&server));
    client.execute(&ListPfxUserCertificate::new()).await.unwrap();
    client.execute(&ListPfxUserCertificate::new()).await.unwrap();
}

#[tokio::test]
async fn after_a_401_a_fresh_token_is_fetched_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(token("old", 3600)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(token("new", 3600)).mount(&server).await;
    api(&server, "old", 401, 1).await;
    api(&server, "new", 200, 1).await;
    client(&server, credentials(&server)).execute(&ListPfxUserCertificate::new()).await.unwrap();
}

#[tokio::test]
async fn a_refusal_says_what_entra_id_said_and_never_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": format!("AADSTS7000215: Invalid client secret provided: {SECRET}"),
        })))
        .mount(&server)
        .await;
    let credentials = credentials(&server);
    assert!(!format!("{credentials:?}").contains(SECRET));
    let error = client(&server, credentials).execute(&ListPfxUserCertificate::new()).await.unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(text.contains("invalid_client") && text.contains("AADSTS7000215"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
}

#[test]
fn the_cloud_and_scope_come_from_the_api() {
    let public = ClientCredentials::for_api(msgraph_beta_pfx::DEFAULT_BASE_URL, "t", "a", SECRET);
    assert_eq!(public.token_url(), "https://login.microsoftonline.com/t/oauth2/v2.0/token");
    assert_eq!(public.scope(), "https://graph.microsoft.com/.default");
    let us = ClientCredentials::for_api(msgraph_beta_pfx::servers::US_GOVERNMENT_L5_DOD, "t", "a", SECRET);
    assert_eq!(us.token_url(), "https://login.microsoftonline.us/t/oauth2/v2.0/token");
    assert_eq!(us.scope(), "https://dod-graph.microsoft.us/.default");
    let china = ClientCredentials::for_api(msgraph_beta_pfx::servers::CHINA_OPERATED_BY_21VIANET, "t", "a", SECRET);
    assert_eq!(china.token_url(), "https://login.chinacloudapi.cn/t/oauth2/v2.0/token");
    assert_eq!(china.scope(), "https://microsoftgraph.chinacloudapi.cn/.default");
}

/// A test-only key and self-signed certificate (made with openssl for these tests).
const CERTIFICATE: &str = include_str!("fixtures/test-app.cert.pem");
const PRIVATE_KEY: &str = include_str!("fixtures/test-app.key.pem");

fn pem_der(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(body).unwrap()
}

fn base64url(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).unwrap()
}

#[tokio::test]
async fn a_certificate_signs_an_assertion_that_entra_id_can_verify() {
    use aws_lc_rs::signature::KeyPair as _;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(body_string_contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
        .and(body_string_contains("client_assertion="))
        .respond_with(token("from-certificate", 3600))
        .expect(1)
        .mount(&server)
        .await;
    api(&server, "from-certificate", 200, 1).await;
    let credentials = ClientCredentials::with_certificate(&server.uri(), "contoso.onmicrosoft.com", "app-id", CERTIFICATE, PRIVATE_KEY, "https://graph.microsoft.com/.default").unwrap();
    assert!(format!("{credentials:?}").contains("certificate_key: \"<redacted>\""), "{credentials:?}");
    client(&server, credentials).execute(&ListPfxUserCertificate::new()).await.unwrap();

    // What the token endpoint got: no secret, and an RS256 JWT about the app.
    let requests = server.received_requests().await.unwrap();
    let form = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(!form.contains("client_secret"), "{form}");
    let assertion = form.split('&').find_map(|pair| pair.strip_prefix("client_assertion=")).unwrap();
    let parts: Vec<&str> = assertion.split('.').collect();
    assert_eq!(parts.len(), 3, "{assertion}");
    let header: serde_json::Value = serde_json::from_slice(&base64url(parts[0])).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&base64url(parts[1])).unwrap();
    let thumbprint = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &pem_der(CERTIFICATE));
    assert_eq!(header["alg"], "RS256");
    assert_eq!(base64url(header["x5t#S256"].as_str().unwrap()), thumbprint.as_ref());
    assert_eq!(claims["aud"], format!("{}{TOKEN_PATH}", server.uri()));
    assert_eq!((claims["iss"].as_str(), claims["sub"].as_str()), (Some("app-id"), Some("app-id")));
    let (nbf, exp) = (claims["nbf"].as_u64().unwrap(), claims["exp"].as_u64().unwrap());
    assert_eq!(exp - nbf, 600);
    // The signature holds for the certificate's public key, and only for what was signed.
    let key = aws_lc_rs::signature::RsaKeyPair::from_pkcs8(&pem_der(PRIVATE_KEY)).unwrap();
    let public = aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256, key.public_key().as_ref().to_vec());
    let signed = format!("{}.{}", parts[0], parts[1]);
    public.verify(signed.as_bytes(), &base64url(parts[2])).unwrap();
    assert!(public.verify(format!("{signed}x").as_bytes(), &base64url(parts[2])).is_err());

    // What is not a certificate or key is refused, saying which.
    let error = ClientCredentials::with_certificate(&server.uri(), "t", "app", "not a pem", PRIVATE_KEY, "s").unwrap_err();
    assert!(error.to_string().contains("certificate"), "{error}");
    let error = ClientCredentials::with_certificate(&server.uri(), "t", "app", CERTIFICATE, CERTIFICATE, "s").unwrap_err();
    assert!(error.to_string().contains("private key"), "{error}");
}

/// An Azure SDK credential, as `azure_identity`'s are: asked for scopes.
#[derive(Debug)]
struct AzureSdkCredential {
    asked: std::sync::Mutex<Vec<String>>,
    answer: Result<&'static str, &'static str>,
}

#[async_trait::async_trait]
impl azure_core::credentials::TokenCredential for AzureSdkCredential {
    async fn get_token(&self, scopes: &[&str], _options: Option<azure_core::credentials::TokenRequestOptions<'_>>) -> azure_core::Result<azure_core::credentials::AccessToken> {
        self.asked.lock().unwrap().extend(scopes.iter().map(|s| s.to_string()));
        match self.answer {
            Ok(token) => Ok(azure_core::credentials::AccessToken::new(token, azure_core::time::OffsetDateTime::now_utc() + std::time::Duration::from_secs(3600))),
            Err(message) => Err(azure_core::Error::with_message(azure_core::error::ErrorKind::Credential, message)),
        }
    }
}

#[tokio::test]
async fn any_azure_sdk_credential_signs_the_client_in_for_the_apis_scope() {
    use msgraph_beta_pfx::AzureCredential;
    let server = MockServer::start().await;
    api(&server, "from-azure-identity", 200, 1).await;
    let credential = std::sync::Arc::new(AzureSdkCredential { asked: Default::default(), answer: Ok("from-azure-identity") });
    let provider = AzureCredential::for_api("https://graph.microsoft.us/beta", credential.clone());
    assert_eq!(provider.scope(), "https://graph.microsoft.us/.default");
    let client = Client::new(format!("{}/beta", server.uri())).with_token_provider(AzureCredential::with_scope(credential.clone(), "https://graph.microsoft.com/.default"));
    client.execute(&ListPfxUserCertificate::new()).await.unwrap();
    assert_eq!(*credential.asked.lock().unwrap(), ["https://graph.microsoft.com/.default"]);

    // The credential's own failure is the client's `Auth` error, saying so.
    let failing = std::sync::Arc::new(AzureSdkCredential { asked: Default::default(), answer: Err("no developer tool is signed in") });
    let client = Client::new(format!("{}/beta", server.uri())).with_token_provider(AzureCredential::with_scope(failing, "https://graph.microsoft.com/.default"));
    let error = client.execute(&ListPfxUserCertificate::new()).await.unwrap_err();
    assert!(matches!(error, msgraph_beta_pfx::Error::Auth(_)), "{error:?}");
    assert!(error.to_string().contains("no developer tool is signed in"), "{error}");
}
