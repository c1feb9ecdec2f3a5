//! Closed word lists an inspector writes: a rating, a status, a method, a
//! standing. Each list knows every spelling granska accepts and what each
//! word means, so its JSON Schema lists them all with a Swedish explanation
//! that an editor shows while completing (taplo's `x-taplo.docs.enumValues`),
//! and a wrong word is reported by name (`"gull" is not one of …`).

use schemars::{Schema, json_schema};

/// A closed list of words. Implement it, then `word_schema!(Type)` gives
/// the type its JSON Schema.
pub trait Words: Sized + Copy + 'static {
    /// Every value, in the order an editor offers them.
    const ALL: &'static [Self];
    /// What the list is, for the editor's hover text.
    const DESCRIPTION: &'static str;
    /// The spelling granska writes and suggests.
    fn key(self) -> &'static str;
    /// Further spellings accepted (the same serde aliases), e.g. without å, ä, ö.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
    /// What the word means, in a sentence.
    fn doc(self) -> &'static str;
}

/// How the documentation of an alias begins.
const ALIAS_DOC: &str = "Samma som ";

/// Whether the `index`th value of the word list `schema` is an alias.
pub fn is_alias(schema: &serde_json::Map<String, serde_json::Value>, index: usize) -> bool {
    let doc = schema.get("x-taplo").and_then(|x| x.pointer(&format!("/docs/enumValues/{index}")));
    doc.and_then(|d| d.as_str()).is_some_and(|d| d.starts_with(ALIAS_DOC))
}

/// The schema of a word list: a string, one of the accepted spellings, each
/// with its meaning (aliases point to the main spelling).
pub fn schema<W: Words>() -> Schema {
    let mut values = Vec::new();
    let mut docs = Vec::new();
    for &word in W::ALL {
        values.push(word.key().to_owned());
        docs.push(word.doc().to_owned());
        for alias in word.aliases() {
            values.push((*alias).to_owned());
            docs.push(format!("{ALIAS_DOC}\"{}\": {}", word.key(), word.doc()));
        }
    }
    let listed = W::ALL.iter().map(|w| format!("\"{}\"", w.key())).collect::<Vec<_>>().join(", ");
    json_schema!({
        "type": "string",
        "description": format!("{} Ett av {listed}.", W::DESCRIPTION),
        "enum": values,
        "x-taplo": { "docs": { "enumValues": docs } },
    })
}

/// Gives word lists their JSON Schema (see [`schema`]). A blanket impl is
/// not possible, as `JsonSchema` is a foreign trait.
macro_rules! word_schema {
    ($($ty:ident),*) => {$(
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::model::words::schema::<$ty>()
            }
        }
    )*};
}
pub(crate) use word_schema;

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::Deserialize;
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::model::outline::ChapterKind;
    use crate::model::shape::Rates;
    use crate::model::vocab::{MethodKind, Rating, Standing, Status};

    #[derive(Deserialize)]
    struct One<W> {
        v: W,
    }

    /// Every spelling the schema offers is one serde accepts, for the value
    /// it documents, and every value is offered.
    fn offered_words_are_accepted<W: Words + DeserializeOwned + PartialEq + Debug>() {
        let schema = schema::<W>();
        let values = schema.get("enum").and_then(|v| v.as_array()).expect("an enum");
        let docs = schema.pointer("/x-taplo/docs/enumValues").and_then(|v| v.as_array()).expect("docs");
        assert_eq!(values.len(), docs.len());
        let mut offered = values.iter().map(|v| v.as_str().unwrap());
        for &word in W::ALL {
            for spelling in std::iter::once(word.key()).chain(word.aliases().iter().copied()) {
                assert_eq!(offered.next(), Some(spelling));
                let parsed: One<W> = toml::from_str(&format!("v = {spelling:?}")).expect(spelling);
                assert_eq!(parsed.v, word, "{spelling}");
            }
        }
        assert_eq!(offered.next(), None);
        assert!(toml::from_str::<One<W>>("v = \"inget-sådant-ord\"").is_err());
    }

    #[test]
    fn every_word_list_offers_exactly_what_granska_accepts() {
        offered_words_are_accepted::<Rating>();
        offered_words_are_accepted::<MethodKind>();
        offered_words_are_accepted::<Status>();
        offered_words_are_accepted::<Standing>();
        offered_words_are_accepted::<Rates>();
        offered_words_are_accepted::<ChapterKind>();
    }
}
