//! The cast of the administration tests: company 1 with its admin, two users and the system
//! admin; company 2 with its own admin and user. Each has a token.

use reqwest::{Method, Response};
use satchel_server::core::roles::Role;
use serde_json::Value;

use super::{LOGIN, Server};

pub struct Person {
    pub id: i64,
    pub login: &'static str,
    pub password: String,
    pub token: String,
}

pub struct Cast {
    /// System admin (in company 1).
    pub root: Person,
    /// Company 1's admin.
    pub boss: Person,
    /// `alice` of `common::start`: a plain user of company 1.
    pub alice: Person,
    /// Another plain user of company 1 (the admins' usual target).
    pub bob: Person,
    pub carol: Person,
    /// Company 2's admin and user.
    pub other: Person,
    pub olga: Person,
    pub company2: i64,
}

async fn person(s: &Server, login: &'static str, company: i64, role: Role) -> Person {
    let password = format!("{login}-secret");
    let user = s.core.ensure_user(login, &password, login).await.unwrap();
    s.core.place_user(login, company, role).await.unwrap();
    Person {
        id: user.id,
        login,
        token: s.login(login, &password).await,
        password,
    }
}

pub async fn cast(s: &Server) -> Cast {
    let company2 = s.core.create_company("Other Co", None).await.unwrap();
    let alice = s
        .core
        .ensure_user(LOGIN, super::PASSWORD, "Alice")
        .await
        .unwrap()
        .id;
    Cast {
        root: person(s, "root", 1, Role::SystemAdmin).await,
        boss: person(s, "boss", 1, Role::CompanyAdmin).await,
        alice: Person {
            id: alice,
            login: LOGIN,
            password: super::PASSWORD.into(),
            token: s.token.clone(),
        },
        bob: person(s, "bob", 1, Role::User).await,
        carol: person(s, "carol", 1, Role::User).await,
        other: person(s, "other", company2, Role::CompanyAdmin).await,
        olga: person(s, "olga", company2, Role::User).await,
        company2,
    }
}

/// The logins of the users listed under `key` of `v`, in order.
pub fn logins(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["login"].as_str().unwrap().to_owned())
        .collect()
}

impl Server {
    /// The same server, used with another user's token (helpers such as `upload` then act as
    /// that user).
    pub fn as_user(&self, token: &str) -> Server {
        Server {
            base: self.base.clone(),
            addr: self.addr,
            http: self.http.clone(),
            core: self.core.clone(),
            token: token.to_owned(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Any request as anyone (`None`: no token).
    pub async fn call(
        &self,
        method: Method,
        endpoint: &str,
        token: Option<&str>,
        form: &[(&str, &str)],
    ) -> Response {
        let mut req = self.http.request(method.clone(), self.url(endpoint));
        if let Some(t) = token {
            req = req.header("Mountbit-Auth", t);
        }
        req = if method == Method::GET {
            req.query(form)
        } else {
            req.form(form)
        };
        req.send().await.unwrap()
    }

    /// A POST as `token` that must succeed; its JSON.
    pub async fn post_as(&self, token: &str, endpoint: &str, form: &[(&str, &str)]) -> Value {
        let r = self.call(Method::POST, endpoint, Some(token), form).await;
        self.ok_json(r).await
    }

    pub async fn get_as(&self, token: &str, endpoint: &str, form: &[(&str, &str)]) -> Value {
        let r = self.call(Method::GET, endpoint, Some(token), form).await;
        self.ok_json(r).await
    }

    /// `admin/accounts_find_users/` as `token`, which must succeed; its JSON.
    pub async fn find_users(&self, token: &str, form: &[(&str, &str)]) -> Value {
        self.post_as(token, "admin/accounts_find_users/", form)
            .await
    }

    /// `admin/accounts_<action>/` on one user as `token`, which must succeed; its JSON.
    pub async fn account_action(&self, token: &str, action: &str, user: i64) -> Value {
        let endpoint = format!("admin/accounts_{action}/");
        self.post_as(token, &endpoint, &[("userid", &user.to_string())])
            .await
    }

    /// A login attempt: the status and the error name (empty on success).
    pub async fn try_login(&self, login: &str, password: &str) -> (u16, String) {
        let r = self
            .call(
                Method::POST,
                "accounts/login/",
                None,
                &[("login", login), ("password", password)],
            )
            .await;
        let status = r.status().as_u16();
        let v: Value = r.json().await.unwrap();
        (status, v["error"].as_str().unwrap_or("").to_owned())
    }
}
