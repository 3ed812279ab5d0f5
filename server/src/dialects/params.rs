//! Request parameters from the query string and a form or JSON body, as one list of pairs
//! (a list repeats its field: `path=/a&path=/b`).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use satchel_wire::{FileName, NodePath};

use crate::core::CoreError;
use crate::http_error::ApiError;

#[derive(Debug, Default, Clone)]
pub struct Params(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Params {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let mut pairs: Vec<(String, String)> = req
            .uri()
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| CoreError::InvalidParameters(format!("unreadable body: {e}")))?;
        if json && !body.is_empty() {
            let value: serde_json::Value = serde_json::from_slice(&body)
                .map_err(|e| CoreError::InvalidParameters(format!("invalid JSON body: {e}")))?;
            let serde_json::Value::Object(map) = value else {
                return Err(
                    CoreError::InvalidParameters("the JSON body must be an object".into()).into(),
                );
            };
            for (key, value) in map {
                let values = match value {
                    serde_json::Value::Array(items) => items,
                    other => vec![other],
                };
                for v in values {
                    let text = match v {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => continue,
                        other => other.to_string(),
                    };
                    pairs.push((key.clone(), text));
                }
            }
        } else {
            pairs.extend(form_urlencoded::parse(&body).into_owned());
        }
        Ok(Params(pairs))
    }
}

fn invalid(name: &str, why: &str) -> ApiError {
    CoreError::InvalidParameters(format!("parameter {name}: {why}")).into()
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name).ok_or_else(|| {
            CoreError::InvalidParameters(format!("missing parameter: {name}")).into()
        })
    }

    pub fn path(&self, name: &str) -> Result<NodePath, ApiError> {
        Ok(NodePath::parse(self.required(name)?)?)
    }

    pub fn name(&self, name: &str) -> Result<FileName, ApiError> {
        Ok(FileName::parse(self.required(name)?)?)
    }

    pub fn flag(&self, name: &str, default: bool) -> Result<bool, ApiError> {
        match self.get(name).map(|v| v.to_ascii_lowercase()) {
            None => Ok(default),
            Some(v) if v.is_empty() => Ok(default),
            Some(v) if v == "true" || v == "1" => Ok(true),
            Some(v) if v == "false" || v == "0" => Ok(false),
            Some(_) => Err(invalid(name, "expected true or false")),
        }
    }

    pub fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, ApiError> {
        match self.get(name) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| invalid(name, "expected a number")),
        }
    }

    /// An empty value (`size=`) is as missing as an absent one: a 400, never a panic.
    pub fn required_number<T: std::str::FromStr>(&self, name: &str) -> Result<T, ApiError> {
        self.number(name)?.ok_or_else(|| {
            CoreError::InvalidParameters(format!("missing parameter: {name}")).into()
        })
    }
}

/// The `<path>` part of a URL such as `/api/1/metadata/<path>`, decoded segment by segment.
/// A `%2F` inside a segment decodes to a name with a slash, which [`FileName`] refuses; `%2e%2e`
/// decodes to `..`, refused too. So nothing in a URL can climb out of the tree.
pub fn url_path(full: &str, prefix: &str) -> Result<NodePath, ApiError> {
    let rest = full.strip_prefix(prefix).unwrap_or("");
    let rest = rest.trim_start_matches('/');
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Ok(NodePath::root());
    }
    let mut names = Vec::new();
    for segment in rest.split('/') {
        let decoded = percent_encoding::percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| {
                CoreError::InvalidParameters("the path in the URL is not valid UTF-8".into())
            })?;
        names.push(FileName::parse(&decoded)?);
    }
    let joined: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
    Ok(NodePath::parse(&format!("/{}", joined.join("/")))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_name(r: Result<NodePath, ApiError>) -> &'static str {
        r.map(|_| "ok").unwrap_or_else(|e| e.status_and_name().1)
    }

    #[test]
    fn url_paths_decode_per_segment() {
        let p = "/api/1/metadata";
        assert!(url_path("/api/1/metadata", p).unwrap().is_root());
        assert!(url_path("/api/1/metadata/", p).unwrap().is_root());
        assert!(url_path("/api/1/metadata//", p).unwrap().is_root());
        assert_eq!(
            url_path("/api/1/metadata/a%20b/c/", p).unwrap().to_string(),
            "/a b/c"
        );
        assert_eq!(
            url_path("/api/1/metadata/%D0%AF", p).unwrap().to_string(),
            "/Я"
        );
        assert_eq!(
            error_name(url_path("/api/1/metadata/a%2Fb", p)),
            "InvalidName"
        );
        assert_eq!(
            error_name(url_path("/api/1/metadata/%2e%2e", p)),
            "InvalidName"
        );
        assert_eq!(
            error_name(url_path("/api/1/metadata/a/../b", p)),
            "InvalidName"
        );
        assert_eq!(
            error_name(url_path("/api/1/metadata/a//b", p)),
            "InvalidName"
        );
        assert_eq!(
            error_name(url_path("/api/1/metadata/%FF", p)),
            "InvalidParameters"
        );
    }
}
