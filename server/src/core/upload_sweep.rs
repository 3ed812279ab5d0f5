//! The end of an upload session that never completes: cancelled by its client, swept when
//! idle, or left behind by a restart.

use std::io;

use super::upload_bytes::remove_quietly;
use super::uploads::{check_temp_path, load_session};
use super::{Core, CoreError, CoreResult, User, now_ms};

impl Core {
    pub async fn cancel_upload(&self, user: &User, temp_path: String) -> CoreResult<()> {
        check_temp_path(&temp_path)?;
        let uid = user.id;
        let tp = temp_path.clone();
        self.db
            .tx(move |c| {
                let session = load_session(c, &tp)?;
                if session.user_id != uid {
                    return Err(CoreError::NotFound(format!("upload session {tp}")));
                }
                c.execute("DELETE FROM upload_parts WHERE temp_path = ?1", [&tp])?;
                c.execute("DELETE FROM uploads WHERE temp_path = ?1", [&tp])?;
                Ok(())
            })
            .await?;
        self.forget_session(&temp_path).await;
        Ok(())
    }

    /// Remove sessions idle for longer than `idle_ms`; answers how many went.
    pub async fn sweep_uploads(&self, idle_ms: i64) -> CoreResult<usize> {
        let stale: Vec<String> = self
            .db
            .tx(move |c| {
                let cutoff = now_ms() - idle_ms;
                let mut stmt = c.prepare("SELECT temp_path FROM uploads WHERE touched < ?1")?;
                let stale = stmt
                    .query_map([cutoff], |r| r.get(0))?
                    .collect::<Result<Vec<String>, _>>()?;
                for tp in &stale {
                    c.execute("DELETE FROM upload_parts WHERE temp_path = ?1", [tp])?;
                    c.execute("DELETE FROM uploads WHERE temp_path = ?1", [tp])?;
                }
                Ok(stale)
            })
            .await?;
        for tp in &stale {
            self.forget_session(tp).await;
        }
        Ok(stale.len())
    }

    /// At startup: drop half-written files and part directories no session owns any more.
    pub async fn clean_leftovers(&self) -> CoreResult<()> {
        let live: std::collections::HashSet<String> = self
            .db
            .tx(|c| {
                let mut stmt = c.prepare("SELECT temp_path FROM uploads")?;
                let rows = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                Ok(rows)
            })
            .await?;
        let uploads = self.uploads_dir.clone();
        let tmp = self.blobs.temp_dir();
        tokio::task::spawn_blocking(move || -> io::Result<()> {
            for entry in std::fs::read_dir(&tmp)?.flatten() {
                if entry.file_name().to_string_lossy().starts_with("assemble-") {
                    remove_quietly(&entry.path());
                }
            }
            for entry in std::fs::read_dir(&uploads)?.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !live.contains(&name) {
                    let _ = std::fs::remove_dir_all(entry.path());
                    continue;
                }
                for part in std::fs::read_dir(entry.path())?.flatten() {
                    if part.file_name().to_string_lossy().ends_with(".partial") {
                        remove_quietly(&part.path());
                    }
                }
            }
            Ok(())
        })
        .await??;
        Ok(())
    }
}
