//! `--demo`: company 1 "Demo Company" (10 GiB) with its admin `demo` (and a little content),
//! the users `alice`, `bob` and `carol`, and the system admin `root`; created idempotently.

use md5::{Digest, Md5};
use satchel_wire::NodePath;

use crate::core::roles::Role;
use crate::core::uploads::{Confirm, CreateFile, CreateOutcome};
use crate::core::{Core, CoreError, CoreResult};

pub const DEMO_LOGIN: &str = "demo";
pub const DEMO_PASSWORD: &str = "demo-satchel";

const WELCOME: &str = "Welcome to Satchel!\n\nThis is the demo account. Upload, rename, move and \
delete files freely; nothing here is precious.\n";

const DEMO_COMPANY: i64 = 1;
const DEMO_QUOTA: u64 = 10 * 1024 * 1024 * 1024;
/// `(login, name, role)`; the password is `<login>-satchel`.
const PEOPLE: &[(&str, &str, Role)] = &[
    ("alice", "Alice", Role::User),
    ("bob", "Bob", Role::User),
    ("carol", "Carol", Role::User),
    ("root", "System Administrator", Role::SystemAdmin),
];

pub async fn seed(core: &Core) -> CoreResult<()> {
    core.ensure_company(DEMO_COMPANY, "Demo Company", Some(DEMO_QUOTA))
        .await?;
    let user = core
        .ensure_user(DEMO_LOGIN, DEMO_PASSWORD, "Demo User")
        .await?;
    core.place_user(DEMO_LOGIN, DEMO_COMPANY, Role::CompanyAdmin)
        .await?;
    for (login, name, role) in PEOPLE {
        core.ensure_user(login, &format!("{login}-satchel"), name)
            .await?;
        core.place_user(login, DEMO_COMPANY, *role).await?;
    }
    for folder in ["/Documents", "/Photos"] {
        let path = NodePath::parse(folder)?;
        match core.create_folder(&user, path, None, None).await {
            Ok(_) | Err(CoreError::AlreadyExists(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let path = NodePath::parse("/Documents/welcome.txt")?;
    let md5 = hex::encode(Md5::digest(WELCOME.as_bytes()));
    let create = CreateFile {
        path: path.clone(),
        size: WELCOME.len() as u64,
        md5: md5.clone(),
        overwrite: false,
        create_dirs: true,
        multipart: false,
        created: None,
        modified: None,
    };
    match core.create_file(&user, create).await {
        Ok(CreateOutcome::Deduplicated(_)) | Err(CoreError::Conflict(_)) => Ok(()),
        Ok(CreateOutcome::Upload { temp_path, .. }) => {
            let body = futures_util::stream::iter([Ok::<_, std::io::Error>(
                bytes::Bytes::from_static(WELCOME.as_bytes()),
            )]);
            core.put_part(temp_path.clone(), 1, None, body).await?;
            let confirm = Confirm {
                temp_path,
                path,
                overwrite: Some(false),
                size: None,
                md5: None,
            };
            core.confirm(&user, confirm).await.map(|_| ())
        }
        Err(e) => Err(e),
    }
}
