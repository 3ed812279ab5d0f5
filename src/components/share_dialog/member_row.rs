//! Pieces of the share dialog's people part: one member's row, and the confirmations of
//! stopping the share or handing the folder over.

use super::*;

/// One person (or group) in the share's member list, with rights and remove controls unless
/// they own the folder.
pub(super) fn member_row(
    c: Collaborator,
    change_rights: impl Fn(String, Option<String>, bool) + Copy + 'static,
    remove: impl Fn(Collaborator) + Copy + 'static,
) -> impl IntoView {
    let owner = c.status == ShareStatus::Owner;
    let name = if c.name.is_empty() {
        c.login.clone()
    } else {
        c.name.clone()
    };
    let controls = (!owner).then(|| {
        let login = c.login.clone();
        let group = c.group_id.clone();
        let for_remove = c.clone();
        let inherited = c.inherited;
        view! {
            <select
                class="share-rights"
                aria-label=tf(Msg::ShareRightsLabel, &[&name])
                disabled=inherited
                on:change=move |ev| change_rights(login.clone(), group.clone(), event_target_value(&ev) == "write")
            >
                <option value="read" selected=!c.writer>{t(Msg::RightsRead)}</option>
                <option value="write" selected=c.writer>{t(Msg::RightsWrite)}</option>
            </select>
            <button
                type="button"
                class="share-remove danger"
                aria-label=tf(Msg::ShareRemoveLabel, &[&name])
                disabled=inherited
                on:click=move |_| remove(for_remove.clone())
            >
                {t(Msg::ShareRemove)}
            </button>
        }
    });
    view! {
        <li
            data-login=c.group_id.is_none().then(|| c.login.clone())
            data-group=c.group_id.is_some().then(|| c.name.clone())
            data-status=c.status.code()
        >
            <span class="collab-name">{name.clone()}</span>
            <span class="collab-login hint">
                {if c.group_id.is_some() { t(Msg::ShareGroupTag).to_owned() } else { c.login.clone() }}
            </span>
            <span class="collab-status">{status_text(c.status)}</span>
            {c.inherited.then(|| view! { <span class="collab-inherited hint">{t(Msg::ShareInherited)}</span> })}
            <span class="collab-actions">{controls}</span>
        </li>
    }
}

/// The open question (stop sharing, or hand the folder over), if any.
pub(super) fn confirm_ask(
    ask: RwSignal<Option<Ask>>,
    name: String,
    run_ask: impl Fn(Ask) + Copy + Send + Sync + 'static,
) -> Option<AnyView> {
    let cancel = Callback::new(move |_| ask.set(None));
    match ask.get()? {
        Ask::Stop => Some(
            view! {
                <Confirm
                    title=tf(Msg::ShareStopTitle, &[&name])
                    text=t(Msg::ShareStopText).to_owned()
                    ok_label=t(Msg::ShareStop)
                    on_ok=Callback::new(move |_| run_ask(Ask::Stop))
                    on_cancel=cancel
                />
            }
            .into_any(),
        ),
        Ask::Handover(c) => {
            let shown = if c.name.is_empty() {
                c.login.clone()
            } else {
                c.name.clone()
            };
            Some(
                view! {
                    <Confirm
                        title=tf(Msg::ShareHandoverTitle, &[&shown, &name])
                        text=t(Msg::ShareHandoverText).to_owned()
                        ok_label=t(Msg::ShareHandover)
                        on_ok=Callback::new(move |_| run_ask(Ask::Handover(c.clone())))
                        on_cancel=cancel
                    />
                }
                .into_any(),
            )
        }
    }
}
