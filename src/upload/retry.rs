//! Exponential backoff for failed parts.

/// How many times a part is tried in all.
pub const MAX_ATTEMPTS: u32 = 5;
const BASE_MS: u32 = 500;
const MAX_MS: u32 = 8_000;

/// The pause before try number `attempt` (2-based: the first retry waits `BASE_MS`), doubling
/// each time and capped at `MAX_MS`.
pub fn delay_ms(attempt: u32) -> u32 {
    let exp = attempt.saturating_sub(2).min(16);
    BASE_MS.saturating_mul(1 << exp).min(MAX_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_then_caps() {
        assert_eq!(delay_ms(2), 500);
        assert_eq!(delay_ms(3), 1000);
        assert_eq!(delay_ms(4), 2000);
        assert_eq!(delay_ms(5), 4000);
        assert_eq!(delay_ms(9), 8000);
        assert_eq!(delay_ms(100), 8000);
    }
}
