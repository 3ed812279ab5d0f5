//! Horizontal bar charts drawn as inline SVG: where each bar goes and how long it is.

/// Height of one bar row, and the gap under it, in SVG units.
pub const ROW: f64 = 28.0;
pub const GAP: f64 = 8.0;
/// Width left of the bars for the labels.
pub const LABEL_WIDTH: f64 = 140.0;

/// One bar, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub y: f64,
    pub width: f64,
    /// Its share of all values, 0–100.
    pub percent: f64,
}

/// Bars for `items`, biggest first, scaled so the biggest spans `width`. A non-zero value gets
/// at least one unit so it never looks like nothing.
pub fn bars(items: &[(String, u64)], width: f64) -> Vec<Bar> {
    let mut sorted: Vec<&(String, u64)> = items.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let max = sorted.first().map_or(0, |i| i.1);
    let total: u64 = items.iter().map(|i| i.1).sum();
    sorted
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| Bar {
            label: label.clone(),
            value: *value,
            y: i as f64 * (ROW + GAP),
            width: if max == 0 || *value == 0 {
                0.0
            } else {
                (*value as f64 / max as f64 * width).max(1.0)
            },
            percent: if total == 0 {
                0.0
            } else {
                *value as f64 * 100.0 / total as f64
            },
        })
        .collect()
}

/// Labels longer than this are cut (the whole one is in the bar's `<title>` and the table).
pub const LABEL_CHARS: usize = 18;

/// `label`, cut to `max` characters with an ellipsis.
pub fn short_label(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_owned()
    } else {
        let mut out: String = label.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The SVG height for `n` bars.
pub fn height(n: usize) -> f64 {
    if n == 0 {
        ROW
    } else {
        n as f64 * (ROW + GAP) - GAP
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_biggest_spans_the_width() {
        let b = bars(
            &[("a".into(), 50), ("b".into(), 100), ("c".into(), 0)],
            400.0,
        );
        assert_eq!(b[0].label, "b");
        assert_eq!(b[0].width, 400.0);
        assert_eq!(b[1].width, 200.0);
        assert_eq!(b[2].width, 0.0);
        assert_eq!(b[1].y, ROW + GAP);
        assert!((b[0].percent - 66.666).abs() < 0.01);
    }

    #[test]
    fn tiny_values_stay_visible() {
        let b = bars(&[("big".into(), 1_000_000), ("tiny".into(), 1)], 100.0);
        assert_eq!(b[1].width, 1.0);
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(short_label("alice", 18), "alice");
        assert_eq!(short_label("erin@example.company", 10), "erin@exam…");
        assert_eq!(short_label("ééééé", 3).chars().count(), 3);
    }

    #[test]
    fn empty_and_zero() {
        assert!(bars(&[], 100.0).is_empty());
        assert_eq!(bars(&[("x".into(), 0)], 100.0)[0].percent, 0.0);
        assert_eq!(height(0), ROW);
        assert_eq!(height(2), 2.0 * ROW + GAP);
    }
}
