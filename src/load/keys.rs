//! Finds every unknown key in a parsed TOML document at once, by walking it
//! alongside the file kind's JSON Schema.
//!
//! serde stops at the first unknown key; an inspector with three typos would
//! fix them one build at a time. This pass reports them all, each with a
//! suggestion, and explains the most common TOML surprise: a plain
//! `key = value` line placed after a `[table]` header belongs to that table.

use serde_json::{Map, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, SourceFile, closest};

/// The schema of `key`'s value in a table under `schema`: its property's,
/// or the one every key of the table has (`additionalProperties`, as in
/// the per-year tables of key figures). `None` for a key the table does
/// not know.
pub(super) fn key_schema<'a>(schema: &'a Value, key: &str) -> Option<&'a Value> {
    let property = schema.get("properties").and_then(Value::as_object).and_then(|p| p.get(key));
    property.or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))
}

/// Unknown keys in `table`, checked against the root `schema`.
pub fn unknown_keys(source: &SourceFile, table: &DeTable, schema: &Value) -> Vec<Diagnostic> {
    let mut walker = Walker {
        source,
        definitions: schema.get("definitions").and_then(Value::as_object),
        root: schema,
        out: Vec::new(),
    };
    walker.table(table, schema, "");
    walker.out
}

struct Walker<'a> {
    source: &'a SourceFile,
    definitions: Option<&'a Map<String, Value>>,
    root: &'a Value,
    out: Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    /// Follows `$ref`, and looks through `allOf: [x]` and `anyOf: [x, null]`
    /// (how schemars writes described and optional fields).
    fn resolve(&self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..16 {
            if let Some(name) = schema.get("$ref").and_then(Value::as_str) {
                match name.strip_prefix("#/definitions/").and_then(|n| self.definitions?.get(n)) {
                    Some(target) => schema = target,
                    None => return schema,
                }
            } else if let Some(inner) =
                schema.get("allOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array).and_then(|alternatives| {
                    let mut real =
                        alternatives.iter().filter(|s| s.get("type").and_then(Value::as_str) != Some("null"));
                    let first = real.next()?;
                    real.next().is_none().then_some(first)
                })
            {
                schema = inner;
            } else {
                return schema;
            }
        }
        schema
    }

    fn table(&mut self, table: &DeTable, schema: &'a Value, path: &str) {
        let schema = self.resolve(schema);
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else { return };
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            match properties.get(name) {
                Some(property) => self.value(value, property, &format!("{path}{name}.")),
                None if closed => self.unknown(key, name, properties, path),
                None => {}
            }
        }
    }

    fn value(&mut self, value: &Spanned<DeValue>, schema: &'a Value, path: &str) {
        match value.get_ref() {
            DeValue::Table(table) => self.table(table, schema, path),
            DeValue::Array(items) => {
                let schema = self.resolve(schema);
                if let Some(item_schema) = schema.get("items") {
                    for item in items.iter() {
                        self.value(item, item_schema, path);
                    }
                }
            }
            _ => {}
        }
    }

    fn unknown(&mut self, key: &Spanned<std::borrow::Cow<str>>, name: &str, allowed: &Map<String, Value>, path: &str) {
        let mut d = Diagnostic::error(self.source, key.span(), format!("okänd nyckel `{name}`"));
        let root = self.root.get("properties").and_then(Value::as_object);
        let top_level = root.is_some_and(|p| p.contains_key(name));
        let table = path.trim_end_matches('.');
        let local = closest(name, allowed.keys().map(String::as_str));
        if !table.is_empty() && top_level {
            d = d.with_hint(format!(
                "`{name}` hör till filens början, men står efter tabellrubriken för `{table}` och hamnar därför i den tabellen"
            ));
            d = d.with_hint("flytta raden ovanför den första raden som börjar med `[`");
        } else if let Some(suggestion) = local {
            d = d.with_hint(format!("menade du `{suggestion}`?"));
        } else if let Some(suggestion) =
            root.filter(|_| !table.is_empty()).and_then(|p| closest(name, p.keys().map(String::as_str)))
        {
            d = d.with_hint(format!(
                "menade du `{suggestion}`? Den nyckeln hör till filens början, inte till `{table}`"
            ));
        }
        let list: Vec<String> = allowed.keys().map(|k| format!("`{k}`")).collect();
        let place = if table.is_empty() { "överst i filen".to_owned() } else { format!("i `{table}`") };
        self.out.push(d.with_hint(format!("tillåtna nycklar {place}: {}", list.join(", "))));
    }
}

/// The dotted key of the innermost value at byte `offset` of the file
/// (`kvalitetsomraden.trygghet.iakttagelser`, `tabell[1].rader[2]`, array
/// items numbered from 1).
pub fn key_at(table: &DeTable, offset: usize) -> Option<String> {
    fn value(node: &Spanned<DeValue>, offset: usize, path: &mut Vec<String>) -> bool {
        match node.get_ref() {
            DeValue::Table(table) => in_table(table, offset, path),
            DeValue::Array(items) => items.iter().enumerate().any(|(i, item)| {
                path.push(format!("[{}]", i + 1));
                let found = value_contains(item, offset) && value(item, offset, path);
                if !found {
                    path.pop();
                }
                found
            }),
            _ => node.span().contains(&offset),
        }
    }
    fn value_contains(value: &Spanned<DeValue>, offset: usize) -> bool {
        match value.get_ref() {
            // A table's span is its header; its values may be far below.
            DeValue::Table(_) | DeValue::Array(_) => true,
            _ => value.span().contains(&offset),
        }
    }
    fn in_table(table: &DeTable, offset: usize, path: &mut Vec<String>) -> bool {
        for (key, item) in table.iter() {
            path.push(key.get_ref().to_string());
            if value(item, offset, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path: Vec<String> = Vec::new();
    in_table(table, offset, &mut path).then(|| {
        path.iter().fold(String::new(), |key, part| match (key.is_empty(), part.starts_with('[')) {
            (true, _) | (_, true) => key + part,
            (false, false) => key + "." + part,
        })
    })
}

/// Where a top-level key missing from `text` belongs: the first key or
/// section the file has that the schema lists after it (with its header,
/// e.g. `[jamstalldhetsanalys]`), or else the file's last table header, or
/// its first line of content. `None` for an empty file.
pub fn missing_place(text: &str, schema: &Value, key: &str) -> Option<(std::ops::Range<usize>, Option<String>)> {
    let order: Vec<&String> = schema.get("properties").and_then(Value::as_object).map(|p| p.keys().collect())?;
    let rank = |name: &str| order.iter().position(|k| *k == name);
    let wanted = rank(key)?;
    // The file's top-level items in order: `key = …` before the first
    // header, and every header's first part.
    let mut items: Vec<(std::ops::Range<usize>, String, String)> = Vec::new();
    let (mut at, mut in_table) = (0, false);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let span = at + (line.len() - line.trim_start().len())..at + line.trim_end().len();
        at += line.len();
        if trimmed.starts_with('[') {
            in_table = true;
            let name = trimmed.trim_start_matches('[').split(['.', ']']).next().unwrap_or("").trim().to_owned();
            items.push((span, name, trimmed.to_owned()));
        } else if !in_table && !trimmed.is_empty() && !trimmed.starts_with('#') {
            let name = trimmed.split('=').next().unwrap_or("").trim().to_owned();
            items.push((span, name.clone(), name));
        }
    }
    if let Some((span, _, shown)) = items.iter().find(|(_, name, _)| rank(name).is_some_and(|r| r > wanted)) {
        return Some((span.clone(), Some(shown.clone())));
    }
    items.last().map(|(span, _, _)| (span.clone(), None))
}
