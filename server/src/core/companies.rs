//! Companies: what a member or an admin sees of theirs, the system admin's list and quota
//! changes, and the storage overview (per user and per kind of file) behind the admin's chart.

use rusqlite::{Connection, OptionalExtension, params};

use super::quota::company_used_bytes;
use super::roles;
use super::{Core, CoreError, CoreResult, User, now_ms};

#[derive(Debug, Clone)]
pub struct Company {
    pub id: i64,
    pub name: String,
    /// `active` (the only state so far).
    pub status: String,
    /// `None`: unlimited.
    pub quota: Option<u64>,
    pub bytes_used: u64,
    /// Members not deleted.
    pub users: u64,
}

/// The storage of one user of a company.
#[derive(Debug, Clone)]
pub struct UserUsage {
    pub user: User,
    pub bytes: u64,
    pub files: u64,
}

/// The storage of one kind of file.
#[derive(Debug, Clone)]
pub struct KindUsage {
    pub kind: FileKind,
    pub bytes: u64,
    pub files: u64,
}

#[derive(Debug, Clone, Default)]
pub struct StorageUsage {
    pub users: Vec<UserUsage>,
    pub kinds: Vec<KindUsage>,
}

/// What a file is, by its extension, for the storage chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Image,
    Audio,
    Video,
    Document,
    Archive,
    Other,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Image,
        FileKind::Audio,
        FileKind::Video,
        FileKind::Document,
        FileKind::Archive,
        FileKind::Other,
    ];

    pub fn of(name: &str) -> FileKind {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "jpg" | "jpeg" | "png" | "gif" | "webp" | "bmp" | "svg" | "heic" | "tif" | "tiff" => {
                FileKind::Image
            }
            "mp3" | "wav" | "flac" | "ogg" | "m4a" | "aac" | "opus" => FileKind::Audio,
            "mp4" | "mov" | "avi" | "mkv" | "webm" | "m4v" | "wmv" => FileKind::Video,
            "pdf" | "doc" | "docx" | "xls" | "xlsx" | "ppt" | "pptx" | "odt" | "ods" | "odp"
            | "txt" | "md" | "rtf" | "csv" => FileKind::Document,
            "zip" | "tar" | "gz" | "tgz" | "bz2" | "xz" | "7z" | "rar" => FileKind::Archive,
            _ => FileKind::Other,
        }
    }

    /// The name on the wire (`image`, `audio`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Image => "image",
            FileKind::Audio => "audio",
            FileKind::Video => "video",
            FileKind::Document => "document",
            FileKind::Archive => "archive",
            FileKind::Other => "other",
        }
    }
}

fn company_by_id(c: &Connection, id: i64) -> CoreResult<Company> {
    let row: Option<(i64, String, String, Option<i64>)> = c
        .query_row(
            "SELECT id, name, status, quota FROM companies WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((id, name, status, quota)) = row else {
        return Err(CoreError::UnknownEntity(format!("company {id}")));
    };
    let users: i64 = c.query_row(
        "SELECT COUNT(*) FROM users WHERE company_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    Ok(Company {
        id,
        name,
        status,
        quota: quota.map(|q| q as u64),
        bytes_used: company_used_bytes(c, id)?,
        users: users as u64,
    })
}

impl Core {
    /// A company as `actor` may see it; the flag says whether they see everything (an admin of
    /// it) or only its id, name and status (a member).
    pub async fn company(&self, actor: &User, company: i64) -> CoreResult<(Company, bool)> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_member(&actor, company)?;
                let full = roles::authorize_company(&actor, company).is_ok();
                Ok((company_by_id(c, company)?, full))
            })
            .await
    }

    /// Every company (the system admin).
    pub async fn companies(&self, actor: &User) -> CoreResult<Vec<Company>> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                roles::authorize_system(&roles::actor(c, aid)?)?;
                let ids: Vec<i64> = {
                    let mut stmt = c.prepare("SELECT id FROM companies ORDER BY id")?;
                    stmt.query_map([], |r| r.get(0))?
                        .collect::<Result<_, _>>()?
                };
                ids.into_iter().map(|id| company_by_id(c, id)).collect()
            })
            .await
    }

    /// Change a company's quota (the system admin); `None` = unlimited.
    pub async fn set_company_quota(
        &self,
        actor: &User,
        company: i64,
        quota: Option<u64>,
    ) -> CoreResult<Company> {
        let aid = actor.id;
        self.db
            .tx(move |c| {
                roles::authorize_system(&roles::actor(c, aid)?)?;
                company_by_id(c, company)?;
                c.execute(
                    "UPDATE companies SET quota = ?2 WHERE id = ?1",
                    params![company, super::sizes::declared_opt("quota", quota)?],
                )?;
                company_by_id(c, company)
            })
            .await
    }

    /// Create a company (startup tasks and tests; no endpoint creates companies yet).
    pub async fn create_company(&self, name: &str, quota: Option<u64>) -> CoreResult<i64> {
        let name = name.to_owned();
        self.db
            .tx(move |c| {
                c.execute(
                    "INSERT INTO companies (name, quota, created) VALUES (?1, ?2, ?3)",
                    params![name, super::sizes::declared_opt("quota", quota)?, now_ms()],
                )?;
                Ok(c.last_insert_rowid())
            })
            .await
    }

    /// Rename a company and set its quota without an actor (the demo data).
    pub async fn ensure_company(&self, id: i64, name: &str, quota: Option<u64>) -> CoreResult<()> {
        let name = name.to_owned();
        self.db
            .tx(move |c| {
                c.execute(
                    "INSERT INTO companies (id, name, quota, created) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT(id) DO UPDATE SET name = ?2, quota = ?3",
                    params![
                        id,
                        name,
                        super::sizes::declared_opt("quota", quota)?,
                        now_ms()
                    ],
                )?;
                Ok(())
            })
            .await
    }

    /// Storage per member (deleted ones left out) and per kind of file, trash included as in
    /// `storage_size`. Users by bytes, largest first; kinds in [`FileKind::ALL`] order.
    pub async fn storage_usage(&self, actor: &User, company: i64) -> CoreResult<StorageUsage> {
        let aid = actor.id;
        self.db
            .read(move |c| {
                let actor = roles::actor(c, aid)?;
                roles::authorize_company(&actor, company)?;
                company_by_id(c, company)?;
                let mut stmt = c.prepare(
                    "SELECT u.id, u.login, u.name, \
                     (SELECT COALESCE(SUM(size), 0) FROM nodes WHERE user_id = u.id AND folder = 0), \
                     (SELECT COUNT(*) FROM nodes WHERE user_id = u.id AND folder = 0) \
                     FROM users u WHERE u.company_id = ?1 AND u.deleted_at IS NULL",
                )?;
                let mut users: Vec<UserUsage> = stmt
                    .query_map([company], |r| {
                        Ok(UserUsage {
                            user: User { id: r.get(0)?, login: r.get(1)?, name: r.get(2)? },
                            bytes: r.get::<_, i64>(3)? as u64,
                            files: r.get::<_, i64>(4)? as u64,
                        })
                    })?
                    .collect::<Result<_, _>>()?;
                users.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.user.login.cmp(&b.user.login)));
                let mut kinds: Vec<KindUsage> = FileKind::ALL
                    .iter()
                    .map(|&kind| KindUsage { kind, bytes: 0, files: 0 })
                    .collect();
                let mut stmt = c.prepare(
                    "SELECT n.name, n.size FROM nodes n JOIN users u ON u.id = n.user_id \
                     WHERE u.company_id = ?1 AND u.deleted_at IS NULL AND n.folder = 0",
                )?;
                let mut rows = stmt.query([company])?;
                while let Some(r) = rows.next()? {
                    let name: String = r.get(0)?;
                    let size: i64 = r.get(1)?;
                    let kind = FileKind::of(&name);
                    let slot = kinds.iter_mut().find(|k| k.kind == kind).expect("every kind");
                    slot.bytes += size as u64;
                    slot.files += 1;
                }
                Ok(StorageUsage { users, kinds })
            })
            .await
    }
}
