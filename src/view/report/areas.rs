//! The quality areas of a report, and the table of levels in its summary:
//! only the levels the findings state, only the headings the findings fill.

use serde::Serialize;

use super::parts::{self, PlacedView, ResultView};
use crate::markdown::Rich;
use crate::model::outline::Chapter;
use crate::model::shape::{Rates, Shape};
use crate::model::{AreaAssessment, District, Review};
use crate::view::headings::{HeadingView, Outliner};
use crate::view::{RatingView, plain, rich};

/// The quality-areas chapter's parts.
#[derive(Debug, Serialize)]
pub struct AreasView {
    /// A heading over the areas, when the outline gives one.
    pub omradesrubrik: Option<HeadingView>,
    pub omraden: Vec<AreaView>,
}

#[derive(Debug, Serialize)]
pub struct AreaView {
    pub nyckel: String,
    pub rubrik: HeadingView,
    /// Whether the area starts a new page (when areas are chapters of
    /// their own, as the outline says of the chapter).
    pub ny_sida: bool,
    /// What good quality means in the area, if the project says.
    pub beskrivning: Option<String>,
    /// The area's level, if it has one.
    pub niva: Option<RatingView>,
    /// The one-sentence summary.
    pub sammanfattning: Option<String>,
    /// What the inspectors saw: text, file-review results, placed tables.
    pub iakttagelser: Option<FindingsView>,
    pub bedomning: Option<AssessmentView>,
    /// The rated statements, when the area lists them (not when the
    /// summary table already does, unless the project asks for both).
    pub konstateranden: Vec<StatementView>,
    /// The statements' table's number.
    pub konstateranden_nr: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct FindingsView {
    /// "Iakttagelser", only when the area also has an assessment.
    pub rubrik: Option<HeadingView>,
    pub text: Option<Rich>,
    pub resultat: Vec<ResultView>,
    pub placerat: PlacedView,
}

#[derive(Debug, Serialize)]
pub struct AssessmentView {
    /// "Bedömning", only when the area also has findings.
    pub rubrik: Option<HeadingView>,
    pub text: Rich,
}

#[derive(Debug, Serialize)]
pub struct StatementView {
    pub niva: Option<RatingView>,
    pub text: Rich,
}

/// The table of levels in the summary.
#[derive(Debug, Serialize)]
pub struct LevelTableView {
    /// "Kvalitetsnivåer i korthet".
    pub rubrik: HeadingView,
    /// "omraden" (a row per area) or "konstateranden" (the statements,
    /// grouped by area).
    pub slag: &'static str,
    pub grupper: Vec<LevelGroupView>,
}

/// One area in the table of levels.
#[derive(Debug, Serialize)]
pub struct LevelGroupView {
    pub titel: String,
    /// The area's own level and summary (a row of its own).
    pub niva: Option<RatingView>,
    pub sammanfattning: Option<String>,
    /// Its rated statements.
    pub rader: Vec<StatementView>,
}

/// Whether the report has a table of levels: it rates, and something in it
/// has a level.
pub fn has_level_table(d: &District, shape: &Shape) -> bool {
    match shape.rates {
        Rates::Areas => !d.areas.is_empty(),
        Rates::Statements => {
            d.areas.iter().any(|a| a.rating.is_some() || a.statements.iter().any(|s| s.rating.is_some()))
        }
        Rates::Nothing => false,
    }
}

/// The table of levels, where the report rates.
pub fn level_table(d: &District, shape: &Shape, o: &mut Outliner) -> Option<LevelTableView> {
    if !has_level_table(d, shape) {
        return None;
    }
    let words = &shape.wording;
    let rubrik = o.heading(2, &plain(&words.nivaer_i_korthet), false);
    let (slag, grupper) = match shape.rates {
        Rates::Statements => {
            let groups = d
                .areas
                .iter()
                .filter(|a| a.rating.is_some() || !a.statements.is_empty())
                .map(|a| LevelGroupView {
                    titel: a.area.name.clone(),
                    niva: a.rating.filter(|_| a.statements.is_empty()).map(|r| RatingView::of(r, words)),
                    sammanfattning: a.summary.as_deref().filter(|_| a.statements.is_empty()).map(plain),
                    rader: statements(a, shape, o),
                })
                .collect();
            ("konstateranden", groups)
        }
        _ => {
            let groups = d
                .areas
                .iter()
                .map(|a| LevelGroupView {
                    titel: a.area.name.clone(),
                    niva: a.rating.map(|r| RatingView::of(r, words)),
                    sammanfattning: a.summary.as_deref().map(plain),
                    rader: Vec::new(),
                })
                .collect();
            ("omraden", groups)
        }
    };
    Some(LevelTableView { rubrik, slag, grupper })
}

fn statements(a: &AreaAssessment, shape: &Shape, o: &mut Outliner) -> Vec<StatementView> {
    a.statements
        .iter()
        .map(|s| StatementView {
            niva: s.rating.map(|r| RatingView::of(r, &shape.wording)),
            text: o.inline_text(rich(&s.text)),
        })
        .collect()
}

/// The areas chapter: each area at level 2 (or under the outline's heading
/// over them, or as chapters of their own).
pub fn areas(
    review: &Review,
    d: &District,
    shape: &Shape,
    chapter: &Chapter,
    o: &mut Outliner,
    numbered: bool,
) -> AreasView {
    let omradesrubrik = chapter.areas_heading.as_deref().map(|title| o.heading(2, &plain(title), numbered));
    let level = match (chapter.areas_as_chapters, omradesrubrik.is_some()) {
        (true, _) => 1,
        (false, false) => 2,
        (false, true) => 3,
    };
    let numbered = numbered || chapter.areas_as_chapters && shape.numbered;
    let new_page = chapter.areas_as_chapters && chapter.new_page;
    let omraden = d
        .areas
        .iter()
        .map(|a| AreaView { ny_sida: new_page, ..area(review, d, a, shape, level, numbered, o) })
        .collect();
    AreasView { omradesrubrik, omraden }
}

fn area(
    review: &Review,
    d: &District,
    a: &AreaAssessment,
    shape: &Shape,
    level: u8,
    numbered: bool,
    o: &mut Outliner,
) -> AreaView {
    let words = &shape.wording;
    let rubrik = o.heading(level, &a.area.name, numbered);
    let has_results = d.file_review.as_ref().is_some_and(|f| {
        f.results.iter().any(|r| review.question(&r.question).is_some_and(|q| q.area.id == a.area.id))
    });
    let has_findings = a.findings.is_some() || has_results || parts::has_placed(d, &a.area.id);
    let both = has_findings && a.assessment.is_some();
    let sub = |o: &mut Outliner, title: &str| both.then(|| o.heading(level + 1, &plain(title), numbered));
    let text_level = if both { level + 2 } else { level + 1 };
    let iakttagelser = has_findings.then(|| {
        let rubrik = sub(o, &words.iakttagelser);
        let text = a.findings.as_deref().map(|t| o.text(rich(t), text_level));
        let resultat = d.file_review.as_ref().map(|f| parts::area_results(review, f, &a.area.id, o));
        FindingsView {
            rubrik,
            text,
            resultat: resultat.unwrap_or_default(),
            placerat: parts::placed(d, &a.area.id, false, shape, o),
        }
    });
    let bedomning = a.assessment.as_deref().map(|t| {
        let rubrik = sub(o, &words.bedomning);
        AssessmentView { rubrik, text: o.text(rich(t), text_level) }
    });
    let listed = shape.statements_in_areas() && !a.statements.is_empty();
    let konstateranden_nr = listed.then(|| o.table());
    let konstateranden = if listed { statements(a, shape, o) } else { Vec::new() };
    AreaView {
        nyckel: a.area.id.clone(),
        rubrik,
        ny_sida: false,
        beskrivning: a.area.description.as_deref().map(plain),
        niva: a.rating.map(|r| RatingView::of(r, words)),
        sammanfattning: a.summary.as_deref().map(plain),
        iakttagelser,
        bedomning,
        konstateranden,
        konstateranden_nr,
    }
}
