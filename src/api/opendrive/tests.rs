use super::*;

fn p(s: &str) -> NodePath {
    NodePath::parse(s).unwrap()
}

#[test]
fn lenient_numbers_and_ids() {
    let n: Vec<Num> =
        serde_json::from_str(r#"[7, "12", " 3 ", true, null, "x", 2.9, "true"]"#).unwrap();
    assert_eq!(
        n,
        [
            Num(7),
            Num(12),
            Num(3),
            Num(1),
            Num(0),
            Num(0),
            Num(2),
            Num(1)
        ]
    );
    let i: Vec<Id> = serde_json::from_str(r#"["42", 42, null]"#).unwrap();
    assert_eq!(i, [Id("42".into()), Id("42".into()), Id(String::new())]);
    assert_eq!(Num(-5).bytes(), 0);
    assert_eq!(Num(2).ms(), 2000);
}

#[test]
fn a_listing_maps_to_entries_and_ids() {
    let l: Listing = serde_json::from_str(
        r#"{"DirUpdateTime": 17, "Name": "Docs", "ParentFolderID": "0", "ResponseType": 1,
            "Folders": [{"FolderID": "7", "Name": "Sub", "DateCreated": 100, "DateModified": 200,
                         "Shared": "1", "ChildFolders": 0, "Writable": 0, "CommentsCount": 2, "Owner": "3"},
                        {"FolderID": "8", "Name": "bad/name"}],
            "Files": [{"FileId": "9", "Name": "a.PNG", "GroupID": "9", "Size": "1234", "Version": "3",
                       "DateModified": "300", "DateUploaded": 250, "ThumbLink": "/api/v1/file/thumb.json/9",
                       "FileHash": "ABCDEF", "Writable": 1, "CommentsCount": 0, "Owner": "3",
                       "Path": "/elsewhere/a.PNG"}],
            "IsLastPage": true}"#,
    )
    .unwrap();
    let found = listing_entries(&p("/Docs"), &l);
    assert_eq!(found.len(), 2, "an unusable name is left out");
    let (folder, fk) = &found[0];
    assert_eq!(folder.path, p("/Docs/Sub"));
    assert!(folder.is_folder && folder.shared && !folder.writable);
    assert_eq!(
        (folder.created_ms, folder.modified_ms, folder.comments),
        (100_000, 200_000, 2)
    );
    assert_eq!(fk, &Known::folder("7", Some(false)));
    let (file, k) = &found[1];
    // The listing's folder decides where a child is.
    assert_eq!(file.path, p("/Docs/a.PNG"));
    assert_eq!(file.name, "a.PNG");
    assert_eq!((file.size, file.version), (1234, 3));
    assert_eq!((file.modified_ms, file.created_ms), (300_000, 250_000));
    assert_eq!(file.checksum.as_deref(), Some("abcdef"));
    assert!(file.thumbnail && file.writable && !file.is_folder);
    assert_eq!(file.owner_id.as_deref(), Some("3"));
    assert_eq!(k, &Known::file("9", Some(true)));
    assert_eq!(l.is_last_page, Some(Num(1)));
}

#[test]
fn record_paths_prefer_the_server_path() {
    assert_eq!(record_path("/a/b", Some(p("/x"))).unwrap(), p("/a/b"));
    assert_eq!(record_path("", Some(p("/x"))).unwrap(), p("/x"));
    assert_eq!(record_path("not absolute", Some(p("/x"))).unwrap(), p("/x"));
    assert!(record_path("", None).is_err());
}

#[test]
fn trash_items_remember_where_they_were() {
    let t: TrashList = serde_json::from_str(
        r#"{"FilesCount": 1, "FoldersCount": 1,
            "Folders": [{"FolderID": "5", "Name": "old", "DateTrashed": 10, "OrigPath": "/a/old"}],
            "Files": [{"FileId": "6", "Name": "f.txt", "Size": "3", "DataTrashed": "20", "OrigPath": "/a"}]}"#,
    )
    .unwrap();
    let e = trash_entries(&t);
    assert_eq!(e.len(), 2);
    assert_eq!(
        (e[0].name.as_str(), e[0].deleted_ms, e[0].size),
        ("f.txt", 20_000, 3)
    );
    assert_eq!(
        e[0].original,
        p("/a/f.txt"),
        "OrigPath naming the folder it was in"
    );
    assert_eq!(
        e[1].original,
        p("/a/old"),
        "OrigPath naming the item itself"
    );
    let (kind, id, original) = parse_trash_id(&e[0].id).unwrap();
    assert_eq!((kind, id, original), (Kind::File, "6", Some(p("/a/f.txt"))));
    let (kind, id, _) = parse_trash_id(&e[1].id).unwrap();
    assert_eq!((kind, id), (Kind::Folder, "5"));
    assert!(parse_trash_id("node:1").is_err());
    assert_eq!(purged_totals(&e, &[]), (2, 3));
    assert_eq!(purged_totals(&e, &[e[1].id.clone()]), (1, 0));
    assert_eq!(purged_totals(&e, &[e[0].id.clone()]), (1, 3));
    assert_eq!(original_path("", "x"), p("/x"));
    // A path with colons survives the id.
    let id = trash_id(Kind::File, "1", &p("/a:b/c"));
    assert_eq!(parse_trash_id(&id).unwrap().2, Some(p("/a:b/c")));
}

#[test]
fn comments_come_with_mentions_and_authors() {
    let c: WireComment = serde_json::from_str(
        r#"{"CommentId": "abc", "Comment": "hi @bob", "Number": "1", "Created": "5",
            "UserId": 3, "OwnerFirstName": "Ann", "OwnerLastName": "", "IsTask": 0}"#,
    )
    .unwrap();
    let c = comment_from(c);
    assert_eq!(
        (c.id.as_str(), c.author_id.as_str(), c.author_name.as_str()),
        ("abc", "3", "Ann")
    );
    assert_eq!((c.created_ms, c.modified_ms), (5000, 5000));
    assert_eq!(
        c.parts,
        vec![
            TextPart::Text("hi ".into()),
            TextPart::Mention("bob".into())
        ]
    );
    assert!(!c.is_task);
}

#[test]
fn errors_by_kind_then_status() {
    let reply = |status: u16, body: &str| Reply {
        status,
        body: body.into(),
        etag: None,
        content_range: None,
    };
    let e = error_from(&reply(
        409,
        r#"{"error": {"code": 409, "message": "409: Conflict: File or folder with such name already exists", "kind": "AlreadyExists"}}"#,
    ));
    assert_eq!(e.kind, ErrorKind::AlreadyExists);
    assert_eq!(e.message, "File or folder with such name already exists");
    let e = error_from(&reply(
        404,
        r#"{"error": {"code": 404, "message": "404: Not Found: Folder cannot be copied/moved to itself", "kind": "IntoOwnSubtree"}}"#,
    ));
    assert_eq!(e.kind, ErrorKind::IntoOwnSubtree);
    let e = error_from(&reply(
        401,
        r#"{"error": {"code": 401, "message": "", "error": "invalid_token", "error_description": "The access token provided has expired"}}"#,
    ));
    assert_eq!(
        (e.kind, e.message.as_str()),
        (
            ErrorKind::Unauthorized,
            "The access token provided has expired"
        )
    );
    assert_eq!(error_from(&reply(502, "<html>")).kind, ErrorKind::Server);
    assert_eq!(error_from(&reply(403, "{}")).kind, ErrorKind::Forbidden);
    assert_eq!(
        phrase("400: Bad Request: Invalid chunk_offset 5: expected 0"),
        "Invalid chunk_offset 5: expected 0"
    );
    assert_eq!(
        phrase("409: File or folder with such name already exists"),
        "File or folder with such name already exists"
    );
    assert_eq!(phrase("plain"), "plain");
}

#[test]
fn chunks_follow_the_queue_plan() {
    let chunk = 8;
    let parts = crate::model::plan(20, chunk);
    let offsets: Vec<(u64, u64)> = parts
        .iter()
        .map(|part| (chunk_offset(part.num, chunk), part.len()))
        .collect();
    assert_eq!(offsets, [(0, 8), (8, 8), (16, 4)]);
    let id = upload_id("0123abcd", "0123abcd");
    assert_eq!(split_upload_id(&id), ("0123abcd", "0123abcd"));
    assert_eq!(split_upload_id("42"), ("42", ""));
}

#[test]
fn urls() {
    let c = OpenDrive::new("http://h/", Some("s1".into()), 8);
    assert_eq!(c.url("folder.json"), "http://h/api/v1/folder.json");
    assert_eq!(
        c.in_session("folder/list.json", &["0"]),
        "folder/list.json/s1/0"
    );
    assert_eq!(
        c.in_session("folder/trashlist.json", &[]),
        "folder/trashlist.json/s1"
    );
    assert_eq!(
        OpenDrive::at("file/info.json", "a b"),
        "file/info.json/a%20b"
    );
    assert_eq!(
        c.download_link("42.3", true),
        "http://h/api/v1/download/file.json/42.3?session_id=s1&inline=1"
    );
    assert_eq!(with_query("x", &[]), "x");
    assert_eq!(with_query("x?a=1", &[("b", "2".into())]), "x?a=1&b=2");
    assert_eq!(public_id("/s/abc"), "abc");
    // 2026-11-23 13:05:09 UTC.
    let t = 1_795_439_109_000;
    assert_eq!(
        archive_name(&[p("/Docs")], t),
        "Docs_2026-11-23_13-05-09_UTC.zip"
    );
    assert_eq!(
        archive_name(&[p("/a/x"), p("/a/y")], t),
        "a_2026-11-23_13-05-09_UTC.zip"
    );
    assert_eq!(
        archive_name(&[p("/x"), p("/y")], 0),
        "files_1970-01-01_00-00-00_UTC.zip"
    );
    assert_eq!(
        archive_name(&[p("/x")], 951_782_400_000),
        "x_2000-02-29_00-00-00_UTC.zip"
    );
}

#[test]
fn search_filters_by_kind_and_date() {
    let entry = |name: &str, folder: bool, modified_ms: i64| Entry {
        name: name.into(),
        path: p(&format!("/{name}")),
        is_folder: folder,
        size: 0,
        modified_ms,
        checksum: None,
        version: 0,
        created_ms: 0,
        mime: None,
        favorite: false,
        thumbnail: false,
        shared: false,
        writable: true,
        comments: 0,
        owner_id: None,
    };
    assert_eq!(search_kind_of(&entry("d", true, 0)), SearchKind::Folder);
    assert_eq!(search_kind_of(&entry("a.jpg", false, 0)), SearchKind::Image);
    assert_eq!(search_kind_of(&entry("a.mp3", false, 0)), SearchKind::Audio);
    assert_eq!(
        search_kind_of(&entry("a.webm", false, 0)),
        SearchKind::Video
    );
    assert_eq!(
        search_kind_of(&entry("a.docx", false, 0)),
        SearchKind::Document
    );
    assert_eq!(
        search_kind_of(&entry("a.txt", false, 0)),
        SearchKind::Document
    );
    assert_eq!(search_kind_of(&entry("a.bin", false, 0)), SearchKind::Other);
    let q = SearchQuery {
        text: "a".into(),
        kind: SearchKind::Image,
        from_ms: Some(10),
        to_ms: Some(20),
    };
    assert!(matches_search(&entry("a.png", false, 15), &q));
    assert!(!matches_search(&entry("a.png", false, 25), &q));
    assert!(!matches_search(&entry("a.txt", false, 15), &q));
}
