//! Reads do not wait for each other: with `fault_listing_rendezvous` every listing waits, while it
//! holds its database connection, until a second listing does the same (or gives up after 10 s
//! and answers 500). Two listings sent at once both succeed only if the database lets them read
//! at the same time; behind one connection the first would give up waiting for the second.

mod common;

use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_listings_hold_the_database_at_the_same_time() {
    let s = start_with(|c| c.fault_listing_rendezvous = true).await;
    s.mkdir("/Docs").await;
    let (a, b) = tokio::join!(s.get("metadata/"), s.get("metadata/Docs"));
    assert_eq!(a.status(), 200, "{:?}", a.text().await);
    assert_eq!(b.status(), 200, "{:?}", b.text().await);
    // The rendezvous starts over: two more listings pass too.
    let (a, b) = tokio::join!(s.get("metadata/Docs"), s.get("metadata/"));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
}
