//! User journeys in a real headless Chromium against the real server and the built SPA.
//!
//! One server and one ChromeDriver serve every journey; each journey gets its own user and its
//! own browser profile, so journeys cannot see each other's files. Every journey runs even when
//! an earlier one fails, and the summary names each outcome.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod journeys {
    use std::future::Future;
    use std::time::Duration;

    use fantoccini::Locator;

    use super::support::{Browser, Peers, Story, TestResult, User, md5_file, run_suite};

    const ALICE: User = User {
        login: "alice",
        password: "alice-pass-1",
    };
    const BOB: User = User {
        login: "bob",
        password: "bob-pass-2",
    };
    const CAROL: User = User {
        login: "carol",
        password: "carol-pass-3",
    };
    const DAVE: User = User {
        login: "dave",
        password: "dave-pass-4",
    };

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn browser_journeys() {
        // Part 2 of every upload session fails once: every multi-part upload below must retry it.
        run_suite(
            &[ALICE, BOB, CAROL, DAVE],
            &["--fault-fail-part", "2"],
            &[
                Story {
                    name: "a dialog keeps the keyboard inside until it closes",
                    needs: &[],
                    run: |p| Box::pin(dialog_focus(p)),
                },
                Story {
                    name: "login: wrong password is refused, right one opens the files",
                    needs: &[],
                    run: |p| Box::pin(login(p)),
                },
                Story {
                    name: "large upload in MD5-verified chunks with a retried chunk, then download",
                    needs: &[],
                    run: |p| Box::pin(upload_and_download(p)),
                },
                Story {
                    name: "folder, rename, move, copy, delete",
                    needs: &[],
                    run: |p| Box::pin(file_operations(p)),
                },
                Story {
                    name: "hostile names render as text",
                    needs: &[],
                    run: |p| Box::pin(hostile_names(p)),
                },
                Story {
                    name: "session survives reload and ends at logout",
                    needs: &[],
                    run: |p| Box::pin(session(p)),
                },
            ],
        )
        .await;
    }

    async fn login(peers: &Peers) -> TestResult {
        let b = peers.browser().await?;
        b.open("/").await?;
        b.fill("#login-username", CAROL.login).await?;
        b.fill("#login-password", "not-the-password").await?;
        b.click("#login-submit").await?;
        let error = b.wait_text("#login-error", "").await?;
        assert!(!error.trim().is_empty(), "a wrong password must say so");
        assert!(
            b.client.find(Locator::Css("#file-list")).await.is_err(),
            "no file list after a failed login"
        );
        b.login(&CAROL).await?;
        let who = b.text("#current-user").await?;
        assert!(!who.trim().is_empty(), "the signed-in user is shown");
        b.close().await
    }

    async fn upload_and_download(peers: &Peers) -> TestResult {
        let api = peers.api(&ALICE);
        let b = peers.browser().await?;
        b.login(&ALICE).await?;
        create_folder(&b, "Incoming").await?;
        b.open_folder("/Incoming").await?;

        // 50 MiB in the default 8 MiB chunks: 7 parts, part 2 fails once on the server.
        let (file, md5) = peers.random_file("big.bin", 50 * 1024 * 1024);
        b.press("#upload-input", &file.to_string_lossy()).await?;
        wait_upload(&b, "big.bin", Duration::from_secs(240)).await?;

        assert!(
            peers
                .server_log()
                .contains("injected fault: refused the first PUT of part 2"),
            "the server refused part 2 once, so the upload above survived a retry"
        );
        let meta = api
            .metadata("/Incoming/big.bin")
            .await?
            .ok_or("big.bin not stored")?;
        assert_eq!(meta["checksum"].as_str(), Some(md5.as_str()), "stored MD5");
        assert_eq!(
            meta["bytes"].as_u64(),
            Some(50 * 1024 * 1024),
            "stored size"
        );
        b.wait(&Browser::row("/Incoming/big.bin")).await?;

        // The same content again deduplicates: the server already has it.
        let copy = peers.scratch.path().join("again.bin");
        std::fs::copy(&file, &copy)?;
        b.press("#upload-input", &copy.to_string_lossy()).await?;
        wait_upload(&b, "again.bin", Duration::from_secs(120)).await?;
        let state = b
            .attr_now("[data-upload-name=\"again.bin\"]", "data-state")
            .await?;
        assert_eq!(
            state.as_deref(),
            Some("deduplicated"),
            "identical content is not sent again"
        );

        b.select("/Incoming/big.bin").await?;
        b.click("#btn-download").await?;
        let downloaded = b.downloaded("big.bin").await?;
        assert_eq!(
            md5_file(&downloaded),
            md5,
            "downloaded bytes equal the uploaded ones"
        );
        b.close().await
    }

    async fn file_operations(peers: &Peers) -> TestResult {
        let api = peers.api(&BOB);
        let b = peers.browser().await?;
        b.login(&BOB).await?;
        create_folder(&b, "Reports").await?;
        create_folder(&b, "Archive").await?;
        b.open_folder("/Reports").await?;
        let (file, _) = peers.random_file("q1.txt", 4096);
        b.press("#upload-input", &file.to_string_lossy()).await?;
        wait_upload(&b, "q1.txt", Duration::from_secs(60)).await?;

        // Rename with F2.
        b.select("/Reports/q1.txt").await?;
        b.press(&Browser::row("/Reports/q1.txt"), "\u{E032}")
            .await?;
        b.fill("#dialog-name", "q1-final.txt").await?;
        b.click("#dialog-ok").await?;
        b.wait(&Browser::row("/Reports/q1-final.txt")).await?;
        assert_eq!(
            api.names("/Reports").await?,
            vec!["q1-final.txt".to_owned()]
        );

        // Copy into Archive, then move the original there too (the copy is numbered).
        b.select("/Reports/q1-final.txt").await?;
        b.click("#btn-copy").await?;
        pick_folder(&b, "/Archive").await?;
        wait_until(|| async { Ok(api.names("/Archive").await?.len() == 1) }).await?;
        b.select("/Reports/q1-final.txt").await?;
        b.click("#btn-move").await?;
        pick_folder(&b, "/Archive").await?;
        b.wait("#empty-folder").await?;
        let mut archived = api.names("/Archive").await?;
        archived.sort();
        assert_eq!(
            archived,
            vec!["q1-final (1).txt".to_owned(), "q1-final.txt".to_owned()]
        );

        // Delete with confirmation, using the Delete key.
        b.click("a[data-crumb-path=\"/\"]").await?;
        b.select("/Archive").await?;
        b.press(&Browser::row("/Archive"), "\u{E017}").await?;
        b.click("#confirm-ok").await?;
        b.wait_gone(&Browser::row("/Archive")).await?;
        assert!(
            api.metadata("/Archive").await?.is_none(),
            "deleted folder is gone"
        );
        b.close().await
    }

    async fn hostile_names(peers: &Peers) -> TestResult {
        let api = peers.api(&DAVE);
        // Stored through the witness, so every dialect must show it, even one whose own rules
        // would refuse such a name.
        let hostile = "<img src=x onerror=\"window.__pwned=1\">";
        let path = format!("/{hostile}");
        api.upload(&path, b"x").await?;
        let b = peers.browser().await?;
        b.login(&DAVE).await?;
        let cell = b.wait(&format!("{} td.name", Browser::row(&path))).await?;
        assert!(
            cell.text().await?.contains(hostile),
            "the name is shown literally"
        );

        // Typed in the dialog, a markup name is either made and shown as text, or refused with
        // a message, as the dialect's naming rules say; never run.
        let script = "<script>window.__pwned=1</script>";
        b.click("#btn-new-folder").await?;
        b.fill("#dialog-name", script).await?;
        b.click("#dialog-ok").await?;
        let made = format!("{} td.name", Browser::row(&format!("/{script}")));
        let outcome = b
            .wait(&format!("{made}, #dialog-error:not(:empty)"))
            .await?;
        if outcome.attr("id").await?.as_deref() == Some("dialog-error") {
            b.click("#dialog-cancel").await?;
            assert!(api.metadata(&format!("/{script}")).await?.is_none());
        } else {
            assert_eq!(b.text(&made).await?.trim(), script, "shown literally");
        }
        let pwned = b
            .client
            .execute("return window.__pwned === 1;", vec![])
            .await?;
        assert_eq!(pwned, serde_json::Value::Bool(false), "no script ran");

        // A name every dialect must refuse is refused in the dialog, with a message, and
        // nothing is made.
        let before = api.names("/").await?;
        b.click("#btn-new-folder").await?;
        b.fill("#dialog-name", "../escape").await?;
        b.click("#dialog-ok").await?;
        let msg = b.wait_text("#dialog-error", "").await?;
        assert!(!msg.trim().is_empty(), "an invalid name is explained");
        b.click("#dialog-cancel").await?;
        assert_eq!(api.names("/").await?, before);
        b.close().await
    }

    async fn session(peers: &Peers) -> TestResult {
        let b = peers.browser().await?;
        b.login(&CAROL).await?;
        b.client.refresh().await?;
        b.wait("#file-list, #empty-folder").await?;
        b.click("#btn-logout").await?;
        b.wait("#login-username").await?;
        b.client.refresh().await?;
        b.wait("#login-username").await?;
        b.close().await
    }

    async fn dialog_focus(peers: &Peers) -> TestResult {
        let b = peers.browser().await?;
        b.login(&DAVE).await?;
        b.click("#btn-new-folder").await?;
        b.wait("#dialog-name").await?;
        for forward in [true, true, true, true, false, false, false, false, false] {
            let keys = if forward {
                "\u{E004}"
            } else {
                "\u{E008}\u{E004}"
            };
            b.client.active_element().await?.send_keys(keys).await?;
            let inside = b
                .client
                .execute(
                    "return !!(document.activeElement && document.activeElement.closest('[role=dialog]'));",
                    vec![],
                )
                .await?;
            if inside != serde_json::Value::Bool(true) {
                return Err(format!("Tab (forward: {forward}) left the dialog").into());
            }
        }
        b.press("#dialog-name", "\u{E00C}").await?;
        b.wait_gone("#dialog-name").await?;
        b.close().await
    }

    async fn create_folder(b: &Browser, name: &str) -> TestResult {
        b.click("#btn-new-folder").await?;
        b.fill("#dialog-name", name).await?;
        b.click("#dialog-ok").await?;
        b.wait_gone("#dialog-name").await?;
        Ok(())
    }

    async fn pick_folder(b: &Browser, path: &str) -> TestResult {
        b.wait("#folder-picker").await?;
        b.click(&format!("[data-picker-path=\"{path}\"]")).await?;
        b.click("#picker-ok").await?;
        b.wait_gone("#folder-picker[open], #picker-ok").await?;
        Ok(())
    }

    async fn wait_upload(b: &Browser, name: &str, limit: Duration) -> TestResult {
        let css = format!("[data-upload-name=\"{name}\"]");
        let deadline = std::time::Instant::now() + limit;
        loop {
            match b.attr_now(&css, "data-state").await?.as_deref() {
                Some("done" | "deduplicated") => return Ok(()),
                Some(s @ ("failed" | "cancelled" | "skipped")) => {
                    return Err(format!("{name} ended {s}: {}", b.text(&css).await?).into());
                }
                _ => {}
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("{name} did not finish uploading in {limit:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn wait_until<F, Fut>(mut check: F) -> TestResult
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = TestResult<bool>>,
    {
        let deadline = std::time::Instant::now() + super::support::WAIT;
        while std::time::Instant::now() < deadline {
            if check().await? {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("condition not met in time".into())
    }
}
