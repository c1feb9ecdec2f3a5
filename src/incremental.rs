//! Incremental builds: a district's PDF is rebuilt only when something that
//! shapes it changed.
//!
//! A district's fingerprint is a SHA-256 over the tool version, every
//! template in effect, the project configuration and fonts, the review file
//! and the district file. After a successful build the fingerprint, the
//! PDF's name and size, and the hashes of project files the document read
//! (a logo, say) are kept in `output/<granskning>/.granska-state.json`. The
//! next build skips the district when all of that still matches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::output;

/// The state file's name inside a review's output folder.
pub const STATE_FILE: &str = ".granska-state.json";
const STATE_VERSION: u32 = 2;

/// Hex SHA-256 of bytes.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The inputs every district shares: tool, templates, configuration, fonts.
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

/// One district's fingerprint.
pub fn district_fingerprint(shared: &str, review: &[u8], district: &[u8]) -> String {
    let mut hasher = Sha256::new();
    for part in [shared.as_bytes(), review, district] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize())
}

/// What is remembered of one district's last successful build.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    /// The PDF's file name in the review's output folder.
    pub pdf: String,
    pub bytes: u64,
    pub sha256: String,
    pub pages: usize,
    /// The document title (as in the PDF metadata).
    pub title: String,
    /// The district's name, empty for documents about the whole review.
    pub district: String,
    pub diarienummer: String,
    /// Other project files the document read, relative to the project
    /// root, with their hashes.
    pub read: BTreeMap<String, String>,
}

/// The state of one review's output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    version: u32,
    districts: BTreeMap<String, Entry>,
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

    /// Whether `district`'s PDF in `dir` is up to date for `fingerprint`.
    pub fn is_fresh(&self, district: &str, fingerprint: &str, dir: &Path, root: &Path) -> bool {
        let Some(entry) = self.districts.get(district) else { return false };
        entry.fingerprint == fingerprint
            && std::fs::metadata(dir.join(&entry.pdf)).is_ok_and(|m| m.len() == entry.bytes)
            && entry.read.iter().all(|(path, hash)| std::fs::read(root.join(path)).is_ok_and(|b| &sha256(&b) == hash))
    }

    /// The PDF file name recorded for `district`.
    pub fn pdf(&self, district: &str) -> Option<&str> {
        self.districts.get(district).map(|e| e.pdf.as_str())
    }

    /// The project files `district`'s document read.
    pub fn read(&self, district: &str) -> Vec<String> {
        self.districts.get(district).map(|e| e.read.keys().cloned().collect()).unwrap_or_default()
    }

    pub fn record(&mut self, district: &str, entry: Entry) {
        self.districts.insert(district.to_owned(), entry);
    }

    pub fn forget(&mut self, district: &str) {
        self.districts.remove(district);
    }

    /// Drops entries for documents that no longer have a source.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.districts.retain(|id, _| keep(id));
    }

    /// Every remembered document, by key.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.districts.iter()
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
        let a = district_fingerprint("s", b"review", b"district");
        assert_eq!(a, district_fingerprint("s", b"review", b"district"));
        assert_ne!(a, district_fingerprint("t", b"review", b"district"));
        assert_ne!(a, district_fingerprint("s", b"review!", b"district"));
        assert_ne!(a, district_fingerprint("s", b"review", b"district!"));
        // Moving bytes between the parts changes the fingerprint too.
        assert_ne!(district_fingerprint("s", b"ab", b"c"), district_fingerprint("s", b"a", b"bc"));
    }

    #[test]
    fn a_district_is_fresh_only_while_its_pdf_and_read_files_match() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.pdf"), b"pdf!").unwrap();
        std::fs::write(dir.path().join("logo.png"), b"logo").unwrap();
        let mut state = State::default();
        let read = BTreeMap::from([("logo.png".to_owned(), sha256(b"logo"))]);
        state.record("d", Entry { fingerprint: "f".into(), pdf: "r.pdf".into(), bytes: 4, read, ..Entry::default() });
        state.save(dir.path()).unwrap();
        let state = State::load(dir.path());
        assert!(state.is_fresh("d", "f", dir.path(), dir.path()));
        assert!(!state.is_fresh("d", "g", dir.path(), dir.path()));
        assert!(!state.is_fresh("e", "f", dir.path(), dir.path()));
        std::fs::write(dir.path().join("logo.png"), b"new logo").unwrap();
        assert!(!state.is_fresh("d", "f", dir.path(), dir.path()));
        std::fs::write(dir.path().join("logo.png"), b"logo").unwrap();
        std::fs::write(dir.path().join("r.pdf"), b"truncated").unwrap();
        assert!(!state.is_fresh("d", "f", dir.path(), dir.path()));
    }

    #[test]
    fn a_corrupt_state_file_means_build_everything() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), b"{not json").unwrap();
        assert!(!State::load(dir.path()).is_fresh("d", "f", dir.path(), dir.path()));
    }
}
