//! The checked domain model: a [`Review`] and its [`District`]s (and an
//! [`Annual`] report's own texts), built from the raw TOML types once the
//! lint stage has found no errors.
//!
//! Domain types carry no source spans, and their invariants hold by
//! construction: a [`Date`] is a real calendar date, a [`Count`] is small
//! enough that sums of counts cannot overflow, and quality areas are the
//! project's own list (see [`Area`]), in its order.

mod date;
pub mod raw;
pub mod vocab;
pub mod words;

pub use date::Date;
pub use raw::Value;
use raw::{RawAnswers, RawArea, RawDistrict, RawFileReview, RawKeyFigure, RawMemo, RawReview};
pub use vocab::{Area, MethodKind, Rating, Standing, Status, SummaryTable};

/// The largest count of files granska accepts: far above any real review,
/// and small enough that no sum of counts in a report can overflow.
pub const MAX_COUNT: u32 = 1_000_000;

/// A number of case files, at most [`MAX_COUNT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Count(u32);

impl Count {
    /// `None` above [`MAX_COUNT`] (the lint stage reports it first).
    pub fn new(n: u32) -> Option<Count> {
        (n <= MAX_COUNT).then_some(Count(n))
    }

    pub fn get(self) -> u32 {
        self.0
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
    /// Markdown: why the review was made (a district may have its own).
    pub introduction: Option<String>,
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
    /// The sections after the summary, in order (the preparation, if
    /// written as `beredning`, is the last).
    pub sections: Vec<MemoSection>,
    pub signatories: Vec<Signatory>,
}

/// A section of the memo: a heading and its text.
#[derive(Debug, Clone)]
pub struct MemoSection {
    pub heading: String,
    /// Markdown.
    pub text: String,
}

/// One who signs the memo.
#[derive(Debug, Clone)]
pub struct Signatory {
    pub name: String,
    pub title: String,
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
    pub area: Area,
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
    /// Markdown: the report's summary, first in the report.
    pub summary: Option<String>,
    /// Markdown: the district's own introduction.
    pub introduction: Option<String>,
    pub description: Option<String>,
    pub facts: Vec<Fact>,
    pub key_figures: Vec<KeyFigure>,
    pub tables: Vec<Table>,
    pub file_review: Option<FileReview>,
    /// One per area of the project, in the project's order.
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
    /// Ascending by year.
    pub values: Vec<KeyValue>,
    pub source: Option<String>,
}

/// One year's value of a key figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyValue {
    pub year: i32,
    pub value: f64,
    /// The municipality's standing among all municipalities that year.
    pub standing: Option<Standing>,
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
    pub population: Count,
    pub sample: Count,
    pub reviewed: BySex<Count>,
    pub description: Option<String>,
    pub results: Vec<QuestionResult>,
}

/// A pair of values for women and men.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BySex<T> {
    pub women: T,
    pub men: T,
}

/// The answers to one question in a set of files. Sums are `u64`: counts
/// are bounded by [`MAX_COUNT`], so adding any number of them that a
/// program can hold never overflows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    pub yes: u64,
    pub no: u64,
    pub not_applicable: u64,
}

impl Answers {
    pub fn total(self) -> u64 {
        self.yes + self.no + self.not_applicable
    }

    /// Files where the question applied (yes or no).
    pub fn applicable(self) -> u64 {
        self.yes + self.no
    }
}

impl std::ops::Add for Answers {
    type Output = Answers;

    fn add(self, other: Answers) -> Answers {
        Answers {
            yes: self.yes + other.yes,
            no: self.no + other.no,
            not_applicable: self.not_applicable + other.not_applicable,
        }
    }
}

impl Answers {
    /// `None` if a count is above [`MAX_COUNT`] (reported by lint first).
    fn from_raw(raw: RawAnswers) -> Option<Answers> {
        let count = |n| Count::new(n).map(|c| u64::from(c.get()));
        Some(Answers { yes: count(raw.ja)?, no: count(raw.nej)?, not_applicable: count(raw.ej_aktuellt)? })
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
    pub area: Area,
    /// As written, or else the worst of the statements'.
    pub rating: Rating,
    /// One sentence for the summary table.
    pub summary: Option<String>,
    /// Markdown.
    pub findings: Option<String>,
    /// Markdown.
    pub assessment: Option<String>,
    pub statements: Vec<Statement>,
}

/// A rated statement (*konstaterande*).
#[derive(Debug, Clone)]
pub struct Statement {
    pub rating: Rating,
    /// Markdown, one sentence.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Recommendation {
    pub text: String,
    pub rating: Rating,
    pub area: Area,
}

/// The area with id `id` in the project's list.
fn area(areas: &[Area], id: &str) -> Option<Area> {
    areas.iter().find(|a| a.id == id.trim()).cloned()
}

impl Review {
    /// Builds the review; `None` only if a date is not a date or a question
    /// names an unknown area, which the lint stage reports first.
    pub fn from_raw(id: &str, raw: &RawReview, areas: &[Area]) -> Option<Review> {
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
            introduction: raw.inledning.as_ref().map(text),
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
                .map(|q| {
                    Some(Question {
                        id: text(&q.id),
                        text: text(&q.fraga),
                        area: area(areas, q.kvalitetsomrade.get_ref())?,
                        child_rights: q.barnratt,
                    })
                })
                .collect::<Option<_>>()?,
            sources: raw.kallor.iter().map(text).collect(),
            follows_up: raw.foljer_upp.as_ref().map(|f| f.get_ref().trim().to_owned()),
            memo: match &raw.tjansteutlatande {
                Some(m) => Some(Memo::from_raw(m, raw)?),
                None => None,
            },
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Memo {
    /// `None` only if the date is not a date (reported by lint first).
    fn from_raw(m: &RawMemo, review: &RawReview) -> Option<Memo> {
        let mut sections: Vec<MemoSection> =
            m.avsnitt.iter().map(|s| MemoSection { heading: text(&s.rubrik), text: text(&s.text) }).collect();
        if let Some(preparation) = &m.beredning {
            sections.push(MemoSection { heading: "Ärendets beredning".to_owned(), text: text(preparation) });
        }
        Some(Memo {
            diarienummer: m.diarienummer.as_ref().map_or_else(|| text(&review.diarienummer), text),
            date: Date::from_toml(m.datum.get_ref())?,
            committee: text(&m.namnd),
            heading: m.rubrik.as_ref().map_or_else(|| text(&review.titel), text),
            proposals: m.forslag.iter().map(text).collect(),
            summary: text(&m.sammanfattning),
            sections,
            signatories: m
                .undertecknare
                .iter()
                .map(|s| Signatory { name: text(&s.namn), title: text(&s.titel) })
                .collect(),
        })
    }
}

impl AreaAssessment {
    /// `None` when neither the area nor any statement has a level (the
    /// lint stage reports it first).
    fn from_raw(area: &Area, raw: &RawArea) -> Option<AreaAssessment> {
        let statements: Vec<Statement> =
            raw.konstaterande.iter().map(|s| Statement { rating: *s.niva.get_ref(), text: text(&s.text) }).collect();
        let worst = statements.iter().map(|s| s.rating).min_by_key(|r| r.rank());
        Some(AreaAssessment {
            area: area.clone(),
            rating: raw.niva.as_ref().map(|n| *n.get_ref()).or(worst)?,
            summary: raw.sammanfattning.as_ref().map(text),
            findings: raw.iakttagelser.as_ref().map(text),
            assessment: raw.bedomning.as_ref().map(text),
            statements,
        })
    }
}

impl FileReview {
    /// `None` if a count is out of range (reported by lint first).
    fn from_raw(f: &RawFileReview) -> Option<FileReview> {
        let count = |c: &raw::Count| Count::new(*c.get_ref());
        Some(FileReview {
            population: count(&f.population)?,
            sample: count(&f.urval)?,
            reviewed: BySex { women: count(&f.granskade_kvinnor)?, men: count(&f.granskade_man)? },
            description: f.beskrivning.as_ref().map(text),
            results: f
                .resultat
                .iter()
                .map(|r| {
                    Some(QuestionResult {
                        question: text(&r.fraga),
                        answers: BySex {
                            women: Answers::from_raw(*r.kvinnor.get_ref())?,
                            men: Answers::from_raw(*r.man.get_ref())?,
                        },
                        comment: r.kommentar.as_ref().map(text),
                    })
                })
                .collect::<Option<_>>()?,
        })
    }
}

impl KeyFigure {
    fn from_raw(k: &RawKeyFigure) -> KeyFigure {
        let standings = k.jamforelse.as_ref().map(|j| j.get_ref());
        KeyFigure {
            name: text(&k.namn),
            unit: k.enhet.as_ref().map(text),
            values: k
                .varden
                .get_ref()
                .iter()
                .filter_map(|(year, value)| {
                    let standing = standings.and_then(|s| s.get(year)).copied();
                    Some(KeyValue { year: year.parse().ok()?, value: *value, standing })
                })
                .collect(),
            source: k.kalla.as_ref().map(text),
        }
    }
}

impl District {
    /// Builds the district; `None` if an area is missing, unknown or without
    /// a level, or a count is out of range, which the lint stage reports
    /// first.
    pub fn from_raw(id: &str, raw: &RawDistrict, project_areas: &[Area]) -> Option<District> {
        let written = raw.kvalitetsomraden.get_ref();
        let areas = project_areas
            .iter()
            .map(|area| written.get(&area.id).and_then(|a| AreaAssessment::from_raw(area, a.get_ref())))
            .collect::<Option<Vec<_>>>()?;
        let file_review = match &raw.aktgranskning {
            Some(f) => Some(FileReview::from_raw(f)?),
            None => None,
        };
        Some(District {
            id: id.to_owned(),
            name: text(&raw.distrikt),
            administration: text(&raw.forvaltning),
            unit: text(&raw.enhet),
            summary: raw.sammanfattning.as_ref().map(|s| text(&s.text)),
            introduction: raw.inledning.as_ref().map(|s| text(&s.text)),
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
            key_figures: raw.nyckeltal.iter().map(KeyFigure::from_raw).collect(),
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
            file_review,
            areas,
            child_rights: text(&raw.barnrattsanalys.text),
            gender_equality: text(&raw.jamstalldhetsanalys.text),
            conclusions: text(&raw.slutsatser.text),
            recommendations: raw
                .rekommendation
                .iter()
                .map(|r| {
                    Some(Recommendation {
                        text: text(&r.text),
                        rating: *r.niva.get_ref(),
                        area: area(project_areas, r.kvalitetsomrade.get_ref())?,
                    })
                })
                .collect::<Option<_>>()?,
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
