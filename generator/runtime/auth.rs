//! Sign-in with Microsoft Entra ID (Azure AD): the OAuth 2.0 client
//! credentials flow with a client secret, as a [`TokenProvider`] for
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
    secret: String,
    scope: String,
    cached: Mutex<Option<(String, Instant)>>,
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
        let token_url = format!(
            "{}/{tenant}/oauth2/v2.0/token",
            authority.trim_end_matches('/')
        );
        ClientCredentials {
            inner: Arc::new(Inner {
                http: reqwest::Client::new(),
                token_url,
                client_id: client_id.into(),
                secret: client_secret.into(),
                scope: scope.into(),
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
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", inner.client_id.as_str()),
            ("client_secret", inner.secret.as_str()),
            ("scope", inner.scope.as_str()),
        ];
        let body: Vec<String> = form
            .iter()
            .map(|(name, value)| format!("{name}={}", form_encode(value)))
            .collect();
        let redact = |text: String| text.replace(&inner.secret, "<redacted>");
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
            .field("client_secret", &"<redacted>")
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
