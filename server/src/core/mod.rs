//! The domain core: users and tokens, one tree of nodes per user, upload sessions, versions and
//! download tickets. It knows nothing about HTTP or any vendor dialect; front-ends in
//! `crate::dialects` translate requests into these calls.

pub mod accounts;
pub mod archive;
mod blob_release;
pub mod chunks;
pub mod comments;
pub mod companies;
pub mod downloads;
// The error type lives below both the core and the store (`crate::error`); `core::error`
// names it too.
pub use crate::error;
pub mod events;
pub mod group_shares;
pub mod groups;
pub mod ids;
pub mod invitations;
pub mod link_tickets;
pub mod links;
pub mod nodes;
pub mod oauth;
pub mod passwords;
pub mod previews;
pub mod quota;
pub mod quota_requests;
pub mod rendezvous;
pub mod roles;
pub mod search;
mod share_rows;
pub mod shares;
mod signin;
pub mod sizes;
pub mod tasks;
pub mod throttle;
pub mod trash;
pub mod tree;
pub mod tree_guard;
mod upload_bytes;
pub mod upload_limits;
mod upload_sweep;
pub mod uploads;
pub mod users;
pub mod versions;
mod walk;
pub mod zipstream;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rand::RngCore;

use crate::store::{BlobStore, Db};
pub use error::{CoreError, CoreResult};
pub use nodes::{Entry, ListQuery, Order};
pub use tree::Node;
pub use users::User;

/// Wrong passwords in a row (per login or link, and source) that start a cool-down unless `--lockout-after` says otherwise.
pub const DEFAULT_LOCKOUT_AFTER: u32 = 5;

/// Everything the core needs, shared by all requests.
pub struct Core {
    pub(crate) db: Db,
    pub(crate) blobs: Arc<dyn BlobStore>,
    /// Where upload sessions keep their received parts: `<uploads>/<temp_path>/<part_num>`.
    pub(crate) uploads_dir: PathBuf,
    /// Cached image thumbnails: `<thumbs>/<md5>-<edge>`.
    pub(crate) thumbs_dir: PathBuf,
    /// `--fault-fail-part`: the part number whose first PUT in each session is refused.
    pub(crate) fault_fail_part: Option<u32>,
    /// `Config::fault_listing_rendezvous`: every listing waits here for a second one.
    pub(crate) listing_rendezvous: Option<Arc<rendezvous::Rendezvous>>,
    /// Sessions whose injected fault has already fired.
    pub(crate) faulted: Mutex<HashSet<String>>,
    /// Background tasks (purges), polled by id.
    pub(crate) tasks: Arc<tasks::Tasks>,
    /// Guessing limits on sign-in and link passwords (`--lockout-after`, `--lockout-cooldown`).
    pub throttle: throttle::Throttle,
}

impl Core {
    pub fn new(
        db: Db,
        blobs: Arc<dyn BlobStore>,
        uploads_dir: PathBuf,
        thumbs_dir: PathBuf,
        fault_fail_part: Option<u32>,
    ) -> std::io::Result<Self> {
        std::fs::create_dir_all(&uploads_dir)?;
        std::fs::create_dir_all(&thumbs_dir)?;
        Ok(Self {
            db,
            blobs,
            uploads_dir,
            thumbs_dir,
            fault_fail_part,
            listing_rendezvous: None,
            faulted: Mutex::new(HashSet::new()),
            tasks: Arc::default(),
            throttle: throttle::Throttle::new(throttle::Limits::default()),
        })
    }
}

/// Milliseconds since the Unix epoch: the only time unit on the wire and in the database.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A random 128-bit identifier as 32 lower-case hex digits: tokens, tickets, upload sessions.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}
