//! The OpenDrive authorization matrices, over real HTTP: every item endpoint of the dialect
//! (`dialects/opendrive/*::routes`) called as each role on a shared folder and on a private one,
//! the public-access endpoints as an anonymous caller, and the account-administration endpoints
//! as each kind of admin. Each row names exactly the roles it allows; a refused write must leave
//! the owner's view unchanged.

mod common;

use common::admin::cast;
use common::opendrive::{self as od, Od, ok};
use common::{LOGIN, PASSWORD, Server, start};
use reqwest::Response;
use satchel_wire::opendrive::{Comment, File, Folder, GroupCreated, ShareGrant};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Owner,
    /// Sharemode 1 on Team.
    Writer,
    /// Sharemode 0 on Team.
    Reader,
    Stranger,
    NoSession,
    BogusSession,
    ExpiredToken,
}
use Role::*;

const ALL: [Role; 7] = [
    Owner,
    Writer,
    Reader,
    Stranger,
    NoSession,
    BogusSession,
    ExpiredToken,
];
const READERS: &[Role] = &[Owner, Writer, Reader];
const WRITERS: &[Role] = &[Owner, Writer];
const OWNER: &[Role] = &[Owner];

impl Role {
    fn anonymous(self) -> bool {
        matches!(self, NoSession | BogusSession | ExpiredToken)
    }
}

/// One endpoint call on a fresh fixture (see `Fixture`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    // Reads.
    FolderList,
    FolderInfo,
    Breadcrumb,
    FolderIdByPath,
    FileIdByPath,
    FileInfo,
    Download,
    Versions,
    Thumb,
    Zip,
    ExistingNames,
    ListShareUsers,
    Task,
    TaskComments,
    AddComment,
    // Writes.
    CreateFolder,
    RenameFolder,
    CopyFolder,
    MoveFolder,
    RenameFile,
    CopyFile,
    MoveFile,
    TrashFile,
    TrashFolder,
    RestoreFile,
    RestoreFolder,
    RemoveFile,
    RemoveFolder,
    CreateFile,
    FileSettingsName,
    // The owner's: sharing, public access, passwords, the owner's comments.
    Share,
    SetMode,
    Unshare,
    FileAccess,
    FolderAccess,
    FilePassword,
    EditOwnersComment,
    DeleteOwnersComment,
}
use Op::*;

/// Team (shared): one row per endpoint, the roles it allows.
const TEAM_ROWS: &[(Op, &[Role])] = &[
    (FolderList, READERS),
    (FolderInfo, READERS),
    (Breadcrumb, READERS),
    (FolderIdByPath, READERS),
    (FileIdByPath, READERS),
    (FileInfo, READERS),
    (Download, READERS),
    (Versions, READERS),
    (Thumb, READERS),
    (Zip, READERS),
    (ExistingNames, READERS),
    (ListShareUsers, READERS),
    (Task, READERS),
    (TaskComments, READERS),
    (AddComment, READERS),
    (CreateFolder, WRITERS),
    (RenameFolder, WRITERS),
    (CopyFolder, WRITERS),
    (MoveFolder, WRITERS),
    (RenameFile, WRITERS),
    (CopyFile, WRITERS),
    (MoveFile, WRITERS),
    (TrashFile, WRITERS),
    (TrashFolder, WRITERS),
    (RestoreFile, OWNER),
    (RestoreFolder, OWNER),
    (RemoveFile, OWNER),
    (RemoveFolder, OWNER),
    (CreateFile, WRITERS),
    (FileSettingsName, WRITERS),
    (Share, OWNER),
    (SetMode, OWNER),
    (Unshare, OWNER),
    // Publishing is a write (core::links, docs/dialects/cloudike.md): the link is the caller's.
    (FileAccess, WRITERS),
    (FolderAccess, WRITERS),
    (FilePassword, WRITERS),
    (EditOwnersComment, OWNER),
    (DeleteOwnersComment, OWNER),
];

/// What one call works on, made fresh by Alice before it.
struct Fixture {
    /// The folder (Team or Mine) and its name.
    top: String,
    top_name: String,
    /// A file and a folder directly in it, both with fresh names.
    file: File,
    folder: Folder,
    /// Another folder in it (where `MoveFolder` goes).
    folder2: Folder,
    /// A file and a folder in Alice's trash (restore and remove rows only).
    trashed_file: String,
    trashed_folder: String,
    /// Alice's comment on `file` (comment rows only).
    comment: String,
    /// Alice's grant of `top` to Xena, read-only (setmode and unshare rows only).
    sharing_id: String,
    k: usize,
}

struct World<'a> {
    alice: Od<'a>,
    wendy: Od<'a>,
    rita: Od<'a>,
    sam: Od<'a>,
    no_session: Od<'a>,
    bogus: Od<'a>,
    expired: Od<'a>,
    xena_id: i64,
    sam_id: i64,
}

impl<'a> World<'a> {
    fn as_role(&self, role: Role) -> &Od<'a> {
        match role {
            Owner => &self.alice,
            Writer => &self.wendy,
            Reader => &self.rita,
            Stranger => &self.sam,
            NoSession => &self.no_session,
            BogusSession => &self.bogus,
            ExpiredToken => &self.expired,
        }
    }
}

async fn person<'a>(s: &'a Server, login: &str) -> Od<'a> {
    let password = format!("{login}-secret");
    s.core.ensure_user(login, &password, login).await.unwrap();
    od::login(s, login, &password).await
}

async fn share(alice: &Od<'_>, folder: &str, user: &str, mode: &str) -> ShareGrant {
    ok(alice
        .post(
            "sharing.json",
            json!({"folder_id": folder, "username": user, "sharemode": mode}),
        )
        .await)
    .await
}

async fn world(s: &Server) -> (World<'_>, Folder, Folder) {
    let alice = od::login(s, LOGIN, PASSWORD).await;
    let wendy = person(s, "wendy").await;
    let rita = person(s, "rita").await;
    let sam = person(s, "sam").await;
    let sam_id = s.core.check_password("sam", "sam-secret").await.unwrap().id;
    let xena_id = s
        .core
        .ensure_user("xena", "xena-secret", "Xena")
        .await
        .unwrap()
        .id;
    let team = alice.mkdir("0", "Team").await;
    let mine = alice.mkdir("0", "Mine").await;
    share(&alice, &team.FolderID, "wendy", "1").await;
    share(&alice, &team.FolderID, "rita", "0").await;

    // An OAuth token of Alice's that has run out.
    let r = s
        .http
        .post(format!("{}/api/v1/oauth2/grant.json", s.base))
        .json(&json!({"grant_type": "password", "client_id": "OpenDrive",
            "username": LOGIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let t: Value = ok(r).await;
    let token = t["access_token"].as_str().unwrap().to_owned();
    let db = s.dir.path().join("data").join("satchel.sqlite3");
    let c = rusqlite::Connection::open(db).unwrap();
    let n = c
        .execute("UPDATE tokens SET expires = 1 WHERE token = ?1", [&token])
        .unwrap();
    assert_eq!(n, 1);

    let anon = |sid: &str, access_token: Option<String>| Od {
        s,
        sid: sid.to_owned(),
        access_token,
    };
    let w = World {
        no_session: anon("", None),
        bogus: anon("0123456789abcdef0123456789abcdef", None),
        expired: anon("OAUTH", Some(token)),
        alice,
        wendy,
        rita,
        sam,
        xena_id,
        sam_id,
    };
    (w, team, mine)
}

fn png() -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(40, 20, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

async fn fixture(w: &World<'_>, top: &Folder, k: usize, op: Op) -> Fixture {
    let a = &w.alice;
    let file = a
        .upload(&top.FolderID, &format!("f-{k}.png"), &png(), 1 << 20)
        .await;
    let folder = a.mkdir(&top.FolderID, &format!("d-{k}")).await;
    let folder2 = if op == MoveFolder {
        a.mkdir(&top.FolderID, &format!("e-{k}")).await
    } else {
        folder.clone()
    };
    let mut f = Fixture {
        top: top.FolderID.clone(),
        top_name: top.Name.clone(),
        file,
        folder,
        folder2,
        trashed_file: String::new(),
        trashed_folder: String::new(),
        comment: String::new(),
        sharing_id: String::new(),
        k,
    };
    if matches!(op, RestoreFile | RestoreFolder | RemoveFile | RemoveFolder) {
        let (file, folder) = trashed(w, top, k).await;
        f.trashed_file = file;
        f.trashed_folder = folder;
    }
    if matches!(op, EditOwnersComment | DeleteOwnersComment | AddComment) {
        let c: Comment = ok(a
            .post(
                &format!("tasks/comment.json/{{sid}}/{}", f.file.FileId),
                json!({"comment_text": "Alice's note"}),
            )
            .await)
        .await;
        f.comment = c.CommentId;
    }
    if matches!(op, SetMode | Unshare) {
        let g = share(a, &top.FolderID, "xena", "0").await;
        assert_eq!(g.SharingID, format!("{}_{}", top.FolderID, w.xena_id));
        f.sharing_id = g.SharingID;
    }
    f
}

async fn trashed(w: &World<'_>, top: &Folder, k: usize) -> (String, String) {
    let a = &w.alice;
    let trashed_file = a
        .upload(&top.FolderID, &format!("t-{k}.txt"), b"trashed", 100)
        .await;
    let trashed_folder = a.mkdir(&top.FolderID, &format!("td-{k}")).await;
    ok::<Value>(
        a.post("file/trash.json", json!({"file_id": trashed_file.FileId}))
            .await,
    )
    .await;
    ok::<Value>(
        a.post(
            "folder/trash.json",
            json!({"folder_id": trashed_folder.FolderID}),
        )
        .await,
    )
    .await;
    (trashed_file.FileId, trashed_folder.FolderID)
}

/// Undo what the fixture and an allowed call left that would disturb the next call.
async fn cleanup(w: &World<'_>, f: &Fixture) {
    let a = &w.alice;
    a.delete(&format!("sharing.json/{{sid}}/{}_{}", f.top, w.xena_id))
        .await;
    // The `Share` row's grant to Sam.
    a.delete(&format!("sharing.json/{{sid}}/{}_{}", f.top, w.sam_id))
        .await;
    a.post(
        "folder/setaccess.json",
        json!({"folder_id": f.top, "folder_ispublic": 0}),
    )
    .await;
}

/// The call `op` as `o`; whether its URL names the session (a missing one is then another URL).
async fn call(o: &Od<'_>, op: Op, f: &Fixture, tag: &str) -> Response {
    let (top, file, folder) = (&f.top, &f.file.FileId, &f.folder.FolderID);
    let fname = &f.file.Name;
    match op {
        FolderList => o.get(&format!("folder/list.json/{{sid}}/{top}"), &[]).await,
        FolderInfo => o.get(&format!("folder/info.json/{{sid}}/{top}"), &[]).await,
        Breadcrumb => {
            o.get(&format!("folder/breadcrumb.json/{{sid}}/{folder}"), &[])
                .await
        }
        FolderIdByPath => {
            let path = format!("/{}/{}", f.top_name, f.folder.Name);
            o.post("folder/idbypath.json", json!({ "path": path }))
                .await
        }
        FileIdByPath => {
            let path = format!("/{}/{fname}", f.top_name);
            o.post("file/idbypath.json", json!({ "path": path })).await
        }
        FileInfo => o.get(&format!("file/info.json/{file}"), &[]).await,
        Download => o.get(&format!("download/file.json/{file}"), &[]).await,
        Versions => {
            o.get(&format!("file/fileversions.json/{{sid}}/{file}"), &[])
                .await
        }
        Thumb => o.get(&format!("file/thumb.json/{file}"), &[]).await,
        Zip => {
            o.post("download/all.json", json!({ "items_id": file }))
                .await
        }
        ExistingNames => {
            o.post(
                &format!("upload/checkfileexistsbyname.json/{top}"),
                json!({ "name": [fname] }),
            )
            .await
        }
        ListShareUsers => {
            o.get(&format!("sharing/listusers.json/{{sid}}/{top}"), &[])
                .await
        }
        Task => {
            o.get("tasks.json", &[("task_id", file), ("with_comments", "1")])
                .await
        }
        TaskComments => {
            o.get(&format!("tasks/taskcomments.json/{{sid}}/{file}"), &[])
                .await
        }
        AddComment => {
            o.post(
                &format!("tasks/comment.json/{{sid}}/{file}"),
                json!({"comment_text": format!("from {tag}")}),
            )
            .await
        }
        CreateFolder => {
            o.post(
                "folder.json",
                json!({"folder_name": format!("new-{tag}"), "folder_sub_parent": top}),
            )
            .await
        }
        RenameFolder => {
            o.post(
                "folder/rename.json",
                json!({"folder_id": folder, "folder_name": format!("renamed-{tag}")}),
            )
            .await
        }
        CopyFolder | MoveFolder => {
            o.post(
                "folder/move_copy.json",
                json!({"folder_id": folder,
                    "dst_folder_id": if op == MoveFolder { &f.folder2.FolderID } else { top },
                    "move": op == MoveFolder, "new_folder_name": format!("mc-{tag}")}),
            )
            .await
        }
        RenameFile => {
            o.post(
                "file/rename.json",
                json!({"file_id": file, "new_file_name": format!("renamed-{tag}.png")}),
            )
            .await
        }
        CopyFile | MoveFile => {
            o.post(
                "file/move_copy.json",
                json!({"src_file_id": file, "dst_folder_id": folder,
                    "move": op == MoveFile}),
            )
            .await
        }
        TrashFile => o.post("file/trash.json", json!({ "file_id": file })).await,
        TrashFolder => {
            o.post("folder/trash.json", json!({ "folder_id": folder }))
                .await
        }
        RestoreFile => {
            o.post("file/restore.json", json!({"file_id": f.trashed_file}))
                .await
        }
        RestoreFolder => {
            o.post(
                "folder/restore.json",
                json!({"folder_id": f.trashed_folder}),
            )
            .await
        }
        RemoveFile => {
            o.delete(&format!("file.json/{{sid}}/{}", f.trashed_file))
                .await
        }
        RemoveFolder => {
            o.post("folder/remove.json", json!({"folder_id": f.trashed_folder}))
                .await
        }
        CreateFile => o.create_file(top, &format!("up-{tag}.txt"), b"").await,
        FileSettingsName => {
            o.put(
                "file/filesettings.json",
                json!({"file_id": file, "file_name": format!("set-{tag}.png")}),
            )
            .await
        }
        Share => {
            o.post(
                "sharing.json",
                json!({"folder_id": top, "username": "sam", "sharemode": "1"}),
            )
            .await
        }
        SetMode => {
            o.put(
                "sharing/setmode.json",
                json!({"sharing_id": f.sharing_id, "sharemode": "1"}),
            )
            .await
        }
        Unshare => {
            o.delete(&format!("sharing.json/{{sid}}/{}", f.sharing_id))
                .await
        }
        FileAccess => {
            o.post(
                "file/access.json",
                json!({"file_id": file, "file_ispublic": 1}),
            )
            .await
        }
        FolderAccess => {
            o.post(
                "folder/setaccess.json",
                json!({"folder_id": top, "folder_ispublic": 1}),
            )
            .await
        }
        FilePassword => {
            // A password goes on the caller's own link: publish first (refused alike).
            o.post(
                "file/access.json",
                json!({"file_id": file, "file_ispublic": 1}),
            )
            .await;
            o.put(
                "file/filesettings.json",
                json!({"file_id": file, "file_password": "hunter2"}),
            )
            .await
        }
        EditOwnersComment => {
            o.put(
                &format!("tasks/comment.json/{{sid}}/{}", f.comment),
                json!({"comment_text": format!("edited by {tag}")}),
            )
            .await
        }
        DeleteOwnersComment => {
            o.delete(&format!("tasks/trashcomment.json/{{sid}}/{}", f.comment))
                .await
        }
    }
}

/// Everything Alice can observe of a fixture: the folder and the fixture's folders (names,
/// sizes, versions, access, passwords, comment counts), the folder's people, her trash.
async fn snapshot(w: &World<'_>, f: &Fixture) -> Value {
    let a = &w.alice;
    let top = &f.top;
    let mut tree = Vec::new();
    for id in [top, &f.folder.FolderID, &f.folder2.FolderID] {
        let l = a.list(id).await;
        for d in &l.Folders {
            tree.push(json!(["dir", id, d.Name, d.Access, d.Link]));
        }
        for f in &l.Files {
            tree.push(json!([
                "file",
                id,
                f.Name,
                f.Size,
                f.Version,
                f.Access,
                f.Link,
                f.PasswordProtected,
                f.CommentsCount
            ]));
        }
    }
    tree.sort_by_key(|v| v.to_string());
    let people: Value = ok(a
        .get(&format!("sharing/listusers.json/{{sid}}/{top}"), &[])
        .await)
    .await;
    let trash: Value = ok(a.get("folder/trashlist.json/{sid}", &[]).await).await;
    let mut trashed: Vec<String> = trash["Files"]
        .as_array()
        .unwrap()
        .iter()
        .chain(trash["Folders"].as_array().unwrap())
        .map(|i| i["Name"].to_string())
        .collect();
    trashed.sort();
    json!({"tree": tree, "people": people, "trash": trashed})
}

/// Alice's comments on the fixture's file (the snapshot counts them; this also sees edits).
async fn comments(w: &World<'_>, f: &Fixture) -> Value {
    ok(w.alice
        .get(
            &format!("tasks/taskcomments.json/{{sid}}/{}", f.file.FileId),
            &[],
        )
        .await)
    .await
}

/// Runs every row as every role on `top` (on the private folder only the owner is allowed); the
/// failures, all of them, so one run lists every hole.
async fn run_matrix(w: &World<'_>, top: &Folder, private: bool, k: &mut usize) -> Vec<String> {
    let mut failures = Vec::new();
    for &(op, roles) in TEAM_ROWS {
        for role in ALL {
            let allowed = roles.contains(&role) && (!private || role == Owner);
            *k += 1;
            let f = fixture(w, top, *k, op).await;
            let before = snapshot(w, &f).await;
            let notes_before = comments(w, &f).await;
            let tag = format!("{role:?}-{}", f.k);
            let r = call(w.as_role(role), op, &f, &tag).await;
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            let what = format!(
                "{} {op:?} as {role:?}",
                if private { "Mine" } else { "Team" }
            );
            if allowed {
                if !(200..300).contains(&status) {
                    failures.push(format!("{what}: refused {status} {body}"));
                }
            } else {
                let expected: &[u16] = if op == FilePassword && !role.anonymous() {
                    // No link of one's own to protect: "make the file public first".
                    &[400, 403, 404]
                } else if role.anonymous() {
                    // Without a session id the `{session_id}` segment is missing: another URL.
                    &[401, 404]
                } else {
                    &[403, 404]
                };
                // Anonymous: 401, except that without a session id a `{session_id}` URL segment
                // is empty, which names no endpoint (404, the path shows `//`).
                let anon_ok = status == 401 || (role == NoSession && body.contains("//"));
                if !expected.contains(&status) || (role.anonymous() && !anon_ok) {
                    failures.push(format!("{what}: allowed or wrong refusal {status} {body}"));
                } else {
                    let v: Value = serde_json::from_str(&body).unwrap_or_default();
                    if v["error"]["code"] != json!(status) {
                        failures.push(format!("{what}: not an OpenDrive error body: {body}"));
                    }
                    // A refused call changed nothing Alice can see.
                    if snapshot(w, &f).await != before {
                        failures.push(format!("{what}: refused but changed the tree"));
                    }
                    if comments(w, &f).await != notes_before {
                        failures.push(format!("{what}: refused but changed the comments"));
                    }
                }
            }
            cleanup(w, &f).await;
        }
    }
    failures
}

#[tokio::test]
async fn authorization_matrix_for_item_endpoints() {
    let s = start().await;
    let (w, team, mine) = world(&s).await;
    let mut k = 0;
    let mut failures = run_matrix(&w, &team, false, &mut k).await;
    failures.extend(run_matrix(&w, &mine, true, &mut k).await);
    assert!(
        failures.is_empty(),
        "{} holes:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The shares themselves survived every refused call and each cleanup.
    let people: Value = ok(w
        .alice
        .get(
            &format!("sharing/listusers.json/{{sid}}/{}", team.FolderID),
            &[],
        )
        .await)
    .await;
    let modes: Vec<(String, String)> = people["ShareWithUser"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["Name"].as_str().unwrap().into(),
                u["ShareMode"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(modes.contains(&("wendy".into(), "1".into())), "{modes:?}");
    assert!(modes.contains(&("rita".into(), "0".into())), "{modes:?}");
}

/// What an anonymous recipient gets from each public-access endpoint: a public file with a
/// password, a private file, and node ids (never a public handle).
#[tokio::test]
async fn public_access_matrix() {
    let s = start().await;
    let alice = od::login(&s, LOGIN, PASSWORD).await;
    let dir = alice.mkdir("0", "Pub").await;
    let public = alice
        .upload(&dir.FolderID, "open.txt", b"OPEN-BYTES", 100)
        .await;
    let private = alice
        .upload(&dir.FolderID, "hidden.txt", b"HIDDEN-BYTES", 100)
        .await;
    let pf: File = ok(alice
        .post(
            "file/access.json",
            json!({"file_id": public.FileId, "file_ispublic": 1}),
        )
        .await)
    .await;
    let pid = pf.Link.strip_prefix("/s/").unwrap().to_owned();
    ok::<Value>(
        alice
            .put(
                "file/filesettings.json",
                json!({"file_id": public.FileId, "file_password": "pw"}),
            )
            .await,
    )
    .await;
    let (pub_node, priv_node) = (public.FileId.as_str(), private.FileId.as_str());
    let unknown = "0123456789abcdef0123456789abcdef01234567";
    let anon = &s.http;
    let url = |e: &str| format!("{}/api/v1/{e}", s.base);
    let get = |e: String, q: Vec<(&'static str, &'static str)>| {
        let u = url(&e);
        async move { anon.get(u).query(&q).send().await.unwrap() }
    };
    let verify = |id: String, pw: &'static str| {
        let u = url("file/verifypassword.json");
        async move {
            anon.post(u)
                .json(&json!({"file_id": id, "password": pw}))
                .send()
                .await
                .unwrap()
        }
    };
    // (what, answer, status, error kind or "" / the body it must be).
    let rows: Vec<(&str, Response, u16, &str)> = vec![
        (
            "info, no password",
            get(format!("file/info.json/{pid}"), vec![]).await,
            403,
            "PasswordRequired",
        ),
        (
            "info, wrong password",
            get(format!("file/info.json/{pid}"), vec![("password", "no")]).await,
            403,
            "WrongPassword",
        ),
        (
            "info, password",
            get(format!("file/info.json/{pid}"), vec![("password", "pw")]).await,
            200,
            "",
        ),
        (
            "download, no password",
            get(format!("download/file.json/{pid}"), vec![]).await,
            403,
            "PasswordRequired",
        ),
        (
            "download, wrong password",
            get(
                format!("download/file.json/{pid}"),
                vec![("password", "no")],
            )
            .await,
            403,
            "WrongPassword",
        ),
        (
            "download, password",
            get(
                format!("download/file.json/{pid}"),
                vec![("password", "pw")],
            )
            .await,
            200,
            "OPEN-BYTES",
        ),
        (
            "verify, right",
            verify(pid.clone(), "pw").await,
            200,
            r#"{"Result":true}"#,
        ),
        (
            "verify, wrong",
            verify(pid.clone(), "no").await,
            200,
            r#"{"Result":false}"#,
        ),
        (
            "shared.json on a file's id",
            get(
                format!("folder/shared.json/{pid}"),
                vec![("password", "pw")],
            )
            .await,
            404,
            "",
        ),
        (
            "info, unknown public id",
            get(format!("file/info.json/{unknown}"), vec![]).await,
            404,
            "LinkNotFound",
        ),
        (
            "download, unknown public id",
            get(format!("download/file.json/{unknown}"), vec![]).await,
            404,
            "LinkNotFound",
        ),
        (
            "verify, unknown public id",
            verify(unknown.into(), "pw").await,
            404,
            "LinkNotFound",
        ),
        // Node ids are no public handles, public or not.
        (
            "info, public file's node id",
            get(
                format!("file/info.json/{pub_node}"),
                vec![("password", "pw")],
            )
            .await,
            401,
            "",
        ),
        (
            "download, public file's node id",
            get(
                format!("download/file.json/{pub_node}"),
                vec![("password", "pw")],
            )
            .await,
            401,
            "",
        ),
        (
            "info, private node id",
            get(format!("file/info.json/{priv_node}"), vec![]).await,
            401,
            "",
        ),
        (
            "download, private node id",
            get(format!("download/file.json/{priv_node}"), vec![]).await,
            401,
            "",
        ),
        (
            "download, private node id + inline",
            get(
                format!("download/file.json/{priv_node}"),
                vec![("inline", "1")],
            )
            .await,
            401,
            "",
        ),
        (
            "thumb, private node id",
            get(format!("file/thumb.json/{priv_node}"), vec![]).await,
            401,
            "",
        ),
        (
            "shared.json, folder node id",
            get(format!("folder/shared.json/{}", dir.FolderID), vec![]).await,
            404,
            "",
        ),
        (
            "verify, private node id",
            verify(priv_node.into(), "pw").await,
            404,
            "",
        ),
        (
            "zip, private node id",
            get("download/all.json".into(), vec![]).await,
            401,
            "",
        ),
    ];
    let mut failures = Vec::new();
    for (what, r, status, expect) in rows {
        let got = r.status().as_u16();
        let body = r.text().await.unwrap();
        if body.contains("HIDDEN-BYTES") || (status != 200 && body.contains("OPEN-BYTES")) {
            failures.push(format!("{what}: content leaked: {body}"));
        }
        if got != status {
            failures.push(format!("{what}: {got} (expected {status}): {body}"));
            continue;
        }
        if status == 200 {
            if !expect.is_empty() && body != expect {
                failures.push(format!("{what}: {body}"));
            }
        } else {
            let v: Value = serde_json::from_str(&body).unwrap_or_default();
            if v["error"]["code"] != json!(status)
                || (!expect.is_empty() && v["error"]["kind"] != json!(expect))
            {
                failures.push(format!("{what}: {body}"));
            }
        }
    }
    assert!(failures.is_empty(), "holes:\n{}", failures.join("\n"));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Admin {
    System,
    Company,
    OtherCompany,
    User,
    Anonymous,
}

/// Account users and user groups. Targets are company 1's (Bob, group Sales with Carol); "create"
/// rows create in the caller's own company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AdminOp {
    UserInfo,
    SearchUsers,
    UsersInGroup,
    AllGroups,
    GroupInfo,
    CreateUser,
    EditUser,
    MoveUser,
    SetAccess,
    DeleteUser,
    CreateGroup,
    RenameGroup,
    DeleteGroup,
}

const COMPANY_1_ADMINS: &[Admin] = &[Admin::System, Admin::Company];
/// The contract: any member of the company may list its groups (the share dialog).
const COMPANY_1_MEMBERS: &[Admin] = &[Admin::System, Admin::Company, Admin::User];
const ANY_ADMIN: &[Admin] = &[Admin::System, Admin::Company, Admin::OtherCompany];

const ADMIN_ROWS: &[(AdminOp, &[Admin])] = &[
    (AdminOp::UserInfo, COMPANY_1_ADMINS),
    (AdminOp::SearchUsers, COMPANY_1_ADMINS),
    (AdminOp::UsersInGroup, COMPANY_1_ADMINS),
    (AdminOp::AllGroups, COMPANY_1_MEMBERS),
    (AdminOp::GroupInfo, COMPANY_1_MEMBERS),
    (AdminOp::CreateUser, ANY_ADMIN),
    (AdminOp::EditUser, COMPANY_1_ADMINS),
    (AdminOp::MoveUser, COMPANY_1_ADMINS),
    (AdminOp::SetAccess, COMPANY_1_ADMINS),
    (AdminOp::DeleteUser, COMPANY_1_ADMINS),
    (AdminOp::CreateGroup, ANY_ADMIN),
    (AdminOp::RenameGroup, COMPANY_1_ADMINS),
    (AdminOp::DeleteGroup, COMPANY_1_ADMINS),
];

/// Company 1 as its admin sees it: Bob, the groups and their members.
async fn company_snapshot(boss: &Od<'_>, sales: i64) -> Value {
    let bob: Value = ok(boss.get("accountusers/info.json/{sid}/bob", &[]).await).await;
    let groups: Value = ok(boss.get("usergroups/all.json", &[]).await).await;
    let members: Value = ok(boss
        .get(
            &format!("accountusers/usersingroup.json/{{sid}}/{sales}"),
            &[],
        )
        .await)
    .await;
    let people: Value = ok(boss.get("accountusers/searchusers.json/{sid}", &[]).await).await;
    json!({"bob": bob, "groups": groups, "members": members, "people": people})
}

#[tokio::test]
async fn authorization_matrix_for_account_endpoints() {
    let s = start().await;
    let c = cast(&s).await;
    let root = od::login(&s, c.root.login, &c.root.password).await;
    let boss = od::login(&s, c.boss.login, &c.boss.password).await;
    let other = od::login(&s, c.other.login, &c.other.password).await;
    let alice = od::login(&s, c.alice.login, &c.alice.password).await;
    let anon = Od {
        s: &s,
        sid: "0123456789abcdef0123456789abcdef".into(),
        access_token: None,
    };
    let sales: GroupCreated = ok(boss
        .post("usergroups.json", json!({"group_name": "Sales"}))
        .await)
    .await;
    let sales = sales.Group_id;
    ok::<Value>(
        boss.post(
            "accountusers/move.json",
            json!({"access_email": "carol", "group_id": sales.to_string()}),
        )
        .await,
    )
    .await;
    let mut failures = Vec::new();
    let mut k = 0;
    for &(op, roles) in ADMIN_ROWS {
        for role in [
            Admin::System,
            Admin::Company,
            Admin::OtherCompany,
            Admin::User,
            Admin::Anonymous,
        ] {
            k += 1;
            let o = match role {
                Admin::System => &root,
                Admin::Company => &boss,
                Admin::OtherCompany => &other,
                Admin::User => &alice,
                Admin::Anonymous => &anon,
            };
            // Fresh targets for the destructive rows.
            let victim = format!("victim{k}");
            let doomed: i64 = match op {
                AdminOp::DeleteUser => {
                    ok::<Value>(
                        boss.post(
                            "accountusers.json",
                            json!({
                        "access_email": victim, "access_password": "victim-secret",
                        "access_first_name": "V", "access_last_name": "K"}),
                        )
                        .await,
                    )
                    .await;
                    0
                }
                AdminOp::DeleteGroup => {
                    let g: GroupCreated = ok(boss
                        .post(
                            "usergroups.json",
                            json!({"group_name": format!("Doomed {k}")}),
                        )
                        .await)
                    .await;
                    g.Group_id
                }
                _ => 0,
            };
            let before = company_snapshot(&boss, sales).await;
            let r = match op {
                AdminOp::UserInfo => o.get("accountusers/info.json/{sid}/bob", &[]).await,
                AdminOp::SearchUsers => {
                    o.get(
                        "accountusers/searchusers.json/{sid}",
                        &[("search_query", "bob")],
                    )
                    .await
                }
                AdminOp::UsersInGroup => {
                    o.get(
                        &format!("accountusers/usersingroup.json/{{sid}}/{sales}"),
                        &[],
                    )
                    .await
                }
                AdminOp::AllGroups => o.get("usergroups/all.json", &[]).await,
                AdminOp::GroupInfo => {
                    o.get(&format!("usergroups.json/{{sid}}/{sales}"), &[])
                        .await
                }
                AdminOp::CreateUser => {
                    o.post(
                        "accountusers.json",
                        json!({
                        "access_email": format!("new{k}"), "access_password": "new-secret",
                        "access_first_name": "N", "access_last_name": "U"}),
                    )
                    .await
                }
                AdminOp::EditUser => {
                    o.put(
                        "accountusers.json",
                        json!({"access_email": "bob",
                        "access_first_name": format!("Bob{k}"), "access_last_name": "B"}),
                    )
                    .await
                }
                AdminOp::MoveUser => {
                    o.post(
                        "accountusers/move.json",
                        json!({"access_email": "bob",
                        "group_id": sales.to_string()}),
                    )
                    .await
                }
                AdminOp::SetAccess => {
                    o.post(
                        "accountusers/setaccess.json",
                        json!({"access_email": "bob",
                        "access_active": 0}),
                    )
                    .await
                }
                AdminOp::DeleteUser => {
                    o.delete(&format!("accountusers.json/{{sid}}/{victim}"))
                        .await
                }
                AdminOp::CreateGroup => {
                    o.post("usergroups.json", json!({"group_name": format!("New {k}")}))
                        .await
                }
                AdminOp::RenameGroup => {
                    o.put(
                        "usergroups.json",
                        json!({"group_id": sales.to_string(),
                        "group_name": format!("Sales {k}")}),
                    )
                    .await
                }
                AdminOp::DeleteGroup => {
                    o.delete(&format!("usergroups.json/{{sid}}/{doomed}")).await
                }
            };
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            let what = format!("{op:?} as {role:?}");
            // A list that answers but without company 1's target did not reach it.
            let reached = match op {
                AdminOp::SearchUsers => body.contains("\"bob\""),
                AdminOp::AllGroups => body.contains(&format!("\"GroupID\":\"{sales}\"")),
                _ => true,
            };
            let success = (200..300).contains(&status) && reached;
            if roles.contains(&role) {
                if !success {
                    failures.push(format!("{what}: refused {status} {body}"));
                }
            } else if (200..300).contains(&status)
                && !matches!(op, AdminOp::SearchUsers | AdminOp::AllGroups)
            {
                failures.push(format!("{what}: allowed {status} {body}"));
            } else if success {
                failures.push(format!("{what}: reached company 1: {body}"));
            } else {
                let expected: &[u16] = match role {
                    Admin::Anonymous => &[401],
                    _ => &[200, 403, 404],
                };
                if !expected.contains(&status) {
                    failures.push(format!("{what}: wrong refusal {status} {body}"));
                }
                if company_snapshot(&boss, sales).await != before {
                    failures.push(format!("{what}: refused but changed company 1"));
                }
            }
            // Undo what an allowed call changed and the next role would notice.
            if op == AdminOp::SetAccess {
                boss.post(
                    "accountusers/setaccess.json",
                    json!({"access_email": "bob", "access_active": 1}),
                )
                .await;
            }
            if op == AdminOp::MoveUser {
                boss.post(
                    "accountusers/move.json",
                    json!({"access_email": "bob", "group_id": "0"}),
                )
                .await;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} holes:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// An upload in progress is its creator's: nobody else opens, writes or closes it, not even a
/// writer of the folder it goes to.
#[tokio::test]
async fn an_upload_in_progress_is_its_creators() {
    let s = start().await;
    let (w, team, _) = world(&s).await;
    let content = b"half way";
    let created: Value = ok(w
        .alice
        .create_file(&team.FolderID, "wip.txt", content)
        .await)
    .await;
    let (id, temp) = (
        created["FileId"].as_str().unwrap().to_owned(),
        created["TempLocation"].as_str().unwrap().to_owned(),
    );
    let hash = common::md5_hex(content);
    for role in [
        Writer,
        Reader,
        Stranger,
        NoSession,
        BogusSession,
        ExpiredToken,
    ] {
        let o = w.as_role(role);
        let open = o
            .post(
                "upload/open_file_upload.json",
                json!({"file_id": id, "file_size": content.len(), "file_hash": hash}),
            )
            .await;
        let chunk = o.chunk(&temp, 0, content, content.len()).await;
        let close = o.close(&id, &temp, content, &hash).await;
        for (what, r) in [("open", open), ("chunk", chunk), ("close", close)] {
            let st = r.status().as_u16();
            assert!(
                [401, 403, 404].contains(&st),
                "{what} as {role:?}: {st} {}",
                r.text().await.unwrap()
            );
        }
    }
    assert!(w.alice.names(&team.FolderID).await.is_empty());
    // The creator finishes it.
    let r = w
        .alice
        .post(
            "upload/open_file_upload.json",
            json!({"file_id": id, "file_size": content.len(), "file_hash": hash}),
        )
        .await;
    ok::<Value>(r).await;
    ok::<Value>(w.alice.chunk(&temp, 0, content, content.len()).await).await;
    let f: File = ok(w.alice.close(&id, &temp, content, &hash).await).await;
    assert_eq!(w.alice.download(&f.FileId).await, content);
}
