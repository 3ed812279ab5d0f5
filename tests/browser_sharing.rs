//! Sharing journeys with several people in separate headless Chromium profiles against the
//! real server: the owner who shares, the collaborator who is invited, and the stranger who
//! only has a link.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod journeys {
    use std::io::Read;

    use fantoccini::Locator;

    use super::support::{Browser, Peers, Story, TestResult, User, md5_hex, run_suite};

    const KATE: User = User {
        login: "kate",
        password: "kate-pass-1",
    };
    const LEO: User = User {
        login: "leo",
        password: "leo-pass-2",
    };
    const MIA: User = User {
        login: "mia",
        password: "mia-pass-3",
    };
    const NED: User = User {
        login: "ned",
        password: "ned-pass-4",
    };
    const OLGA: User = User {
        login: "olga",
        password: "olga-pass-5",
    };

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sharing_journeys() {
        run_suite(
            &[KATE, LEO, MIA, NED, OLGA],
            &[],
            &[
                Story {
                    name: "share, accept, upload as collaborator, seen by the owner",
                    needs: &["sharing"],
                    run: |p| Box::pin(share_and_collaborate(p)),
                },
                Story {
                    name: "a read-only collaborator has no write actions",
                    needs: &["sharing"],
                    run: |p| Box::pin(read_only(p)),
                },
                Story {
                    name: "a public link with password: browse, download a file and the zip",
                    needs: &[
                        "links",
                        "folder_link_password",
                        "link_expiry",
                        "link_archives",
                    ],
                    run: |p| Box::pin(public_link(p)),
                },
                Story {
                    name: "a public link to a file with a password: the stranger downloads it",
                    needs: &["links", "link_password"],
                    run: |p| Box::pin(file_link(p)),
                },
                Story {
                    name: "my public links: see and revoke one",
                    needs: &["links", "link_list"],
                    run: |p| Box::pin(my_links(p)),
                },
                Story {
                    name: "an expired link says so",
                    needs: &["links", "link_expiry"],
                    run: |p| Box::pin(expired_link(p)),
                },
            ],
        )
        .await;
    }

    async fn share_and_collaborate(peers: &Peers) -> TestResult {
        let owner = peers.api(&KATE);
        owner.upload("/Team/plan.txt", b"the plan").await?;
        let kate = peers.browser().await?;
        kate.login(&KATE).await?;
        kate.select("/Team").await?;
        kate.click("#btn-share").await?;
        kate.fill("#share-person", LEO.login).await?;
        kate.wait("select#share-rights")
            .await?
            .select_by_value("write")
            .await?;
        kate.click("#share-invite").await?;
        let leo = peers.browser().await?;
        if peers.has("invitations") {
            kate.wait("#share-collaborators li[data-login=\"leo\"][data-status=\"invited\"]")
                .await?;
            leo.login(&LEO).await?;
            leo.click("a#nav-shared").await?;
            leo.click("#invites li[data-invite-hash] .invite-accept")
                .await?;
        } else {
            // The share takes effect at once: nothing to accept.
            kate.wait("#share-collaborators li[data-login=\"leo\"]")
                .await?;
            leo.login(&LEO).await?;
            leo.click("a#nav-shared").await?;
        }
        leo.wait("table#shared-with-me tr[data-path=\"/Team\"]")
            .await?;
        leo.click("a#nav-files").await?;
        leo.open_folder("/Team").await?;
        leo.wait(&Browser::row("/Team/plan.txt")).await?;
        let (file, md5) = peers.random_file("from-leo.bin", 200 * 1024);
        leo.press("#upload-input", &file.to_string_lossy()).await?;
        leo.wait("[data-upload-name=\"from-leo.bin\"][data-state=\"done\"]")
            .await?;

        let meta = owner
            .metadata("/Team/from-leo.bin")
            .await?
            .ok_or("not in the owner's tree")?;
        assert_eq!(meta["checksum"].as_str(), Some(md5.as_str()));
        kate.close().await?;
        let kate = peers.browser().await?;
        kate.login(&KATE).await?;
        kate.open_folder("/Team").await?;
        kate.wait(&Browser::row("/Team/from-leo.bin")).await?;
        kate.close().await?;
        leo.close().await
    }

    async fn read_only(peers: &Peers) -> TestResult {
        let owner = peers.api(&MIA);
        let reader = peers.api(&NED);
        owner.upload("/Handbook/rules.txt", b"rules").await?;
        owner
            .post(
                "shares/add/",
                &[
                    ("path", "/Handbook"),
                    ("member_login", NED.login),
                    ("writer", "false"),
                ],
            )
            .await?;
        let invites = reader.get_json("shares/invites/").await?;
        let hash = invites[0]["hash"]
            .as_str()
            .ok_or("no invitation")?
            .to_owned();
        reader.post("shares/accept/", &[("hash", &hash)]).await?;

        let ned = peers.browser().await?;
        ned.login(&NED).await?;
        ned.wait(&format!("{} span.shared-marker", Browser::row("/Handbook")))
            .await?;
        ned.open_folder("/Handbook").await?;
        ned.select("/Handbook/rules.txt").await?;
        for write in [
            "#btn-upload",
            "#btn-new-folder",
            "#btn-rename",
            "#btn-delete",
            "#btn-move",
        ] {
            let found = ned.client.find_all(Locator::Css(write)).await?;
            assert!(
                found.is_empty(),
                "{write} is not offered in a read-only share"
            );
        }
        assert!(
            reader
                .post("fileops/delete/", &[("path", "/Handbook/rules.txt")])
                .await
                .is_err(),
            "the server refuses the write too"
        );
        assert!(owner.metadata("/Handbook/rules.txt").await?.is_some());
        ned.close().await
    }

    async fn file_link(peers: &Peers) -> TestResult {
        let owner = peers.api(&OLGA);
        let (data, data_md5) = peers.random_file("report.bin", 120 * 1024);
        owner.upload("/report.bin", &std::fs::read(&data)?).await?;
        let olga = peers.browser().await?;
        olga.login(&OLGA).await?;
        olga.select("/report.bin").await?;
        olga.click("#btn-share").await?;
        olga.fill("#link-password", "pa55word").await?;
        olga.click("#link-create").await?;
        let url = wait_value(&olga, "input#link-url").await?;
        olga.close().await?;

        let stranger = peers.browser().await?;
        stranger.client.goto(&absolute(peers, &url)).await?;
        stranger.wait("#link-password-prompt").await?;
        stranger.fill("#link-password-input", "wrong").await?;
        stranger.click("#link-password-submit").await?;
        stranger.wait("#link-password-prompt").await?;
        stranger.fill("#link-password-input", "pa55word").await?;
        stranger.click("#link-password-submit").await?;
        stranger.wait_text("#link-name", "report.bin").await?;
        stranger.click("#link-download-file").await?;
        let got = stranger.downloaded("report.bin").await?;
        assert_eq!(md5_hex(&std::fs::read(got)?), data_md5);
        stranger.close().await
    }

    async fn my_links(peers: &Peers) -> TestResult {
        let owner = peers.api(&OLGA);
        owner.upload("/memo.txt", b"a memo for anyone").await?;
        let olga = peers.browser().await?;
        olga.login(&OLGA).await?;
        olga.select("/memo.txt").await?;
        olga.click("#btn-share").await?;
        olga.click("#link-create").await?;
        let url = wait_value(&olga, "input#link-url").await?;
        let listed = |links: &serde_json::Value| {
            links
                .as_array()
                .is_some_and(|a| a.iter().any(|l| l["path"] == "/memo.txt"))
        };
        let links = owner.get_json("links/").await?;
        assert!(listed(&links), "the server has the link: {links}");

        olga.click("#share-close").await?;
        olga.click("a#nav-shared").await?;
        let row = "table#my-links tr[data-path=\"/memo.txt\"]";
        olga.wait_text(row, "memo.txt").await?;
        olga.wait("h2#links-title").await?;
        olga.click(&format!("{row} .my-link-copy")).await?;
        // With or without clipboard access, the status region says something about it.
        let deadline = std::time::Instant::now() + super::support::WAIT;
        loop {
            let said = olga.text("#status").await?;
            if said.contains("copied") || said.contains(&url) {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("the copy was never announced: {said:?}").into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }

        olga.click(&format!("{row} .my-link-delete")).await?;
        olga.click("#confirm-ok").await?;
        olga.wait_gone(row).await?;
        olga.close().await?;
        let links = owner.get_json("links/").await?;
        assert!(!listed(&links), "the link is gone on the server: {links}");

        let stranger = peers.browser().await?;
        stranger.client.goto(&absolute(peers, &url)).await?;
        stranger.wait("#link-not-found").await?;
        stranger.close().await
    }

    async fn public_link(peers: &Peers) -> TestResult {
        let owner = peers.api(&OLGA);
        let (data, data_md5) = peers.random_file("data.bin", 150 * 1024);
        owner
            .upload("/Public/hello.txt", b"hello, stranger")
            .await?;
        owner
            .upload("/Public/sub/data.bin", &std::fs::read(&data)?)
            .await?;

        let olga = peers.browser().await?;
        olga.login(&OLGA).await?;
        olga.select("/Public").await?;
        olga.click("#btn-share").await?;
        olga.fill("#link-password", "s3cret").await?;
        olga.eval_on(
            "#link-expiry",
            "arguments[0].value = '2099-12-31'; \
             arguments[0].dispatchEvent(new Event('input', {bubbles: true})); \
             arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        )
        .await?;
        olga.click("#link-create").await?;
        let url = wait_value(&olga, "input#link-url").await?;
        olga.close().await?;
        let links = owner.get_json("links/").await?;
        assert!(
            links[0]["expires"].is_number(),
            "the expiry was stored: {links}"
        );
        assert_eq!(links[0]["has_password"].as_bool(), Some(true));

        let stranger = peers.browser().await?;
        stranger.client.goto(&absolute(peers, &url)).await?;
        stranger.wait("#link-password-prompt").await?;
        stranger.fill("#link-password-input", "wrong").await?;
        stranger.click("#link-password-submit").await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        stranger.wait("#link-password-prompt").await?;
        assert!(
            stranger
                .client
                .find(Locator::Css("table#link-list"))
                .await
                .is_err(),
            "a wrong password shows nothing"
        );
        stranger.fill("#link-password-input", "s3cret").await?;
        stranger.click("#link-password-submit").await?;
        stranger
            .wait("table#link-list tr[data-path=\"/hello.txt\"]")
            .await?;
        let page = stranger.client.source().await?;
        assert!(
            !page.contains("/Public/"),
            "the owner's tree is never shown"
        );

        stranger
            .double_click("table#link-list tr[data-path=\"/sub\"] td.name")
            .await?;
        stranger
            .click("table#link-list tr[data-path=\"/sub/data.bin\"] .link-download")
            .await?;
        let got = stranger.downloaded("data.bin").await?;
        assert_eq!(super::support::md5_file(&got), data_md5);

        stranger.click("a[data-link-crumb=\"/\"]").await?;
        stranger
            .wait("table#link-list tr[data-path=\"/hello.txt\"]")
            .await?;
        stranger.click("#link-download-zip").await?;
        let zip_path = stranger.downloaded_with_suffix(".zip").await?;
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path)?)?;
        let mut files = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i)?;
            if entry.is_file() {
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes)?;
                files.push((entry.name().to_owned(), md5_hex(&bytes)));
            }
        }
        assert!(
            files
                .iter()
                .any(|(n, m)| n.ends_with("hello.txt") && *m == md5_hex(b"hello, stranger")),
            "hello.txt in the zip: {files:?}"
        );
        assert!(
            files
                .iter()
                .any(|(n, m)| n.ends_with("sub/data.bin") && *m == data_md5),
            "sub/data.bin in the zip: {files:?}"
        );
        stranger.close().await
    }

    async fn expired_link(peers: &Peers) -> TestResult {
        let owner = peers.api(&OLGA);
        owner.upload("/Old/note.txt", b"old news").await?;
        let link = owner
            .post("links/create/", &[("path", "/Old"), ("ttl", "1")])
            .await?;
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let url = link["public_hash"]
            .as_str()
            .ok_or("no public_hash")?
            .to_owned();
        let stranger = peers.browser().await?;
        stranger.client.goto(&absolute(peers, &url)).await?;
        let text = stranger.text("#link-expired").await?;
        assert!(!text.trim().is_empty(), "the expired page explains itself");
        assert!(
            stranger
                .client
                .find(Locator::Css("table#link-list"))
                .await
                .is_err()
        );
        stranger.close().await
    }

    fn absolute(peers: &Peers, url: &str) -> String {
        if url.starts_with("http") {
            url.to_owned()
        } else {
            format!("{}{url}", peers.base)
        }
    }

    async fn wait_value(b: &Browser, css: &str) -> TestResult<String> {
        let deadline = std::time::Instant::now() + super::support::WAIT;
        while std::time::Instant::now() < deadline {
            if let Ok(el) = b.client.find(Locator::Css(css)).await
                && let Some(v) = el.prop("value").await?
                && !v.is_empty()
            {
                return Ok(v);
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Err(format!("`{css}` never got a value").into())
    }
}
