//! `/admin/storage`: the company's storage per user and per kind of file, as bar charts
//! (`svg#storage-by-user`, `svg#storage-by-kind`) and the numbers behind them
//! (`table#storage-users`, `table#storage-kinds`), all in `section#storage-report`.

use leptos::prelude::*;

use crate::components::admin_bar_chart::BarChart;
use crate::components::admin_frame::AdminFrame;
use crate::i18n::{Msg, t};
use crate::logic::format;
use crate::model::StorageReport;
use crate::state::use_app;

#[component]
pub fn AdminStoragePage() -> impl IntoView {
    view! {
        <AdminFrame>
            <StorageView/>
        </AdminFrame>
    }
}

fn kind_label(kind: &str) -> String {
    let key = match kind {
        "image" => Msg::KindImage,
        "audio" => Msg::KindAudio,
        "video" => Msg::KindVideo,
        "document" => Msg::KindDocument,
        "archive" => Msg::KindArchive,
        "other" => Msg::KindOther,
        // A kind this SPA does not know yet: its own name beats hiding it.
        other => return other.to_owned(),
    };
    t(key).to_owned()
}

fn share(part: u64, total: u64) -> String {
    if total == 0 {
        "0 %".to_owned()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / total as f64)
    }
}

fn report_view(r: StorageReport) -> impl IntoView {
    let user_total: u64 = r.per_user.iter().map(|u| u.bytes).sum();
    let kind_total: u64 = r.per_kind.iter().map(|k| k.bytes).sum();
    let by_user: Vec<(String, u64)> = r
        .per_user
        .iter()
        .map(|u| (u.person.login.clone(), u.bytes))
        .collect();
    let by_kind: Vec<(String, u64)> = r
        .per_kind
        .iter()
        .map(|k| (kind_label(&k.kind), k.bytes))
        .collect();
    let mut users = r.per_user;
    users.sort_by(|a, b| {
        b.bytes
            .cmp(&a.bytes)
            .then_with(|| a.person.login.cmp(&b.person.login))
    });
    let mut kinds = r.per_kind;
    kinds.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.kind.cmp(&b.kind)));
    view! {
        <div class="storage-part">
            <h2 id="storage-users-title">{t(Msg::StorageByUser)}</h2>
            <BarChart id="storage-by-user" label=t(Msg::StorageByUser).to_owned() items=by_user/>
            <div class="table-scroll">
                <table id="storage-users" class="list admin-table" aria-labelledby="storage-users-title">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColLogin)}</th>
                            <th scope="col">{t(Msg::ColName)}</th>
                            <th scope="col" class="size">{t(Msg::ColSize)}</th>
                            <th scope="col" class="size">{t(Msg::ColFiles)}</th>
                            <th scope="col" class="size">{t(Msg::ColShare)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {users.into_iter().map(|u| view! {
                            <tr data-login=u.person.login.clone() data-bytes=u.bytes.to_string()>
                                <td>{u.person.login.clone()}</td>
                                <td>{u.person.name.clone()}</td>
                                <td class="size">{format::size(u.bytes)}</td>
                                <td class="size">{u.files.to_string()}</td>
                                <td class="size">{share(u.bytes, user_total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
        <div class="storage-part">
            <h2 id="storage-kinds-title">{t(Msg::StorageByKind)}</h2>
            <BarChart id="storage-by-kind" label=t(Msg::StorageByKind).to_owned() items=by_kind/>
            <div class="table-scroll">
                <table id="storage-kinds" class="list admin-table" aria-labelledby="storage-kinds-title">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColKind)}</th>
                            <th scope="col" class="size">{t(Msg::ColSize)}</th>
                            <th scope="col" class="size">{t(Msg::ColFiles)}</th>
                            <th scope="col" class="size">{t(Msg::ColShare)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {kinds.into_iter().map(|k| view! {
                            <tr data-kind=k.kind.clone() data-bytes=k.bytes.to_string()>
                                <td>{kind_label(&k.kind)}</td>
                                <td class="size">{format::size(k.bytes)}</td>
                                <td class="size">{k.files.to_string()}</td>
                                <td class="size">{share(k.bytes, kind_total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn StorageView() -> impl IntoView {
    let app = use_app();
    let report = LocalResource::new(move || {
        app.refresh.track();
        let client = app.client();
        async move { client.admin().storage_report().await }
    });
    Effect::new(move || {
        if let Some(Err(e)) = report.get() {
            app.report(&e);
        }
    });
    view! {
        <h1 class="page-title">{t(Msg::StorageTitle)}</h1>
        <section id="storage-report" aria-busy=move || report.get().is_none().to_string()>
            {move || match report.get() {
                None => view! { <p class="placeholder" role="status">{t(Msg::Loading)}</p> }.into_any(),
                Some(Err(_)) => ().into_any(),
                Some(Ok(r)) if r.per_user.is_empty() && r.per_kind.is_empty() => {
                    view! { <p id="storage-empty" class="placeholder">{t(Msg::StorageNone)}</p> }.into_any()
                }
                Some(Ok(r)) => report_view(r).into_any(),
            }}
        </section>
    }
}
