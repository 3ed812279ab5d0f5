//! Route views.

pub mod activity_page;
pub mod admin_company_page;
pub mod admin_groups_page;
pub mod admin_storage_page;
pub mod admin_users_page;
pub mod bench_page;
pub mod favorites_page;
pub mod files_page;
pub mod join_page;
pub mod link_page;
pub mod login_page;
pub mod not_found_page;
pub mod search_page;
pub mod shared_page;
pub mod tasks_page;
pub mod trash_page;
