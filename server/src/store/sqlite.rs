//! The metadata database: one SQLite file in WAL mode. Writes ([`Db::tx`]) go through one
//! connection behind a mutex, so they are serialised; reads ([`Db::read`]) take one of a few
//! read-only connections (`sqlite_pool`) and run side by side, each in one snapshot that never
//! waits for a writer. Every call runs on the blocking pool so the async executor never waits on
//! disk.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::sqlite_pool::{self, ReadPool};
use crate::error::{CoreError, CoreResult};

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created INTEGER NOT NULL,
    last_login INTEGER NOT NULL DEFAULT 0,
    quota INTEGER
);
CREATE TABLE tokens (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    device TEXT
);
-- One tree per user; the root has no parent and an empty name. Trashed nodes keep their parent
-- and name (their subtree stays attached to them) and record where they were.
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    parent_id INTEGER REFERENCES nodes(id),
    name TEXT NOT NULL,
    folder INTEGER NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    md5 TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    rev INTEGER NOT NULL DEFAULT 0,
    deleted_at INTEGER,
    orig_path TEXT
);
CREATE UNIQUE INDEX nodes_live_name ON nodes(parent_id, name) WHERE deleted_at IS NULL;
CREATE INDEX nodes_parent ON nodes(parent_id);
CREATE INDEX nodes_user ON nodes(user_id);
-- Every version of every file, the current one included: the blob reference count.
CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    node_id INTEGER NOT NULL REFERENCES nodes(id),
    version INTEGER NOT NULL,
    md5 TEXT NOT NULL,
    size INTEGER NOT NULL,
    author INTEGER NOT NULL,
    created INTEGER NOT NULL,
    UNIQUE(node_id, version)
);
CREATE INDEX versions_blob ON versions(md5, size);
CREATE TABLE uploads (
    temp_path TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    md5 TEXT NOT NULL,
    overwrite INTEGER NOT NULL,
    create_dirs INTEGER NOT NULL,
    multipart INTEGER NOT NULL,
    created_param INTEGER,
    modified_param INTEGER,
    touched INTEGER NOT NULL
);
CREATE TABLE upload_parts (
    temp_path TEXT NOT NULL REFERENCES uploads(temp_path) ON DELETE CASCADE,
    part_num INTEGER NOT NULL,
    expected_size INTEGER,
    expected_md5 TEXT,
    size INTEGER,
    md5 TEXT,
    PRIMARY KEY(temp_path, part_num)
);
CREATE TABLE tickets (
    ticket TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    md5 TEXT NOT NULL,
    size INTEGER NOT NULL,
    name TEXT NOT NULL,
    expires INTEGER NOT NULL
);
"#,
    // The trash listing's ETag: bumped whenever anything enters or leaves a user's trash.
    r#"
ALTER TABLE users ADD COLUMN trash_rev INTEGER NOT NULL DEFAULT 0;
CREATE INDEX nodes_trashed ON nodes(user_id, deleted_at) WHERE deleted_at IS NOT NULL;
"#,
    // A version made by `files/restore/` remembers which version it copied.
    r#"
ALTER TABLE versions ADD COLUMN restored_from INTEGER;
"#,
    r#"
ALTER TABLE nodes ADD COLUMN favorite INTEGER NOT NULL DEFAULT 0;
CREATE INDEX nodes_favorite ON nodes(user_id) WHERE favorite = 1;
"#,
    // Links that stream a zip of some paths without the auth header (one path per line: names
    // cannot hold control characters).
    r#"
CREATE TABLE archive_tickets (
    ticket TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    paths TEXT NOT NULL,
    file_name TEXT NOT NULL,
    expires INTEGER NOT NULL
);
"#,
    // Collaborator shares: an owner's folder offered to a member; once accepted it is mounted
    // in the member's root under `mount_name`. Public links to a node, for anyone with the hash.
    r#"
CREATE TABLE shares (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    member_id INTEGER NOT NULL REFERENCES users(id),
    writer INTEGER NOT NULL,
    status TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    mount_name TEXT,
    invitation TEXT,
    created INTEGER NOT NULL,
    UNIQUE(node_id, member_id)
);
CREATE INDEX shares_member ON shares(member_id, status);
CREATE TABLE links (
    hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    created INTEGER NOT NULL,
    expires INTEGER,
    download_max INTEGER,
    downloads INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT
);
CREATE INDEX links_node ON links(node_id);
"#,
    // Comments and tasks on a node (they follow it through renames, moves and the trash, and go
    // when it is purged), the assignees of tasks, and the activity feed. Events keep the node id
    // without a foreign key: they outlive a purge (their path is then unknown).
    r#"
CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    author INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    tagged TEXT NOT NULL,
    due_date INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL
);
CREATE INDEX comments_node ON comments(node_id);
CREATE TABLE comment_assignees (
    id TEXT PRIMARY KEY,
    comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    status TEXT NOT NULL,
    created INTEGER NOT NULL,
    UNIQUE(comment_id, user_id)
);
CREATE INDEX comment_assignees_user ON comment_assignees(user_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    node_id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    actor INTEGER NOT NULL,
    target_user INTEGER,
    parent_id INTEGER,
    name TEXT NOT NULL,
    old_parent_id INTEGER,
    old_name TEXT,
    version INTEGER NOT NULL,
    size INTEGER NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    text TEXT
);
CREATE INDEX events_node ON events(node_id);
CREATE INDEX events_owner ON events(owner_id, timestamp);
CREATE INDEX events_target ON events(target_user) WHERE target_user IS NOT NULL;
"#,
    // Administration: companies (every existing user joins company 1), roles and account
    // states, hard quotas, groups, invitations and quota requests. A group share is one
    // `group_shares` row plus one accepted `shares` row per member tagged with the group, kept in
    // step by `core::share_rows::sync`, so mounts resolve exactly as for personal shares.
    r#"
CREATE TABLE companies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    quota INTEGER,
    status TEXT NOT NULL DEFAULT 'active',
    created INTEGER NOT NULL
);
INSERT INTO companies (id, name, quota, created) VALUES (1, 'Demo Company', NULL, 0);
ALTER TABLE users ADD COLUMN company_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user';
ALTER TABLE users ADD COLUMN is_active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN deleted_at INTEGER;
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_at INTEGER;
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE users ADD COLUMN hard_quota INTEGER;
CREATE INDEX users_company ON users(company_id);
CREATE TABLE user_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL,
    created INTEGER NOT NULL,
    UNIQUE(company_id, name)
);
CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY(group_id, user_id)
);
CREATE INDEX group_members_user ON group_members(user_id);
CREATE TABLE group_shares (
    node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    writer INTEGER NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY(node_id, group_id)
);
ALTER TABLE shares ADD COLUMN group_id INTEGER;
CREATE TABLE invitations (
    token TEXT PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    used_by INTEGER
);
CREATE TABLE quota_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    created INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    decided INTEGER
);
CREATE INDEX quota_requests_company ON quota_requests(company_id, state);
"#,
    // OAuth2 refresh tokens (OpenDrive's sign-in); each is good for one refresh.
    r#"
CREATE TABLE oauth_refresh (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL
);
"#,
    // A ticket granted through a public link names the link, so redeeming it re-checks that the
    // link still stands. An upload session records whose tree (and quota) it lands in, so open
    // sessions can count against that quota.
    r#"
ALTER TABLE tickets ADD COLUMN link_hash TEXT;
ALTER TABLE uploads ADD COLUMN owner_id INTEGER;
CREATE INDEX uploads_user ON uploads(user_id);
CREATE INDEX uploads_owner ON uploads(owner_id);
"#,
    // A refresh token names the access token it was issued with, so logging out ends both.
    r#"
ALTER TABLE oauth_refresh ADD COLUMN access_token TEXT;
"#,
];

#[derive(Clone)]
pub struct Db {
    writer: Arc<Mutex<Connection>>,
    readers: Arc<ReadPool>,
}

impl Db {
    pub fn open(path: &Path) -> CoreResult<Self> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        // After the migrations: the readers open a file that exists, in WAL mode, up to date.
        let readers = ReadPool::open(path, sqlite_pool::default_size())?;
        Ok(Self {
            writer: Arc::new(Mutex::new(conn)),
            readers: Arc::new(readers),
        })
    }

    /// Run `f` on a read-only connection, in one snapshot of the last committed state, on the
    /// blocking pool. Reads run concurrently with each other and with a write; any attempt to
    /// write in `f` fails ("attempt to write a readonly database").
    pub async fn read<T, F>(&self, f: F) -> CoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> CoreResult<T> + Send + 'static,
    {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || readers.read_blocking(f)).await?
    }

    /// Run `f` in one transaction on the blocking pool; an error rolls everything back.
    pub async fn tx<T, F>(&self, f: F) -> CoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> CoreResult<T> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.tx_blocking(f)).await?
    }

    pub fn tx_blocking<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        // A panic elsewhere poisons the lock but leaves the connection usable.
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

fn migrate(conn: &mut Connection) -> CoreResult<()> {
    let done: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    if done > MIGRATIONS.len() {
        return Err(CoreError::Internal(
            "the database was written by a newer Satchel".into(),
        ));
    }
    Ok(())
}
