//! Signing in and out (guide sections 8, 13.1 and 15): classic sessions are core tokens; OAuth
//! access tokens are core tokens too, with rotating refresh tokens.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Json;
use axum::routing::{MethodRouter, get, post};
use satchel_wire::opendrive::{
    LoginResponse, ResultBody, SessionInfo, TokenResponse, UserInfo, field, split_name,
};

use super::{Args, Call, OdResult, done};
use crate::AppState;
use crate::core::CoreError;
use crate::core::oauth::OAuthTokens;
use crate::core::zipstream::civil;
use crate::http_error::opendrive::OdError;

pub(super) fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("session/login.json", post(login)),
        ("session/logout.json", post(logout)),
        ("session/exists.json", post(exists)),
        ("session/info.json", get(info)),
        ("users/info.json/{session_id}", get(user_info)),
        ("users/info.json", get(user_info)),
        ("oauth2/grant.json", post(grant)),
    ]
}

const DRIVE_NAME: &str = "Satchel";

fn login_fields(login: &str, name: &str, session: String) -> LoginResponse {
    let (first, last) = split_name(name);
    LoginResponse {
        SessionID: session,
        UserName: login.to_owned(),
        UserFirstName: first,
        UserLastName: last,
        AccType: 1,
        UserLang: "En".into(),
        IsAccessUser: 0,
        DriveName: DRIVE_NAME.into(),
        UserLevel: "1".into(),
        UserPlan: "Satchel".into(),
        FVersioning: "1".into(),
        UserDomain: String::new(),
        PartnerUsersDomain: String::new(),
        IsPartner: "0".into(),
        Encoding: "UTF-8".into(),
    }
}

async fn login(State(state): State<AppState>, req: Request) -> OdResult<Json<LoginResponse>> {
    let args = Args::read(req, &state).await?;
    let username = args.required(field::USERNAME)?;
    let passwd = args.required(field::PASSWD)?;
    let token = state
        .core
        .login(username, passwd, false, Some("opendrive".into()))
        .await?;
    let account = state.core.account(token.user_id).await?;
    Ok(Json(login_fields(
        &account.user.login,
        &account.user.name,
        token.token,
    )))
}

async fn logout(State(state): State<AppState>, call: Call) -> OdResult<Json<ResultBody>> {
    state.core.logout(&call.session.token).await?;
    Ok(done())
}

async fn exists(_call: Call) -> Json<ResultBody> {
    done()
}

async fn info(call: Call) -> Json<SessionInfo> {
    let user = call.user();
    let l = login_fields(&user.login, &user.name, call.session.token.clone());
    Json(SessionInfo {
        SessionID: l.SessionID,
        UserName: l.UserName,
        UserFirstName: l.UserFirstName,
        UserLastName: l.UserLastName,
        AccType: l.AccType.to_string(),
        UserLang: l.UserLang,
        UserID: user.id.to_string(),
        IsAccountUser: "0".into(),
        DriveName: l.DriveName,
        UserLevel: l.UserLevel,
        UserPlan: l.UserPlan,
        FVersioning: l.FVersioning,
        UserDomain: l.UserDomain,
        PartnerUsersDomain: l.PartnerUsersDomain,
        Encoding: l.Encoding,
        IsPartner: l.IsPartner,
    })
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) of epoch milliseconds.
fn date_time(ms: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(ms);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

async fn user_info(State(state): State<AppState>, call: Call) -> OdResult<Json<UserInfo>> {
    let a = state.core.account(call.user().id).await?;
    let (first, last) = split_name(&a.user.name);
    Ok(Json(UserInfo {
        UserID: a.user.id,
        AccessUserID: 0,
        UserName: a.user.login.clone(),
        UserFirstName: first,
        UserLastName: last,
        Email: if a.user.login.contains('@') {
            a.user.login.clone()
        } else {
            String::new()
        },
        AccType: "1".into(),
        MaxStorage: a.quota.unwrap_or(0).to_string(),
        StorageUsed: a.bytes_used.to_string(),
        MaxFileSize: "0".into(),
        IsAccountUser: 0,
        AdminMode: 0,
        FVersioning: "1".into(),
        UserLang: "En".into(),
        UserSince: date_time(a.registered),
    }))
}

fn grant_error(status: StatusCode, error: &'static str, description: &str) -> OdError {
    OdError::Grant {
        status,
        error,
        description: description.to_owned(),
    }
}

fn token_body(t: OAuthTokens) -> Json<TokenResponse> {
    Json(TokenResponse {
        access_token: t.access_token,
        expires_in: t.expires_in,
        token_type: "bearer".into(),
        scope: None,
        refresh_token: t.refresh_token,
    })
}

/// `oauth2/grant.json`: every failure is an OAuth error body, never the usual one.
async fn grant(State(state): State<AppState>, req: Request) -> OdResult<Json<TokenResponse>> {
    let bad_request = |what: &str| grant_error(StatusCode::BAD_REQUEST, "invalid_request", what);
    let args = Args::read(req, &state)
        .await
        .map_err(|_| bad_request("The request body is not a JSON object or form"))?;
    let need = |name: &str| {
        args.get(name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| bad_request(&format!("The parameter '{name}' is required")))
    };
    need(field::CLIENT_ID)?;
    match need(field::GRANT_TYPE)? {
        "password" => {
            let username = need(field::USERNAME)?;
            let password = need(field::PASSWORD)?;
            match state.core.oauth_password_grant(username, password).await {
                Ok((_, tokens)) => Ok(token_body(tokens)),
                Err(CoreError::InvalidCredentials) => Err(grant_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_grant",
                    "Invalid username or password",
                )),
                Err(e) => Err(e.into()),
            }
        }
        "refresh_token" => match state.core.oauth_refresh(need(field::REFRESH_TOKEN)?).await {
            Ok(tokens) => Ok(token_body(tokens)),
            Err(CoreError::Unauthorized(why)) => Err(OdError::Grant {
                status: StatusCode::BAD_REQUEST,
                error: "invalid_grant",
                description: why,
            }),
            Err(e) => Err(e.into()),
        },
        _ => Err(grant_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be password or refresh_token",
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_utc_wall_clock() {
        assert_eq!(super::date_time(0), "1970-01-01 00:00:00");
    }
}
