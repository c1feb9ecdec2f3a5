//! Spellings whose meaning is plain: a key written with å, ä or ö or with
//! capitals (`nivå`, `Bedömning`) is read as the key the schema names
//! (`niva`, `bedomning`), and a word of the vocabulary written with a
//! capital (`"Gul"`, `"Röd"`) as that word. Only where the schema names
//! exactly one key or word for the spelling; anything else is left for the
//! checks to report. Spans stay the written ones, so every message still
//! points at what the inspector wrote.

use std::borrow::Cow;
use std::ops::Range;

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::key_schema;
use crate::diag::fold;

/// Reads the keys and words of `table` (the whole file) as `schema` names
/// them; returns where the keys it read differently stand. (TOML itself
/// allows only a–z, 0–9, `-` and `_` in a key without quotes; the parser
/// reads such a key anyway and says so, and the caller forgives that for
/// the keys read here.)
pub fn normalize(table: &mut DeTable<'_>, schema: &Value) -> Vec<Range<usize>> {
    let mut renamed = Vec::new();
    normalize_table(table, schema, &mut renamed);
    renamed
}

fn normalize_table(table: &mut DeTable<'_>, schema: &Value, renamed: &mut Vec<Range<usize>>) {
    let properties = schema.get("properties").and_then(Value::as_object);
    if let Some(properties) = properties {
        let written: Vec<String> = table.keys().map(|k| k.get_ref().to_string()).collect();
        for key in written.clone() {
            if properties.contains_key(&key) {
                continue;
            }
            let folded = fold(&key);
            let mut named = properties.keys().filter(|p| fold(p) == folded);
            let (Some(name), None) = (named.next(), named.next()) else { continue };
            // `niva` and `nivå` both written: left for the checks to say.
            if written.iter().any(|w| w == name) {
                continue;
            }
            if let Some((old, value)) = table.remove_entry(key.as_str()) {
                renamed.push(old.span());
                table.insert(Spanned::new(old.span(), Cow::Owned(name.clone())), value);
            }
        }
    }
    for (key, value) in table.iter_mut() {
        if let Some(inner) = key_schema(schema, key.get_ref()) {
            normalize_value(value, inner, renamed);
        }
    }
}

fn normalize_value(value: &mut Spanned<DeValue<'_>>, schema: &Value, renamed: &mut Vec<Range<usize>>) {
    match value.get_mut() {
        DeValue::Table(table) => normalize_table(table, schema, renamed),
        DeValue::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items.iter_mut() {
                    normalize_value(item, item_schema, renamed);
                }
            }
        }
        DeValue::String(text) => {
            let Some(allowed) = schema.get("enum").and_then(Value::as_array) else { return };
            let allowed: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            if allowed.contains(&text.as_ref()) {
                return;
            }
            // `"Grön"` is `grön` (not `gron`): the same letters first.
            let lower = text.to_lowercase();
            let word = allowed.iter().find(|a| **a == lower).or_else(|| {
                let folded = fold(text);
                let mut named = allowed.iter().filter(|a| fold(a) == folded);
                match (named.next(), named.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            });
            if let Some(word) = word {
                *text = Cow::Owned((*word).to_owned());
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Value {
        serde_json::json!({
            "type": "object",
            "properties": {
                "kvalitetsomraden": {
                    "type": "object",
                    "properties": {
                        "tillganglighet": {
                            "type": "object",
                            "properties": {
                                "niva": { "type": "string", "enum": ["grön", "gron", "gul", "röd", "rod"] },
                                "bedomning": { "type": "string" }
                            }
                        }
                    }
                }
            }
        })
    }

    #[test]
    fn swedish_and_capitalised_spellings_are_read_as_the_schema_names_them() {
        let text = "[kvalitetsområden.Tillgänglighet]\nnivå = \"Grön\"\nBedömning = \"Gul ska inte ändras här.\"\n";
        let (mut table, _) = DeTable::parse_recoverable(text);
        normalize(table.get_mut(), &schema());
        let area = table.get_ref()["kvalitetsomraden"].get_ref();
        let DeValue::Table(areas) = area else { panic!() };
        let DeValue::Table(area) = areas["tillganglighet"].get_ref() else { panic!() };
        assert!(matches!(area["niva"].get_ref(), DeValue::String(s) if s == "grön"));
        // A text is never changed, only words of the vocabulary.
        assert!(matches!(area["bedomning"].get_ref(), DeValue::String(s) if s == "Gul ska inte ändras här."));
        // The key keeps its written place.
        let (key, _) = area.get_key_value("niva").unwrap();
        assert_eq!(&text[key.span()], "nivå");
    }

    #[test]
    fn a_key_with_swedish_letters_is_read_though_toml_wants_quotes() {
        let text = "[kvalitetsområden.tillganglighet]\nnivå = \"gul\"\n";
        let (mut table, errors) = DeTable::parse_recoverable(text);
        assert_eq!(errors.len(), 2, "TOML says no: {errors:?}");
        let renamed = normalize(table.get_mut(), &schema());
        assert!(errors.iter().all(|e| renamed.iter().any(|r| r.contains(&e.span().unwrap().start))), "{renamed:?}");
    }

    #[test]
    fn a_key_written_both_ways_is_left_for_the_checks() {
        let text = "[kvalitetsomraden.tillganglighet]\nniva = \"gul\"\nnivå = \"röd\"\n";
        let (mut table, _) = DeTable::parse_recoverable(text);
        normalize(table.get_mut(), &schema());
        let DeValue::Table(areas) = table.get_ref()["kvalitetsomraden"].get_ref() else { panic!() };
        let DeValue::Table(area) = areas["tillganglighet"].get_ref() else { panic!() };
        assert!(area.contains_key("nivå"));
    }
}
