//! Background tasks: long operations (purging the trash) run on their own and are polled by id.
//! Tasks live in memory only: a restart forgets them, as it would forget a half-done purge's
//! progress (the purge itself is per-item transactional, so nothing is left half-removed).

use std::collections::HashMap;
use std::sync::Mutex;

use super::{Core, CoreError, CoreResult, User, now_ms, random_id};

/// Finished tasks are kept this long for the client to read their result.
const KEEP_FINISHED_MS: i64 = 3600 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind {
    Purge,
    /// `links/add_to_storage/`.
    Copy,
}

/// What a finished task produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskOutcome {
    /// Trash items removed for good, and the bytes of files they held.
    Purged { items: u64, bytes: u64 },
    /// A shared item copied into the caller's root.
    Copied {
        folder_name: String,
        files_count: u64,
        size: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskState {
    /// Percent done, 0 to 100.
    Running {
        progress: u8,
    },
    Done(TaskOutcome),
    Failed(String),
}

struct Task {
    user: i64,
    kind: TaskKind,
    state: TaskState,
    finished: Option<i64>,
}

#[derive(Default)]
pub struct Tasks(Mutex<HashMap<String, Task>>);

impl Tasks {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Task>) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Register a running task; answers its id (128 hex digits, the reference's length).
    pub(crate) fn start(&self, user: i64, kind: TaskKind) -> String {
        let id = format!(
            "{}{}{}{}",
            random_id(),
            random_id(),
            random_id(),
            random_id()
        );
        let now = now_ms();
        self.with(|m| {
            m.retain(|_, t| t.finished.is_none_or(|f| now - f < KEEP_FINISHED_MS));
            m.insert(
                id.clone(),
                Task {
                    user,
                    kind,
                    state: TaskState::Running { progress: 0 },
                    finished: None,
                },
            );
        });
        id
    }

    pub(crate) fn set(&self, id: &str, state: TaskState) {
        let finished = (!matches!(state, TaskState::Running { .. })).then(now_ms);
        self.with(|m| {
            if let Some(t) = m.get_mut(id) {
                t.state = state;
                t.finished = finished;
            }
        });
    }
}

impl Core {
    /// A task's state; another user's task is as unknown as a made-up id.
    pub fn task(&self, user: &User, id: &str) -> CoreResult<TaskState> {
        self.tasks
            .with(|m| {
                m.get(id)
                    .filter(|t| t.user == user.id)
                    .map(|t| t.state.clone())
            })
            .ok_or_else(|| CoreError::NotFound(format!("task {id}")))
    }

    /// Is any purge of this user's still running?
    pub fn purge_running(&self, user: &User) -> bool {
        self.tasks.with(|m| {
            m.values().any(|t| {
                t.user == user.id
                    && t.kind == TaskKind::Purge
                    && matches!(t.state, TaskState::Running { .. })
            })
        })
    }
}
