//! The checked domain model: a [`Review`] and its [`District`]s, built from
//! the raw TOML types once the lint stage has found no errors.
//!
//! Domain types carry no source spans and no optional sections that must be
//! present: what the templates see is complete by construction.

pub mod raw;
pub mod vocab;

use std::fmt;

pub use raw::Value;
use raw::{RawAnswers, RawDistrict, RawReview};
pub use vocab::{MethodKind, QualityArea, Rating, Status};

/// A calendar date (no time, no zone: reports are dated by day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

impl Date {
    /// Takes the date part of a TOML datetime; `None` if there is none or it
    /// is not a real calendar date.
    pub fn from_toml(value: &toml::value::Datetime) -> Option<Date> {
        let d = value.date?;
        let date = Date { year: i32::from(d.year), month: d.month, day: d.day };
        (value.time.is_none() && date.is_valid()).then_some(date)
    }

    fn is_valid(self) -> bool {
        let leap = self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day)
    }

    /// "15 april 2011", as Swedish running text writes dates.
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year)
    }
}

/// ISO 8601, as Swedish tables write dates: "2011-04-15".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An annual report's own texts (*årsrapport*); its reviews are those
/// published in `year`.
#[derive(Debug, Clone)]
pub struct Annual {
    pub year: i32,
    pub title: String,
    pub diarienummer: String,
    pub published: Date,
    pub publisher: String,
    pub recipient: String,
    /// Markdown.
    pub introduction: String,
    /// Markdown: the plan for next year.
    pub plan: String,
}

impl Annual {
    /// `None` only if the date is not a date (reported by lint first).
    pub fn from_raw(year: i32, raw: &raw::RawAnnual) -> Option<Annual> {
        Some(Annual {
            year,
            title: raw.titel.as_ref().map_or_else(|| format!("Socialtjänstinspektörernas årsrapport {year}"), text),
            diarienummer: text(&raw.diarienummer),
            published: Date::from_toml(raw.publiceringsdatum.get_ref())?,
            publisher: text(&raw.utgivare),
            recipient: text(&raw.mottagare),
            introduction: text(&raw.inledning),
            plan: text(&raw.planering),
        })
    }
}

/// A review (*granskning*): what all its district reports share.
#[derive(Debug, Clone)]
pub struct Review {
    /// The review's folder name under `findings/`.
    pub id: String,
    pub title: String,
    pub service: String,
    pub diarienummer: String,
    pub period: String,
    pub published: Date,
    pub publisher: String,
    pub recipient: String,
    pub inspectors: Vec<String>,
    pub contact: Option<String>,
    /// Markdown.
    pub method: String,
    pub method_parts: Vec<MethodPart>,
    pub questions: Vec<Question>,
    /// Markdown, one per source.
    pub sources: Vec<String>,
    /// The folder of the review this one follows up.
    pub follows_up: Option<String>,
    pub memo: Option<Memo>,
}

/// The administration's cover memo (*tjänsteutlåtande*).
#[derive(Debug, Clone)]
pub struct Memo {
    pub diarienummer: String,
    pub date: Date,
    pub committee: String,
    pub heading: String,
    pub proposals: Vec<String>,
    /// Markdown.
    pub summary: String,
    /// Markdown.
    pub preparation: String,
    /// (name, title)
    pub signatories: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct MethodPart {
    pub kind: MethodKind,
    pub description: String,
    pub count: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub area: QualityArea,
    /// The question concerns children (reported in the child-rights analysis).
    pub child_rights: bool,
}

/// One district's findings (*iakttagelser*) and assessments.
#[derive(Debug, Clone)]
pub struct District {
    /// The file stem of the district's TOML file.
    pub id: String,
    pub name: String,
    pub administration: String,
    pub unit: String,
    pub description: Option<String>,
    pub facts: Vec<Fact>,
    pub key_figures: Vec<KeyFigure>,
    pub tables: Vec<Table>,
    pub file_review: Option<FileReview>,
    /// All six, in the order of [`QualityArea::ALL`].
    pub areas: Vec<AreaAssessment>,
    pub child_rights: String,
    pub gender_equality: String,
    pub conclusions: String,
    pub recommendations: Vec<Recommendation>,
    pub sources: Vec<String>,
    /// In a follow-up review: the status of earlier recommendations.
    pub follow_up: Vec<FollowUp>,
}

/// The status of an earlier recommendation.
#[derive(Debug, Clone)]
pub struct FollowUp {
    /// 1-based number in the earlier report.
    pub recommendation: usize,
    pub status: Status,
    /// Markdown.
    pub comment: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub value: Value,
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct KeyFigure {
    pub name: String,
    pub unit: Option<String>,
    /// (year, value), ascending by year.
    pub values: Vec<(i32, f64)>,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FileReview {
    pub population: u32,
    pub sample: u32,
    pub reviewed: BySex<u32>,
    pub description: Option<String>,
    pub results: Vec<QuestionResult>,
}

/// A pair of values for women and men.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BySex<T> {
    pub women: T,
    pub men: T,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
}

impl Answers {
    pub fn total(self) -> u32 {
        self.yes + self.no + self.not_applicable
    }
}

impl From<RawAnswers> for Answers {
    fn from(raw: RawAnswers) -> Self {
        Answers { yes: raw.ja, no: raw.nej, not_applicable: raw.ej_aktuellt }
    }
}

#[derive(Debug, Clone)]
pub struct QuestionResult {
    /// The id of a [`Question`] of the review.
    pub question: String,
    pub answers: BySex<Answers>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AreaAssessment {
    pub area: QualityArea,
    pub rating: Rating,
    pub summary: String,
    /// Markdown.
    pub findings: String,
    /// Markdown.
    pub assessment: String,
}

#[derive(Debug, Clone)]
pub struct Recommendation {
    pub text: String,
    pub rating: Rating,
    pub area: QualityArea,
}

impl Review {
    /// Builds the review; `None` only if the publication date is not a date,
    /// which the lint stage reports first.
    pub fn from_raw(id: &str, raw: &RawReview) -> Option<Review> {
        Some(Review {
            id: id.to_owned(),
            title: text(&raw.titel),
            service: text(&raw.verksamhet),
            diarienummer: text(&raw.diarienummer),
            period: text(&raw.period),
            published: Date::from_toml(raw.publiceringsdatum.get_ref())?,
            publisher: text(&raw.utgivare),
            recipient: text(&raw.mottagare),
            inspectors: raw.inspektorer.iter().map(text).collect(),
            contact: raw.kontaktperson.as_ref().map(text),
            method: text(&raw.metod),
            method_parts: raw
                .metoddel
                .iter()
                .map(|p| MethodPart {
                    kind: *p.typ.get_ref(),
                    description: text(&p.beskrivning),
                    count: p.antal.as_ref().map(|c| *c.get_ref()),
                })
                .collect(),
            questions: raw
                .granskningsfraga
                .iter()
                .map(|q| Question {
                    id: text(&q.id),
                    text: text(&q.fraga),
                    area: *q.kvalitetsomrade.get_ref(),
                    child_rights: q.barnratt,
                })
                .collect(),
            sources: raw.kallor.iter().map(text).collect(),
            follows_up: raw.foljer_upp.as_ref().map(|f| f.get_ref().trim().to_owned()),
            memo: match &raw.tjansteutlatande {
                Some(m) => Some(Memo {
                    diarienummer: m.diarienummer.as_ref().map_or_else(|| text(&raw.diarienummer), text),
                    date: Date::from_toml(m.datum.get_ref())?,
                    committee: text(&m.namnd),
                    heading: m.rubrik.as_ref().map_or_else(|| text(&raw.titel), text),
                    proposals: m.forslag.iter().map(text).collect(),
                    summary: text(&m.sammanfattning),
                    preparation: text(&m.beredning),
                    signatories: m.undertecknare.iter().map(|s| (text(&s.namn), text(&s.titel))).collect(),
                }),
                None => None,
            },
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl District {
    /// Builds the district; `None` if a quality area is missing, which the
    /// lint stage reports first.
    pub fn from_raw(id: &str, raw: &RawDistrict) -> Option<District> {
        let areas = QualityArea::ALL
            .into_iter()
            .map(|area| {
                raw.kvalitetsomraden.get_ref().get(area).map(|a| AreaAssessment {
                    area,
                    rating: *a.niva.get_ref(),
                    summary: text(&a.sammanfattning),
                    findings: text(&a.iakttagelser),
                    assessment: text(&a.bedomning),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(District {
            id: id.to_owned(),
            name: text(&raw.distrikt),
            administration: text(&raw.forvaltning),
            unit: text(&raw.enhet),
            description: raw.beskrivning.as_ref().map(text),
            facts: raw
                .omradesfakta
                .iter()
                .map(|f| Fact {
                    label: text(&f.uppgift),
                    value: f.varde.get_ref().clone(),
                    unit: f.enhet.as_ref().map(text),
                    year: f.ar.as_ref().map(|y| *y.get_ref()),
                    source: f.kalla.as_ref().map(text),
                })
                .collect(),
            key_figures: raw
                .nyckeltal
                .iter()
                .map(|k| KeyFigure {
                    name: text(&k.namn),
                    unit: k.enhet.as_ref().map(text),
                    values: k.varden.get_ref().iter().filter_map(|(y, v)| Some((y.parse().ok()?, *v))).collect(),
                    source: k.kalla.as_ref().map(text),
                })
                .collect(),
            tables: raw
                .tabell
                .iter()
                .map(|t| Table {
                    title: text(&t.rubrik),
                    columns: t.kolumner.get_ref().clone(),
                    rows: t.rader.iter().map(|r| r.get_ref().clone()).collect(),
                    source: t.kalla.as_ref().map(text),
                })
                .collect(),
            file_review: raw.aktgranskning.as_ref().map(|f| FileReview {
                population: *f.population.get_ref(),
                sample: *f.urval.get_ref(),
                reviewed: BySex { women: *f.granskade_kvinnor.get_ref(), men: *f.granskade_man.get_ref() },
                description: f.beskrivning.as_ref().map(text),
                results: f
                    .resultat
                    .iter()
                    .map(|r| QuestionResult {
                        question: text(&r.fraga),
                        answers: BySex { women: (*r.kvinnor.get_ref()).into(), men: (*r.man.get_ref()).into() },
                        comment: r.kommentar.as_ref().map(text),
                    })
                    .collect(),
            }),
            areas,
            child_rights: text(&raw.barnrattsanalys.text),
            gender_equality: text(&raw.jamstalldhetsanalys.text),
            conclusions: text(&raw.slutsatser.text),
            recommendations: raw
                .rekommendation
                .iter()
                .map(|r| Recommendation {
                    text: text(&r.text),
                    rating: *r.niva.get_ref(),
                    area: *r.kvalitetsomrade.get_ref(),
                })
                .collect(),
            sources: raw.kallor.iter().map(text).collect(),
            follow_up: raw
                .uppfoljning
                .iter()
                .map(|f| FollowUp {
                    recommendation: *f.rekommendation.get_ref() as usize,
                    status: *f.status.get_ref(),
                    comment: f.kommentar.as_ref().map(text),
                })
                .collect(),
        })
    }
}

fn text(value: &raw::Text) -> String {
    value.get_ref().clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_the_swedish_way() {
        let d = Date { year: 2011, month: 4, day: 5 };
        assert_eq!(d.long(), "5 april 2011");
        assert_eq!(d.to_string(), "2011-04-05");
    }

    #[test]
    fn only_real_calendar_dates_are_dates() {
        let parse = |s: &str| Date::from_toml(&s.parse::<toml::value::Datetime>().unwrap());
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2011-04-15T10:00:00").is_none());
        assert!(!Date { year: 2023, month: 2, day: 29 }.is_valid());
        assert!(Date { year: 2000, month: 2, day: 29 }.is_valid());
        assert!(!Date { year: 2011, month: 13, day: 1 }.is_valid());
    }
}
