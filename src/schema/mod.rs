//! The JSON Schemas of the file kinds, for this project.
//!
//! The schemas are generated from the raw model (`schemars`), then fitted to
//! the project: the quality areas a district file may hold, the area ids a
//! question or recommendation may name, the question ids a file review
//! may answer and the chapter ids a text may be written under
//! (`[kapitel.<id>]`) are the project's own, each with its name as hover
//! text. Then
//! `editor.rs` makes them readable to an editor. The loading gate judges
//! unknown keys by them, and `granska schema` prints them or writes them to
//! `schema/` for editors (taplo, i.e. Even Better TOML in VS Code);
//! `granska check` says when those files no longer match the project.

mod editor;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load;
use crate::model::raw::{RawAnnual, RawDistrict, RawReview, schema_of};
use crate::model::vocab::Area;
use crate::project::Project;

/// The folder of the written schemas, at the project root.
pub const DIR: &str = "schema";

/// A review question a district's file review may answer, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    /// The question, and the review it belongs to.
    pub doc: String,
}

/// A chapter a text may be written under, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterId {
    pub id: String,
    /// Its title, and where the outline is.
    pub doc: String,
}

/// The schema of every file kind, for one project.
#[derive(Debug, Clone)]
pub struct Schemas {
    pub review: Value,
    pub district: Value,
    pub annual: Value,
    pub config: Value,
}

impl Schemas {
    /// The schemas for a project with these quality areas.
    pub fn new(areas: &[Area]) -> Schemas {
        Schemas::for_project(areas, &[], &[])
    }

    /// The schemas for a project with these quality areas, questions and
    /// chapters that take a text.
    pub fn for_project(areas: &[Area], questions: &[Question], chapters: &[ChapterId]) -> Schemas {
        let mut review = schema_of::<RawReview>();
        let mut district = schema_of::<RawDistrict>();
        let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
        let docs: Vec<String> = areas
            .iter()
            .map(|a| match &a.description {
                Some(description) => format!("{}: {description}", a.name),
                None => a.name.clone(),
            })
            .collect();
        for schema in [&mut review, &mut district] {
            if let Some(property) = schema.pointer_mut("/properties/kapitel") {
                let known: serde_json::Map<String, Value> = chapters
                    .iter()
                    .map(|c| (c.id.clone(), json!({ "$ref": "#/definitions/RawSection", "description": c.doc })))
                    .collect();
                property["properties"] = Value::Object(known);
                // Known ids: an editor flags any other (`check` says why).
                if !chapters.is_empty() {
                    property["additionalProperties"] = Value::Bool(false);
                }
            }
        }
        restrict(&mut review, "RawQuestion", "kvalitetsomrade", &ids, &docs);
        restrict(&mut district, "RawRecommendation", "kvalitetsomrade", &ids, &docs);
        if !questions.is_empty() {
            let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
            let docs: Vec<String> = questions.iter().map(|q| q.doc.clone()).collect();
            restrict(&mut district, "RawResult", "fraga", &ids, &docs);
        }
        if let Some(property) = district.pointer_mut("/properties/kvalitetsomraden") {
            let properties: serde_json::Map<String, Value> = areas
                .iter()
                .zip(&docs)
                .map(|(a, doc)| (a.id.clone(), json!({ "$ref": "#/definitions/RawArea", "description": doc })))
                .collect();
            let description = property.get("description").cloned().unwrap_or(Value::Null);
            *property = json!({
                "type": "object",
                "description": description,
                "properties": properties,
                "required": ids,
                "additionalProperties": false,
            });
        }
        Schemas {
            review: editor::for_editors(review),
            district: editor::for_editors(district),
            annual: editor::for_editors(schema_of::<RawAnnual>()),
            config: editor::for_editors(crate::config::schema()),
        }
    }

    /// Every schema with its file name in `schema/`, as the file's text.
    pub fn files(&self) -> [(&'static str, String); 4] {
        let text = |schema: &Value| {
            serde_json::to_string_pretty(&editor::with_spellings(schema.clone())).expect("a schema serialises") + "\n"
        };
        [
            ("granskning.schema.json", text(&self.review)),
            ("distrikt.schema.json", text(&self.district)),
            ("projekt.schema.json", text(&self.config)),
            ("arsrapport.schema.json", text(&self.annual)),
        ]
    }
}

/// Restricts property `property` of definition `definition` to `ids`, each
/// explained by its entry in `docs`.
fn restrict(schema: &mut Value, definition: &str, property: &str, ids: &[&str], docs: &[String]) {
    let pointer = format!("/definitions/{definition}/properties/{property}");
    if let Some(property) = schema.pointer_mut(&pointer) {
        let description = property.get("description").cloned().unwrap_or(Value::Null);
        *property = json!({
            "type": "string",
            "enum": ids,
            "description": description,
            "x-taplo": { "docs": { "enumValues": docs } },
        });
    }
}

/// The chapters that take a text under `[kapitel.<id>]`: the project's
/// outline's and each review's own. A review whose outline does not load
/// adds none (`check` reports it).
pub fn chapters(project: &Project, config: &crate::config::Config) -> Vec<ChapterId> {
    let mut out = chapter_ids(&config.shape.outline, "granska.toml");
    let schema = Schemas::new(&config.areas).review;
    let (reviews, _) = project.reviews();
    for review in reviews {
        let Ok(loaded) = load::load::<RawReview>(project, &review.review, &schema, &mut Diagnostics::default()) else {
            continue;
        };
        if loaded.raw.disposition.is_empty() {
            continue;
        }
        let raw = crate::model::shape::RawShape { settings: None, outline: &loaded.raw.disposition, wording: None };
        let shape = crate::lint::shape(&config.shape, &raw, &loaded.source, &mut Vec::new());
        for id in chapter_ids(&shape.outline, &format!("{}/granskning.toml", review.id)) {
            if !out.iter().any(|c| c.id == id.id) {
                out.push(id);
            }
        }
    }
    out
}

/// The chapters of `outline` that take a text under `[kapitel.<id>]`, as
/// `place` writes them.
pub fn chapter_ids(outline: &crate::model::outline::Outline, place: &str) -> Vec<ChapterId> {
    use crate::model::outline::ChapterKind as K;
    outline
        .chapters
        .iter()
        .filter(|c| matches!(c.kind, K::Own | K::Areas | K::Recommendations | K::KeyFigures | K::Sources | K::FollowUp))
        .map(|c| {
            let title = c.title.clone().unwrap_or_else(|| c.kind.default_title().to_owned());
            let what = if c.kind == K::Own { "Kapitlets text" } else { "En inledande text till kapitlet" };
            ChapterId { id: c.id.clone(), doc: format!("{what} ”{title}” ({place}).") }
        })
        .collect()
}

/// The questions of every review in the project, in folder order, and
/// whether every review file loaded: one that does not adds none (`check`
/// reports it), so a schema made then is not the project's.
pub fn questions(project: &Project, areas: &[Area]) -> (Vec<Question>, bool) {
    let schema = Schemas::new(areas).review;
    let (reviews, _) = project.reviews();
    let mut out: Vec<Question> = Vec::new();
    let mut complete = true;
    for review in reviews {
        let Ok(loaded) = load::load::<RawReview>(project, &review.review, &schema, &mut Diagnostics::default()) else {
            complete = false;
            continue;
        };
        for question in &loaded.raw.granskningsfraga {
            let id = question.id.get_ref().trim().to_owned();
            let doc = format!("{} ({})", question.fraga.get_ref().trim(), review.id);
            match out.iter_mut().find(|q| q.id == id) {
                Some(known) => known.doc = format!("{}; {doc}", known.doc),
                None => out.push(Question { id, doc }),
            }
        }
    }
    (out, complete)
}

/// The files of `schema/` that differ from `schemas` (missing or changed),
/// when the project keeps its schemas there; nothing when it has no
/// `schema/` folder.
pub fn stale(root: &Path, schemas: &Schemas) -> Vec<PathBuf> {
    let dir = root.join(DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    schemas
        .files()
        .into_iter()
        .map(|(name, text)| (dir.join(name), text))
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
        .map(|(path, _)| path)
        .collect()
}

/// The warning for a stale schema file.
pub fn stale_warning(shown: &Path) -> Diagnostic {
    Diagnostic::file(
        Severity::Warning,
        shown,
        "schemat stämmer inte längre med projektet (kvalitetsområden, granskningsfrågor eller granskas version)",
    )
    .with_hint("kör `granska schema --skriv` så att editorn föreslår och kontrollerar rätt nycklar och värden")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::default_areas;

    #[test]
    fn district_schemas_list_the_projects_areas_and_questions_and_nothing_else() {
        let areas = vec![Area { id: "trygghet".into(), name: "Trygghet".into(), description: Some("Tryggt.".into()) }];
        let questions = [Question { id: "plan".into(), doc: "Finns en plan? (2024-x)".into() }];
        let chapters = [ChapterId { id: "analys".into(), doc: "Kapitlets text ”Analys”.".into() }];
        let schemas = Schemas::for_project(&areas, &questions, &chapters);
        let chapter = schemas.district.pointer("/properties/kapitel/properties/analys").unwrap();
        assert_eq!(chapter["description"], "Kapitlets text ”Analys”.");
        let property = schemas.district.pointer("/properties/kvalitetsomraden").unwrap();
        assert_eq!(property["additionalProperties"], false);
        assert_eq!(property["required"], json!(["trygghet"]));
        assert_eq!(property["properties"]["trygghet"]["description"], "Trygghet: Tryggt.");
        assert_eq!(property["properties"]["trygghet"]["type"], "object");
        let asked = schemas.review.pointer("/properties/granskningsfraga/items/properties/kvalitetsomrade").unwrap();
        assert_eq!(asked["enum"], json!(["trygghet"]));
        assert_eq!(asked["x-taplo"]["docs"]["enumValues"], json!(["Trygghet: Tryggt."]));
        let answered =
            schemas.district.pointer("/properties/aktgranskning/properties/resultat/items/properties/fraga").unwrap();
        assert_eq!(answered["enum"], json!(["plan"]));
        let default = Schemas::new(&default_areas());
        let recommended =
            default.district.pointer("/properties/rekommendation/items/properties/kvalitetsomrade/enum").unwrap();
        assert_eq!(recommended.as_array().unwrap().len(), 6);
        // Without questions, any id is allowed (check reports unknown ones).
        let free =
            default.district.pointer("/properties/aktgranskning/properties/resultat/items/properties/fraga").unwrap();
        assert_eq!(free["type"], "string");
        assert!(free.get("enum").is_none());
    }
}
