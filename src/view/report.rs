//! The view of a district report (*granskningsrapport*), and of a follow-up
//! report, which is a district report with a comparison to the earlier one.

use std::collections::BTreeSet;

use serde::Serialize;

use super::followup::FollowUpView;
use super::{DocumentView, LegendView, RatingView, Rich, StyleView, format, plain, rich};
use crate::config::Config;
use crate::markdown::normalize;
use crate::model::{
    Answers, AreaAssessment, BySex, District, Fact, FileReview, KeyFigure, Review, Standing, SummaryTable, Table, Value,
};

/// The whole context of one district report.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    pub granskning: ReviewView,
    pub distrikt: DistrictView,
    /// What the summary table lists: "omraden" (a row per area) or
    /// "konstateranden" (every rated statement, grouped by area).
    pub sammanfattningstabell: &'static str,
    /// The three rating levels, for the legend.
    pub nivaer: Vec<LegendView>,
    /// In a follow-up review: then and now.
    pub uppfoljning: Option<FollowUpView>,
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub titel: String,
    pub verksamhet: String,
    pub diarienummer: String,
    pub period: String,
    /// "15 april 2011".
    pub datum: String,
    /// "2011-04-15".
    pub datum_iso: String,
    pub utgivare: String,
    pub mottagare: String,
    pub inspektorer: Vec<String>,
    pub kontaktperson: Option<String>,
    pub metod: Rich,
    pub metoddelar: Vec<MethodPartView>,
    pub fragor: Vec<QuestionView>,
}

#[derive(Debug, Serialize)]
pub struct MethodPartView {
    pub titel: String,
    pub beskrivning: Rich,
    pub antal: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub fraga: String,
    pub omrade: String,
}

#[derive(Debug, Serialize)]
pub struct DistrictView {
    pub namn: String,
    pub forvaltning: String,
    pub enhet: String,
    /// The report's summary, first in the report.
    pub sammanfattning: Option<Rich>,
    /// The district's introduction, or else the review's.
    pub inledning: Option<Rich>,
    pub beskrivning: Option<Rich>,
    pub fakta: Vec<FactView>,
    /// The facts' sources, each once, with the facts it is the source of.
    pub faktakallor: Vec<FactSourceView>,
    pub nyckeltal: Option<KeyFiguresView>,
    pub tabeller: Vec<TableView>,
    pub aktgranskning: Option<FileReviewView>,
    pub kvalitetsomraden: Vec<AreaView>,
    pub barnrattsanalys: Rich,
    pub jamstalldhetsanalys: Rich,
    pub slutsatser: Rich,
    pub rekommendationer: Vec<RecommendationView>,
    /// Review-wide sources first, then the district's own.
    pub kallor: Vec<Rich>,
}

#[derive(Debug, Serialize)]
pub struct FactView {
    pub uppgift: String,
    /// The value with its unit, numbers formatted the Swedish way.
    pub varde: String,
    pub ar: Option<i32>,
    pub kalla: Option<Rich>,
}

#[derive(Debug, Serialize)]
pub struct FactSourceView {
    /// The facts, e.g. ["Folkmängd", "Arbetslöshet"].
    pub uppgifter: Vec<String>,
    pub kalla: Rich,
}

#[derive(Debug, Serialize)]
pub struct KeyFiguresView {
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
    /// "Bäst", "Mellan", "Sämst".
    pub ord: &'static str,
    /// "#rrggbb".
    pub farg: &'static str,
    /// "bland de 25 % bästa kommunerna" and so on.
    pub betydelse: &'static str,
}

impl StandingView {
    fn new(standing: Standing) -> StandingView {
        StandingView {
            nyckel: standing.key(),
            ord: standing.word(),
            farg: standing.colour(),
            betydelse: standing.meaning(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TableView {
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
    pub population: String,
    pub urval: String,
    pub granskade: SexTotals,
    pub beskrivning: Option<Rich>,
    pub resultat: Vec<ResultView>,
    /// Alternative text of the chart comparing women and men, stating every
    /// share.
    pub konsdiagram_alt: String,
}

#[derive(Debug, Serialize)]
pub struct SexTotals {
    pub kvinnor: u64,
    pub man: u64,
    pub totalt: u64,
}

#[derive(Debug, Serialize)]
pub struct ResultView {
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
    pub ja: u64,
    pub nej: u64,
    pub ej_aktuellt: u64,
    pub totalt: u64,
    /// Files where the question applied (yes + no).
    pub bedomda: u64,
    /// Share of "ja" among applicable files ("75 %"), "–" if none.
    pub andel_ja: String,
    /// The same share as a number 0–1 (0 when none), for charts.
    pub andel: f64,
}

#[derive(Debug, Serialize)]
pub struct AreaView {
    pub nyckel: String,
    pub titel: String,
    pub beskrivning: String,
    pub niva: RatingView,
    pub sammanfattning: Option<String>,
    pub iakttagelser: Option<Rich>,
    pub bedomning: Option<Rich>,
    /// The rated statements, in order.
    pub konstateranden: Vec<StatementView>,
}

#[derive(Debug, Serialize)]
pub struct StatementView {
    pub niva: RatingView,
    pub text: Rich,
}

#[derive(Debug, Serialize)]
pub struct RecommendationView {
    pub text: Rich,
    pub niva: RatingView,
    pub omrade: String,
}

impl ReportView {
    /// The report of `district`; `earlier` is the review it follows up and
    /// that review's report of the same district, if any.
    pub fn new(
        review: &Review,
        district: &District,
        earlier: Option<(&Review, &District)>,
        config: &Config,
    ) -> ReportView {
        let title = format!("{} – {}", review.title, district.name);
        let subject = format!(
            "{} vid {}, {}, diarienummer {}",
            review.title, district.administration, district.unit, review.diarienummer
        );
        ReportView {
            stil: StyleView::new(config),
            dokument: DocumentView::new(
                &title,
                &review.publisher,
                &subject,
                &[&review.service, &district.name, &review.diarienummer],
            ),
            granskning: ReviewView::new(review),
            distrikt: DistrictView::new(review, district),
            sammanfattningstabell: match config.summary_table {
                SummaryTable::Areas => "omraden",
                SummaryTable::Statements => "konstateranden",
            },
            nivaer: LegendView::all(config),
            uppfoljning: earlier.map(|(then_review, then)| FollowUpView::new(then_review, then, review, district)),
        }
    }
}

impl ReviewView {
    pub(crate) fn new(review: &Review) -> Self {
        ReviewView {
            titel: plain(&review.title),
            verksamhet: plain(&review.service),
            diarienummer: plain(&review.diarienummer),
            period: plain(&review.period),
            datum: review.published.long(),
            datum_iso: review.published.to_string(),
            utgivare: plain(&review.publisher),
            mottagare: plain(&review.recipient),
            inspektorer: review.inspectors.iter().map(|i| plain(i)).collect(),
            kontaktperson: review.contact.as_deref().map(plain),
            metod: rich(&review.method),
            metoddelar: review
                .method_parts
                .iter()
                .map(|p| MethodPartView {
                    titel: p.kind.title().to_owned(),
                    beskrivning: rich(&p.description),
                    antal: p.count.map(|c| format::integer(c.into())),
                })
                .collect(),
            fragor: review
                .questions
                .iter()
                .map(|q| QuestionView { fraga: plain(&q.text), omrade: q.area.name.clone() })
                .collect(),
        }
    }
}

impl DistrictView {
    fn new(review: &Review, district: &District) -> Self {
        DistrictView {
            namn: plain(&district.name),
            forvaltning: plain(&district.administration),
            enhet: plain(&district.unit),
            sammanfattning: district.summary.as_deref().map(rich),
            inledning: district.introduction.as_ref().or(review.introduction.as_ref()).map(|t| rich(t)),
            beskrivning: district.description.as_deref().map(rich),
            fakta: district
                .facts
                .iter()
                .map(|f| {
                    let value = value_text(&f.value);
                    let varde = match &f.unit {
                        Some(unit) => format!("{value}{}{}", format::NBSP, normalize::inline(unit)),
                        None => value,
                    };
                    FactView {
                        uppgift: plain(&f.label),
                        varde: plain(&varde),
                        ar: f.year,
                        kalla: f.source.as_deref().map(rich),
                    }
                })
                .collect(),
            faktakallor: fact_sources(&district.facts),
            nyckeltal: key_figures(&district.key_figures),
            tabeller: district.tables.iter().map(table).collect(),
            aktgranskning: district.file_review.as_ref().map(|f| file_review(review, f)),
            kvalitetsomraden: district.areas.iter().map(area).collect(),
            barnrattsanalys: rich(&district.child_rights),
            jamstalldhetsanalys: rich(&district.gender_equality),
            slutsatser: rich(&district.conclusions),
            rekommendationer: district
                .recommendations
                .iter()
                .map(|r| RecommendationView {
                    text: rich(&r.text),
                    niva: RatingView::new(r.rating),
                    omrade: r.area.name.clone(),
                })
                .collect(),
            kallor: review.sources.iter().chain(&district.sources).map(|s| rich(s)).collect(),
        }
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Integer(n) => format::integer(*n),
        Value::Decimal(x) => format::decimal(*x, 2),
        Value::Text(t) => t.clone(),
    }
}

/// Each source of the facts once, in order of first use, with its facts.
fn fact_sources(facts: &[Fact]) -> Vec<FactSourceView> {
    let mut sources: Vec<(&str, Vec<String>)> = Vec::new();
    for fact in facts {
        let Some(source) = fact.source.as_deref() else { continue };
        match sources.iter_mut().find(|(s, _)| *s == source) {
            Some((_, labels)) => labels.push(plain(&fact.label)),
            None => sources.push((source, vec![plain(&fact.label)])),
        }
    }
    sources.into_iter().map(|(source, uppgifter)| FactSourceView { uppgifter, kalla: rich(source) }).collect()
}

fn key_figures(figures: &[KeyFigure]) -> Option<KeyFiguresView> {
    if figures.is_empty() {
        return None;
    }
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
                        jamforelse: v.standing.map(StandingView::new),
                    },
                    None => KeyValueView { text: "–".to_owned(), jamforelse: None },
                })
                .collect(),
        })
        .collect();
    let kallor =
        figures.iter().filter_map(|k| k.source.as_deref()).collect::<BTreeSet<_>>().into_iter().map(rich).collect();
    let any_standing = figures.iter().flat_map(|k| &k.values).any(|v| v.standing.is_some());
    let jamforelser =
        if any_standing { Standing::ALL.into_iter().map(StandingView::new).collect() } else { Vec::new() };
    Some(KeyFiguresView { ar: years.into_iter().collect(), rader, kallor, jamforelser })
}

fn table(t: &Table) -> TableView {
    TableView {
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
        kalla: t.source.as_deref().map(rich),
    }
}

fn file_review(review: &Review, f: &FileReview) -> FileReviewView {
    let (women, men) = (u64::from(f.reviewed.women.get()), u64::from(f.reviewed.men.get()));
    FileReviewView {
        population: format::integer(f.population.get().into()),
        urval: format::integer(f.sample.get().into()),
        granskade: SexTotals { kvinnor: women, man: men, totalt: women + men },
        beskrivning: f.description.as_deref().map(rich),
        resultat: f
            .results
            .iter()
            .filter_map(|r| {
                let question = review.question(&r.question)?;
                Some(result(&question.text, &question.area.name, &question.area.id, r.answers, r.comment.as_deref()))
            })
            .collect(),
        konsdiagram_alt: gender_chart_alt(review, f),
    }
}

fn gender_chart_alt(review: &Review, f: &FileReview) -> String {
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
    comment: Option<&str>,
) -> ResultView {
    let total = answers.women + answers.men;
    let (women, men, all) = (answers_view(answers.women), answers_view(answers.men), answers_view(total));
    let alt = format!(
        "Stapeldiagram: andel ja för frågan ”{}”. Kvinnor: {} ({} av {}). Män: {} ({} av {}). Totalt: {} ({} av {}).",
        plain(question),
        share_words(answers.women),
        answers.women.yes,
        answers.women.applicable(),
        share_words(answers.men),
        answers.men.yes,
        answers.men.applicable(),
        share_words(total),
        total.yes,
        total.applicable(),
    );
    ResultView {
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
        kommentar: comment.map(rich),
        diagram_alt: alt,
    }
}

pub(crate) fn share_words(a: Answers) -> String {
    format::percent(a.yes, a.applicable()).unwrap_or_else(|| "inga bedömda akter".to_owned())
}

fn answers_view(a: Answers) -> AnswersView {
    let applicable = a.applicable();
    AnswersView {
        ja: a.yes,
        nej: a.no,
        ej_aktuellt: a.not_applicable,
        totalt: a.total(),
        bedomda: applicable,
        andel_ja: format::percent(a.yes, applicable).unwrap_or_else(|| "–".to_owned()),
        andel: if applicable == 0 { 0.0 } else { a.yes as f64 / applicable as f64 },
    }
}

fn area(a: &AreaAssessment) -> AreaView {
    AreaView {
        nyckel: a.area.id.clone(),
        titel: a.area.name.clone(),
        beskrivning: a.area.description.clone(),
        niva: RatingView::new(a.rating),
        sammanfattning: a.summary.as_deref().map(plain),
        iakttagelser: a.findings.as_deref().map(rich),
        bedomning: a.assessment.as_deref().map(rich),
        konstateranden: a
            .statements
            .iter()
            .map(|s| StatementView { niva: RatingView::new(s.rating), text: rich(&s.text) })
            .collect(),
    }
}
