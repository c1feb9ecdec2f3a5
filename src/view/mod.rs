//! The template contract: what a template sees of a document.
//!
//! View structs are built once per document from the checked model and
//! rendered by every output format. They are format-neutral: a one-line
//! text is a plain `String` (normalised, shown as written), a Markdown text
//! is a parsed [`Rich`] tree, numbers and dates are already written the
//! Swedish way. Escaping is each format's business (see `crate::render`).
//! Keys are Swedish, as template authors read them.

pub mod annual;
pub mod changes;
pub mod followup;
pub mod format;
pub mod headings;
pub mod index;
pub mod memo;
pub mod report;

use serde::Serialize;

use crate::config::Config;
pub use crate::markdown::Rich;
use crate::markdown::{self, normalize};
use crate::model::fill::PLACEHOLDER;
use crate::model::shape::{Shape, Wording};
use crate::model::{Date, Fill, Rating};

/// One-line text as shown: normalised (see [`normalize::inline`]).
pub(crate) fn plain(text: &str) -> String {
    normalize::inline(text)
}

/// Markdown text, parsed.
pub(crate) fn rich(text: &str) -> Rich {
    markdown::parse(text)
}

/// A web page's ways to its other edition and to the list of every
/// document.
#[derive(Debug, Serialize)]
pub struct EditionsView {
    /// The PDF beside the page.
    pub pdf: String,
    /// `output/index.html`, relative to the page; none for a draft.
    pub index: Option<String>,
}

/// A view as its web page renders it: with the page's editions.
#[derive(Debug, Serialize)]
pub struct WebView<'a> {
    #[serde(flatten)]
    pub view: &'a View,
    pub utgavor: EditionsView,
}

/// Any document's view, for the stages that handle every kind alike.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum View {
    Report(Box<report::ReportView>),
    Memo(Box<memo::MemoView>),
    Annual(Box<annual::AnnualView>),
    Changes(Box<changes::ChangesView>),
}

impl View {
    /// The document metadata.
    pub fn document(&self) -> &DocumentView {
        match self {
            View::Report(v) => &v.dokument,
            View::Memo(v) => &v.dokument,
            View::Annual(v) => &v.dokument,
            View::Changes(v) => &v.dokument,
        }
    }

    /// Makes the document a draft for fact-checking dated `date`: marked on
    /// every page and in its title.
    pub fn mark_draft(&mut self, date: Date) {
        let document = match self {
            View::Report(v) => &mut v.dokument,
            View::Memo(v) => &mut v.dokument,
            View::Annual(v) => &mut v.dokument,
            View::Changes(v) => &mut v.dokument,
        };
        let draft = DraftView::new(date);
        document.titel = format!("{} ({}, {})", document.titel, DRAFT_LABEL.to_lowercase(), draft.datum);
        document.utkast = Some(draft);
    }
}

/// What a draft says on every page.
pub const DRAFT_LABEL: &str = "UTKAST – för faktagranskning";

/// A draft's marking.
#[derive(Debug, Clone, Serialize)]
pub struct DraftView {
    /// "UTKAST – för faktagranskning".
    pub text: &'static str,
    /// The draft's date, "24 november 2026".
    pub datum: String,
}

impl DraftView {
    fn new(date: Date) -> DraftView {
        DraftView { text: DRAFT_LABEL, datum: date.long() }
    }
}

/// The organisation's look, shared by every document kind.
#[derive(Debug, Serialize)]
pub struct StyleView {
    /// Accent colour, "#rrggbb".
    pub accent: String,
    /// The accent colour if text in it is readable on white (contrast at
    /// least 4.5:1, WCAG AA), else a darker shade of it that is.
    pub accent_text: String,
    /// Font family for body text.
    pub brodtext: String,
    /// Font family for headings.
    pub rubriker: String,
    /// The organisation's name, if configured.
    pub organisation: Option<String>,
    /// Project path of the logo, e.g. "/bilder/logotyp.svg".
    pub logotyp: Option<String>,
    /// The logo as a `data:` URI, for documents that must be one file.
    pub logotyp_data: Option<String>,
    /// Alternative text of the logo.
    pub logotyp_alt: String,
}

impl StyleView {
    pub fn new(config: &Config) -> StyleView {
        let name = config.organisation.as_deref().unwrap_or("organisationen");
        StyleView {
            accent: config.accent.clone(),
            accent_text: format::readable_on_white(&config.accent),
            brodtext: config.body_font.clone(),
            rubriker: config.heading_font.clone(),
            organisation: config.organisation.as_deref().map(plain),
            logotyp: config.logo.clone(),
            logotyp_data: config.logo_data.clone(),
            logotyp_alt: plain(&format!("Logotyp för {name}")),
        }
    }
}

/// Document metadata (PDF information, HTML head).
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// "Granskning av ekonomiskt bistånd – Bromma".
    pub titel: String,
    /// The publisher.
    pub forfattare: String,
    /// One-sentence description (the PDF subject).
    pub amne: String,
    pub nyckelord: Vec<String>,
    /// Set when the document is a draft for fact-checking.
    pub utkast: Option<DraftView>,
}

impl DocumentView {
    pub fn new(title: &str, author: &str, subject: &str, keywords: &[&str]) -> DocumentView {
        DocumentView {
            titel: plain(title),
            forfattare: plain(author),
            amne: plain(subject),
            nyckelord: keywords.iter().map(|k| plain(k)).collect(),
            utkast: None,
        }
    }
}

/// A rating as shown: colour and word, never colour alone.
#[derive(Debug, Clone, Serialize)]
pub struct RatingView {
    /// "grön", "gul" or "röd".
    pub nyckel: &'static str,
    /// "Grön", "Gul", "Röd", in the project's words.
    pub ord: String,
    /// Fill colour, "#rrggbb".
    pub farg: &'static str,
}

impl RatingView {
    pub fn new(rating: Rating, words: &Wording) -> Self {
        RatingView { nyckel: rating.key(), ord: plain(words.rating(rating)), farg: rating.colour() }
    }

    /// A level, or where one is still to be set (in a draft): the
    /// placeholder, on white.
    pub fn of(rating: Fill<Rating>, words: &Wording) -> Self {
        match rating {
            Fill::Given(rating) => RatingView::new(rating, words),
            Fill::Todo => RatingView { nyckel: "", ord: PLACEHOLDER.to_owned(), farg: "#ffffff" },
        }
    }
}

/// One line of the rating legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendView {
    #[serde(flatten)]
    pub niva: RatingView,
    /// What the level means, in the organisation's words.
    pub betydelse: String,
}

impl LegendView {
    /// The three levels, with the words and meanings `shape` gives them.
    pub fn all(shape: &Shape) -> Vec<LegendView> {
        Rating::ALL
            .into_iter()
            .map(|rating| LegendView {
                niva: RatingView::new(rating, &shape.wording),
                betydelse: plain(shape.meaning(rating)),
            })
            .collect()
    }
}
