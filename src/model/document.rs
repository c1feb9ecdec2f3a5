//! The kinds of document granska makes, as the state, the manifest and the
//! index record them.

use serde::{Deserialize, Serialize};

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DocumentKind {
    /// A district's (or a unit's, or several units') inspection report
    /// (*granskningsrapport*).
    #[default]
    #[serde(rename = "distrikt")]
    District,
    /// A report in a review that follows up an earlier one.
    #[serde(rename = "uppfoljning")]
    FollowUp,
    /// A review's cover memo to the committee (*tjänsteutlåtande*).
    #[serde(rename = "tjansteutlatande")]
    Memo,
    /// A year's annual report (*årsrapport*).
    #[serde(rename = "arsrapport")]
    Annual,
    /// The changes since a version, for the record of a fact-checking round.
    #[serde(rename = "andringar")]
    Changes,
}

impl DocumentKind {
    /// The kind's key in the state and the index.
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::District => "distrikt",
            DocumentKind::FollowUp => "uppfoljning",
            DocumentKind::Memo => "tjansteutlatande",
            DocumentKind::Annual => "arsrapport",
            DocumentKind::Changes => "andringar",
        }
    }

    /// The kind as a registrar files it: "granskningsrapport",
    /// "uppföljning", "tjänsteutlåtande", "årsrapport".
    pub fn noun(self) -> &'static str {
        match self {
            DocumentKind::District => "granskningsrapport",
            DocumentKind::FollowUp => "uppföljning",
            DocumentKind::Memo => "tjänsteutlåtande",
            DocumentKind::Annual => "årsrapport",
            DocumentKind::Changes => "ändringar",
        }
    }

    /// How messages name a document of this kind: `name` is the district,
    /// the memo's diarienummer or the year.
    pub fn label(self, name: &str) -> String {
        match self {
            DocumentKind::District => format!("granskningsrapporten för {name}"),
            DocumentKind::FollowUp => format!("uppföljningen för {name}"),
            DocumentKind::Memo => format!("tjänsteutlåtandet {name}"),
            DocumentKind::Annual => format!("årsrapporten {name}"),
            DocumentKind::Changes => format!("ändringarna sedan {name}"),
        }
    }
}
