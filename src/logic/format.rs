//! Human formatting of sizes, times, speeds and remaining time.

/// `1536` → `"1.5 KB"`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Bytes per second from `bytes` done in `elapsed_ms`.
pub fn speed(bytes: u64, elapsed_ms: f64) -> Option<f64> {
    (elapsed_ms >= 1.0).then(|| bytes as f64 * 1000.0 / elapsed_ms)
}

/// Seconds left for `remaining` bytes at `bytes_per_sec`.
pub fn eta_secs(remaining: u64, bytes_per_sec: f64) -> Option<u64> {
    (bytes_per_sec > 0.0).then(|| (remaining as f64 / bytes_per_sec).ceil() as u64)
}

/// `75` → `"1m 15s"`, `3700` → `"1h 1m"`.
pub fn duration(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m {}s", secs / 60, secs % 60),
        _ => format!("{}h {}m", secs / 3600, (secs % 3600) / 60),
    }
}

/// Epoch ms as `YYYY-MM-DD HH:MM` (UTC), independent of the browser's locale.
pub fn timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(8 * 1024 * 1024), "8.0 MB");
    }

    #[test]
    fn speed_and_eta() {
        assert_eq!(speed(1000, 0.0), None);
        assert_eq!(speed(2048, 2000.0), Some(1024.0));
        assert_eq!(eta_secs(10_240, 1024.0), Some(10));
        assert_eq!(eta_secs(1, 0.0), None);
        assert_eq!(duration(5), "5s");
        assert_eq!(duration(75), "1m 15s");
        assert_eq!(duration(3700), "1h 1m");
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "1970-01-01 00:00");
        assert_eq!(timestamp(1_700_000_000_000), "2023-11-14 22:13");
    }
}
