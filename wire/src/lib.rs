//! Types that cross the wire between the Satchel SPA and a File Sync & Share server.
//!
//! Everything here builds for `wasm32-unknown-unknown` and for the host; it depends on serde and
//! thiserror only, so neither side's internals (database, runtime, DOM) leak into the other.

pub mod cloudike;
pub mod loose;
pub mod name;
pub mod opendrive;

pub use name::{FileName, NameError, NodePath};
