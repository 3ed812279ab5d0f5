//! The one place passwords are hashed and verified. Argon2 is slow and takes ~19 MiB per run by
//! design, so every run goes through one process-wide limiter: at most `2 × cores` (at least 2)
//! at once, a bounded queue behind them, and anything beyond that is refused at once rather
//! than allowed to pile up (memory) or wait unboundedly (latency).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::Semaphore;

use super::{CoreError, CoreResult};

/// Runs blocking jobs, at most `permits` at once, with at most `queue` more waiting.
pub struct Limiter {
    running: Semaphore,
    /// Jobs admitted: running plus waiting.
    admitted: AtomicUsize,
    capacity: usize,
}

/// Gives the admission back however the job ends (including a dropped request).
struct Admitted<'a>(&'a AtomicUsize);

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Limiter {
    pub fn new(permits: usize, queue: usize) -> Self {
        Limiter {
            running: Semaphore::new(permits),
            admitted: AtomicUsize::new(0),
            capacity: permits + queue,
        }
    }

    /// Run `job` on the blocking pool once a permit is free. A full queue is answered with
    /// [`CoreError::TooManyAttempts`] (429, retry in a second): the server is busy checking
    /// passwords, and a quick refusal is cheaper than a growing backlog.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> CoreResult<T> {
        if self.admitted.fetch_add(1, Ordering::AcqRel) >= self.capacity {
            self.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(CoreError::TooManyAttempts { retry_after_s: 1 });
        }
        let _admitted = Admitted(&self.admitted);
        let _permit = self
            .running
            .acquire()
            .await
            .map_err(|_| CoreError::Internal("password limiter closed".into()))?;
        // The permit is held until the blocking job has finished, even if the caller is gone:
        // `spawn_blocking` cannot be cancelled, so awaiting it is what bounds the memory.
        Ok(tokio::task::spawn_blocking(job).await?)
    }
}

fn limiter() -> &'static Limiter {
    static LIMITER: OnceLock<Limiter> = OnceLock::new();
    LIMITER.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let permits = (2 * cores).max(2);
        Limiter::new(permits, 16 * permits)
    })
}

fn hash_blocking(password: &str) -> CoreResult<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("password hashing: {e}")))
}

/// A hash of nothing anyone knows, with the same parameters as real ones, computed once: an
/// unknown account is verified against it so that its answer takes as long as a real one's.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut secret = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut secret);
        hash_blocking(&hex::encode(secret)).expect("hashing a random password")
    })
}

/// Compute the dummy hash ahead of the first unknown login (on the blocking pool).
pub fn warm_up() {
    dummy_hash();
}

fn matches_blocking(password: &str, hash: Option<&str>) -> bool {
    let Some(hash) = hash else {
        // Same work, and never a match.
        let _ = matches_blocking(password, Some(dummy_hash()));
        return false;
    };
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hash a new password (limited like every other argon2 run).
pub(crate) async fn hash(password: String) -> CoreResult<String> {
    limiter().run(move || hash_blocking(&password)).await?
}

/// Does `password` match `hash`? With no hash (an unknown account) the check still costs one
/// argon2 verification and answers false.
pub(crate) async fn verify(password: String, hash: Option<String>) -> CoreResult<bool> {
    limiter()
        .run(move || matches_blocking(&password, hash.as_deref()))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn the_limiter_never_runs_more_than_its_permits() {
        let limiter = Arc::new(Limiter::new(2, 100));
        let now = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let jobs = (0..16).map(|_| {
            let (limiter, now, peak) = (limiter.clone(), now.clone(), peak.clone());
            tokio::spawn(async move {
                limiter
                    .run(move || {
                        let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(n, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        now.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
            })
        });
        for j in futures_util::future::join_all(jobs).await {
            j.unwrap().unwrap();
        }
        assert_eq!(peak.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_full_queue_is_refused_at_once() {
        let limiter = Arc::new(Limiter::new(1, 1));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = Arc::new(std::sync::Mutex::new(rx));
        let held = (0..2).map(|_| {
            let (limiter, rx) = (limiter.clone(), rx.clone());
            tokio::spawn(async move { limiter.run(move || rx.lock().unwrap().recv()).await })
        });
        let held: Vec<_> = held.collect();
        while limiter.admitted.load(Ordering::SeqCst) < 2 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(
            limiter.run(|| ()).await,
            Err(CoreError::TooManyAttempts { .. })
        ));
        tx.send(()).unwrap();
        tx.send(()).unwrap();
        for h in held {
            h.await.unwrap().unwrap().unwrap();
        }
    }

    #[tokio::test]
    async fn unknown_accounts_cost_a_verification_and_never_match() {
        let h = hash("right".into()).await.unwrap();
        assert!(verify("right".into(), Some(h.clone())).await.unwrap());
        assert!(!verify("wrong".into(), Some(h)).await.unwrap());
        assert!(!verify("right".into(), None).await.unwrap());
        assert!(dummy_hash().starts_with("$argon2"));
    }
}
