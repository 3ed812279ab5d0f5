//! The one message catalogue: every user-facing string goes through [`t`].
//!
//! Add a language by adding a [`Lang`] variant and one `match` arm per key in a new `fn xx(key)`;
//! the compiler then lists every message still missing. Placeholders are `{0}`, `{1}`, … filled by
//! [`tf`].

/// A supported interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
}

/// Every message key the interface shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppName,
    LoginTitle,
    LoginUsername,
    LoginPassword,
    LoginSubmit,
    LoginBusy,
    LoginFailed,
    LoginMissing,
    SessionExpired,
    SignedOut,
    Logout,
    SignedInAs,
    Breadcrumbs,
    Home,
    ColName,
    ColSize,
    ColModified,
    Loading,
    EmptyFolder,
    EmptyFolderHint,
    FolderKind,
    NewFolder,
    Upload,
    Rename,
    Move,
    Copy,
    Delete,
    Download,
    Toolbar,
    Ok,
    Cancel,
    Close,
    NewFolderTitle,
    RenameTitle,
    NameLabel,
    DeleteTitle,
    DeleteQuestion,
    DeleteMore,
    MoveTitle,
    CopyTitle,
    PickerRoot,
    PickerUp,
    PickerHere,
    PickerNoFolders,
    PickerChoose,
    ConflictTitle,
    ConflictText,
    ConflictReplace,
    ConflictKeepBoth,
    ConflictSkip,
    ConflictApplyAll,
    UploadsTitle,
    CancelAll,
    ClearFinished,
    UploadCancel,
    StateHashing,
    StateWaiting,
    StateUploading,
    StateDone,
    StateDeduplicated,
    StateFailed,
    StateCancelled,
    StateSkipped,
    Retrying,
    Overall,
    Eta,
    DropHint,
    FolderCreated,
    Renamed,
    Moved,
    Copied,
    Deleted,
    DeletePartial,
    DownloadStarted,
    UploadFinished,
    ErrUnauthorized,
    ErrInvalidCredentials,
    ErrNotFound,
    ErrConflict,
    ErrAlreadyExists,
    ErrInvalidName,
    ErrBadDigest,
    ErrSameDirectory,
    ErrIntoOwnSubtree,
    ErrForbidden,
    ErrNetwork,
    ErrServer,
    ErrUnexpected,
    ErrWorker,
    ErrAborted,
    NameEmpty,
    NameTooLong,
    NameDot,
    NameSlash,
    NameControl,
    NameSpace,
    NameOther,
    BenchTitle,
    BenchFile,
    BenchMd5,
    BenchMs,
    BenchRunning,
    NotFoundPage,
    BackToFiles,
    SortAsc,
    SortDesc,
    Selected,
}

/// The current interface language. English only for now; a language switch would store it in a
/// signal and pass it here.
pub fn lang() -> Lang {
    Lang::default()
}

/// The text of `key` in the current language.
pub fn t(key: Msg) -> &'static str {
    match lang() {
        Lang::En => en(key),
    }
}

/// The text of `key` with `{0}`, `{1}`, … replaced by `args`.
pub fn tf(key: Msg, args: &[&str]) -> String {
    fill(t(key), args)
}

/// Replace `{i}` placeholders in `template` by `args[i]`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

fn en(key: Msg) -> &'static str {
    use Msg::*;
    match key {
        AppName => "Satchel",
        LoginTitle => "Sign in to Satchel",
        LoginUsername => "Username",
        LoginPassword => "Password",
        LoginSubmit => "Sign in",
        LoginBusy => "Signing in…",
        LoginFailed => "Sign-in failed: {0}",
        LoginMissing => "Enter your username and password.",
        SessionExpired => "Your session has expired. Please sign in again.",
        SignedOut => "You have signed out.",
        Logout => "Sign out",
        SignedInAs => "Signed in as",
        Breadcrumbs => "Folder path",
        Home => "Home",
        ColName => "Name",
        ColSize => "Size",
        ColModified => "Modified",
        Loading => "Loading…",
        EmptyFolder => "This folder is empty.",
        EmptyFolderHint => "Drop files here or use Upload to add some.",
        FolderKind => "Folder",
        NewFolder => "New folder",
        Upload => "Upload",
        Rename => "Rename",
        Move => "Move",
        Copy => "Copy",
        Delete => "Delete",
        Download => "Download",
        Toolbar => "File actions",
        Ok => "OK",
        Cancel => "Cancel",
        Close => "Close",
        NewFolderTitle => "New folder",
        RenameTitle => "Rename \"{0}\"",
        NameLabel => "Name",
        DeleteTitle => "Delete {0} item(s)?",
        DeleteQuestion => "Deleted items go to the trash. These will be deleted:",
        DeleteMore => "…and {0} more",
        MoveTitle => "Move {0} item(s) to…",
        CopyTitle => "Copy {0} item(s) to…",
        PickerRoot => "Home (/)",
        PickerUp => "Up one level",
        PickerHere => "Current folder:",
        PickerNoFolders => "No folders here.",
        PickerChoose => "Choose this folder",
        ConflictTitle => "\"{0}\" already exists",
        ConflictText => "A file with this name is already in {0}. What should happen?",
        ConflictReplace => "Replace (keep old as a version)",
        ConflictKeepBoth => "Keep both",
        ConflictSkip => "Skip",
        ConflictApplyAll => "Do this for all remaining conflicts",
        UploadsTitle => "Uploads",
        CancelAll => "Cancel all",
        ClearFinished => "Clear finished",
        UploadCancel => "Cancel",
        StateHashing => "Checking {0}",
        StateWaiting => "Waiting",
        StateUploading => "Uploading",
        StateDone => "Done",
        StateDeduplicated => "Done (already stored, nothing sent)",
        StateFailed => "Failed: {0}",
        StateCancelled => "Cancelled",
        StateSkipped => "Skipped",
        Retrying => "retrying part {0} (attempt {1})",
        Overall => "Overall: {0} of {1} ({2} files), {3}",
        Eta => "{0}/s, {1} left",
        DropHint => "Drop files to upload them here",
        FolderCreated => "Folder \"{0}\" created.",
        Renamed => "Renamed to \"{0}\".",
        Moved => "Moved {0} item(s) to {1}.",
        Copied => "Copied {0} item(s) to {1}.",
        Deleted => "Deleted {0} item(s).",
        DeletePartial => "Deleted {0} item(s); {1} could not be deleted: {2}",
        DownloadStarted => "Download of \"{0}\" started.",
        UploadFinished => "\"{0}\" uploaded.",
        ErrUnauthorized => "You are not signed in. Please sign in again.",
        ErrInvalidCredentials => "Wrong username or password. Check them and try again.",
        ErrNotFound => {
            "It is no longer there; someone may have moved or deleted it. The list has been refreshed."
        }
        ErrConflict => "That name is already taken here. Choose another name.",
        ErrAlreadyExists => {
            "An item with that name already exists there. Rename it first or choose another folder."
        }
        ErrInvalidName => "The server refused the name. Choose another name.",
        ErrBadDigest => "The data was damaged in transit. Try again.",
        ErrSameDirectory => "It is already in that folder. Choose another folder.",
        ErrIntoOwnSubtree => "A folder cannot go into itself. Choose another folder.",
        ErrForbidden => "You are not allowed to do that.",
        ErrNetwork => "The server could not be reached. Check your connection and try again.",
        ErrServer => "The server had a problem. Try again in a moment.",
        ErrUnexpected => "The server answered something unexpected. Try again.",
        ErrWorker => "The file could not be read. Try choosing it again.",
        ErrAborted => "Cancelled.",
        NameEmpty => "Enter a name.",
        NameTooLong => "The name is {0} characters long; at most 1000 are allowed.",
        NameDot => "\".\" and \"..\" cannot be used as names.",
        NameSlash => "A name cannot contain \"/\".",
        NameControl => "A name cannot contain control characters.",
        NameSpace => "A name cannot begin or end with a space.",
        NameOther => "That name cannot be used.",
        BenchTitle => "MD5 benchmark",
        BenchFile => "File to hash",
        BenchMd5 => "MD5",
        BenchMs => "Milliseconds",
        BenchRunning => "Hashing…",
        NotFoundPage => "There is nothing at this address.",
        BackToFiles => "Go to your files",
        SortAsc => "ascending",
        SortDesc => "descending",
        Selected => "{0} selected",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            tf(Msg::Retrying, &["2", "3"]),
            "retrying part 2 (attempt 3)"
        );
        assert_eq!(fill("{0}-{0}", &["x"]), "x-x");
    }
}
