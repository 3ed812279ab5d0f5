//! Byte counts that come from requests. SQLite stores integers as i64, so a u64 beyond
//! `i64::MAX` would be stored negative (and sums of such values wrap): every size, quota or
//! count a client declares passes through here before it is stored or added to anything.

use super::{CoreError, CoreResult};

/// The largest size, quota or count a request may declare: what SQLite can hold.
pub const MAX_DECLARED: u64 = i64::MAX as u64;

/// `value` as the i64 SQLite stores, or 400 naming `field`.
pub fn declared(field: &str, value: u64) -> CoreResult<i64> {
    i64::try_from(value).map_err(|_| {
        CoreError::InvalidParameters(format!("parameter {field}: at most {MAX_DECLARED}"))
    })
}

/// The same for an optional value.
pub fn declared_opt(field: &str, value: Option<u64>) -> CoreResult<Option<i64>> {
    value.map(|v| declared(field, v)).transpose()
}

/// A stored non-negative integer read back (a corrupt negative one counts as 0, never as 2^64-1).
pub fn stored(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_beyond_i64_are_refused_and_never_wrap() {
        assert_eq!(declared("size", 5).unwrap(), 5);
        assert_eq!(declared("size", MAX_DECLARED).unwrap(), i64::MAX);
        assert!(declared("size", MAX_DECLARED + 1).is_err());
        assert!(declared("size", u64::MAX).is_err());
        assert_eq!(stored(-1), 0);
    }
}
