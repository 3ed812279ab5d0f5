//! The admin user list: sort parameters, the pager's range, each user's status and which actions
//! apply to a row.

use crate::model::{AdminUser, Capabilities, Role, UserQuery, UserSort, UsersPage};

/// The shortest password an admin may set (the server refuses shorter ones too).
pub const MIN_PASSWORD: usize = 8;

/// The `data-sort` value of a column header.
pub fn sort_code(sort: UserSort) -> &'static str {
    match sort {
        UserSort::Name => "name",
        UserSort::Login => "login",
        UserSort::Used => "used",
        UserSort::LastLogin => "last_login",
    }
}

/// Clicking a header: the same column flips; a new one starts where it is most useful (names
/// A→Z, storage and last login biggest/newest first).
pub fn clicked(current: (UserSort, bool), key: UserSort) -> (UserSort, bool) {
    if current.0 == key {
        (key, !current.1)
    } else {
        (key, matches!(key, UserSort::Used | UserSort::LastLogin))
    }
}

/// The `aria-sort` of a column header.
pub fn aria_sort(current: (UserSort, bool), key: UserSort) -> &'static str {
    match (current.0 == key, current.1) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    }
}

/// The 1-based first and last row shown (`n–m of total`); `(0, 0)` when there is nothing.
pub fn page_range(offset: u64, shown: usize, total: u64) -> (u64, u64) {
    if shown == 0 || total == 0 {
        return (0, 0);
    }
    let first = offset + 1;
    (first, (offset + shown as u64).min(total.max(first)))
}

/// Where a user stands, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    Active,
    Disabled,
    Locked,
    Deleted,
}

impl UserStatus {
    pub fn of(user: &AdminUser) -> Self {
        if user.deleted {
            UserStatus::Deleted
        } else if user.locked {
            UserStatus::Locked
        } else if !user.active {
            UserStatus::Disabled
        } else {
            UserStatus::Active
        }
    }

    /// The `data-status` value.
    pub fn code(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Disabled => "disabled",
            UserStatus::Locked => "locked",
            UserStatus::Deleted => "deleted",
        }
    }
}

/// A row's action button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserAction {
    Edit,
    Password,
    Disable,
    Enable,
    Unlock,
    Role,
    Quota,
    Delete,
    Restore,
}

impl UserAction {
    /// The `data-action` value.
    pub fn code(self) -> &'static str {
        match self {
            UserAction::Edit => "edit",
            UserAction::Password => "password",
            UserAction::Disable => "disable",
            UserAction::Enable => "enable",
            UserAction::Unlock => "unlock",
            UserAction::Role => "role",
            UserAction::Quota => "quota",
            UserAction::Delete => "delete",
            UserAction::Restore => "restore",
        }
    }
}

/// The actions that make sense for `user` now, done by someone with role `me`. An admin never
/// disables, deletes or demotes themselves (they would lock themselves out), and a company admin
/// leaves a system admin's account alone (the server refuses it).
pub fn actions_for(
    user: &AdminUser,
    is_self: bool,
    me: Role,
    caps: &Capabilities,
) -> Vec<UserAction> {
    // (`Role` here is the action; the account roles need their full path.)
    use UserAction::*;
    if user.role == crate::model::Role::SystemAdmin && me != crate::model::Role::SystemAdmin {
        return Vec::new();
    }
    if user.deleted {
        return if caps.restore_users {
            vec![Restore]
        } else {
            Vec::new()
        };
    }
    let mut out = vec![Edit, Password];
    if !user.active {
        out.push(Enable);
    } else if !is_self {
        out.push(Disable);
    }
    if user.locked && caps.unlock_users {
        out.push(Unlock);
    }
    if caps.roles && !is_self {
        out.push(Role);
    }
    if caps.quotas {
        out.push(Quota);
    }
    if !is_self {
        out.push(Delete);
    }
    out
}

/// The roles `me` may hand out: a system admin may make system admins, a company admin not.
pub fn assignable_roles(me: Role) -> Vec<Role> {
    match me {
        Role::SystemAdmin => Role::ALL.to_vec(),
        _ => vec![Role::User, Role::CompanyAdmin],
    }
}

/// What is wrong with a new user's fields, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewUserProblem {
    LoginEmpty,
    PasswordShort,
}

pub fn check_new_user(login: &str, password: &str) -> Result<(), NewUserProblem> {
    if login.trim().is_empty() {
        Err(NewUserProblem::LoginEmpty)
    } else if password.chars().count() < MIN_PASSWORD {
        Err(NewUserProblem::PasswordShort)
    } else {
        Ok(())
    }
}

/// Sorts a whole match list, then cuts the asked page: for a dialect whose API does neither.
pub fn sort_and_page(mut users: Vec<AdminUser>, q: &UserQuery) -> UsersPage {
    users.sort_by(|a, b| {
        let by = match q.sort {
            UserSort::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            UserSort::Login => a.login.to_lowercase().cmp(&b.login.to_lowercase()),
            UserSort::Used => a.used_bytes.cmp(&b.used_bytes),
            UserSort::LastLogin => a.last_login_ms.cmp(&b.last_login_ms),
        }
        .then_with(|| a.login.cmp(&b.login));
        if q.descending { by.reverse() } else { by }
    });
    let total = users.len() as u64;
    let users = users
        .into_iter()
        .skip(q.offset as usize)
        .take(q.limit.max(1) as usize)
        .collect();
    UsersPage { users, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> AdminUser {
        AdminUser {
            id: "1".into(),
            login: "bob".into(),
            name: "Bob".into(),
            role: Role::User,
            active: true,
            locked: false,
            deleted: false,
            used_bytes: 0,
            quota_bytes: None,
            last_login_ms: 0,
            lang: "en".into(),
            timezone: "UTC".into(),
        }
    }

    fn all_caps() -> Capabilities {
        Capabilities {
            restore_users: true,
            unlock_users: true,
            roles: true,
            quotas: true,
            ..Capabilities::default()
        }
    }

    #[test]
    fn header_clicks_flip_or_start_sensibly() {
        assert_eq!(
            clicked((UserSort::Name, false), UserSort::Name),
            (UserSort::Name, true)
        );
        assert_eq!(
            clicked((UserSort::Name, false), UserSort::Used),
            (UserSort::Used, true)
        );
        assert_eq!(
            clicked((UserSort::Used, true), UserSort::Login),
            (UserSort::Login, false)
        );
        assert_eq!(
            aria_sort((UserSort::Used, true), UserSort::Used),
            "descending"
        );
        assert_eq!(aria_sort((UserSort::Used, true), UserSort::Name), "none");
        assert_eq!(sort_code(UserSort::LastLogin), "last_login");
    }

    #[test]
    fn pager_range() {
        assert_eq!(page_range(0, 20, 45), (1, 20));
        assert_eq!(page_range(40, 5, 45), (41, 45));
        assert_eq!(page_range(0, 0, 0), (0, 0));
    }

    #[test]
    fn status_prefers_the_most_serious() {
        let mut u = user();
        assert_eq!(UserStatus::of(&u), UserStatus::Active);
        u.active = false;
        assert_eq!(UserStatus::of(&u), UserStatus::Disabled);
        u.locked = true;
        assert_eq!(UserStatus::of(&u), UserStatus::Locked);
        u.deleted = true;
        assert_eq!(UserStatus::of(&u).code(), "deleted");
    }

    #[test]
    fn actions_follow_state_and_spare_yourself() {
        use UserAction::*;
        let caps = all_caps();
        let admin = crate::model::Role::CompanyAdmin;
        let mut u = user();
        assert_eq!(
            actions_for(&u, false, admin, &caps),
            vec![Edit, Password, Disable, Role, Quota, Delete]
        );
        assert_eq!(
            actions_for(&u, true, admin, &caps),
            vec![Edit, Password, Quota]
        );
        u.active = false;
        u.locked = true;
        assert!(actions_for(&u, false, admin, &caps).contains(&Enable));
        assert!(actions_for(&u, false, admin, &caps).contains(&Unlock));
        assert!(!actions_for(&u, false, admin, &caps).contains(&Disable));
        u.deleted = true;
        assert_eq!(actions_for(&u, false, admin, &caps), vec![Restore]);
        assert!(actions_for(&u, false, admin, &Capabilities::default()).is_empty());
    }

    #[test]
    fn company_admins_leave_system_admins_alone() {
        let mut u = user();
        u.role = Role::SystemAdmin;
        assert!(actions_for(&u, false, Role::CompanyAdmin, &all_caps()).is_empty());
        assert!(!actions_for(&u, false, Role::SystemAdmin, &all_caps()).is_empty());
    }

    #[test]
    fn only_a_system_admin_makes_system_admins() {
        assert!(!assignable_roles(Role::CompanyAdmin).contains(&Role::SystemAdmin));
        assert!(assignable_roles(Role::SystemAdmin).contains(&Role::SystemAdmin));
    }

    #[test]
    fn new_user_checks() {
        assert_eq!(
            check_new_user(" ", "longenough"),
            Err(NewUserProblem::LoginEmpty)
        );
        assert_eq!(
            check_new_user("x", "short"),
            Err(NewUserProblem::PasswordShort)
        );
        assert_eq!(check_new_user("x", "12345678"), Ok(()));
    }

    fn listed(login: &str, name: &str, used: u64) -> AdminUser {
        AdminUser {
            id: login.into(),
            login: login.into(),
            used_bytes: used,
            name: name.into(),
            ..user()
        }
    }

    #[test]
    fn a_whole_list_is_sorted_then_cut_to_the_page() {
        let all = vec![
            listed("c", "carol", 5),
            listed("a", "Bob", 9),
            listed("b", "alice", 1),
        ];
        let q = UserQuery {
            sort: UserSort::Name,
            limit: 2,
            ..UserQuery::default()
        };
        let p = sort_and_page(all.clone(), &q);
        assert_eq!(p.total, 3);
        let logins: Vec<_> = p.users.iter().map(|u| u.login.as_str()).collect();
        assert_eq!(logins, ["b", "a"]);
        let q = UserQuery {
            sort: UserSort::Used,
            descending: true,
            offset: 1,
            limit: 5,
            ..UserQuery::default()
        };
        let logins: Vec<_> = sort_and_page(all, &q)
            .users
            .into_iter()
            .map(|u| u.login)
            .collect();
        assert_eq!(logins, ["c", "b"]);
    }
}
