//! Satchel's own storage server: one domain core ([`core`]), persistence behind traits
//! ([`store`]), and one HTTP front-end per vendor dialect ([`dialects`]).

pub mod config;
pub mod core;
pub mod dialects;
pub mod error;
pub mod http_error;
pub mod store;
pub mod user_content;

mod client_source;

mod bench_seed;
mod demo;
pub mod fault_routes;
pub mod request_id;
pub mod security_headers;

pub use bench_seed::SeedFolder;

pub use config::Config;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::any;
use tower_http::services::{ServeDir, ServeFile};

use crate::core::Core;
use crate::store::{Db, LocalDiskBlobs};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub core: Arc<Core>,
}

/// Open (or create) the data directory and build the core: database, blobs, leftovers cleaned,
/// `--demo` and `--create-user` accounts made.
pub async fn open_core(config: &Config) -> Result<Arc<Core>, BoxError> {
    let data = &config.data_dir;
    std::fs::create_dir_all(data)?;
    let db = Db::open(&data.join("satchel.sqlite3"))?;
    let blobs = LocalDiskBlobs::open(data.join("blobs"), data.join("tmp"))?;
    let mut core = Core::new(
        db,
        Arc::new(blobs),
        data.join("tmp").join("uploads"),
        data.join("thumbs"),
        config.fault_fail_part,
    )?;
    core.throttle = core::throttle::Throttle::new(core::throttle::Limits {
        lockout_after: config.lockout_after,
        cooldown: config.lockout_cooldown,
        burst: config.guess_burst,
        per_second: config.guesses_per_second,
    });
    if config.fault_listing_rendezvous {
        core.listing_rendezvous = Some(Arc::new(core::rendezvous::Rendezvous::new(2)));
    }
    // The dummy hash unknown logins are checked against, made now rather than on a first
    // request (whose answer would take twice as long).
    tokio::task::spawn_blocking(core::passwords::warm_up);
    let core = Arc::new(core);
    core.clean_leftovers().await?;
    // The demo first, so that `--create-user` can change a demo account's password or role.
    if config.demo {
        demo::seed(&core).await?;
    }
    for (login, password, role) in &config.create_users {
        core.ensure_user(login, password, login).await?;
        core.place_user(login, 1, *role).await?;
    }
    for spec in &config.seed_folders {
        bench_seed::seed(&core, spec).await?;
    }
    Ok(core)
}

/// The whole HTTP surface: the dialects under `/api`, a JSON 404 for any other `/api` path, and
/// the SPA (when configured) for everything else.
pub fn router(
    core: Arc<Core>,
    spa_dir: Option<&std::path::Path>,
    trust_forwarded_for: bool,
) -> Router {
    app(core, spa_dir, trust_forwarded_for, false)
}

fn app(
    core: Arc<Core>,
    spa_dir: Option<&std::path::Path>,
    trust_forwarded_for: bool,
    fault_routes: bool,
) -> Router {
    let api_404 = any(dialects::cloudike::api_not_found);
    let mut app = dialects::cloudike::router().merge(dialects::opendrive::router());
    if fault_routes {
        app = app.merge(fault_routes::routes());
    }
    let app = app
        .route("/api", api_404.clone())
        .route("/api/", api_404.clone())
        .route("/api/{*rest}", api_404.clone())
        .method_not_allowed_fallback(dialects::cloudike::wrong_method);
    let app = match spa_dir {
        // Client-side routes (/files/Docs, /login) get index.html; assets get their own type.
        Some(dir) => app
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
        None => app.fallback(api_404),
    };
    let spa_csp: Arc<str> = spa_dir
        .map(security_headers::spa_csp_for_dir)
        .unwrap_or_default()
        .into();
    // Innermost first: a panic becomes the dialect's generic 500 inside the request's scope;
    // the log shows no URL; every answer gets its security headers and the request id.
    app.with_state(AppState { core })
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            http_error::on_panic,
        ))
        // Every request knows its source, for the per-source guessing limits.
        .layer(axum::middleware::from_fn_with_state(
            trust_forwarded_for,
            client_source::scope,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(request_id::make_span))
        .layer(axum::middleware::from_fn_with_state(
            spa_csp,
            security_headers::stamp,
        ))
        .layer(axum::middleware::from_fn(request_id::scope))
}

/// A server running in the background (tests and `serve` both use it).
pub struct Running {
    pub addr: SocketAddr,
    pub core: Arc<Core>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Bind `config.listen` (port 0 picks a free one), start serving and sweeping, and return.
pub async fn start(config: &Config) -> Result<Running, BoxError> {
    let core = open_core(config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let app = app(
        core.clone(),
        config.spa_dir.as_deref(),
        config.trust_forwarded_for,
        config.fault_panic_route,
    );
    let sweeper = Arc::downgrade(&core);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let Some(core) = sweeper.upgrade() else { break };
            if let Err(e) = core.sweep_uploads(core::uploads::SESSION_IDLE_MS).await {
                tracing::warn!("sweeping upload sessions: {e}");
            }
        }
    });
    let task = tokio::spawn(async move {
        // The peer address is the source of the per-source limits (see `client_source`).
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Ok(Running { addr, core, task })
}

/// Run until the process ends.
pub async fn serve(config: Config) -> Result<(), BoxError> {
    let running = start(&config).await?;
    if config.demo {
        println!(
            "Demo account (company admin of \"Demo Company\"): login \"{}\", password \"{}\"",
            demo::DEMO_LOGIN,
            demo::DEMO_PASSWORD
        );
        println!(
            "Also: users alice, bob, carol (password <login>-satchel); system admin root \
             (root-satchel). The login page picks the dialect: Cloudike or OpenDrive."
        );
    }
    println!("Satchel is running on http://{}", running.addr);
    running.task.await??;
    Ok(())
}
