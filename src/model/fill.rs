//! A count or a level that is not known yet. Inspectors write `"TODO"`
//! where the number or the level belongs, and the scaffolds (`granska new`)
//! write it for them, so a scaffold never holds a value that passes for a
//! decision (a 0, a yellow level). It is the same placeholder as a text's
//! `TODO`: `check` reports it, a final document is refused, and a draft
//! shows "TODO", highlighted, where the number or level will stand.

use std::borrow::Cow;
use std::ops::Add;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, Unexpected, Visitor};

use super::vocab::Rating;

/// The placeholder, as inspectors write it (and as readers of a draft
/// see it).
pub const PLACEHOLDER: &str = "TODO";

/// What a count may be, in the words serde's messages use (translated in
/// `load/translate.rs`).
pub const COUNT_OR_PLACEHOLDER: &str = "a count or TODO";

/// A value written in the findings, or the placeholder `"TODO"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fill<T> {
    Given(T),
    Todo,
}

impl<T> Fill<T> {
    /// The value, if it is written.
    pub fn given(self) -> Option<T> {
        match self {
            Fill::Given(value) => Some(value),
            Fill::Todo => None,
        }
    }

    pub fn is_todo(&self) -> bool {
        matches!(self, Fill::Todo)
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fill<U> {
        match self {
            Fill::Given(value) => Fill::Given(f(value)),
            Fill::Todo => Fill::Todo,
        }
    }

    /// `f` of the value, `None` where `f` gives `None`; the placeholder
    /// stays one.
    pub fn try_map<U>(self, f: impl FnOnce(T) -> Option<U>) -> Option<Fill<U>> {
        match self {
            Fill::Given(value) => f(value).map(Fill::Given),
            Fill::Todo => Some(Fill::Todo),
        }
    }

    /// `f` of both values; the placeholder when either is one (a sum with
    /// an unknown part is unknown).
    pub fn zip_with<U, V>(self, other: Fill<U>, f: impl FnOnce(T, U) -> V) -> Fill<V> {
        match (self, other) {
            (Fill::Given(a), Fill::Given(b)) => Fill::Given(f(a, b)),
            _ => Fill::Todo,
        }
    }

    /// The value shown as `show` gives it, or the placeholder.
    pub fn text(self, show: impl FnOnce(T) -> String) -> String {
        self.map(show).given().unwrap_or_else(|| PLACEHOLDER.to_owned())
    }
}

impl<T: Add<Output = T>> Add for Fill<T> {
    type Output = Fill<T>;

    fn add(self, other: Fill<T>) -> Fill<T> {
        self.zip_with(other, Add::add)
    }
}

impl<T: Default> Default for Fill<T> {
    fn default() -> Fill<T> {
        Fill::Given(T::default())
    }
}

fn is_placeholder(text: &str) -> bool {
    text == PLACEHOLDER
}

impl<'de> Deserialize<'de> for Fill<u32> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fill<u32>, D::Error> {
        struct CountVisitor;
        impl Visitor<'_> for CountVisitor {
            type Value = Fill<u32>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(COUNT_OR_PLACEHOLDER)
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Fill<u32>, E> {
                u32::try_from(n).map(Fill::Given).map_err(|_| E::invalid_value(Unexpected::Signed(n), &"u32"))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Fill<u32>, E> {
                u32::try_from(n).map(Fill::Given).map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &"u32"))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Fill<u32>, E> {
                Err(E::invalid_type(Unexpected::Float(x), &"u32"))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Fill<u32>, E> {
                if is_placeholder(text) { Ok(Fill::Todo) } else { Err(E::invalid_type(Unexpected::Str(text), &self)) }
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

impl<'de> Deserialize<'de> for Fill<Rating> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fill<Rating>, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        if is_placeholder(&text) {
            return Ok(Fill::Todo);
        }
        let word: de::value::StrDeserializer<D::Error> = text.as_ref().into_deserializer();
        Rating::deserialize(word).map(Fill::Given)
    }
}

/// What the placeholder means, for the editor's completion list.
const PLACEHOLDER_DOC: &str = "Platshållare: inte bestämt än. `granska check` påminner om den, och en slutlig rapport görs inte förrän den är ersatt.";

/// `T`'s schema, with the placeholder allowed: added to a word list, or as
/// the one text a number may be.
impl<T: JsonSchema> JsonSchema for Fill<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}OrTodo", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = T::json_schema(generator);
        let Some(map) = schema.as_object_mut() else { return schema };
        if let Some(serde_json::Value::Array(words)) = map.get_mut("enum") {
            words.push(PLACEHOLDER.into());
            if let Some(serde_json::Value::Array(docs)) =
                map.get_mut("x-taplo").and_then(|x| x.pointer_mut("/docs/enumValues"))
            {
                docs.push(PLACEHOLDER_DOC.into());
            }
        } else if map.get("type").and_then(|t| t.as_str()) == Some("integer") {
            map.insert("type".into(), serde_json::json!(["integer", "string"]));
            map.insert("pattern".into(), format!("^{PLACEHOLDER}$").into());
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct One<T> {
        v: T,
    }

    fn parse<T>(value: &str) -> Result<T, String>
    where
        One<T>: for<'de> Deserialize<'de>,
    {
        toml::from_str::<One<T>>(&format!("v = {value}")).map(|o| o.v).map_err(|e| e.message().to_owned())
    }

    #[test]
    fn a_count_is_a_number_or_the_placeholder() {
        assert_eq!(parse::<Fill<u32>>("12"), Ok(Fill::Given(12)));
        assert_eq!(parse::<Fill<u32>>("\"TODO\""), Ok(Fill::Todo));
        assert_eq!(parse::<Fill<u32>>("-1").unwrap_err(), "invalid value: integer `-1`, expected u32");
        assert_eq!(
            parse::<Fill<u32>>("\"tolv\"").unwrap_err(),
            "invalid type: string \"tolv\", expected a count or TODO"
        );
        assert!(parse::<Fill<u32>>("\"todo\"").is_err(), "only the placeholder as `check` reports it");
        assert!(parse::<Fill<u32>>("2.5").is_err());
    }

    #[test]
    fn a_level_is_a_word_or_the_placeholder() {
        assert_eq!(parse::<Fill<Rating>>("\"grön\""), Ok(Fill::Given(Rating::Gron)));
        assert_eq!(parse::<Fill<Rating>>("\"gron\""), Ok(Fill::Given(Rating::Gron)));
        assert_eq!(parse::<Fill<Rating>>("\"TODO\""), Ok(Fill::Todo));
        let wrong = parse::<Fill<Rating>>("\"grå\"").unwrap_err();
        assert!(wrong.starts_with("unknown variant `grå`, expected one of") && wrong.contains("`grön`"), "{wrong}");
    }

    #[test]
    fn an_unknown_part_makes_the_sum_unknown() {
        assert_eq!(Fill::Given(2) + Fill::Given(3), Fill::Given(5));
        assert_eq!(Fill::Given(2) + Fill::Todo, Fill::Todo);
        assert_eq!(Fill::<u32>::Todo.text(|n| n.to_string()), "TODO");
        assert_eq!(Fill::Given(7).text(|n: u32| n.to_string()), "7");
    }

    #[test]
    fn the_schemas_allow_the_placeholder() {
        let count = schemars::schema_for!(Fill<u32>);
        assert_eq!(count.get("type"), Some(&serde_json::json!(["integer", "string"])));
        assert_eq!(count.get("pattern"), Some(&serde_json::json!("^TODO$")));
        let level = schemars::schema_for!(Fill<Rating>);
        let words = level.get("enum").and_then(|e| e.as_array()).unwrap();
        assert_eq!(words.last(), Some(&serde_json::json!("TODO")));
        let docs = level.pointer("/x-taplo/docs/enumValues").and_then(|d| d.as_array()).unwrap();
        assert_eq!(docs.len(), words.len());
    }
}
