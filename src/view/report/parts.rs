//! The parts a report's chapters are made of: the method chapter, facts,
//! tables and key figures (wherever they are placed), the file review and
//! its results, recommendations.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::markdown::{Rich, normalize};
use crate::model::outline::ChapterKind;
use crate::model::shape::Shape;
use crate::model::{
    Answers, BySex, Count, District, Fact, FileReview, Fill, KeyFigure, Review, Standing, Table, Value,
};
use crate::view::headings::{HeadingView, Outliner};
use crate::view::{RatingView, format, plain, rich};

/// The method chapter: how the review was made, its questions, the
/// reviewed unit and the file review. Each part has a sub-heading only
/// when the chapter has more than one part.
#[derive(Debug, Serialize)]
pub struct MethodView {
    pub genomforande: MethodTextView,
    pub fragor: Option<QuestionsView>,
    pub verksamhet: Option<SubjectPartView>,
    pub aktgranskning: Option<FileReviewView>,
}

#[derive(Debug, Serialize)]
pub struct MethodTextView {
    pub rubrik: Option<HeadingView>,
    pub text: Rich,
    pub metoddelar: Vec<MethodPartView>,
}

#[derive(Debug, Serialize)]
pub struct MethodPartView {
    pub titel: String,
    pub beskrivning: Rich,
    pub antal: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QuestionsView {
    pub rubrik: Option<HeadingView>,
    pub fragor: Vec<QuestionView>,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub fraga: String,
    pub omrade: String,
}

/// The reviewed district or units: description, facts and what is placed
/// with them.
#[derive(Debug, Serialize)]
pub struct SubjectPartView {
    pub rubrik: Option<HeadingView>,
    pub beskrivning: Option<Rich>,
    /// The district's facts.
    pub fakta: Option<FactsView>,
    /// In a report about several units: each unit.
    pub enheter: Vec<UnitView>,
    pub placerat: PlacedView,
}

#[derive(Debug, Serialize)]
pub struct UnitView {
    pub rubrik: HeadingView,
    pub forvaltning: Option<String>,
    pub beskrivning: Option<Rich>,
    pub fakta: Option<FactsView>,
}

/// A table of facts with its sources.
#[derive(Debug, Serialize)]
pub struct FactsView {
    /// Its number among the document's tables.
    pub nummer: u32,
    /// "Områdesfakta för Bromma".
    pub rubrik: String,
    pub rader: Vec<FactView>,
    /// The facts' sources, each once, with the facts it is the source of.
    pub kallor: Vec<FactSourceView>,
}

#[derive(Debug, Serialize)]
pub struct FactView {
    pub uppgift: String,
    /// The value with its unit, numbers formatted the Swedish way.
    pub varde: String,
    pub ar: Option<i32>,
}

#[derive(Debug, Serialize)]
pub struct FactSourceView {
    /// The facts, e.g. ["Folkmängd", "Arbetslöshet"].
    pub uppgifter: Vec<String>,
    pub kalla: Rich,
}

/// Tables and key figures placed somewhere (a chapter, an area, the
/// method).
#[derive(Debug, Default, Serialize)]
pub struct PlacedView {
    pub tabeller: Vec<TableView>,
    pub nyckeltal: Option<KeyFiguresView>,
}

impl PlacedView {
    pub fn is_empty(&self) -> bool {
        self.tabeller.is_empty() && self.nyckeltal.is_none()
    }
}

#[derive(Debug, Serialize)]
pub struct KeyFiguresView {
    /// Its number among the document's tables.
    pub nummer: u32,
    /// "Nyckeltal för Bromma", or "Nyckeltal".
    pub rubrik: String,
    /// The years that have any value, ascending.
    pub ar: Vec<i32>,
    pub rader: Vec<KeyFigureRow>,
    pub kallor: Vec<Rich>,
    /// The standings, for a legend; empty when no value has one.
    pub jamforelser: Vec<StandingView>,
}

#[derive(Debug, Serialize)]
pub struct KeyFigureRow {
    pub namn: String,
    pub enhet: Option<String>,
    /// One cell per year of [`KeyFiguresView::ar`].
    pub varden: Vec<KeyValueView>,
}

#[derive(Debug, Serialize)]
pub struct KeyValueView {
    /// The value the Swedish way; "–" where the year has none.
    pub text: String,
    /// The municipality's standing that year, if given.
    pub jamforelse: Option<StandingView>,
}

/// A standing among all municipalities: colour and word, never colour
/// alone.
#[derive(Debug, Clone, Serialize)]
pub struct StandingView {
    /// "bast", "mellan" or "samst".
    pub nyckel: &'static str,
    /// "Bäst", "Mellan", "Sämst", in the project's words.
    pub ord: String,
    /// "#rrggbb".
    pub farg: &'static str,
    /// "bland de 25 % bästa kommunerna" and so on.
    pub betydelse: &'static str,
}

impl StandingView {
    fn new(standing: Standing, shape: &Shape) -> StandingView {
        StandingView {
            nyckel: standing.key(),
            ord: shape.wording.standing(standing).to_owned(),
            farg: standing.colour(),
            betydelse: standing.meaning(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TableView {
    /// Its number among the document's tables.
    pub nummer: u32,
    pub rubrik: String,
    pub kolumner: Vec<String>,
    pub rader: Vec<Vec<CellView>>,
    pub kalla: Option<Rich>,
}

#[derive(Debug, Serialize)]
pub struct CellView {
    pub text: String,
    /// Numbers are right-aligned.
    pub tal: bool,
}

#[derive(Debug, Serialize)]
pub struct FileReviewView {
    pub rubrik: Option<HeadingView>,
    /// The numbers of its tables: the units' counts, the results.
    pub enheter_nr: Option<u32>,
    pub resultat_nr: Option<u32>,
    pub population: String,
    pub urval: String,
    pub granskade: SexTotals,
    pub beskrivning: Option<Rich>,
    /// In a report about several units: each unit's counts.
    pub enheter: Vec<UnitCountsView>,
    pub resultat: Vec<ResultView>,
}

#[derive(Debug, Serialize)]
pub struct UnitCountsView {
    pub namn: String,
    pub population: String,
    pub urval: String,
    pub granskade: SexTotals,
}

#[derive(Debug, Serialize)]
pub struct SexTotals {
    pub kvinnor: String,
    pub man: String,
    pub totalt: String,
}

impl SexTotals {
    fn of(reviewed: BySex<Fill<Count>>) -> SexTotals {
        let (women, men) = (reviewed.women.map(|c| u64::from(c.get())), reviewed.men.map(|c| u64::from(c.get())));
        SexTotals { kvinnor: format::count(women), man: format::count(men), totalt: format::count(women + men) }
    }
}

/// A count of the file review as shown.
fn count(n: Fill<Count>) -> String {
    format::count(n.map(|c| u64::from(c.get())))
}

#[derive(Debug, Serialize)]
pub struct ResultView {
    /// Its table's and chart's numbers, where it has its own (under its
    /// area).
    pub tabell_nr: Option<u32>,
    pub figur_nr: Option<u32>,
    pub fraga: String,
    pub omrade: String,
    /// The quality area's id, to place the result under its area.
    pub omrade_nyckel: String,
    pub kvinnor: AnswersView,
    pub man: AnswersView,
    pub totalt: AnswersView,
    /// The same three as rows: Kvinnor, Män, Totalt.
    pub rader: Vec<AnswersRow>,
    pub kommentar: Option<Rich>,
    /// The chart's alternative text, stating every number.
    pub diagram_alt: String,
}

#[derive(Debug, Serialize)]
pub struct AnswersRow {
    /// "Kvinnor", "Män" or "Totalt".
    pub grupp: &'static str,
    #[serde(flatten)]
    pub svar: AnswersView,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswersView {
    /// Counts as shown ("TODO" in a draft where one is still to fill in).
    pub ja: String,
    pub nej: String,
    pub ej_aktuellt: String,
    pub totalt: String,
    /// Files where the question applied (yes + no).
    pub bedomda: String,
    /// Share of "ja" among applicable files ("75 %"), "–" if none.
    pub andel_ja: String,
    /// The same share as a number 0–1 (0 when none or not known), for charts.
    pub andel: f64,
}

#[derive(Debug, Serialize)]
pub struct RecommendationView {
    pub nummer: usize,
    pub text: Rich,
    pub niva: Option<RatingView>,
    pub omrade: Option<String>,
}

/// The method chapter.
pub fn method(review: &Review, d: &District, shape: &Shape, o: &mut Outliner, numbered: bool) -> MethodView {
    let words = &shape.wording;
    let key_figures_here = !shape.outline.has(ChapterKind::KeyFigures);
    // A unit has a part of its own only when the findings say something
    // about it; the cover lists them all.
    let described = |u: &&crate::model::Unit| u.description.is_some() || !u.facts.is_empty();
    let has_subject = d.description.is_some()
        || !d.facts.is_empty()
        || d.units.iter().any(|u| described(&u))
        || d.tables.iter().any(|t| t.place.is_none())
        || (key_figures_here && d.key_figures.iter().any(|k| k.place.is_none()));
    let parts =
        1 + usize::from(!review.questions.is_empty()) + usize::from(has_subject) + usize::from(d.file_review.is_some());
    let sub = |o: &mut Outliner, title: &str| (parts > 1).then(|| o.heading(2, title, numbered));
    let level = if parts > 1 { 3 } else { 2 };

    let rubrik = sub(o, &words.genomforande);
    let genomforande = MethodTextView {
        rubrik,
        text: o.text(rich(&review.method), level),
        metoddelar: review
            .method_parts
            .iter()
            .map(|p| MethodPartView {
                titel: p.kind.title().to_owned(),
                beskrivning: o.inline_text(rich(&p.description)),
                antal: p.count.map(|c| format::count(c.map(u64::from))),
            })
            .collect(),
    };
    let fragor = (!review.questions.is_empty()).then(|| QuestionsView {
        rubrik: sub(o, &words.granskningsfragor),
        fragor: review
            .questions
            .iter()
            .map(|q| QuestionView { fraga: plain(&q.text), omrade: q.area.name.clone() })
            .collect(),
    });
    let verksamhet = has_subject.then(|| {
        let rubrik = sub(o, &words.granskad_verksamhet);
        let beskrivning = d.description.as_deref().map(|t| o.text(rich(t), level));
        let fakta = facts(&format!("Områdesfakta för {}", d.subject()), &d.facts, o);
        let enheter = d
            .units
            .iter()
            .filter(described)
            .map(|u| {
                let rubrik = o.heading(level, &plain(&u.name), false);
                UnitView {
                    rubrik,
                    forvaltning: u.administration.as_deref().map(plain),
                    beskrivning: u.description.as_deref().map(|t| o.text(rich(t), level + 1)),
                    fakta: facts(&format!("Fakta för {}", u.name), &u.facts, o),
                }
            })
            .collect();
        let placerat = placed_where(d, None, key_figures_here, shape, o);
        SubjectPartView { rubrik, beskrivning, fakta, enheter, placerat }
    });
    let aktgranskning = d.file_review.as_ref().map(|f| {
        let rubrik = sub(o, &words.aktgranskning);
        file_review(review, d, f, rubrik, o)
    });
    MethodView { genomforande, fragor, verksamhet, aktgranskning }
}

fn facts(title: &str, facts: &[Fact], o: &mut Outliner) -> Option<FactsView> {
    if facts.is_empty() {
        return None;
    }
    let nummer = o.table();
    let rader = facts
        .iter()
        .map(|f| {
            let value = value_text(&f.value);
            let varde = match &f.unit {
                Some(unit) => format!("{value}{}{}", format::NBSP, normalize::inline(unit)),
                None => value,
            };
            FactView { uppgift: plain(&f.label), varde: plain(&varde), ar: f.year }
        })
        .collect();
    // Each source once, in order of first use, with its facts.
    let mut sources: Vec<(&str, Vec<String>)> = Vec::new();
    for fact in facts {
        let Some(source) = fact.source.as_deref() else { continue };
        match sources.iter_mut().find(|(s, _)| *s == source) {
            Some((_, labels)) => labels.push(plain(&fact.label)),
            None => sources.push((source, vec![plain(&fact.label)])),
        }
    }
    let kallor = sources
        .into_iter()
        .map(|(source, uppgifter)| FactSourceView { uppgifter, kalla: o.inline_text(rich(source)) })
        .collect();
    Some(FactsView { nummer, rubrik: plain(title), rader, kallor })
}

/// Whether anything is placed at `place` (an area's or chapter's id).
pub fn has_placed(d: &District, place: &str) -> bool {
    d.tables.iter().any(|t| t.place.as_deref() == Some(place))
        || d.key_figures.iter().any(|k| k.place.as_deref() == Some(place))
}

/// What is placed at `place`; with `unplaced_key_figures`, also the key
/// figures that have no place of their own.
pub fn placed(d: &District, place: &str, unplaced_key_figures: bool, shape: &Shape, o: &mut Outliner) -> PlacedView {
    placed_where(d, Some(place), unplaced_key_figures, shape, o)
}

/// `place` `None` is the method's: the tables without a place.
fn placed_where(
    d: &District,
    place: Option<&str>,
    unplaced_key_figures: bool,
    shape: &Shape,
    o: &mut Outliner,
) -> PlacedView {
    let tabeller = d.tables.iter().filter(|t| t.place.as_deref() == place).map(|t| table(t, o)).collect();
    let figures: Vec<&KeyFigure> = d
        .key_figures
        .iter()
        .filter(|k| k.place.as_deref() == place || (unplaced_key_figures && k.place.is_none()))
        .collect();
    let rubrik = match &d.name {
        Some(name) => format!("Nyckeltal för {name}"),
        None => "Nyckeltal".to_owned(),
    };
    PlacedView { tabeller, nyckeltal: key_figures(&rubrik, &figures, shape, o) }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Integer(n) => format::integer(*n),
        Value::Decimal(x) => format::decimal(*x, 2),
        Value::Text(t) => t.clone(),
    }
}

fn key_figures(title: &str, figures: &[&KeyFigure], shape: &Shape, o: &mut Outliner) -> Option<KeyFiguresView> {
    if figures.is_empty() {
        return None;
    }
    let nummer = o.table();
    let years: BTreeSet<i32> = figures.iter().flat_map(|k| k.values.iter().map(|v| v.year)).collect();
    let rader = figures
        .iter()
        .map(|k| KeyFigureRow {
            namn: plain(&k.name),
            enhet: k.unit.as_deref().map(plain),
            varden: years
                .iter()
                .map(|y| match k.values.iter().find(|v| v.year == *y) {
                    Some(v) => KeyValueView {
                        text: format::decimal(v.value, 2),
                        jamforelse: v.standing.map(|s| StandingView::new(s, shape)),
                    },
                    None => KeyValueView { text: "–".to_owned(), jamforelse: None },
                })
                .collect(),
        })
        .collect();
    let kallor = figures
        .iter()
        .filter_map(|k| k.source.as_deref())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|s| o.inline_text(rich(s)))
        .collect();
    let any_standing = figures.iter().flat_map(|k| &k.values).any(|v| v.standing.is_some());
    let jamforelser = if any_standing {
        Standing::ALL.into_iter().map(|s| StandingView::new(s, shape)).collect()
    } else {
        Vec::new()
    };
    Some(KeyFiguresView { nummer, rubrik: plain(title), ar: years.into_iter().collect(), rader, kallor, jamforelser })
}

fn table(t: &Table, o: &mut Outliner) -> TableView {
    TableView {
        nummer: o.table(),
        rubrik: plain(&t.title),
        kolumner: t.columns.iter().map(|c| plain(c)).collect(),
        rader: t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| CellView { text: plain(&value_text(v)), tal: !matches!(v, Value::Text(_)) })
                    .collect()
            })
            .collect(),
        kalla: t.source.as_deref().map(|s| o.inline_text(rich(s))),
    }
}

fn file_review(
    review: &Review,
    d: &District,
    f: &FileReview,
    rubrik: Option<HeadingView>,
    o: &mut Outliner,
) -> FileReviewView {
    let beskrivning = f.description.as_deref().map(|t| o.inline_text(rich(t)));
    let enheter = d
        .units
        .iter()
        .filter_map(|u| {
            let f = u.file_review.as_ref()?;
            Some(UnitCountsView {
                namn: plain(&u.name),
                population: count(f.population),
                urval: count(f.sample),
                granskade: SexTotals::of(f.reviewed),
            })
        })
        .collect::<Vec<_>>();
    let enheter_nr = (!enheter.is_empty()).then(|| o.table());
    let resultat = results(review, f);
    let resultat_nr = (!resultat.is_empty()).then(|| o.table());
    FileReviewView {
        rubrik,
        enheter_nr,
        resultat_nr,
        population: count(f.population),
        urval: count(f.sample),
        granskade: SexTotals::of(f.reviewed),
        beskrivning,
        enheter,
        // The totals table in the method has no comments; they stand
        // with each question's table under its area.
        resultat,
    }
}

/// Each question's results, without comments (the totals, and the
/// answers by sex).
pub fn results(review: &Review, f: &FileReview) -> Vec<ResultView> {
    f.results
        .iter()
        .filter_map(|r| {
            let question = review.question(&r.question)?;
            Some(result(&question.text, &question.area.name, &question.area.id, r.answers, None))
        })
        .collect()
}

/// The results of the questions of area `area`, with their comments, as
/// the area shows them.
pub fn area_results(review: &Review, f: &FileReview, area: &str, o: &mut Outliner) -> Vec<ResultView> {
    f.results
        .iter()
        .filter_map(|r| {
            let question = review.question(&r.question).filter(|q| q.area.id == area)?;
            let (table, figure) = (o.table(), o.figure());
            let comment = r.comment.as_deref().map(|c| o.inline_text(rich(c)));
            let view = result(&question.text, &question.area.name, &question.area.id, r.answers, comment);
            Some(ResultView { tabell_nr: Some(table), figur_nr: Some(figure), ..view })
        })
        .collect()
}

pub fn gender_chart_alt(review: &Review, f: &FileReview) -> String {
    let parts: Vec<String> = f
        .results
        .iter()
        .filter_map(|r| {
            let question = review.question(&r.question)?;
            Some(format!(
                "”{}”: kvinnor {}, män {}",
                plain(&question.text),
                share_words(r.answers.women),
                share_words(r.answers.men)
            ))
        })
        .collect();
    format!("Stapeldiagram: andel ja per granskningsfråga för kvinnor och män. {}.", parts.join("; "))
}

/// One question's answers, by sex and in total.
pub(crate) fn result(
    question: &str,
    area: &str,
    area_id: &str,
    answers: BySex<Answers>,
    comment: Option<Rich>,
) -> ResultView {
    let total = answers.women + answers.men;
    let (women, men, all) = (answers_view(answers.women), answers_view(answers.men), answers_view(total));
    let alt = format!(
        "Stapeldiagram: andel ja för frågan ”{}”. Kvinnor: {} ({} av {}). Män: {} ({} av {}). Totalt: {} ({} av {}).",
        plain(question),
        share_words(answers.women),
        format::count(answers.women.yes),
        format::count(answers.women.applicable()),
        share_words(answers.men),
        format::count(answers.men.yes),
        format::count(answers.men.applicable()),
        share_words(total),
        format::count(total.yes),
        format::count(total.applicable()),
    );
    ResultView {
        tabell_nr: None,
        figur_nr: None,
        fraga: plain(question),
        omrade: area.to_owned(),
        omrade_nyckel: area_id.to_owned(),
        rader: vec![
            AnswersRow { grupp: "Kvinnor", svar: women.clone() },
            AnswersRow { grupp: "Män", svar: men.clone() },
            AnswersRow { grupp: "Totalt", svar: all.clone() },
        ],
        kvinnor: women,
        man: men,
        totalt: all,
        kommentar: comment,
        diagram_alt: alt,
    }
}

pub(crate) fn share_words(a: Answers) -> String {
    format::share(a.yes, a.applicable()).text(|p| p.unwrap_or_else(|| "inga bedömda akter".to_owned()))
}

fn answers_view(a: Answers) -> AnswersView {
    let applicable = a.applicable();
    AnswersView {
        ja: format::count(a.yes),
        nej: format::count(a.no),
        ej_aktuellt: format::count(a.not_applicable),
        totalt: format::count(a.total()),
        bedomda: format::count(applicable),
        andel_ja: format::share(a.yes, applicable).text(|p| p.unwrap_or_else(|| "–".to_owned())),
        andel: a
            .yes
            .zip_with(applicable, |yes, applicable| if applicable == 0 { 0.0 } else { yes as f64 / applicable as f64 })
            .given()
            .unwrap_or(0.0),
    }
}
