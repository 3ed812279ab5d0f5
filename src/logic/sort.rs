//! Client-side sorting of a folder listing: folders first, then by the chosen column.

use std::cmp::Ordering;

use crate::api::Entry;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Size,
    Modified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SortOrder {
    pub key: SortKey,
    pub descending: bool,
}

impl SortOrder {
    /// Clicking a header: the same column flips the direction, another column sorts ascending.
    pub fn clicked(self, key: SortKey) -> Self {
        if self.key == key {
            Self {
                key,
                descending: !self.descending,
            }
        } else {
            Self {
                key,
                descending: false,
            }
        }
    }

    /// The `aria-sort` value of a column header.
    pub fn aria_sort(self, key: SortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Case-insensitive name order with a stable tie-break on the exact name.
fn by_name(a: &Entry, b: &Entry) -> Ordering {
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then_with(|| a.name.cmp(&b.name))
}

/// Sort `entries` in place: folders always first, then by `order`.
pub fn sort_entries(entries: &mut [Entry], order: SortOrder) {
    entries.sort_by(|a, b| {
        let folders_first = b.is_folder.cmp(&a.is_folder);
        let column = match order.key {
            SortKey::Name => by_name(a, b),
            SortKey::Size => a.size.cmp(&b.size).then_with(|| by_name(a, b)),
            SortKey::Modified => a
                .modified_ms
                .cmp(&b.modified_ms)
                .then_with(|| by_name(a, b)),
        };
        folders_first.then(if order.descending {
            column.reverse()
        } else {
            column
        })
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use satchel_wire::NodePath;

    pub(crate) fn entry(name: &str, folder: bool, size: u64, modified: i64) -> Entry {
        Entry {
            name: name.into(),
            path: NodePath::parse(&format!("/{name}")).unwrap(),
            is_folder: folder,
            size,
            modified_ms: modified,
            checksum: None,
            version: 1,
        }
    }

    fn names(v: &[Entry]) -> Vec<&str> {
        v.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn folders_first_in_both_directions() {
        let mut v = vec![
            entry("b.txt", false, 10, 3),
            entry("Zed", true, 0, 1),
            entry("a.txt", false, 30, 2),
            entry("alpha", true, 0, 5),
        ];
        sort_entries(&mut v, SortOrder::default());
        assert_eq!(names(&v), ["alpha", "Zed", "a.txt", "b.txt"]);
        sort_entries(
            &mut v,
            SortOrder {
                key: SortKey::Name,
                descending: true,
            },
        );
        assert_eq!(names(&v), ["Zed", "alpha", "b.txt", "a.txt"]);
        // Equal sizes fall back to the name, in the same direction.
        sort_entries(
            &mut v,
            SortOrder {
                key: SortKey::Size,
                descending: true,
            },
        );
        assert_eq!(names(&v), ["Zed", "alpha", "a.txt", "b.txt"]);
        sort_entries(
            &mut v,
            SortOrder {
                key: SortKey::Modified,
                descending: false,
            },
        );
        assert_eq!(names(&v), ["Zed", "alpha", "a.txt", "b.txt"]);
    }

    #[test]
    fn header_clicks_toggle() {
        let o = SortOrder::default().clicked(SortKey::Name);
        assert!(o.descending);
        assert_eq!(o.aria_sort(SortKey::Name), "descending");
        let o = o.clicked(SortKey::Size);
        assert_eq!(
            o,
            SortOrder {
                key: SortKey::Size,
                descending: false
            }
        );
        assert_eq!(o.aria_sort(SortKey::Name), "none");
    }
}
