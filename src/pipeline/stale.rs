//! Documents that are no longer true leave `output/`: when a document's
//! build fails, or its source is gone, the files its last build wrote are
//! removed (they are made again from the findings when they are right), so
//! the folder the secretariat uploads holds only what the findings make
//! now. Each removal is said in a line.

use std::path::{Path, PathBuf};

use super::Session;
use crate::incremental::Entry;

/// Files removed from `output/`, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// As shown to the user.
    pub files: Vec<PathBuf>,
    /// Why, as a sentence part: "granskningsrapporten för Bromma byggdes inte".
    pub why: String,
}

/// Removes the files `entry` recorded in `dir` (the PDF, its web edition
/// and the Typst source when one was written). Only files the state names
/// are touched; a file already gone is no matter.
pub fn remove(session: &Session, dir: &Path, entry: &Entry, why: String) -> Option<Removed> {
    let mut names: Vec<String> = entry.files.iter().map(|f| f.name.clone()).collect();
    if entry.typst_source
        && let Some(pdf) = entry.files.first()
    {
        names.push(Path::new(&pdf.name).with_extension("typ").to_string_lossy().into_owned());
    }
    let files: Vec<PathBuf> = names
        .iter()
        .map(|name| dir.join(name))
        // A state file from elsewhere names only files in its own folder,
        // and nothing is removed through a link.
        .filter(|path| path.parent() == Some(dir) && session.project.check_write(path).is_ok())
        .filter(|path| std::fs::remove_file(path).is_ok())
        .map(|path| session.project.shown(&path))
        .collect();
    (!files.is_empty()).then_some(Removed { files, why })
}

/// "output/g/a.pdf och a.html": the first file with its folder, the rest by name.
pub fn listed(files: &[PathBuf]) -> String {
    let mut names = files.iter().map(|f| f.display().to_string());
    let first = names.next().unwrap_or_default();
    let rest: Vec<String> =
        files.iter().skip(1).filter_map(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    match rest.as_slice() {
        [] => first,
        [.., last] => {
            format!("{first}{} och {last}", rest[..rest.len() - 1].iter().map(|n| format!(", {n}")).collect::<String>())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_files_are_listed_as_a_sentence() {
        let files = |names: &[&str]| names.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(listed(&files(&["output/g/a.pdf"])), "output/g/a.pdf");
        assert_eq!(listed(&files(&["output/g/a.pdf", "output/g/a.html"])), "output/g/a.pdf och a.html");
        assert_eq!(
            listed(&files(&["output/g/a.pdf", "output/g/a.html", "output/g/a.typ"])),
            "output/g/a.pdf, a.html och a.typ"
        );
    }
}
