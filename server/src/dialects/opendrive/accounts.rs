//! Account users and user groups (guide sections 1 and 14) over the administration core: the
//! caller's company's people, keyed by login (`access_email`), and its groups. Every permission
//! is the core's (`core::roles`): a company admin manages their company, others get 403.

use axum::extract::State;
use axum::response::Json;
use axum::routing::{MethodRouter, delete, get, post};
use satchel_wire::opendrive::{
    AccountUser, GroupCreated, ResultBody, UserGroup, field, split_name,
};

use super::objects::seconds;
use super::{Args, Call, OdResult, done, said};
use crate::AppState;
use crate::core::accounts::UserSearch;
use crate::core::groups::{Group, MemberOutcome};
use crate::core::quota::QuotaChange;
use crate::core::roles::Role;
use crate::core::users::Account;
use crate::core::{CoreError, User};
use crate::http_error::opendrive::OdError;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("accountusers.json", post(create_user).put(edit_user)),
        (
            "accountusers.json/{session_id}/{access_email}",
            delete(delete_user),
        ),
        (
            "accountusers/info.json/{session_id}/{access_email}",
            get(user_info),
        ),
        ("accountusers/searchusers.json/{session_id}", get(search)),
        (
            "accountusers/usersingroup.json/{session_id}/{group_id}",
            get(in_group),
        ),
        ("accountusers/move.json", post(move_user)),
        ("accountusers/setaccess.json", post(set_access)),
        ("usergroups/all.json", get(groups)),
        ("usergroups.json", post(create_group).put(rename_group)),
        (
            "usergroups.json/{session_id}/{group_id}",
            get(group_info).delete(delete_group),
        ),
    ]
}

const MIB: u64 = 1024 * 1024;

fn account_user(a: &Account, members: &[(i64, Vec<i64>)]) -> AccountUser {
    let (first, last) = split_name(&a.user.name);
    let mine = members
        .iter()
        .filter(|(_, ids)| ids.contains(&a.user.id))
        .map(|(g, _)| g.to_string());
    AccountUser {
        AccessUserID: a.user.id.to_string(),
        FirstName: first,
        LastName: last,
        Email: a.user.login.clone(),
        AdminMode: a.role.is_admin().into(),
        AccessAdminLevel: match a.role {
            Role::User => 0,
            Role::CompanyAdmin => 1,
            Role::SystemAdmin => 2,
        },
        AccessActive: if a.locked_at.is_some() {
            2
        } else {
            a.active.into()
        },
        StorageMax: a.quota.unwrap_or(0) as i64,
        StorageUsed: a.bytes_used as i64,
        AccessSince: seconds(a.registered).to_string(),
        GroupIDs: mine.collect(),
        ..AccountUser::default()
    }
}

/// Each group of the caller's company the caller may see the members of, with its members.
async fn memberships(state: &AppState, user: &User) -> OdResult<Vec<(i64, Vec<i64>)>> {
    let (_, groups) = state.core.list_groups(user, None, 0, usize::MAX).await?;
    let mut members = Vec::new();
    for g in &groups {
        if let Ok(people) = state.core.group_members(user, g.id).await {
            members.push((g.id, people.into_iter().map(|u| u.id).collect()));
        }
    }
    Ok(members)
}

/// The account of the caller's company with login `login` (404 otherwise).
async fn account_by_login(state: &AppState, user: &User, login: &str) -> OdResult<Account> {
    let (_, hits) = state
        .core
        .find_users(
            user,
            UserSearch {
                text: login.to_owned(),
                limit: usize::MAX,
                ..UserSearch::default()
            },
        )
        .await?;
    hits.into_iter()
        .find(|a| a.user.login.eq_ignore_ascii_case(login))
        .ok_or_else(|| said(CoreError::UnknownEntity(login.to_owned()), "No user found."))
}

fn group_id(raw: &str) -> OdResult<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|g| *g > 0)
        .ok_or_else(|| {
            CoreError::InvalidParameters("invalid value specified for 'group_id'".into()).into()
        })
}

/// `access_admin_mode`: 1 makes a company admin, 0 (and 2, "files") a plain user.
fn role_of(args: &Args) -> OdResult<Option<Role>> {
    Ok(match args.number::<i64>("access_admin_mode")? {
        None => None,
        Some(1) => Some(Role::CompanyAdmin),
        Some(0 | 2) => Some(Role::User),
        Some(_) => {
            return Err(CoreError::InvalidParameters(
                "Invalid value specified for 'access_admin_mode'. Expected one of (0, 1, 2)."
                    .into(),
            )
            .into());
        }
    })
}

/// `first last` from `access_first_name` / `access_last_name`, each 1 to 50 characters.
fn full_name(args: &Args, current: Option<&str>) -> OdResult<Option<String>> {
    let (first, last) = (args.get("access_first_name"), args.get("access_last_name"));
    if first.is_none() && last.is_none() {
        return Ok(None);
    }
    let (old_first, old_last) = current.map(split_name).unwrap_or_default();
    let first = first.map(str::trim).map(str::to_owned).unwrap_or(old_first);
    let last = last.map(str::trim).map(str::to_owned).unwrap_or(old_last);
    for (field, v) in [("access_first_name", &first), ("access_last_name", &last)] {
        if v.is_empty() || v.chars().count() > 50 {
            return Err(CoreError::InvalidParameters(format!(
                "Invalid value specified for '{field}'. 1 to 50 characters."
            ))
            .into());
        }
    }
    Ok(Some(format!("{first} {last}")))
}

/// `access_max_storage` in MB (0 = unlimited).
async fn set_storage(state: &AppState, actor: &User, a: &Account, args: &Args) -> OdResult<()> {
    let Some(mb) = args.number::<u64>("access_max_storage")? else {
        return Ok(());
    };
    let quota = (mb > 0).then(|| mb.saturating_mul(MIB));
    let out = state
        .core
        .change_users_quota(actor, a.company_id, vec![a.user.id], quota, None)
        .await?;
    match out.first().map(|(_, o)| o) {
        Some(QuotaChange::Done) => Ok(()),
        Some(QuotaChange::NotAllowed) => {
            Err(CoreError::Forbidden("you may not change this user's quota".into()).into())
        }
        Some(QuotaChange::CompanyQuotaTooSmall) => Err(CoreError::InvalidParameters(
            "the company's quota is too small for that".into(),
        )
        .into()),
        _ => Err(said(
            CoreError::UnknownEntity(a.user.login.clone()),
            "No user found.",
        )),
    }
}

/// Put `user` in exactly the group `group` (out of every other group of the company).
async fn place_in_group(state: &AppState, actor: &User, user: i64, group: i64) -> OdResult<()> {
    let members = memberships(state, actor).await?;
    for (g, ids) in &members {
        if *g != group && ids.contains(&user) {
            state.core.remove_group_member(actor, *g, user).await?;
        }
    }
    let out = state
        .core
        .add_group_members(actor, group, vec![user])
        .await?;
    if out.iter().any(|(_, o)| *o == MemberOutcome::NoSuchUser) {
        return Err(said(
            CoreError::UnknownEntity(user.to_string()),
            "No user found.",
        ));
    }
    Ok(())
}

async fn create_user(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let actor = call.user();
    let args = &call.args;
    let login = args.required("access_email")?.trim().to_owned();
    let name = full_name(args, None)?.ok_or_else(|| {
        OdError::from(CoreError::InvalidParameters(
            "'access_first_name' is required.".into(),
        ))
    })?;
    let password = args.required("access_password")?.to_owned();
    let role = role_of(args)?;
    let company = state.core.account(actor.id).await?.company_id;
    let made = state
        .core
        .create_user(actor, company, login, name, password)
        .await?;
    if let Some(g) = args.get("group_id").filter(|g| !g.is_empty() && *g != "0") {
        place_in_group(&state, actor, made.user.id, group_id(g)?).await?;
    }
    if let Some(role) = role.filter(|r| *r != made.role) {
        state.core.assign_role(actor, made.user.id, role).await?;
    }
    set_storage(&state, actor, &made, args).await?;
    Ok(done())
}

async fn edit_user(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let actor = call.user();
    let args = &call.args;
    let a = account_by_login(&state, actor, args.required("access_email")?).await?;
    if let Some(new) = args
        .get("new_access_email")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        && !new.eq_ignore_ascii_case(&a.user.login)
    {
        return Err(CoreError::InvalidParameters(
            "changing a user's login (new_access_email) is not supported".into(),
        )
        .into());
    }
    if let Some(name) = full_name(args, Some(&a.user.name))? {
        let edit = crate::core::accounts::UserEdit {
            name: Some(name),
            ..Default::default()
        };
        state.core.edit_user(actor, a.user.id, edit).await?;
    }
    if let Some(pw) = args.get("access_password").filter(|p| !p.is_empty()) {
        state
            .core
            .set_password(actor, a.user.id, pw.to_owned())
            .await?;
    }
    if let Some(role) = role_of(args)?.filter(|r| *r != a.role && a.role != Role::SystemAdmin) {
        state.core.assign_role(actor, a.user.id, role).await?;
    }
    set_storage(&state, actor, &a, args).await?;
    Ok(done())
}

async fn delete_user(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let actor = call.user();
    let a = account_by_login(&state, actor, call.args.required("access_email")?).await?;
    state.core.delete_user(actor, a.user.id).await?;
    Ok(done())
}

async fn user_info(State(state): State<AppState>, call: Call) -> OdResult<Json<AccountUser>> {
    let actor = call.user();
    let a = account_by_login(&state, actor, call.args.required("access_email")?).await?;
    let members = memberships(&state, actor).await?;
    Ok(Json(account_user(&a, &members)))
}

async fn search(State(state): State<AppState>, call: Call) -> OdResult<Json<Vec<AccountUser>>> {
    let actor = call.user();
    let text = call
        .args
        .get(field::SEARCH_QUERY)
        .unwrap_or("")
        .trim()
        .to_owned();
    let (_, hits) = state
        .core
        .find_users(
            actor,
            UserSearch {
                text,
                limit: usize::MAX,
                ..UserSearch::default()
            },
        )
        .await?;
    let members = memberships(&state, actor).await?;
    Ok(Json(
        hits.iter().map(|a| account_user(a, &members)).collect(),
    ))
}

async fn in_group(State(state): State<AppState>, call: Call) -> OdResult<Json<Vec<AccountUser>>> {
    let actor = call.user();
    let group = group_id(call.args.required("group_id")?)?;
    let text = call
        .args
        .get(field::SEARCH_QUERY)
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let people = state.core.group_members(actor, group).await?;
    let members = memberships(&state, actor).await?;
    let mut out = Vec::new();
    for u in people {
        if !text.is_empty()
            && !u.login.to_lowercase().contains(&text)
            && !u.name.to_lowercase().contains(&text)
        {
            continue;
        }
        let a = state.core.account(u.id).await?;
        out.push(account_user(&a, &members));
    }
    Ok(Json(out))
}

async fn move_user(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let actor = call.user();
    let a = account_by_login(&state, actor, call.args.required("access_email")?).await?;
    let group = group_id(call.args.required("group_id")?)?;
    place_in_group(&state, actor, a.user.id, group).await?;
    Ok(done())
}

/// `access_active`: 1 enables (and unlocks); 0 and 2 disable.
async fn set_access(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let actor = call.user();
    let a = account_by_login(&state, actor, call.args.required("access_email")?).await?;
    match call.args.required("access_active")?.trim() {
        "1" => {
            state.core.set_active(actor, a.user.id, true).await?;
            state.core.unlock_user(actor, a.user.id).await?;
        }
        "0" | "2" => {
            state.core.set_active(actor, a.user.id, false).await?;
        }
        _ => {
            return Err(CoreError::InvalidParameters(
                "Invalid value specified for 'access_active'. Expected one of (0, 1, 2).".into(),
            )
            .into());
        }
    }
    Ok(done())
}

fn user_group(g: &Group) -> UserGroup {
    UserGroup {
        GroupID: g.id.to_string(),
        GroupName: g.name.clone(),
        GroupActive: "1".into(),
        GroupMaxStorage: "0".into(),
        GroupMaxBw: "0".into(),
        GroupSince: String::new(),
        NumUsers: g.members as i64,
    }
}

async fn groups(State(state): State<AppState>, call: Call) -> OdResult<Json<Vec<UserGroup>>> {
    let (_, groups) = state
        .core
        .list_groups(call.user(), None, 0, usize::MAX)
        .await?;
    Ok(Json(groups.iter().map(user_group).collect()))
}

async fn group_info(State(state): State<AppState>, call: Call) -> OdResult<Json<UserGroup>> {
    let id = group_id(call.args.required("group_id")?)?;
    let (_, groups) = state
        .core
        .list_groups(call.user(), None, 0, usize::MAX)
        .await?;
    groups
        .iter()
        .find(|g| g.id == id)
        .map(|g| Json(user_group(g)))
        .ok_or_else(|| {
            said(
                CoreError::UnknownEntity(id.to_string()),
                "User group not exists",
            )
        })
}

async fn create_group(State(state): State<AppState>, call: Call) -> OdResult<Json<GroupCreated>> {
    let name = call.args.required("group_name")?.to_owned();
    let g = state.core.create_group(call.user(), None, name).await?;
    Ok(Json(GroupCreated { Group_id: g.id }))
}

async fn rename_group(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let id = group_id(call.args.required("group_id")?)?;
    let name = call.args.required("group_name")?.to_owned();
    state.core.rename_group(call.user(), id, name).await?;
    Ok(done())
}

async fn delete_group(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    let id = group_id(call.args.required("group_id")?)?;
    state.core.delete_group(call.user(), id).await?;
    Ok(done())
}
