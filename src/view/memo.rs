//! The view of the cover memo (*tjänsteutlåtande*): the administration's
//! letter to the committee with its proposals, its sections (with the
//! chapters of the covered document they include) and its numbered
//! attachments (*bilagor*), which the pipeline lists from the documents
//! made in the same run.

use serde::Serialize;

use super::annual::chapters::ChapterView;
use super::headings::{NoteView, Outliner};
use super::{DocumentView, Rich, StyleView, plain, rich};
use crate::config::Config;
use crate::model::Memo;
use crate::model::shape::Wording;

/// What the memo covers, as its letterhead and metadata show it.
pub struct Covered<'a> {
    /// Who sends it.
    pub publisher: &'a str,
    /// Keywords for the PDF: the service reviewed, or the annual report.
    pub keyword: &'a str,
    pub words: &'a Wording,
}

/// One attachment, numbered in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentView {
    pub nummer: usize,
    pub titel: String,
    /// The file of a document granska made; `None` for another document.
    pub fil: Option<String>,
    /// Its PDF from the memo's folder ("bromma.pdf",
    /// "../2025-hemloshet/rapport.pdf").
    pub lank: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MemoView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    /// The project's words (memo headings among them).
    pub ord: Wording,
    /// The footnotes, for the web edition's list.
    pub fotnoter: Vec<NoteView>,
    pub utlatande: MemoFields,
    pub bilagor: Vec<AttachmentView>,
}

#[derive(Debug, Serialize)]
pub struct MemoFields {
    pub diarienummer: String,
    /// "10 maj 2011".
    pub datum: String,
    pub namnd: String,
    pub utgivare: String,
    pub rubrik: String,
    pub forslag: Vec<Rich>,
    pub sammanfattning: Option<Rich>,
    /// The sections after the summary, in order.
    pub avsnitt: Vec<SectionView>,
    pub undertecknare: Vec<SignatoryView>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub rubrik: String,
    pub text: Option<Rich>,
    /// Chapters of the covered document, placed one level below (or
    /// without their headings, continuing the text).
    pub kapitel: Vec<ChapterView>,
    pub avslutning: Option<Rich>,
}

#[derive(Debug, Serialize)]
pub struct SignatoryView {
    pub namn: String,
    pub titel: String,
}

impl MemoView {
    /// `include` places the chapter with an id at a level (2: below the
    /// memo's sections, with its heading; 1: without it), or says `None`
    /// where there is nothing to show.
    pub fn new(
        memo: &Memo,
        covered: &Covered,
        bilagor: Vec<AttachmentView>,
        include: &mut dyn FnMut(&str, u8, &mut Outliner) -> Option<ChapterView>,
        config: &Config,
    ) -> MemoView {
        // A memo's headings are not numbered. Its sections are at level 1
        // (the title is a heading above them in every format), their texts'
        // sub-headings and included chapters below; footnotes are numbered
        // in reading order.
        let mut o = Outliner::new(false);
        let forslag = memo.proposals.iter().map(|p| o.inline_text(rich(p))).collect();
        let sammanfattning = memo.summary.as_ref().map(|s| o.text(rich(s), 2));
        let avsnitt = memo
            .sections
            .iter()
            .map(|s| {
                let text = (!s.text.trim().is_empty()).then(|| o.text(rich(&s.text), 2));
                let level = if s.chapter_headings { 2 } else { 1 };
                let kapitel = s
                    .chapters
                    .iter()
                    .filter_map(|id| include(id, level, &mut o))
                    .map(|mut chapter| {
                        if !s.chapter_headings {
                            chapter.rubrik = None;
                        }
                        chapter
                    })
                    .collect();
                let avslutning = (!s.closing.trim().is_empty()).then(|| o.text(rich(&s.closing), 2));
                SectionView { rubrik: plain(&s.heading), text, kapitel, avslutning }
            })
            .collect();
        let (_, fotnoter) = o.finish(0);
        MemoView {
            ord: covered.words.clone(),
            fotnoter,
            stil: StyleView::new(config),
            dokument: DocumentView::new(
                &format!("{}: {}", covered.words.tjansteutlatande, memo.heading),
                covered.publisher,
                &format!(
                    "{} till {}, diarienummer {}",
                    covered.words.tjansteutlatande, memo.committee, memo.diarienummer
                ),
                &[covered.keyword, &memo.committee, &memo.diarienummer],
            ),
            utlatande: MemoFields {
                diarienummer: plain(&memo.diarienummer),
                datum: memo.date.long(),
                namnd: plain(&memo.committee),
                utgivare: plain(covered.publisher),
                rubrik: plain(&memo.heading),
                forslag,
                sammanfattning,
                avsnitt,
                undertecknare: memo
                    .signatories
                    .iter()
                    .map(|s| SignatoryView { namn: plain(&s.name), titel: plain(&s.title) })
                    .collect(),
            },
            bilagor,
        }
    }
}
