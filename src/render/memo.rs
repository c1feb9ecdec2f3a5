//! The template contract of the cover memo (*tjänsteutlåtande*): the
//! administration's letter to the committee with its proposals, and the
//! district reports as numbered attachments (*bilagor*).

use serde::Serialize;

use super::view::{DocumentView, Markup, ReviewView, StyleView, literal, plain, rich};
use crate::config::Config;
use crate::model::{Memo, Review};

/// One attachment: a district report.
pub struct Attachment {
    pub district: String,
    pub file: String,
}

#[derive(Debug, Serialize)]
pub struct MemoView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    pub granskning: ReviewView,
    pub utlatande: MemoFields,
    pub bilagor: Vec<AttachmentView>,
}

#[derive(Debug, Serialize)]
pub struct MemoFields {
    pub diarienummer: Markup,
    /// Markup: "10 maj 2011".
    pub datum: Markup,
    pub namnd: Markup,
    pub rubrik: Markup,
    pub forslag: Vec<Markup>,
    pub sammanfattning: Markup,
    pub beredning: Markup,
    pub undertecknare: Vec<SignatoryView>,
}

#[derive(Debug, Serialize)]
pub struct SignatoryView {
    pub namn: Markup,
    pub titel: Markup,
}

#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub nummer: usize,
    pub titel: Markup,
    pub fil: Markup,
}

impl MemoView {
    pub fn new(review: &Review, memo: &Memo, attachments: &[Attachment], config: &Config) -> MemoView {
        MemoView {
            stil: StyleView::new(config),
            dokument: DocumentView {
                titel: literal(&format!("Tjänsteutlåtande: {}", memo.heading)),
                forfattare: literal(&review.publisher),
                amne: literal(&format!("Tjänsteutlåtande till {}, diarienummer {}", memo.committee, memo.diarienummer)),
                nyckelord: format!(
                    "({},)",
                    [&review.service, &memo.committee, &memo.diarienummer].map(|k| literal(k)).join(", ")
                ),
            },
            granskning: ReviewView::new(review),
            utlatande: MemoFields {
                diarienummer: plain(&memo.diarienummer),
                datum: plain(&memo.date.long()),
                namnd: plain(&memo.committee),
                rubrik: plain(&memo.heading),
                forslag: memo.proposals.iter().map(|p| rich(p)).collect(),
                sammanfattning: rich(&memo.summary),
                beredning: rich(&memo.preparation),
                undertecknare: memo
                    .signatories
                    .iter()
                    .map(|(name, title)| SignatoryView { namn: plain(name), titel: plain(title) })
                    .collect(),
            },
            bilagor: attachments
                .iter()
                .enumerate()
                .map(|(i, a)| AttachmentView {
                    nummer: i + 1,
                    titel: plain(&format!("{} – {}", review.title, a.district)),
                    fil: plain(&a.file),
                })
                .collect(),
        }
    }
}
