//! The share dialog's public-link part: create, settings (expiry, password, limit), copy, revoke.

use super::*;

/// `YYYY-MM-DD` of `ms` in local time (the value of an `<input type=date>`).
fn date_value(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The end (23:59:59 local) of the day `YYYY-MM-DD`, epoch ms.
fn end_of_day_ms(value: &str) -> Option<f64> {
    let mut parts = value.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let date =
        js_sys::Date::new_with_year_month_day_hr_min_sec(y, m as i32 - 1, d as i32, 23, 59, 59);
    let ms = date.get_time();
    (!ms.is_nan()).then_some(ms)
}

#[component]
pub(super) fn LinkSection(entry: Entry, notes: Notes) -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let is_folder = entry.is_folder;
    let path = StoredValue::new(entry.path.clone());
    let link = RwSignal::new(None::<PublicLink>);
    let expiry = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let max = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let url_input = NodeRef::<leptos::html::Input>::new();
    let show = move |l: &PublicLink| {
        expiry.set(
            l.expires_ms
                .map(|ms| date_value(ms as f64))
                .unwrap_or_default(),
        );
        max.set(l.download_max.map(|n| n.to_string()).unwrap_or_default());
    };
    {
        let client = app.client();
        spawn_local(async move {
            match client.links().link_of(&path.get_value()).await {
                Ok(mine) => {
                    if let Some(l) = mine {
                        show(&l);
                        link.set(Some(l));
                    }
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
        });
    }
    let settings = move || -> Result<LinkSettings, String> {
        let mut s = LinkSettings::default();
        let day = expiry.get_untracked();
        if !day.trim().is_empty() {
            let end = end_of_day_ms(day.trim()).ok_or_else(|| t(Msg::LinkErrPast).to_owned())?;
            let secs = ((end - now_ms()) / 1000.0).ceil();
            if secs <= 0.0 {
                return Err(t(Msg::LinkErrPast).to_owned());
            }
            s.ttl_secs = Some((secs as u64).min(MAX_TTL_SECS));
        }
        let pw = password.get_untracked();
        if !pw.is_empty() {
            s.password = Some(pw);
        }
        let limit = max.get_untracked();
        if !limit.trim().is_empty() {
            match limit.trim().parse::<u64>() {
                Ok(n) if n >= 1 => s.download_max = Some(n),
                _ => return Err(t(Msg::LinkErrMax).to_owned()),
            }
        }
        Ok(s)
    };
    let create = move || {
        let s = match settings() {
            Ok(s) => s,
            Err(text) => {
                notes.fail_text(text);
                return;
            }
        };
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client.links().create_link(&path.get_value(), &s).await {
                Ok(l) => {
                    show(&l);
                    link.set(Some(l));
                    notes.say(t(Msg::LinkCreated).to_owned());
                    crate::browser::after_render(move || {
                        if let Some(el) = url_input.get_untracked() {
                            el.select();
                        }
                    });
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            busy.set(false);
        });
    };
    let copy = move || {
        let Some(url) = link.with_untracked(|l| l.as_ref().map(|l| l.url.clone())) else {
            return;
        };
        spawn_local(async move {
            if copy_text(&url).await {
                notes.say(t(Msg::LinkCopied).to_owned());
            } else if let Some(el) = url_input.get_untracked() {
                // No clipboard access: select the address so that Ctrl+C copies it.
                let _ = el.focus();
                el.select();
            }
        });
    };
    let delete = move || {
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client.links().delete_link(&path.get_value()).await {
                Ok(()) => {
                    link.set(None);
                    password.set(String::new());
                    notes.say(t(Msg::LinkDeleted).to_owned());
                }
                Err(e) => notes.fail(app, &e, Msg::ErrNotFound),
            }
            busy.set(false);
        });
    };
    let today = date_value(now_ms());
    let last_day = date_value(now_ms() + MAX_TTL_SECS as f64 * 1000.0);
    view! {
        <section class="share-section" aria-labelledby="share-link-title">
            <h3 id="share-link-title">{t(Msg::SharePublicLink)}</h3>
            <Show when=move || link.with(Option::is_none)>
                <p class="hint">{t(Msg::LinkNone)}</p>
            </Show>
            <div class="link-settings">
                <Show when=move || caps.link_expiry>
                    <div>
                        <label for="link-expiry">{t(Msg::LinkExpiry)}</label>
                        <input
                            id="link-expiry"
                            type="date"
                            min=today.clone()
                            max=last_day.clone()
                            prop:value=move || expiry.get()
                            on:input=move |ev| expiry.set(event_target_value(&ev))
                            on:change=move |ev| expiry.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <Show when=move || caps.link_password && (!is_folder || caps.folder_link_password)>
                    <div>
                        <label for="link-password">{t(Msg::LinkPassword)}</label>
                        <input
                            id="link-password"
                            type="password"
                            autocomplete="new-password"
                            placeholder=move || {
                                link.with(|l| l.as_ref().is_some_and(|l| l.has_password))
                                    .then(|| t(Msg::LinkPasswordKeep))
                            }
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <Show when=move || caps.link_download_limit>
                    <div>
                        <label for="link-download-max">{t(Msg::LinkDownloadMax)}</label>
                        <input
                            id="link-download-max"
                            type="number"
                            min="1"
                            step="1"
                            inputmode="numeric"
                            prop:value=move || max.get()
                            on:input=move |ev| max.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <button
                    id="link-create"
                    type="button"
                    class="primary"
                    disabled=move || busy.get()
                    on:click=move |_| create()
                >
                    {move || if link.with(Option::is_some) { t(Msg::LinkUpdate) } else { t(Msg::LinkCreate) }}
                </button>
            </div>
            <Show when=move || link.with(Option::is_some)>
                <div class="link-address">
                    <label for="link-url">{t(Msg::LinkUrl)}</label>
                    <div class="link-row">
                        <input
                            id="link-url"
                            type="text"
                            readonly
                            node_ref=url_input
                            prop:value=move || link.with(|l| l.as_ref().map(|l| l.url.clone()).unwrap_or_default())
                            on:focus=move |_| {
                                if let Some(el) = url_input.get_untracked() {
                                    el.select();
                                }
                            }
                        />
                        <button id="link-copy" type="button" on:click=move |_| copy()>{t(Msg::LinkCopy)}</button>
                        <button
                            id="link-delete"
                            type="button"
                            class="danger"
                            disabled=move || busy.get()
                            on:click=move |_| delete()
                        >
                            {t(Msg::LinkDelete)}
                        </button>
                    </div>
                    <p class="hint link-info">
                        {move || {
                            link.with(|l| {
                                let l = l.as_ref()?;
                                let mut parts = vec![tf(Msg::LinkDownloads, &[&l.downloads.to_string()])];
                                if let Some(ms) = l.expires_ms {
                                    parts.push(tf(Msg::LinkExpiresOn, &[&crate::logic::format::timestamp(ms)]));
                                }
                                Some(parts.join(" · "))
                            })
                        }}
                    </p>
                </div>
            </Show>
        </section>
    }
}
