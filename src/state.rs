//! App-wide state in context: config, session (persisted in localStorage), the status and error
//! live regions, and a refresh counter that reloads the listing after a change.

use leptos::prelude::*;

use crate::api::{self, Client};
use crate::config::{Config, Dialect};
use crate::i18n::{Msg, t};
use crate::model::{Account, ApiError, ErrorKind, Session};

const SESSION_KEY: &str = "satchel.session";

#[derive(Clone, Copy)]
pub struct AppState {
    pub config: RwSignal<Config>,
    pub config_loaded: RwSignal<bool>,
    pub session: RwSignal<Option<Session>>,
    /// A message for the login page (session expired, signed out).
    pub notice: RwSignal<Option<String>>,
    pub status: RwSignal<Option<String>>,
    pub error: RwSignal<Option<String>>,
    /// Bumped after every change so listings reload.
    pub refresh: RwSignal<u32>,
    /// The signed-in account (role, storage), loaded after sign-in and on start.
    pub account: RwSignal<Option<Account>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The stored session, unless it is missing or expired (then `Err(true)` if it expired).
fn load_session() -> Result<Session, bool> {
    let raw = storage()
        .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
        .ok_or(false)?;
    let session: Session = serde_json::from_str(&raw).map_err(|_| false)?;
    if (session.expires_ms as f64) <= now_ms() {
        forget_session();
        return Err(true);
    }
    Ok(session)
}

fn save_session(session: &Session) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(session)) {
        let _ = s.set_item(SESSION_KEY, &json);
    }
}

fn forget_session() {
    if let Some(s) = storage() {
        let _ = s.remove_item(SESSION_KEY);
    }
}

impl AppState {
    pub fn new() -> Self {
        let (session, notice) = match load_session() {
            Ok(s) => (Some(s), None),
            Err(true) => (None, Some(t(Msg::SessionExpired).to_owned())),
            Err(false) => (None, None),
        };
        Self {
            config: RwSignal::new(Config::default()),
            config_loaded: RwSignal::new(false),
            session: RwSignal::new(session),
            notice: RwSignal::new(notice),
            status: RwSignal::new(None),
            error: RwSignal::new(None),
            refresh: RwSignal::new(0),
            account: RwSignal::new(None),
        }
    }

    /// The dialect being spoken: the session's, or the deployment's default before signing in.
    pub fn dialect(&self) -> Dialect {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.dialect))
            .unwrap_or_else(|| self.config.with_untracked(|c| c.dialect))
    }

    /// A client for the session's dialect with the current token.
    pub fn client(&self) -> Client {
        Client::new(
            self.dialect(),
            &self.config.get_untracked(),
            self.session.get_untracked().map(|s| s.token),
        )
    }

    /// A client without a token, for signing in with `dialect`.
    pub fn client_for(&self, dialect: Dialect) -> Client {
        Client::new(dialect, &self.config.get_untracked(), None)
    }

    pub fn sign_in(&self, session: Session) {
        save_session(&session);
        self.notice.set(None);
        self.error.set(None);
        self.session.set(Some(session));
    }

    /// Forget the session and show `notice` on the login page.
    pub fn sign_out(&self, notice: Msg) {
        forget_session();
        self.account.set(None);
        self.status.set(None);
        self.error.set(None);
        self.notice.set(Some(t(notice).to_owned()));
        self.session.set(None);
    }

    /// Show a failure; a 401 (or a disabled account) ends the session and returns to the login
    /// page with the reason.
    pub fn report(&self, err: &ApiError) {
        match err.kind {
            ErrorKind::Unauthorized => self.sign_out(Msg::SessionExpired),
            ErrorKind::AccountDisabled => self.sign_out(Msg::ErrAccountDisabled),
            ErrorKind::Aborted => {}
            _ => {
                self.status.set(None);
                self.error.set(Some(err.user_message()));
            }
        }
    }

    pub fn fail(&self, message: String) {
        self.status.set(None);
        self.error.set(Some(message));
    }

    pub fn succeed(&self, message: String) {
        self.error.set(None);
        self.status.set(Some(message));
    }

    /// Ask the server who is signed in (role, storage); a dead session signs out.
    pub fn load_account(&self) {
        let app = *self;
        let client = self.client();
        leptos::task::spawn_local(async move {
            match client.session().account().await {
                Ok(a) => app.account.set(Some(a)),
                Err(e) if e.ends_session() => app.report(&e),
                Err(_) => {}
            }
        });
    }

    pub fn reload(&self) {
        self.refresh.update(|n| *n = n.wrapping_add(1));
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Keep `<body data-dialect data-capabilities>` on the dialect being spoken, for CSS and tests.
pub fn mark_body(app: AppState) {
    Effect::new(move || {
        app.session.track();
        app.config.track();
        let client = app.client();
        let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        else {
            return;
        };
        let _ = body.set_attribute("data-dialect", client.dialect().code());
        let _ = body.set_attribute(
            "data-capabilities",
            &crate::model::capability_names(&client.capabilities()),
        );
    });
}

/// Fetch `/satchel.json` once; missing or broken → defaults.
pub async fn load_config() -> Config {
    match api::http::get("/satchel.json", &[]).await {
        Ok(reply) if reply.ok() => Config::from_json(&reply.body),
        _ => Config::default(),
    }
}
