//! Small view components; each owns one piece of the page. Changes to the listing go through
//! `crate::browser` and `crate::upload`; a dialog that only shows data (versions, properties,
//! the viewer, a thumbnail) reads it through the `Client` where it is shown.

pub mod admin_bar_chart;
pub mod admin_frame;
pub mod admin_group_members;
pub mod admin_quota_dialog;
pub mod admin_user_dialogs;
pub mod admin_user_table;
pub mod breadcrumbs;
pub mod comments_panel;
pub mod confirm_dialog;
pub mod conflict_dialog;
pub mod dialogs;
pub mod file_row;
pub mod file_table;
pub mod folder_picker;
pub mod header;
pub mod modal;
pub mod my_links;
pub mod name_prompt;
pub mod properties_dialog;
pub mod rel_time;
pub mod result_table;
pub mod share_dialog;
pub mod shell;
pub mod status;
pub mod storage_indicator;
pub mod thumb;
pub mod toolbar;
pub mod unavailable;
pub mod upload_panel;
pub mod usage_meter;
pub mod versions_panel;
pub mod viewer;
