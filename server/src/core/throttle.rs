//! Guessing limits for everything that checks a password (sign-in, link passwords).
//!
//! Two in-memory mechanisms, both keyed by the caller's source address so that a stranger can
//! never lock the owner out from somewhere else:
//!
//! * **Strikes** per `(key, source)`, the key being a lower-cased login or a link: every check
//!   counts as a failure *before* the password is verified (in the same critical section that
//!   reads the count), and a right password resets it. So however many guesses arrive at once,
//!   at most `lockout_after` of them are ever verified; then the pair cools down.
//! * A **token bucket** per `(scope, source)`: each check takes a token up front and a right
//!   password gives it back, so wrong guesses are held to a steady rate across all keys while
//!   people who know their password are never slowed down.
//!
//! The state is deliberately not in the database: it must be checked and changed atomically on
//! every guess, and a restart forgetting it costs at most one more round of guesses.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::CoreError;

tokio::task_local! {
    /// The caller's address, set by the HTTP layer for each request (see `crate::client_source`).
    static SOURCE: IpAddr;
}

/// Run `fut` (a request) as coming from `ip`.
pub async fn with_source<F: Future>(ip: IpAddr, fut: F) -> F::Output {
    SOURCE.scope(ip, fut).await
}

/// The current request's source. Outside a request (the CLI, tests calling the core directly)
/// everything shares `0.0.0.0`: one bucket, so the fallback is stricter, never looser.
pub fn source() -> IpAddr {
    SOURCE
        .try_with(|ip| *ip)
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// What sign-in and link passwords can take.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wrong passwords in a row, per key and source, that start a cool-down (0 = never).
    pub lockout_after: u32,
    /// How long a key stays closed to a source after `lockout_after` wrong passwords.
    pub cooldown: Duration,
    /// Checks a source may make at once before the bucket runs dry.
    pub burst: u32,
    /// Tokens a source's bucket regains per second.
    pub per_second: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            lockout_after: super::DEFAULT_LOCKOUT_AFTER,
            cooldown: DEFAULT_COOLDOWN,
            burst: 10,
            per_second: 1.0,
        }
    }
}

pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(15 * 60);

/// Which bucket a check draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    SignIn,
    Link,
}

#[derive(Debug)]
struct Strikes {
    /// Checks counted so far (each before it ran); a right password sets it back to 0.
    failures: u32,
    /// When the cool-down began (`failures` reached the limit), if it did.
    closed_at: Option<Instant>,
    last: Instant,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Above this many remembered pairs, forgotten ones (idle past the cool-down) are dropped, so a
/// flood of made-up logins cannot grow the maps without bound.
const PRUNE_ABOVE: usize = 4096;

#[derive(Default)]
struct State {
    strikes: HashMap<(String, IpAddr), Strikes>,
    buckets: HashMap<(Scope, IpAddr), Bucket>,
}

pub struct Throttle {
    limits: Limits,
    state: Mutex<State>,
}

/// A check that was let through; hand it back to [`Throttle::settle`].
#[derive(Debug)]
#[must_use]
pub struct Attempt {
    scope: Scope,
    key: String,
    source: IpAddr,
}

fn retry_after(left: Duration) -> CoreError {
    CoreError::TooManyAttempts {
        retry_after_s: left.as_secs_f64().ceil().max(1.0) as u64,
    }
}

impl Throttle {
    pub fn new(limits: Limits) -> Self {
        Throttle {
            limits,
            state: Mutex::default(),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Let one password check for `key` from `source` through, or refuse it with
    /// [`CoreError::TooManyAttempts`]. The refusal depends only on the key string, the source and
    /// earlier answers, never on whether an account exists or the password is right.
    pub fn reserve(&self, scope: Scope, key: &str, source: IpAddr) -> Result<Attempt, CoreError> {
        let now = Instant::now();
        let l = &self.limits;
        let mut st = self.state();
        if st.strikes.len() > PRUNE_ABOVE || st.buckets.len() > PRUNE_ABOVE {
            self.prune(&mut st, now);
        }
        let pair = (key.to_owned(), source);
        let strikes = st.strikes.entry(pair).or_insert(Strikes {
            failures: 0,
            closed_at: None,
            last: now,
        });
        // A pair left alone for a whole cool-down starts afresh.
        if now.duration_since(strikes.last) >= l.cooldown {
            *strikes = Strikes {
                failures: 0,
                closed_at: None,
                last: now,
            };
        }
        if l.lockout_after > 0 && strikes.failures >= l.lockout_after {
            // Closed, or the last allowed checks are still running: either way, no more.
            let since = strikes.closed_at.unwrap_or(now);
            return Err(retry_after(l.cooldown.saturating_sub(now - since)));
        }
        let bucket = st.buckets.entry((scope, source)).or_insert(Bucket {
            tokens: f64::from(l.burst),
            last: now,
        });
        let regained = now.duration_since(bucket.last).as_secs_f64() * l.per_second;
        bucket.tokens = (bucket.tokens + regained).min(f64::from(l.burst));
        bucket.last = now;
        if bucket.tokens < 1.0 {
            let wait = (1.0 - bucket.tokens) / l.per_second.max(f64::MIN_POSITIVE);
            return Err(retry_after(Duration::from_secs_f64(wait.min(3600.0))));
        }
        bucket.tokens -= 1.0;
        let strikes = st
            .strikes
            .get_mut(&(key.to_owned(), source))
            .expect("inserted above");
        strikes.failures += 1;
        strikes.last = now;
        if l.lockout_after > 0 && strikes.failures >= l.lockout_after {
            strikes.closed_at = Some(now);
        }
        Ok(Attempt {
            scope,
            key: key.to_owned(),
            source,
        })
    }

    /// The outcome of a reserved check. A right password clears the pair's strikes and returns
    /// the token; a wrong one stays counted. Returns the failures in a row when this wrong
    /// password closed the pair (for the admin's view), else `None`.
    pub fn settle(&self, attempt: Attempt, right: bool) -> Option<u32> {
        let mut st = self.state();
        let pair = (attempt.key, attempt.source);
        if right {
            st.strikes.remove(&pair);
            if let Some(b) = st.buckets.get_mut(&(attempt.scope, attempt.source)) {
                b.tokens = (b.tokens + 1.0).min(f64::from(self.limits.burst));
            }
            return None;
        }
        let s = st.strikes.get_mut(&pair)?;
        // The cool-down runs from the wrong answer that closed the pair.
        s.closed_at.is_some().then(|| {
            let now = Instant::now();
            s.closed_at = Some(now);
            s.last = now;
            s.failures
        })
    }

    /// Undo a reservation whose check never ran (the password limiter was full): the source
    /// learned nothing, so neither its strike nor its token is kept.
    pub fn release(&self, attempt: Attempt) {
        let mut st = self.state();
        if let Some(s) = st.strikes.get_mut(&(attempt.key, attempt.source)) {
            s.failures = s.failures.saturating_sub(1);
            if s.failures < self.limits.lockout_after {
                s.closed_at = None;
            }
        }
        if let Some(b) = st.buckets.get_mut(&(attempt.scope, attempt.source)) {
            b.tokens = (b.tokens + 1.0).min(f64::from(self.limits.burst));
        }
    }

    /// Forget every source's strikes for `key` (an admin unlocked the account).
    pub fn clear(&self, key: &str) {
        self.state().strikes.retain(|(k, _), _| k != key);
    }

    fn prune(&self, st: &mut State, now: Instant) {
        let cooldown = self.limits.cooldown;
        st.strikes
            .retain(|_, s| now.duration_since(s.last) < cooldown);
        let refill = Duration::from_secs_f64(
            f64::from(self.limits.burst) / self.limits.per_second.max(f64::MIN_POSITIVE),
        );
        st.buckets
            .retain(|_, b| now.duration_since(b.last) < refill.min(Duration::from_secs(86_400)));
    }
}

/// The strikes key of a sign-in name: `email:A@b` and `a@B` are one key.
pub fn login_key(login: &str) -> String {
    format!("login:{}", super::users::bare_login(login).to_lowercase())
}

pub fn link_key(hash: &str) -> String {
    format!("link:{hash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle(n: u32, cooldown_ms: u64, burst: u32) -> Throttle {
        Throttle::new(Limits {
            lockout_after: n,
            cooldown: Duration::from_millis(cooldown_ms),
            burst,
            per_second: 0.001,
        })
    }

    const A: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn only_n_checks_are_let_through_even_all_at_once() {
        let t = throttle(3, 60_000, 100);
        let held: Vec<_> = (0..3)
            .map(|_| t.reserve(Scope::SignIn, "k", A).unwrap())
            .collect();
        assert!(matches!(
            t.reserve(Scope::SignIn, "k", A),
            Err(CoreError::TooManyAttempts { .. })
        ));
        // Another source is not affected.
        let other = t.reserve(Scope::SignIn, "k", B).unwrap();
        assert_eq!(t.settle(other, true), None);
        for a in held {
            t.settle(a, false);
        }
        assert!(t.reserve(Scope::SignIn, "k", A).is_err());
        t.clear("k");
        assert!(t.reserve(Scope::SignIn, "k", A).is_ok());
    }

    #[test]
    fn the_bucket_refunds_right_passwords_only() {
        let t = throttle(0, 60_000, 2);
        let a = t.reserve(Scope::Link, "x", A).unwrap();
        t.settle(a, true);
        let a = t.reserve(Scope::Link, "y", A).unwrap();
        t.settle(a, false);
        let a = t.reserve(Scope::Link, "z", A).unwrap();
        t.settle(a, false);
        assert!(t.reserve(Scope::Link, "w", A).is_err());
        assert!(t.reserve(Scope::SignIn, "w", A).is_ok());
    }
}
