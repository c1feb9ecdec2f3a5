//! Every value of a file checked against its JSON Schema before the file
//! is read into the model, so that all wrong values come in one run: serde
//! stops at the first, and an inspector with seven mistakes would need
//! seven runs. Only what the schemas use is checked here (type, `enum`,
//! `minimum`, items, properties, per-year tables); whatever this
//! lets through is still checked by serde, as before. The messages are the
//! ones serde's would have been, translated the same way.

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::key_schema;
use super::translate;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::fill::{COUNT_OR_PLACEHOLDER, PLACEHOLDER};

/// The wrong values of `table` (the whole file) under `schema`.
pub fn check(
    source: &SourceFile,
    table: &DeTable,
    schema: &Value,
    canonical: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |span: std::ops::Range<usize>, english: String| {
        let t = translate::translate(&english, canonical);
        let mut d = Diagnostic::error(source, span, t.message);
        d.hints = t.hints;
        out.push(d);
    };
    table_values(table, schema, &mut report);
    out.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    out
}

fn table_values(table: &DeTable, schema: &Value, report: &mut dyn FnMut(std::ops::Range<usize>, String)) {
    for (key, value) in table.iter() {
        // Unknown keys are reported by `keys::unknown_keys`.
        if let Some(inner) = key_schema(schema, key.get_ref()) {
            check_value(value, inner, report);
        }
    }
}

fn check_value(value: &Spanned<DeValue>, schema: &Value, report: &mut dyn FnMut(std::ops::Range<usize>, String)) {
    // A value that may take several forms (`foljer_upp`: a folder or a
    // list of folders) is left to serde.
    if schema.get("anyOf").is_some() {
        return;
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return,
    };
    let date = schema.get("format").and_then(Value::as_str) == Some("date");
    let fits = |t: &str| match (t, value.get_ref()) {
        ("string", DeValue::String(_)) => !date,
        ("string", DeValue::Datetime(_)) => date,
        ("integer", DeValue::Integer(_)) => true,
        ("number", DeValue::Integer(_) | DeValue::Float(_)) => true,
        ("boolean", DeValue::Boolean(_)) => true,
        ("array", DeValue::Array(_)) => true,
        ("object", DeValue::Table(_)) => true,
        _ => false,
    };
    if !types.iter().any(|t| fits(t)) {
        // A date written as a text is left to serde, which says it better.
        if date && matches!(value.get_ref(), DeValue::String(_)) {
            return;
        }
        let expected = match types.iter().find(|t| **t != "null").copied().unwrap_or("") {
            "string" if date => "a TOML datetime",
            "string" => "a string",
            "integer" if schema.get("minimum").and_then(Value::as_f64) == Some(0.0) => "u32",
            "integer" => "i64",
            "number" => "f64",
            "boolean" => "a boolean",
            "array" => "a sequence",
            "object" => "a map",
            _ => return,
        };
        report(value.span(), format!("invalid type: {}, expected {expected}", found(value.get_ref())));
        return;
    }
    match value.get_ref() {
        // A count may be a text only as the placeholder (`model::fill`).
        DeValue::String(text) if types.contains(&"integer") && text.as_ref() != PLACEHOLDER => {
            report(value.span(), format!("invalid type: string {text:?}, expected {COUNT_OR_PLACEHOLDER}"));
        }
        DeValue::String(text) => {
            if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
                let allowed: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
                if !allowed.is_empty() && !allowed.contains(&text.as_ref()) {
                    let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
                    report(value.span(), format!("unknown variant `{text}`, expected one of {list}"));
                }
            }
        }
        DeValue::Integer(n) => {
            let below = schema
                .get("minimum")
                .and_then(Value::as_f64)
                .zip(n.as_str().replace('_', "").parse::<f64>().ok())
                .is_some_and(|(min, n)| n < min);
            if below {
                report(value.span(), format!("invalid value: integer `{}`, expected u32", n.as_str()));
            }
        }
        DeValue::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items.iter() {
                    check_value(item, item_schema, report);
                }
            }
        }
        DeValue::Table(table) => table_values(table, schema, report),
        _ => {}
    }
}

/// A value as serde names it in its messages ("integer `1`").
fn found(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("string {s:?}"),
        DeValue::Integer(i) => format!("integer `{}`", i.as_str()),
        DeValue::Float(f) => format!("floating point `{}`", f.as_str()),
        DeValue::Boolean(b) => format!("boolean `{b}`"),
        DeValue::Datetime(d) => format!("datetime `{d}`"),
        DeValue::Array(_) => "sequence".to_owned(),
        DeValue::Table(_) => "map".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrong_value_of_a_file_is_found_at_once() {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {
                "niva": { "type": "string", "enum": ["grön", "gul", "röd"] },
                "population": { "type": "integer", "minimum": 0 },
                "urval": { "type": ["integer", "string"], "minimum": 0, "pattern": "^TODO$" },
                "urval2": { "type": ["integer", "string"], "minimum": 0, "pattern": "^TODO$" },
                "namn": { "type": "string" },
                "datum": { "type": "string", "format": "date" },
                "lista": { "type": "array", "items": { "type": "string" } },
                "varden": { "type": "object", "additionalProperties": { "type": "number" } },
                "fler": { "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }] }
            }
        });
        let text = "niva = \"blå\"\npopulation = -3\nnamn = 5\ndatum = 2011-04-15\nlista = [\"a\", 2]\n\
                    varden = { 2010 = \"x\", 2011 = 4 }\nfler = [\"a\"]\nurval = \"TODO\"\nurval2 = \"tolv\"\n";
        let source = SourceFile::new("d.toml", text);
        let table = DeTable::parse(text).unwrap();
        let found = check(&source, table.get_ref(), &schema, &|_| true);
        let lines: Vec<usize> = found.iter().map(|d| d.location.as_ref().unwrap().line).collect();
        assert_eq!(lines, [1, 2, 3, 5, 6, 9], "{found:#?}");
        assert!(found[0].message.starts_with("okänt värde `blå`"), "{}", found[0].message);
        assert!(found[2].message.starts_with("fel sorts värde: heltalet 5"), "{}", found[2].message);
        assert!(found[5].message.contains("\"tolv\""), "{}", found[5].message);
        assert!(found[5].message.contains("eller \"TODO\""), "{}", found[5].message);
    }
}
