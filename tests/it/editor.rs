//! The editor's side: the JSON Schemas in `schema/` that taplo (Even
//! Better TOML) reads through each file's `#:schema` line. They are the
//! project's own (its areas and question ids), written by `granska schema
//! --skriv` and by `new`, shaped so that a validator names the wrong key or
//! value, and `check` says when they are stale. (taplo itself runs in
//! tests/editor.sh.)

use std::fs;

use serde_json::Value;

use crate::common::{Fixture, run_in};

fn schema(fixture: &Fixture, kind: &str) -> Value {
    serde_json::from_str(&fixture.read(&format!("schema/{kind}.schema.json"))).unwrap()
}

/// Every sub-schema, with its JSON pointer.
fn nodes<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            out.push((at.clone(), value));
            for (key, child) in map {
                nodes(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                nodes(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn schemas_have_no_null_branches_and_close_every_table_and_explain_every_word() {
    let fixture = Fixture::solvik();
    fixture.run(&["schema", "--skriv"]).assert_ok();
    for kind in ["granskning", "distrikt", "projekt", "arsrapport"] {
        let schema = schema(&fixture, kind);
        let text = schema.to_string();
        for absent in ["\"null\"", "$ref", "definitions"] {
            assert!(!text.contains(absent), "{kind}: {absent}");
        }
        let mut all = Vec::new();
        nodes(&schema, String::new(), &mut all);
        for (at, node) in all {
            if node.get("properties").is_some_and(Value::is_object) && !at.ends_with("/properties") {
                assert_eq!(node["additionalProperties"], false, "{kind}{at}");
            }
            // A word list offers its words, each explained, and takes
            // the other spellings `check` reads (`"Gul"`); the `else`
            // branch only checks.
            if let Some(values) = node.get("enum").and_then(Value::as_array).filter(|_| !at.ends_with("/else")) {
                let docs = node.pointer("/x-taplo/docs/enumValues").and_then(Value::as_array);
                assert_eq!(docs.map(Vec::len), Some(values.len()), "{kind}{at}: every value explained");
                let list = at.strip_suffix("/anyOf/0").unwrap_or_else(|| panic!("{kind}{at}: a word list is offered"));
                let list = schema.pointer(list).unwrap();
                assert_eq!(list["else"]["enum"], Value::Array(values.clone()), "{kind}{at}");
                let pattern = list["if"]["pattern"].as_str().unwrap();
                let other = values[0].as_str().unwrap().to_uppercase();
                assert!(fancy_regex::Regex::new(pattern).unwrap().is_match(&other).unwrap(), "{kind}{at}: {other}");
            }
        }
    }
}

#[test]
fn the_written_schemas_are_the_projects_own() {
    let fixture = Fixture::solvik();
    fs::remove_dir_all(fixture.file("schema")).unwrap();
    let run = fixture.run(&["schema", "--skriv"]);
    run.assert_ok();
    assert!(run.stdout.contains("skrev schema/distrikt.schema.json"), "{}", run.stdout);
    let district = schema(&fixture, "distrikt");
    // Solvik's own five areas, each required and explained by its name.
    let areas = &district["properties"]["kvalitetsomraden"];
    let required: Vec<&str> = areas["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required.len(), 5, "{required:?}");
    assert!(required.contains(&"rattssakerhet"));
    assert!(areas["properties"]["rattssakerhet"]["description"].as_str().unwrap().starts_with("Rättssäkerhet"));
    // The review's question ids, with the question as the hover text.
    let answered =
        district.pointer("/properties/aktgranskning/properties/resultat/items/properties/fraga/anyOf/0").unwrap();
    let ids: Vec<&str> = answered["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(ids.contains(&"utredning") && ids.contains(&"avslag"), "{ids:?}");
    let i = ids.iter().position(|id| *id == "avslag").unwrap();
    let doc = answered["x-taplo"]["docs"]["enumValues"][i].as_str().unwrap();
    assert!(doc.starts_with("Är avslagsbeslut motiverade"), "{doc}");
    // Written again, nothing changes.
    let again = fixture.run(&["schema", "--skriv"]);
    assert!(again.stdout.contains("redan aktuella"), "{}", again.stdout);
    // Printing one kind gives the same text.
    assert_eq!(fixture.run(&["schema", "distrikt"]).stdout, fixture.read("schema/distrikt.schema.json"));
}

#[test]
fn check_warns_when_the_schemas_no_longer_match_the_project_and_still_passes() {
    let fixture = Fixture::solvik();
    let clean = fixture.run(&["check"]);
    clean.assert_ok();
    assert!(!clean.stderr.contains("schema"), "{}", clean.stderr);
    let review = "findings/2024-ekonomiskt-bistand/granskning.toml";
    let text = fixture.read(review);
    fixture.write(
        review,
        &format!("{text}\n[[granskningsfraga]]\nid = \"ny_fraga\"\nfraga = \"En ny fråga?\"\nkvalitetsomrade = \"rattssakerhet\"\n"),
    );
    let stale = fixture.run(&["check"]);
    stale.assert_ok();
    assert!(
        stale.stderr.contains("schema/distrikt.schema.json: varning: schemat stämmer inte längre"),
        "{}",
        stale.stderr
    );
    assert!(stale.stderr.contains("granska schema --skriv"));
    assert!(!stale.stderr.contains("schema/projekt.schema.json"), "only what changed: {}", stale.stderr);
    fixture.run(&["schema", "--skriv"]).assert_ok();
    assert!(fixture.read("schema/distrikt.schema.json").contains("ny_fraga"));
    assert!(!fixture.run(&["check"]).stderr.contains("schema"));
}

#[test]
fn new_files_point_to_the_schemas_and_new_writes_them() {
    let fixture = Fixture::empty();
    fixture.run(&["new-granskning", "2026-hemtjanst"]).assert_ok();
    let review = fixture.read("findings/2026-hemtjanst/granskning.toml");
    assert!(review.starts_with("#:schema ../../schema/granskning.schema.json\n"), "{review}");
    assert!(fixture.file("schema/granskning.schema.json").is_file());
    fixture.run(&["new", "2026-hemtjanst", "Norr"]).assert_ok();
    let district = fixture.read("findings/2026-hemtjanst/norr.toml");
    assert!(district.starts_with("#:schema ../../schema/distrikt.schema.json\n"), "{district}");
    assert!(fixture.file("schema/distrikt.schema.json").is_file());
}

#[test]
fn outside_a_project_the_schemas_are_the_defaults_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let printed = run_in(dir.path(), &["schema", "distrikt"]);
    printed.assert_ok();
    let schema: Value = serde_json::from_str(&printed.stdout).unwrap();
    let areas = schema["properties"]["kvalitetsomraden"]["required"].as_array().unwrap();
    assert_eq!(areas.len(), 6, "the six areas of Socialstyrelsen and SKR");
    let write = run_in(dir.path(), &["schema", "--skriv"]);
    assert_eq!(write.code, 1);
    assert!(write.stderr.contains("inget projekt"), "{}", write.stderr);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}
