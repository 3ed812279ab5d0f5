//! Comments and tasks on files and folders (`workflow/*`). A comment belongs to a node, not a
//! path: it follows renames and moves, sleeps in the trash with its item and is removed with it
//! (a foreign-key cascade) when the item is purged. Whoever reaches the item (its owner, or a
//! collaborator through their mount, each with their own paths) reads and adds comments; anyone
//! else gets 404 as if the item did not exist.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};
use satchel_wire::NodePath;

use super::events::{self, Extra, Kind, can_see, user_id_by_login};
use super::nodes;
use super::{Core, CoreError, CoreResult, User, now_ms, random_id};

/// The longest comment text, in characters.
pub const MAX_TEXT: usize = 10_000;

#[derive(Debug, Clone)]
pub struct Assignee {
    pub id: String,
    pub user_id: i64,
    pub user_name: String,
    pub status: String,
    pub created: i64,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub id: String,
    pub node_id: i64,
    pub created: i64,
    pub modified: i64,
    pub text: String,
    pub tagged: String,
    /// `text` or `task`.
    pub kind: String,
    pub author: i64,
    pub author_name: String,
    pub due_date: i64,
    pub assignees: Vec<Assignee>,
}

/// A task assigned to me, with where its item is in my tree.
#[derive(Debug, Clone)]
pub struct MyTask {
    pub comment: Comment,
    pub path: NodePath,
}

/// What a new comment (or an edit) says.
#[derive(Debug, Clone, Default)]
pub struct CommentInput {
    pub text: String,
    pub task: bool,
    pub due_date: Option<i64>,
    /// Logins; `None` on an edit keeps the assignees.
    pub assignees: Option<Vec<String>>,
}

/// Task statuses; `decline` (the reference's spelling) means `declined`.
pub fn task_status(s: &str) -> CoreResult<&'static str> {
    Ok(match s {
        "open" => "open",
        "accepted" => "accepted",
        "declined" | "decline" => "declined",
        "completed" => "completed",
        _ => {
            return Err(CoreError::InvalidParameters(format!(
                "parameter status: expected open, accepted, declined or completed, not {s:?}"
            )));
        }
    })
}

fn check_text(text: &str) -> CoreResult<()> {
    if text.trim().is_empty() {
        return Err(CoreError::InvalidParameters(
            "parameter text: a comment cannot be empty".into(),
        ));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(CoreError::InvalidParameters(format!(
            "parameter text: at most {MAX_TEXT} characters"
        )));
    }
    Ok(())
}

fn is_login_char(ch: char) -> bool {
    ch.is_alphanumeric() || matches!(ch, '.' | '_' | '-')
}

/// The mentions in `text` of people who reach `node`: the tagged text (`""` when none) and the
/// mentioned user ids. `@login` takes the longest run of login characters; trailing `.`, `_` or
/// `-` are dropped until a login matches (so `@bob.` at the end of a sentence is `bob`).
pub(crate) fn mentions(c: &Connection, node: i64, text: &str) -> CoreResult<(String, Vec<i64>)> {
    let mut out = String::new();
    let mut users = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .char_indices()
            .find(|(_, ch)| !is_login_char(*ch))
            .map(|(i, _)| i)
            .unwrap_or(after.len());
        // A mention starts a word: `a@b` (an e-mail address) is not one.
        let starts_word = out.chars().last().is_none_or(|ch| !is_login_char(ch));
        let mut found = None;
        if starts_word {
            let mut candidate = &after[..end];
            while !candidate.is_empty() {
                if let Some((id, login)) = user_id_by_login(c, candidate)?
                    && login == candidate
                    && can_see(c, id, node)?
                {
                    found = Some((id, login));
                    break;
                }
                match candidate.char_indices().last() {
                    Some((i, '.' | '_' | '-')) => candidate = &candidate[..i],
                    _ => break,
                }
            }
        }
        match found {
            Some((id, login)) => {
                out.push_str(&format!("@[{id}:{login}]"));
                if !users.contains(&id) {
                    users.push(id);
                }
                rest = &after[login.len()..];
            }
            None => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if users.is_empty() {
        out.clear();
    }
    Ok((out, users))
}

fn load(c: &Connection, id: &str) -> CoreResult<Option<Comment>> {
    let found = c
        .query_row(
            "SELECT c.id, c.node_id, c.created, c.modified, c.text, c.tagged, c.kind, c.author, \
             COALESCE(u.name, ''), c.due_date FROM comments c LEFT JOIN users u ON u.id = c.author \
             WHERE c.id = ?1",
            [id],
            |r| {
                Ok(Comment {
                    id: r.get(0)?,
                    node_id: r.get(1)?,
                    created: r.get(2)?,
                    modified: r.get(3)?,
                    text: r.get(4)?,
                    tagged: r.get(5)?,
                    kind: r.get(6)?,
                    author: r.get(7)?,
                    author_name: r.get(8)?,
                    due_date: r.get(9)?,
                    assignees: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut comment) = found else {
        return Ok(None);
    };
    let mut stmt = c.prepare_cached(
        "SELECT a.id, a.user_id, COALESCE(u.name, ''), a.status, a.created FROM comment_assignees a \
         LEFT JOIN users u ON u.id = a.user_id WHERE a.comment_id = ?1 ORDER BY a.created, a.rowid",
    )?;
    comment.assignees = stmt
        .query_map([id], |r| {
            Ok(Assignee {
                id: r.get(0)?,
                user_id: r.get(1)?,
                user_name: r.get(2)?,
                status: r.get(3)?,
                created: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(comment))
}

/// A comment on an item `user` reaches (anything else: 404).
fn visible(c: &Connection, user: i64, id: &str) -> CoreResult<Comment> {
    let unknown = || CoreError::NotFound(format!("comment {id}"));
    let comment = load(c, id)?.ok_or_else(unknown)?;
    if !can_see(c, user, comment.node_id)? {
        return Err(unknown());
    }
    Ok(comment)
}

/// Assignee logins → user ids, each of whom must reach the item (else 400).
fn assignee_ids(c: &Connection, node: i64, logins: &[String]) -> CoreResult<Vec<i64>> {
    let mut ids = Vec::new();
    for login in logins {
        let id = match user_id_by_login(c, login)? {
            Some((id, _)) if can_see(c, id, node)? => id,
            _ => {
                return Err(CoreError::InvalidParameters(format!(
                    "parameter assignee: {login} cannot see this item"
                )));
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Make the task's assignees exactly `ids` (existing ones keep their status); the new ones get a
/// `task_assigned` event.
fn set_assignees(
    c: &Connection,
    actor: i64,
    comment: &Comment,
    ids: &[i64],
    now: i64,
) -> CoreResult<()> {
    let had: BTreeSet<i64> = comment.assignees.iter().map(|a| a.user_id).collect();
    for a in &comment.assignees {
        if !ids.contains(&a.user_id) {
            c.execute("DELETE FROM comment_assignees WHERE id = ?1", [&a.id])?;
        }
    }
    for id in ids {
        if had.contains(id) {
            continue;
        }
        c.execute(
            "INSERT INTO comment_assignees (id, comment_id, user_id, status, created) \
             VALUES (?1, ?2, ?3, 'open', ?4)",
            params![new_id(), comment.id, id, now],
        )?;
        events::record(
            c,
            Kind::TaskAssigned,
            actor,
            comment.node_id,
            Extra {
                target: Some(*id),
                text: Some(comment.text.clone()),
                ..Extra::default()
            },
        )?;
    }
    Ok(())
}

/// `mention` events for the users newly mentioned (not the author).
fn record_mentions(
    c: &Connection,
    actor: i64,
    node: i64,
    text: &str,
    users: &[i64],
    before: &[i64],
) -> CoreResult<()> {
    for id in users {
        if *id == actor || before.contains(id) {
            continue;
        }
        events::record(
            c,
            Kind::Mention,
            actor,
            node,
            Extra {
                target: Some(*id),
                text: Some(text.to_owned()),
                ..Extra::default()
            },
        )?;
    }
    Ok(())
}

/// The user ids a tagged text mentions.
fn tagged_users(tagged: &str) -> Vec<i64> {
    tagged
        .split("@[")
        .skip(1)
        .filter_map(|s| s.split(':').next()?.parse().ok())
        .collect()
}

fn new_id() -> String {
    random_id()[..24].to_owned()
}

impl Core {
    /// Oldest first.
    pub async fn comments(&self, user: &User, path: NodePath) -> CoreResult<Vec<Comment>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let node = nodes::resolve(c, uid, &path)?;
                let ids: Vec<String> = {
                    let mut stmt = c.prepare(
                        "SELECT id FROM comments WHERE node_id = ?1 ORDER BY created, rowid",
                    )?;
                    stmt.query_map([node.id], |r| r.get(0))?
                        .collect::<Result<_, _>>()?
                };
                let mut out = Vec::new();
                for id in ids {
                    out.extend(load(c, &id)?);
                }
                Ok(out)
            })
            .await
    }

    pub async fn add_comment(
        &self,
        user: &User,
        path: NodePath,
        input: CommentInput,
    ) -> CoreResult<Comment> {
        check_text(&input.text)?;
        let uid = user.id;
        self.db
            .tx(move |c| {
                let node = nodes::resolve(c, uid, &path)?;
                let logins = input.assignees.unwrap_or_default();
                if !input.task && !logins.is_empty() {
                    return Err(CoreError::InvalidParameters(
                        "parameter assignee: only tasks have assignees".into(),
                    ));
                }
                let assignees = assignee_ids(c, node.id, &logins)?;
                let (tagged, mentioned) = mentions(c, node.id, &input.text)?;
                let now = now_ms();
                let id = new_id();
                c.execute(
                    "INSERT INTO comments (id, node_id, author, kind, text, tagged, due_date, created, modified) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    params![
                        id,
                        node.id,
                        uid,
                        if input.task { "task" } else { "text" },
                        input.text,
                        tagged,
                        if input.task { input.due_date.unwrap_or(0) } else { 0 },
                        now
                    ],
                )?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now)?;
                }
                events::record(
                    c,
                    Kind::CommentAdded,
                    uid,
                    node.id,
                    Extra {
                        text: Some(input.text.clone()),
                        ..Extra::default()
                    },
                )?;
                record_mentions(c, uid, node.id, &input.text, &mentioned, &[])?;
                let comment = load(c, &id)?.ok_or_else(|| CoreError::Internal("comment vanished".into()))?;
                set_assignees(c, uid, &comment, &assignees, now)?;
                load(c, &id)?.ok_or_else(|| CoreError::Internal("comment vanished".into()))
            })
            .await
    }

    /// Only the author edits. `due_date` and assignees change only on tasks.
    pub async fn edit_comment(
        &self,
        user: &User,
        id: String,
        input: CommentInput,
    ) -> CoreResult<Comment> {
        check_text(&input.text)?;
        let uid = user.id;
        self.db
            .tx(move |c| {
                let comment = visible(c, uid, &id)?;
                if comment.author != uid {
                    return Err(CoreError::Forbidden(
                        "only the author edits a comment".into(),
                    ));
                }
                let task = comment.kind == "task";
                if !task && input.assignees.as_ref().is_some_and(|a| !a.is_empty()) {
                    return Err(CoreError::InvalidParameters(
                        "parameter assignee: only tasks have assignees".into(),
                    ));
                }
                let (tagged, mentioned) = mentions(c, comment.node_id, &input.text)?;
                let now = now_ms();
                let due = match (task, input.due_date) {
                    (true, Some(d)) => d,
                    _ => comment.due_date,
                };
                c.execute(
                    "UPDATE comments SET text = ?2, tagged = ?3, due_date = ?4, modified = ?5 WHERE id = ?1",
                    params![id, input.text, tagged, due, now],
                )?;
                record_mentions(
                    c,
                    uid,
                    comment.node_id,
                    &input.text,
                    &mentioned,
                    &tagged_users(&comment.tagged),
                )?;
                if task && let Some(logins) = &input.assignees {
                    let ids = assignee_ids(c, comment.node_id, logins)?;
                    let comment = Comment { text: input.text.clone(), ..comment };
                    set_assignees(c, uid, &comment, &ids, now)?;
                }
                load(c, &id)?.ok_or_else(|| CoreError::Internal("comment vanished".into()))
            })
            .await
    }

    /// The author, or the owner of the item, deletes a comment.
    pub async fn delete_comment(&self, user: &User, id: String) -> CoreResult<()> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let comment = visible(c, uid, &id)?;
                let node = nodes::by_id(c, comment.node_id)?;
                if comment.author != uid && node.user_id != uid {
                    return Err(CoreError::Forbidden(
                        "only the author or the item's owner deletes a comment".into(),
                    ));
                }
                c.execute("DELETE FROM comments WHERE id = ?1", [&id])?;
                if let Some(parent) = node.parent_id {
                    nodes::bump(c, parent, now_ms())?;
                }
                Ok(())
            })
            .await
    }

    /// An assignee sets their own status.
    pub async fn update_task_status(
        &self,
        user: &User,
        id: String,
        status: &'static str,
    ) -> CoreResult<Comment> {
        let uid = user.id;
        self.db
            .tx(move |c| {
                let comment = visible(c, uid, &id)?;
                let Some(mine) = comment.assignees.iter().find(|a| a.user_id == uid) else {
                    return Err(CoreError::Forbidden(
                        "only an assignee changes the task's status".into(),
                    ));
                };
                c.execute(
                    "UPDATE comment_assignees SET status = ?2 WHERE id = ?1",
                    params![mine.id, status],
                )?;
                events::record(
                    c,
                    Kind::TaskStatusChanged,
                    uid,
                    comment.node_id,
                    Extra {
                        text: Some(status.to_owned()),
                        ..Extra::default()
                    },
                )?;
                load(c, &id)?.ok_or_else(|| CoreError::Internal("comment vanished".into()))
            })
            .await
    }

    /// Tasks assigned to me on items I reach: unfinished ones (`open`, `accepted`) first, each
    /// group by due date (none last), then oldest first.
    pub async fn my_tasks(&self, user: &User) -> CoreResult<Vec<MyTask>> {
        let uid = user.id;
        self.db
            .read(move |c| {
                let ids: Vec<String> = {
                    let mut stmt =
                        c.prepare("SELECT comment_id FROM comment_assignees WHERE user_id = ?1")?;
                    stmt.query_map([uid], |r| r.get(0))?
                        .collect::<Result<_, _>>()?
                };
                let mut out = Vec::new();
                for id in ids {
                    let Some(comment) = load(c, &id)? else {
                        continue;
                    };
                    let Some(path) = nodes::path_for(c, uid, comment.node_id)? else {
                        continue;
                    };
                    out.push(MyTask { comment, path });
                }
                let key = |t: &MyTask| {
                    let status = t
                        .comment
                        .assignees
                        .iter()
                        .find(|a| a.user_id == uid)
                        .map(|a| a.status.as_str())
                        .unwrap_or("open");
                    let done = matches!(status, "completed" | "declined");
                    let due = if t.comment.due_date > 0 {
                        t.comment.due_date
                    } else {
                        i64::MAX
                    };
                    (done, due, t.comment.created)
                };
                out.sort_by_key(key);
                Ok(out)
            })
            .await
    }
}
