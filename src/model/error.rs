//! Why a call failed, in terms the UI can branch on, whatever the dialect.

use crate::i18n::{Msg, t, tf};

/// Why a call failed, in terms the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Unauthorized,
    InvalidCredentials,
    NotFound,
    Conflict,
    AlreadyExists,
    InvalidName,
    BadDigest,
    SameDirectory,
    IntoOwnSubtree,
    Forbidden,
    /// A public link needs its password.
    PasswordRequired,
    WrongPassword,
    LinkExpired,
    DownloadLimitReached,
    /// Sharing a folder that contains, or lies inside, a folder shared with you.
    SharedRootInside,
    /// A shared folder cannot be moved there (in or out of another tree).
    MountMove,
    /// Storage quota (the user's or the company's) would be exceeded.
    QuotaExceeded,
    /// The account was disabled by an admin.
    AccountDisabled,
    /// Too many wrong passwords: an admin must unlock the account.
    AccountLocked,
    /// Too many password attempts from here (429): wait, then try again.
    TooManyAttempts,
    /// The dialect has no such call.
    Unsupported,
    Network,
    Aborted,
    Server,
    Unexpected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status, 0 when no answer arrived.
    pub status: u16,
    /// The server's own sentence, if any.
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ErrorKind, status: u16, message: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            message: message.into(),
        }
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, 0, message)
    }

    /// What a trait method a dialect does not override answers.
    pub fn unsupported() -> Self {
        Self::new(ErrorKind::Unsupported, 0, "")
    }

    pub fn aborted() -> Self {
        Self::new(ErrorKind::Aborted, 0, "")
    }

    /// The session is over (signed out, or the account disabled): back to the login page.
    pub fn ends_session(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Unauthorized | ErrorKind::AccountDisabled
        )
    }

    /// Worth sending again? Everything but a refusal that another try cannot change (signed out,
    /// cancelled, forbidden, a name problem).
    pub fn is_transient(&self) -> bool {
        !matches!(
            self.kind,
            ErrorKind::Unauthorized
                | ErrorKind::InvalidCredentials
                | ErrorKind::Aborted
                | ErrorKind::Forbidden
                | ErrorKind::InvalidName
                | ErrorKind::AlreadyExists
                | ErrorKind::Conflict
                | ErrorKind::PasswordRequired
                | ErrorKind::WrongPassword
                | ErrorKind::LinkExpired
                | ErrorKind::DownloadLimitReached
                | ErrorKind::SharedRootInside
                | ErrorKind::MountMove
                | ErrorKind::QuotaExceeded
                | ErrorKind::AccountDisabled
                | ErrorKind::AccountLocked
                | ErrorKind::TooManyAttempts
                | ErrorKind::Unsupported
        )
    }

    /// What happened and what to do, for people.
    pub fn user_message(&self) -> String {
        if self.kind == ErrorKind::TooManyAttempts {
            return too_many_attempts(&self.message);
        }
        let key = match self.kind {
            ErrorKind::Unauthorized => Msg::ErrUnauthorized,
            ErrorKind::InvalidCredentials => Msg::ErrInvalidCredentials,
            ErrorKind::NotFound => Msg::ErrNotFound,
            ErrorKind::Conflict => Msg::ErrConflict,
            ErrorKind::AlreadyExists => Msg::ErrAlreadyExists,
            ErrorKind::InvalidName => Msg::ErrInvalidName,
            ErrorKind::BadDigest => Msg::ErrBadDigest,
            ErrorKind::SameDirectory => Msg::ErrSameDirectory,
            ErrorKind::IntoOwnSubtree => Msg::ErrIntoOwnSubtree,
            ErrorKind::Forbidden => Msg::ErrForbidden,
            ErrorKind::PasswordRequired => Msg::ErrPasswordRequired,
            ErrorKind::WrongPassword => Msg::ErrWrongPassword,
            ErrorKind::LinkExpired => Msg::ErrLinkExpired,
            ErrorKind::DownloadLimitReached => Msg::ErrDownloadLimit,
            ErrorKind::SharedRootInside => Msg::ErrSharedRootInside,
            ErrorKind::MountMove => Msg::ErrMountMove,
            ErrorKind::QuotaExceeded => Msg::ErrQuotaExceeded,
            ErrorKind::AccountDisabled => Msg::ErrAccountDisabled,
            ErrorKind::AccountLocked => Msg::ErrAccountLocked,
            ErrorKind::TooManyAttempts => Msg::ErrTooManyAttempts,
            ErrorKind::Unsupported => Msg::ErrUnsupported,
            ErrorKind::Network => Msg::ErrNetwork,
            ErrorKind::Aborted => Msg::ErrAborted,
            ErrorKind::Server => Msg::ErrServer,
            ErrorKind::Unexpected => Msg::ErrUnexpected,
        };
        if self.message.is_empty() {
            t(key).to_owned()
        } else {
            format!("{} ({})", t(key), self.message)
        }
    }
}

/// "Wait N minutes": both dialects' 429 messages end with the seconds to wait ("… in 900 s"), the
/// same number as their `Retry-After` header.
fn too_many_attempts(server_message: &str) -> String {
    let seconds = server_message
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<u64>().ok())
        .next_back();
    match seconds.map(|s| s.div_ceil(60)) {
        Some(minutes) if minutes > 1 => tf(Msg::ErrTooManyAttempts, &[&minutes.to_string()]),
        _ => t(Msg::ErrTooManyAttemptsMinute).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_attempts_says_how_many_minutes_to_wait() {
        let e = ApiError::new(
            ErrorKind::TooManyAttempts,
            429,
            "Too many attempts. Try again in 900 s",
        );
        assert_eq!(
            e.user_message(),
            "Too many attempts. Wait 15 minutes and try again."
        );
        let e = ApiError::new(
            ErrorKind::TooManyAttempts,
            429,
            "429: Too Many Requests: in 1 s",
        );
        assert_eq!(
            e.user_message(),
            "Too many attempts. Wait a minute and try again."
        );
    }
}
