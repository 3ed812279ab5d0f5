//! `cargo xtask bench`: builds what the test command builds and runs the throughput bench,
//! in the test profile, so that benchmarking compiles nothing twice.

use crate::{Result, build_all, dist_dir, server_binary, tools};

pub fn bench() -> Result {
    tools::ensure(tools::Need::Browser)?;
    build_all()?;
    let status = std::process::Command::new("cargo")
        .args([
            "bench",
            "--profile",
            "dev",
            "--package",
            "satchel",
            "--bench",
            "throughput",
        ])
        .current_dir(crate::repo_root())
        .env("SATCHEL_SERVER_BIN", server_binary())
        .env("SATCHEL_DIST", dist_dir())
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("the benchmark failed".to_owned())
    }
}
