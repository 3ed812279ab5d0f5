//! Groups of people inside a company: listing (any member, for the share dialog), creating,
//! renaming, deleting and membership (the company's admins). Membership changes re-sync group
//! shares in the same transaction, so mounts follow members at once.

use rusqlite::{Connection, OptionalExtension, params};

use super::roles::{self, Actor, Role};
use super::share_rows;
use super::{Core, CoreError, CoreResult, User, now_ms};

#[derive(Debug, Clone)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub company_id: i64,
    pub members: u64,
}

/// What adding one user to a group did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberOutcome {
    Added,
    /// No such user in the group's company.
    NoSuchUser,
}

const GROUP_COLS: &str = "g.id, g.name, g.company_id, \
    (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id)";

fn row_group(r: &rusqlite::Row<'_>) -> rusqlite::Result<Group> {
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        company_id: r.get(2)?,
        members: r.get::<_, i64>(3)? as u64,
    })
}

pub(crate) fn group_by_id(c: &Connection, id: i64) -> CoreResult<Group> {
    c.query_row(
        &format!("SELECT {GROUP_COLS} FROM user_groups g WHERE g.id = ?1"),
        [id],
        row_group,
    )
    .optional()?
    .ok_or_else(|| CoreError::UnknownEntity(format!("group {id}")))
}

/// The group `id`, if `actor` may see it: another company's group is `GroupForbidden`.
pub(crate) fn visible_group(c: &Connection, actor: &Actor, id: i64) -> CoreResult<Group> {
    let group = group_by_id(c, id)?;
    if actor.role != Role::SystemAdmin && actor.company_id != group.company_id {
        return Err(CoreError::GroupForbidden);
    }
    Ok(group)
}

/// The group `id`, if `actor` administers its company.
fn managed_group(c: &Connection, actor: i64, id: i64) -> CoreResult<Group> {
    let actor = roles::actor(c, actor)?;
    let group = visible_group(c, &actor, id)?;
    roles::authorize_company(&actor, group.company_id)?;
    Ok(group)
}

fn check_group_name(name: &str) -> CoreResult<String> {
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_control) || name.chars().count() > 255 {
        return Err(CoreError::InvalidParameters(format!(
            "invalid group name {name:?}"
        )));
    }
    Ok(name.to_owned())
}

fn name_taken(c: &Connection, company: i64, name: &str, except: i64) -> CoreResult<()> {
    let taken: bool = c.query_row(
        "SELECT EXISTS(SELECT 1 FROM user_groups WHERE company_id = ?1 AND name = ?2 AND id != ?3)",
        params![company, name, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(CoreError::AlreadyExists("A group already exists".into()));
    }
    Ok(())
}

/// Delete a group and unmount the folders shared with it from its former members.
fn delete_group_row(c: &Connection, group: i64) -> CoreResult<()> {
    c.execute("DELETE FROM user_groups WHERE id = ?1", [group])?;
    share_rows::sync(c)
}

impl Core {
    /// A page of a company's groups, by name. Any member may list them (to share with one).
    pub async fn list_groups(
        &self,
        actor: &User,
        company: Option<i64>,
        offset: usize,
        limit: usize,
    ) -> CoreResult<(u64, Vec<Group>)> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                let actor = roles::actor(c, aid)?;
                let company = roles::company_of_request(&actor, company);
                roles::authorize_member(&actor, company)?;
                let mut stmt = c.prepare(&format!(
                    "SELECT {GROUP_COLS} FROM user_groups g WHERE g.company_id = ?1 ORDER BY g.name, g.id"
                ))?;
                let all: Vec<Group> = stmt
                    .query_map([company], row_group)?
                    .collect::<Result<_, _>>()?;
                let count = all.len() as u64;
                Ok((count, all.into_iter().skip(offset).take(limit).collect()))
            })
            .await
    }

    pub async fn create_group(
        &self,
        actor: &User,
        company: Option<i64>,
        name: String,
    ) -> CoreResult<Group> {
        let name = check_group_name(&name)?;
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, aid)?;
                let company = roles::company_of_request(&actor, company);
                roles::authorize_company(&actor, company)?;
                name_taken(c, company, &name, 0)?;
                c.execute(
                    "INSERT INTO user_groups (company_id, name, created) VALUES (?1, ?2, ?3)",
                    params![company, name, now_ms()],
                )?;
                group_by_id(c, c.last_insert_rowid())
            })
            .await
    }

    pub async fn rename_group(&self, actor: &User, group: i64, name: String) -> CoreResult<Group> {
        let name = check_group_name(&name)?;
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let g = managed_group(c, aid, group)?;
                name_taken(c, g.company_id, &name, g.id)?;
                c.execute(
                    "UPDATE user_groups SET name = ?2 WHERE id = ?1",
                    params![group, name],
                )?;
                group_by_id(c, group)
            })
            .await
    }

    /// Delete a group; the folders shared with it are unmounted for its members.
    pub async fn delete_group(&self, actor: &User, group: i64) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                managed_group(c, aid, group)?;
                delete_group_row(c, group)
            })
            .await
    }

    /// Delete the group called `name` in the actor's company (or `company`'s, for the system
    /// admin): the reference names the group to delete by name.
    pub async fn delete_group_named(
        &self,
        actor: &User,
        company: Option<i64>,
        name: String,
    ) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let actor = roles::actor(c, aid)?;
                let company = roles::company_of_request(&actor, company);
                roles::authorize_company(&actor, company)?;
                let id: i64 = c
                    .query_row(
                        "SELECT id FROM user_groups WHERE company_id = ?1 AND name = ?2",
                        params![company, name.trim()],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::UnknownEntity(format!("group {name}")))?;
                delete_group_row(c, id)
            })
            .await
    }

    /// Add users (of the group's company, not deleted) to a group; each one on its own.
    pub async fn add_group_members(
        &self,
        actor: &User,
        group: i64,
        users: Vec<i64>,
    ) -> CoreResult<Vec<(i64, MemberOutcome)>> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                let g = managed_group(c, aid, group)?;
                let mut out = Vec::new();
                for user in users {
                    let member: bool = c.query_row(
                        "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?1 AND company_id = ?2 \
                         AND deleted_at IS NULL)",
                        params![user, g.company_id],
                        |r| r.get(0),
                    )?;
                    if !member {
                        out.push((user, MemberOutcome::NoSuchUser));
                        continue;
                    }
                    c.execute(
                        "INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?1, ?2)",
                        params![group, user],
                    )?;
                    out.push((user, MemberOutcome::Added));
                }
                share_rows::sync(c)?;
                Ok(out)
            })
            .await
    }

    /// Remove a member; the group's folders are unmounted for them at once.
    pub async fn remove_group_member(&self, actor: &User, group: i64, user: i64) -> CoreResult<()> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                managed_group(c, aid, group)?;
                let n = c.execute(
                    "DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2",
                    params![group, user],
                )?;
                if n == 0 {
                    return Err(CoreError::UnknownEntity(format!(
                        "user {user} in group {group}"
                    )));
                }
                share_rows::sync(c)
            })
            .await
    }

    /// A group's members, by login.
    pub async fn group_members(&self, actor: &User, group: i64) -> CoreResult<Vec<User>> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                managed_group(c, aid, group)?;
                let mut stmt = c.prepare(
                    "SELECT u.id, u.login, u.name FROM group_members m JOIN users u ON u.id = m.user_id \
                     WHERE m.group_id = ?1 ORDER BY u.login",
                )?;
                let rows = stmt.query_map([group], User::from_row)?;
                Ok(rows.collect::<Result<_, _>>()?)
            })
            .await
    }
}
