//! The list of changes since a version (`granska andringar --pdf`), for
//! the record of a fact-checking round: per file and section, each change
//! with its line, key, and the text before and after.

use serde::Serialize;

use super::{DocumentView, StyleView, plain};
use crate::changes::{Changes, FileStatus, What};
use crate::config::Config;
use crate::model::Date;

#[derive(Debug, Serialize)]
pub struct ChangesView {
    pub dokument: DocumentView,
    pub stil: StyleView,
    /// The version compared against, e.g. "faktagranskning-2026-11-20".
    pub sedan: String,
    /// "commit a1b2c3d av 20 november 2026: Utkast för faktagranskning".
    pub version: String,
    /// The date of the list.
    pub datum: String,
    /// "3 ändringar i 2 filer".
    pub sammanfattning: String,
    pub filer: Vec<FileView>,
}

#[derive(Debug, Serialize)]
pub struct FileView {
    /// "Bromma" or "granskning.toml".
    pub namn: String,
    /// "findings/2011-ekonomiskt-bistand/bromma.toml".
    pub fil: String,
    /// "ny fil", "borttagen" or, for a file that no longer parses,
    /// "ändrad (kan inte jämföras i detalj)"; none for an ordinary change.
    pub status: Option<&'static str>,
    pub avsnitt: Vec<SectionView>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub rubrik: String,
    pub andringar: Vec<ChangeView>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// The line in the current file.
    pub rad: usize,
    /// What changed, in the inspectors' words: "Iakttagelser",
    /// "Rekommendation 3, ny".
    pub nyckel: String,
    /// "ändrad", "ny" or "borttagen".
    pub slag: &'static str,
    /// The text before ([`NOT_THERE`] for something new).
    pub fore: String,
    /// The text now ([`REMOVED`] for something removed).
    pub efter: String,
}

/// What the "before" cell says of something new (never an empty cell).
pub const NOT_THERE: &str = "(fanns inte)";
/// What the "now" cell says of something removed.
pub const REMOVED: &str = "(borttagen)";

impl ChangesView {
    pub fn new(changes: &Changes, date: Date, config: &Config) -> ChangesView {
        let version = &changes.version;
        let when = version.date.map(|d| format!(" av {}", d.long())).unwrap_or_default();
        let summary = if version.summary.is_empty() { String::new() } else { format!(": {}", version.summary) };
        let title = format!("Ändringar sedan {}", version.reference);
        let subject = format!("Ändringar i iakttagelserna sedan versionen {} (faktagranskning)", version.reference);
        ChangesView {
            dokument: DocumentView::new(
                &title,
                config.organisation.as_deref().unwrap_or("granska"),
                &subject,
                &["faktagranskning", "ändringar"],
            ),
            stil: StyleView::new(config),
            sedan: plain(&version.reference),
            version: plain(&format!("commit {}{when}{summary}", version.commit)),
            datum: date.long(),
            sammanfattning: count_line(changes),
            filer: changes.files.iter().map(file).collect(),
        }
    }
}

/// "3 ändringar i 2 filer", "inga ändringar".
pub fn count_line(changes: &Changes) -> String {
    let (n, files) = (changes.count(), changes.files.len());
    match (n, files) {
        (0, _) => "inga ändringar".to_owned(),
        (1, _) => "1 ändring i 1 fil".to_owned(),
        (n, 1) => format!("{n} ändringar i 1 fil"),
        (n, files) => format!("{n} ändringar i {files} filer"),
    }
}

fn file(file: &crate::changes::FileChanges) -> FileView {
    FileView {
        namn: plain(&file.label),
        fil: file.path.display().to_string(),
        status: match file.status {
            FileStatus::New => Some("ny fil"),
            FileStatus::Removed => Some("borttagen"),
            FileStatus::Unreadable => {
                Some("ändrad (en av versionerna är inte giltig TOML och kan inte jämföras i detalj)")
            }
            FileStatus::Changed => None,
        },
        avsnitt: file
            .sections
            .iter()
            .map(|s| SectionView {
                rubrik: plain(&s.title),
                andringar: s
                    .changes
                    .iter()
                    .map(|c| {
                        let (slag, fore, efter) = match &c.what {
                            What::Changed { before, after } => ("ändrad", before.clone(), after.clone()),
                            What::Added(text) => ("ny", NOT_THERE.to_owned(), text.clone()),
                            What::Removed { text, .. } => ("borttagen", text.clone(), REMOVED.to_owned()),
                        };
                        let nyckel = match slag {
                            "ändrad" => plain(&c.key),
                            _ => plain(&format!("{}, {slag}", c.key)),
                        };
                        ChangeView { rad: c.line, nyckel, slag, fore: plain(&fore), efter: plain(&efter) }
                    })
                    .collect(),
            })
            .collect(),
    }
}
