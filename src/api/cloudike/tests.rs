use super::*;

#[test]
fn tagged_text_splits_into_mentions() {
    assert_eq!(
        text_parts("Thanks @bob!", "Thanks @[7:bob]!"),
        vec![
            TextPart::Text("Thanks ".into()),
            TextPart::Mention("bob".into()),
            TextPart::Text("!".into()),
        ]
    );
    assert_eq!(
        text_parts("<b>x</b>", ""),
        vec![TextPart::Text("<b>x</b>".into())]
    );
    assert_eq!(
        text_parts("", "a @[x y] @[3:c]"),
        vec![
            TextPart::Text("a @[x y] ".into()),
            TextPart::Mention("c".into())
        ]
    );
}

#[test]
fn errors_map_by_name_then_status() {
    assert_eq!(kind_of("Conflict", 409), ErrorKind::Conflict);
    assert_eq!(kind_of("AlreadyExists", 403), ErrorKind::AlreadyExists);
    assert_eq!(kind_of("", 401), ErrorKind::Unauthorized);
    assert_eq!(kind_of("Weird", 503), ErrorKind::Server);
    assert_eq!(kind_of("QuotaExceeded", 402), ErrorKind::QuotaExceeded);
    assert_eq!(kind_of("", 402), ErrorKind::QuotaExceeded);
    assert_eq!(kind_of("UserDisabled", 401), ErrorKind::AccountDisabled);
    assert_eq!(kind_of("UserLocked", 403), ErrorKind::AccountLocked);
    assert_eq!(kind_of("TooManyAttempts", 429), ErrorKind::TooManyAttempts);
}

#[test]
fn urls() {
    let c = Cloudike::new("http://h:1/", None);
    let p = NodePath::parse("/a b/c?").unwrap();
    assert_eq!(
        c.url(&endpoint_with_path("metadata/", &p)),
        "http://h:1/api/1/metadata/a%20b/c%3F"
    );
    assert_eq!(
        endpoint_with_path("metadata/", &NodePath::root()),
        "metadata/"
    );
    assert_eq!(
        c.server_url("/api/1/upload/x/1"),
        "http://h:1/api/1/upload/x/1"
    );
}
