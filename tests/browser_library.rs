//! Journeys through the rest of a user's library in a real headless Chromium against the real
//! server: trash, versions, favorites, search, folder download as zip, and previews.
//!
//! Each journey prepares its files through the dialect's own API (the independent witness) and
//! then does the user's part by clicking the SPA.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod journeys {
    use std::io::Read;

    use fantoccini::Locator;

    use super::support::{Browser, Peers, Story, TestResult, User, md5_hex, run_suite};

    const ERIN: User = User {
        login: "erin",
        password: "erin-pass-1",
    };
    const FRANK: User = User {
        login: "frank",
        password: "frank-pass-2",
    };
    const GRACE: User = User {
        login: "grace",
        password: "grace-pass-3",
    };
    const HEIDI: User = User {
        login: "heidi",
        password: "heidi-pass-4",
    };
    const IVAN: User = User {
        login: "ivan",
        password: "ivan-pass-5",
    };
    const JUDY: User = User {
        login: "judy",
        password: "judy-pass-6",
    };

    /// A 1×1 PNG.
    const PNG: [u8; 70] = [
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
        0, 0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 248, 207, 80,
        15, 0, 3, 134, 1, 128, 90, 52, 125, 107, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ];
    /// The smallest PDF a viewer opens: one empty page.
    const PDF: &str = "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn library_journeys() {
        run_suite(
            &[ERIN, FRANK, GRACE, HEIDI, IVAN, JUDY],
            &[],
            &[
                Story {
                    name: "trash: delete, find, restore, empty",
                    needs: &["trash"],
                    run: |p| Box::pin(trash(p)),
                },
                Story {
                    name: "versions: restore an older version",
                    needs: &["versions"],
                    run: |p| Box::pin(versions(p)),
                },
                Story {
                    name: "favorites: star and find",
                    needs: &["favorites"],
                    run: |p| Box::pin(favorites(p)),
                },
                Story {
                    name: "search: find and open the result",
                    needs: &["search"],
                    run: |p| Box::pin(search(p)),
                },
                Story {
                    name: "zip: download a folder",
                    needs: &["archives"],
                    run: |p| Box::pin(zip_download(p)),
                },
                Story {
                    name: "previews: image, text, PDF",
                    needs: &["previews"],
                    run: |p| Box::pin(previews(p)),
                },
            ],
        )
        .await;
    }

    async fn trash(peers: &Peers) -> TestResult {
        let api = peers.api(&ERIN);
        api.upload("/keep-me.txt", b"precious words").await?;
        api.upload("/junk.txt", b"junk").await?;
        let b = peers.browser().await?;
        b.login(&ERIN).await?;

        b.select("/keep-me.txt").await?;
        b.click("#btn-delete").await?;
        b.click("#confirm-ok").await?;
        b.wait_gone(&Browser::row("/keep-me.txt")).await?;
        assert!(api.metadata("/keep-me.txt").await?.is_none());

        b.click("a#nav-trash").await?;
        b.click("tr[data-restore-path=\"/keep-me.txt\"] td").await?;
        b.click("#btn-restore").await?;
        b.wait_gone("tr[data-restore-path=\"/keep-me.txt\"]")
            .await?;
        let ticket = api.get_json("files/get/keep-me.txt").await?;
        let bytes = api
            .get_bytes(ticket["url"].as_str().ok_or("no url")?)
            .await?;
        assert_eq!(bytes, b"precious words", "restored content");

        b.click("a#nav-files").await?;
        b.select("/junk.txt").await?;
        b.click("#btn-delete").await?;
        b.click("#confirm-ok").await?;
        b.wait_gone(&Browser::row("/junk.txt")).await?;
        b.click("a#nav-trash").await?;
        b.wait("tr[data-restore-path=\"/junk.txt\"]").await?;
        b.click("#btn-empty-trash").await?;
        b.click("#confirm-ok").await?;
        b.wait("#empty-trash").await?;
        let listing = api.get_json("trash/").await?;
        assert_eq!(
            listing["content"].as_array().map(Vec::len),
            Some(0),
            "trash emptied"
        );
        b.close().await
    }

    async fn versions(peers: &Peers) -> TestResult {
        let api = peers.api(&FRANK);
        api.upload("/notes.txt", b"first draft").await?;
        api.upload("/notes.txt", b"second draft, much better")
            .await?;
        let b = peers.browser().await?;
        b.login(&FRANK).await?;
        b.select("/notes.txt").await?;
        b.click("#btn-versions").await?;
        b.wait("#versions-panel [data-version=\"1\"]").await?;
        if !peers.has("version_restore") {
            // Listed, but no restore button the dialect could not honour.
            let restore = b
                .client
                .find_all(Locator::Css("#versions-panel .version-restore"))
                .await?;
            assert!(
                restore.is_empty(),
                "restore offered without version_restore"
            );
            return b.close().await;
        }
        b.click("#versions-panel [data-version=\"1\"] .version-restore")
            .await?;
        b.wait("#versions-panel [data-version=\"3\"]").await?;
        let meta = api
            .metadata("/notes.txt")
            .await?
            .ok_or("notes.txt missing")?;
        assert_eq!(
            meta["checksum"].as_str(),
            Some(md5_hex(b"first draft").as_str())
        );
        assert_eq!(
            meta["version"].as_i64(),
            Some(3),
            "the restore is a new version"
        );
        b.close().await
    }

    async fn favorites(peers: &Peers) -> TestResult {
        let api = peers.api(&GRACE);
        api.upload("/Starred/plan.txt", b"plan").await?;
        api.upload("/Plain/other.txt", b"other").await?;
        let b = peers.browser().await?;
        b.login(&GRACE).await?;
        b.select("/Starred").await?;
        b.click("#btn-favorite").await?;
        b.wait(&format!("{} span.star", Browser::row("/Starred")))
            .await?;
        b.click("a#nav-favorites").await?;
        b.wait("table#favorites-list tr[data-path=\"/Starred\"]")
            .await?;
        let rows = b
            .client
            .find_all(fantoccini::Locator::Css(
                "table#favorites-list tr[data-path]",
            ))
            .await?;
        assert_eq!(rows.len(), 1, "only the starred folder is a favorite");
        b.close().await
    }

    async fn search(peers: &Peers) -> TestResult {
        let api = peers.api(&HEIDI);
        api.upload("/Deep/er/needle-report.txt", b"found me")
            .await?;
        api.upload("/Deep/haystack.txt", b"hay").await?;
        let b = peers.browser().await?;
        b.login(&HEIDI).await?;
        b.fill("#search-input", "NEEDLE\n").await?;
        let hit = "table#search-results tr[data-path=\"/Deep/er/needle-report.txt\"]";
        b.wait(hit).await?;
        b.wait_gone("table#search-results tr[data-path=\"/Deep/haystack.txt\"]")
            .await?;
        b.double_click(&format!("{hit} td.name")).await?;
        b.wait("a[data-crumb-path=\"/Deep/er\"]").await?;
        let row = b.wait(&Browser::row("/Deep/er/needle-report.txt")).await?;
        assert_eq!(
            row.attr("aria-selected").await?.as_deref(),
            Some("true"),
            "the hit is selected"
        );
        b.close().await
    }

    async fn zip_download(peers: &Peers) -> TestResult {
        let api = peers.api(&IVAN);
        let (big, big_md5) = peers.random_file("payload.bin", 300 * 1024);
        api.upload("/Pack/readme.txt", b"read me").await?;
        api.upload("/Pack/sub/payload.bin", &std::fs::read(&big)?)
            .await?;
        let b = peers.browser().await?;
        b.login(&IVAN).await?;
        b.select("/Pack").await?;
        b.click("#btn-download").await?;
        let zip_path = b.downloaded_with_suffix(".zip").await?;
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path)?)?;
        let mut found = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i)?;
            let name = entry.name().to_owned();
            if entry.is_file() {
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes)?;
                found.push((name, md5_hex(&bytes)));
            }
        }
        found.sort();
        assert_eq!(
            found,
            vec![
                ("Pack/readme.txt".to_owned(), md5_hex(b"read me")),
                ("Pack/sub/payload.bin".to_owned(), big_md5),
            ]
        );
        b.close().await
    }

    async fn previews(peers: &Peers) -> TestResult {
        let api = peers.api(&JUDY);
        api.upload("/Media/pixel.png", &PNG).await?;
        let text = "<b>not bold</b> plain text\nline two";
        api.upload("/Media/readme.txt", text.as_bytes()).await?;
        api.upload("/Media/doc.pdf", PDF.as_bytes()).await?;
        let b = peers.browser().await?;
        b.login(&JUDY).await?;
        b.open_folder("/Media").await?;

        let loaded = "return arguments[0].complete && arguments[0].naturalWidth > 0;";
        wait_true(
            &b,
            &format!("{} img.thumb", Browser::row("/Media/pixel.png")),
            loaded,
        )
        .await?;

        b.double_click(&format!("{} td.name", Browser::row("/Media/pixel.png")))
            .await?;
        wait_true(&b, "#viewer img#viewer-image", loaded).await?;
        b.click("#viewer-close").await?;
        b.wait_gone("#viewer img#viewer-image").await?;

        b.double_click(&format!("{} td.name", Browser::row("/Media/readme.txt")))
            .await?;
        b.wait_text("#viewer pre#viewer-text", "line two").await?;
        let shown = b.text("#viewer pre#viewer-text").await?;
        assert!(
            shown.contains("<b>not bold</b>"),
            "text is shown as text: {shown:?}"
        );
        b.click("#viewer-close").await?;
        b.wait_gone("#viewer pre#viewer-text").await?;

        b.double_click(&format!("{} td.name", Browser::row("/Media/doc.pdf")))
            .await?;
        let frame = b.wait("#viewer iframe#viewer-pdf").await?;
        let src = frame.attr("src").await?.ok_or("the PDF frame has no src")?;
        let path = src.split_once("://").map_or(src.as_str(), |(_, rest)| {
            rest.find('/').map_or(rest, |i| &rest[i..])
        });
        let bytes = api.get_bytes(path).await?;
        assert!(
            bytes.starts_with(b"%PDF"),
            "the viewer shows the PDF itself"
        );
        b.click("#viewer-close").await?;
        b.close().await
    }

    async fn wait_true(b: &Browser, css: &str, script: &str) -> TestResult {
        let deadline = std::time::Instant::now() + super::support::WAIT;
        while std::time::Instant::now() < deadline {
            if b.eval_on(css, script).await? == serde_json::Value::Bool(true) {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Err(format!("`{css}`: {script} never held").into())
    }
}
