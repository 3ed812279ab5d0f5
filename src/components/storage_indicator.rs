//! `#storage-indicator` in the sidebar: my storage used against my quota, and, where the server
//! takes requests, `button#request-quota` ("Request more storage"), answered in the status region.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::usage_meter::UsageMeter;
use crate::i18n::{Msg, t};
use crate::state::use_app;

#[component]
pub fn StorageIndicator() -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let busy = RwSignal::new(false);
    let request = move |_| {
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client.admin().request_quota().await {
                Ok(()) => app.succeed(t(Msg::QuotaRequested).to_owned()),
                Err(e) => app.report(&e),
            }
            busy.set(false);
        });
    };
    move || {
        app.account.get().map(|a| {
            view! {
                <section id="storage-indicator" class="storage-indicator" aria-label=t(Msg::StorageIndicator)>
                    <UsageMeter used=a.used_bytes limit=a.quota_bytes/>
                    {caps.quota_requests.then(|| view! {
                        <button id="request-quota" type="button" class="link" disabled=move || busy.get() on:click=request>
                            {t(Msg::RequestQuota)}
                        </button>
                    })}
                </section>
            }
        })
    }
}
