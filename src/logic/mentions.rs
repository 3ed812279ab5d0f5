//! `@login` mentions while typing a comment.

use crate::model::TextPart;

/// A character a login may contain after `@`.
pub fn is_login_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Split a comment's plain text into text and `@login` mentions (an `@` that starts the text or
/// follows whitespace, followed by at least one login character).
pub fn split_mentions(text: &str) -> Vec<TextPart> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut chars = text.char_indices().peekable();
    let mut prev_space = true;
    while let Some((i, c)) = chars.next() {
        if c == '@' && prev_space {
            let rest = &text[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|c| is_login_char(*c))
                .map(char::len_utf8)
                .sum();
            // A trailing dot ends the sentence, not the login.
            let login = rest[..len].trim_end_matches('.');
            if !login.is_empty() {
                if !plain.is_empty() {
                    out.push(TextPart::Text(std::mem::take(&mut plain)));
                }
                out.push(TextPart::Mention(login.to_owned()));
                while chars.peek().is_some_and(|(j, _)| *j <= i + login.len()) {
                    chars.next();
                }
                prev_space = false;
                continue;
            }
        }
        plain.push(c);
        prev_space = c.is_whitespace();
    }
    if !plain.is_empty() || out.is_empty() {
        out.push(TextPart::Text(plain));
    }
    out
}

/// The mention being typed at byte offset `caret`: where its `@` is and what follows it.
/// The `@` must start the text or follow whitespace.
pub fn mention_at(text: &str, caret: usize) -> Option<(usize, String)> {
    let before = text.get(..caret)?;
    let at = before.rfind('@')?;
    let query = &before[at + 1..];
    if !query.chars().all(is_login_char) {
        return None;
    }
    let starts_word = before[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    starts_word.then(|| (at, query.to_owned()))
}

/// Replace the mention being typed (from `at` to `caret`) by `@login `; answers the new text
/// and the caret after the inserted space (byte offsets).
pub fn insert_mention(text: &str, at: usize, caret: usize, login: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + login.len() + 2);
    out.push_str(&text[..at]);
    out.push('@');
    out.push_str(login);
    out.push(' ');
    let new_caret = out.len();
    out.push_str(text[caret..].trim_start_matches(' '));
    (out, new_caret)
}

/// Byte offset of a UTF-16 offset (as the DOM counts the caret).
pub fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// UTF-16 offset of a byte offset.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_text_into_mentions() {
        let t = |s: &str| TextPart::Text(s.to_owned());
        let m = |s: &str| TextPart::Mention(s.to_owned());
        assert_eq!(
            split_mentions("hi @bob, see @ann.lee."),
            vec![t("hi "), m("bob"), t(", see "), m("ann.lee"), t(".")]
        );
        assert_eq!(split_mentions("@bob"), vec![m("bob")]);
        assert_eq!(
            split_mentions("mail a@b.c @ alone"),
            vec![t("mail a@b.c @ alone")]
        );
        assert_eq!(split_mentions(""), vec![t("")]);
        assert_eq!(split_mentions("é @zoë!"), vec![t("é "), m("zoë"), t("!")]);
    }

    #[test]
    fn finds_the_mention_being_typed() {
        assert_eq!(mention_at("hi @bo", 6), Some((3, "bo".into())));
        assert_eq!(mention_at("@", 1), Some((0, String::new())));
        assert_eq!(mention_at("mail a@b", 8), None);
        assert_eq!(mention_at("@bob x", 6), None);
    }

    #[test]
    fn inserts_the_login() {
        assert_eq!(
            insert_mention("hi @bo", 3, 6, "bob"),
            ("hi @bob ".into(), 8)
        );
        assert_eq!(
            insert_mention("@b tail", 0, 2, "ben"),
            ("@ben tail".into(), 5)
        );
        assert_eq!(byte_offset("é@b", 2), 3);
        assert_eq!(utf16_offset("é@b", 3), 2);
    }
}
