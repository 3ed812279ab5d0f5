//! The share dialog's people part: invite people or groups, rights, removal, stop, hand over.

use super::*;

#[component]
pub(super) fn PeopleSection(entry: Entry, notes: Notes, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let invitations = app.client().capabilities().invitations;
    let path = StoredValue::new(entry.path.clone());
    let folder_name = StoredValue::new(entry.name.clone());
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let client = app.client();
        let path = path.get_value();
        async move { client.sharing().collaborators(&path).await }
    });
    let members = Memo::new(move |_| match list.get() {
        Some(Ok(v)) => v,
        _ => Vec::new(),
    });
    Effect::new(move || {
        if let Some(Err(e)) = list.get()
            && e.kind != ErrorKind::NotFound
        {
            notes.fail(app, &e, Msg::ErrNotFound);
        }
    });
    let direct = Memo::new(move |_| {
        members.with(|v| {
            v.iter()
                .any(|c| c.status != ShareStatus::Owner && !c.inherited)
        })
    });
    let accepted = Memo::new(move |_| {
        members.with(|v| {
            v.iter()
                .filter(|c| {
                    c.status == ShareStatus::Accepted && !c.inherited && c.group_id.is_none()
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    // The person field and its suggestions.
    let person = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    // The group picked from the suggestions, if the field still shows it.
    let chosen_group = RwSignal::new(None::<Group>);
    let caps = app.client().capabilities();
    let groups = LocalResource::new(move || {
        let client = app.client();
        async move {
            if caps.group_shares {
                client.admin().groups().await.unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let active = RwSignal::new(None::<usize>);
    let asked = StoredValue::new(0u32);
    let rights = RwSignal::new("read".to_owned());
    let busy = RwSignal::new(false);
    let on_input = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        person.set(text.clone());
        chosen_group.set(None);
        active.set(None);
        if text.trim().is_empty() {
            suggestions.set(Vec::new());
        }
        let typed = text.clone();
        ask_directory_later(app.client(), asked, text, move |found| {
            let group_hits = groups
                .get_untracked()
                .map(|g| matching_groups(&g, &typed))
                .unwrap_or_default();
            match found {
                Ok(list) => suggestions.set(
                    list.into_iter()
                        .map(Suggestion::Person)
                        .chain(group_hits)
                        .collect(),
                ),
                Err(e) if e.ends_session() => app.report(&e),
                Err(_) => suggestions.set(group_hits),
            }
        });
    };
    let choose = move |s: Suggestion| {
        match s {
            Suggestion::Person(p) => person.set(p.login),
            Suggestion::Group(g) => {
                person.set(g.name.clone());
                chosen_group.set(Some(g));
            }
        }
        suggestions.set(Vec::new());
        active.set(None);
        asked.update_value(|n| *n = n.wrapping_add(1));
    };
    let invite_group = move |g: Group| {
        let writer = rights.get_untracked() == "write";
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client
                .sharing()
                .invite_group(&path.get_value(), &g, writer)
                .await
            {
                Ok(()) => {
                    notes.say(tf(Msg::ShareGroupInvited, &[&g.name]));
                    person.set(String::new());
                    chosen_group.set(None);
                    suggestions.set(Vec::new());
                    app.reload();
                }
                Err(e) => notes.fail(app, &e, Msg::ShareErrUnknown),
            }
            busy.set(false);
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let invite = move || {
        if let Some(g) = chosen_group.get_untracked() {
            invite_group(g);
            return;
        }
        let login = person.get_untracked().trim().to_owned();
        if login.is_empty() {
            notes.fail_text(t(Msg::ShareErrEmpty).to_owned());
            return;
        }
        // The owner is left to the server (409: "that is you").
        if members.with_untracked(|v| {
            v.iter()
                .any(|c| c.login == login && c.status != ShareStatus::Owner)
        }) {
            notes.say(tf(Msg::ShareAlready, &[&login]));
            return;
        }
        let writer = rights.get_untracked() == "write";
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client
                .sharing()
                .invite(&path.get_value(), &login, writer)
                .await
            {
                Ok(()) => {
                    let done = if invitations {
                        Msg::ShareInvited
                    } else {
                        Msg::ShareAdded
                    };
                    notes.say(tf(done, &[&login]));
                    person.set(String::new());
                    suggestions.set(Vec::new());
                    app.reload();
                }
                Err(e) => notes.fail(app, &e, Msg::ShareErrUnknown),
            }
            busy.set(false);
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let len = suggestions.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if len > 0 => {
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % len)));
            }
            "ArrowUp" if len > 0 => {
                active.update(|a| *a = Some(a.map_or(len - 1, |i| (i + len - 1) % len)));
            }
            "Enter" => {
                let picked = active
                    .get_untracked()
                    .and_then(|i| suggestions.with_untracked(|v| v.get(i).cloned()));
                match picked {
                    Some(p) => choose(p),
                    None => invite(),
                }
            }
            "Escape" if len > 0 => {
                suggestions.set(Vec::new());
                ev.stop_propagation();
            }
            _ => return,
        }
        ev.prevent_default();
    };

    // Changes to one collaborator.
    let change_rights = move |login: String, group: Option<String>, writer: bool| {
        let client = app.client();
        spawn_local(async move {
            let folder = path.get_value();
            let outcome = match group {
                Some(id) => {
                    client
                        .sharing()
                        .set_group_rights(&folder, &id, writer)
                        .await
                }
                None => client.sharing().set_rights(&folder, &login, writer).await,
            };
            match outcome {
                Ok(()) => notes.error.set(None),
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let remove = move |c: Collaborator| {
        let client = app.client();
        spawn_local(async move {
            let invited = c.status == ShareStatus::Invited;
            let folder = path.get_value();
            let outcome = match &c.group_id {
                Some(id) => client.sharing().remove_group_share(&folder, id).await,
                None => {
                    client
                        .sharing()
                        .remove_member(&folder, &c.login, invited)
                        .await
                }
            };
            match outcome {
                Ok(()) => {
                    notes.error.set(None);
                    app.reload();
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };

    let can_handover = app.client().capabilities().handover;
    let ask = RwSignal::new(None::<Ask>);
    let handover_to = RwSignal::new(String::new());
    let run_ask = move |what: Ask| {
        ask.set(None);
        let client = app.client();
        spawn_local(async move {
            let p = path.get_value();
            let name = folder_name.get_value();
            match what {
                Ask::Stop => match client.sharing().unshare(&p).await {
                    Ok(()) => {
                        notes.say(tf(Msg::ShareStopped, &[&name]));
                        app.reload();
                    }
                    Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
                },
                Ask::Handover(c) => match client.sharing().handover(&p, &c.login).await {
                    Ok(()) => {
                        let shown = if c.name.is_empty() { c.login } else { c.name };
                        app.succeed(tf(Msg::ShareHandoverDone, &[&shown, &name]));
                        app.reload();
                        on_close.run(());
                        return;
                    }
                    Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
                },
            }
            reload.update(|n| *n = n.wrapping_add(1));
        });
    };
    let confirm = move || confirm_ask(ask, folder_name.get_value(), run_ask);
    let start_handover = move || {
        let login = handover_to.get_untracked();
        let list = accepted.get_untracked();
        let picked = list
            .iter()
            .find(|c| c.login == login)
            .or_else(|| list.first())
            .cloned();
        match picked {
            Some(c) => ask.set(Some(Ask::Handover(c))),
            None => notes.fail_text(t(Msg::ShareHandoverNone).to_owned()),
        }
    };

    let member_row = move |c: Collaborator| member_row(c, change_rights, remove);

    view! {
        <section class="share-section" aria-labelledby="share-people-title">
            <h3 id="share-people-title">{t(Msg::SharePeople)}</h3>
            <div class="share-invite">
                <div class="combo">
                    <label for="share-person">{t(Msg::SharePerson)}</label>
                    <input
                        id="share-person"
                        type="text"
                        role="combobox"
                        autocomplete="off"
                        aria-autocomplete="list"
                        aria-controls="share-suggestions"
                        aria-expanded=move || suggestions.with(|v| !v.is_empty()).to_string()
                        aria-activedescendant=move || active.get().map(|i| format!("share-suggestion-{i}"))
                        prop:value=move || person.get()
                        on:input=on_input
                        on:keydown=on_keydown
                    />
                    <ul
                        id="share-suggestions"
                        role="listbox"
                        aria-label=t(Msg::SharePerson)
                        hidden=move || suggestions.with(Vec::is_empty)
                    >
                        {move || {
                            suggestions
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, s)| {
                                    let picked = s.clone();
                                    let (label, login, group) = match &s {
                                        Suggestion::Person(p) if p.name.is_empty() => (p.login.clone(), Some(p.login.clone()), None),
                                        Suggestion::Person(p) => (format!("{} ({})", p.name, p.login), Some(p.login.clone()), None),
                                        Suggestion::Group(g) => (tf(Msg::ShareGroupOption, &[&g.name]), None, Some(g.name.clone())),
                                    };
                                    view! {
                                        <li
                                            id=format!("share-suggestion-{i}")
                                            role="option"
                                            data-login=login
                                            data-group=group
                                            aria-selected=move || (active.get() == Some(i)).to_string()
                                            on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default()
                                            on:click=move |_| choose(picked.clone())
                                        >
                                            {label}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <div>
                    <label for="share-rights">{t(Msg::ShareRights)}</label>
                    <select id="share-rights" on:change=move |ev| rights.set(event_target_value(&ev))>
                        <option value="read" selected=true>{t(Msg::RightsRead)}</option>
                        <option value="write">{t(Msg::RightsWrite)}</option>
                    </select>
                </div>
                <button
                    id="share-invite"
                    type="button"
                    class="primary"
                    disabled=move || busy.get()
                    on:click=move |_| invite()
                >
                    {t(Msg::ShareInvite)}
                </button>
            </div>
            <h4>{t(Msg::ShareCollaborators)}</h4>
            <ul id="share-collaborators" class="collaborators">
                {move || members.get().into_iter().map(member_row).collect_view()}
            </ul>
            <Show when=move || list.get().is_some() && !direct.get()>
                <p class="hint">{t(Msg::ShareNobody)}</p>
            </Show>
            <Show when=move || direct.get()>
                <div class="share-manage">
                    <button id="share-stop" type="button" class="danger" on:click=move |_| ask.set(Some(Ask::Stop))>
                        {t(Msg::ShareStop)}
                    </button>
                    <Show when=move || can_handover && accepted.with(|v| !v.is_empty())>
                        <label for="handover-to">{t(Msg::ShareHandoverTo)}</label>
                        <select id="handover-to" on:change=move |ev| handover_to.set(event_target_value(&ev))>
                            {move || {
                                accepted
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let label = if c.name.is_empty() { c.login.clone() } else { c.name.clone() };
                                        view! { <option value=c.login.clone()>{label}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                        <button id="share-handover" type="button" on:click=move |_| start_handover()>
                            {t(Msg::ShareHandover)}
                        </button>
                    </Show>
                </div>
            </Show>
            {confirm}
        </section>
    }
}
