//! Paths to server ids, for dialects that address items by id while the SPA speaks in paths.
//! One cache per session: a new token starts empty. Listings refresh it; every change that moves
//! a path (rename, move, delete) forgets the path and everything below it.

use std::collections::HashMap;

use satchel_wire::NodePath;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Folder,
    File,
}

/// What the server said about one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: String,
    pub kind: Kind,
    /// May the caller change it; `None` until the server has said.
    pub writable: Option<bool>,
}

impl Known {
    pub fn folder(id: impl Into<String>, writable: Option<bool>) -> Self {
        Self {
            id: id.into(),
            kind: Kind::Folder,
            writable,
        }
    }

    pub fn file(id: impl Into<String>, writable: Option<bool>) -> Self {
        Self {
            id: id.into(),
            kind: Kind::File,
            writable,
        }
    }
}

#[derive(Debug, Default)]
pub struct IdCache {
    session: String,
    items: HashMap<NodePath, Known>,
}

impl IdCache {
    /// Switch to `session`'s cache: another session's ids are dropped.
    pub fn use_session(&mut self, session: &str) {
        if self.session != session {
            self.session = session.to_owned();
            self.items.clear();
        }
    }

    pub fn get(&self, path: &NodePath) -> Option<Known> {
        self.items.get(path).cloned()
    }

    pub fn put(&mut self, path: NodePath, known: Known) {
        self.items.insert(path, known);
    }

    /// Forget `path` and everything below it.
    pub fn forget(&mut self, path: &NodePath) {
        self.items.retain(|p, _| !p.starts_with(path));
    }

    /// A fresh listing of `folder`: its children are exactly `children`. Children that are gone
    /// are forgotten with their subtrees; a child whose id changed loses its subtree too.
    pub fn replace_children(&mut self, folder: &NodePath, children: Vec<(NodePath, Known)>) {
        let fresh: HashMap<NodePath, Known> = children.into_iter().collect();
        let stale: Vec<NodePath> = self
            .items
            .iter()
            .filter(|(p, k)| {
                p.parent().as_ref() == Some(folder)
                    && fresh
                        .get(*p)
                        .is_none_or(|f| f.id != k.id || f.kind != k.kind)
            })
            .map(|(p, _)| p.clone())
            .collect();
        for path in stale {
            self.forget(&path);
        }
        self.items.extend(fresh);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> NodePath {
        NodePath::parse(s).unwrap()
    }

    #[test]
    fn a_new_session_starts_empty() {
        let mut c = IdCache::default();
        c.use_session("a");
        c.put(p("/x"), Known::folder("1", None));
        c.use_session("a");
        assert_eq!(c.get(&p("/x")), Some(Known::folder("1", None)));
        c.use_session("b");
        assert!(c.is_empty());
        assert_eq!(c.get(&p("/x")), None);
    }

    #[test]
    fn forget_takes_the_subtree_only() {
        let mut c = IdCache::default();
        c.put(p("/a"), Known::folder("1", Some(true)));
        c.put(p("/a/b"), Known::folder("2", None));
        c.put(p("/a/b/f.txt"), Known::file("3", None));
        c.put(p("/ab"), Known::folder("4", None));
        c.forget(&p("/a"));
        assert_eq!(c.len(), 1);
        assert_eq!(c.get(&p("/ab")).map(|k| k.id), Some("4".into()));
    }

    #[test]
    fn a_listing_replaces_the_children() {
        let mut c = IdCache::default();
        c.put(p("/d/old"), Known::folder("1", None));
        c.put(p("/d/old/in"), Known::file("2", None));
        c.put(p("/d/same"), Known::folder("3", None));
        c.put(p("/d/same/in"), Known::file("4", None));
        c.put(p("/d/swapped"), Known::folder("5", None));
        c.put(p("/d/swapped/in"), Known::file("6", None));
        c.put(p("/other"), Known::folder("7", None));
        c.replace_children(
            &p("/d"),
            vec![
                (p("/d/same"), Known::folder("3", Some(false))),
                (p("/d/swapped"), Known::folder("8", Some(true))),
                (p("/d/new.txt"), Known::file("9", Some(true))),
            ],
        );
        assert_eq!(c.get(&p("/d/old")), None);
        assert_eq!(c.get(&p("/d/old/in")), None);
        // Same id: what is known below it stays; the listing's writability wins.
        assert_eq!(c.get(&p("/d/same")), Some(Known::folder("3", Some(false))));
        assert!(c.get(&p("/d/same/in")).is_some());
        // Another item under the old name: nothing below it is trusted any more.
        assert_eq!(c.get(&p("/d/swapped")).map(|k| k.id), Some("8".into()));
        assert_eq!(c.get(&p("/d/swapped/in")), None);
        assert_eq!(c.get(&p("/d/new.txt")), Some(Known::file("9", Some(true))));
        assert!(c.get(&p("/other")).is_some());
    }
}
