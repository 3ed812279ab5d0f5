//! Who may administer what: the role of each account and the one rule every administrative core
//! function applies (a system admin manages every company, a company admin their own, nobody
//! else anything). Dialects never decide this themselves.

use rusqlite::{Connection, OptionalExtension};

use super::{CoreError, CoreResult};

/// What an account may administer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    /// Manages the people, groups and quotas of their own company.
    CompanyAdmin,
    /// Manages every company.
    SystemAdmin,
}

impl Role {
    /// The value in the `users.role` column.
    pub(crate) fn as_db(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::CompanyAdmin => "admin",
            Role::SystemAdmin => "sysadmin",
        }
    }

    pub(crate) fn from_db(s: &str) -> Role {
        match s {
            "admin" => Role::CompanyAdmin,
            "sysadmin" => Role::SystemAdmin,
            _ => Role::User,
        }
    }

    pub fn is_admin(self) -> bool {
        self != Role::User
    }
}

/// The caller of an administrative function, as the database knows them right now.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub id: i64,
    pub role: Role,
    pub company_id: i64,
}

pub(crate) fn actor(c: &Connection, user_id: i64) -> CoreResult<Actor> {
    c.query_row(
        "SELECT id, role, company_id FROM users WHERE id = ?1",
        [user_id],
        |r| {
            Ok(Actor {
                id: r.get(0)?,
                role: Role::from_db(&r.get::<_, String>(1)?),
                company_id: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::Unauthorized("the account no longer exists".into()))
}

/// The rule: a system admin may administer any company, a company admin their own, nobody else.
pub(crate) fn authorize_company(actor: &Actor, company: i64) -> CoreResult<()> {
    match actor.role {
        Role::SystemAdmin => Ok(()),
        Role::CompanyAdmin if actor.company_id == company => Ok(()),
        Role::CompanyAdmin => Err(CoreError::Forbidden(format!(
            "you administer another company than {company}"
        ))),
        Role::User => Err(CoreError::Forbidden(
            "only administrators may do this".into(),
        )),
    }
}

/// Read-only company things (the directory, groups to share with, asking for quota): any
/// member of the company, and the system admin.
pub(crate) fn authorize_member(actor: &Actor, company: i64) -> CoreResult<()> {
    if actor.role == Role::SystemAdmin || actor.company_id == company {
        Ok(())
    } else {
        Err(CoreError::Forbidden(format!(
            "not a member of company {company}"
        )))
    }
}

/// Only the system admin (companies themselves).
pub(crate) fn authorize_system(actor: &Actor) -> CoreResult<()> {
    if actor.role == Role::SystemAdmin {
        Ok(())
    } else {
        Err(CoreError::Forbidden(
            "only the system administrator may do this".into(),
        ))
    }
}

/// The company an admin acts on when a request may name one: a system admin's choice (or their
/// own), a company admin's own whatever they name.
pub(crate) fn company_of_request(actor: &Actor, asked: Option<i64>) -> i64 {
    match (actor.role, asked) {
        (Role::SystemAdmin, Some(c)) => c,
        _ => actor.company_id,
    }
}

/// May `actor` manage the account `target` (of `target_company`, with `target_role`)? Their
/// company's admin or the system admin; a system admin account only by a system admin.
pub(crate) fn authorize_user(
    actor: &Actor,
    target_company: i64,
    target_role: Role,
) -> CoreResult<()> {
    authorize_company(actor, target_company)?;
    if target_role == Role::SystemAdmin && actor.role != Role::SystemAdmin {
        return Err(CoreError::Forbidden(
            "only the system administrator manages a system administrator".into(),
        ));
    }
    Ok(())
}
