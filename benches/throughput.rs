//! `cargo xtask bench`: Satchel's speed as ratios against baselines measured in the same run.
//!
//! - MD5: our wasm MD5 (in the SPA's Web Worker, headless Chromium) vs native `md5sum`, 256 MiB.
//! - Upload: a chunked upload through the SPA (hashing included) vs a plain `curl` PUT of a file
//!   of the same size to the same server, 1 GiB.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    if let Err(e) = runtime.block_on(bench::run()) {
        eprintln!("bench failed: {e}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::process::Command;
    use std::time::{Duration, Instant};

    use fantoccini::Locator;

    use super::support::{Peers, TestResult, User};

    const USER: User = User {
        login: "bench",
        password: "bench-pass",
    };
    const MIB: usize = 1024 * 1024;

    struct Row {
        what: String,
        ours: f64,
        baseline: f64,
        baseline_name: &'static str,
    }

    pub async fn run() -> TestResult {
        let md5_size = env_mib("SATCHEL_BENCH_MD5_MIB", 256);
        let upload_size = env_mib("SATCHEL_BENCH_UPLOAD_MIB", 1024);
        let peers = Peers::start(&[USER], &[]);
        let mut rows = Vec::new();
        rows.push(md5(&peers, md5_size).await?);
        rows.push(upload(&peers, upload_size).await?);
        drop(peers);
        let huge = huge_folder(env_count("SATCHEL_BENCH_HUGE_ENTRIES", 100_000)).await?;

        println!();
        println!("| measure | Satchel MB/s | baseline | baseline MB/s | ratio |");
        println!("|---|---:|---|---:|---:|");
        for r in rows {
            println!(
                "| {} | {:.1} | {} | {:.1} | {:.2} |",
                r.what,
                r.ours,
                r.baseline_name,
                r.baseline,
                r.ours / r.baseline
            );
        }
        println!();
        println!(
            "| folder of {} files | Satchel ms | baseline | baseline ms | ratio |",
            huge.entries
        );
        println!("|---|---:|---|---:|---:|");
        println!(
            "| listing received → first rows painted | {:.0} | curl: whole listing | {:.0} | {:.2} |",
            huge.first_rows_ms,
            huge.curl_ms,
            huge.first_rows_ms / huge.curl_ms
        );
        println!(
            "| all pages received (paged listing) | {:.0} | curl: whole listing | {:.0} | {:.2} |",
            huge.listing_ms,
            huge.curl_ms,
            huge.listing_ms / huge.curl_ms
        );
        println!(
            "| sort by size, re-render included | {:.0} | curl: whole listing | {:.0} | {:.2} |",
            huge.sort_ms,
            huge.curl_ms,
            huge.sort_ms / huge.curl_ms
        );
        Ok(())
    }

    fn env_count(var: &str, default: usize) -> usize {
        std::env::var(var)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    fn env_mib(var: &str, default: usize) -> usize {
        std::env::var(var)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
            * MIB
    }

    fn mb_per_s(bytes: usize, elapsed: Duration) -> f64 {
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    }

    struct Huge {
        entries: usize,
        first_rows_ms: f64,
        listing_ms: f64,
        sort_ms: f64,
        curl_ms: f64,
    }

    /// Open a folder of `entries` files in the SPA and sort it by size; the SPA reports its own
    /// timings in `window.__satchel_timings`.
    async fn huge_folder(entries: usize) -> TestResult<Huge> {
        let seed = format!("{}:/Huge:{entries}", USER.login);
        let peers = Peers::start(&[USER], &["--seed-folder", &seed]);
        let url = format!("{}/api/1/metadata/Huge", peers.base);
        let start = Instant::now();
        let status = Command::new("curl")
            .args(["-sS", "-f", "-o", "/dev/null", "-u"])
            .arg(format!("{}:{}", USER.login, USER.password))
            .arg(&url)
            .status()?;
        let curl_ms = start.elapsed().as_secs_f64() * 1000.0;
        assert!(status.success(), "curl listing failed");

        let b = peers.browser().await?;
        b.login(&USER).await?;
        b.open("/files/Huge").await?;
        let timings = wait_timings(&b, |t| {
            t["listing_ms"].is_number() && t["first_rows_ms"].is_number()
        })
        .await?;
        let rows = b
            .client
            .find_all(Locator::Css("table#file-list tr[data-path]"))
            .await?;
        assert!(
            rows.len() < 1000,
            "the list is virtualised ({} rows in the DOM)",
            rows.len()
        );
        let before = timings["sort_ms"].as_f64();
        b.click("#sort-size").await?;
        let timings = wait_timings(&b, |t| {
            t["sort_ms"].is_number() && t["sort_ms"].as_f64() != before
        })
        .await?;
        b.close().await?;
        Ok(Huge {
            entries,
            first_rows_ms: timings["first_rows_ms"].as_f64().unwrap_or(f64::NAN),
            listing_ms: timings["listing_ms"].as_f64().unwrap_or(f64::NAN),
            sort_ms: timings["sort_ms"].as_f64().unwrap_or(f64::NAN),
            curl_ms,
        })
    }

    async fn wait_timings(
        b: &super::support::Browser,
        ready: impl Fn(&serde_json::Value) -> bool,
    ) -> TestResult<serde_json::Value> {
        let deadline = Instant::now() + Duration::from_secs(300);
        while Instant::now() < deadline {
            let t = b
                .client
                .execute("return window.__satchel_timings || null;", vec![])
                .await?;
            if ready(&t) {
                return Ok(t);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("the SPA never reported its timings".into())
    }

    async fn md5(peers: &Peers, size: usize) -> TestResult<Row> {
        let (file, expected) = peers.random_file("md5.bin", size);
        let start = Instant::now();
        let out = Command::new("md5sum").arg(&file).output()?;
        let native = start.elapsed();
        assert!(String::from_utf8_lossy(&out.stdout).starts_with(&expected));

        let b = peers.browser().await?;
        b.open("/bench").await?;
        b.wait("#bench-file")
            .await?
            .send_keys(&file.to_string_lossy())
            .await?;
        let ms = b
            .client
            .wait()
            .at_most(Duration::from_secs(600))
            .for_element(Locator::Css("#bench-ms"))
            .await?;
        let ms: f64 = ms.text().await?.trim().parse()?;
        let got = b.text("#bench-md5").await?;
        assert_eq!(got.trim(), expected, "the worker's MD5 is right");
        b.close().await?;
        Ok(Row {
            what: format!("MD5 of {} MiB (wasm worker vs md5sum)", size / MIB),
            ours: mb_per_s(size, Duration::from_secs_f64(ms / 1000.0)),
            baseline: mb_per_s(size, native),
            baseline_name: "md5sum",
        })
    }

    async fn upload(peers: &Peers, size: usize) -> TestResult<Row> {
        let api = peers.api(&USER);
        // Two different files: the second upload of one file would be deduplicated.
        let (curl_file, curl_md5) = peers.random_file("curl.bin", size);
        let ticket = api
            .post(
                "files/create/",
                &[
                    ("path", "/curl.bin"),
                    ("size", &size.to_string()),
                    ("checksum", &curl_md5),
                    ("multipart", "false"),
                ],
            )
            .await?;
        let url = format!(
            "{}{}",
            peers.base,
            ticket["url"].as_str().ok_or("no upload url")?
        );
        let start = Instant::now();
        let status = Command::new("curl")
            .args(["-sS", "-f", "-o", "/dev/null", "-T"])
            .arg(&curl_file)
            .arg(&url)
            .status()?;
        let curl = start.elapsed();
        assert!(status.success(), "curl PUT failed");
        let temp = ticket["temp_path"]
            .as_str()
            .ok_or("no temp_path")?
            .to_owned();
        api.post(
            "files/confirm/curl.bin",
            &[
                ("temp_name", &temp),
                ("size", &size.to_string()),
                ("checksum", &curl_md5),
            ],
        )
        .await?;
        std::fs::remove_file(&curl_file)?;

        let (spa_file, spa_md5) = peers.random_file("spa.bin", size);
        let b = peers.browser().await?;
        b.login(&USER).await?;
        let start = Instant::now();
        b.wait("#upload-input")
            .await?
            .send_keys(&spa_file.to_string_lossy())
            .await?;
        loop {
            let el = b.wait("[data-upload-name=\"spa.bin\"]").await?;
            match el.attr("data-state").await?.as_deref() {
                Some("done") => break,
                Some(s @ ("failed" | "cancelled" | "deduplicated")) => {
                    return Err(format!("SPA upload ended {s}").into());
                }
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let spa = start.elapsed();
        let meta = api.metadata("/spa.bin").await?.ok_or("spa.bin missing")?;
        assert_eq!(meta["checksum"].as_str(), Some(spa_md5.as_str()));
        b.close().await?;
        Ok(Row {
            what: format!(
                "{} MiB upload (SPA: MD5 + 8 MiB chunks vs one curl PUT)",
                size / MIB
            ),
            ours: mb_per_s(size, spa),
            baseline: mb_per_s(size, curl),
            baseline_name: "curl -T",
        })
    }
}
