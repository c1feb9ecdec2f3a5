//! Reads the findings as they were in an earlier version: a commit, tag or
//! branch of the git repository the project lives in, read with gix (no
//! `git` program needed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::model::Date;

/// Where problems with the repository are said to come from.
const WHO: &str = "granska andringar";

/// The version compared against.
#[derive(Debug, Clone)]
pub struct Version {
    /// What the user wrote, e.g. `faktagranskning-2026-11-20`.
    pub reference: String,
    /// The commit's short id.
    pub commit: String,
    /// The commit's date (UTC).
    pub date: Option<Date>,
    /// The first line of the commit message.
    pub summary: String,
}

/// The TOML files under the project's `findings/` at `reference`, by path
/// relative to the project root (`findings/…`).
pub struct Earlier {
    pub version: Version,
    pub files: BTreeMap<PathBuf, Vec<u8>>,
}

/// Reads `findings/` of the project at `root` as it was at `reference`.
pub fn read(root: &Path, reference: &str) -> Result<Earlier, Diagnostic> {
    let repo = gix::discover(root).map_err(|_| {
        Diagnostic::file(Severity::Error, Path::new(WHO), "projektet ligger inte i ett git-arkiv").with_hint(
            "jämförelsen läser tidigare versioner ur git; lägg projektet i git (`git init`, `git add`, `git commit`)",
        )
    })?;
    let workdir = repo.workdir().ok_or_else(|| {
        Diagnostic::file(Severity::Error, Path::new(WHO), "git-arkivet har ingen arbetskatalog att jämföra med")
    })?;
    let workdir = workdir.canonicalize().unwrap_or_else(|_| workdir.to_owned());
    let not_found = || {
        Diagnostic::file(
            Severity::Error,
            Path::new(WHO),
            format!("det finns ingen version `{reference}` i git-arkivet"),
        )
        .with_hint(
            "ange en tagg, en gren eller en commit, t.ex. den tagg ni satte när utkastet skickades för faktagranskning",
        )
        .with_hint("`git tag` listar taggarna")
    };
    let commit = repo
        .rev_parse_single(reference)
        .map_err(|_| not_found())?
        .object()
        .map_err(|_| not_found())?
        .peel_to_commit()
        .map_err(|_| not_found())?;
    let unreadable = |e: &dyn std::fmt::Display| {
        Diagnostic::file(Severity::Error, Path::new(WHO), format!("versionen `{reference}` kunde inte läsas: {e}"))
    };
    let version = Version {
        reference: reference.to_owned(),
        commit: commit.id().shorten().map(|p| p.to_string()).unwrap_or_else(|_| commit.id().to_string()),
        date: commit.time().ok().and_then(|t| date_of(t.seconds)),
        summary: commit.message().map(|m| m.summary().to_string()).unwrap_or_default(),
    };
    let tree = commit.tree().map_err(|e| unreadable(&e))?;
    // The project may be a folder inside the repository.
    let project = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
    let findings = project.join(crate::project::FINDINGS_DIR);
    let mut files = BTreeMap::new();
    let Some(entry) = tree.lookup_entry_by_path(&findings).map_err(|e| unreadable(&e))? else {
        return Ok(Earlier { version, files });
    };
    let subtree = entry.object().map_err(|e| unreadable(&e))?.peel_to_tree().map_err(|e| unreadable(&e))?;
    let mut recorder = gix::traverse::tree::Recorder::default();
    subtree.traverse().breadthfirst(&mut recorder).map_err(|e| unreadable(&e))?;
    for record in recorder.records {
        let path = PathBuf::from(record.filepath.to_string());
        if !record.mode.is_blob() || path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let blob = repo.find_object(record.oid).map_err(|e| unreadable(&e))?;
        files.insert(Path::new(crate::project::FINDINGS_DIR).join(path), blob.data.clone());
    }
    Ok(Earlier { version, files })
}

/// The UTC date of a Unix time.
fn date_of(seconds: i64) -> Option<Date> {
    let date = time::OffsetDateTime::from_unix_timestamp(seconds).ok()?.date();
    Date::new(date.year(), date.month() as u8, date.day())
}
