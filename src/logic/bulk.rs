//! What a change to many users did, in a form the page can say.

use crate::model::QuotaOutcome;

/// How many worked, and who failed with which reason.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BulkSummary {
    pub done: usize,
    /// `(who, reason)`, in the order asked.
    pub failed: Vec<(String, String)>,
}

/// Sum up the outcomes for `asked` (`(user id, who to name)`); a user the server did not report
/// on counts as failed, so nothing silently goes missing.
pub fn summarize(asked: &[(String, String)], outcomes: &[QuotaOutcome]) -> BulkSummary {
    let mut out = BulkSummary::default();
    for (id, who) in asked {
        match outcomes.iter().find(|o| &o.user_id == id) {
            Some(QuotaOutcome { error: None, .. }) => out.done += 1,
            Some(QuotaOutcome {
                error: Some(reason),
                ..
            }) => out.failed.push((who.clone(), reason.clone())),
            None => out.failed.push((who.clone(), String::new())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(id: &str, error: Option<&str>) -> QuotaOutcome {
        QuotaOutcome {
            user_id: id.into(),
            error: error.map(str::to_owned),
        }
    }

    #[test]
    fn counts_and_lists_failures() {
        let asked = vec![
            ("1".to_owned(), "alice".to_owned()),
            ("2".to_owned(), "bob".to_owned()),
            ("3".to_owned(), "carol".to_owned()),
        ];
        let s = summarize(
            &asked,
            &[
                outcome("1", None),
                outcome("2", Some("Company quota need increase.")),
            ],
        );
        assert_eq!(s.done, 1);
        assert_eq!(
            s.failed,
            vec![
                ("bob".into(), "Company quota need increase.".into()),
                ("carol".into(), String::new())
            ]
        );
    }
}
