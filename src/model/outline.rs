//! The report's outline (*disposition*): its chapters in order, each of a
//! kind and with the project's own title.
//!
//! The mission's frame is fixed: every report has a method chapter, the
//! quality areas, a child-rights analysis, a gender-equality analysis and
//! conclusions ([`ChapterKind::FIXED`]). Everything else is the project's
//! choice: which other chapters it has, their order, their titles, whether
//! they are numbered and whether they start a new page. A chapter the
//! findings say nothing in is left out of the report.

use schemars::JsonSchema;
use serde::Deserialize;

use super::raw::{Spanned, Text};
use super::words::{Words, word_schema};

/// What a chapter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum ChapterKind {
    /// The summary text and, where the project rates, the table of levels.
    #[serde(rename = "sammanfattning")]
    Summary,
    #[serde(rename = "inledning")]
    Introduction,
    /// How the review was made, the questions, the reviewed unit and the
    /// file review.
    #[serde(rename = "metod")]
    Method,
    #[serde(rename = "kvalitetsomraden", alias = "kvalitetsområden")]
    Areas,
    #[serde(rename = "barnrattsanalys", alias = "barnrättsanalys")]
    ChildRights,
    #[serde(rename = "jamstalldhetsanalys", alias = "jämställdhetsanalys")]
    GenderEquality,
    #[serde(rename = "slutsatser")]
    Conclusions,
    #[serde(rename = "rekommendationer")]
    Recommendations,
    /// The key figures, when they have a chapter of their own.
    #[serde(rename = "nyckeltal")]
    KeyFigures,
    #[serde(rename = "kallor", alias = "källor")]
    Sources,
    /// In a follow-up: what became of the earlier review.
    #[serde(rename = "uppfoljning", alias = "uppföljning")]
    FollowUp,
    /// A chapter of the project's own, with an id; its text is written
    /// under `[kapitel.<id>]`.
    #[serde(rename = "eget")]
    Own,
}

impl Words for ChapterKind {
    const ALL: &'static [Self] = &ChapterKind::ALL;
    const DESCRIPTION: &'static str = "Vad kapitlet innehåller.";
    fn key(self) -> &'static str {
        ChapterKind::key(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            ChapterKind::Areas => &["kvalitetsområden"],
            ChapterKind::ChildRights => &["barnrättsanalys"],
            ChapterKind::GenderEquality => &["jämställdhetsanalys"],
            ChapterKind::Sources => &["källor"],
            ChapterKind::FollowUp => &["uppföljning"],
            _ => &[],
        }
    }
    fn doc(self) -> &'static str {
        match self {
            ChapterKind::Summary => {
                "Sammanfattningen och, om projektet sätter kvalitetsnivåer, tabellen med nivåerna. Utelämnas om den är tom."
            }
            ChapterKind::Introduction => "Inledningen. Utelämnas om ingen är skriven.",
            ChapterKind::Method => {
                "Metoden: genomförande, granskningsfrågor, den granskade verksamheten och aktgranskningen. Måste finnas."
            }
            ChapterKind::Areas => "Kvalitetsområdena med iakttagelser och bedömningar. Måste finnas.",
            ChapterKind::ChildRights => "Barnrättsanalysen. Måste finnas.",
            ChapterKind::GenderEquality => "Jämställdhetsanalysen. Måste finnas.",
            ChapterKind::Conclusions => "Slutsatserna. Måste finnas.",
            ChapterKind::Recommendations => "Rekommendationerna. Utelämnas om det inte finns några.",
            ChapterKind::KeyFigures => "Nyckeltalen som ett eget kapitel. Utan det står de under metoden.",
            ChapterKind::Sources => "Källförteckningen. Utelämnas om det inte finns några källor.",
            ChapterKind::FollowUp => "Vid en uppföljning: vad som hänt sedan den tidigare granskningen.",
            ChapterKind::Own => "Ett eget kapitel med ett id; texten skrivs under [kapitel.<id>].",
        }
    }
}

word_schema!(ChapterKind);

impl ChapterKind {
    pub const ALL: [ChapterKind; 12] = [
        ChapterKind::Summary,
        ChapterKind::Introduction,
        ChapterKind::Method,
        ChapterKind::Areas,
        ChapterKind::ChildRights,
        ChapterKind::GenderEquality,
        ChapterKind::Conclusions,
        ChapterKind::Recommendations,
        ChapterKind::KeyFigures,
        ChapterKind::Sources,
        ChapterKind::FollowUp,
        ChapterKind::Own,
    ];

    /// The five sections every report has (the mission's frame).
    pub const FIXED: [ChapterKind; 5] = [
        ChapterKind::Method,
        ChapterKind::Areas,
        ChapterKind::ChildRights,
        ChapterKind::GenderEquality,
        ChapterKind::Conclusions,
    ];

    /// The value written in TOML, and the id of the chapter's text.
    pub fn key(self) -> &'static str {
        match self {
            ChapterKind::Summary => "sammanfattning",
            ChapterKind::Introduction => "inledning",
            ChapterKind::Method => "metod",
            ChapterKind::Areas => "kvalitetsomraden",
            ChapterKind::ChildRights => "barnrattsanalys",
            ChapterKind::GenderEquality => "jamstalldhetsanalys",
            ChapterKind::Conclusions => "slutsatser",
            ChapterKind::Recommendations => "rekommendationer",
            ChapterKind::KeyFigures => "nyckeltal",
            ChapterKind::Sources => "kallor",
            ChapterKind::FollowUp => "uppfoljning",
            ChapterKind::Own => "eget",
        }
    }

    /// The title a chapter of this kind has unless the project gives one.
    /// (A follow-up's names the earlier year; see the view.)
    pub fn default_title(self) -> &'static str {
        match self {
            ChapterKind::Summary => "Sammanfattning",
            ChapterKind::Introduction => "Inledning",
            ChapterKind::Method => "Metod",
            ChapterKind::Areas => "Kvalitetsområden",
            ChapterKind::ChildRights => "Barnrättsanalys",
            ChapterKind::GenderEquality => "Jämställdhetsanalys",
            ChapterKind::Conclusions => "Slutsatser",
            ChapterKind::Recommendations => "Rekommendationer",
            ChapterKind::KeyFigures => "Nyckeltal",
            ChapterKind::Sources => "Källor",
            ChapterKind::FollowUp => "Uppföljning",
            ChapterKind::Own => "",
        }
    }

    /// Front matter (summary, introduction) is unnumbered unless the
    /// project says otherwise; every other chapter follows the project's
    /// numbering.
    pub fn front_matter(self) -> bool {
        matches!(self, ChapterKind::Summary | ChapterKind::Introduction)
    }

    pub fn is_fixed(self) -> bool {
        ChapterKind::FIXED.contains(&self)
    }
}

/// One entry of `[[disposition]]`, as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett kapitel i rapportens disposition, i ordning.")]
pub struct RawChapter {
    #[schemars(description = "Vad kapitlet innehåller.")]
    pub typ: Spanned<ChapterKind>,
    #[schemars(description = "Kapitlets rubrik; utan den gäller standardrubriken, t.ex. \"Slutsatser\".")]
    #[serde(default)]
    pub rubrik: Option<Text>,
    #[schemars(
        description = "För typ = \"eget\": kapitlets id med a–z, 0–9 och _, t.ex. \"analys\". Texten skrivs under [kapitel.<id>].",
        extend("pattern" = r"^\s*[a-z0-9_]+\s*$", "examples" = ["analys"])
    )]
    #[serde(default)]
    pub id: Option<Text>,
    #[schemars(
        description = "true om rubriken ska numreras (standard: som numrerade_rubriker, utom sammanfattning och inledning)."
    )]
    #[serde(default)]
    pub numrerad: Option<Spanned<bool>>,
    #[schemars(
        description = "true om kapitlet ska börja på en ny sida (standard: false, kapitlet börjar där det förra slutar; i standarddispositionen börjar varje kapitel på en ny sida)."
    )]
    #[serde(default)]
    pub ny_sida: Option<Spanned<bool>>,
    #[schemars(
        description = "För typ = \"kvalitetsomraden\": en rubrik över områdena, t.ex. \"Uppföljning utifrån kvalitetsområden\"; områdena står då en nivå under den."
    )]
    #[serde(default)]
    pub omradesrubrik: Option<Text>,
    #[schemars(
        description = "För typ = \"kvalitetsomraden\": true om varje kvalitetsområde ska vara ett eget kapitel, utan en gemensam rubrik över dem."
    )]
    #[serde(default)]
    pub omraden_som_kapitel: Option<Spanned<bool>>,
}

/// A chapter of the outline, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub kind: ChapterKind,
    /// The id its text is written under: the kind's key, or the own
    /// chapter's id.
    pub id: String,
    /// The title; `None` for the kind's default.
    pub title: Option<String>,
    /// `None`: as the project numbers its headings (front matter never).
    pub numbered: Option<bool>,
    /// Starts a new page (otherwise it follows the chapter before on the
    /// same page, so no page is left almost empty by a forced break).
    pub new_page: bool,
    /// The quality-areas chapter: a heading over the areas.
    pub areas_heading: Option<String>,
    /// The quality-areas chapter: each area a chapter of its own (the
    /// chapter itself has no heading).
    pub areas_as_chapters: bool,
}

impl Chapter {
    pub fn of(kind: ChapterKind) -> Chapter {
        Chapter {
            kind,
            id: kind.key().to_owned(),
            title: None,
            numbered: None,
            new_page: false,
            areas_heading: None,
            areas_as_chapters: false,
        }
    }
}

/// The chapters of a report, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub chapters: Vec<Chapter>,
}

impl Default for Outline {
    /// The outline of the Stockholm 2011 reports: summary and introduction,
    /// the follow-up part (in a follow-up report, first), the five fixed
    /// sections, recommendations and sources.
    fn default() -> Self {
        use ChapterKind as K;
        Outline {
            chapters: [
                K::Summary,
                K::Introduction,
                K::FollowUp,
                K::Method,
                K::Areas,
                K::ChildRights,
                K::GenderEquality,
                K::Conclusions,
                K::Recommendations,
                K::Sources,
            ]
            .into_iter()
            // Today's reports start every chapter on a new page.
            .map(|kind| Chapter { new_page: true, ..Chapter::of(kind) })
            .collect(),
        }
    }
}

impl Outline {
    /// The chapter whose text is written under `id`.
    pub fn chapter(&self, id: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.id == id)
    }

    pub fn has(&self, kind: ChapterKind) -> bool {
        self.chapters.iter().any(|c| c.kind == kind)
    }

    /// The ids a file may write text under (`[kapitel.<id>]`): every
    /// chapter's, the own chapters' and the built-in ones' alike.
    pub fn text_ids(&self) -> impl Iterator<Item = &str> {
        self.chapters.iter().map(|c| c.id.as_str())
    }
}
