//! The API layer: a few small traits by area (`areas/`), in Satchel's own terms (`crate::model`),
//! and one folder per server dialect implementing them (`cloudike/`, `opendrive/`). Only a
//! dialect's folder knows its endpoint names, field names and error names. No `view!` here.
//!
//! A dialect implements [`Api`]: three areas every server has (session, files, uploads) and
//! optional ones it returns `Some(self)` for. The UI holds a [`Client`], whose accessors answer
//! an absent area with [`NotInThisApi`] (every method "unsupported") and whose
//! [`Client::capabilities`] follow from which areas are present plus the flags each area
//! declares next to its methods.

pub mod areas;
pub mod cloudike;
pub mod http;
pub mod opendrive;

use std::sync::Arc;

pub use areas::{
    AdminApi, CommentsApi, FilesApi, LinksApi, Progress, RecoveryApi, SessionApi, SharingApi,
    UploadsApi,
};

use crate::config::{Config, Dialect};
use crate::model::Capabilities;

/// One dialect: the areas it implements. An optional area it leaves at `None` is absent from
/// the UI (its capability flag is off and its calls answer "unsupported").
pub trait Api {
    fn dialect(&self) -> Dialect;
    fn session(&self) -> &dyn SessionApi;
    fn files(&self) -> &dyn FilesApi;
    fn uploads(&self) -> &dyn UploadsApi;
    fn recovery(&self) -> Option<&dyn RecoveryApi> {
        None
    }
    fn sharing(&self) -> Option<&dyn SharingApi> {
        None
    }
    fn links(&self) -> Option<&dyn LinksApi> {
        None
    }
    fn comments(&self) -> Option<&dyn CommentsApi> {
        None
    }
    fn admin(&self) -> Option<&dyn AdminApi> {
        None
    }
}

/// The client the UI holds: the dialect of the session, on the configured server, with the
/// session's token. Cheap to clone; `Send` so that it can live in signals and callbacks.
#[derive(Clone)]
pub struct Client(Arc<dyn Api + Send + Sync>);

impl Client {
    /// The adapter for `dialect`. The one place that picks a dialect: a new dialect adds its arm.
    pub fn new(dialect: Dialect, config: &Config, token: Option<String>) -> Self {
        Self(match dialect {
            Dialect::Cloudike => Arc::new(cloudike::Cloudike::new(&config.api_base, token)),
            Dialect::OpenDrive => Arc::new(opendrive::OpenDrive::new(
                &config.api_base,
                token,
                config.chunk_size,
            )),
        })
    }

    pub fn dialect(&self) -> Dialect {
        self.0.dialect()
    }

    /// What the UI may offer: each present area's flag, plus the flags that area declares.
    pub fn capabilities(&self) -> Capabilities {
        let api = &*self.0;
        let mut caps = Capabilities::default();
        api.files().declare(&mut caps);
        if let Some(area) = api.recovery() {
            caps.trash = true;
            area.declare(&mut caps);
        }
        if let Some(area) = api.sharing() {
            caps.sharing = true;
            area.declare(&mut caps);
        }
        if let Some(area) = api.links() {
            caps.links = true;
            area.declare(&mut caps);
        }
        if let Some(area) = api.comments() {
            caps.comments = true;
            area.declare(&mut caps);
        }
        if let Some(area) = api.admin() {
            caps.admin_users = true;
            area.declare(&mut caps);
        }
        caps
    }

    pub fn session(&self) -> &dyn SessionApi {
        self.0.session()
    }

    pub fn files(&self) -> &dyn FilesApi {
        self.0.files()
    }

    pub fn uploads(&self) -> &dyn UploadsApi {
        self.0.uploads()
    }

    pub fn recovery(&self) -> &dyn RecoveryApi {
        self.0.recovery().unwrap_or(&NotInThisApi)
    }

    pub fn sharing(&self) -> &dyn SharingApi {
        self.0.sharing().unwrap_or(&NotInThisApi)
    }

    pub fn links(&self) -> &dyn LinksApi {
        self.0.links().unwrap_or(&NotInThisApi)
    }

    pub fn comments(&self) -> &dyn CommentsApi {
        self.0.comments().unwrap_or(&NotInThisApi)
    }

    pub fn admin(&self) -> &dyn AdminApi {
        self.0.admin().unwrap_or(&NotInThisApi)
    }
}

/// An absent area: every call answers "unsupported" (the trait defaults).
pub struct NotInThisApi;

impl RecoveryApi for NotInThisApi {}
impl SharingApi for NotInThisApi {}
impl LinksApi for NotInThisApi {}
impl CommentsApi for NotInThisApi {}
impl AdminApi for NotInThisApi {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::capability_names;

    fn caps(dialect: Dialect) -> String {
        let client = Client::new(dialect, &Config::default(), None);
        capability_names(&client.capabilities())
    }

    /// The derived sets are the ones the dialects listed by hand before areas declared them.
    #[test]
    fn capabilities_follow_from_the_areas() {
        assert_eq!(
            caps(Dialect::Cloudike),
            "trash,versions,favorites,search,archives,previews,sharing,invitations,links,\
             link_expiry,link_password,folder_link_password,link_download_limit,link_archives,\
             save_links,link_list,version_restore,handover,comments,tasks,activity,admin_users,\
             invite_users,user_locale,unlock_users,restore_users,roles,quotas,groups,\
             group_member_removal,group_shares,company,quota_requests,companies,storage_report"
        );
        assert_eq!(
            caps(Dialect::OpenDrive),
            "trash,versions,search,archives,previews,sharing,links,link_password,comments,\
             admin_users,unlock_users,roles,quotas,groups"
        );
    }

    /// The least a dialect implements: the three required areas, each with no method at all.
    struct Bare;

    impl SessionApi for Bare {}
    impl FilesApi for Bare {}
    impl UploadsApi for Bare {
        fn protocol(&self) -> crate::model::UploadProtocol {
            crate::model::UploadProtocol::SingleMultipart
        }
    }

    impl Api for Bare {
        fn dialect(&self) -> Dialect {
            Dialect::Cloudike
        }
        fn session(&self) -> &dyn SessionApi {
            self
        }
        fn files(&self) -> &dyn FilesApi {
            self
        }
        fn uploads(&self) -> &dyn UploadsApi {
            self
        }
    }

    /// Absent areas and methods a dialect leaves out answer "unsupported", and the UI is told.
    #[test]
    fn what_a_dialect_leaves_out_is_unsupported() {
        use crate::model::ErrorKind;
        use futures::executor::block_on;
        use satchel_wire::NodePath;

        let client = Client(Arc::new(Bare));
        assert_eq!(capability_names(&client.capabilities()), "");
        let folder = NodePath::root();
        let err = block_on(client.sharing().invite(&folder, "bob", true)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unsupported);
        let err = block_on(client.files().list(&folder)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unsupported);
        let err = block_on(client.admin().groups()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unsupported);
    }
}
