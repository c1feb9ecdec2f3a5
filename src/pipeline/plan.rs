//! The plan: which documents a review has, and which of them to make. Pure:
//! it reads no file, so every rule is unit-tested on values.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::DocumentKind;
use super::inputs::ReviewInput;
use crate::incremental::{self, Entry};
use crate::output;

/// The key of a review's cover memo in its output folder's state (no
/// district file can be named this: it is not a valid file stem on every
/// system).
pub const MEMO_KEY: &str = "(tjänsteutlåtande)";

/// A document of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub kind: DocumentKind,
    /// Its key in the review's state: the district file's stem, or
    /// [`MEMO_KEY`].
    pub key: String,
    /// The index of its district file in the review, for district reports.
    pub district: Option<usize>,
    /// The district's name, or the memo's diarienummer.
    pub name: String,
    pub label: String,
    /// The findings file it is made from.
    pub source: PathBuf,
    /// Its output file name without extension.
    pub stem: String,
    /// Its fingerprint; `None` when its findings could not be read (it is
    /// made anyway, to report why it fails).
    pub fingerprint: Option<String>,
}

/// What to do with a planned document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Make,
    /// Unchanged since it was written; its state entry.
    Keep(Box<Entry>),
    /// Not made: its output file would be another document's (see
    /// [`collisions`]); the reason was reported.
    Refused,
}

/// Documents of one review whose output files would be the same file
/// (`Bromma.toml` and `bromma.toml`, or a district file named
/// `tjansteutlatande.toml`): each later one, with the first it collides
/// with. Names are compared as a case-insensitive file system would.
pub fn collisions(documents: &[Planned]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (j, later) in documents.iter().enumerate() {
        let first = documents[..j].iter().position(|d| d.stem.to_lowercase() == later.stem.to_lowercase());
        if let Some(i) = first {
            out.push((j, i));
        }
    }
    out
}

/// The documents of a review. `shared` is the fingerprint of everything
/// all documents share; `whole` says whether the review is built whole (a
/// cover memo lists all of its district reports, so it is made only then).
pub fn documents(input: &ReviewInput, shared: &str, whole: bool) -> Vec<Planned> {
    let mut out = Vec::new();
    let Some(review) = &input.review else {
        // Its documents fail with the review; they are listed so that
        // the user sees which.
        return input
            .districts
            .iter()
            .enumerate()
            .map(|(d, district)| Planned {
                kind: DocumentKind::District,
                key: district.id.clone(),
                district: Some(d),
                name: district.name(),
                label: DocumentKind::District.label(&district.name()),
                source: district.path.clone(),
                stem: district.id.clone(),
                fingerprint: None,
            })
            .collect();
    };
    let follow_up = review.raw.foljer_upp.is_some() || !review.raw.tidigare_granskning.is_empty();
    let kind = if follow_up { DocumentKind::FollowUp } else { DocumentKind::District };
    let diarienummer = review.raw.diarienummer.get_ref();
    for (d, district) in input.districts.iter().enumerate() {
        let fingerprint = district.loaded.as_ref().map(|loaded| {
            let mut parts = vec![review.source.text.as_bytes(), loaded.source.text.as_bytes()];
            parts.extend(input.earlier.iter().map(|e| e.review.source.text.as_bytes()));
            parts.extend(district.earlier.as_ref().map(|(_, e)| e.source.text.as_bytes()));
            incremental::fingerprint(shared, &parts)
        });
        out.push(Planned {
            kind,
            key: district.id.clone(),
            district: Some(d),
            name: district.name(),
            label: kind.label(&district.name()),
            source: district.path.clone(),
            stem: output::report_stem(diarienummer, &district.id),
            fingerprint,
        });
    }
    if let Some(memo) = review.raw.tjansteutlatande.as_ref().filter(|_| whole) {
        let memo_dnr = memo.diarienummer.as_ref().map_or(diarienummer, |d| d.get_ref());
        let stems: Vec<String> = out.iter().map(|p| p.stem.clone()).collect();
        let names: Vec<String> = input.districts.iter().map(|d| d.name()).collect();
        let listing = format!("{names:?}{stems:?}");
        let complete = input.districts.iter().all(|d| d.loaded.is_some());
        out.push(Planned {
            kind: DocumentKind::Memo,
            key: MEMO_KEY.to_owned(),
            district: None,
            name: memo_dnr.trim().to_owned(),
            label: DocumentKind::Memo.label(memo_dnr.trim()),
            source: input.files.review.clone(),
            stem: output::report_stem(memo_dnr, "tjansteutlatande"),
            fingerprint: complete
                .then(|| incremental::fingerprint(shared, &[review.source.text.as_bytes(), listing.as_bytes()])),
        });
    }
    out
}

/// How the plan treats documents.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    /// Documents are written (not only checked): unchanged ones are kept.
    pub write: bool,
    /// Make everything (`--bygg-om`).
    pub force: bool,
    /// Typst sources are wanted too (`--emit-typst`).
    pub emit_typst: bool,
}

/// Decides for each document of a review whether to make it. `verified`
/// holds the review's state entries whose files are intact.
pub fn plan(documents: &[Planned], verified: &BTreeMap<String, Entry>, rules: Rules) -> Vec<Step> {
    documents
        .iter()
        .map(|doc| {
            let entry = verified.get(&doc.key);
            match (entry, &doc.fingerprint) {
                (Some(entry), Some(fingerprint))
                    if rules.write
                        && !rules.force
                        && &entry.fingerprint == fingerprint
                        && (entry.typst_source || !rules.emit_typst) =>
                {
                    Step::Keep(Box::new(entry.clone()))
                }
                _ => Step::Make,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(key: &str, fingerprint: Option<&str>) -> Planned {
        Planned {
            kind: DocumentKind::District,
            key: key.to_owned(),
            district: Some(0),
            name: key.to_owned(),
            label: format!("granskningsrapporten för {key}"),
            source: PathBuf::from(format!("findings/g/{key}.toml")),
            stem: key.to_owned(),
            fingerprint: fingerprint.map(str::to_owned),
        }
    }

    fn verified(entries: &[(&str, &str, bool)]) -> BTreeMap<String, Entry> {
        entries
            .iter()
            .map(|(key, fingerprint, typst)| {
                let entry = Entry { fingerprint: (*fingerprint).to_owned(), typst_source: *typst, ..Entry::default() };
                ((*key).to_owned(), entry)
            })
            .collect()
    }

    const BUILD: Rules = Rules { write: true, force: false, emit_typst: false };

    #[test]
    fn an_unchanged_document_with_intact_files_is_kept() {
        let docs = [doc("bromma", Some("f")), doc("skarholmen", Some("g"))];
        let steps = plan(&docs, &verified(&[("bromma", "f", false), ("skarholmen", "old", false)]), BUILD);
        assert!(matches!(steps[0], Step::Keep(_)));
        assert_eq!(steps[1], Step::Make);
    }

    #[test]
    fn documents_without_a_verified_entry_or_fingerprint_are_made() {
        let docs = [doc("bromma", Some("f")), doc("skarholmen", None)];
        let steps = plan(&docs, &verified(&[("skarholmen", "f", false)]), BUILD);
        assert_eq!(steps, [Step::Make, Step::Make]);
    }

    #[test]
    fn force_check_and_missing_typst_sources_make_everything() {
        let docs = [doc("bromma", Some("f"))];
        let entries = verified(&[("bromma", "f", false)]);
        assert_eq!(plan(&docs, &entries, Rules { force: true, ..BUILD }), [Step::Make]);
        assert_eq!(plan(&docs, &entries, Rules { write: false, ..BUILD }), [Step::Make]);
        assert_eq!(plan(&docs, &entries, Rules { emit_typst: true, ..BUILD }), [Step::Make]);
        let with_source = verified(&[("bromma", "f", true)]);
        assert!(matches!(plan(&docs, &with_source, Rules { emit_typst: true, ..BUILD })[0], Step::Keep(_)));
    }
}
