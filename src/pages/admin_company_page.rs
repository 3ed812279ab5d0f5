//! `/admin/company`: the company's name, quota, storage used and number of users
//! (`#company-name`, `#company-quota`, `#company-used`, `#company-users`); the requests for more
//! storage in `table#quota-requests` (rows `tr[data-login]`, `button[data-action="approve"]`
//! asks the new quota, `button[data-action="deny"]`); for the system admin every company in
//! `table#companies`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::admin_frame::AdminFrame;
use crate::components::admin_quota_dialog::QuotaDialog;
use crate::components::usage_meter::UsageMeter;
use crate::i18n::{Msg, t, tf};
use crate::logic::format;
use crate::model::{Company, QuotaRequest, RequestState, Role};
use crate::state::use_app;

#[component]
pub fn AdminCompanyPage() -> impl IntoView {
    view! {
        <AdminFrame>
            <CompanyView/>
        </AdminFrame>
    }
}

fn quota_text(q: Option<u64>) -> String {
    q.map_or_else(|| t(Msg::QuotaUnlimited).to_owned(), format::size)
}

fn state_label(s: RequestState) -> (&'static str, &'static str) {
    match s {
        RequestState::Pending => ("pending", t(Msg::ReqPending)),
        RequestState::Approved => ("approved", t(Msg::ReqApproved)),
        RequestState::Denied => ("denied", t(Msg::ReqDenied)),
    }
}

fn requester(r: &QuotaRequest) -> String {
    if r.person.name.is_empty() {
        r.person.login.clone()
    } else {
        format!("{} ({})", r.person.name, r.person.login)
    }
}

#[component]
fn CompanyView() -> impl IntoView {
    let app = use_app();
    let caps = app.client().capabilities();
    let version = RwSignal::new(0u32);
    let company = LocalResource::new(move || {
        version.track();
        let client = app.client();
        async move { client.admin().company().await }
    });
    let requests = LocalResource::new(move || {
        version.track();
        let client = app.client();
        async move {
            if caps.quota_requests {
                client.admin().quota_requests().await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let system_admin = move || {
        caps.companies
            && app
                .account
                .with(|a| a.as_ref().is_some_and(|a| a.role == Role::SystemAdmin))
    };
    let companies = LocalResource::new(move || {
        version.track();
        let client = app.client();
        let wanted = system_admin();
        async move {
            if wanted {
                client.admin().companies().await
            } else {
                Ok(Vec::new())
            }
        }
    });
    Effect::new(move || {
        let failed = [
            company.get().and_then(|r| r.err()),
            requests.get().and_then(|r| r.err()),
            companies.get().and_then(|r| r.err()),
        ];
        if let Some(e) = failed.into_iter().flatten().next() {
            app.report(&e);
        }
    });
    let approving = RwSignal::new(None::<QuotaRequest>);
    let busy = RwSignal::new(false);
    let dialog_error = RwSignal::new(None::<String>);
    let decide = move |r: QuotaRequest, approve: bool, bytes: Option<u64>| {
        let client = app.client();
        busy.set(true);
        spawn_local(async move {
            match client
                .admin()
                .decide_quota_request(&r, approve, bytes)
                .await
            {
                Ok(()) => {
                    approving.set(None);
                    let who = requester(&r);
                    app.succeed(tf(
                        if approve {
                            Msg::RequestApproved
                        } else {
                            Msg::RequestDenied
                        },
                        &[&who],
                    ));
                    version.update(|n| *n = n.wrapping_add(1));
                }
                Err(e) if e.ends_session() || !approve => app.report(&e),
                Err(e) => dialog_error.set(Some(e.user_message())),
            }
            busy.set(false);
        });
    };
    let summary = move || {
        company.get().and_then(Result::ok).map(|c| view! {
            <dl class="company-facts">
                <dt>{t(Msg::CompanyName)}</dt>
                <dd id="company-name">{c.name.clone()}</dd>
                <dt>{t(Msg::CompanyQuota)}</dt>
                <dd id="company-quota" data-bytes=c.quota_bytes.map(|q| q.to_string())>{quota_text(c.quota_bytes)}</dd>
                <dt>{t(Msg::CompanyUsed)}</dt>
                <dd id="company-used" data-bytes=c.used_bytes.to_string()>
                    <UsageMeter used=c.used_bytes limit=c.quota_bytes/>
                </dd>
                <dt>{t(Msg::CompanyUsers)}</dt>
                <dd id="company-users">{c.users.to_string()}</dd>
            </dl>
        })
    };
    let request_row = move |r: QuotaRequest| {
        let (code, label) = state_label(r.state);
        let pending = r.state == RequestState::Pending;
        let who = requester(&r);
        let (for_approve, for_deny) = (r.clone(), r.clone());
        view! {
            <tr data-login=r.person.login.clone() data-state=code>
                <td>{who.clone()}</td>
                <td>{format::timestamp(r.created_ms)}</td>
                <td>{label}</td>
                <td class="actions">
                    {pending.then(|| view! {
                        <button
                            type="button"
                            data-action="approve"
                            class="primary"
                            aria-label=tf(Msg::ActLabel, &[t(Msg::Approve), &who])
                            on:click=move |_| {
                                dialog_error.set(None);
                                approving.set(Some(for_approve.clone()));
                            }
                        >
                            {t(Msg::Approve)}
                        </button>
                        <button
                            type="button"
                            data-action="deny"
                            class="danger"
                            aria-label=tf(Msg::ActLabel, &[t(Msg::Deny), &who])
                            on:click=move |_| decide(for_deny.clone(), false, None)
                        >
                            {t(Msg::Deny)}
                        </button>
                    })}
                </td>
            </tr>
        }
    };
    let company_row = |c: Company| {
        view! {
            <tr data-company=c.id.clone()>
                <td>{c.name.clone()}</td>
                <td class="size">{c.users.to_string()}</td>
                <td><UsageMeter used=c.used_bytes limit=c.quota_bytes/></td>
                <td>{t(if c.active { Msg::CompanyActive } else { Msg::CompanyInactive })}</td>
            </tr>
        }
    };
    let approve_dialog = move || {
        approving.get().map(|r| {
            let title = tf(Msg::ApproveTitle, &[&requester(&r)]);
            let target = StoredValue::new(r);
            view! {
                <QuotaDialog
                    title=title
                    initial=None
                    busy=busy
                    error=dialog_error
                    on_submit=Callback::new(move |bytes| decide(target.get_value(), true, bytes))
                    on_close=Callback::new(move |_| approving.set(None))
                />
            }
        })
    };
    view! {
        <h1 class="page-title">{t(Msg::CompanyTitle)}</h1>
        {summary}
        {caps.quota_requests.then(|| view! {
            <h2 id="quota-requests-title">{t(Msg::QuotaRequestsTitle)}</h2>
            <div class="table-scroll">
                <table id="quota-requests" class="list admin-table" aria-labelledby="quota-requests-title">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColPerson)}</th>
                            <th scope="col">{t(Msg::ColRequested)}</th>
                            <th scope="col">{t(Msg::ColStatus)}</th>
                            <th scope="col">{t(Msg::ColActions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || requests.get().and_then(Result::ok).unwrap_or_default().into_iter().map(request_row).collect_view()}
                    </tbody>
                </table>
            </div>
            <Show when=move || requests.get().and_then(Result::ok).is_some_and(|v| v.is_empty())>
                <p id="quota-requests-empty" class="hint">{t(Msg::QuotaRequestsNone)}</p>
            </Show>
        })}
        <Show when=system_admin>
            <h2 id="companies-title">{t(Msg::CompaniesTitle)}</h2>
            <div class="table-scroll">
                <table id="companies" class="list admin-table" aria-labelledby="companies-title">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::CompanyName)}</th>
                            <th scope="col" class="size">{t(Msg::ColUsers)}</th>
                            <th scope="col">{t(Msg::ColUsed)}</th>
                            <th scope="col">{t(Msg::ColStatus)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || companies.get().and_then(Result::ok).unwrap_or_default().into_iter().map(company_row).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
        {approve_dialog}
    }
}
