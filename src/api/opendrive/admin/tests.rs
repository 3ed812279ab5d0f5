use super::*;

const NEWBIE: &str = r#"{"AccessUserID":"9","FirstName":"New","LastName":"Bie",
    "Email":"newbie","AdminMode":0,"AccessAdminLevel":0,"AccessActive":1,"BwMax":0,
    "BwUsed":0,"StorageMax":0,"StorageUsed":1234,"AccessSince":"1700000000","Position":"",
    "Phone":"","Avatar":"","AvatarColor":"","GroupIDs":["3"]}"#;

#[test]
fn an_account_user_is_keyed_by_login() {
    let u = decode_user(NEWBIE);
    assert_eq!(u.id, "newbie");
    assert_eq!(u.login, "newbie");
    assert_eq!(u.name, "New Bie");
    assert_eq!(u.role, Role::User);
    assert!(u.active && !u.locked && !u.deleted);
    assert_eq!(u.used_bytes, 1234);
    assert_eq!(u.quota_bytes, None);
}

#[test]
fn access_levels_and_states_map() {
    let u = decode_user(
        r#"{"Email":"adele","AdminMode":1,"AccessAdminLevel":"1","AccessActive":"0",
            "StorageMax":"1048576"}"#,
    );
    assert_eq!(u.role, Role::CompanyAdmin);
    assert!(!u.active && !u.locked);
    assert_eq!(u.quota_bytes, Some(MIB));
    let u = decode_user(r#"{"Email":"root","AccessAdminLevel":2,"AccessActive":2}"#);
    assert_eq!(u.role, Role::SystemAdmin);
    assert!(u.active && u.locked);
    // An old server sending only AdminMode.
    let u = decode_user(r#"{"Email":"a","AdminMode":"1"}"#);
    assert_eq!(u.role, Role::CompanyAdmin);
}

#[test]
fn groups_read_numbers_as_strings_or_numbers() {
    let g: UserGroup = serde_json::from_str(
        r#"{"GroupID":"7","GroupName":"Design","GroupActive":"1","NumUsers":2}"#,
    )
    .unwrap();
    let g = group_from(g);
    assert_eq!(
        (g.id.as_str(), g.name.as_str(), g.members),
        ("7", "Design", 2)
    );
    let made: GroupCreated = serde_json::from_str(r#"{"Group_id": 7}"#).unwrap();
    assert_eq!(made.group_id.0, "7");
}

#[test]
fn names_split_at_the_first_space() {
    assert_eq!(name_parts("New Bie"), ("New".into(), "Bie".into()));
    assert_eq!(
        name_parts(" Anne Marie Sky "),
        ("Anne".into(), "Marie Sky".into())
    );
    assert_eq!(name_parts("Cher"), ("Cher".into(), "Cher".into()));
}

#[test]
fn quotas_round_up_to_whole_megabytes() {
    assert_eq!(quota_mb(None), 0);
    assert_eq!(quota_mb(Some(1)), 1);
    assert_eq!(quota_mb(Some(MIB)), 1);
    assert_eq!(quota_mb(Some(MIB + 1)), 2);
    assert_eq!(quota_mb(Some(0)), 1);
}
