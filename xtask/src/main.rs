//! The project's commands: `cargo xtask run`, `cargo xtask test`, `cargo xtask bench`.
//!
//! Each installs what a fresh machine of this kind lacks (the wasm target, trunk, the
//! wasm-bindgen CLI at the exact version of Cargo.lock, and Debian's binaryen, chromium and
//! chromedriver) so that trunk never needs to download a tool and CI needs nothing by hand.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod bench;
mod tools;

const USAGE: &str = "usage: cargo xtask <run|test|bench> [args]
  run    build the SPA and the server, then serve both with a demo account on http://127.0.0.1:8080
  test   build everything and run every test (server, SPA logic, real-browser journeys)
  bench  MD5 and upload throughput against md5sum and curl, and the 100,000-entry folder";

fn main() -> ExitCode {
    let mut args = env::args().skip(1);
    let result = match args.next().as_deref() {
        Some("run") => run(args.collect()),
        Some("test") => test(args.collect()),
        Some("bench") => bench::bench(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The cargo target directory the builds below use (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => repo_root().join("target"),
    }
}

pub fn server_binary() -> PathBuf {
    target_dir().join("debug").join("satchel-server")
}

pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// Run a command in the repository root and fail with its name if it fails.
pub fn sh(program: &str, args: &[&str]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(repo_root())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Build the SPA (release wasm, the only release build) and the server (dev profile, shared
/// with the tests so that nothing is compiled twice).
pub fn build_all() -> Result {
    sh("trunk", &["build", "--release"])?;
    sh("cargo", &["build", "--package", "satchel-server"])
}

fn run(args: Vec<String>) -> Result {
    tools::ensure(tools::Need::Build)?;
    build_all()?;
    let listen = args
        .iter()
        .position(|a| a == "--listen")
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let data = repo_root().join(".satchel-data");
    let status = Command::new(server_binary())
        .arg("--data")
        .arg(&data)
        .args(["--listen", &listen])
        .arg("--spa")
        .arg(dist_dir())
        .arg("--demo")
        .status()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the server stopped ({status})"))
    }
}

fn test(extra: Vec<String>) -> Result {
    tools::ensure(tools::Need::Browser)?;
    build_all()?;
    let server = server_binary();
    let dist = dist_dir();
    let mut args = vec!["test", "--workspace", "--no-fail-fast"];
    args.extend(extra.iter().map(String::as_str));
    // The browser suites append one line per journey and dialect (ok, SKIPPED, FAILED) here;
    // cargo hides a passing test's output, and the skips must be seen.
    let journeys = target_dir().join("journeys.log");
    let _ = std::fs::remove_file(&journeys);
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new("cargo")
        .args(&args)
        .current_dir(repo_root())
        .env("SATCHEL_SERVER_BIN", &server)
        .env("SATCHEL_DIST", &dist)
        .env("SATCHEL_JOURNEY_LOG", &journeys)
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if let Ok(log) = std::fs::read_to_string(&journeys) {
        eprintln!("\nBrowser journeys, per dialect:\n{log}");
    }
    if status.success() {
        Ok(())
    } else {
        Err("some tests failed".to_owned())
    }
}
