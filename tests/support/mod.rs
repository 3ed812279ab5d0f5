//! The real peers of the browser tests and the benchmark: our server on loopback with a fresh
//! SQLite data directory, ChromeDriver, and headless Debian Chromium clicking the built SPA.
//!
//! Nothing here is mocked. The SPA must have been built by trunk (`dist/`) and the server binary
//! by cargo; `cargo xtask test` does both and passes their locations in `SATCHEL_DIST` and
//! `SATCHEL_SERVER_BIN`.

#![allow(dead_code)]

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use md5::{Digest, Md5};
use serde_json::{Value, json};

pub const WAIT: Duration = Duration::from_secs(30);

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn server_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("SATCHEL_SERVER_BIN") {
        return bin.into();
    }
    // `target/debug/deps/browser-…` → `target/debug/satchel-server`
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/debug")
        .join("satchel-server")
}

fn dist_dir() -> PathBuf {
    std::env::var_os("SATCHEL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("dist"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    // Generous: the benchmark's server seeds 100,000 files before it listens.
    let deadline = Instant::now() + Duration::from_secs(600);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited before listening: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not listen on port {port} in time");
}

/// A named journey: one user's story, run against shared peers.
pub type Journey =
    for<'a> fn(&'a Peers) -> std::pin::Pin<Box<dyn std::future::Future<Output = TestResult> + 'a>>;

/// A journey with the capabilities (field names of the SPA's `Capabilities`) it needs.
pub struct Story {
    pub name: &'static str,
    pub needs: &'static [&'static str],
    pub run: Journey,
}

/// The server dialects the SPA speaks (its own enum); every journey suite runs once per dialect.
pub use satchel::config::Dialect;

/// The dialects to test: `SATCHEL_DIALECTS=cloudike,opendrive` (default: all).
pub fn dialects_under_test() -> Vec<Dialect> {
    match std::env::var("SATCHEL_DIALECTS") {
        Ok(list) if !list.trim().is_empty() => Dialect::ALL
            .into_iter()
            .filter(|d| list.split(',').any(|c| c.trim() == d.code()))
            .collect(),
        _ => Dialect::ALL.to_vec(),
    }
}

/// Print an outcome, and append it to `SATCHEL_JOURNEY_LOG` (which `cargo xtask test` shows at the
/// end, since cargo hides a passing test's output).
fn report(line: String) {
    println!("{line}");
    if let Some(path) = std::env::var_os("SATCHEL_JOURNEY_LOG") {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "{line}");
        }
    }
}

/// Run every story, even after one fails, report each outcome (skips included), and return the
/// failures.
async fn run_stories(peers: &Peers, stories: &[Story]) -> Vec<String> {
    let dialect = peers.dialect.code();
    let mut failures = Vec::new();
    for story in stories {
        let missing: Vec<&str> = story
            .needs
            .iter()
            .copied()
            .filter(|c| !peers.has(c))
            .collect();
        if !missing.is_empty() {
            report(format!(
                "journey SKIPPED [{dialect}]: {}: not in this API ({})",
                story.name,
                missing.join(", ")
            ));
            continue;
        }
        match (story.run)(peers).await {
            Ok(()) => report(format!("journey ok [{dialect}]: {}", story.name)),
            Err(e) => {
                report(format!("journey FAILED [{dialect}]: {}: {e}", story.name));
                failures.push(format!("[{dialect}] {}: {e}", story.name));
            }
        }
    }
    failures
}

/// Run a suite once per dialect under test, each against a fresh server with `users` and
/// `server_flags`, skipping (and listing) the journeys a dialect's capability set rules out.
pub async fn run_suite(users: &[User], server_flags: &[&str], stories: &[Story]) {
    let mut failures = Vec::new();
    for dialect in dialects_under_test() {
        let mut peers = Peers::start_dialect(dialect, users, server_flags);
        if let Err(e) = peers.detect_capabilities(users).await {
            failures.push(format!(
                "[{}] reading the capability set: {e}",
                dialect.code()
            ));
            continue;
        }
        report(format!(
            "dialect {}: capabilities {}",
            dialect.code(),
            peers.caps.join(",")
        ));
        failures.extend(run_stories(&peers, stories).await);
    }
    assert!(
        failures.is_empty(),
        "failed journeys:\n{}",
        failures.join("\n")
    );
}

/// A user the server creates at start-up.
pub struct User {
    pub login: &'static str,
    pub password: &'static str,
}

/// Our server and ChromeDriver, killed when dropped.
pub struct Peers {
    /// The dialect the SPA is told to speak at login.
    pub dialect: Dialect,
    /// The SPA's capability set for that dialect (`<body data-capabilities>`).
    pub caps: Vec<String>,
    server: Child,
    driver: Child,
    pub base: String,
    driver_url: String,
    pub data: tempfile::TempDir,
    pub scratch: tempfile::TempDir,
}

impl Peers {
    /// Start the server (with the given extra flags) and ChromeDriver; the SPA speaks Cloudike.
    pub fn start(users: &[User], server_flags: &[&str]) -> Self {
        Self::start_dialect(Dialect::Cloudike, users, server_flags)
    }

    /// Whether the SPA's capability set for this dialect has `cap`.
    pub fn has(&self, cap: &str) -> bool {
        self.caps.iter().any(|c| c == cap)
    }

    /// Sign in as the first user and read the capability set the SPA publishes on `<body>`.
    pub async fn detect_capabilities(&mut self, users: &[User]) -> TestResult {
        let Some(user) = users.first() else {
            return Ok(());
        };
        let b = self.browser().await?;
        b.login(user).await?;
        let caps = b
            .eval_on("body", "return arguments[0].dataset.capabilities;")
            .await?;
        b.close().await?;
        // No attribute at all is a broken SPA, not a dialect that can do nothing.
        let caps = caps
            .as_str()
            .ok_or("the SPA publishes no <body data-capabilities>")?;
        self.caps = caps
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        Ok(())
    }

    /// Start the server and ChromeDriver for a dialect.
    pub fn start_dialect(dialect: Dialect, users: &[User], server_flags: &[&str]) -> Self {
        let dist = dist_dir();
        assert!(
            dist.join("index.html").exists(),
            "{} has no built SPA: run `cargo xtask test`",
            dist.display()
        );
        let bin = server_binary();
        assert!(
            bin.exists(),
            "{} is missing: run `cargo xtask test`",
            bin.display()
        );
        let data = tempfile::tempdir().expect("data dir");
        let scratch = tempfile::tempdir().expect("scratch dir");
        let port = free_port();
        let mut cmd = Command::new(&bin);
        cmd.arg("--data")
            .arg(data.path())
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--spa")
            .arg(&dist)
            .args(server_flags)
            .stdout(std::fs::File::create(data.path().join("server.log")).expect("log file"));
        for user in users {
            cmd.args([
                "--create-user",
                &format!("{}:{}", user.login, user.password),
            ]);
        }
        let mut server = cmd.spawn().expect("start satchel-server");
        wait_for_port(port, "satchel-server", &mut server);

        let driver_port = free_port();
        let mut driver = Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver (Debian package chromium-driver)");
        wait_for_port(driver_port, "chromedriver", &mut driver);
        Self {
            dialect,
            caps: Vec::new(),
            server,
            driver,
            base: format!("http://127.0.0.1:{port}"),
            driver_url: format!("http://127.0.0.1:{driver_port}"),
            data,
            scratch,
        }
    }

    /// A fresh headless Chromium with its own profile and download folder.
    pub async fn browser(&self) -> TestResult<Browser> {
        let profile = tempfile::tempdir()?;
        let downloads = tempfile::tempdir()?;
        let caps = json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.path().to_string_lossy(),
                    "download.prompt_for_download": false,
                    "safebrowsing.enabled": false,
                }
            }
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.driver_url)
            .await?;
        Ok(Browser {
            client,
            dialect: self.dialect,
            base: self.base.clone(),
            downloads,
            _profile: profile,
        })
    }

    /// Direct calls to the server, as the test's independent witness of what was stored.
    pub fn api(&self, user: &User) -> Api {
        Api {
            http: reqwest::Client::new(),
            base: format!("{}/api/1", self.base),
            login: user.login.to_owned(),
            password: user.password.to_owned(),
        }
    }

    /// A file of `len` random bytes in the scratch folder, and its MD5.
    pub fn random_file(&self, name: &str, len: usize) -> (PathBuf, String) {
        use rand::RngCore;
        let mut bytes = vec![0u8; len];
        rand::thread_rng().fill_bytes(&mut bytes);
        let path = self.scratch.path().join(name);
        std::fs::write(&path, &bytes).expect("write random file");
        (path, md5_hex(&bytes))
    }
}

impl Peers {
    /// What the server has logged so far.
    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.data.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for Peers {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.server.kill();
        let _ = self.driver.wait();
        let _ = self.server.wait();
    }
}

pub fn md5_hex(bytes: &[u8]) -> String {
    hex::encode(Md5::digest(bytes))
}

pub fn md5_file(path: &Path) -> String {
    let mut file = std::fs::File::open(path).expect("open");
    let mut hasher = Md5::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    hex::encode(hasher.finalize())
}

/// The Cloudike API as a second witness (HTTP Basic, which the dialect accepts).
pub struct Api {
    http: reqwest::Client,
    base: String,
    login: String,
    password: String,
}

impl Api {
    /// The metadata of `path` (`None` if it does not exist), children included for folders.
    pub async fn metadata(&self, path: &str) -> TestResult<Option<Value>> {
        let url = format!("{}/metadata{}", self.base, encode_path(path));
        let resp = self
            .http
            .get(url)
            .basic_auth(&self.login, Some(&self.password))
            .send()
            .await?;
        match resp.status().as_u16() {
            404 => Ok(None),
            200 => Ok(Some(resp.json().await?)),
            other => Err(format!("metadata {path}: HTTP {other}: {}", resp.text().await?).into()),
        }
    }

    /// Names of the children of a folder.
    pub async fn names(&self, path: &str) -> TestResult<Vec<String>> {
        let meta = self.metadata(path).await?.ok_or("folder missing")?;
        Ok(meta["content"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// POST and return the status and body whatever they are (for refusals).
    pub async fn post_status(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> TestResult<(u16, Value)> {
        let resp = self
            .http
            .post(format!("{}/{endpoint}", self.base))
            .basic_auth(&self.login, Some(&self.password))
            .form(form)
            .send()
            .await?;
        let status = resp.status().as_u16();
        Ok((status, resp.json().await.unwrap_or(Value::Null)))
    }

    pub async fn post(&self, endpoint: &str, form: &[(&str, &str)]) -> TestResult<Value> {
        let resp = self
            .http
            .post(format!("{}/{endpoint}", self.base))
            .basic_auth(&self.login, Some(&self.password))
            .form(form)
            .send()
            .await?;
        let status = resp.status();
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            return Err(format!("{endpoint}: HTTP {status}: {body}").into());
        }
        Ok(body)
    }
}

impl Api {
    /// Store `bytes` at `path` through the dialect's own upload flow (create, PUT, confirm),
    /// overwriting (a new version) when a file is there.
    pub async fn upload(&self, path: &str, bytes: &[u8]) -> TestResult<Value> {
        let md5 = md5_hex(bytes);
        let size = bytes.len().to_string();
        let resp = self
            .http
            .post(format!("{}/files/create/", self.base))
            .basic_auth(&self.login, Some(&self.password))
            .form(&[
                ("path", path),
                ("size", &size),
                ("checksum", &md5),
                ("overwrite", "true"),
            ])
            .send()
            .await?;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await?;
        match status {
            201 => return Ok(body),
            200 => {}
            other => return Err(format!("files/create {path}: HTTP {other}: {body}").into()),
        }
        let origin = self.base.trim_end_matches("/api/1");
        let url = format!("{origin}{}", body["url"].as_str().ok_or("no url")?);
        let put = self.http.put(url).body(bytes.to_vec()).send().await?;
        if !put.status().is_success() {
            return Err(format!("PUT {path}: HTTP {}", put.status()).into());
        }
        let temp = body["temp_path"].as_str().ok_or("no temp_path")?.to_owned();
        self.post(
            &format!("files/confirm{}", encode_path(path)),
            &[("temp_name", &temp), ("overwrite", "true")],
        )
        .await
    }

    /// GET an endpoint that answers JSON.
    pub async fn get_json(&self, endpoint: &str) -> TestResult<Value> {
        let resp = self
            .http
            .get(format!("{}/{endpoint}", self.base))
            .basic_auth(&self.login, Some(&self.password))
            .send()
            .await?;
        let status = resp.status();
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            return Err(format!("{endpoint}: HTTP {status}: {body}").into());
        }
        Ok(body)
    }

    /// Raw GET of a URL on the server (for download tickets).
    pub async fn get_bytes(&self, url: &str) -> TestResult<Vec<u8>> {
        let origin = self.base.trim_end_matches("/api/1");
        let resp = self.http.get(format!("{origin}{url}")).send().await?;
        if !resp.status().is_success() {
            return Err(format!("GET {url}: HTTP {}", resp.status()).into());
        }
        Ok(resp.bytes().await?.to_vec())
    }
}

/// Percent-encode a path segment by segment, as the dialect expects in URLs.
pub fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        for byte in segment.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(byte as char)
                }
                _ => out.push_str(&format!("%{byte:02X}")),
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// One headless Chromium session.
pub struct Browser {
    pub client: Client,
    pub dialect: Dialect,
    pub base: String,
    pub downloads: tempfile::TempDir,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn open(&self, route: &str) -> TestResult {
        self.client.goto(&format!("{}{route}", self.base)).await?;
        Ok(())
    }

    pub async fn wait(&self, css: &str) -> TestResult<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for `{css}`: {e}").into())
    }

    /// Wait until `css` matches nothing.
    pub async fn wait_gone(&self, css: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.client.find_all(Locator::Css(css)).await?.is_empty() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("`{css}` still present after {WAIT:?}").into())
    }

    /// Click `css`. The list re-renders under the pointer (pages arriving, a refresh after a
    /// change), so an element that went stale between finding and clicking is found again.
    pub async fn click(&self, css: &str) -> TestResult {
        self.retry_stale(css, |el| async move { el.click().await })
            .await
    }

    pub async fn fill(&self, css: &str, text: &str) -> TestResult {
        self.retry_stale(css, |el| async move {
            el.clear().await?;
            el.send_keys(text).await
        })
        .await
    }

    /// Send keys (such as `\u{E032}` for F2) to the element `css` matches.
    pub async fn press(&self, css: &str, keys: &str) -> TestResult {
        self.retry_stale(css, |el| async move { el.send_keys(keys).await })
            .await
    }

    async fn retry_stale<F, Fut>(&self, css: &str, act: F) -> TestResult
    where
        F: Fn(Element) -> Fut,
        Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.wait(css).await?;
            match act(el).await {
                Ok(()) => return Ok(()),
                Err(e) if is_stale(&e) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => return Err(format!("`{css}`: {e}").into()),
            }
        }
    }

    pub async fn text(&self, css: &str) -> TestResult<String> {
        Ok(self.wait(css).await?.text().await?)
    }

    /// Wait until the text of `css` contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> TestResult<String> {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if last.contains(needle) {
                    return Ok(last);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("`{css}` never contained {needle:?}; last text {last:?}").into())
    }

    pub async fn login(&self, user: &User) -> TestResult {
        self.sign_in(user).await?;
        self.wait("#file-list, #empty-folder").await?;
        Ok(())
    }

    /// Fill in and submit the login form (picking the dialect), without waiting for the result.
    pub async fn sign_in(&self, user: &User) -> TestResult {
        self.open("/login").await?;
        self.wait("#login-username").await?;
        self.choose_dialect().await?;
        self.fill("#login-username", user.login).await?;
        self.fill("#login-password", user.password).await?;
        self.click("#login-submit").await?;
        Ok(())
    }

    /// Set the login page's dialect picker, if the deployment shows one.
    async fn choose_dialect(&self) -> TestResult {
        let found = self.client.find_all(Locator::Css("#login-dialect")).await?;
        if found.is_empty() {
            return Ok(());
        }
        self.eval_on(
            "#login-dialect",
            &format!(
                "arguments[0].value = '{}'; \
                 arguments[0].dispatchEvent(new Event('change', {{bubbles: true}}));",
                self.dialect.code()
            ),
        )
        .await?;
        Ok(())
    }

    /// CSS for the list row of `path`.
    pub fn row(path: &str) -> String {
        format!("tr[data-path=\"{}\"]", css_escape(path))
    }

    /// Select exactly the row of `path` (a plain click).
    pub async fn select(&self, path: &str) -> TestResult {
        self.click(&format!("{} td.name", Self::row(path))).await
    }

    /// Double-click the element `css` matches.
    pub async fn double_click(&self, css: &str) -> TestResult {
        self.eval_on(
            css,
            "arguments[0].dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));",
        )
        .await?;
        Ok(())
    }

    /// Evaluate a script with the element `css` matches as `arguments[0]` (found again if it
    /// went stale in between, like `click`).
    pub async fn eval_on(&self, css: &str, script: &str) -> TestResult<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.wait(css).await?;
            match self
                .client
                .execute(script, vec![serde_json::to_value(&el)?])
                .await
            {
                Ok(v) => return Ok(v),
                Err(e) if is_stale(&e) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => return Err(format!("`{css}`: {e}").into()),
            }
        }
    }

    /// The attribute `name` of the element `css` matches now (`None`: no such element).
    pub async fn attr_now(&self, css: &str, name: &str) -> TestResult<Option<String>> {
        for _ in 0..20 {
            let Ok(el) = self.client.find(Locator::Css(css)).await else {
                return Ok(None);
            };
            match el.attr(name).await {
                Ok(v) => return Ok(v),
                Err(e) if is_stale(&e) => tokio::time::sleep(Duration::from_millis(50)).await,
                Err(e) => return Err(format!("`{css}`: {e}").into()),
            }
        }
        Err(format!("`{css}` kept going stale").into())
    }

    /// Open a folder in the list (double click).
    pub async fn open_folder(&self, path: &str) -> TestResult {
        self.double_click(&format!("{} td.name", Self::row(path)))
            .await?;
        self.wait(&format!("a[data-crumb-path=\"{}\"]", css_escape(path)))
            .await?;
        Ok(())
    }

    /// Wait for a downloaded file to be complete and return its path.
    pub async fn downloaded(&self, name: &str) -> TestResult<PathBuf> {
        let path = self.downloads.path().join(name);
        let partial = self.downloads.path().join(format!("{name}.crdownload"));
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if path.exists() && !partial.exists() {
                return Ok(path);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let seen: Vec<_> = std::fs::read_dir(self.downloads.path())?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        Err(format!("{name} was not downloaded; the folder holds {seen:?}").into())
    }

    /// Wait for a completed download whose name ends with `suffix`.
    pub async fn downloaded_with_suffix(&self, suffix: &str) -> TestResult<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            for entry in std::fs::read_dir(self.downloads.path())?.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(suffix) {
                    return Ok(entry.path());
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!("no *{suffix} was downloaded").into())
    }

    pub async fn close(self) -> TestResult {
        self.client.close().await?;
        Ok(())
    }
}

fn is_stale(e: &fantoccini::error::CmdError) -> bool {
    e.to_string().contains("stale element")
}

/// Escape a value for a CSS attribute selector in double quotes.
pub fn css_escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}
