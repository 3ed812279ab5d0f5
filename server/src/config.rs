//! Server configuration and its command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::core::roles::Role;

pub const USAGE: &str = "usage: satchel-server --data <dir> [--listen 127.0.0.1:8080] [--spa <dist dir>] \
[--demo] [--create-user login:password[:user|admin|sysadmin]]... [--lockout-after <n>] \
[--lockout-cooldown <seconds>] [--trust-forwarded-for] \
[--fault-fail-part <n>] [--seed-folder login:/path:count]...";

#[derive(Debug, Clone)]
pub struct Config {
    /// Holds `satchel.sqlite3`, `blobs/` and `tmp/`.
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    /// The built SPA, served at `/` with `index.html` for client-side routes.
    pub spa_dir: Option<PathBuf>,
    /// Create the demo account and its sample files.
    pub demo: bool,
    /// Accounts to create (or whose password to reset) at startup, in company 1:
    /// `(login, password, role)`.
    pub create_users: Vec<(String, String, Role)>,
    /// Wrong passwords in a row, per login (or link) and source, that shut that source out for
    /// `lockout_cooldown` (0 = never).
    pub lockout_after: u32,
    /// How long a source stays shut out (`--lockout-cooldown`, seconds; 15 minutes).
    pub lockout_cooldown: std::time::Duration,
    /// Password checks a source may make in a burst, and per second after it (wrong ones only:
    /// a right password gives its token back).
    pub guess_burst: u32,
    pub guesses_per_second: f64,
    /// Take the client's address from the last `X-Forwarded-For` entry instead of the TCP peer
    /// (`--trust-forwarded-for`). Only behind a reverse proxy that sets it: otherwise anyone
    /// could claim any source and escape every per-source limit.
    pub trust_forwarded_for: bool,
    /// Test hook: the first PUT of this part number in every upload session answers 503.
    pub fault_fail_part: Option<u32>,
    /// Test hook: mount `/api/{1,v1}/_test/{panic,internal}` (see `fault_routes`).
    pub fault_panic_route: bool,
    /// Test hook: every listing waits (up to 10 s, else 500) while holding its database
    /// connection until a second listing does too (see `core::rendezvous`).
    pub fault_listing_rendezvous: bool,
    /// Benchmark hook: folders to fill with many small files at startup.
    pub seed_folders: Vec<crate::SeedFolder>,
}

impl Config {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            spa_dir: None,
            demo: false,
            create_users: Vec::new(),
            lockout_after: crate::core::DEFAULT_LOCKOUT_AFTER,
            lockout_cooldown: crate::core::throttle::DEFAULT_COOLDOWN,
            guess_burst: 10,
            guesses_per_second: 1.0,
            trust_forwarded_for: false,
            fault_fail_part: None,
            fault_panic_route: false,
            fault_listing_rendezvous: false,
            seed_folders: Vec::new(),
        }
    }

    /// Parse the arguments after the program name.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut args = args.into_iter();
        let mut data = None;
        let mut config = Config::new("");
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--data" => data = Some(PathBuf::from(value("--data")?)),
                "--listen" => {
                    config.listen = value("--listen")?
                        .parse()
                        .map_err(|e| format!("--listen: {e}"))?
                }
                "--spa" => config.spa_dir = Some(PathBuf::from(value("--spa")?)),
                "--demo" => config.demo = true,
                "--create-user" => {
                    let v = value("--create-user")?;
                    config.create_users.push(parse_create_user(&v)?);
                }
                "--lockout-after" => {
                    config.lockout_after = value("--lockout-after")?
                        .parse::<u32>()
                        .map_err(|e| format!("--lockout-after: {e}"))?;
                }
                "--lockout-cooldown" => {
                    let s = value("--lockout-cooldown")?
                        .parse::<u64>()
                        .map_err(|e| format!("--lockout-cooldown: {e}"))?;
                    config.lockout_cooldown = std::time::Duration::from_secs(s);
                }
                "--trust-forwarded-for" => config.trust_forwarded_for = true,
                "--fault-fail-part" => {
                    let n = value("--fault-fail-part")?
                        .parse::<u32>()
                        .map_err(|e| format!("--fault-fail-part: {e}"))?;
                    config.fault_fail_part = Some(n);
                }
                "--seed-folder" => {
                    let spec = crate::SeedFolder::parse(&value("--seed-folder")?)?;
                    config.seed_folders.push(spec);
                }
                "-h" | "--help" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        config.data_dir = data.ok_or(format!("--data is required\n{USAGE}"))?;
        Ok(config)
    }
}

/// `login:password[:role]`, role `user` (the default), `admin` or `sysadmin`. A password may hold
/// colons; only a last field naming a role is taken as one.
fn parse_create_user(v: &str) -> Result<(String, String, Role), String> {
    let (login, rest) = v
        .split_once(':')
        .ok_or("--create-user takes login:password[:role]")?;
    let (password, role) = match rest.rsplit_once(':') {
        Some((pw, "user")) => (pw, Role::User),
        Some((pw, "admin")) => (pw, Role::CompanyAdmin),
        Some((pw, "sysadmin")) => (pw, Role::SystemAdmin),
        _ => (rest, Role::User),
    };
    Ok((login.to_owned(), password.to_owned(), role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_user_takes_an_optional_role() {
        assert_eq!(
            parse_create_user("a:pw").unwrap(),
            ("a".into(), "pw".into(), Role::User)
        );
        assert_eq!(
            parse_create_user("a:p:w:admin").unwrap(),
            ("a".into(), "p:w".into(), Role::CompanyAdmin)
        );
        assert_eq!(
            parse_create_user("a:pw:sysadmin").unwrap(),
            ("a".into(), "pw".into(), Role::SystemAdmin)
        );
        assert_eq!(
            parse_create_user("a:p:w").unwrap(),
            ("a".into(), "p:w".into(), Role::User)
        );
        assert!(parse_create_user("nopassword").is_err());
    }

    #[test]
    fn lockout_after_defaults_to_five_and_can_be_set() {
        let args = |a: &[&str]| Config::from_args(a.iter().map(|s| s.to_string()));
        assert_eq!(args(&["--data", "d"]).unwrap().lockout_after, 5);
        let c = args(&["--data", "d", "--lockout-after", "3"]).unwrap();
        assert_eq!(c.lockout_after, 3);
        assert!(args(&["--data", "d", "--lockout-after", "x"]).is_err());
        let c = args(&[
            "--data",
            "d",
            "--lockout-cooldown",
            "60",
            "--trust-forwarded-for",
        ])
        .unwrap();
        assert_eq!(c.lockout_cooldown.as_secs(), 60);
        assert!(c.trust_forwarded_for);
        assert!(!args(&["--data", "d"]).unwrap().trust_forwarded_for);
    }
}
