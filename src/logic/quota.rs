//! Quotas as people type them (a number and MB or GB) and as the server counts them (bytes).

const MB: u64 = 1024 * 1024;
const GB: u64 = 1024 * MB;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuotaUnit {
    Mb,
    #[default]
    Gb,
}

impl QuotaUnit {
    /// The `<option>` value.
    pub fn code(self) -> &'static str {
        match self {
            QuotaUnit::Mb => "MB",
            QuotaUnit::Gb => "GB",
        }
    }

    pub fn from_code(code: &str) -> Self {
        if code.eq_ignore_ascii_case("MB") {
            QuotaUnit::Mb
        } else {
            QuotaUnit::Gb
        }
    }

    fn bytes(self) -> u64 {
        match self {
            QuotaUnit::Mb => MB,
            QuotaUnit::Gb => GB,
        }
    }
}

/// Why a typed quota is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaProblem {
    /// Not a number, negative, or absurdly large.
    Invalid,
}

/// `"1.5"` GB → bytes (rounded down to whole bytes). A decimal comma is accepted.
pub fn to_bytes(value: &str, unit: QuotaUnit) -> Result<u64, QuotaProblem> {
    let number: f64 = value
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| QuotaProblem::Invalid)?;
    // Up to one exbibyte: anything bigger is a typo.
    if !number.is_finite() || number < 0.0 || number > (1u64 << 60) as f64 / unit.bytes() as f64 {
        return Err(QuotaProblem::Invalid);
    }
    Ok((number * unit.bytes() as f64) as u64)
}

/// Bytes → the number and unit to prefill the quota field with (GB from 1 GB up).
pub fn from_bytes(bytes: u64) -> (String, QuotaUnit) {
    let unit = if bytes >= GB {
        QuotaUnit::Gb
    } else {
        QuotaUnit::Mb
    };
    let value = bytes as f64 / unit.bytes() as f64;
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    (text, unit)
}

/// How full a quota is, 0.0–1.0 (more when over); `None` without a limit.
pub fn fill(used: u64, quota: Option<u64>) -> Option<f64> {
    match quota {
        Some(0) => Some(if used == 0 { 0.0 } else { 1.0 }),
        Some(q) => Some(used as f64 / q as f64),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_become_bytes() {
        assert_eq!(to_bytes("1", QuotaUnit::Gb), Ok(GB));
        assert_eq!(to_bytes("1.5", QuotaUnit::Gb), Ok(GB + GB / 2));
        assert_eq!(to_bytes(" 512 ", QuotaUnit::Mb), Ok(512 * MB));
        assert_eq!(to_bytes("0,5", QuotaUnit::Mb), Ok(MB / 2));
        assert_eq!(to_bytes("0", QuotaUnit::Mb), Ok(0));
        assert_eq!(to_bytes("-1", QuotaUnit::Gb), Err(QuotaProblem::Invalid));
        assert_eq!(to_bytes("ten", QuotaUnit::Gb), Err(QuotaProblem::Invalid));
        assert_eq!(to_bytes("", QuotaUnit::Gb), Err(QuotaProblem::Invalid));
        assert_eq!(to_bytes("1e30", QuotaUnit::Gb), Err(QuotaProblem::Invalid));
    }

    #[test]
    fn bytes_prefill_the_field() {
        assert_eq!(from_bytes(10 * GB), ("10".into(), QuotaUnit::Gb));
        assert_eq!(from_bytes(GB + GB / 4), ("1.25".into(), QuotaUnit::Gb));
        assert_eq!(from_bytes(300 * MB), ("300".into(), QuotaUnit::Mb));
        assert_eq!(QuotaUnit::from_code("mb"), QuotaUnit::Mb);
        assert_eq!(QuotaUnit::from_code(QuotaUnit::Gb.code()), QuotaUnit::Gb);
    }

    #[test]
    fn fill_of_a_quota() {
        assert_eq!(fill(5, Some(10)), Some(0.5));
        assert_eq!(fill(5, None), None);
        assert_eq!(fill(1, Some(0)), Some(1.0));
    }
}
