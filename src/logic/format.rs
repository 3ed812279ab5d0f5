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

/// Epoch ms as `YYYY-MM-DD` (UTC), the value of an `<input type=date>`.
pub fn date(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD` as the last millisecond of that day (UTC): a due date holds all day.
pub fn end_of_date(s: &str) -> Option<i64> {
    let mut it = s.trim().splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((days_from_civil(y, m, d) + 1) * 86_400_000 - 1)
}

/// How long ago, in the largest whole unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ago {
    JustNow,
    Minutes(i64),
    Hours(i64),
    Days(i64),
    /// Older than a month (or in the future): show the date.
    Long,
}

pub fn ago(ms: i64, now_ms: i64) -> Ago {
    let secs = (now_ms - ms) / 1000;
    match secs {
        s if s < -60 => Ago::Long,
        s if s < 60 => Ago::JustNow,
        s if s < 3600 => Ago::Minutes(s / 60),
        s if s < 86_400 => Ago::Hours(s / 3600),
        s if s < 30 * 86_400 => Ago::Days(s / 86_400),
        _ => Ago::Long,
    }
}

/// Howard Hinnant's civil-to-days algorithm.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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

    #[test]
    fn dates_round_trip() {
        let end = end_of_date("2023-11-14").unwrap();
        assert_eq!(date(end), "2023-11-14");
        assert_eq!(date(end + 1), "2023-11-15");
        assert_eq!(end_of_date("1970-01-01"), Some(86_399_999));
        assert_eq!(end_of_date("nope"), None);
        assert_eq!(ago(0, 30_000), Ago::JustNow);
        assert_eq!(ago(0, 7_200_000), Ago::Hours(2));
    }
}
