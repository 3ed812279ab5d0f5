//! Small view components; each owns one piece of the page. API calls go through `crate::browser`
//! and `crate::upload`, never from here directly.

pub mod breadcrumbs;
pub mod confirm_dialog;
pub mod conflict_dialog;
pub mod dialogs;
pub mod file_row;
pub mod file_table;
pub mod folder_picker;
pub mod header;
pub mod modal;
pub mod name_prompt;
pub mod status;
pub mod toolbar;
pub mod upload_panel;
