//! The API by area: one small trait each. Every method has a default answering "not in this
//! API", so a dialect implements only what its server offers.

mod admin;
mod comments;
mod files;
mod links;
mod recovery;
mod session;
mod sharing;
mod uploads;

pub use admin::AdminApi;
pub use comments::CommentsApi;
pub use files::FilesApi;
pub use links::LinksApi;
pub use recovery::RecoveryApi;
pub use session::SessionApi;
pub use sharing::SharingApi;
pub use uploads::{Progress, UploadsApi};
