//! Fits a generated JSON Schema to what an editor shows while an inspector
//! types (taplo, i.e. Even Better TOML in VS Code).
//!
//! schemars writes optional values as `anyOf: [T, null]` and shared parts
//! as `$ref`s. TOML has no null, so a validator that tries both branches
//! reports every wrong value deep inside an optional table as the whole
//! table "not valid under any of the schemas listed in the 'anyOf'
//! keyword", at the table's header. Here optional means "may be absent":
//! the null branches go, references are inlined (so every key's hover text
//! is its own), and every table says `additionalProperties: false`, so a
//! validator names the wrong key or value on its own line.

use serde_json::{Map, Value};

use crate::diag::fold;

/// The schema `root` as editors should get it (see the module docs).
pub fn for_editors(mut root: Value) -> Value {
    let definitions = root.as_object_mut().and_then(|o| o.remove("definitions")).unwrap_or(Value::Null);
    let mut root = inline(root, &definitions, 0);
    tidy(&mut root);
    root
}

/// The deepest chain of references followed; the raw model has no
/// recursive types, so reaching it is a bug.
const MAX_DEPTH: usize = 32;

/// Replaces every `$ref` to `#/definitions/…` by the definition, keeping the
/// referring node's own keys (its description wins over the definition's).
fn inline(node: Value, definitions: &Value, depth: usize) -> Value {
    assert!(depth < MAX_DEPTH, "recursive schema definitions cannot be inlined");
    match node {
        Value::Object(mut map) => {
            let target = map
                .remove("$ref")
                .and_then(|r| r.as_str().and_then(|r| r.strip_prefix("#/definitions/")).map(str::to_owned));
            let mut out: Map<String, Value> =
                map.into_iter().map(|(key, value)| (key, inline(value, definitions, depth))).collect();
            if let Some(name) = target {
                let definition = definitions.get(&name).cloned().unwrap_or_else(|| panic!("no definition {name}"));
                if let Value::Object(definition) = inline(definition, definitions, depth + 1) {
                    merge_missing(&mut out, definition);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| inline(v, definitions, depth)).collect()),
        other => other,
    }
}

/// Drops null alternatives and defaults, flattens one-branch `allOf`,
/// `anyOf` and `oneOf`, and closes every table to unknown keys.
fn tidy(node: &mut Value) {
    match node {
        Value::Object(map) => {
            for value in map.values_mut() {
                tidy(value);
            }
            for keyword in ["anyOf", "oneOf", "allOf"] {
                let Some(Value::Array(branches)) = map.get_mut(keyword) else { continue };
                branches.retain(|b| !is_null_type(b));
                if branches.len() == 1 {
                    let Some(Value::Array(mut branches)) = map.remove(keyword) else { unreachable!() };
                    if let Value::Object(only) = branches.remove(0) {
                        merge_missing(map, only);
                    }
                }
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            if let Some(pattern) =
                map.get("properties").and_then(Value::as_object).and_then(|p| spellings(p.keys().map(String::as_str)))
            {
                map.insert("patternProperties".into(), serde_json::json!({ pattern: {} }));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// A pattern for the other spellings granska reads as these keys or words
/// (see `load/spelling.rs`): any case, å or ä for a, ö for o, é for e. An
/// editor then takes `"nivå"` or `Bedomning` as the key it means instead
/// of an unknown one (the values under it are checked by `granska check`),
/// and `"Gul"` as the word `"gul"`.
fn spellings<'a>(words: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut alternatives: Vec<String> = words
        .map(|word| {
            fold(word)
                .chars()
                .map(|c| match c {
                    'a' => "[aAåÅäÄ]".to_owned(),
                    'o' => "[oOöÖ]".to_owned(),
                    'e' => "[eEéÉ]".to_owned(),
                    c if c.is_alphabetic() => c.to_uppercase().fold(format!("[{c}"), |s, u| s + &u.to_string()) + "]",
                    c if c.is_alphanumeric() || c == '_' => c.to_string(),
                    c => format!("\\{c}"),
                })
                .collect()
        })
        .collect();
    alternatives.sort();
    alternatives.dedup();
    (!alternatives.is_empty()).then(|| format!("^({})$", alternatives.join("|")))
}

/// `schema` as the files in `schema/` give it to editors: each word list
/// also takes the spellings `granska check` reads as its words (`"Gul"`
/// for `"gul"`), while the editor still offers only the words themselves
/// and names them when a value is wrong.
///
/// taplo offers the values of every `anyOf` branch, so the words stay in
/// one branch, and the other takes any text; the check itself is `if` the
/// text is a spelling of a word, `else` it must be one of the words.
pub fn with_spellings(mut schema: Value) -> Value {
    spell_words(&mut schema);
    schema
}

fn spell_words(node: &mut Value) {
    match node {
        Value::Object(map) => {
            map.values_mut().for_each(spell_words);
            let Some(Value::Array(words)) = map.get("enum") else { return };
            let Some(words): Option<Vec<&str>> = words.iter().map(Value::as_str).collect() else { return };
            let Some(pattern) = spellings(words.iter().copied()) else { return };
            let (Some(listed), docs) = (map.remove("enum"), map.remove("x-taplo")) else { return };
            let mut offered = serde_json::json!({ "enum": listed.clone() });
            if let Some(docs) = docs {
                offered["x-taplo"] = docs;
            }
            map.insert("anyOf".into(), serde_json::json!([offered, { "type": "string" }]));
            map.insert("if".into(), serde_json::json!({ "pattern": pattern }));
            map.insert("else".into(), serde_json::json!({ "enum": listed }));
        }
        Value::Array(items) => items.iter_mut().for_each(spell_words),
        _ => {}
    }
}

fn is_null_type(schema: &Value) -> bool {
    schema.get("type").is_some_and(|t| t == "null")
}

/// Adds the keys of `from` that `into` lacks.
fn merge_missing(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        into.entry(key).or_insert(value);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn optional_tables_lose_their_null_branch_and_keep_their_own_description() {
        let schema = json!({
            "type": "object",
            "properties": {
                "aktgranskning": {
                    "anyOf": [{ "$ref": "#/definitions/FileReview" }, { "type": "null" }],
                    "description": "Aktgranskningen."
                },
                "beskrivning": { "type": ["string", "null"], "default": null },
                "slutsatser": { "allOf": [{ "$ref": "#/definitions/Section" }], "description": "Slutsatser." }
            },
            "definitions": {
                "FileReview": {
                    "type": "object",
                    "properties": { "antal": { "type": "integer" } },
                    "description": "Definitionens text."
                },
                "Section": { "type": "object", "properties": { "text": { "type": "string" } }, "required": ["text"] }
            }
        });
        let tidy = for_editors(schema);
        assert_eq!(
            tidy["properties"]["aktgranskning"],
            json!({
                "type": "object",
                "properties": { "antal": { "type": "integer" } },
                "description": "Aktgranskningen.",
                "additionalProperties": false,
                "patternProperties": { "^([aAåÅäÄ][nN][tT][aAåÅäÄ][lL])$": {} }
            })
        );
        assert_eq!(tidy["properties"]["beskrivning"], json!({ "type": "string" }));
        assert_eq!(tidy["properties"]["slutsatser"]["required"], json!(["text"]));
        assert_eq!(tidy["properties"]["slutsatser"]["description"], "Slutsatser.");
        assert_eq!(tidy["additionalProperties"], false);
        assert!(tidy.get("definitions").is_none());
        let text = tidy.to_string();
        assert!(!text.contains("null") && !text.contains("$ref") && !text.contains("anyOf"), "{text}");
    }

    #[test]
    fn other_spellings_of_a_key_are_accepted_by_pattern() {
        let tidy = for_editors(json!({ "type": "object", "properties": { "niva": {}, "ej_aktuellt": {} } }));
        let patterns = tidy["patternProperties"].as_object().unwrap();
        assert_eq!(patterns.len(), 1);
        let pattern = patterns.keys().next().unwrap();
        matches_exactly(
            pattern,
            &["niva", "nivå", "Nivå", "NIVÄ", "ej_aktuellt", "Ej_Aktuellt"],
            &["nivaa", "bedomnig", "ejaktuellt"],
        );
    }

    /// `pattern` matches each of `taken` and none of `refused`.
    fn matches_exactly(pattern: &str, taken: &[&str], refused: &[&str]) {
        let regex = fancy_regex::Regex::new(pattern).unwrap();
        for text in taken {
            assert!(regex.is_match(text).unwrap(), "{text} / {pattern}");
        }
        for text in refused {
            assert!(!regex.is_match(text).unwrap(), "{text} / {pattern}");
        }
    }

    #[test]
    fn word_lists_take_other_spellings_but_offer_and_name_only_the_words() {
        let words = json!({ "type": "string", "enum": ["grön", "gron", "gul", "TODO"], "x-taplo": { "docs": { "enumValues": ["G", "G", "Y", "T"] } } });
        let spelled = with_spellings(json!({ "properties": { "niva": words } }));
        let niva = &spelled["properties"]["niva"];
        assert_eq!(niva["anyOf"][0]["enum"], json!(["grön", "gron", "gul", "TODO"]));
        assert_eq!(niva["anyOf"][0]["x-taplo"]["docs"]["enumValues"][2], "Y");
        assert_eq!(niva["else"]["enum"], json!(["grön", "gron", "gul", "TODO"]));
        let pattern = niva["if"]["pattern"].as_str().unwrap();
        matches_exactly(pattern, &["grön", "Grön", "GRON", "gul", "Gul", "todo"], &["gula", "grå", "röd"]);
    }

    #[test]
    fn real_alternatives_stay() {
        let schema = json!({ "anyOf": [{ "type": "number" }, { "type": "string" }] });
        assert_eq!(for_editors(schema.clone()), schema);
    }
}
