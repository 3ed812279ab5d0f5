//! What the server writes to its log: never a session id, an access token or a link's secret
//! (OpenDrive carries `session_id` in paths and queries; public links carry their hash in the
//! path), while a failure's detail and its request id do reach the log.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::opendrive;
use satchel_wire::cloudike::PublicLink;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

/// Everything the subscriber writes, kept for the assertions.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn the_log_never_holds_a_session_id_or_a_link_secret() {
    let log = Captured::default();
    // Everything, at the most verbose level, with every span's fields as it opens and closes:
    // whatever a deployment's filter lets through is a subset of this.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(log.clone())
        .init();

    let s = common::start_with(|c| c.fault_panic_route = true).await;
    let od = opendrive::login(&s, common::LOGIN, common::PASSWORD).await;
    assert!(od.sid.len() >= 16, "a real session id: {}", od.sid);
    // The session id in a path, in a query, and on a failing request.
    od.list("0").await;
    let r = s
        .http
        .get(format!(
            "{}/api/v1/_test/internal?session_id={}",
            s.base, od.sid
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 500);
    let r = s
        .http
        .get(format!("{}/api/v1/no/such/endpoint/{}", s.base, od.sid))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    // A public link's secret in the path.
    s.upload("/shared.txt", b"hello").await;
    let r = s.post("links/create/", &[("path", "/shared.txt")]).await;
    let link: PublicLink = s.ok_json(r).await;
    let hash = link.hash;
    assert!(hash.len() >= 16, "a real link hash: {hash}");
    s.http
        .get(format!("{}/api/1/links/get/{hash}", s.base))
        .send()
        .await
        .unwrap();

    let text = log.text();
    // The capture works: the internal failure was logged with its detail and a request id.
    assert!(text.contains("internal error"), "{text}");
    assert!(text.contains("request_id"), "{text}");
    assert!(
        !text.contains(&od.sid),
        "the session id reached the log:\n{text}"
    );
    assert!(
        !text.contains(&s.token),
        "a Cloudike token reached the log:\n{text}"
    );
    assert!(
        !text.contains(&hash),
        "a link's secret reached the log:\n{text}"
    );
}
