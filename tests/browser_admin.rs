//! Administration journeys in a real headless Chromium against the real server: an admin manages
//! people and groups in the admin section; the people concerned see the effect in their own
//! browsers. Runs once per dialect; a dialect without admin endpoints skips (and lists) them.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod journeys {
    use fantoccini::Locator;

    use super::support::{Browser, Peers, Story, TestResult, User, run_suite};

    /// A plain user; first, so the capability probe signs in as nobody special.
    const PIA: User = User {
        login: "pia",
        password: "pia-pass-1",
    };
    const GUS: User = User {
        login: "gus",
        password: "gus-pass-22",
    };
    const UMA: User = User {
        login: "uma",
        password: "uma-pass-33",
    };
    /// The company admin, created with the `admin` role by the flags below.
    const ADELE: User = User {
        login: "adele",
        password: "adele-pass-1",
    };
    const NEWBIE: User = User {
        login: "newbie",
        password: "newbie-pass-1",
    };

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn admin_journeys() {
        run_suite(
            &[PIA, GUS, UMA],
            &["--create-user", "adele:adele-pass-1:admin"],
            &[
                Story {
                    name: "a plain user sees no admin section and the admin API refuses them",
                    needs: &[],
                    run: |p| Box::pin(plain_user(p)),
                },
                Story {
                    name: "the admin creates a user who signs in; disabling ends their session",
                    needs: &["admin_users"],
                    run: |p| Box::pin(create_and_disable(p)),
                },
                Story {
                    name: "a group: create it, add a member, share a folder with it, the member sees it",
                    needs: &["groups", "group_shares"],
                    run: |p| Box::pin(group_share(p)),
                },
                Story {
                    name: "a quota refuses an upload with a clear message and stores nothing",
                    needs: &["quotas"],
                    run: |p| Box::pin(quota(p)),
                },
                Story {
                    name: "an invitation link lets a new person join and sign in",
                    needs: &["invite_users"],
                    run: |p| Box::pin(invitation(p)),
                },
                Story {
                    name: "the storage overview charts the company's users",
                    needs: &["storage_report"],
                    run: |p| Box::pin(storage_report(p)),
                },
            ],
        )
        .await;
    }

    fn row(login: &str) -> String {
        format!("table#admin-users tr[data-login=\"{login}\"]")
    }

    async fn admin_session(peers: &Peers) -> TestResult<Browser> {
        let b = peers.browser().await?;
        b.login(&ADELE).await?;
        Ok(b)
    }

    async fn plain_user(peers: &Peers) -> TestResult {
        let b = peers.browser().await?;
        b.login(&PIA).await?;
        let links = b.client.find_all(Locator::Css("a#nav-admin")).await?;
        if !links.is_empty() {
            return Err("a plain user is offered the admin section".into());
        }
        b.open("/admin/users").await?;
        b.wait("#admin-forbidden").await?;
        if !b
            .client
            .find_all(Locator::Css("table#admin-users"))
            .await?
            .is_empty()
        {
            return Err("a plain user sees the user table".into());
        }
        b.close().await?;

        // The API itself refuses, whatever the SPA shows.
        let (status, body) = peers
            .api(&PIA)
            .post_status("admin/accounts_find_users/", &[])
            .await?;
        if status != 403 {
            return Err(format!("accounts_find_users as a plain user: {status} {body}").into());
        }
        Ok(())
    }

    async fn create_and_disable(peers: &Peers) -> TestResult {
        let admin = admin_session(peers).await?;
        admin.click("a#nav-admin").await?;
        admin.wait("table#admin-users").await?;
        admin.click("#admin-new-user").await?;
        admin.fill("#new-user-login", NEWBIE.login).await?;
        admin.fill("#new-user-name", "New Bie").await?;
        admin.fill("#new-user-password", NEWBIE.password).await?;
        admin.click("#new-user-submit").await?;
        admin.wait(&row(NEWBIE.login)).await?;

        let newbie = peers.browser().await?;
        newbie.login(&NEWBIE).await?;

        admin
            .click(&format!(
                "{} button[data-action=\"disable\"]",
                row(NEWBIE.login)
            ))
            .await?;
        admin
            .wait(&format!(
                "{} button[data-action=\"enable\"]",
                row(NEWBIE.login)
            ))
            .await?;

        // Their very next request fails; the SPA goes back to the login page and says why.
        newbie.click("a#nav-files").await?;
        newbie.open("/files/").await?;
        let notice = newbie.wait_text("#login-notice", "disabled").await?;
        if !notice.to_lowercase().contains("administrator") {
            return Err(format!("the notice does not say what to do: {notice:?}").into());
        }
        // And they cannot sign in again until enabled.
        newbie.sign_in(&NEWBIE).await?;
        newbie.wait_text("#login-error", "disabled").await?;

        admin
            .click(&format!(
                "{} button[data-action=\"enable\"]",
                row(NEWBIE.login)
            ))
            .await?;
        admin
            .wait(&format!(
                "{} button[data-action=\"disable\"]",
                row(NEWBIE.login)
            ))
            .await?;
        newbie.login(&NEWBIE).await?;
        newbie.close().await?;
        admin.close().await?;
        Ok(())
    }

    async fn group_share(peers: &Peers) -> TestResult {
        peers
            .api(&ADELE)
            .upload("/Brand/logo.txt", b"our logo")
            .await?;
        let admin = admin_session(peers).await?;
        admin.click("a#nav-admin").await?;
        admin.click("a#nav-admin-groups").await?;
        admin.fill("#new-group-name", "Design").await?;
        admin.click("#new-group-submit").await?;
        admin
            .click("ul#groups li[data-group=\"Design\"] button.group-open")
            .await?;
        admin.fill("#group-member-login", GUS.login).await?;
        admin.click("#group-member-add").await?;
        admin
            .wait("section#group-members li[data-member=\"gus\"]")
            .await?;

        admin.click("a#nav-files").await?;
        admin.select("/Brand").await?;
        admin.click("#btn-share").await?;
        admin.fill("#share-person", "Design").await?;
        admin
            .click("#share-suggestions li[data-group=\"Design\"]")
            .await?;
        admin.click("#share-invite").await?;
        admin
            .wait("#share-collaborators li[data-group=\"Design\"]")
            .await?;
        admin.close().await?;

        // The member needs to accept nothing: the folder is there, with its file.
        let gus = peers.browser().await?;
        gus.login(&GUS).await?;
        gus.open_folder("/Brand").await?;
        gus.wait(&Browser::row("/Brand/logo.txt")).await?;
        gus.close().await?;
        Ok(())
    }

    async fn quota(peers: &Peers) -> TestResult {
        let admin = admin_session(peers).await?;
        admin.click("a#nav-admin").await?;
        admin
            .click(&format!("{} button[data-action=\"quota\"]", row(UMA.login)))
            .await?;
        admin.wait("#quota-dialog").await?;
        admin.fill("#quota-value", "1").await?;
        admin
            .eval_on(
                "#quota-unit",
                "arguments[0].value = 'MB'; \
                 arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            )
            .await?;
        admin.click("#quota-submit").await?;
        admin.wait_gone("#quota-dialog").await?;
        admin.close().await?;

        let (file, _) = peers.random_file("too-big.bin", 2 * 1024 * 1024);
        let uma = peers.browser().await?;
        uma.login(&UMA).await?;
        uma.press("#upload-input", &file.to_string_lossy()).await?;
        let item = "[data-upload-name=\"too-big.bin\"][data-state=\"failed\"]";
        uma.wait(item).await?;
        uma.wait_text(item, "storage").await?;
        uma.close().await?;
        let names = peers.api(&UMA).names("/").await?;
        if names.iter().any(|n| n == "too-big.bin") {
            return Err("the refused upload was stored".into());
        }
        Ok(())
    }

    async fn invitation(peers: &Peers) -> TestResult {
        let admin = admin_session(peers).await?;
        admin.click("a#nav-admin").await?;
        admin.click("#admin-invite-user").await?;
        admin.fill("#invite-email", "ivy@example.com").await?;
        admin.fill("#invite-name", "Ivy").await?;
        admin.click("#invite-submit").await?;
        let link = admin
            .eval_on("input#invite-link", "return arguments[0].value;")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if !link.contains("/join/") {
            return Err(format!("not an invitation link: {link:?}").into());
        }
        admin.close().await?;

        let ivy = peers.browser().await?;
        let route = &link[link.find("/join/").unwrap_or(0)..];
        ivy.open(route).await?;
        ivy.wait_text("#join-login", "ivy@example.com").await?;
        ivy.fill("#join-name", "Ivy").await?;
        ivy.fill("#join-password", "ivy-pass-123").await?;
        ivy.click("#join-submit").await?;
        ivy.wait("#login-notice").await?;
        ivy.login(&User {
            login: "ivy@example.com",
            password: "ivy-pass-123",
        })
        .await?;
        ivy.close().await?;
        Ok(())
    }

    async fn storage_report(peers: &Peers) -> TestResult {
        peers.api(&PIA).upload("/photo.png", &[7u8; 4096]).await?;
        let admin = admin_session(peers).await?;
        admin.click("a#nav-admin").await?;
        admin.click("a#nav-admin-storage").await?;
        admin
            .wait("section#storage-report svg#storage-by-user")
            .await?;
        admin.wait("svg#storage-by-kind").await?;
        admin.wait_text("table#storage-users", "pia").await?;
        admin.wait_text("table#storage-kinds", "image").await?;
        admin.close().await?;
        Ok(())
    }
}
