//! Client-side sorting of a folder listing: folders first, then by the chosen column.

use crate::model::Entry;

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

/// The lower-case names the name order compares, computed once per listing (not per comparison:
/// a 100,000-item folder would allocate millions of strings otherwise).
pub fn sort_keys(entries: &[Entry]) -> Vec<String> {
    entries.iter().map(|e| e.name.to_lowercase()).collect()
}

/// The indices of `entries` in display order: folders always first, then by `order`; ties fall
/// back to the case-insensitive name, then the exact name. `keys` come from [`sort_keys`].
pub fn sorted_order(entries: &[Entry], keys: &[String], order: SortOrder) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..entries.len()).collect();
    let by_name = |a: usize, b: usize| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| entries[a].name.cmp(&entries[b].name))
    };
    idx.sort_unstable_by(|&a, &b| {
        let (ea, eb) = (&entries[a], &entries[b]);
        let folders_first = eb.is_folder.cmp(&ea.is_folder);
        let column = match order.key {
            SortKey::Name => by_name(a, b),
            SortKey::Size => ea.size.cmp(&eb.size).then_with(|| by_name(a, b)),
            SortKey::Modified => ea
                .modified_ms
                .cmp(&eb.modified_ms)
                .then_with(|| by_name(a, b)),
        };
        let column = if order.descending {
            column.reverse()
        } else {
            column
        };
        // Names are unique in a folder; the index only keeps the order total for odd input.
        folders_first.then(column).then(a.cmp(&b))
    });
    idx
}

/// Sort `entries` in place: folders always first, then by `order`.
pub fn sort_entries(entries: &mut Vec<Entry>, order: SortOrder) {
    let keys = sort_keys(entries);
    let idx = sorted_order(entries, &keys, order);
    let mut slots: Vec<Option<Entry>> = std::mem::take(entries).into_iter().map(Some).collect();
    *entries = idx.into_iter().filter_map(|i| slots[i].take()).collect();
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
            created_ms: modified,
            mime: None,
            favorite: false,
            thumbnail: false,
            shared: false,
            writable: true,
            comments: 0,
            owner_id: None,
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
