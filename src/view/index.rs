//! The view of `output/index.html`: every review in the output folder with
//! its documents (web page and PDF), and a matrix of the districts' ratings
//! per quality area, for a secretariat that publishes the folder as it is.

use serde::Serialize;

use super::{DocumentView, RatingView, StyleView, plain};
use crate::config::Config;
use crate::incremental::Entry;
use crate::model::shape::Wording;

#[derive(Debug, Serialize)]
pub struct IndexView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    /// The project's words.
    pub ord: Wording,
    pub granskningar: Vec<ReviewIndexView>,
}

/// One folder of `output/`: a review, or a year's annual report.
#[derive(Debug, Serialize)]
pub struct ReviewIndexView {
    pub titel: String,
    /// The folder's name, which the links start with.
    pub mapp: String,
    pub dokument: Vec<DocumentLinkView>,
    /// The areas of the ratings matrix, in order.
    pub omradesnamn: Vec<String>,
    pub matris: Vec<MatrixRowView>,
}

#[derive(Debug, Serialize)]
pub struct DocumentLinkView {
    pub titel: String,
    /// "Granskningsrapport", "Uppföljning", "Tjänsteutlåtande", "Årsrapport",
    /// in the project's words.
    pub slag: String,
    pub diarienummer: String,
    /// "15 april 2011".
    pub datum: String,
    pub datum_iso: String,
    /// Links relative to `output/`.
    pub html: Option<String>,
    pub pdf: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MatrixRowView {
    pub distrikt: String,
    /// One per area of [`ReviewIndexView::omradesnamn`]; none where the
    /// district has no rating for it.
    pub nivaer: Vec<Option<RatingView>>,
}

impl IndexView {
    /// `folders` are the folders of `output/` with their documents' state.
    pub fn new(folders: &[(String, Vec<Entry>)], config: &Config) -> IndexView {
        let organisation = config.organisation.as_deref().unwrap_or("granska");
        IndexView {
            stil: StyleView::new(config),
            ord: config.shape.wording.clone(),
            dokument: DocumentView::new(
                "Granskningar och rapporter",
                organisation,
                &format!("Alla granskningsrapporter, tjänsteutlåtanden och årsrapporter från {organisation}"),
                &["granskningar", "rapporter"],
            ),
            granskningar: folders
                .iter()
                .filter(|(_, e)| !e.is_empty())
                .map(|(f, e)| review(f, e, &config.shape.wording))
                .collect(),
        }
    }
}

fn review(folder: &str, entries: &[Entry], words: &Wording) -> ReviewIndexView {
    let mut areas: Vec<String> = Vec::new();
    for entry in entries {
        for (area, _) in &entry.ratings {
            if !areas.contains(area) {
                areas.push(area.clone());
            }
        }
    }
    let matris = entries
        .iter()
        .filter(|e| !e.ratings.is_empty())
        .map(|e| MatrixRowView {
            distrikt: plain(&e.district),
            nivaer: areas
                .iter()
                .map(|area| {
                    let (_, rating) = e.ratings.iter().find(|(a, _)| a == area)?;
                    Some(RatingView::new(*rating, words))
                })
                .collect(),
        })
        .collect();
    ReviewIndexView {
        titel: entries.first().map(|e| plain(&e.review)).unwrap_or_default(),
        mapp: folder.to_owned(),
        dokument: entries.iter().map(|e| link(folder, e)).collect(),
        omradesnamn: areas,
        matris,
    }
}

fn link(folder: &str, entry: &Entry) -> DocumentLinkView {
    DocumentLinkView {
        titel: plain(&entry.title),
        slag: plain(&entry.label),
        diarienummer: plain(&entry.diarienummer),
        datum: entry.date.map(|d| d.long()).unwrap_or_default(),
        datum_iso: entry.date.map(|d| d.to_string()).unwrap_or_default(),
        html: entry.file("html").map(|f| format!("{folder}/{f}")),
        pdf: entry.pdf().map(|f| format!("{folder}/{f}")),
    }
}
