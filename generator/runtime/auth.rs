//! Sign-in with Microsoft Entra ID (Azure AD): the OAuth 2.0 client
//! credentials flow with a client secret or a certificate (a signed
//! assertion, RFC 7523, as Entra ID takes it), as a [`TokenProvider`] for
//! [`Client::with_token_provider`](crate::transport::Client::with_token_provider).
//! The token is kept until five minutes before it expires, and fetched anew
//! when the service refused it (401). The secret is never printed, neither
//! by `Debug` nor in an error.
//!
//! This file is the same in every crate sdkgen emits.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::runtime::BoxError;
use crate::transport::TokenProvider;

/// A token is used until this long before it expires.
const EXPIRY_MARGIN: Duration = Duration::from_secs(300);

/// The client credentials flow of Entra ID with a client secret.
///
/// `ClientCredentials::for_api(crate::DEFAULT_BASE_URL, tenant, client_id, secret)`
/// signs in at the API's own cloud (public, US Government, China) for its
/// `/.default` scope.
#[derive(Clone)]
pub struct ClientCredentials {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    proof: Proof,
    scope: String,
    cached: Mutex<Option<(String, Instant)>>,
}

/// How the app proves who it is.
enum Proof {
    Secret(String),
    /// The private key of a certificate registered with the app, and the
    /// certificate's SHA-256 thumbprint (base64url, for `x5t#S256`).
    Certificate {
        key: aws_lc_rs::signature::RsaKeyPair,
        thumbprint: String,
    },
}

impl ClientCredentials {
    /// For `tenant` (its id or a domain), the app's `client_id` and
    /// `client_secret`, asking for `scope` (`https://graph.microsoft.com/.default`)
    /// at the public cloud's authority.
    pub fn new(
        tenant: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        scope: impl Into<String>,
    ) -> Self {
        Self::at(
            "https://login.microsoftonline.com",
            tenant,
            client_id,
            client_secret,
            scope,
        )
    }

    /// For the API at `base_url`: its scope (`{scheme}://{host}/.default`)
    /// and its cloud's authority (`login.microsoftonline.us` for `*.us`,
    /// `login.chinacloudapi.cn` for `*.cn`, else `login.microsoftonline.com`).
    pub fn for_api(
        base_url: &str,
        tenant: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let (authority, scope) = cloud_of(base_url);
        Self::at(authority, tenant, client_id, client_secret, scope)
    }

    /// The same credentials at another authority (a national cloud's, or a
    /// local endpoint in tests): `{authority}/{tenant}/oauth2/v2.0/token`.
    pub fn at(
        authority: &str,
        tenant: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        scope: impl Into<String>,
    ) -> Self {
        let proof = Proof::Secret(client_secret.into());
        Self::with_proof(authority, tenant, client_id.into(), proof, scope.into())
    }

    /// The client credentials flow with a certificate instead of a secret:
    /// `certificate_pem` is the certificate registered with the app,
    /// `private_key_pem` its RSA private key (PKCS#8 `PRIVATE KEY` or PKCS#1
    /// `RSA PRIVATE KEY`); at `authority` (as [`ClientCredentials::at`]).
    /// Each token request sends an assertion signed with the key (RS256),
    /// valid for ten minutes.
    pub fn with_certificate(
        authority: &str,
        tenant: &str,
        client_id: impl Into<String>,
        certificate_pem: &str,
        private_key_pem: &str,
        scope: impl Into<String>,
    ) -> Result<Self, BoxError> {
        let certificate = pem_body(certificate_pem, "CERTIFICATE")
            .ok_or("the certificate is not a PEM `CERTIFICATE`")?;
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &certificate);
        let key = match (
            pem_body(private_key_pem, "PRIVATE KEY"),
            pem_body(private_key_pem, "RSA PRIVATE KEY"),
        ) {
            (Some(pkcs8), _) => aws_lc_rs::signature::RsaKeyPair::from_pkcs8(&pkcs8),
            (None, Some(pkcs1)) => aws_lc_rs::signature::RsaKeyPair::from_der(&pkcs1),
            (None, None) => return Err("the private key is not a PEM RSA private key".into()),
        }
        .map_err(|e| format!("the private key is not a usable RSA key: {e}"))?;
        let proof = Proof::Certificate {
            key,
            thumbprint: base64url(digest.as_ref()),
        };
        Ok(Self::with_proof(
            authority,
            tenant,
            client_id.into(),
            proof,
            scope.into(),
        ))
    }

    fn with_proof(
        authority: &str,
        tenant: &str,
        client_id: String,
        proof: Proof,
        scope: String,
    ) -> Self {
        let token_url = format!(
            "{}/{tenant}/oauth2/v2.0/token",
            authority.trim_end_matches('/')
        );
        ClientCredentials {
            inner: Arc::new(Inner {
                http: reqwest::Client::new(),
                token_url,
                client_id,
                proof,
                scope,
                cached: Mutex::new(None),
            }),
        }
    }

    /// Where tokens are asked for.
    pub fn token_url(&self) -> &str {
        &self.inner.token_url
    }

    /// What tokens are asked for.
    pub fn scope(&self) -> &str {
        &self.inner.scope
    }

    fn cached(&self) -> Option<String> {
        let cached = self.inner.cached.lock().ok()?;
        let (token, expires) = cached.as_ref()?;
        (Instant::now() + EXPIRY_MARGIN < *expires).then(|| token.clone())
    }

    async fn fetch(&self) -> Result<String, BoxError> {
        let inner = &self.inner;
        let mut form = vec![
            ("grant_type", "client_credentials".to_string()),
            ("client_id", inner.client_id.clone()),
            ("scope", inner.scope.clone()),
        ];
        let secret = match &inner.proof {
            Proof::Secret(secret) => {
                form.push(("client_secret", secret.clone()));
                secret.clone()
            }
            Proof::Certificate { key, thumbprint } => {
                let assertion = self.assertion(key, thumbprint)?;
                form.push(("client_assertion_type", JWT_BEARER.to_string()));
                form.push(("client_assertion", assertion.clone()));
                assertion
            }
        };
        let body: Vec<String> = form
            .iter()
            .map(|(name, value)| format!("{name}={}", form_encode(value)))
            .collect();
        let redact = |text: String| text.replace(&secret, "<redacted>");
        let response = inner
            .http
            .post(&inner.token_url)
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body.join("&"))
            .send()
            .await
            .map_err(|e| {
                redact(format!(
                    "the token endpoint {} did not answer: {e}",
                    inner.token_url
                ))
            })?;
        let status = response.status();
        let text = response.text().await.map_err(|e| {
            redact(format!(
                "the token endpoint's answer could not be read: {e}"
            ))
        })?;
        let answer: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let field = |name: &str| answer.get(name).and_then(|v| v.as_str());
        if !status.is_success() {
            let error = field("error").unwrap_or("no error code");
            let description = field("error_description").unwrap_or_default();
            return Err(redact(format!(
                "Entra ID refused the client credentials ({status}): {error}: {description}"
            ))
            .into());
        }
        let token = field("access_token")
            .ok_or_else(|| format!("the token endpoint's answer has no access_token ({status})"))?
            .to_string();
        let lifetime = answer
            .get("expires_in")
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        if let Ok(mut cached) = inner.cached.lock() {
            *cached = Some((
                token.clone(),
                Instant::now() + Duration::from_secs(lifetime),
            ));
        }
        Ok(token)
    }
}

/// The authority and the `/.default` scope for the API at `base_url`:
/// `{scheme}://{host}/.default`, at `login.microsoftonline.us` for `*.us`,
/// `login.chinacloudapi.cn` for `*.cn`, else `login.microsoftonline.com`.
fn cloud_of(base_url: &str) -> (&'static str, String) {
    let url = reqwest::Url::parse(base_url).ok();
    let host = url.as_ref().and_then(|u| u.host_str()).unwrap_or_default();
    let scope = match &url {
        Some(url) => format!("{}://{host}/.default", url.scheme()),
        None => String::new(),
    };
    let authority = if host.ends_with(".us") {
        "https://login.microsoftonline.us"
    } else if host.ends_with(".cn") {
        "https://login.chinacloudapi.cn"
    } else {
        "https://login.microsoftonline.com"
    };
    (authority, scope)
}

/// Any credential of the Azure SDK (`azure_identity`'s
/// `DeveloperToolsCredential`, `ClientSecretCredential`,
/// `ManagedIdentityCredential`, ...) as the client's token provider, asking
/// it for the API's `/.default` scope (the `azure` feature). The credential
/// keeps and refreshes its tokens itself.
#[cfg(feature = "azure")]
#[derive(Clone, Debug)]
pub struct AzureCredential {
    credential: Arc<dyn azure_core::credentials::TokenCredential>,
    scope: String,
}

#[cfg(feature = "azure")]
impl AzureCredential {
    /// For the API at `base_url` (`crate::DEFAULT_BASE_URL`): its scope.
    pub fn for_api(
        base_url: &str,
        credential: Arc<dyn azure_core::credentials::TokenCredential>,
    ) -> Self {
        Self::with_scope(credential, cloud_of(base_url).1)
    }

    /// Asking for `scope` (`https://graph.microsoft.com/.default`).
    pub fn with_scope(
        credential: Arc<dyn azure_core::credentials::TokenCredential>,
        scope: impl Into<String>,
    ) -> Self {
        AzureCredential {
            credential,
            scope: scope.into(),
        }
    }

    /// What tokens are asked for.
    pub fn scope(&self) -> &str {
        &self.scope
    }
}

#[cfg(feature = "azure")]
impl TokenProvider for AzureCredential {
    fn token(
        &self,
        _refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(async move {
            let token = self
                .credential
                .get_token(&[self.scope.as_str()], None)
                .await
                .map_err(|e| {
                    format!("the Azure credential gave no token for {}: {e}", self.scope)
                })?;
            Ok(token.token.secret().to_string())
        })
    }
}

/// `client_assertion_type` of a signed assertion (RFC 7523).
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

impl ClientCredentials {
    /// A JWT for the token endpoint, signed with the certificate's key
    /// (RS256): issued by and about the app, for the token URL, valid for ten
    /// minutes, the certificate named by its SHA-256 thumbprint.
    fn assertion(
        &self,
        key: &aws_lc_rs::signature::RsaKeyPair,
        thumbprint: &str,
    ) -> Result<String, BoxError> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static SERIAL: AtomicU64 = AtomicU64::new(0);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| format!("the clock is before 1970: {e}"))?;
        let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "x5t#S256": thumbprint});
        let claims = serde_json::json!({
            "aud": self.inner.token_url,
            "iss": self.inner.client_id,
            "sub": self.inner.client_id,
            "jti": format!("{:x}-{}", now.as_nanos(), SERIAL.fetch_add(1, Ordering::Relaxed)),
            "nbf": now.as_secs(),
            "iat": now.as_secs(),
            "exp": now.as_secs() + 600,
        });
        let encode = |value: &serde_json::Value| base64url(value.to_string().as_bytes());
        let signed = format!("{}.{}", encode(&header), encode(&claims));
        let mut signature = vec![0; key.public_modulus_len()];
        key.sign(
            &aws_lc_rs::signature::RSA_PKCS1_SHA256,
            &aws_lc_rs::rand::SystemRandom::new(),
            signed.as_bytes(),
            &mut signature,
        )
        .map_err(|_| "the assertion could not be signed with the private key")?;
        Ok(format!("{signed}.{}", base64url(&signature)))
    }
}

/// Base64url without padding, as JWTs are written.
fn base64url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The bytes of the PEM block with `label` in `pem`, if there is one.
fn pem_body(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = start + pem[start..].find(&end)?;
    let text: String = pem[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    crate::text::parse_base64(&text).ok()
}

impl TokenProvider for ClientCredentials {
    fn token(
        &self,
        refresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<String, BoxError>> + Send + '_>> {
        Box::pin(async move {
            match self.cached().filter(|_| !refresh) {
                Some(token) => Ok(token),
                None => self.fetch().await,
            }
        })
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.inner.token_url)
            .field("client_id", &self.inner.client_id)
            .field(
                match self.inner.proof {
                    Proof::Secret(_) => "client_secret",
                    Proof::Certificate { .. } => "certificate_key",
                },
                &"<redacted>",
            )
            .field("scope", &self.inner.scope)
            .finish()
    }
}

/// `application/x-www-form-urlencoded` text of a value: all but letters,
/// digits and `*-._` percent-encoded.
fn form_encode(value: &str) -> String {
    const FORM: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'*')
        .remove(b'-')
        .remove(b'.')
        .remove(b'_');
    percent_encoding::utf8_percent_encode(value, FORM).to_string()
}
