//! The annual report (*årsrapport*) as the project writes it in
//! `findings/arsrapport-<år>.toml`: its own fields and texts, its outline
//! (which chapters, in which order, under which titles) and its cover memo.
//!
//! Its reviews are not written here: they are every review published in
//! the year. Follow-ups published in the year have a chapter of their own
//! and are not counted among the year's reviews.
//!
//! ```toml
//! [[disposition]]
//! typ = "eget"
//! id = "ovrigt"
//! rubrik = "Övrigt arbete"
//!
//! [[disposition]]
//! typ = "kvalitetsomraden"
//! visar = ["bedomning"]
//! omraden_som_kapitel = true
//!
//! [kapitel.ovrigt]
//! text = """…"""
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::raw::{RawAnnual, Spanned, Text};
use super::shape::Wording;
use super::words::{Words, word_schema};
use super::{Date, Memo, chapter_texts, text};

/// What a chapter of the annual report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum AnnualKind {
    /// A chapter of the project's own; its text is under `[kapitel.<id>]`.
    #[serde(rename = "eget")]
    Own,
    /// The year's reviews, one entry each.
    #[serde(rename = "granskningar")]
    Reviews,
    /// The table of levels per report and area; left out when no review
    /// of the year rates its areas.
    #[serde(rename = "kvalitetsnivaer", alias = "kvalitetsnivåer")]
    Levels,
    /// Each quality area, with what each review found in it.
    #[serde(rename = "kvalitetsomraden", alias = "kvalitetsområden")]
    Areas,
    #[serde(rename = "barnrattsanalys", alias = "barnrättsanalys")]
    ChildRights,
    #[serde(rename = "jamstalldhetsanalys", alias = "jämställdhetsanalys")]
    GenderEquality,
    /// The follow-ups published in the year, with what became of the
    /// earlier reviews' recommendations.
    #[serde(rename = "uppfoljningar", alias = "uppföljningar")]
    FollowUps,
}

impl Words for AnnualKind {
    const ALL: &'static [Self] = &[
        AnnualKind::Own,
        AnnualKind::Reviews,
        AnnualKind::Levels,
        AnnualKind::Areas,
        AnnualKind::ChildRights,
        AnnualKind::GenderEquality,
        AnnualKind::FollowUps,
    ];
    const DESCRIPTION: &'static str = "Vad kapitlet i årsrapporten innehåller.";
    fn key(self) -> &'static str {
        AnnualKind::key(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            AnnualKind::Levels => &["kvalitetsnivåer"],
            AnnualKind::Areas => &["kvalitetsområden"],
            AnnualKind::ChildRights => &["barnrättsanalys"],
            AnnualKind::GenderEquality => &["jämställdhetsanalys"],
            AnnualKind::FollowUps => &["uppföljningar"],
            _ => &[],
        }
    }
    fn doc(self) -> &'static str {
        match self {
            AnnualKind::Own => "Ett eget kapitel med ett id; texten skrivs under [kapitel.<id>].",
            AnnualKind::Reviews => "Årets granskningar, en post per granskning (uppföljningar står för sig).",
            AnnualKind::Levels => {
                "Tabellen med kvalitetsnivåer per område och rapport. Utelämnas om ingen av årets granskningar sätter nivåer."
            }
            AnnualKind::Areas => {
                "Kvalitetsområdena med vad varje granskning visade; `visar` väljer nivå, sammanfattning, iakttagelser och bedömning."
            }
            AnnualKind::ChildRights => "Barnrättsanalysen: varje granskning och aktgranskningens frågor om barn.",
            AnnualKind::GenderEquality => "Jämställdhetsanalysen: varje granskning och aktgranskningen per kön.",
            AnnualKind::FollowUps => {
                "Årets uppföljningar av tidigare granskningar, med status för rekommendationerna och texterna. Utelämnas om inga finns."
            }
        }
    }
}

word_schema!(AnnualKind);

impl AnnualKind {
    /// The value written in TOML, and the id of the chapter's text.
    pub fn key(self) -> &'static str {
        match self {
            AnnualKind::Own => "eget",
            AnnualKind::Reviews => "granskningar",
            AnnualKind::Levels => "kvalitetsnivaer",
            AnnualKind::Areas => "kvalitetsomraden",
            AnnualKind::ChildRights => "barnrattsanalys",
            AnnualKind::GenderEquality => "jamstalldhetsanalys",
            AnnualKind::FollowUps => "uppfoljningar",
        }
    }

    /// The title a chapter of this kind has unless the file gives one.
    pub fn default_title(self) -> &'static str {
        match self {
            AnnualKind::Own => "",
            AnnualKind::Reviews => "Årets granskningar",
            AnnualKind::Levels => "Kvalitetsnivåer",
            AnnualKind::Areas => "Kvalitetsområden",
            AnnualKind::ChildRights => "Barnrättsanalys",
            AnnualKind::GenderEquality => "Jämställdhetsanalys",
            AnnualKind::FollowUps => "Uppföljningar",
        }
    }
}

/// What the quality-areas chapter shows of each review's area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Shows {
    /// The level, where the review rates.
    #[serde(rename = "niva", alias = "nivå")]
    Level,
    /// The area's one-sentence summary (or its statements).
    #[serde(rename = "sammanfattning")]
    Summary,
    #[serde(rename = "iakttagelser")]
    Observations,
    #[serde(rename = "bedomning", alias = "bedömning")]
    Assessment,
}

impl Words for Shows {
    const ALL: &'static [Self] = &[Shows::Level, Shows::Summary, Shows::Observations, Shows::Assessment];
    const DESCRIPTION: &'static str = "En del av områdets text i årsrapporten.";
    fn key(self) -> &'static str {
        match self {
            Shows::Level => "niva",
            Shows::Summary => "sammanfattning",
            Shows::Observations => "iakttagelser",
            Shows::Assessment => "bedomning",
        }
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Shows::Level => &["nivå"],
            Shows::Assessment => &["bedömning"],
            _ => &[],
        }
    }
    fn doc(self) -> &'static str {
        match self {
            Shows::Level => "Kvalitetsnivån, där granskningen sätter nivåer.",
            Shows::Summary => "Områdets sammanfattning i en mening (eller dess konstateranden).",
            Shows::Observations => "Iakttagelserna.",
            Shows::Assessment => "Bedömningen.",
        }
    }
}

word_schema!(Shows);

impl Shows {
    /// What the areas show unless the outline says: the level, the summary
    /// and the assessment.
    pub const DEFAULT: [Shows; 3] = [Shows::Level, Shows::Summary, Shows::Assessment];
}

/// One entry of the annual report's `[[disposition]]`, as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett kapitel i årsrapportens disposition, i ordning.")]
pub struct RawAnnualChapter {
    #[schemars(description = "Vad kapitlet innehåller.")]
    pub typ: Spanned<AnnualKind>,
    #[schemars(description = "Kapitlets rubrik; utan den gäller standardrubriken, t.ex. \"Årets granskningar\".")]
    #[serde(default)]
    pub rubrik: Option<Text>,
    #[schemars(
        description = "För typ = \"eget\": kapitlets id med a–z, 0–9 och _, t.ex. \"planering\". Texten skrivs under [kapitel.<id>].",
        extend("pattern" = r"^\s*[a-z0-9_]+\s*$", "examples" = ["planering"])
    )]
    #[serde(default)]
    pub id: Option<Text>,
    #[schemars(description = "true om rubriken ska numreras (standard: true).")]
    #[serde(default)]
    pub numrerad: Option<Spanned<bool>>,
    #[schemars(description = "true om kapitlet ska börja på en ny sida (standard: true).")]
    #[serde(default)]
    pub ny_sida: Option<Spanned<bool>>,
    #[schemars(
        description = "För typ = \"kvalitetsomraden\": vad som visas för varje granskning i området, i ordning, t.ex. [\"bedomning\"]. Standard: [\"niva\", \"sammanfattning\", \"bedomning\"]."
    )]
    #[serde(default)]
    pub visar: Option<Spanned<Vec<Spanned<Shows>>>>,
    #[schemars(
        description = "För typ = \"kvalitetsomraden\": true om varje kvalitetsområde ska vara ett eget kapitel, utan en gemensam rubrik över dem."
    )]
    #[serde(default)]
    pub omraden_som_kapitel: Option<Spanned<bool>>,
}

/// A chapter of the annual report, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualChapter {
    pub kind: AnnualKind,
    /// The id its text is written under: the kind's key, or the own
    /// chapter's id.
    pub id: String,
    pub title: String,
    pub numbered: bool,
    pub new_page: bool,
    /// For the areas chapter: what each review's area shows, in order.
    pub shows: Vec<Shows>,
    /// For the areas chapter: each area a chapter of its own.
    pub areas_as_chapters: bool,
}

impl AnnualChapter {
    /// A chapter of `kind` with its default title, numbered, on a new page.
    pub fn of(kind: AnnualKind) -> AnnualChapter {
        AnnualChapter {
            kind,
            id: kind.key().to_owned(),
            title: kind.default_title().to_owned(),
            numbered: true,
            new_page: true,
            shows: Shows::DEFAULT.to_vec(),
            areas_as_chapters: false,
        }
    }

    /// An own chapter.
    pub fn own(id: &str, title: String) -> AnnualChapter {
        AnnualChapter { id: id.to_owned(), title, ..AnnualChapter::of(AnnualKind::Own) }
    }
}

/// The chapters of an annual report, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualOutline {
    pub chapters: Vec<AnnualChapter>,
}

impl AnnualOutline {
    /// The outline of an annual report for `year` that writes none:
    /// introduction, the year's reviews, the levels, the areas, the two
    /// analyses, the follow-ups and the plan for next year. Own chapters
    /// without a text, and built-in ones without content, are left out.
    pub fn default_for(year: i32) -> AnnualOutline {
        use AnnualKind as K;
        let mut chapters =
            vec![AnnualChapter { numbered: true, ..AnnualChapter::own("inledning", "Inledning".into()) }];
        chapters.extend(
            [K::Reviews, K::Levels, K::Areas, K::ChildRights, K::GenderEquality, K::FollowUps]
                .into_iter()
                .map(AnnualChapter::of),
        );
        chapters.push(AnnualChapter::own("planering", format!("Planering för {}", year + 1)));
        AnnualOutline { chapters }
    }

    pub fn chapter(&self, id: &str) -> Option<&AnnualChapter> {
        self.chapters.iter().find(|c| c.id == id)
    }
}

/// An annual report (*årsrapport*): its own fields, outline, texts and
/// memo; its reviews are those published in `year`.
#[derive(Debug, Clone)]
pub struct Annual {
    pub year: i32,
    pub title: String,
    pub diarienummer: String,
    pub published: Date,
    pub publisher: String,
    pub recipient: String,
    pub outline: AnnualOutline,
    /// Markdown texts of the chapters, by id (`[kapitel.<id>]`).
    pub chapters: BTreeMap<String, String>,
    pub memo: Option<Memo>,
}

impl Annual {
    /// `None` only if a date is not a date (reported by lint first).
    /// Without a title of its own it is "<word> <year>", the project's word
    /// for an annual report.
    pub fn from_raw(year: i32, raw: &RawAnnual, outline: AnnualOutline, words: &Wording) -> Option<Annual> {
        let title = raw.titel.as_ref().map_or_else(|| format!("{} {year}", words.arsrapport), text);
        let diarienummer = text(&raw.diarienummer);
        let mut chapters = chapter_texts(&raw.kapitel);
        for (id, written) in [("inledning", &raw.inledning), ("planering", &raw.planering)] {
            if let Some(written) = written {
                chapters.entry(id.to_owned()).or_insert_with(|| text(written));
            }
        }
        let memo = match &raw.tjansteutlatande {
            Some(m) => Some(Memo::from_raw(m, &diarienummer, &title, words)?),
            None => None,
        };
        Some(Annual {
            year,
            published: Date::from_toml(raw.publiceringsdatum.get_ref())?,
            publisher: text(&raw.utgivare),
            recipient: text(&raw.mottagare),
            title,
            diarienummer,
            outline,
            chapters,
            memo,
        })
    }
}
