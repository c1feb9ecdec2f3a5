//! A report's chapters: the outline walked in order, each chapter of its
//! kind filled from the findings, empty optional chapters left out.

use serde::Serialize;

use super::ResultView;
use super::areas::{self, AreasView, LevelTableView};
use super::parts::{self, MethodView, PlacedView, RecommendationView};
use crate::markdown::Rich;
use crate::model::outline::{Chapter, ChapterKind};
use crate::model::{District, Review};
use crate::view::followup::FollowUpView;
use crate::view::headings::{HeadingView, Outliner};
use crate::view::{RatingView, plain, rich};

/// One chapter of the report.
#[derive(Debug, Serialize)]
pub struct ChapterView {
    /// The id its text is written under (`metod`, `analys`, …).
    pub id: String,
    /// `None` only for quality areas that are chapters of their own.
    pub rubrik: Option<HeadingView>,
    /// Whether it starts a new page.
    pub ny_sida: bool,
    /// The chapter's text: an own chapter's, the summary, an analysis, or
    /// the opening text of a chapter made of parts.
    pub text: Option<Rich>,
    /// Key figures and tables placed in the chapter, after its text.
    pub placerat: PlacedView,
    #[serde(flatten)]
    pub delar: Parts,
}

/// What a chapter holds beyond its text, by kind (`typ`).
#[derive(Debug, Serialize)]
#[serde(tag = "typ", content = "delar")]
pub enum Parts {
    #[serde(rename = "sammanfattning")]
    Summary {
        /// The table of levels, where the report rates.
        nivatabell: Option<LevelTableView>,
    },
    #[serde(rename = "inledning")]
    Introduction,
    #[serde(rename = "metod")]
    Method(Box<MethodView>),
    #[serde(rename = "kvalitetsomraden")]
    Areas(AreasView),
    #[serde(rename = "barnrattsanalys")]
    ChildRights,
    #[serde(rename = "jamstalldhetsanalys")]
    GenderEquality {
        /// The file review's answers by sex, when there was one.
        aktgranskning: Option<GenderView>,
    },
    #[serde(rename = "slutsatser")]
    Conclusions,
    #[serde(rename = "rekommendationer")]
    Recommendations {
        poster: Vec<RecommendationView>,
        /// Whether any recommendation has a level or an area (a column each).
        med_niva: bool,
        med_omrade: bool,
    },
    #[serde(rename = "nyckeltal")]
    KeyFigures,
    #[serde(rename = "kallor")]
    Sources { kallor: Vec<Rich> },
    #[serde(rename = "uppfoljning")]
    FollowUp(Box<FollowUpView>),
    #[serde(rename = "eget")]
    Own,
}

/// The file review's answers by women and men, in the gender-equality
/// analysis.
#[derive(Debug, Serialize)]
pub struct GenderView {
    /// The numbers of its table and chart.
    pub tabell_nr: u32,
    pub figur_nr: u32,
    pub resultat: Vec<ResultView>,
    /// The chart's alternative text, stating every share.
    pub diagram_alt: String,
}

/// Builds the chapters of the report of `district`, in reading order.
pub fn build(
    review: &Review,
    district: &District,
    then: Option<(&Review, &District)>,
    earlier: &[Review],
    outliner: &mut Outliner,
) -> Vec<ChapterView> {
    let shape = &review.shape;
    let mut out = Vec::new();
    for chapter in &shape.outline.chapters {
        let builder = Builder { review, district, then, earlier, chapter };
        if let Some(view) = builder.build(outliner) {
            out.push(view);
        }
    }
    out
}

struct Builder<'a> {
    review: &'a Review,
    district: &'a District,
    /// In a follow-up: the review with the district's earlier report, and
    /// that report.
    then: Option<(&'a Review, &'a District)>,
    /// In a follow-up: the reviews in the project it follows up.
    earlier: &'a [Review],
    chapter: &'a Chapter,
}

impl Builder<'_> {
    /// The chapter's own text under `[kapitel.<id>]`: the district's, or
    /// else the review's.
    fn own_text(&self) -> Option<&str> {
        let id = &self.chapter.id;
        self.district.chapters.get(id).or_else(|| self.review.chapters.get(id)).map(String::as_str)
    }

    fn numbered(&self) -> bool {
        self.chapter.numbered.unwrap_or(!self.chapter.kind.front_matter())
    }

    fn title(&self) -> String {
        match (&self.chapter.title, self.chapter.kind) {
            (Some(title), _) => title.clone(),
            (None, ChapterKind::FollowUp) => match (self.earlier, self.review.outside.as_slice()) {
                ([one], []) => format!("Uppföljning av granskningen {}", one.published.year()),
                ([], [one]) => format!("Uppföljning av granskningen {}", one.year),
                _ => ChapterKind::FollowUp.default_title().to_owned(),
            },
            (None, kind) => kind.default_title().to_owned(),
        }
    }

    /// Whether the chapter is there at all: the fixed ones always, the
    /// others when the findings have something for them.
    fn present(&self) -> bool {
        let (d, kind) = (self.district, self.chapter.kind);
        let placed = parts::has_placed(d, &self.chapter.id);
        kind.is_fixed()
            || self.own_text().is_some()
            || placed
            || match kind {
                ChapterKind::Summary => d.summary.is_some() || areas::has_level_table(d, &self.review.shape),
                ChapterKind::Introduction => d.introduction.is_some() || self.review.introduction.is_some(),
                ChapterKind::Recommendations => !d.recommendations.is_empty(),
                ChapterKind::KeyFigures => d.key_figures.iter().any(|k| k.place.is_none()),
                ChapterKind::Sources => !self.review.sources.is_empty() || !d.sources.is_empty(),
                ChapterKind::FollowUp => self.review.is_follow_up(),
                _ => false,
            }
    }

    fn build(&self, o: &mut Outliner) -> Option<ChapterView> {
        if !self.present() {
            return None;
        }
        let (review, d) = (self.review, self.district);
        let shape = &review.shape;
        let headless = self.chapter.kind == ChapterKind::Areas && self.chapter.areas_as_chapters;
        let rubrik = (!headless).then(|| o.heading(1, &plain(&self.title()), self.numbered()));
        // A chapter's own headings are numbered when the chapter is.
        let numbered = rubrik.as_ref().is_some_and(|r| r.nummer.is_some());
        // Reading order: the chapter's text, what is placed in it, then
        // its parts.
        let text = match self.chapter.kind {
            ChapterKind::Summary => d.summary.as_deref(),
            ChapterKind::Introduction => d.introduction.as_deref().or(review.introduction.as_deref()),
            ChapterKind::Method => None,
            ChapterKind::ChildRights => Some(d.child_rights.as_str()),
            ChapterKind::GenderEquality => Some(d.gender_equality.as_str()),
            ChapterKind::Conclusions => Some(d.conclusions.as_str()),
            _ => self.own_text(),
        };
        let text = text.map(|t| o.text(rich(t), if headless { 1 } else { 2 }));
        // Key figures without a place of their own stand in their own
        // chapter when the outline has one; otherwise under the method.
        let key_figures = self.chapter.kind == ChapterKind::KeyFigures;
        let placed = parts::placed(d, &self.chapter.id, key_figures, shape, o);
        let delar = match self.chapter.kind {
            ChapterKind::Summary => Parts::Summary { nivatabell: areas::level_table(d, shape, o) },
            ChapterKind::Introduction => Parts::Introduction,
            ChapterKind::Method => Parts::Method(Box::new(parts::method(review, d, shape, o, numbered))),
            ChapterKind::Areas => Parts::Areas(areas::areas(review, d, shape, self.chapter, o, numbered)),
            ChapterKind::ChildRights => Parts::ChildRights,
            ChapterKind::GenderEquality => Parts::GenderEquality {
                aktgranskning: d.file_review.as_ref().filter(|f| !f.results.is_empty()).map(|f| GenderView {
                    tabell_nr: o.table(),
                    figur_nr: o.figure(),
                    resultat: parts::results(review, f),
                    diagram_alt: parts::gender_chart_alt(review, f),
                }),
            },
            ChapterKind::Conclusions => Parts::Conclusions,
            ChapterKind::Recommendations => {
                let poster: Vec<RecommendationView> = d
                    .recommendations
                    .iter()
                    .enumerate()
                    .map(|(i, r)| RecommendationView {
                        nummer: i + 1,
                        text: o.inline_text(rich(&r.text)),
                        niva: r.rating.map(|level| RatingView::of(level, &shape.wording)),
                        omrade: r.area.as_ref().map(|a| a.name.clone()),
                    })
                    .collect();
                let med_niva = poster.iter().any(|p| p.niva.is_some());
                let med_omrade = poster.iter().any(|p| p.omrade.is_some());
                Parts::Recommendations { poster, med_niva, med_omrade }
            }
            ChapterKind::KeyFigures => Parts::KeyFigures,
            ChapterKind::Sources => Parts::Sources {
                kallor: review.sources.iter().chain(&d.sources).map(|s| o.inline_text(rich(s))).collect(),
            },
            ChapterKind::FollowUp if review.is_follow_up() => {
                Parts::FollowUp(Box::new(FollowUpView::new(review, d, self.earlier, self.then, o, numbered)))
            }
            ChapterKind::FollowUp => Parts::Own,
            ChapterKind::Own => Parts::Own,
        };
        Some(self.view(rubrik, text, placed, delar))
    }

    fn view(&self, rubrik: Option<HeadingView>, text: Option<Rich>, placerat: PlacedView, delar: Parts) -> ChapterView {
        ChapterView { id: self.chapter.id.clone(), rubrik, ny_sida: self.chapter.new_page, text, placerat, delar }
    }
}
