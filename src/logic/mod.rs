//! Pure functions behind the UI: sorting, selection, formatting, URL paths. No DOM, no signals,
//! so all of it runs under native `cargo test`.

pub mod bulk;
pub mod chart;
pub mod format;
pub mod id_cache;
pub mod mentions;
pub mod paths;
pub mod preview;
pub mod quota;
pub mod selection;
pub mod sort;
pub mod user_list;
