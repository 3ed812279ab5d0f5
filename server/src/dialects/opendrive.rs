//! The OpenDrive front-end (`/api/v1`), exactly as `docs/dialects/opendrive.md` describes it.
//! Clients name items by id; each handler turns ids into the caller's paths and calls the same
//! path-based core as the Cloudike front-end, so both dialects see one tree per account.

mod accounts;
mod comments;
mod files;
mod folders;
mod links;
mod objects;
mod session;
mod sharing;
mod trash;
mod upload;

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::routing::{MethodRouter, any};
use axum::{Json, Router};
use satchel_wire::NodePath;
use satchel_wire::opendrive::{self as od, ResultBody, field};

use super::params::Params;
use crate::AppState;
use crate::core::{CoreError, Entry, ListQuery, Order, User};
use crate::http_error::opendrive::OdError;

type OdResult<T> = Result<T, OdError>;

pub fn router() -> Router<AppState> {
    let mut routes: Vec<(&str, MethodRouter<AppState>)> = Vec::new();
    routes.extend(session::routes());
    routes.extend(folders::routes());
    routes.extend(files::routes());
    routes.extend(upload::routes());
    routes.extend(trash::routes());
    routes.extend(sharing::routes());
    routes.extend(links::routes());
    routes.extend(comments::routes());
    routes.extend(accounts::routes());
    let mut r = Router::new();
    for (path, handler) in routes {
        r = r.route(&format!("{}/{path}", od::BASE), handler);
    }
    // Any other path under the base: this dialect's 404, not Cloudike's body.
    r.route(&format!("{}/{{*rest}}", od::BASE), any(no_such_endpoint))
}

async fn no_such_endpoint(uri: axum::http::Uri) -> OdError {
    CoreError::NoSuchEndpoint(uri.path().to_owned()).into()
}

/// `{"result": true}`, the guide's "True (200 OK)".
fn done() -> Json<ResultBody> {
    Json(ResultBody { result: true })
}

/// The caller's session: a classic session id, or an OAuth access token.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub user: User,
    /// The core token behind it (logout removes it).
    pub token: String,
}

/// Who `session_id` (or, with `session_id=OAUTH`, `access_token`) names. `None` when neither is
/// given. An OAuth token that does not work is the guide's `invalid_token` answer.
async fn authenticate(
    state: &AppState,
    session_id: Option<&str>,
    access_token: Option<&str>,
) -> OdResult<Option<Session>> {
    let session_id = session_id.map(str::trim).filter(|s| !s.is_empty());
    let access_token = access_token.map(str::trim).filter(|s| !s.is_empty());
    // The guide's own example also calls with `access_token` and no `session_id`.
    if session_id == Some(od::OAUTH) || (session_id.is_none() && access_token.is_some()) {
        let token = access_token.ok_or(OdError::InvalidToken)?;
        return match state.core.user_for_token(token).await {
            Ok(user) => Ok(Some(Session {
                user,
                token: token.to_owned(),
            })),
            Err(CoreError::Unauthorized(_)) => Err(OdError::InvalidToken),
            Err(e) => Err(e.into()),
        };
    }
    let Some(token) = session_id else {
        return Ok(None);
    };
    let user = state.core.user_for_token(token).await?;
    Ok(Some(Session {
        user,
        token: token.to_owned(),
    }))
}

/// A request's arguments: the URL's path segments (`{session_id}`, `{folder_id}`, …) first, then
/// the query string and the body.
pub(crate) struct Args {
    path: HashMap<String, String>,
    pub p: Params,
}

impl Args {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.path
            .get(name)
            .map(String::as_str)
            .or_else(|| self.p.get(name))
    }

    pub fn required(&self, name: &str) -> OdResult<&str> {
        self.get(name)
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| CoreError::InvalidParameters(format!("'{name}' is required.")).into())
    }

    /// A `true`/`false`/`1`/`0` switch.
    pub fn flag(&self, name: &str, default: bool) -> OdResult<bool> {
        match self.get(name).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(default),
            Some(v) if v.is_empty() => Ok(default),
            Some(v) if v == "true" || v == "1" => Ok(true),
            Some(v) if v == "false" || v == "0" => Ok(false),
            Some(_) => Err(invalid(name, "Expected one of (true, false).")),
        }
    }

    pub fn number<T: std::str::FromStr>(&self, name: &str) -> OdResult<Option<T>> {
        match self.get(name).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| invalid(name, "A number is expected.")),
        }
    }

    /// An empty or blank value is as missing as an absent one: an error, never a panic.
    pub fn required_number<T: std::str::FromStr>(&self, name: &str) -> OdResult<T> {
        self.required(name)?;
        self.number(name)?.ok_or_else(|| {
            CoreError::InvalidParameters(format!("missing parameter: {name}")).into()
        })
    }

    async fn read(req: Request, state: &AppState) -> OdResult<Self> {
        let (mut parts, body) = req.into_parts();
        let raw = RawPathParams::from_request_parts(&mut parts, state)
            .await
            .map_err(|e| CoreError::InvalidParameters(format!("bad URL: {e}")))?;
        let path = raw
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let p = Params::from_request(Request::from_parts(parts, body), state).await?;
        Ok(Args { path, p })
    }

    fn session_id(&self) -> Option<&str> {
        self.get(field::SESSION_ID)
            .or_else(|| self.get(field::SESSION_KEY))
    }
}

fn invalid(name: &str, why: &str) -> OdError {
    CoreError::InvalidParameters(format!("Invalid value specified for '{name}'. {why}")).into()
}

/// A request from a signed-in caller (401 otherwise).
pub(crate) struct Call {
    pub session: Session,
    pub args: Args,
}

impl Call {
    pub fn user(&self) -> &User {
        &self.session.user
    }
}

impl FromRequest<AppState> for Call {
    type Rejection = OdError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let args = Args::read(req, state).await?;
        let oauth = args.session_id() == Some(od::OAUTH);
        match authenticate(state, args.session_id(), args.get(field::ACCESS_TOKEN)).await? {
            Some(session) => Ok(Call { session, args }),
            None if oauth => Err(OdError::InvalidToken),
            None => Err(CoreError::Unauthorized("'session_id' is required.".into()).into()),
        }
    }
}

/// A request a public-link recipient may make without a session.
pub(crate) struct MaybeCall {
    pub session: Option<Session>,
    pub args: Args,
}

impl FromRequest<AppState> for MaybeCall {
    type Rejection = OdError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        Self::from_args(state, Args::read(req, state).await?).await
    }
}

impl MaybeCall {
    async fn from_args(state: &AppState, args: Args) -> OdResult<Self> {
        let session = authenticate(state, args.session_id(), args.get(field::ACCESS_TOKEN)).await?;
        Ok(MaybeCall { session, args })
    }
}

/// A node id as clients send it (`"42"`); `"0"` (the root) is handled by the callers.
fn node_id(raw: &str, what: &str) -> OdResult<i64> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| CoreError::InvalidParameters(format!("Invalid {what} ID.")).into())
}

/// The path of the folder `raw` names (`"0"` is the root).
async fn folder_path(state: &AppState, user: &User, raw: &str) -> OdResult<NodePath> {
    Ok(item(state, user, raw, Kind::Folder).await?.path)
}

/// The item `raw` names, which must be a `kind` and not the root folder.
async fn changeable(state: &AppState, user: &User, raw: &str, kind: Kind) -> OdResult<Entry> {
    let entry = item(state, user, raw, kind).await?;
    if entry.path.is_root() {
        return Err(CoreError::Forbidden("the root folder cannot be changed".into()).into());
    }
    Ok(entry)
}

fn capitalized(what: &str) -> String {
    let mut c = what.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `DirUpdateTime` of the folder at `path`: its revision, which changes whenever anything in it
/// or below it changes (the root's also with the folders shared with the caller).
async fn dir_update_time(state: &AppState, user: &User, path: &NodePath) -> OdResult<i64> {
    Ok(entry_at(state, user, path).await?.node.rev)
}

/// The stamp of the folder holding `path`.
async fn parent_update_time(state: &AppState, user: &User, path: &NodePath) -> OdResult<i64> {
    dir_update_time(state, user, &path.parent().unwrap_or_default()).await
}

/// A name the guide allows for a new file or folder (`satchel_wire::opendrive::check_name`).
fn new_name(raw: &str) -> OdResult<satchel_wire::FileName> {
    od::check_name(raw).map_err(CoreError::InvalidParameters)?;
    Ok(satchel_wire::FileName::parse(raw)?)
}

/// `e`, told in the guide's own sentence.
fn said(e: CoreError, sentence: &str) -> OdError {
    OdError::Said(e, sentence.to_owned())
}

/// The live item at `path` as the caller sees it.
async fn entry_at(state: &AppState, user: &User, path: &NodePath) -> OdResult<Entry> {
    let q = ListQuery {
        listing: false,
        offset: 0,
        limit: 0,
        order: Order::Name,
        descending: false,
    };
    Ok(state.core.list(user, path.clone(), q).await?.entry)
}

/// What an id must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::File => "file",
            Kind::Folder => "folder",
        }
    }
}

/// The live item `raw` names, which must be a `kind` (a folder id given for a file is "File not
/// found", as the guide words it). `"0"` names the root folder.
async fn item(state: &AppState, user: &User, raw: &str, kind: Kind) -> OdResult<Entry> {
    let not_found = || {
        let what = capitalized(kind.word());
        said(
            CoreError::NotFound(raw.to_owned()),
            &format!("{what} not found."),
        )
    };
    let path = if kind == Kind::Folder && raw.trim() == od::ROOT_ID {
        NodePath::root()
    } else {
        let id = node_id(raw, kind.word())?;
        state
            .core
            .path_of_node(user, id)
            .await
            .map_err(|_| not_found())?
    };
    let entry = entry_at(state, user, &path).await?;
    if entry.node.folder != (kind == Kind::Folder) {
        return Err(not_found());
    }
    Ok(entry)
}
