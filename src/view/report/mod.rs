//! The view of a report (*granskningsrapport*, or a follow-up report): the
//! outline of its review walked chapter by chapter, each chapter holding
//! what the findings say in it and nothing else. A chapter the findings
//! say nothing in is left out; the five fixed ones are always there.
//!
//! The chapters are built top to bottom, in reading order, so that the
//! [`Outliner`] numbers headings and footnotes as a reader meets them.

mod areas;
mod chapters;
mod parts;

use serde::Serialize;

pub use self::areas::{AreaView, AreasView, LevelTableView};
pub use self::chapters::{ChapterView, Parts};
pub use self::parts::{
    FactView, FileReviewView, KeyFiguresView, MethodView, PlacedView, RecommendationView, StandingView, TableView,
};
pub(crate) use self::parts::{ResultView, result, share_words};
use super::headings::{ContentsEntry, NoteView, Outliner};
use super::{DocumentView, LegendView, StyleView, plain};
use crate::config::Config;
use crate::model::shape::{Rates, Wording};
use crate::model::{District, Review};

/// The whole context of one report.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    /// The project's words (for the review).
    pub ord: Wording,
    /// What the cover calls the document: "Granskningsrapport" or
    /// "Uppföljning", in the project's words.
    pub dokumentslag: String,
    pub granskning: ReviewView,
    pub distrikt: SubjectView,
    pub installningar: SettingsView,
    /// The chapters, in the outline's order, without the empty ones.
    pub kapitel: Vec<ChapterView>,
    /// The table of contents (the HTML edition's; Typst makes the PDF's).
    pub innehall: Vec<ContentsEntry>,
    /// The footnotes in reading order (the HTML edition's list).
    pub fotnoter: Vec<NoteView>,
    /// The three levels and what they mean, for the legend; empty in a
    /// report that rates nothing.
    pub nivaer: Vec<LegendView>,
}

/// How the report is set.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    /// Whether headings are numbered.
    pub numrerade: bool,
    /// How many heading levels the contents show.
    pub innehall_djup: u8,
    /// What the report rates: "per_omrade", "per_konstaterande" or "inga".
    pub kvalitetsnivaer: &'static str,
}

/// The review, as a report's cover shows it.
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
}

/// What a report is about: a district (or unit), or several units.
#[derive(Debug, Serialize)]
pub struct SubjectView {
    /// The district's name; `None` in a report about several units.
    pub namn: Option<String>,
    pub forvaltning: Option<String>,
    pub enhet: Option<String>,
    /// The names of the units a report about several covers.
    pub enheter: Vec<String>,
}

impl ReportView {
    /// The report of `district`. In a follow-up, `earlier` are the reviews
    /// in the project it follows up, and `then` is the one with this
    /// district's earlier report and that report, if any.
    pub fn new(
        review: &Review,
        district: &District,
        then: Option<(&Review, &District)>,
        earlier: &[Review],
        config: &Config,
    ) -> ReportView {
        let shape = &review.shape;
        let subject = district.subject();
        let title = match &district.name {
            Some(name) => format!("{} – {name}", review.title),
            None => review.title.clone(),
        };
        let about = [district.administration.as_deref(), district.unit.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let description = match (about.is_empty(), district.name.is_some()) {
            (false, _) => format!("{} vid {about}, diarienummer {}", review.title, review.diarienummer),
            (true, true) => format!("{} – {subject}, diarienummer {}", review.title, review.diarienummer),
            (true, false) => format!("{}, diarienummer {}", review.title, review.diarienummer),
        };
        let mut outliner = Outliner::new(shape.numbered);
        let kapitel = chapters::build(review, district, then, earlier, &mut outliner);
        let (innehall, fotnoter) = outliner.finish(shape.contents_depth);
        let follow_up = review.is_follow_up();
        ReportView {
            stil: StyleView::new(config),
            dokument: DocumentView::new(
                &title,
                &review.publisher,
                &description,
                &[&review.service, &subject, &review.diarienummer],
            ),
            ord: shape.wording.clone(),
            dokumentslag: if follow_up {
                shape.wording.uppfoljning.clone()
            } else {
                shape.wording.granskningsrapport.clone()
            },
            granskning: ReviewView::new(review),
            distrikt: SubjectView {
                namn: district.name.as_deref().map(plain),
                forvaltning: district.administration.as_deref().map(plain),
                enhet: district.unit.as_deref().map(plain),
                enheter: district.units.iter().map(|u| plain(&u.name)).collect(),
            },
            installningar: SettingsView {
                numrerade: shape.numbered,
                innehall_djup: shape.contents_depth,
                kvalitetsnivaer: match shape.rates {
                    Rates::Areas => "per_omrade",
                    Rates::Statements => "per_konstaterande",
                    Rates::Nothing => "inga",
                },
            },
            kapitel,
            innehall,
            fotnoter,
            nivaer: if shape.rates == Rates::Nothing { Vec::new() } else { LegendView::all(shape) },
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
        }
    }
}
