//! FileName / NodePath parsing: never panics; what is accepted round-trips and cannot climb.
#![no_main]

use libfuzzer_sys::fuzz_target;
use satchel_wire::{FileName, NodePath};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(name) = FileName::parse(raw) {
        assert_eq!(name.as_str(), raw);
        assert!(raw != "." && raw != ".." && !raw.contains('/'));
        let _ = name.numbered(7);
    }
    if let Ok(path) = NodePath::parse(raw) {
        assert_eq!(NodePath::parse(&path.to_string()), Ok(path.clone()));
        let _ = path.to_url_path();
    }
});
