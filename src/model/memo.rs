//! The administration's cover memo (*tjänsteutlåtande*) to the committee:
//! its proposals, its sections (which may include chapters of the document
//! it covers, so nothing is written twice) and its attachments (*bilagor*).
//!
//! A memo is written in the file of what it covers: a review's
//! `granskning.toml` (its reports are the attachments) or an annual
//! report's `arsrapport-<år>.toml` (the annual report is Bilaga 1).

use super::raw::{RawMemo, RawMemoAttachment};
use super::shape::Wording;
use super::{Date, text};

#[derive(Debug, Clone)]
pub struct Memo {
    pub diarienummer: String,
    pub date: Date,
    pub committee: String,
    pub heading: String,
    pub proposals: Vec<String>,
    /// Markdown; `None` where a section takes its place.
    pub summary: Option<String>,
    /// The sections after the summary, in order (the preparation, if
    /// written as `beredning`, is the last).
    pub sections: Vec<MemoSection>,
    pub signatories: Vec<Signatory>,
    /// The attachments as the memo lists them; empty for "the documents
    /// it covers".
    pub attachments: Vec<Attachment>,
}

/// A section of the memo: a heading, its text, and the chapters of the
/// covered document it includes after the text.
#[derive(Debug, Clone)]
pub struct MemoSection {
    pub heading: String,
    /// Markdown; may be empty when the section only includes chapters.
    pub text: String,
    /// Ids of chapters of the covered document, in order.
    pub chapters: Vec<String>,
    /// Whether the chapters keep their headings.
    pub chapter_headings: bool,
    /// Markdown after the chapters; may be empty.
    pub closing: String,
}

/// One who signs the memo.
#[derive(Debug, Clone)]
pub struct Signatory {
    pub name: String,
    pub title: String,
}

/// An attachment a memo lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attachment {
    /// A document granska makes, by name: a district file's name in the
    /// review (`"bromma"`), or the annual report (`"arsrapport-2025"`).
    Document(String),
    /// A document made elsewhere (e.g. a protocol excerpt), by its title.
    Other(String),
}

impl Memo {
    /// `None` only if the date is not a date (reported by lint first).
    /// `dnr` and `heading` are what the memo has unless it says otherwise;
    /// `words` gives the heading of `beredning`.
    pub fn from_raw(m: &RawMemo, dnr: &str, heading: &str, words: &Wording) -> Option<Memo> {
        let mut sections: Vec<MemoSection> = m
            .avsnitt
            .iter()
            .map(|s| MemoSection {
                heading: text(&s.rubrik),
                text: s.text.as_ref().map(text).unwrap_or_default(),
                chapters: s.kapitel.iter().map(|c| c.get_ref().trim().to_owned()).collect(),
                chapter_headings: s.kapitelrubriker.unwrap_or(true),
                closing: s.avslutning.as_ref().map(text).unwrap_or_default(),
            })
            .collect();
        if let Some(preparation) = &m.beredning {
            sections.push(MemoSection {
                heading: words.beredning.clone(),
                text: text(preparation),
                chapters: Vec::new(),
                chapter_headings: true,
                closing: String::new(),
            });
        }
        Some(Memo {
            diarienummer: m.diarienummer.as_ref().map_or_else(|| dnr.trim().to_owned(), text),
            date: Date::from_toml(m.datum.get_ref())?,
            committee: text(&m.namnd),
            heading: m.rubrik.as_ref().map_or_else(|| heading.to_owned(), text),
            proposals: m.forslag.iter().map(text).collect(),
            summary: m.sammanfattning.as_ref().map(text),
            sections,
            signatories: m
                .undertecknare
                .iter()
                .map(|s| Signatory { name: text(&s.namn), title: text(&s.titel) })
                .collect(),
            attachments: m.bilaga.iter().filter_map(Attachment::from_raw).collect(),
        })
    }

    /// The chapter ids the memo's sections include.
    pub fn included_chapters(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().flat_map(|s| s.chapters.iter().map(String::as_str))
    }
}

impl Attachment {
    /// `None` for an entry with neither key (reported by lint first).
    fn from_raw(raw: &RawMemoAttachment) -> Option<Attachment> {
        match (&raw.dokument, &raw.titel) {
            (Some(name), _) => Some(Attachment::Document(name.get_ref().trim().to_owned())),
            (None, Some(title)) => Some(Attachment::Other(text(title))),
            (None, None) => None,
        }
    }
}
