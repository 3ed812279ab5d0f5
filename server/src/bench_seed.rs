//! `--seed-folder login:/path:count`: fill one folder with `count` small real files in a single
//! transaction, for the huge-folder benchmark (100,000 files through the API would take
//! minutes and measure the seeding, not the listing).

use md5::{Digest, Md5};
use satchel_wire::NodePath;

use crate::core::{Core, CoreError, CoreResult, nodes, users};
use crate::store::blobs::BlobKey;

/// What `--seed-folder` asked for.
#[derive(Debug, Clone)]
pub struct SeedFolder {
    pub login: String,
    pub path: NodePath,
    pub count: usize,
}

impl SeedFolder {
    pub fn parse(spec: &str) -> Result<Self, String> {
        let bad = || format!("--seed-folder takes login:/path:count, not {spec:?}");
        let (login, rest) = spec.split_once(':').ok_or_else(bad)?;
        let (path, count) = rest.rsplit_once(':').ok_or_else(bad)?;
        Ok(Self {
            login: login.to_owned(),
            path: NodePath::parse(path).map_err(|e| format!("--seed-folder: {e}"))?,
            count: count.parse().map_err(|_| bad())?,
        })
    }
}

/// Create the folder and its files; the user must exist (`--create-user`). Idempotent: a
/// folder that already has children is left alone.
pub async fn seed(core: &Core, spec: &SeedFolder) -> CoreResult<()> {
    let login = spec.login.clone();
    let (user, _) = core
        .db
        .tx(move |c| users::user_by_login(c, &login))
        .await?
        .ok_or_else(|| CoreError::NotFound(format!("no user {:?} to seed", spec.login)))?;
    match core
        .create_folder(&user, spec.path.clone(), None, None)
        .await
    {
        Ok(_) => {}
        Err(CoreError::AlreadyExists(_)) => return Ok(()),
        Err(e) => return Err(e),
    }
    let blobs = core.blobs.clone();
    let tmp = blobs.temp_dir();
    let spec = spec.clone();
    core.db
        .tx(move |c| {
            for i in 0..spec.count {
                // Distinct content and varied sizes, so sorting by size means something.
                let content = format!("satchel bench file {i}\n").repeat(1 + (i * 37) % 50);
                let key = BlobKey {
                    md5: hex::encode(Md5::digest(content.as_bytes())),
                    size: content.len() as u64,
                };
                if !blobs.exists(&key) {
                    let temp = tmp.join(format!("seed-{i}"));
                    std::fs::write(&temp, &content)?;
                    blobs.put_file(&key, &temp)?;
                }
                let name = satchel_wire::FileName::parse(&format!("file-{i:06}.txt"))?;
                let path = spec.path.join(&name);
                nodes::put_file(c, &user, &path, &key, false, false, None, None)?;
            }
            Ok(())
        })
        .await
}
