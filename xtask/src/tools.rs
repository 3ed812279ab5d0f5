//! Installs what the build and the tests need, only when it is missing or at the wrong version.

use std::fs;
use std::process::Command;

use crate::{Result, repo_root, sh};

const TRUNK_VERSION: &str = "0.21.14";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The wasm target, trunk, wasm-bindgen-cli and wasm-opt.
    Build,
    /// All of the above, plus Chromium and ChromeDriver for the browser tests.
    Browser,
}

pub fn ensure(need: Need) -> Result {
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION)?;
    let bindgen = wasm_bindgen_version()?;
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &bindgen)?;
    let mut packages = vec![("wasm-opt", "binaryen")];
    if need == Need::Browser {
        packages.push(("chromium", "chromium"));
        packages.push(("chromedriver", "chromium-driver"));
    }
    ensure_debian_packages(&packages)
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    sh("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

/// `binary --version` must print `version`; otherwise install `krate` at exactly that version.
fn ensure_cargo_tool(binary: &str, krate: &str, version: &str) -> Result {
    let current = output(binary, &["--version"]).unwrap_or_default();
    if current.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    let spec = format!("{krate}@={version}");
    sh("cargo", &["install", "--locked", &spec])
}

/// The wasm-bindgen CLI must match the crate exactly, so read the version from Cargo.lock.
fn wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(repo_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".to_owned())
}

fn ensure_debian_packages(packages: &[(&str, &str)]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(binary, _)| output("which", &[binary]).is_none())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root = output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    let (program, prefix): (&str, Vec<&str>) = if root {
        ("apt-get", vec![])
    } else {
        ("sudo", vec!["apt-get"])
    };
    let mut update = prefix.clone();
    update.extend(["update", "-qq"]);
    sh(program, &update)?;
    let mut install = prefix;
    install.extend(["install", "-y", "-qq", "--no-install-recommends"]);
    install.extend(missing.iter().copied());
    sh(program, &install)
}
