//! `granska andringar`: what changed in the findings since an earlier
//! version (the one sent for fact-checking, say), per file and section,
//! each change a line with its place in the current file. The earlier
//! version is read from git (`git.rs`), the files compared key by key
//! (`diff.rs`).

mod diff;
mod git;
mod names;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use diff::{Change, What};
pub use git::Version;
use names::Kind;

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::guard;
use crate::model::vocab::Area;
use crate::project::{self, Project, REVIEW_FILE};

/// How long the comparison works out changes in detail; after that, each
/// changed text is one coarse change (see `diff.rs`).
const DIFF_BUDGET: Duration = Duration::from_secs(2);

/// Every change since a version.
#[derive(Debug)]
pub struct Changes {
    pub version: Version,
    pub files: Vec<FileChanges>,
    /// The findings as they are now, for locating what a finished list
    /// shows (a personnummer written since the version, say).
    pub sources: Vec<Arc<SourceFile>>,
    /// Where the earlier version holds a personnummer, masked in the list.
    pub warnings: Vec<Diagnostic>,
}

/// The changes of one findings file.
#[derive(Debug)]
pub struct FileChanges {
    /// Relative to the project root, e.g. `findings/2011-…/bromma.toml`.
    pub path: PathBuf,
    /// "Bromma", "granskning.toml" and the like.
    pub label: String,
    pub status: FileStatus,
    /// By section, in file order.
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    New,
    Removed,
    Changed,
    /// Changed, but one of the versions is not valid TOML: no details.
    Unreadable,
}

/// The changes in one section of a file ("Trygghet och säkerhet").
#[derive(Debug)]
pub struct Section {
    pub title: String,
    pub changes: Vec<Line>,
}

/// One change, as said to the user.
#[derive(Debug)]
pub struct Line {
    pub line: usize,
    /// What changed within the section, in the inspectors' words, e.g.
    /// "Iakttagelser" or "Rekommendation 2".
    pub key: String,
    pub what: What,
}

impl Changes {
    pub fn count(&self) -> usize {
        self.files.iter().map(|f| f.sections.iter().map(|s| s.changes.len()).sum::<usize>().max(1)).sum()
    }
}

/// What changed in the project's findings since `reference`.
pub fn since(project: &Project, areas: &[Area], reference: &str) -> Result<Changes, Diagnostic> {
    let mut earlier = git::read(&project.root, reference)?;
    let deadline = Instant::now() + DIFF_BUDGET;
    let warnings = mask_earlier(&mut earlier);
    let mut now: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(project.findings()).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_type().is_file()
            && path.extension().is_some_and(|e| e == "toml")
            && let (Ok(relative), Ok(bytes)) = (path.strip_prefix(&project.root), std::fs::read(path))
        {
            now.insert(relative.to_owned(), bytes);
        }
    }
    let sources =
        now.iter().map(|(path, bytes)| SourceFile::new(path, String::from_utf8_lossy(bytes).into_owned())).collect();
    let mut paths: Vec<&PathBuf> = now.keys().chain(earlier.files.keys()).collect();
    paths.sort();
    paths.dedup();
    let mut files = Vec::new();
    for path in paths {
        // Line endings are not changes: Git for Windows checks files out
        // with CRLF, while the version in git has LF (or the other way).
        let text = |bytes: Option<&Vec<u8>>| bytes.map(|b| String::from_utf8_lossy(b).replace("\r\n", "\n"));
        let (before, after) = (text(earlier.files.get(path)), text(now.get(path)));
        if before == after {
            continue;
        }
        files.push(file_changes(path, before.as_deref(), after.as_deref(), areas, deadline));
    }
    Ok(Changes { version: earlier.version, files, sources, warnings })
}

/// How a personnummer of an earlier version is shown in the list.
pub const MASK: &str = "ÅÅMMDD-XXXX";

/// Masks every personnummer in the earlier version, its files and its
/// commit message, so the list (and the document made of it) never shows
/// one, and says where each was: the fact-checking record can still be
/// made, and the inspector knows what the history holds.
fn mask_earlier(earlier: &mut git::Earlier) -> Vec<Diagnostic> {
    let reference = earlier.version.reference.clone();
    let mut warnings = Vec::new();
    for (path, bytes) in &mut earlier.files {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let hits = guard::scan(&text);
        if hits.is_empty() {
            continue;
        }
        // Named as git names a file in a version: `v1:findings/…`.
        let source = SourceFile::new(format!("{reference}:{}", path.display()), text.clone());
        let mut masked = text;
        for hit in hits.iter().rev() {
            masked.replace_range(hit.range.clone(), MASK);
        }
        for hit in hits {
            warnings.push(
                Diagnostic::at(
                    Severity::Warning,
                    &source,
                    hit.range.clone(),
                    format!("versionen `{reference}` har {} här; listan visar det som {MASK}", hit.what()),
                )
                .with_hint("numret finns kvar i git-historiken; tala med arkivansvarig om den versionen ska rensas"),
            );
        }
        *bytes = masked.into_bytes();
    }
    for (field, what) in
        [(&mut earlier.version.summary, "commit-meddelandet"), (&mut earlier.version.reference, "versionens namn")]
    {
        let hits = guard::scan(field);
        for hit in hits.iter().rev() {
            field.replace_range(hit.range.clone(), MASK);
            warnings.push(Diagnostic::file(
                Severity::Warning,
                Path::new("granska andringar"),
                format!(
                    "{what} för versionen (commit {}) har {}; listan visar det som {MASK}",
                    earlier.version.commit,
                    hit.what()
                ),
            ));
        }
    }
    warnings
}

fn file_changes(
    path: &Path,
    before: Option<&str>,
    after: Option<&str>,
    areas: &[Area],
    deadline: Instant,
) -> FileChanges {
    let label = label(path, after.or(before).unwrap_or_default());
    let (status, changes) = match (before, after) {
        (None, _) => (FileStatus::New, Vec::new()),
        (_, None) => (FileStatus::Removed, Vec::new()),
        (Some(before), Some(after)) => match diff::changes(before, after, deadline) {
            Some(changes) => (FileStatus::Changed, changes),
            None => (FileStatus::Unreadable, Vec::new()),
        },
    };
    let kind = Kind::of(path);
    let mut sections: Vec<Section> = Vec::new();
    for change in changes {
        let (title, rest) = names::name(kind, &change.key, areas);
        let line = Line { line: change.line, key: rest, what: change.what };
        match sections.iter_mut().find(|s| s.title == title) {
            Some(section) => section.changes.push(line),
            None => sections.push(Section { title, changes: vec![line] }),
        }
    }
    for section in &mut sections {
        section.changes.sort_by_key(|c| c.line);
    }
    sections.sort_by_key(|s| s.changes.first().map_or(0, |c| c.line));
    FileChanges { path: path.to_owned(), label, status, sections }
}

impl Kind {
    fn of(path: &Path) -> Kind {
        if path.file_name().is_some_and(|n| n == REVIEW_FILE) {
            Kind::Review
        } else if project::annual_year(path).is_some() {
            Kind::Annual
        } else {
            Kind::District
        }
    }
}

/// How a file is named in the list: a district by its name (from the file,
/// else the file name), other files by their file name.
fn label(path: &Path, text: &str) -> String {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if Kind::of(path) != Kind::District {
        return file;
    }
    text.parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("distrikt").and_then(|d| d.as_str()).map(str::to_owned))
        .unwrap_or(file)
}
