//! Large uploads (the `client` feature): the content of a file sent to an
//! upload session range by range. An upload session is what an action such
//! as Graph's `createUploadSession` answers: a URL, authorized by itself,
//! that takes `PUT`s of byte ranges with `Content-Range`, answers 202 with
//! the `nextExpectedRanges` until the last range, and then the item made.
//! After a range fails, the session is asked where it stands and the upload
//! goes on from there.
//!
//! This file is the same in every crate sdkgen emits.

use crate::runtime::{BuildError, Error};
use crate::transport::{Client, Prepared, widen};

/// 320 KiB: Graph takes ranges in multiples of it (and at most 60 MiB).
pub const RANGE_UNIT: usize = 320 * 1024;

/// An upload to an upload session's URL, made by [`Client::upload`].
#[must_use = "an upload is sent by `send`"]
pub struct Upload<'c> {
    client: &'c Client,
    url: String,
    range_size: usize,
    resumes: usize,
}

impl Client {
    /// An upload to `upload_url`, the URL of an upload session (Graph:
    /// `session.upload_url` from a `createUploadSession` action). The
    /// client's token is not sent there: the URL authorizes itself.
    pub fn upload(&self, upload_url: impl Into<String>) -> Upload<'_> {
        Upload {
            client: self,
            url: upload_url.into(),
            range_size: 10 * RANGE_UNIT,
            resumes: 3,
        }
    }
}

impl Upload<'_> {
    /// Bytes per `PUT` (default 3.2 MiB; Graph wants a multiple of
    /// [`RANGE_UNIT`]).
    pub fn range_size(mut self, bytes: usize) -> Self {
        self.range_size = bytes.max(1);
        self
    }

    /// How many failed ranges in a row are resumed before the upload gives
    /// up with the last error (default 3).
    pub fn resumes(mut self, resumes: usize) -> Self {
        self.resumes = resumes;
        self
    }

    /// Sends `content` range by range and decodes the last answer as `T`
    /// (Graph: the `DriveItem` made; `()` or `Option<_>` where the answer
    /// has no body).
    pub async fn send<T: serde::de::DeserializeOwned>(
        self,
        content: &[u8],
    ) -> Result<T, Error<serde_json::Value>> {
        if content.is_empty() {
            return Err(BuildError("an upload session takes at least one byte".into()).into());
        }
        let total = content.len();
        let (mut offset, mut failures) = (0, 0);
        loop {
            let end = (offset + self.range_size).min(total);
            let failed = match self.put(&content[offset..end], offset, total).await {
                Ok(response) if response.status() == http::StatusCode::ACCEPTED => {
                    failures = 0;
                    offset = next_expected(response.body()).unwrap_or(end);
                    None
                }
                Ok(response) if response.status().is_success() => return last_answer(response),
                Ok(response) => Some(crate::runtime::error_response(response)),
                Err(e) => Some(widen(e)),
            };
            if let Some(error) = failed {
                failures += 1;
                if failures > self.resumes {
                    return Err(error);
                }
                tracing::debug!(
                    failures,
                    "a range failed: asking the upload session where it stands"
                );
                offset = self.expected().await?;
            }
            if offset >= total {
                return Err(Error::Decode {
                    status: http::StatusCode::ACCEPTED,
                    message: format!(
                        "the upload session expects bytes past the end ({offset} of {total})"
                    ),
                    body: String::new(),
                });
            }
        }
    }

    async fn put(
        &self,
        range: &[u8],
        offset: usize,
        total: usize,
    ) -> Result<http::Response<Vec<u8>>, crate::transport::SendError> {
        let mut headers = http::HeaderMap::new();
        let content_range = format!("bytes {offset}-{}/{total}", offset + range.len() - 1);
        let value = http::HeaderValue::from_str(&content_range)
            .map_err(|e| BuildError(format!("{content_range}: {e}")))?;
        headers.insert(http::header::CONTENT_RANGE, value);
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/octet-stream"),
        );
        self.client
            .send(Prepared {
                method: http::Method::PUT,
                url: self.url.clone(),
                headers,
                body: range.to_vec(),
                authorize: false,
                follow_redirects: true,
            })
            .await
    }

    /// Where the session stands: the first byte it still expects.
    async fn expected(&self) -> Result<usize, Error<serde_json::Value>> {
        let mut request = Prepared::get(&self.url, http::HeaderMap::new());
        request.authorize = false;
        let response = self.client.send(request).await.map_err(widen)?;
        if !response.status().is_success() {
            return Err(crate::runtime::error_response(response));
        }
        next_expected(response.body()).ok_or_else(|| Error::Decode {
            status: response.status(),
            message: "the upload session names no next expected range".into(),
            body: String::from_utf8_lossy(response.body()).into_owned(),
        })
    }
}

/// The first byte of the first of a session's `nextExpectedRanges`
/// (`["327680-", "800000-900000"]`).
fn next_expected(body: &[u8]) -> Option<usize> {
    #[derive(serde::Deserialize)]
    struct Session {
        #[serde(rename = "nextExpectedRanges")]
        next_expected_ranges: Vec<String>,
    }
    let session: Session = serde_json::from_slice(body).ok()?;
    let first = session.next_expected_ranges.first()?;
    first.split('-').next()?.trim().parse().ok()
}

/// The answer to the last range: the item made, read as `T`.
#[allow(clippy::result_large_err)] // the error every call of the crate gives
fn last_answer<T: serde::de::DeserializeOwned>(
    response: http::Response<Vec<u8>>,
) -> Result<T, Error<serde_json::Value>> {
    let body: &[u8] = match response.body().iter().all(u8::is_ascii_whitespace) {
        true => b"null",
        false => response.body(),
    };
    serde_json::from_slice(body).map_err(|e| Error::Decode {
        status: response.status(),
        message: e.to_string(),
        body: String::from_utf8_lossy(response.body()).into_owned(),
    })
}
