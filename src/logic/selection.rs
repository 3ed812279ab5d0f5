//! Multi-selection over an ordered list: click, ctrl/cmd-click toggle, shift-click range, and the
//! keyboard's arrow moves. Works on indices into the currently sorted list.

use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub selected: BTreeSet<usize>,
    /// Where a shift-range starts.
    pub anchor: Option<usize>,
    /// The row with keyboard focus.
    pub focus: Option<usize>,
}

/// How a row was clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickMode {
    Replace,
    Toggle,
    Range,
}

impl ClickMode {
    pub fn from_modifiers(shift: bool, ctrl_or_meta: bool) -> Self {
        if shift {
            ClickMode::Range
        } else if ctrl_or_meta {
            ClickMode::Toggle
        } else {
            ClickMode::Replace
        }
    }
}

fn range(a: usize, b: usize) -> BTreeSet<usize> {
    (a.min(b)..=a.max(b)).collect()
}

impl Selection {
    pub fn click(&self, index: usize, mode: ClickMode) -> Self {
        match mode {
            ClickMode::Replace => Self {
                selected: [index].into(),
                anchor: Some(index),
                focus: Some(index),
            },
            ClickMode::Toggle => {
                let mut selected = self.selected.clone();
                if !selected.remove(&index) {
                    selected.insert(index);
                }
                Self {
                    selected,
                    anchor: Some(index),
                    focus: Some(index),
                }
            }
            ClickMode::Range => {
                let anchor = self.anchor.unwrap_or(index);
                Self {
                    selected: range(anchor, index),
                    anchor: Some(anchor),
                    focus: Some(index),
                }
            }
        }
    }

    /// Arrow key: move the focus by `delta` within `len` rows; with shift, extend from the anchor.
    pub fn step(&self, delta: isize, len: usize, extend: bool) -> Self {
        if len == 0 {
            return Self::default();
        }
        let next = match self.focus {
            None if delta >= 0 => 0,
            None => len - 1,
            Some(f) => (f as isize + delta).clamp(0, len as isize - 1) as usize,
        };
        let mode = if extend {
            ClickMode::Range
        } else {
            ClickMode::Replace
        };
        self.click(next, mode)
    }

    pub fn all(len: usize) -> Self {
        Self {
            selected: (0..len).collect(),
            anchor: (len > 0).then_some(0),
            focus: len.checked_sub(1),
        }
    }

    /// Drop indices that no longer exist after the list shrank.
    pub fn clamp(&self, len: usize) -> Self {
        Self {
            selected: self.selected.iter().copied().filter(|&i| i < len).collect(),
            anchor: self.anchor.filter(|&i| i < len),
            focus: self.focus.filter(|&i| i < len),
        }
    }

    /// The same items after the list changed from `old` to `new` (re-sorted, reloaded): items
    /// that are gone drop out.
    pub fn remap<T: Eq + std::hash::Hash>(&self, old: &[T], new: &[T]) -> Self {
        if self.selected.is_empty() && self.anchor.is_none() && self.focus.is_none() {
            return Self::default();
        }
        // One pass over the new list, not one per selected item (select-all in a huge folder).
        let wanted: std::collections::HashSet<&T> = self
            .selected
            .iter()
            .chain(self.anchor.iter())
            .chain(self.focus.iter())
            .filter_map(|&i| old.get(i))
            .collect();
        let positions: std::collections::HashMap<&T, usize> = new
            .iter()
            .enumerate()
            .filter(|(_, n)| wanted.contains(n))
            .map(|(i, n)| (n, i))
            .collect();
        let map = |i: usize| old.get(i).and_then(|item| positions.get(item).copied());
        Self {
            selected: self.selected.iter().filter_map(|&i| map(i)).collect(),
            anchor: self.anchor.and_then(map),
            focus: self.focus.and_then(map),
        }
    }

    pub fn is_selected(&self, index: usize) -> bool {
        self.selected.contains(&index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[usize]) -> BTreeSet<usize> {
        v.iter().copied().collect()
    }

    #[test]
    fn click_toggle_range() {
        let s = Selection::default().click(2, ClickMode::Replace);
        assert_eq!(s.selected, set(&[2]));
        let s = s.click(5, ClickMode::Range);
        assert_eq!(s.selected, set(&[2, 3, 4, 5]));
        let s = s.click(0, ClickMode::Range);
        assert_eq!(s.selected, set(&[0, 1, 2]));
        let s = s.click(1, ClickMode::Toggle);
        assert_eq!(s.selected, set(&[0, 2]));
        let s = s.click(7, ClickMode::Toggle);
        assert_eq!(s.selected, set(&[0, 2, 7]));
        let s = s.click(9, ClickMode::Range);
        assert_eq!(s.selected, set(&[7, 8, 9]));
    }

    #[test]
    fn arrows_move_and_extend() {
        let s = Selection::default().step(1, 4, false);
        assert_eq!(s.focus, Some(0));
        let s = s.step(1, 4, true).step(1, 4, true);
        assert_eq!(s.selected, set(&[0, 1, 2]));
        let s = s.step(5, 4, false);
        assert_eq!(s.selected, set(&[3]));
        assert_eq!(Selection::default().step(-1, 4, false).focus, Some(3));
        assert_eq!(s.step(1, 0, false), Selection::default());
    }

    #[test]
    fn remap_follows_items() {
        let s = Selection::default()
            .click(0, ClickMode::Replace)
            .click(2, ClickMode::Range);
        let old = ["a", "b", "c"];
        let new = ["c", "x", "a"];
        let r = s.remap(&old, &new);
        assert_eq!(r.selected, set(&[0, 2]));
        assert_eq!(r.anchor, Some(2));
        assert_eq!(r.focus, Some(0));
    }

    #[test]
    fn modifiers_and_clamp() {
        assert_eq!(ClickMode::from_modifiers(true, true), ClickMode::Range);
        assert_eq!(ClickMode::from_modifiers(false, true), ClickMode::Toggle);
        let s = Selection::all(5).clamp(2);
        assert_eq!(s.selected, set(&[0, 1]));
        assert_eq!(s.focus, None);
    }
}
