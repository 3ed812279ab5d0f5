//! OpenDrive sharing with people, public access with passwords, and file comments through the
//! one-task-per-item mapping, over real HTTP.

mod common;

use common::opendrive::{self as od, error_of, ok};
use common::{LOGIN, PASSWORD, start};
use satchel_wire::opendrive::{
    Comment, File, Folder, ShareGrant, ShareUsers, SharedFolder, SharedUsers, Task,
};
use serde_json::{Value, json};

#[tokio::test]
async fn share_a_folder_at_once_with_modes() {
    let s = start().await;
    s.core
        .ensure_user("bob", "bob-secret", "Bob Builder")
        .await
        .unwrap();
    let alice = od::login(&s, LOGIN, PASSWORD).await;
    let bob = od::login(&s, "bob", "bob-secret").await;
    let team = alice.mkdir("0", "Team").await;
    let f = alice.upload(&team.FolderID, "plan.txt", b"plan", 10).await;

    let g: ShareGrant = ok(alice
        .post(
            "sharing.json",
            json!({"folder_id": team.FolderID, "username": "bob", "sharemode": "0"}),
        )
        .await)
    .await;
    assert_eq!(
        g.SharingID,
        format!(
            "{}_{}",
            team.FolderID,
            s.core.check_password("bob", "bob-secret").await.unwrap().id
        )
    );
    assert_eq!((g.Name.as_str(), g.ShareMode.as_str()), ("bob", "0"));
    // Immediately in Bob's root: no invitation to accept.
    let root = bob.list("0").await;
    assert_eq!(root.Folders.len(), 1);
    let mount = &root.Folders[0];
    assert_eq!(
        (mount.FolderID.as_str(), mount.IsMount, mount.Writable),
        (team.FolderID.as_str(), 1, 0)
    );
    assert_eq!(mount.Shared, "1");
    let inside = bob.list(&mount.FolderID).await;
    assert_eq!(inside.Files[0].FileId, f.FileId);
    assert_eq!(bob.download(&f.FileId).await, b"plan");
    // View only: every write is refused.
    let (st, _) = error_of(
        bob.post(
            "folder.json",
            json!({"folder_name": "x", "folder_sub_parent": team.FolderID}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 403);
    let (st, _) = error_of(
        bob.post(
            "file/rename.json",
            json!({"file_id": f.FileId, "new_file_name": "y.txt"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 403);
    let (st, _) = error_of(bob.create_file(&team.FolderID, "up.txt", b"up").await).await;
    assert_eq!(st, 403);

    // Full access, then Bob writes; Alice sees it.
    let r: Value = ok(alice
        .put(
            "sharing/setmode.json",
            json!({"sharing_id": g.SharingID, "sharemode": "1"}),
        )
        .await)
    .await;
    assert_eq!(r, json!({"result": true}));
    let up = bob.upload(&team.FolderID, "from-bob.txt", b"bob", 10).await;
    assert!(
        alice
            .names(&team.FolderID)
            .await
            .contains(&"from-bob.txt".to_owned())
    );
    assert_eq!(alice.download(&up.FileId).await, b"bob");

    let users: ShareUsers = ok(alice
        .get(
            &format!("sharing/listusers.json/{{sid}}/{}", team.FolderID),
            &[],
        )
        .await)
    .await;
    assert_eq!(users.ShareWithUser.len(), 1);
    assert_eq!(
        (
            users.ShareWithUser[0].ShareMode.as_str(),
            users.ShareWithUser[0].DisplayName.as_str()
        ),
        ("1", "Bob Builder")
    );
    let mine: SharedUsers = ok(bob.get("sharing/listsharedusers.json/{sid}", &[]).await).await;
    assert_eq!(mine.SharedUsers[0].Name, "Alice");
    assert_eq!(mine.SharedUsers[0].FolderID, team.FolderID);

    // Errors: twice, unknown user, bad mode, not the owner.
    let (st, e) = error_of(
        alice
            .post(
                "sharing.json",
                json!({"folder_id": team.FolderID, "username": "bob", "sharemode": "1"}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (st.as_u16(), e.message.as_str()),
        (
            409,
            "409: Conflict: This folder already shared with this user"
        )
    );
    let (st, e) = error_of(
        alice
            .post(
                "sharing.json",
                json!({"folder_id": team.FolderID, "username": "nobody", "sharemode": "1"}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (st.as_u16(), e.message.as_str()),
        (404, "404: Not Found: User not found")
    );
    let (st, _) = error_of(
        alice
            .post(
                "sharing.json",
                json!({"folder_id": team.FolderID, "username": "bob", "sharemode": "7"}),
            )
            .await,
    )
    .await;
    assert_eq!(st, 400);
    let (st, _) = error_of(
        bob.put(
            "sharing/setmode.json",
            json!({"sharing_id": g.SharingID, "sharemode": "0"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 403);

    // Removing the grant takes the folder out of Bob's tree.
    ok::<Value>(
        alice
            .delete(&format!("sharing.json/{{sid}}/{}", g.SharingID))
            .await,
    )
    .await;
    assert!(bob.list("0").await.Folders.is_empty());
    assert_eq!(
        error_of(bob.get(&format!("file/info.json/{}", f.FileId), &[]).await)
            .await
            .0,
        404
    );
    let (st, _) = error_of(
        alice
            .delete(&format!("sharing.json/{{sid}}/{}", g.SharingID))
            .await,
    )
    .await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn public_links_with_password() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let pub_dir = o.mkdir("0", "Public").await;
    let sub = o.mkdir(&pub_dir.FolderID, "Sub").await;
    let f = o
        .upload(&pub_dir.FolderID, "photo.txt", b"public bytes", 100)
        .await;
    o.upload(&sub.FolderID, "deep.txt", b"deep", 100).await;
    let anon = &s.http;

    // A file: public, then a password.
    let pf: File = ok(o
        .post(
            "file/access.json",
            json!({"file_id": f.FileId, "file_ispublic": 1}),
        )
        .await)
    .await;
    assert_eq!(pf.Access, 1);
    let public_id = pf.Link.strip_prefix("/s/").unwrap().to_owned();
    assert_eq!(public_id.len(), 40);
    let info: File = ok(anon
        .get(o.url(&format!("file/info.json/{public_id}")))
        .send()
        .await
        .unwrap())
    .await;
    assert_eq!(info.Name, "photo.txt");
    assert_eq!(info.FileId, public_id);
    let got = anon
        .get(o.url(info.DownloadLink.trim_start_matches("/api/v1/")))
        .send()
        .await
        .unwrap();
    assert_eq!(got.bytes().await.unwrap().to_vec(), b"public bytes");
    // The node id is no public handle.
    let r = anon
        .get(o.url(&format!("file/info.json/{}", f.FileId)))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 401);

    let r: Value = ok(o
        .put(
            "file/filesettings.json",
            json!({"file_id": f.FileId, "file_password": "s3cret"}),
        )
        .await)
    .await;
    assert_eq!(r, json!({"result": true}));
    let listed = o.list(&pub_dir.FolderID).await;
    assert_eq!(listed.Files[0].PasswordProtected, 1);
    assert_eq!(listed.Files[0].Password, "");
    let r = anon
        .get(o.url(&format!("file/info.json/{public_id}")))
        .send()
        .await
        .unwrap();
    let (st, e) = error_of(r).await;
    assert_eq!(
        (st.as_u16(), e.kind.as_deref()),
        (403, Some("PasswordRequired"))
    );
    let r = anon
        .get(o.url(&format!("download/file.json/{public_id}")))
        .query(&[("password", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.1.kind.as_deref(), Some("WrongPassword"));
    let r = anon
        .get(o.url(&format!("download/file.json/{public_id}")))
        .query(&[("password", "s3cret")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.bytes().await.unwrap().to_vec(), b"public bytes");
    let verify = |pw: &'static str| {
        let url = o.url("file/verifypassword.json");
        let body = json!({"file_id": public_id, "password": pw});
        async move { ok::<Value>(anon.post(url).json(&body).send().await.unwrap()).await }
    };
    assert_eq!(verify("s3cret").await, json!({"Result": true}));
    assert_eq!(verify("nope").await, json!({"Result": false}));
    // Making it public again keeps the password; private removes the link.
    ok::<File>(
        o.post(
            "file/access.json",
            json!({"file_id": f.FileId, "file_ispublic": 2}),
        )
        .await,
    )
    .await;
    let r = anon
        .get(o.url(&format!("file/info.json/{public_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 403);
    let priv_: File = ok(o
        .post(
            "file/access.json",
            json!({"file_id": f.FileId, "file_ispublic": 0}),
        )
        .await)
    .await;
    assert_eq!((priv_.Access, priv_.Link.as_str()), (3, ""));
    let r = anon
        .get(o.url(&format!("file/info.json/{public_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 404);
    // A password needs a public file.
    let (st, _) = error_of(
        o.put(
            "file/filesettings.json",
            json!({"file_id": f.FileId, "file_password": "x"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400);
    let (st, _) = error_of(
        o.post(
            "file/access.json",
            json!({"file_id": f.FileId, "file_ispublic": 9}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400);

    // A folder: the recipient browses it and below, downloads by relative path.
    let pd: Folder = ok(o
        .post(
            "folder/setaccess.json",
            json!({"folder_id": pub_dir.FolderID, "folder_ispublic": 1}),
        )
        .await)
    .await;
    let folder_public = pd.Link.strip_prefix("/s/").unwrap().to_owned();
    let r = anon
        .get(o.url(&format!("folder/shared.json/{folder_public}")))
        .send()
        .await
        .unwrap();
    let view: SharedFolder = ok(r).await;
    assert_eq!(view.FolderInfo.Name, "Public");
    assert_eq!(view.Folders[0].Name, "Sub");
    assert_eq!(view.Files[0].FileId, "", "no node ids for recipients");
    let r = anon
        .get(o.url(&format!("folder/shared.json/{folder_public}")))
        .query(&[("path", "/Sub")])
        .send()
        .await
        .unwrap();
    let below: SharedFolder = ok(r).await;
    assert_eq!(below.Files[0].Name, "deep.txt");
    let link = below.Files[0]
        .DownloadLink
        .trim_start_matches("/api/v1/")
        .to_owned();
    let r = anon.get(o.url(&link)).send().await.unwrap();
    assert_eq!(r.bytes().await.unwrap().to_vec(), b"deep");
    // Nothing outside can be reached; a folder is not a file.
    let r = anon
        .get(o.url(&format!("folder/shared.json/{folder_public}")))
        .query(&[("path", "/../..")])
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 400);
    let r = anon
        .get(o.url(&format!("file/info.json/{folder_public}")))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(r).await.0, 404);
    assert_eq!(o.list("0").await.Folders[0].Access, 1);
}

#[tokio::test]
async fn comments_as_the_task_of_each_item() {
    let s = start().await;
    s.core
        .ensure_user("bob", "bob-secret", "Bob")
        .await
        .unwrap();
    let alice = od::login(&s, LOGIN, PASSWORD).await;
    let bob = od::login(&s, "bob", "bob-secret").await;
    let d = alice.mkdir("0", "Docs").await;
    let f = alice.upload(&d.FolderID, "memo.txt", b"memo", 10).await;

    let c1: Comment = ok(alice
        .post(
            &format!("tasks/comment.json/{{sid}}/{}", f.FileId),
            json!({"comment_text": "First <b>thought</b>"}),
        )
        .await)
    .await;
    assert_eq!(
        (c1.Number.as_str(), c1.Comment.as_str(), c1.Editable),
        ("1", "First <b>thought</b>", 1)
    );
    assert_eq!(c1.OwnerFirstName, "Alice");
    let c2: Comment = ok(alice
        .post(
            &format!("tasks/comment.json/{{sid}}/{}", f.FileId),
            json!({"comment_text": "Second"}),
        )
        .await)
    .await;
    let list: Vec<Comment> = ok(alice
        .get(
            &format!("tasks/taskcomments.json/{{sid}}/{}", f.FileId),
            &[],
        )
        .await)
    .await;
    assert_eq!(
        list.iter().map(|c| c.Comment.as_str()).collect::<Vec<_>>(),
        ["First <b>thought</b>", "Second"]
    );
    let one: Vec<Comment> = ok(alice
        .get(
            &format!(
                "tasks/taskcomments.json/{{sid}}/{}/{}",
                f.FileId, c2.CommentId
            ),
            &[],
        )
        .await)
    .await;
    assert_eq!(one.len(), 1);
    let task: Task = ok(alice
        .get(
            "tasks.json",
            &[("task_id", &f.FileId), ("with_comments", "1")],
        )
        .await)
    .await;
    assert_eq!(
        (task.TaskId.as_str(), task.Name.as_str(), task.CommentsCount),
        (f.FileId.as_str(), "memo.txt", 2)
    );
    assert_eq!(task.Comments.unwrap().len(), 2);
    assert_eq!(alice.list(&d.FolderID).await.Files[0].CommentsCount, 2);

    let edited: Comment = ok(alice
        .put(
            &format!("tasks/comment.json/{{sid}}/{}", c1.CommentId),
            json!({"comment_text": "Edited"}),
        )
        .await)
    .await;
    assert_eq!(
        (edited.Comment.as_str(), edited.Number.as_str()),
        ("Edited", "1")
    );
    // The same comments through the Cloudike dialect.
    let r = s
        .get(&format!(
            "workflow/comments/{}",
            common::enc("/Docs/memo.txt")
        ))
        .await;
    let v: Value = s.ok_json(r).await;
    assert!(v.to_string().contains("Edited"), "{v}");

    // Bob does not reach the file: the task does not exist for him.
    let (st, e) = error_of(
        bob.get(
            &format!("tasks/taskcomments.json/{{sid}}/{}", f.FileId),
            &[],
        )
        .await,
    )
    .await;
    assert_eq!(
        (st.as_u16(), e.message.as_str()),
        (404, "404: Not Found: Task not found")
    );
    // Shared with him, he comments but cannot edit Alice's words; Alice deletes his.
    ok::<Value>(
        alice
            .post(
                "sharing.json",
                json!({"folder_id": d.FolderID, "username": "bob", "sharemode": "0"}),
            )
            .await,
    )
    .await;
    let cb: Comment = ok(bob
        .post(
            &format!("tasks/comment.json/{{sid}}/{}", f.FileId),
            json!({"comment_text": "Bob here"}),
        )
        .await)
    .await;
    assert_eq!(cb.Number, "3");
    let (st, _) = error_of(
        bob.put(
            &format!("tasks/comment.json/{{sid}}/{}", c1.CommentId),
            json!({"comment_text": "hijack"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 403);
    let r: Value = ok(alice
        .delete(&format!("tasks/trashcomment.json/{{sid}}/{}", cb.CommentId))
        .await)
    .await;
    assert_eq!(r, json!({"result": true}));
    let (st, _) = error_of(
        alice
            .delete(&format!("tasks/trashcomment.json/{{sid}}/{}", cb.CommentId))
            .await,
    )
    .await;
    assert_eq!(st, 404);
    // Empty and overlong texts.
    let (st, _) = error_of(
        alice
            .post(
                &format!("tasks/comment.json/{{sid}}/{}", f.FileId),
                json!({"comment_text": "   "}),
            )
            .await,
    )
    .await;
    assert_eq!(st, 400);
    let (st, _) = error_of(
        alice
            .post(
                &format!("tasks/comment.json/{{sid}}/{}", f.FileId),
                json!({"comment_text": "x".repeat(10_001)}),
            )
            .await,
    )
    .await;
    assert_eq!(st, 400);
    // Folders have their task too.
    ok::<Comment>(
        alice
            .post(
                &format!("tasks/comment.json/{{sid}}/{}", d.FolderID),
                json!({"comment_text": "on the folder"}),
            )
            .await,
    )
    .await;
}
