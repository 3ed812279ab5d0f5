//! The deployment config `/satchel.json`, fetched once at startup. A missing file or field falls
//! back to the defaults, so a plain `dist/` works anywhere.

use serde::{Deserialize, Serialize};

pub const DEFAULT_CHUNK_SIZE: u64 = 8 * 1024 * 1024;
pub const DEFAULT_PARALLEL_CHUNKS: usize = 3;

/// Which server dialect the SPA speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    #[default]
    Cloudike,
    OpenDrive,
}

impl Dialect {
    pub const ALL: [Dialect; 2] = [Dialect::Cloudike, Dialect::OpenDrive];

    /// The name in `satchel.json`, the login page's `<option>` and `body[data-dialect]`.
    pub fn code(self) -> &'static str {
        match self {
            Dialect::Cloudike => "cloudike",
            Dialect::OpenDrive => "opendrive",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The dialect the login page offers first.
    pub dialect: Dialect,
    /// The deployment speaks only `dialect`: the login page offers no choice.
    pub dialect_locked: bool,
    /// Origin of the API server; `""` means the page's own origin.
    pub api_base: String,
    pub chunk_size: u64,
    pub parallel_chunks: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            dialect: Dialect::Cloudike,
            dialect_locked: false,
            api_base: String::new(),
            chunk_size: DEFAULT_CHUNK_SIZE,
            parallel_chunks: DEFAULT_PARALLEL_CHUNKS,
        }
    }
}

impl Config {
    /// Parse the JSON text of `satchel.json`; anything unreadable gives the defaults.
    pub fn from_json(text: &str) -> Self {
        let mut cfg: Config = serde_json::from_str(text).unwrap_or_default();
        cfg.sanitize();
        cfg
    }

    fn sanitize(&mut self) {
        // Keep chunks between 64 KiB and 1 GiB and parallelism between 1 and 16.
        self.chunk_size = self.chunk_size.clamp(64 * 1024, 1024 * 1024 * 1024);
        self.parallel_chunks = self.parallel_chunks.clamp(1, 16);
        while self.api_base.ends_with('/') {
            self.api_base.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_default() {
        let c = Config::from_json(r#"{"chunk_size": 1048576}"#);
        assert_eq!(c.chunk_size, 1_048_576);
        assert_eq!(c.parallel_chunks, DEFAULT_PARALLEL_CHUNKS);
        assert_eq!(Config::from_json("not json"), Config::default());
        assert_eq!(
            Config::from_json(r#"{"api_base":"http://x/"}"#).api_base,
            "http://x"
        );
    }

    #[test]
    fn dialect_and_lock() {
        let c = Config::from_json(r#"{"dialect":"opendrive","dialect_locked":true}"#);
        assert_eq!(c.dialect, Dialect::OpenDrive);
        assert!(c.dialect_locked);
        assert!(!Config::default().dialect_locked);
        for d in Dialect::ALL {
            assert_eq!(Dialect::from_code(d.code()), Some(d));
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{}\"", d.code()));
        }
        assert_eq!(Dialect::from_code("webdav"), None);
    }
}
