//! The message catalogue: every user-facing string goes through [`t`].
//!
//! A language is one file: `en.rs` (the reference), later `de.rs`, `ru.rs`. Add one with a
//! [`Lang`] variant, its `mod` line and its arm in [`t`]; its file is one `match` over [`Msg`]
//! (copy `en.rs`), so the compiler lists every message still missing. Placeholders are `{0}`,
//! `{1}`, … filled by [`tf`].

mod en;
mod msg;

pub use msg::Msg;

/// A supported interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
}

/// The current interface language. English only for now; a language switch would store it in a
/// signal and pass it here.
pub fn lang() -> Lang {
    Lang::default()
}

/// The text of `key` in the current language.
pub fn t(key: Msg) -> &'static str {
    match lang() {
        Lang::En => en::text(key),
    }
}

/// The text of `key` with `{0}`, `{1}`, … replaced by `args`.
pub fn tf(key: Msg, args: &[&str]) -> String {
    fill(t(key), args)
}

/// Replace `{i}` placeholders in `template` by `args[i]`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            tf(Msg::Retrying, &["2", "3"]),
            "retrying part 2 (attempt 3)"
        );
        assert_eq!(fill("{0}-{0}", &["x"]), "x-x");
    }
}
