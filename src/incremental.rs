//! Incremental builds: a document is rebuilt only when something that shapes
//! it changed.
//!
//! A document's fingerprint is a SHA-256 over the tool version, every
//! template in effect, the project configuration and fonts, and the
//! findings files it is made of. After a successful build the fingerprint,
//! the files written (name, size, hash), the document's metadata and the
//! hashes of other project files it read (a logo, say) are kept in
//! `output/<granskning>/.granska-state.json`. The next build skips the
//! document when all of that still matches, including the bytes of every
//! file it wrote: an output someone edited is rebuilt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::model::{Date, DocumentKind, Rating};
use crate::output;

/// The state file's name inside a review's output folder.
pub const STATE_FILE: &str = ".granska-state.json";
const STATE_VERSION: u32 = 6;

/// Hex SHA-256 of bytes.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The inputs every document shares: tool, templates, configuration, fonts.
pub fn shared_fingerprint(templates: &[(String, String)], config: &Path, fonts: &Path) -> String {
    let mut hasher = Sha256::new();
    let mut field = |label: &str, bytes: &[u8]| {
        hasher.update(label.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field("version", env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in templates {
        field(name, text.as_bytes());
    }
    field("config", &std::fs::read(config).unwrap_or_default());
    if fonts.is_dir() {
        for entry in WalkDir::new(fonts).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(fonts).unwrap_or(entry.path());
                field(&relative.to_string_lossy(), &std::fs::read(entry.path()).unwrap_or_default());
            }
        }
    }
    hex(&hasher.finalize())
}

/// A document's fingerprint: the shared one and the document's own inputs,
/// each length-prefixed so that bytes cannot move between parts unnoticed.
pub fn fingerprint(shared: &str, parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in std::iter::once(shared.as_bytes()).chain(parts.iter().copied()) {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// One file a document wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    /// The file name in the review's output folder.
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

impl OutputFile {
    pub fn of(name: &str, bytes: &[u8]) -> OutputFile {
        OutputFile { name: name.to_owned(), bytes: bytes.len() as u64, sha256: sha256(bytes) }
    }

    /// Whether the file in `dir` still has exactly these bytes.
    fn is_intact(&self, dir: &Path) -> bool {
        std::fs::metadata(dir.join(&self.name)).is_ok_and(|m| m.len() == self.bytes)
            && std::fs::read(dir.join(&self.name)).is_ok_and(|b| sha256(&b) == self.sha256)
    }
}

/// What is remembered of one document's last successful build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    /// The published files (the PDF first).
    pub files: Vec<OutputFile>,
    /// Whether the Typst source was written too (`--emit-typst`).
    pub typst_source: bool,
    pub pages: usize,
    /// The document title (as in the PDF metadata).
    pub title: String,
    pub kind: DocumentKind,
    /// What the document calls itself, in the project's words
    /// ("Granskningsrapport", "Uppföljning", …), for the index.
    pub label: String,
    /// The title of the review (or annual report) it belongs to.
    pub review: String,
    /// The district's name, empty for documents about the whole review.
    pub district: String,
    pub diarienummer: String,
    /// The document's date.
    pub date: Option<Date>,
    /// A report's level per quality area that has one: (area name,
    /// rating), in the project's order.
    pub ratings: Vec<(String, Rating)>,
    /// Other project files the document read, relative to the project
    /// root, with their hashes.
    pub read: BTreeMap<String, String>,
    /// A memo's attachments, numbered.
    pub attachments: Vec<Attached>,
    /// The warnings of the build that wrote it: said again (and judged by
    /// `--strikt`) while it is kept unchanged.
    #[serde(default)]
    pub warnings: Vec<crate::diag::Diagnostic>,
}

/// An attachment of a memo, as the manifest lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attached {
    /// Its number: Bilaga 1, 2, …
    pub number: usize,
    pub title: String,
    /// The PDF granska made, relative to `output/` (`None` for a
    /// document made elsewhere).
    pub path: Option<String>,
}

impl Entry {
    /// The PDF's file name.
    pub fn pdf(&self) -> Option<&str> {
        self.file("pdf")
    }

    /// The name of the written file with extension `extension`.
    pub fn file(&self, extension: &str) -> Option<&str> {
        self.files.iter().map(|f| f.name.as_str()).find(|n| n.ends_with(&format!(".{extension}")))
    }
}

/// The state of one review's output folder: an entry per document key.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    version: u32,
    documents: BTreeMap<String, Entry>,
}

impl State {
    /// Loads the state; a missing or unreadable file is an empty state
    /// (everything gets built).
    pub fn load(dir: &Path) -> State {
        std::fs::read(dir.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<State>(&bytes).ok())
            .filter(|s| s.version == STATE_VERSION)
            .unwrap_or_default()
    }

    /// The entries whose files in `dir` and read project files (under
    /// `root`) are all as they were written: the ones a plan may trust.
    pub fn verified(&self, dir: &Path, root: &Path) -> BTreeMap<String, Entry> {
        self.documents
            .iter()
            .filter(|(_, entry)| {
                entry.files.iter().all(|f| f.is_intact(dir))
                    && entry
                        .read
                        .iter()
                        .all(|(path, hash)| std::fs::read(root.join(path)).is_ok_and(|b| &sha256(&b) == hash))
            })
            .map(|(key, entry)| (key.clone(), entry.clone()))
            .collect()
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.documents.get(key)
    }

    /// Remembers `entry` for `key`; true if that changed anything.
    pub fn record(&mut self, key: &str, entry: Entry) -> bool {
        self.documents.insert(key.to_owned(), entry.clone()).as_ref() != Some(&entry)
    }

    /// Forgets `key`; its entry if it was remembered.
    pub fn forget(&mut self, key: &str) -> Option<Entry> {
        self.documents.remove(key)
    }

    /// Drops the entries of documents that no longer have a source, and
    /// returns them.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) -> Vec<(String, Entry)> {
        let gone: Vec<String> = self.documents.keys().filter(|key| !keep(key)).cloned().collect();
        gone.into_iter().filter_map(|key| self.documents.remove(&key).map(|entry| (key, entry))).collect()
    }

    /// Every remembered document, by key.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.documents.iter()
    }

    pub fn save(&mut self, dir: &Path) -> std::io::Result<()> {
        self.version = STATE_VERSION;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        output::write_atomic(&dir.join(STATE_FILE), &json)
    }
}

/// Hashes the project files a document read, keyed by their path relative
/// to the project root (files outside it are never read).
pub fn read_files(root: &Path, accessed: &[PathBuf]) -> BTreeMap<String, String> {
    accessed
        .iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(root).ok()?.to_string_lossy().into_owned();
            Some((relative, sha256(&std::fs::read(path).ok()?)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_any_input() {
        let a = fingerprint("s", &[b"review", b"district"]);
        assert_eq!(a, fingerprint("s", &[b"review", b"district"]));
        assert_ne!(a, fingerprint("t", &[b"review", b"district"]));
        assert_ne!(a, fingerprint("s", &[b"review!", b"district"]));
        assert_ne!(a, fingerprint("s", &[b"review", b"district!"]));
        // Moving bytes between the parts changes the fingerprint too.
        assert_ne!(fingerprint("s", &[b"ab", b"c"]), fingerprint("s", &[b"a", b"bc"]));
    }

    #[test]
    fn only_entries_whose_files_and_read_files_are_intact_are_verified() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.pdf"), b"pdf!").unwrap();
        std::fs::write(dir.path().join("logo.png"), b"logo").unwrap();
        let mut state = State::default();
        let read = BTreeMap::from([("logo.png".to_owned(), sha256(b"logo"))]);
        let files = vec![OutputFile::of("r.pdf", b"pdf!")];
        state.record("d", Entry { fingerprint: "f".into(), files, read, ..Entry::default() });
        state.save(dir.path()).unwrap();
        let state = State::load(dir.path());
        assert!(state.verified(dir.path(), dir.path()).contains_key("d"));
        std::fs::write(dir.path().join("logo.png"), b"new logo").unwrap();
        assert!(state.verified(dir.path(), dir.path()).is_empty());
        std::fs::write(dir.path().join("logo.png"), b"logo").unwrap();
        // Same size, other bytes: someone edited the PDF.
        std::fs::write(dir.path().join("r.pdf"), b"pdf?").unwrap();
        assert!(state.verified(dir.path(), dir.path()).is_empty());
    }

    #[test]
    fn a_corrupt_state_file_means_build_everything() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), b"{not json").unwrap();
        assert!(State::load(dir.path()).verified(dir.path(), dir.path()).is_empty());
    }
}
