//! HTTP front-ends, one per vendor dialect. Each is thin: parse the request, call the core, map
//! the result to that dialect's wire types.

pub mod cloudike;
pub mod opendrive;
pub mod params;

pub use params::Params;
