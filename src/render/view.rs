//! The template contract: what a Tera template sees of a report.
//!
//! View structs are built from the domain model and serialised into the Tera
//! context. Every string in them is already safe Typst for the place it is
//! meant for: fields documented as *markup* go inside content (`[...]` or
//! running text) and were escaped or converted from Markdown by
//! [`crate::markdown`]; fields documented as *literal* are complete Typst
//! string literals, quotes included, for use in code (`set document(...)`).
//! Templates therefore never escape anything themselves.

use std::collections::BTreeSet;

use serde::Serialize;

use super::followup::FollowUpView;
use super::format;
use crate::config::Config;
use crate::markdown::{self, escape, normalize};
use crate::model::{
    Answers, AreaAssessment, BySex, District, FileReview, KeyFigure, QualityArea, Rating, Review, Table, Value,
};

/// Typst markup, safe inside content.
pub type Markup = String;
/// A Typst string literal, quotes included.
pub type Literal = String;

/// Plain one-line text as markup.
pub(crate) fn plain(text: &str) -> Markup {
    escape::markup(&normalize::inline(text))
}

/// Plain one-line text as a string literal.
pub(crate) fn literal(text: &str) -> Literal {
    escape::string_literal(&normalize::inline(text))
}

/// Markdown text as markup.
pub(crate) fn rich(text: &str) -> Markup {
    markdown::to_typst(text)
}

/// The organisation's look, shared by every document kind.
#[derive(Debug, Serialize)]
pub struct StyleView {
    /// Literal colour for `rgb(...)`.
    pub accent: Literal,
    /// Literal font family for body text.
    pub brodtext: Literal,
    /// Literal font family for headings.
    pub rubriker: Literal,
    /// Markup: the organisation's name, if configured.
    pub organisation: Option<Markup>,
    /// Literal project path of the logo, e.g. "/bilder/logotyp.svg".
    pub logotyp: Option<Literal>,
    /// Literal alternative text of the logo.
    pub logotyp_alt: Literal,
}

impl StyleView {
    pub fn new(config: &Config) -> StyleView {
        let name = config.organisation.as_deref().unwrap_or("organisationen");
        StyleView {
            accent: literal(&config.accent),
            brodtext: literal(&config.body_font),
            rubriker: literal(&config.heading_font),
            organisation: config.organisation.as_deref().map(plain),
            logotyp: config.logo.as_deref().map(literal),
            logotyp_alt: literal(&format!("Logotyp för {name}")),
        }
    }
}

/// The whole context of one district report.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    pub granskning: ReviewView,
    pub distrikt: DistrictView,
    /// The three rating levels, for the legend.
    pub nivaer: Vec<RatingView>,
    /// In a follow-up review: then and now.
    pub uppfoljning: Option<FollowUpView>,
}

/// PDF metadata, as literals for `set document(...)`.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// Literal: "Granskning av ekonomiskt bistånd – Bromma".
    pub titel: Literal,
    /// Literal: the publisher.
    pub forfattare: Literal,
    /// Literal: one-sentence description (the PDF subject).
    pub amne: Literal,
    /// A Typst array of literals: service, district, diarienummer.
    pub nyckelord: String,
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub titel: Markup,
    pub verksamhet: Markup,
    pub diarienummer: Markup,
    pub period: Markup,
    /// Markup: "15 april 2011".
    pub datum: Markup,
    /// Markup: "2011-04-15".
    pub datum_iso: Markup,
    pub utgivare: Markup,
    pub mottagare: Markup,
    pub inspektorer: Vec<Markup>,
    pub kontaktperson: Option<Markup>,
    pub metod: Markup,
    pub metoddelar: Vec<MethodPartView>,
    pub fragor: Vec<QuestionView>,
}

#[derive(Debug, Serialize)]
pub struct MethodPartView {
    pub titel: Markup,
    pub beskrivning: Markup,
    pub antal: Option<Markup>,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub fraga: Markup,
    pub omrade: Markup,
}

#[derive(Debug, Serialize)]
pub struct DistrictView {
    pub namn: Markup,
    pub forvaltning: Markup,
    pub enhet: Markup,
    pub beskrivning: Option<Markup>,
    pub fakta: Vec<FactView>,
    pub nyckeltal: Option<KeyFiguresView>,
    pub tabeller: Vec<TableView>,
    pub aktgranskning: Option<FileReviewView>,
    pub kvalitetsomraden: Vec<AreaView>,
    pub barnrattsanalys: Markup,
    pub jamstalldhetsanalys: Markup,
    pub slutsatser: Markup,
    pub rekommendationer: Vec<RecommendationView>,
    /// Review-wide sources first, then the district's own.
    pub kallor: Vec<Markup>,
}

#[derive(Debug, Serialize)]
pub struct FactView {
    pub uppgift: Markup,
    /// Markup: the value with its unit, numbers formatted the Swedish way.
    pub varde: Markup,
    pub ar: Option<i32>,
    pub kalla: Option<Markup>,
}

#[derive(Debug, Serialize)]
pub struct KeyFiguresView {
    /// The years that have any value, ascending.
    pub ar: Vec<i32>,
    pub rader: Vec<KeyFigureRow>,
    pub kallor: Vec<Markup>,
}

#[derive(Debug, Serialize)]
pub struct KeyFigureRow {
    pub namn: Markup,
    pub enhet: Option<Markup>,
    /// One cell per year of [`KeyFiguresView::ar`]; "–" where missing.
    pub varden: Vec<Markup>,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    pub rubrik: Markup,
    pub kolumner: Vec<Markup>,
    pub rader: Vec<Vec<CellView>>,
    pub kalla: Option<Markup>,
}

#[derive(Debug, Serialize)]
pub struct CellView {
    pub text: Markup,
    /// Numbers are right-aligned.
    pub tal: bool,
}

#[derive(Debug, Serialize)]
pub struct FileReviewView {
    pub population: Markup,
    pub urval: Markup,
    pub granskade: SexTotals,
    pub beskrivning: Option<Markup>,
    pub resultat: Vec<ResultView>,
    /// Literal: alternative text of the chart comparing women and men,
    /// stating every share.
    pub konsdiagram_alt: Literal,
}

#[derive(Debug, Serialize)]
pub struct SexTotals {
    pub kvinnor: u32,
    pub man: u32,
    pub totalt: u32,
}

#[derive(Debug, Serialize)]
pub struct ResultView {
    pub fraga: Markup,
    pub omrade: Markup,
    /// The quality area's key, to place the result under its area.
    pub omrade_nyckel: &'static str,
    pub kvinnor: AnswersView,
    pub man: AnswersView,
    pub totalt: AnswersView,
    /// The same three as rows: Kvinnor, Män, Totalt.
    pub rader: Vec<AnswersRow>,
    pub kommentar: Option<Markup>,
    /// Literal: the chart's alternative text, stating every number.
    pub diagram_alt: Literal,
}

#[derive(Debug, Serialize)]
pub struct AnswersRow {
    /// Markup: "Kvinnor", "Män" or "Totalt".
    pub grupp: &'static str,
    #[serde(flatten)]
    pub svar: AnswersView,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswersView {
    pub ja: u32,
    pub nej: u32,
    pub ej_aktuellt: u32,
    pub totalt: u32,
    /// Markup: share of "ja" among applicable files ("75 %"), "–" if none.
    pub andel_ja: Markup,
    /// The same share as a number 0–1 (0 when none), for charts.
    pub andel: f64,
}

#[derive(Debug, Serialize)]
pub struct AreaView {
    pub nyckel: &'static str,
    pub titel: Markup,
    pub beskrivning: Markup,
    pub niva: RatingView,
    pub sammanfattning: Markup,
    pub iakttagelser: Markup,
    pub bedomning: Markup,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    /// "grön", "gul" or "röd".
    pub nyckel: &'static str,
    /// Markup: "Grön", "Gul", "Röd".
    pub ord: &'static str,
    /// Literal colour for `rgb(...)`.
    pub farg: Literal,
    pub betydelse: Markup,
}

#[derive(Debug, Serialize)]
pub struct RecommendationView {
    pub text: Markup,
    pub niva: RatingView,
    pub omrade: Markup,
}

impl ReportView {
    pub fn new(review: &Review, district: &District, config: &Config) -> ReportView {
        ReportView {
            stil: StyleView::new(config),
            dokument: DocumentView::new(review, district),
            granskning: ReviewView::new(review),
            distrikt: DistrictView::new(review, district),
            nivaer: Rating::ALL.into_iter().map(RatingView::new).collect(),
            uppfoljning: None,
        }
    }
}

impl DocumentView {
    fn new(review: &Review, district: &District) -> Self {
        let keywords = [&review.service, &district.name, &review.diarienummer];
        DocumentView {
            titel: literal(&format!("{} – {}", review.title, district.name)),
            forfattare: literal(&review.publisher),
            amne: literal(&format!(
                "{} vid {}, {}, diarienummer {}",
                review.title, district.administration, district.unit, review.diarienummer
            )),
            nyckelord: format!("({},)", keywords.map(|k| literal(k)).join(", ")),
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
            datum: plain(&review.published.long()),
            datum_iso: plain(&review.published.to_string()),
            utgivare: plain(&review.publisher),
            mottagare: plain(&review.recipient),
            inspektorer: review.inspectors.iter().map(|i| plain(i)).collect(),
            kontaktperson: review.contact.as_deref().map(plain),
            metod: rich(&review.method),
            metoddelar: review
                .method_parts
                .iter()
                .map(|p| MethodPartView {
                    titel: plain(p.kind.title()),
                    beskrivning: rich(&p.description),
                    antal: p.count.map(|c| plain(&format::integer(c.into()))),
                })
                .collect(),
            fragor: review
                .questions
                .iter()
                .map(|q| QuestionView { fraga: plain(&q.text), omrade: plain(q.area.title()) })
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
                    omrade: plain(r.area.title()),
                })
                .collect(),
            kallor: review.sources.iter().chain(&district.sources).map(|s| rich(s)).collect(),
        }
    }
}

impl RatingView {
    pub fn new(rating: Rating) -> Self {
        RatingView {
            nyckel: rating.key(),
            ord: rating.word(),
            farg: literal(rating.colour()),
            betydelse: plain(rating.meaning()),
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

fn key_figures(figures: &[KeyFigure]) -> Option<KeyFiguresView> {
    if figures.is_empty() {
        return None;
    }
    let years: BTreeSet<i32> = figures.iter().flat_map(|k| k.values.iter().map(|(y, _)| *y)).collect();
    let rader = figures
        .iter()
        .map(|k| KeyFigureRow {
            namn: plain(&k.name),
            enhet: k.unit.as_deref().map(plain),
            varden: years
                .iter()
                .map(|y| match k.values.iter().find(|(year, _)| year == y) {
                    Some((_, v)) => plain(&format::decimal(*v, 2)),
                    None => "–".to_owned(),
                })
                .collect(),
        })
        .collect();
    let kallor =
        figures.iter().filter_map(|k| k.source.as_deref()).collect::<BTreeSet<_>>().into_iter().map(rich).collect();
    Some(KeyFiguresView { ar: years.into_iter().collect(), rader, kallor })
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
    FileReviewView {
        population: plain(&format::integer(f.population.into())),
        urval: plain(&format::integer(f.sample.into())),
        granskade: SexTotals {
            kvinnor: f.reviewed.women,
            man: f.reviewed.men,
            totalt: f.reviewed.women + f.reviewed.men,
        },
        beskrivning: f.description.as_deref().map(rich),
        resultat: f
            .results
            .iter()
            .filter_map(|r| {
                let question = review.question(&r.question)?;
                Some(result(&question.text, question.area, r.answers, r.comment.as_deref()))
            })
            .collect(),
        konsdiagram_alt: literal(&gender_chart_alt(review, f)),
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
                normalize::inline(&question.text),
                share_words(r.answers.women),
                share_words(r.answers.men)
            ))
        })
        .collect();
    format!("Stapeldiagram: andel ja per granskningsfråga för kvinnor och män. {}.", parts.join("; "))
}

pub(crate) fn result(question: &str, area: QualityArea, answers: BySex<Answers>, comment: Option<&str>) -> ResultView {
    let total = Answers {
        yes: answers.women.yes + answers.men.yes,
        no: answers.women.no + answers.men.no,
        not_applicable: answers.women.not_applicable + answers.men.not_applicable,
    };
    let (women, men, all) = (answers_view(answers.women), answers_view(answers.men), answers_view(total));
    let alt = format!(
        "Stapeldiagram: andel ja för frågan ”{}”. Kvinnor: {} ({} av {}). Män: {} ({} av {}). Totalt: {} ({} av {}).",
        normalize::inline(question),
        share_words(answers.women),
        answers.women.yes,
        answers.women.yes + answers.women.no,
        share_words(answers.men),
        answers.men.yes,
        answers.men.yes + answers.men.no,
        share_words(total),
        total.yes,
        total.yes + total.no,
    );
    ResultView {
        fraga: plain(question),
        omrade: plain(area.title()),
        omrade_nyckel: area.key(),
        rader: vec![
            AnswersRow { grupp: "Kvinnor", svar: women.clone() },
            AnswersRow { grupp: "Män", svar: men.clone() },
            AnswersRow { grupp: "Totalt", svar: all.clone() },
        ],
        kvinnor: women,
        man: men,
        totalt: all,
        kommentar: comment.map(rich),
        diagram_alt: literal(&alt),
    }
}

pub(crate) fn share_words(a: Answers) -> String {
    format::percent(a.yes, a.yes + a.no).unwrap_or_else(|| "inga bedömda akter".to_owned())
}

fn answers_view(a: Answers) -> AnswersView {
    let applicable = a.yes + a.no;
    AnswersView {
        ja: a.yes,
        nej: a.no,
        ej_aktuellt: a.not_applicable,
        totalt: a.total(),
        andel_ja: plain(&format::percent(a.yes, applicable).unwrap_or_else(|| "–".to_owned())),
        andel: if applicable == 0 { 0.0 } else { f64::from(a.yes) / f64::from(applicable) },
    }
}

fn area(a: &AreaAssessment) -> AreaView {
    AreaView {
        nyckel: a.area.key(),
        titel: plain(a.area.title()),
        beskrivning: plain(a.area.description()),
        niva: RatingView::new(a.rating),
        sammanfattning: plain(&a.summary),
        iakttagelser: rich(&a.findings),
        bedomning: rich(&a.assessment),
    }
}
