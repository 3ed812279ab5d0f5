//! OpenDrive folders and files over real HTTP: listing pages of 100, ids by path, breadcrumbs,
//! rename, move, copy, trash, restore, delete for good, bad names, and one tree seen through
//! both dialects.

mod common;

use common::opendrive::{self as od, error_of, ok};
use common::{LOGIN, PASSWORD, start};
use satchel_wire::NodePath;
use satchel_wire::opendrive::{Breadcrumbs, File, Folder, Listing, TrashList};
use serde_json::{Value, json};

#[tokio::test]
async fn listing_pages_of_100_with_dir_update_time() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let big = o.mkdir("0", "Big").await;
    // 130 folders and 120 files made through the core directly (fast), then paged over HTTP.
    let user = s.core.user_for_token(&s.token).await.unwrap();
    for i in 0..130 {
        let p = NodePath::parse(&format!("/Big/d{i:03}")).unwrap();
        s.core.create_folder(&user, p, None, None).await.unwrap();
    }
    for i in 0..120 {
        s.upload(&format!("/Big/f{i:03}.txt"), format!("{i}").as_bytes())
            .await;
    }
    let page = |offset: usize, last: i64| {
        let o = &o;
        let id = big.FolderID.clone();
        async move {
            let (off, lrt) = (offset.to_string(), last.to_string());
            let r = o
                .get(
                    &format!("folder/list.json/{{sid}}/{id}"),
                    &[("offset", &off), ("last_request_time", &lrt)],
                )
                .await;
            ok::<Listing>(r).await
        }
    };
    let p0 = page(0, 0).await;
    assert_eq!(p0.Folders.len(), 100);
    assert!(p0.Files.is_empty());
    assert!(!p0.IsLastPage);
    assert_eq!(p0.Folders[0].Name, "d000");
    let p1 = page(100, p0.DirUpdateTime).await;
    assert_eq!(
        p1.DirUpdateTime, p0.DirUpdateTime,
        "nothing changed between pages"
    );
    assert_eq!((p1.Folders.len(), p1.Files.len()), (30, 70));
    assert_eq!(p1.Files[0].Name, "f000.txt");
    let p2 = page(200, p1.DirUpdateTime).await;
    assert_eq!((p2.Folders.len(), p2.Files.len()), (0, 50));
    assert!(p2.IsLastPage);
    assert_eq!(p2.Files[49].Name, "f119.txt");
    // A change anywhere inside changes the stamp: the client restarts from offset 0.
    o.mkdir(&p0.Folders[5].FolderID, "deeper").await;
    assert_ne!(page(0, 0).await.DirUpdateTime, p0.DirUpdateTime);
    // Without offset: everything.
    let all = o.list(&big.FolderID).await;
    assert_eq!((all.Folders.len(), all.Files.len()), (130, 120));
    assert_eq!(all.ParentFolderID, "0");
    // only_subfolders, search (recursive), breadcrumbs.
    let r = o
        .get(
            &format!("folder/list.json/{{sid}}/{}", big.FolderID),
            &[("only_subfolders", "1"), ("offset", "100")],
        )
        .await;
    let l: Listing = ok(r).await;
    assert_eq!((l.Folders.len(), l.Files.len()), (30, 0));
    let r = o
        .get("folder/list.json/{sid}/0", &[("search_query", "DEEP")])
        .await;
    let l: Listing = ok(r).await;
    assert_eq!(l.Folders.len(), 1);
    assert_eq!(l.Folders[0].Path, "/Big/d005/deeper");
    let deeper = l.Folders[0].FolderID.clone();
    let r = o
        .get(&format!("folder/breadcrumb.json/{{sid}}/{deeper}"), &[])
        .await;
    let b: Breadcrumbs = ok(r).await;
    let names: Vec<&str> = b.Breadcrumbs.iter().map(|c| c.Name.as_str()).collect();
    assert_eq!(names, ["", "Big", "d005", "deeper"]);
    assert_eq!(b.Breadcrumbs[0].FolderID, "0");
    assert_eq!(b.Breadcrumbs[1].FolderID, big.FolderID);
    let r = o
        .get(
            &format!("folder/list.json/{{sid}}/{deeper}"),
            &[("with_breadcrumbs", "1")],
        )
        .await;
    let l: Listing = ok(r).await;
    assert_eq!(l.Breadcrumbs.unwrap().len(), 4);
}

#[tokio::test]
async fn ids_by_path_info_and_objects() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let docs = o.mkdir("0", "Docs").await;
    assert_eq!(docs.Name, "Docs");
    assert_eq!(docs.Access, 3);
    let sub = o.mkdir(&docs.FolderID, "Sub dir").await;
    let f = o.upload(&sub.FolderID, "Report 1.PDF", b"%PDF", 2).await;
    assert_eq!(f.Extension, "pdf");
    assert_eq!(f.Size, "4");
    assert_eq!(f.FolderID, sub.FolderID);
    assert_eq!(f.FileHash, common::md5_hex(b"%PDF"));

    let r: Value = ok(o
        .post("folder/idbypath.json", json!({"path": "/Docs/Sub dir/"}))
        .await)
    .await;
    assert_eq!(r, json!({"FolderId": sub.FolderID}));
    let r: Value = ok(o.post("folder/idbypath.json", json!({"path": "/"})).await).await;
    assert_eq!(r["FolderId"], "0");
    let r: Value = ok(o
        .post(
            "file/idbypath.json",
            json!({"path": "/Docs/Sub dir/Report 1.PDF"}),
        )
        .await)
    .await;
    assert_eq!(r["FileId"], json!(f.FileId));
    assert_eq!(
        r["DownloadLink"],
        json!(format!("/api/v1/download/file.json/{}", f.FileId))
    );
    // A file is not a folder and the other way round; missing paths and climbing are refused.
    let (st, e) = error_of(
        o.post(
            "folder/idbypath.json",
            json!({"path": "/Docs/Sub dir/Report 1.PDF"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (st.as_u16(), e.message.as_str()),
        (404, "404: Not Found: Folder not found")
    );
    let (st, _) = error_of(o.post("file/idbypath.json", json!({"path": "/Docs"})).await).await;
    assert_eq!(st, 404);
    let (st, _) = error_of(
        o.post("file/idbypath.json", json!({"path": "/Docs/nope.txt"}))
            .await,
    )
    .await;
    assert_eq!(st, 404);
    let (st, _) = error_of(
        o.post("folder/idbypath.json", json!({"path": "/Docs/../Docs"}))
            .await,
    )
    .await;
    assert_eq!(st, 400);
    let (st, _) = error_of(o.post("folder/idbypath.json", json!({})).await).await;
    assert_eq!(st, 400);

    let info: Folder = ok(o
        .get(&format!("folder/info.json/{{sid}}/{}", docs.FolderID), &[])
        .await)
    .await;
    assert_eq!(info.ChildFolders, 1);
    assert!(info.DirUpdateTime.is_some());
    let fi: File = ok(o.get(&format!("file/info.json/{}", f.FileId), &[]).await).await;
    assert_eq!(fi.Name, "Report 1.PDF");
    assert_eq!(fi.Path, "/Docs/Sub dir/Report 1.PDF");
    // A folder id where a file is expected (and junk ids).
    let (st, e) = error_of(
        o.get(&format!("file/info.json/{}", docs.FolderID), &[])
            .await,
    )
    .await;
    assert_eq!(
        (st.as_u16(), e.message.as_str()),
        (404, "404: Not Found: File not found.")
    );
    let (st, _) = error_of(o.get("file/info.json/abc", &[]).await).await;
    assert_eq!(st, 400);
    let (st, _) = error_of(o.get("folder/info.json/{sid}/999999", &[]).await).await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn rename_move_copy() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let a = o.mkdir("0", "A").await;
    let b = o.mkdir("0", "B").await;
    let f = o.upload(&a.FolderID, "x.txt", b"x", 1).await;

    let r: File = ok(o
        .post(
            "file/rename.json",
            json!({"file_id": f.FileId, "new_file_name": "y.txt"}),
        )
        .await)
    .await;
    assert_eq!(r.Name, "y.txt");
    assert!(r.DirUpdateTime.is_some());
    let r: Folder = ok(o
        .post(
            "folder/rename.json",
            json!({"folder_id": a.FolderID, "folder_name": "A2"}),
        )
        .await)
    .await;
    assert_eq!(r.Name, "A2");
    assert_eq!(o.names("0").await, ["A2", "B"]);

    // Copy beside itself: a numbered duplicate.
    let c: File = ok(o.post("file/move_copy.json", json!({"src_file_id": f.FileId, "dst_folder_id": a.FolderID, "move": "false", "overwrite_if_exists": "false"})).await).await;
    assert_eq!(c.Name, "y (1).txt");
    assert_ne!(c.FileId, f.FileId);
    // Copy elsewhere, then again: taken → 409; overwrite → the old one goes to the trash.
    let c2: File = ok(o.post("file/move_copy.json", json!({"src_file_id": f.FileId, "dst_folder_id": b.FolderID, "move": "false", "overwrite_if_exists": "false"})).await).await;
    assert_eq!(c2.FolderID, b.FolderID);
    let (st, _) = error_of(o.post("file/move_copy.json", json!({"src_file_id": f.FileId, "dst_folder_id": b.FolderID, "move": "false", "overwrite_if_exists": "false"})).await).await;
    assert_eq!(st, 409);
    let c3: File = ok(o.post("file/move_copy.json", json!({"src_file_id": f.FileId, "dst_folder_id": b.FolderID, "move": "false", "overwrite_if_exists": "true"})).await).await;
    assert_ne!(c3.FileId, c2.FileId);
    let trash: TrashList = ok(o.get("folder/trashlist.json/{sid}", &[]).await).await;
    assert_eq!(trash.Files[0].FileId, c2.FileId);
    // Move with a new name; moving where it already is is 409.
    let m: File = ok(o.post("file/move_copy.json", json!({"src_file_id": c.FileId, "dst_folder_id": "0", "move": "true", "overwrite_if_exists": "false", "new_file_name": "moved.txt"})).await).await;
    assert_eq!(
        (m.FileId.as_str(), m.Name.as_str(), m.FolderID.as_str()),
        (c.FileId.as_str(), "moved.txt", "0")
    );
    assert!(m.DirUpdateTimeSrc.is_some());
    let (st, _) = error_of(o.post("file/move_copy.json", json!({"src_file_id": m.FileId, "dst_folder_id": "0", "move": "true", "overwrite_if_exists": "false"})).await).await;
    assert_eq!(st, 409);
    // Folders: into itself is the guide's 404; copy keeps the content; move.
    let (st, e) = error_of(
        o.post(
            "folder/move_copy.json",
            json!({"folder_id": a.FolderID, "dst_folder_id": a.FolderID, "move": "true"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 404);
    assert!(
        e.message.contains("cannot be copied/moved to itself"),
        "{}",
        e.message
    );
    let ac: Folder = ok(o
        .post(
            "folder/move_copy.json",
            json!({"folder_id": a.FolderID, "dst_folder_id": b.FolderID, "move": "false"}),
        )
        .await)
    .await;
    assert_eq!(o.names(&ac.FolderID).await, ["y.txt"]);
    assert_eq!(ac.Name, "A2");
    // B holds A2 now; moving A2 there under a new name is fine, under its own name 409.
    let (st, _) = error_of(
        o.post(
            "folder/move_copy.json",
            json!({"folder_id": a.FolderID, "dst_folder_id": b.FolderID, "move": "true"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 409);
    // A copy under a taken new name is refused and leaves nothing behind.
    let (st, _) = error_of(o.post("folder/move_copy.json", json!({"folder_id": a.FolderID, "dst_folder_id": b.FolderID, "move": "false", "new_folder_name": "A2"})).await).await;
    assert_eq!(st, 409);
    assert_eq!(o.names(&b.FolderID).await, ["A2", "y.txt"]);
    let am: Folder = ok(o.post("folder/move_copy.json", json!({"folder_id": a.FolderID, "dst_folder_id": b.FolderID, "move": "true", "new_folder_name": "A3"})).await).await;
    assert_eq!(am.Name, "A3");
    assert_eq!(o.names("0").await, ["B", "moved.txt"]);
    let (st, _) = error_of(
        o.post(
            "folder/move_copy.json",
            json!({"folder_id": b.FolderID, "dst_folder_id": "0"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 400, "move is required");
}

#[tokio::test]
async fn trash_restore_remove_and_empty() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let d = o.mkdir("0", "D").await;
    let f = o.upload(&d.FolderID, "keep.txt", b"keep", 10).await;
    let g = o.upload("0", "gone.txt", b"gone", 10).await;

    let r: Value = ok(o
        .post("file/trash.json", json!({"file_id": f.FileId}))
        .await)
    .await;
    assert!(r["DirUpdateTime"].is_i64());
    let r: Value = ok(o
        .post("folder/trash.json", json!({"folder_id": d.FolderID}))
        .await)
    .await;
    assert!(r["DirUpdateTime"].is_i64());
    ok::<Value>(
        o.post("file/trash.json", json!({"file_id": g.FileId}))
            .await,
    )
    .await;
    assert!(o.names("0").await.is_empty());
    // A trashed item is not reachable by id any more.
    assert_eq!(
        error_of(o.get(&format!("file/info.json/{}", g.FileId), &[]).await)
            .await
            .0,
        404
    );

    let t: TrashList = ok(o.get("folder/trashlist.json/{sid}", &[]).await).await;
    assert_eq!((t.FilesCount, t.FoldersCount), (2, 1));
    assert_eq!(t.Files[0].Name, "gone.txt", "newest first");
    assert!(t.Files[0].DataTrashed.is_some());
    assert_eq!(t.Files[0].OrigPath.as_deref(), Some("/gone.txt"));
    let counts: Value = ok(o
        .get("folder/trashlist.json/{sid}", &[("count_only", "1")])
        .await)
    .await;
    assert_eq!(counts["FilesCount"], 2);
    assert_eq!(counts["Files"], json!([]));

    // Restore the folder; the file trashed inside it before stays in the trash.
    let back: Folder = ok(o
        .post("folder/restore.json", json!({"folder_id": d.FolderID}))
        .await)
    .await;
    assert_eq!(back.ParentID.as_deref(), Some("0"));
    assert_eq!(o.names("0").await, ["D"]);
    let kept: File = ok(o
        .post("file/restore.json", json!({"file_id": f.FileId}))
        .await)
    .await;
    assert_eq!(kept.ParentID.as_deref(), Some(d.FolderID.as_str()));
    assert_eq!(o.download(&f.FileId).await, b"keep");

    // Delete for good: only from the trash.
    let (st, _) = error_of(o.delete(&format!("file.json/{{sid}}/{}", f.FileId)).await).await;
    assert_eq!(st, 400);
    ok::<Value>(o.delete(&format!("file.json/{{sid}}/{}", g.FileId)).await).await;
    let t: TrashList = ok(o.get("folder/trashlist.json/{sid}", &[]).await).await;
    assert_eq!(t.FilesCount, 0);
    assert_eq!(
        error_of(
            o.post("file/restore.json", json!({"file_id": g.FileId}))
                .await
        )
        .await
        .0,
        404
    );

    // Folder remove and empty trash.
    ok::<Value>(
        o.post("folder/trash.json", json!({"folder_id": d.FolderID}))
            .await,
    )
    .await;
    ok::<Value>(
        o.post("folder/remove.json", json!({"folder_id": d.FolderID}))
            .await,
    )
    .await;
    let e = o.mkdir("0", "E").await;
    ok::<Value>(
        o.post("folder/trash.json", json!({"folder_id": e.FolderID}))
            .await,
    )
    .await;
    let r: Value = ok(o.delete("folder/trash.json/{sid}").await).await;
    assert_eq!(r, json!({"result": true}));
    let t: TrashList = ok(o.get("folder/trashlist.json/{sid}", &[]).await).await;
    assert_eq!((t.FilesCount, t.FoldersCount), (0, 0));
}

#[tokio::test]
async fn bad_names_are_refused_clearly() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    let d = o.mkdir("0", "D").await;
    for bad in ["../x", "<script>", "a/b", "..", "what?", " lead"] {
        let (st, e) = error_of(o.post("folder.json", json!({"folder_name": bad})).await).await;
        assert_eq!(st, 400, "{bad}");
        assert!(
            e.message
                .starts_with("400: Bad Request: Folder name is invalid"),
            "{}",
            e.message
        );
        let (st, _) = error_of(
            o.post(
                "folder/rename.json",
                json!({"folder_id": d.FolderID, "folder_name": bad}),
            )
            .await,
        )
        .await;
        assert_eq!(st, 400);
        let (st, _) = error_of(o.create_file("0", bad, b"x").await).await;
        assert_eq!(st, 400);
    }
    let long = "n".repeat(10_000);
    let (st, e) = error_of(o.post("folder.json", json!({"folder_name": long})).await).await;
    assert_eq!(st, 400);
    assert!(
        e.message.contains("Maximum 255 characters allowed"),
        "{}",
        e.message
    );
    let (st, e) = error_of(o.post("folder.json", json!({})).await).await;
    assert_eq!(st, 400);
    assert!(
        e.message.contains("'folder_name' is required"),
        "{}",
        e.message
    );
    let (st, _) = error_of(o.post("folder.json", json!({"folder_name": "D"})).await).await;
    assert_eq!(st, 409, "a taken name");
    let (st, _) = error_of(
        o.post(
            "folder.json",
            json!({"folder_name": "x", "folder_sub_parent": "12345678"}),
        )
        .await,
    )
    .await;
    assert_eq!(st, 404);
    // Nothing was made by any of it.
    assert_eq!(o.names("0").await, ["D"]);
    assert!(o.names(&d.FolderID).await.is_empty());
}

#[tokio::test]
async fn one_tree_through_both_dialects() {
    let s = start().await;
    let o = od::login(&s, LOGIN, PASSWORD).await;
    // Uploaded through OpenDrive, listed through Cloudike.
    let d = o.mkdir("0", "Shared tree").await;
    let f = o
        .upload(&d.FolderID, "from-od.txt", b"written by OpenDrive", 7)
        .await;
    let meta = s.list("/Shared tree").await;
    let names: Vec<String> = meta.content.unwrap().into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["from-od.txt"]);
    assert_eq!(
        s.download("/Shared tree/from-od.txt").await,
        b"written by OpenDrive"
    );
    // Uploaded through Cloudike, listed and downloaded through OpenDrive.
    s.upload("/Shared tree/from-cloudike.txt", b"written by Cloudike")
        .await;
    let l = o.list(&d.FolderID).await;
    let cl = l
        .Files
        .iter()
        .find(|x| x.Name == "from-cloudike.txt")
        .unwrap();
    assert_eq!(o.download(&cl.FileId).await, b"written by Cloudike");
    // A rename on one side shows on the other.
    ok::<File>(
        o.post(
            "file/rename.json",
            json!({"file_id": f.FileId, "new_file_name": "renamed.txt"}),
        )
        .await,
    )
    .await;
    let names: Vec<String> = s
        .list("/Shared tree")
        .await
        .content
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["from-cloudike.txt", "renamed.txt"]);
}
