//! The list of changes since a version as a document (`granska andringar
//! --pdf`): made like every other document, PDF and web page, and written
//! to `utkast/` beside the drafts it belongs to, outside what is published.

use super::document::{self, DocumentKind, Made, Published};
use super::{DocumentResult, Options, Outcome, Report, Session};
use crate::changes::Changes;
use crate::diag::Diagnostics;
use crate::model::Date;
use crate::output;
use crate::view::View;
use crate::view::changes::ChangesView;

pub fn publish(session: &Session, changes: &Changes, date: Date) -> Report {
    let view = ChangesView::new(changes, date, &session.config);
    let made = Made {
        kind: DocumentKind::Changes,
        view: View::Changes(Box::new(view)),
        date,
        review: String::new(),
        district: String::new(),
        diarienummer: String::new(),
        ratings: Vec::new(),
        label: "Ändringar".to_owned(),
        sources: changes.sources.clone(),
        attachments: Vec::new(),
    };
    let dir = session.project.drafts();
    let stem = format!("andringar-sedan-{}", output::slug(&changes.version.reference));
    let mut diags = Diagnostics::default();
    let options = Options { write: true, ..Options::default() };
    let outcome = match document::publish(session, &made, &dir, &stem, &options, &mut diags) {
        Ok(Published { pages, entry: Some(entry), .. }) => {
            let files = entry.files.iter().map(|f| session.project.shown(&dir.join(&f.name))).collect();
            Outcome::Written { files, pages }
        }
        Ok(Published { pages, entry: None, .. }) => Outcome::Checked { pages },
        Err(_) => Outcome::Failed,
    };
    let result = DocumentResult {
        kind: DocumentKind::Changes,
        label: DocumentKind::Changes.label(&changes.version.reference),
        source: session.project.shown(&session.project.findings()),
        outcome,
        diagnostics: diags.into_vec(),
        read: Vec::new(),
    };
    Report { general: Vec::new(), documents: vec![result], removed: Vec::new() }
}
