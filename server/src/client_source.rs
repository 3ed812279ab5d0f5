//! Which address a request comes from: the TCP peer, or (only when `--trust-forwarded-for` says
//! a reverse proxy sets it) the last `X-Forwarded-For` entry, the one that proxy appended.
//! The core reads it through [`crate::core::throttle::source`] while the request runs, so the
//! guessing limits are per source without every password-taking call carrying an address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::core::throttle;

/// The source of `req`. Without connection info (a router driven without a socket) every
/// request shares `0.0.0.0`, which only makes the limits stricter.
fn source_of(req: &Request, trust_forwarded_for: bool) -> IpAddr {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if !trust_forwarded_for {
        return peer;
    }
    req.headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|last| last.trim().parse::<IpAddr>().ok())
        .unwrap_or(peer)
}

pub async fn scope(State(trust): State<bool>, req: Request, next: Next) -> Response {
    let source = source_of(&req, trust);
    throttle::with_source(source, next.run(req)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(xff: &[&str]) -> Request {
        let mut b = axum::http::Request::builder();
        for v in xff {
            b = b.header("x-forwarded-for", *v);
        }
        let mut r = b.body(axum::body::Body::empty()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 7], 5000))));
        r
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted_and_only_its_last_entry() {
        let peer: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(source_of(&req(&["10.0.0.1"]), false), peer);
        assert_eq!(
            source_of(&req(&["1.1.1.1, 10.0.0.1"]), true),
            "10.0.0.1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            source_of(&req(&["1.1.1.1", "10.0.0.2"]), true),
            "10.0.0.2".parse::<IpAddr>().unwrap()
        );
        assert_eq!(source_of(&req(&["garbage"]), true), peer);
        assert_eq!(source_of(&req(&[]), true), peer);
    }
}
