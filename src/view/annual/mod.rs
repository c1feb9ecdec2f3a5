//! The view of the annual report (*årsrapport*): its cover, and its
//! chapters in the order of its outline (see [`chapters`]), built from the
//! year's reviews and follow-ups.

pub mod chapters;

use serde::Serialize;

use super::headings::{ContentsEntry, NoteView, Outliner};
use super::{DocumentView, StyleView, plain};
use crate::config::Config;
use crate::model::{Annual, District, Review};
use chapters::ChapterView;

/// The year an annual report covers: its own texts, the reviews published
/// in it and the follow-ups published in it.
pub struct Year<'a> {
    pub annual: &'a Annual,
    pub reviews: Vec<ReviewOfYear<'a>>,
    pub follow_ups: Vec<FollowUpOfYear<'a>>,
}

/// A review of the year and its reports.
pub struct ReviewOfYear<'a> {
    pub review: &'a Review,
    pub reports: Vec<&'a District>,
}

/// A follow-up of the year: its reports, each with the earlier report of
/// the same district where the project has it.
pub struct FollowUpOfYear<'a> {
    pub review: &'a Review,
    /// The earlier reviews in the project it follows up.
    pub earlier: &'a [Review],
    pub reports: Vec<(&'a District, Option<&'a District>)>,
}

#[derive(Debug, Serialize)]
pub struct AnnualView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    pub innehall: Vec<ContentsEntry>,
    pub fotnoter: Vec<NoteView>,
    pub arsrapport: AnnualFields,
    pub kapitel: Vec<ChapterView>,
}

#[derive(Debug, Serialize)]
pub struct AnnualFields {
    pub titel: String,
    pub ar: i32,
    pub diarienummer: String,
    pub datum: String,
    pub utgivare: String,
    pub mottagare: String,
    /// The project's word for the document, e.g. "Årsrapport".
    pub dokumentslag: String,
}

impl AnnualView {
    pub fn new(year: &Year, config: &Config) -> AnnualView {
        let annual = year.annual;
        let mut o = Outliner::new(true);
        let outline: Vec<_> = annual.outline.chapters.iter().collect();
        let kapitel = chapters::build(year, &outline, 1, &mut o, config);
        let (innehall, fotnoter) = o.finish(2);
        AnnualView {
            stil: StyleView::new(config),
            dokument: DocumentView::new(
                &annual.title,
                &annual.publisher,
                &format!("{}, diarienummer {}", annual.title, annual.diarienummer),
                &[&annual.year.to_string(), &annual.diarienummer, &config.shape.wording.arsrapport.to_lowercase()],
            ),
            innehall,
            fotnoter,
            arsrapport: AnnualFields {
                titel: plain(&annual.title),
                ar: annual.year,
                diarienummer: plain(&annual.diarienummer),
                datum: annual.published.long(),
                utgivare: plain(&annual.publisher),
                mottagare: plain(&annual.recipient),
                dokumentslag: plain(&config.shape.wording.arsrapport),
            },
            kapitel,
        }
    }
}
