//! The read side of [`super::Db`]: a few read-only connections to the same file. In WAL mode a
//! reader never waits for the writer (nor the writer for it) and sees the last committed state,
//! so reads run side by side while writes stay serialised on the one write connection.

use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::CoreResult;

/// Idle read-only connections; a reader takes one, or waits until one comes back.
pub(super) struct ReadPool {
    idle: Mutex<Vec<Connection>>,
    returned: Condvar,
}

impl ReadPool {
    /// Open `size` read-only connections. The file must exist and be in WAL mode already.
    pub(super) fn open(path: &Path, size: usize) -> CoreResult<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let idle = (0..size)
            .map(|_| {
                let conn = Connection::open_with_flags(path, flags)?;
                conn.busy_timeout(Duration::from_secs(5))?;
                Ok(conn)
            })
            .collect::<CoreResult<Vec<_>>>()?;
        Ok(Self {
            idle: Mutex::new(idle),
            returned: Condvar::new(),
        })
    }

    /// Run `f` on an idle connection inside one deferred transaction (so every statement in it
    /// sees the same snapshot), blocking until a connection is free. Nothing is committed.
    pub(super) fn read_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let mut lease = Lease {
            pool: self,
            conn: Some(self.take()),
        };
        let conn = lease.conn.as_mut().expect("a leased connection");
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        f(&tx)
        // `tx` rolls back on drop (a no-op for a read), then `lease` gives the connection back.
    }

    fn take(&self) -> Connection {
        // A panic in a reader only loses nothing: the lease hands its connection back on unwind.
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(conn) = idle.pop() {
                return conn;
            }
            idle = self.returned.wait(idle).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// A connection out of the pool; back into it when dropped, panics included.
struct Lease<'a> {
    pool: &'a ReadPool,
    conn: Option<Connection>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut idle = self.pool.idle.lock().unwrap_or_else(|p| p.into_inner());
            idle.push(conn);
            self.pool.returned.notify_one();
        }
    }
}

/// How many readers: one per core, at least two.
pub(super) fn default_size() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .max(2)
}

#[cfg(test)]
mod tests {
    use super::super::Db;

    #[tokio::test]
    async fn reads_see_committed_writes_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("db.sqlite3")).unwrap();
        db.tx(|c| {
            c.execute(
                "INSERT INTO users (login, name, password_hash, created) VALUES ('a', 'A', '', 0)",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
        let n: i64 = db
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(n, 1);
        let write = db.read(|c| Ok(c.execute("DELETE FROM users", [])?)).await;
        assert!(write.is_err());
        // More reads than connections, at once: they queue, none is lost.
        let reads =
            (0..8).map(|_| db.read(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?)));
        for r in futures_util::future::join_all(reads).await {
            assert_eq!(r.unwrap(), 1);
        }
    }
}
