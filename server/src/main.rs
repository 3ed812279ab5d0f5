//! `satchel-server --data <dir> [--listen addr] [--spa dir] [--demo] [--create-user l:p]
//! [--fault-fail-part n]`

use satchel_server::Config;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "satchel_server=info,tower_http=warn".into()),
        )
        .with_ansi(false)
        .init();
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = satchel_server::serve(config).await {
        eprintln!("satchel-server: {e}");
        std::process::exit(1);
    }
}
