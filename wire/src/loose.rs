//! Forgiving readers for scalars that real vendor servers send loosely: numbers as JSON numbers
//! or as strings of digits, booleans as `0`/`1` or `"true"`, ids as strings or numbers, and
//! `null` or an unexpected shape where a value was documented. Reading these never fails: an
//! unreadable value reads as zero or empty, as the clients have always treated it.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A number sent as a JSON number, a string of digits, a boolean, `null` or not at all (0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Num(pub i64);

impl Num {
    /// A `0`/`1` (or `true`/`false`) flag.
    pub fn flag(self) -> bool {
        self.0 != 0
    }

    /// A byte count (negative reads as 0).
    pub fn bytes(self) -> u64 {
        self.0.max(0) as u64
    }

    /// Unix seconds as epoch ms.
    pub fn ms(self) -> i64 {
        self.0.saturating_mul(1000)
    }
}

/// An id sent as a string or a number; anything else reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Id(pub String);

impl Id {
    /// The id, unless it is empty.
    pub fn non_empty(self) -> Option<String> {
        (!self.0.is_empty()).then_some(self.0)
    }
}

/// For `#[serde(deserialize_with = "loose::int")]` on a plain `i64` field: read it like [`Num`].
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Num::deserialize(d).map(|n| n.0)
}

/// A count sent as a number, or as the list of what is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count(pub u64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Loose(LooseAs::Num)).map(|v| match v {
            Scalar::Int(n) => Num(n),
            Scalar::Text(s) => Num(match s.trim() {
                "true" => 1,
                t => t.parse().unwrap_or(0),
            }),
            Scalar::Items(_) | Scalar::Nothing => Num(0),
        })
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Loose(LooseAs::Id)).map(|v| match v {
            Scalar::Int(n) => Id(n.to_string()),
            Scalar::Text(s) => Id(s),
            Scalar::Items(_) | Scalar::Nothing => Id::default(),
        })
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Loose(LooseAs::Num)).map(|v| match v {
            Scalar::Int(n) => Count(n.max(0) as u64),
            Scalar::Items(n) => Count(n),
            Scalar::Text(_) | Scalar::Nothing => Count(0),
        })
    }
}

/// What any JSON value boils down to for these readers.
enum Scalar {
    Int(i64),
    Text(String),
    /// An array, with its length.
    Items(u64),
    Nothing,
}

#[derive(Clone, Copy)]
enum LooseAs {
    Num,
    Id,
}

struct Loose(LooseAs);

impl<'de> Visitor<'de> for Loose {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(match self.0 {
            LooseAs::Num => Scalar::Int(i64::from(v)),
            LooseAs::Id => Scalar::Nothing,
        })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(match i64::try_from(v) {
            Ok(n) => Scalar::Int(n),
            // Beyond i64: as an id, keep every digit; as a number, saturate like a float would.
            Err(_) => match self.0 {
                LooseAs::Id => Scalar::Text(v.to_string()),
                LooseAs::Num => Scalar::Int(i64::MAX),
            },
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(match self.0 {
            LooseAs::Num => Scalar::Int(v as i64),
            LooseAs::Id => Scalar::Text(v.to_string()),
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Nothing)
    }

    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Nothing)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        let mut n = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(Scalar::Items(n))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nothing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(json: &str) -> i64 {
        serde_json::from_str::<Num>(json).unwrap().0
    }

    fn id(json: &str) -> String {
        serde_json::from_str::<Id>(json).unwrap().0
    }

    #[test]
    fn numbers_come_as_numbers_strings_or_flags() {
        assert_eq!(num("42"), 42);
        assert_eq!(num("-3"), -3);
        assert_eq!(num("\" 17 \""), 17);
        assert_eq!(num("\"true\""), 1);
        assert_eq!(num("true"), 1);
        assert_eq!(num("false"), 0);
        assert_eq!(num("2.9"), 2);
        assert_eq!(num("null"), 0);
        assert_eq!(num("\"n/a\""), 0);
        assert_eq!(num("[1,2]"), 0);
        assert_eq!(num("{\"a\":1}"), 0);
        assert_eq!(Num(5).ms(), 5000);
        assert_eq!(Num(-1).bytes(), 0);
        assert!(Num(1).flag() && !Num(0).flag());
    }

    #[test]
    fn ids_come_as_strings_or_numbers() {
        assert_eq!(id("\"ab12\""), "ab12");
        assert_eq!(id("7"), "7");
        assert_eq!(id("18446744073709551615"), "18446744073709551615");
        assert_eq!(id("null"), "");
        assert_eq!(id("true"), "");
        assert_eq!(id("{}"), "");
        assert_eq!(Id(String::new()).non_empty(), None);
        assert_eq!(Id("x".into()).non_empty(), Some("x".into()));
    }

    #[test]
    fn plain_fields_read_loosely_too() {
        #[derive(serde::Deserialize)]
        struct Rec {
            #[serde(default, deserialize_with = "int")]
            owner: i64,
        }
        let owner = |json: &str| serde_json::from_str::<Rec>(json).unwrap().owner;
        assert_eq!(owner(r#"{"owner": 7}"#), 7);
        assert_eq!(owner(r#"{"owner": "7"}"#), 7);
        assert_eq!(owner(r#"{"owner": null}"#), 0);
        assert_eq!(owner("{}"), 0);
    }

    #[test]
    fn counts_come_as_numbers_or_lists() {
        let count = |json: &str| serde_json::from_str::<Count>(json).unwrap().0;
        assert_eq!(count("3"), 3);
        assert_eq!(count("[{}, {}]"), 2);
        assert_eq!(count("null"), 0);
        assert_eq!(count("\"x\""), 0);
    }

    #[test]
    fn missing_or_null_fields_read_as_defaults() {
        #[derive(serde::Deserialize)]
        struct Rec {
            #[serde(default)]
            size: Num,
            #[serde(default)]
            owner: Option<Id>,
        }
        let r: Rec = serde_json::from_str(r#"{"owner": null}"#).unwrap();
        assert_eq!((r.size, r.owner), (Num(0), None));
        let r: Rec = serde_json::from_str(r#"{"size": "12", "owner": 9}"#).unwrap();
        assert_eq!((r.size, r.owner), (Num(12), Some(Id("9".into()))));
    }
}
