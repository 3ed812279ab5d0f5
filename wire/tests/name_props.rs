//! Property tests of the one name and path validator: it never panics, what it accepts comes
//! back unchanged, and nothing it accepts can climb out of a tree or hide text.

use proptest::prelude::*;
use satchel_wire::name::is_hidden_format;
use satchel_wire::{FileName, NodePath};

/// Text rich in what the validator decides on: separators, dots, spaces, controls, bidi and
/// zero-width characters, plus any character at all.
fn tricky() -> impl Strategy<Value = String> {
    let pick = prop_oneof![
        Just('/'),
        Just('.'),
        Just(' '),
        Just('\\'),
        Just('\u{0}'),
        Just('\n'),
        Just('\u{202E}'),
        Just('\u{200D}'),
        Just('\u{FEFF}'),
        Just('a'),
        Just('é'),
        any::<char>(),
    ];
    prop::collection::vec(pick, 0..12).prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn file_names_round_trip(raw in prop_oneof![tricky(), any::<String>()]) {
        if let Ok(name) = FileName::parse(&raw) {
            prop_assert_eq!(name.as_str(), raw.as_str());
            prop_assert_eq!(FileName::parse(name.as_str()), Ok(name.clone()));
            prop_assert!(!raw.contains('/') && raw != "." && raw != ".." && !raw.is_empty());
            prop_assert!(!raw.chars().any(|c| c.is_control() || is_hidden_format(c)));
            for n in [1, 2, 999] {
                let numbered = name.numbered(n);
                prop_assert_eq!(FileName::parse(numbered.as_str()), Ok(numbered.clone()));
            }
        }
    }

    #[test]
    fn node_paths_round_trip(raw in prop_oneof![tricky(), any::<String>()]) {
        if let Ok(path) = NodePath::parse(&raw) {
            let shown = path.to_string();
            prop_assert_eq!(NodePath::parse(&shown), Ok(path.clone()));
            for s in path.segments() {
                prop_assert!(!s.as_str().is_empty() && s.as_str() != "..");
            }
            if let Some(parent) = path.parent() {
                prop_assert!(path.starts_with(&parent));
            }
        }
    }
}
