//! What a dialect can do beyond plain files. The UI hides the rest; `api::Client::capabilities`
//! derives the set from the areas a dialect implements.

/// What the server's dialect can do beyond plain files; the UI hides the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub trash: bool,
    pub versions: bool,
    pub favorites: bool,
    pub search: bool,
    pub archives: bool,
    pub previews: bool,
    /// Folders can be shared with other users (collaborators).
    pub sharing: bool,
    /// Sharing invites: the other user accepts or declines (else a share takes effect at once).
    pub invitations: bool,
    /// Public links that need no account.
    pub links: bool,
    pub link_expiry: bool,
    pub link_password: bool,
    /// Folder links can have a password too (`link_password` alone covers files).
    pub folder_link_password: bool,
    pub link_download_limit: bool,
    /// A link recipient can download a shared folder (or a selection in it) as one zip.
    pub link_archives: bool,
    /// A signed-in link recipient can copy the shared item into their own files.
    pub save_links: bool,
    /// Every link the user made can be listed in one place (else only one item's at a time).
    pub link_list: bool,
    /// An older version can be made the current one again.
    pub version_restore: bool,
    /// The owner of a shared folder can hand it over to a collaborator.
    pub handover: bool,
    /// Comments on files and folders, with mentions.
    pub comments: bool,
    /// Comments that are tasks with assignees, statuses and due dates.
    pub tasks: bool,
    /// The activity feed.
    pub activity: bool,
    /// Admins list, create, edit, disable and delete users (the admin section exists).
    pub admin_users: bool,
    /// Users are invited by a link instead of being given a password.
    pub invite_users: bool,
    /// An admin sets a user's language and time zone.
    pub user_locale: bool,
    /// Users locked after wrong passwords can be unlocked.
    pub unlock_users: bool,
    /// Deleted users can be restored.
    pub restore_users: bool,
    /// Roles can be changed.
    pub roles: bool,
    /// Per-user quotas.
    pub quotas: bool,
    pub groups: bool,
    /// A member can be taken out of a group (OpenDrive can only move people between groups).
    pub group_member_removal: bool,
    /// Folders can be shared with a group.
    pub group_shares: bool,
    /// The company panel (name, quota, users).
    pub company: bool,
    /// Users ask for more storage; admins approve or deny.
    pub quota_requests: bool,
    /// The system admin lists every company.
    pub companies: bool,
    /// Storage per user and per kind of file.
    pub storage_report: bool,
}

/// The `data-capabilities` value: the names of the true fields, comma-separated.
pub fn capability_names(caps: &Capabilities) -> String {
    // Destructured without `..`, so that a new field cannot be forgotten here.
    let Capabilities {
        trash,
        versions,
        favorites,
        search,
        archives,
        previews,
        sharing,
        invitations,
        links,
        link_expiry,
        link_password,
        folder_link_password,
        link_download_limit,
        link_archives,
        save_links,
        link_list,
        version_restore,
        handover,
        comments,
        tasks,
        activity,
        admin_users,
        invite_users,
        user_locale,
        unlock_users,
        restore_users,
        roles,
        quotas,
        groups,
        group_member_removal,
        group_shares,
        company,
        quota_requests,
        companies,
        storage_report,
    } = *caps;
    let all = [
        ("trash", trash),
        ("versions", versions),
        ("favorites", favorites),
        ("search", search),
        ("archives", archives),
        ("previews", previews),
        ("sharing", sharing),
        ("invitations", invitations),
        ("links", links),
        ("link_expiry", link_expiry),
        ("link_password", link_password),
        ("folder_link_password", folder_link_password),
        ("link_download_limit", link_download_limit),
        ("link_archives", link_archives),
        ("save_links", save_links),
        ("link_list", link_list),
        ("version_restore", version_restore),
        ("handover", handover),
        ("comments", comments),
        ("tasks", tasks),
        ("activity", activity),
        ("admin_users", admin_users),
        ("invite_users", invite_users),
        ("user_locale", user_locale),
        ("unlock_users", unlock_users),
        ("restore_users", restore_users),
        ("roles", roles),
        ("quotas", quotas),
        ("groups", groups),
        ("group_member_removal", group_member_removal),
        ("group_shares", group_shares),
        ("company", company),
        ("quota_requests", quota_requests),
        ("companies", companies),
        ("storage_report", storage_report),
    ];
    all.iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capability_names_lists_true_fields_in_order() {
        assert_eq!(capability_names(&Capabilities::default()), "");
        let caps = Capabilities {
            trash: true,
            link_password: true,
            admin_users: true,
            ..Capabilities::default()
        };
        assert_eq!(capability_names(&caps), "trash,link_password,admin_users");
    }
}
