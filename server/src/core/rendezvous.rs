//! Test hook (`Config::fault_listing_rendezvous`, off unless a test turns it on): a barrier that
//! [`Core::list`](super::Core::list) waits on while it holds its database connection, so two
//! listings get through only if they hold the database at the same time. Unlike
//! `std::sync::Barrier` it gives up after a while: a reader stuck behind another fails (500)
//! instead of hanging.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::error::{CoreError, CoreResult};

pub struct Rendezvous {
    parties: usize,
    /// Arrived so far in this round, and the round's number.
    state: Mutex<(usize, u64)>,
    all_here: Condvar,
}

impl Rendezvous {
    pub fn new(parties: usize) -> Self {
        Self {
            parties,
            state: Mutex::new((0, 0)),
            all_here: Condvar::new(),
        }
    }

    /// Wait until `parties` callers are here (the round then starts over), or fail after
    /// `timeout`.
    pub fn wait(&self, timeout: Duration) -> CoreResult<()> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let round = state.1;
        state.0 += 1;
        if state.0 == self.parties {
            *state = (0, round + 1);
            self.all_here.notify_all();
            return Ok(());
        }
        let (mut state, _) = self
            .all_here
            .wait_timeout_while(state, timeout, |s| s.1 == round)
            .unwrap_or_else(|p| p.into_inner());
        if state.1 == round {
            state.0 -= 1;
            return Err(CoreError::Internal(
                "listing rendezvous: no other listing came".into(),
            ));
        }
        Ok(())
    }
}
