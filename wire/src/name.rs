//! The validated file name and path: the one place that decides what a name may be.
//!
//! Both the server (before anything touches the store) and the SPA (before a request leaves the
//! browser) parse names through these types, so a user sees the same rule and the same message on
//! both sides.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest name we accept, in characters (not bytes): long enough for any real file name,
/// short enough that a 10,000-character name is refused with a clear error.
pub const MAX_NAME_CHARS: usize = 1000;
/// The deepest path we accept, in segments.
pub const MAX_DEPTH: usize = 256;

/// Why a name or a path was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is {0} characters long; at most {MAX_NAME_CHARS} are allowed")]
    TooLong(usize),
    #[error("\".\" and \"..\" are not allowed as names")]
    DotName,
    #[error("a name may not contain \"/\"")]
    Slash,
    #[error("a name may not contain control characters")]
    ControlChar,
    #[error("a name may not begin or end with a space")]
    OuterSpace,
    /// A character that is not shown but changes what is shown (see [`is_hidden_format`]).
    #[error("a name may not contain invisible or text-direction characters (U+{0:04X})")]
    InvisibleChar(u32),
    #[error("the path is deeper than {MAX_DEPTH} folders")]
    TooDeep,
    #[error("a path must start with \"/\"")]
    NotAbsolute,
}

/// One path segment: a file or folder name that is safe to store and to show.
///
/// Any Unicode text is allowed, including `<script>` (the UI renders names as text), except the
/// things that would change what a path means (`/`, `.`, `..`), control characters, and names
/// longer than [`MAX_NAME_CHARS`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileName(String);

impl FileName {
    pub fn parse(raw: &str) -> Result<Self, NameError> {
        if raw.is_empty() {
            return Err(NameError::Empty);
        }
        let chars = raw.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(NameError::TooLong(chars));
        }
        if raw == "." || raw == ".." {
            return Err(NameError::DotName);
        }
        if raw.contains('/') {
            return Err(NameError::Slash);
        }
        if raw.chars().any(char::is_control) {
            return Err(NameError::ControlChar);
        }
        if let Some(c) = raw.chars().find(|&c| is_hidden_format(c)) {
            return Err(NameError::InvisibleChar(u32::from(c)));
        }
        if raw.starts_with(' ') || raw.ends_with(' ') {
            return Err(NameError::OuterSpace);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name with ` (n)` inserted before the extension: the copy / keep-both naming rule.
    pub fn numbered(&self, n: u32) -> Self {
        let (stem, ext) = split_extension(&self.0);
        let candidate = format!("{stem} ({n}){ext}");
        // A numbered name can only exceed the limit if the original was near it; cut the stem.
        if candidate.chars().count() <= MAX_NAME_CHARS {
            return Self(candidate);
        }
        let keep = MAX_NAME_CHARS - (candidate.chars().count() - stem.chars().count());
        let stem: String = stem.chars().take(keep).collect();
        Self(format!("{stem} ({n}){ext}"))
    }

    /// The extension without the dot, lower-cased, if the name has one.
    pub fn extension(&self) -> Option<String> {
        let (_, ext) = split_extension(&self.0);
        (!ext.is_empty()).then(|| ext[1..].to_lowercase())
    }
}

/// Characters a name may not hold because they are invisible yet change what the reader sees:
/// `invoice\u{202E}fdp.exe` shows as "invoiceexe.pdf", and a zero-width space makes two names
/// that look the same. These are the Unicode format characters (category Cf) in use, plus the
/// line and paragraph separators; control characters (Cc) are refused separately.
///
/// This includes U+200D ZERO WIDTH JOINER, so emoji ZWJ sequences (👨‍👩‍👧) are refused: allowing
/// it only between emoji needs emoji tables this crate does not carry, and a refused name is
/// clear to the user, where a spoofed one is not. Variation selectors (U+FE0F) stay allowed,
/// as do single emoji. The tag characters (U+E0000 block) go too: they hide ASCII text.
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                       // soft hyphen
            | '\u{0600}'..='\u{0605}'     // Arabic number signs
            | '\u{061C}'                   // Arabic letter mark (bidi)
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'                   // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'     // zero-width space, ZWNJ, ZWJ, LRM, RLM
            | '\u{2028}'..='\u{202E}'     // line/paragraph separators, bidi embeddings/overrides
            | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
            | '\u{2066}'..='\u{206F}'     // bidi isolates, deprecated format characters
            | '\u{FEFF}'                   // zero-width no-break space (BOM)
            | '\u{FFF9}'..='\u{FFFB}'     // interlinear annotation
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'   // tag characters
    )
}

fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Serialize for FileName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for FileName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// An absolute path in one user's tree: `/` or `/a/b/c`, every segment a valid [`FileName`].
///
/// There is no `..` and no empty segment once parsed, so a `NodePath` can never climb out of the
/// tree it is resolved against. A trailing slash is tolerated on input (`/a/b/`).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NodePath(Vec<FileName>);

impl NodePath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    pub fn parse(raw: &str) -> Result<Self, NameError> {
        let rest = raw.strip_prefix('/').ok_or(NameError::NotAbsolute)?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.is_empty() {
            return Ok(Self::root());
        }
        let segments = rest
            .split('/')
            .map(FileName::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if segments.len() > MAX_DEPTH {
            return Err(NameError::TooDeep);
        }
        Ok(Self(segments))
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn segments(&self) -> &[FileName] {
        &self.0
    }

    pub fn name(&self) -> Option<&FileName> {
        self.0.last()
    }

    pub fn parent(&self) -> Option<Self> {
        let (_, init) = self.0.split_last()?;
        Some(Self(init.to_vec()))
    }

    pub fn join(&self, name: &FileName) -> Self {
        let mut segments = self.0.clone();
        segments.push(name.clone());
        Self(segments)
    }

    /// `true` if `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &NodePath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The path with `prefix` replaced by `replacement`, if `self` lies inside `prefix`.
    pub fn rebase(&self, prefix: &NodePath, replacement: &NodePath) -> Option<Self> {
        let rest = self.0.strip_prefix(prefix.0.as_slice())?;
        let mut segments = replacement.0.clone();
        segments.extend_from_slice(rest);
        Some(Self(segments))
    }

    /// The path percent-encoded segment by segment, for a URL such as `metadata/<path>`.
    pub fn to_url_path(&self) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            out.push('/');
            percent_encode_segment(segment.as_str(), &mut out);
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }
}

/// Percent-encode everything but RFC 3986 unreserved characters, so any valid name survives a URL.
pub fn percent_encode_segment(segment: &str, out: &mut String) {
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => {
                out.push('%');
                out.push_str(&format!("{byte:02X}"));
            }
        }
    }
}

impl fmt::Display for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("/");
        }
        for segment in &self.0 {
            write!(f, "/{segment}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodePath({self})")
    }
}

impl Serialize for NodePath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NodePath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names() {
        assert!(
            FileName::parse("<script>alert(1)<\\script> <img src=x onerror=alert(2)>.txt").is_ok()
        );
        assert_eq!(FileName::parse("<script>x</script>"), Err(NameError::Slash));
        assert!(FileName::parse("Привет мир 🌍.md").is_ok());
        assert_eq!(FileName::parse(".."), Err(NameError::DotName));
        assert_eq!(FileName::parse("a/b"), Err(NameError::Slash));
        assert_eq!(FileName::parse("a\nb"), Err(NameError::ControlChar));
        assert_eq!(FileName::parse(""), Err(NameError::Empty));
        assert_eq!(
            FileName::parse("invoice\u{202E}fdp.exe"),
            Err(NameError::InvisibleChar(0x202E))
        );
        for c in [
            '\u{200B}',
            '\u{200D}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
        ] {
            let name = format!("a{c}b");
            assert_eq!(
                FileName::parse(&name),
                Err(NameError::InvisibleChar(u32::from(c)))
            );
        }
        assert!(FileName::parse("ok \u{2764}\u{FE0F} 👍🏽.txt").is_ok());
        assert!(FileName::parse(&"x".repeat(1000)).is_ok());
        assert_eq!(
            FileName::parse(&"x".repeat(10_000)),
            Err(NameError::TooLong(10_000))
        );
    }

    #[test]
    fn paths_cannot_climb() {
        assert_eq!(NodePath::parse("/a/../b"), Err(NameError::DotName));
        assert_eq!(NodePath::parse("a/b"), Err(NameError::NotAbsolute));
        assert_eq!(NodePath::parse("//a"), Err(NameError::Empty));
        assert!(NodePath::parse("/").unwrap().is_root());
        assert_eq!(NodePath::parse("/a/b/").unwrap().to_string(), "/a/b");
    }

    #[test]
    fn numbering_keeps_extension() {
        let n = FileName::parse("report.final.pdf").unwrap();
        assert_eq!(n.numbered(2).as_str(), "report.final (2).pdf");
        let n = FileName::parse(".bashrc").unwrap();
        assert_eq!(n.numbered(1).as_str(), ".bashrc (1)");
        let long = FileName::parse(&format!("{}.txt", "y".repeat(996))).unwrap();
        assert_eq!(long.numbered(1).as_str().chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn url_path_encodes_everything_odd() {
        let p = NodePath::parse("/a b/<x>?#%").unwrap();
        assert_eq!(p.to_url_path(), "/a%20b/%3Cx%3E%3F%23%25");
    }
}
