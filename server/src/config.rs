//! Server configuration and its command line.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "usage: satchel-server --data <dir> [--listen 127.0.0.1:8080] [--spa <dist dir>] \
[--demo] [--create-user login:password]... [--fault-fail-part <n>] [--seed-folder login:/path:count]...";

#[derive(Debug, Clone)]
pub struct Config {
    /// Holds `satchel.sqlite3`, `blobs/` and `tmp/`.
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    /// The built SPA, served at `/` with `index.html` for client-side routes.
    pub spa_dir: Option<PathBuf>,
    /// Create the demo account and its sample files.
    pub demo: bool,
    /// Accounts to create (or whose password to reset) at startup: `(login, password)`.
    pub create_users: Vec<(String, String)>,
    /// Test hook: the first PUT of this part number in every upload session answers 503.
    pub fault_fail_part: Option<u32>,
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
            fault_fail_part: None,
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
                    let (login, password) = v
                        .split_once(':')
                        .ok_or("--create-user takes login:password")?;
                    config
                        .create_users
                        .push((login.to_owned(), password.to_owned()));
                }
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
