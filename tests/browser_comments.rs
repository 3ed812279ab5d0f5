//! Comments, mentions, tasks and the activity feed between two people on a shared folder, each
//! in their own headless Chromium profile, against the real server.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod journeys {
    use super::support::{Peers, Story, TestResult, User, run_suite};

    const PAT: User = User {
        login: "pat",
        password: "pat-pass-1",
    };
    const QUINN: User = User {
        login: "quinn",
        password: "quinn-pass-2",
    };

    const RAY: User = User {
        login: "ray",
        password: "ray-pass-77",
    };
    const SAM: User = User {
        login: "sam",
        password: "sam-pass-88",
    };

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn comment_journeys() {
        run_suite(
            &[PAT, QUINN, RAY, SAM],
            &[],
            &[
                Story {
                    name: "comments: write one on a shared file, the collaborator reads it, HTML is text",
                    needs: &["comments"],
                    run: |p| Box::pin(comment(p)),
                },
                Story {
                    name: "comment and mention, see it in the feed, assign a task, complete it",
                    needs: &["comments", "tasks", "activity"],
                    run: |p| Box::pin(discuss(p)),
                },
            ],
        )
        .await;
    }

    async fn comment(peers: &Peers) -> TestResult {
        let ray_api = peers.api(&RAY);
        let sam_api = peers.api(&SAM);
        ray_api.upload("/Notes/draft.txt", b"draft").await?;
        ray_api
            .post(
                "shares/add/",
                &[
                    ("path", "/Notes"),
                    ("member_login", SAM.login),
                    ("writer", "true"),
                ],
            )
            .await?;
        let invites = sam_api.get_json("shares/invites/").await?;
        let hash = invites[0]["hash"]
            .as_str()
            .ok_or("no invitation")?
            .to_owned();
        sam_api.post("shares/accept/", &[("hash", &hash)]).await?;

        let ray = peers.browser().await?;
        ray.login(&RAY).await?;
        ray.open_folder("/Notes").await?;
        ray.select("/Notes/draft.txt").await?;
        ray.click("#btn-comments").await?;
        ray.fill("#comment-input", "Looks good <i>mostly</i>")
            .await?;
        ray.click("#comment-submit").await?;
        ray.wait_text(
            "#comment-list li[data-comment-id] .comment-text",
            "<i>mostly</i>",
        )
        .await?;
        ray.close().await?;

        // Stored in the one core: the other dialect's witness reads it too.
        let stored = ray_api
            .get_json("workflow/comments/Notes/draft.txt")
            .await?;
        assert!(
            stored.to_string().contains("Looks good"),
            "the comment is stored: {stored}"
        );

        let sam = peers.browser().await?;
        sam.login(&SAM).await?;
        sam.open_folder("/Notes").await?;
        sam.select("/Notes/draft.txt").await?;
        sam.click("#btn-comments").await?;
        sam.wait_text("#comment-list", "Looks good").await?;
        let no_markup = sam
            .eval_on(
                "#comment-list",
                "return arguments[0].querySelector('i') === null;",
            )
            .await?;
        assert_eq!(
            no_markup,
            serde_json::Value::Bool(true),
            "HTML in a comment is text"
        );
        sam.close().await
    }

    async fn discuss(peers: &Peers) -> TestResult {
        let pat_api = peers.api(&PAT);
        let quinn_api = peers.api(&QUINN);
        pat_api.upload("/Project/spec.txt", b"the spec").await?;
        pat_api
            .post(
                "shares/add/",
                &[
                    ("path", "/Project"),
                    ("member_login", QUINN.login),
                    ("writer", "true"),
                ],
            )
            .await?;
        let invites = quinn_api.get_json("shares/invites/").await?;
        let hash = invites[0]["hash"]
            .as_str()
            .ok_or("no invitation")?
            .to_owned();
        quinn_api.post("shares/accept/", &[("hash", &hash)]).await?;

        let pat = peers.browser().await?;
        pat.login(&PAT).await?;
        pat.open_folder("/Project").await?;
        pat.select("/Project/spec.txt").await?;
        pat.click("#btn-comments").await?;
        pat.fill("#comment-input", "Please review @quinn <b>now</b>")
            .await?;
        pat.click("#comment-submit").await?;
        let text = pat
            .wait_text(
                "#comment-list li[data-comment-id] .comment-text",
                "<b>now</b>",
            )
            .await?;
        assert!(text.contains("Please review"), "{text:?}");
        let no_markup = pat
            .eval_on(
                "#comment-list li[data-comment-id] .comment-text",
                "return arguments[0].querySelector('b') === null;",
            )
            .await?;
        assert_eq!(
            no_markup,
            serde_json::Value::Bool(true),
            "HTML in a comment is text"
        );

        // A task for Quinn, due in the future.
        pat.click("#comment-is-task").await?;
        pat.eval_on(
            "select#task-assignees",
            "for (const o of arguments[0].options) { \
               if (o.value === 'quinn' || o.textContent.includes('quinn')) o.selected = true; } \
             arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        )
        .await?;
        pat.eval_on(
            "input#task-due",
            "arguments[0].value = '2099-06-30'; \
             arguments[0].dispatchEvent(new Event('input', {bubbles: true})); \
             arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        )
        .await?;
        pat.fill("#comment-input", "Fix the introduction").await?;
        pat.click("#comment-submit").await?;
        pat.wait_text("#comment-list", "Fix the introduction")
            .await?;
        let comments = pat_api
            .get_json("workflow/comments/Project/spec.txt")
            .await?;
        let task = comments
            .as_array()
            .and_then(|c| c.iter().find(|c| c["type"] == "task"))
            .ok_or("the task was not stored")?
            .clone();
        let task_id = task["id"].as_str().ok_or("task id")?.to_owned();
        assert_eq!(task["assignees"][0]["user_id"], quinn_id(&quinn_api).await?);
        assert!(
            task["due_date"].as_i64().unwrap_or(0) > 0,
            "due date stored"
        );
        let task_css = format!("#comment-list li[data-comment-id=\"{task_id}\"]");
        let before = pat.text(&task_css).await?;

        // Quinn sees the mention in the activity feed, then completes the task.
        let quinn = peers.browser().await?;
        quinn.login(&QUINN).await?;
        quinn.click("a#nav-activity").await?;
        quinn
            .wait("#activity li[data-event-type=\"mention\"]")
            .await?;
        quinn.click("a#nav-files").await?;
        quinn.open_folder("/Project").await?;
        quinn.select("/Project/spec.txt").await?;
        quinn.click("#btn-comments").await?;
        quinn.wait_text("#comment-list", "Please review").await?;
        quinn.click(&format!("{task_css} .task-complete")).await?;
        wait_status(&pat_api, &task_id, "completed").await?;

        // Pat sees the change.
        pat.click("#comments-close").await?;
        pat.select("/Project/spec.txt").await?;
        pat.click("#btn-comments").await?;
        let deadline = std::time::Instant::now() + super::support::WAIT;
        loop {
            let now = pat.text(&task_css).await?;
            if now != before {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err("the owner never saw the task's new status".into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        quinn.close().await?;
        pat.close().await
    }

    async fn quinn_id(api: &super::support::Api) -> TestResult<serde_json::Value> {
        Ok(api.get_json("accounts/get/").await?["userid"].clone())
    }

    async fn wait_status(api: &super::support::Api, id: &str, status: &str) -> TestResult {
        let deadline = std::time::Instant::now() + super::support::WAIT;
        while std::time::Instant::now() < deadline {
            let comments = api.get_json("workflow/comments/Project/spec.txt").await?;
            let done = comments.as_array().is_some_and(|c| {
                c.iter()
                    .any(|c| c["id"] == id && c["assignees"][0]["status"] == status)
            });
            if done {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        Err(format!("the task never became {status}").into())
    }
}
