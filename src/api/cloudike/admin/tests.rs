use super::*;

#[test]
fn user_data_reads_leniently() {
    let u: UserData = serde_json::from_str(
        r#"{"userid":7,"login":"bob","name":"Bob","role":"admin","is_active":false,
            "is_locked":true,"storage_size":10,"quota_size":null,"last_login":0}"#,
    )
    .unwrap();
    let u = user_from(u);
    assert_eq!(u.id, "7");
    assert_eq!(u.role, Role::CompanyAdmin);
    assert!(!u.active && u.locked && !u.deleted);
    assert_eq!(u.quota_bytes, None);
}

#[test]
fn quota_change_reads_null_reasons() {
    let r: QuotaChange = serde_json::from_str(
        r#"{"success":1,"failed":1,"nodes":[{"userid":2,"error_code":0,"error_info":null},
            {"userid":3,"error_code":402,"error_info":"Company quota need increase."}]}"#,
    )
    .unwrap();
    assert_eq!(r.nodes.len(), 2);
    assert_eq!(r.nodes[0].error_info, None);
}

#[test]
fn roles_round_trip() {
    for r in [Role::User, Role::CompanyAdmin, Role::SystemAdmin] {
        assert_eq!(role_from(role_code(r)), r);
    }
    assert_eq!(role_from("weird"), Role::User);
}

#[test]
fn group_endpoints_encode_the_id() {
    assert_eq!(endpoint("groups/", "a b", "/users/"), "groups/a%20b/users/");
}
