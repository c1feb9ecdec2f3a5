//! The checked domain model: a [`Review`] and its [`District`]s (and an
//! [`Annual`] report's own texts), built from the raw TOML types once the
//! lint stage has found no errors.
//!
//! Domain types carry no source spans, and their invariants hold by
//! construction: a [`Date`] is a real calendar date, a [`Count`] is small
//! enough that sums of counts cannot overflow, and quality areas are the
//! project's own list (see [`Area`]), in its order.

pub mod annual;
mod date;
pub mod document;
pub mod fill;
pub mod memo;
pub mod outline;
pub mod raw;
pub mod shape;
pub mod vocab;
pub mod words;

use std::collections::BTreeMap;
use std::ops::Add;

pub use annual::Annual;
pub use date::Date;
pub use document::DocumentKind;
pub use fill::Fill;
pub use memo::Memo;
pub use raw::Value;
use raw::{RawAnswers, RawArea, RawDistrict, RawFact, RawFileReview, RawKeyFigure, RawReview};
use shape::{Rates, Shape};
pub use vocab::{Area, MethodKind, Rating, Standing, Status};

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

/// A review (*granskning*): what all its district reports share.
#[derive(Debug, Clone)]
pub struct Review {
    /// The review's folder name under `findings/`.
    pub id: String,
    pub title: String,
    /// A short name, for headings in the annual report.
    pub short_title: Option<String>,
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
    /// The folders of the reviews this one follows up.
    pub follows_up: Vec<String>,
    /// Earlier reviews it follows up that are not in the project.
    pub outside: Vec<OutsideReview>,
    pub memo: Option<Memo>,
    /// Markdown texts of the outline's chapters, by id (`[kapitel.<id>]`),
    /// for every report of the review.
    pub chapters: BTreeMap<String, String>,
    /// The shape of its reports: the project's, with the review's choices.
    pub shape: Shape,
}

#[derive(Debug, Clone)]
pub struct MethodPart {
    pub kind: MethodKind,
    pub description: String,
    pub count: Option<Fill<u32>>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub area: Area,
    /// The question concerns children (reported in the child-rights analysis).
    pub child_rights: bool,
}

/// One report's findings (*iakttagelser*) and assessments: a district's
/// (or a unit's), or those of a report about several units.
#[derive(Debug, Clone)]
pub struct District {
    /// The file stem of the district's TOML file.
    pub id: String,
    /// The district's name; `None` in a report about several units.
    pub name: Option<String>,
    pub administration: Option<String>,
    pub unit: Option<String>,
    /// The units a report about several units covers.
    pub units: Vec<Unit>,
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
    /// Markdown texts of the outline's chapters, by id (the district's own;
    /// the review's apply where it has none).
    pub chapters: BTreeMap<String, String>,
}

/// One unit of a report about several.
#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub administration: Option<String>,
    /// Markdown.
    pub description: Option<String>,
    pub facts: Vec<Fact>,
    pub file_review: Option<FileReview>,
}

impl District {
    /// What the report is about, for titles and messages: the district's
    /// name, or the units' names.
    pub fn subject(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => self.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(", "),
        }
    }
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
    /// Where it stands (an area's or a chapter's id); `None`: the method.
    pub place: Option<String>,
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
    /// Where it stands (an area's or a chapter's id); `None`: the method.
    pub place: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FileReview {
    pub population: Fill<Count>,
    pub sample: Fill<Count>,
    pub reviewed: BySex<Fill<Count>>,
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
/// program can hold never overflows. A count still to fill in makes every
/// sum it is part of one too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    pub yes: Fill<u64>,
    pub no: Fill<u64>,
    pub not_applicable: Fill<u64>,
}

impl Answers {
    pub fn total(self) -> Fill<u64> {
        self.yes + self.no + self.not_applicable
    }

    /// Files where the question applied (yes or no).
    pub fn applicable(self) -> Fill<u64> {
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
        let count = |n: Fill<u32>| n.try_map(|n| Count::new(n).map(|c| u64::from(c.get())));
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
    /// As written; where the project rates areas, else the worst of the
    /// statements'. `None` where nothing gives the area a level.
    pub rating: Option<Fill<Rating>>,
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
    /// `None` in a project that does not rate statements.
    pub rating: Option<Fill<Rating>>,
    /// Markdown, one sentence.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Recommendation {
    pub text: String,
    pub rating: Option<Fill<Rating>>,
    pub area: Option<Area>,
}

/// The worst of `ratings`; the placeholder if any is one (the worst is
/// not known then); `None` if there are none.
fn worst(ratings: impl Iterator<Item = Fill<Rating>>) -> Option<Fill<Rating>> {
    let mut out: Option<Fill<Rating>> = None;
    for rating in ratings {
        out = Some(match (out, rating) {
            (Some(Fill::Todo), _) | (_, Fill::Todo) => Fill::Todo,
            (Some(Fill::Given(a)), Fill::Given(b)) => Fill::Given(if b.rank() < a.rank() { b } else { a }),
            (None, given) => given,
        });
    }
    out
}

/// The area with id `id` in the project's list.
fn area(areas: &[Area], id: &str) -> Option<Area> {
    areas.iter().find(|a| a.id == id.trim()).cloned()
}

/// An earlier review outside the project, followed up.
#[derive(Debug, Clone)]
pub struct OutsideReview {
    pub title: String,
    pub diarienummer: Option<String>,
    /// The year it was published.
    pub year: i32,
}

impl Review {
    /// Whether it follows up earlier reviews.
    pub fn is_follow_up(&self) -> bool {
        !self.follows_up.is_empty() || !self.outside.is_empty()
    }

    /// Builds the review; `None` only if a date is not a date or a question
    /// names an unknown area, which the lint stage reports first.
    pub fn from_raw(id: &str, raw: &RawReview, areas: &[Area], shape: Shape) -> Option<Review> {
        Some(Review {
            id: id.to_owned(),
            title: text(&raw.titel),
            short_title: raw.kort_titel.as_ref().map(text),
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
            follows_up: raw.foljer_upp.iter().flat_map(|f| &f.get_ref().0).map(|f| f.trim().to_owned()).collect(),
            outside: raw
                .tidigare_granskning
                .iter()
                .map(|o| OutsideReview {
                    title: text(&o.titel),
                    diarienummer: o.diarienummer.as_ref().map(text),
                    year: *o.ar.get_ref(),
                })
                .collect(),
            memo: match &raw.tjansteutlatande {
                Some(m) => Some(Memo::from_raw(m, &text(&raw.diarienummer), &text(&raw.titel), &shape.wording)?),
                None => None,
            },
            chapters: chapter_texts(&raw.kapitel),
            shape,
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl AreaAssessment {
    /// `None` when the project rates areas and neither the area nor any
    /// statement has a level (the lint stage reports it first).
    fn from_raw(area: &Area, raw: &RawArea, rates: Rates) -> Option<AreaAssessment> {
        let statements: Vec<Statement> = raw
            .konstaterande
            .iter()
            .map(|s| Statement { rating: s.niva.as_ref().map(|n| *n.get_ref()), text: text(&s.text) })
            .collect();
        let written = raw.niva.as_ref().map(|n| *n.get_ref());
        let rating = match rates {
            Rates::Areas => Some(written.or_else(|| worst(statements.iter().filter_map(|s| s.rating)))?),
            Rates::Statements => written,
            Rates::Nothing => None,
        };
        Some(AreaAssessment {
            area: area.clone(),
            rating,
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
        let count = |c: &raw::Count| c.get_ref().try_map(Count::new);
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
            place: place(k.plats.as_ref()),
        }
    }
}

impl FileReview {
    /// The file reviews of several units as one: counts added, results
    /// added per question (in the order questions first appear). `None`
    /// when there are none, or a sum is above [`MAX_COUNT`] (the lint
    /// stage reports it first).
    fn sum(reviews: &[&FileReview]) -> Option<FileReview> {
        if reviews.is_empty() {
            return None;
        }
        let add = |pick: fn(&FileReview) -> Fill<Count>| {
            let total = reviews.iter().map(|r| pick(r).map(|c| u64::from(c.get()))).fold(Fill::Given(0), Add::add);
            total.try_map(|total| Count::new(u32::try_from(total).ok()?))
        };
        let mut results: Vec<QuestionResult> = Vec::new();
        for result in reviews.iter().flat_map(|r| &r.results) {
            match results.iter_mut().find(|r| r.question == result.question) {
                Some(sum) => {
                    sum.answers = BySex {
                        women: sum.answers.women + result.answers.women,
                        men: sum.answers.men + result.answers.men,
                    }
                }
                None => results.push(QuestionResult { comment: None, ..result.clone() }),
            }
        }
        Some(FileReview {
            population: add(|r| r.population)?,
            sample: add(|r| r.sample)?,
            reviewed: BySex { women: add(|r| r.reviewed.women)?, men: add(|r| r.reviewed.men)? },
            description: None,
            results,
        })
    }
}

fn facts(raw: &[RawFact]) -> Vec<Fact> {
    raw.iter()
        .map(|f| Fact {
            label: text(&f.uppgift),
            value: f.varde.get_ref().clone(),
            unit: f.enhet.as_ref().map(text),
            year: f.ar.as_ref().map(|y| *y.get_ref()),
            source: f.kalla.as_ref().map(text),
        })
        .collect()
}

/// A table's place; the method's (`"metod"`) is where a table without one
/// stands.
fn place(written: Option<&raw::Text>) -> Option<String> {
    written.map(|p| p.get_ref().trim()).filter(|p| *p != "metod").map(str::to_owned)
}

pub(crate) fn chapter_texts(raw: &BTreeMap<String, raw::Spanned<raw::RawSection>>) -> BTreeMap<String, String> {
    raw.iter().map(|(id, section)| (id.clone(), text(&section.get_ref().text))).collect()
}

impl District {
    /// Builds the district; `None` if an area is missing, unknown or without
    /// a level, or a count is out of range, which the lint stage reports
    /// first.
    pub fn from_raw(id: &str, raw: &RawDistrict, project_areas: &[Area], rates: Rates) -> Option<District> {
        let written = raw.kvalitetsomraden.get_ref();
        let areas = project_areas
            .iter()
            .map(|area| written.get(&area.id).and_then(|a| AreaAssessment::from_raw(area, a.get_ref(), rates)))
            .collect::<Option<Vec<_>>>()?;
        let units = raw
            .granskad_enhet
            .iter()
            .map(|u| {
                Some(Unit {
                    name: text(&u.namn),
                    administration: u.forvaltning.as_ref().map(text),
                    description: u.beskrivning.as_ref().map(text),
                    facts: facts(&u.omradesfakta),
                    file_review: match &u.aktgranskning {
                        Some(f) => Some(FileReview::from_raw(f)?),
                        None => None,
                    },
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let reviewed: Vec<&FileReview> = units.iter().filter_map(|u| u.file_review.as_ref()).collect();
        let file_review = match &raw.aktgranskning {
            Some(f) => Some(FileReview::from_raw(f)?),
            None if reviewed.is_empty() => None,
            None => Some(FileReview::sum(&reviewed)?),
        };
        Some(District {
            id: id.to_owned(),
            name: raw.distrikt.as_ref().map(text),
            administration: raw.forvaltning.as_ref().map(text),
            unit: raw.enhet.as_ref().map(text),
            units,
            summary: raw.sammanfattning.as_ref().map(|s| text(&s.text)),
            introduction: raw.inledning.as_ref().map(|s| text(&s.text)),
            description: raw.beskrivning.as_ref().map(text),
            facts: facts(&raw.omradesfakta),
            key_figures: raw.nyckeltal.iter().map(KeyFigure::from_raw).collect(),
            tables: raw
                .tabell
                .iter()
                .map(|t| Table {
                    title: text(&t.rubrik),
                    columns: t.kolumner.get_ref().clone(),
                    rows: t.rader.iter().map(|r| r.get_ref().clone()).collect(),
                    source: t.kalla.as_ref().map(text),
                    place: place(t.plats.as_ref()),
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
                        rating: r.niva.as_ref().map(|n| *n.get_ref()).filter(|_| rates != Rates::Nothing),
                        area: match &r.kvalitetsomrade {
                            Some(id) => Some(area(project_areas, id.get_ref())?),
                            None => None,
                        },
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
            chapters: chapter_texts(&raw.kapitel),
        })
    }
}

pub(crate) fn text(value: &raw::Text) -> String {
    value.get_ref().clone()
}
