//! The view of the cover memo (*tjänsteutlåtande*): the administration's
//! letter to the committee with its proposals, and the district reports as
//! numbered attachments (*bilagor*).

use serde::Serialize;

use super::headings::{NoteView, Outliner};
use super::report::ReviewView;
use super::{DocumentView, Rich, StyleView, plain, rich};
use crate::config::Config;
use crate::model::shape::Wording;
use crate::model::{Memo, Review};

/// One attachment: a district report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub district: String,
    pub file: String,
}

#[derive(Debug, Serialize)]
pub struct MemoView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    /// The project's words (memo headings among them).
    pub ord: Wording,
    /// The footnotes, for the web edition's list.
    pub fotnoter: Vec<NoteView>,
    pub granskning: ReviewView,
    pub utlatande: MemoFields,
    pub bilagor: Vec<AttachmentView>,
}

#[derive(Debug, Serialize)]
pub struct MemoFields {
    pub diarienummer: String,
    /// "10 maj 2011".
    pub datum: String,
    pub namnd: String,
    pub rubrik: String,
    pub forslag: Vec<Rich>,
    pub sammanfattning: Rich,
    /// The sections after the summary, in order.
    pub avsnitt: Vec<SectionView>,
    pub undertecknare: Vec<SignatoryView>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub rubrik: String,
    pub text: Rich,
}

#[derive(Debug, Serialize)]
pub struct SignatoryView {
    pub namn: String,
    pub titel: String,
}

#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub nummer: usize,
    pub titel: String,
    pub fil: String,
}

impl MemoView {
    pub fn new(review: &Review, memo: &Memo, attachments: &[Attachment], config: &Config) -> MemoView {
        // A memo's headings are not numbered; its texts are placed in
        // reading order for their sub-headings (below the sections, level
        // 1) and footnotes.
        let mut o = Outliner::new(false);
        let forslag = memo.proposals.iter().map(|p| o.inline_text(rich(p))).collect();
        let sammanfattning = o.text(rich(&memo.summary), 2);
        let avsnitt = memo
            .sections
            .iter()
            .map(|s| SectionView { rubrik: plain(&s.heading), text: o.text(rich(&s.text), 2) })
            .collect();
        let (_, fotnoter) = o.finish(0);
        MemoView {
            ord: review.shape.wording.clone(),
            fotnoter,
            stil: StyleView::new(config),
            dokument: DocumentView::new(
                &format!("Tjänsteutlåtande: {}", memo.heading),
                &review.publisher,
                &format!("Tjänsteutlåtande till {}, diarienummer {}", memo.committee, memo.diarienummer),
                &[&review.service, &memo.committee, &memo.diarienummer],
            ),
            granskning: ReviewView::new(review),
            utlatande: MemoFields {
                diarienummer: plain(&memo.diarienummer),
                datum: memo.date.long(),
                namnd: plain(&memo.committee),
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
            bilagor: attachments
                .iter()
                .enumerate()
                .map(|(i, a)| AttachmentView {
                    nummer: i + 1,
                    titel: plain(&format!("{} – {}", review.title, a.district)),
                    fil: a.file.clone(),
                })
                .collect(),
        }
    }
}
