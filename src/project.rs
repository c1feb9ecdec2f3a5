//! The project on disk: finding its root, walking `findings/`, and keeping
//! every file we read inside the root.
//!
//! A project is a folder with a `findings/` folder (and optionally
//! `granska.toml`, `templates/`, `fonts/`). Each review is a folder
//! `findings/<granskning>/` holding `granskning.toml` and one TOML file per
//! district.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Severity};

pub const FINDINGS_DIR: &str = "findings";
pub const OUTPUT_DIR: &str = "output";
/// Drafts for fact-checking: beside `output/`, so that they are never
/// published with it.
pub const DRAFTS_DIR: &str = "utkast";
pub const TEMPLATES_DIR: &str = "templates";
pub const FONTS_DIR: &str = "fonts";
pub const CONFIG_FILE: &str = "granska.toml";
pub const REVIEW_FILE: &str = "granskning.toml";
/// Annual reports are `findings/arsrapport-<år>.toml`.
pub const ANNUAL_PREFIX: &str = "arsrapport-";

/// A project root and its standard folders.
#[derive(Debug, Clone)]
pub struct Project {
    /// Canonical absolute path of the project root.
    pub root: PathBuf,
}

impl Project {
    /// Finds the project containing `start` (or the current directory): the
    /// nearest ancestor with a `findings/` folder or a `granska.toml`.
    pub fn discover(start: &Path) -> Result<Project, Diagnostic> {
        let canonical = start.canonicalize().map_err(|_| {
            Diagnostic::file(Severity::Error, start, "mappen eller filen finns inte")
                .with_hint("ange sökvägen till en projektmapp som innehåller mappen `findings/`")
        })?;
        let found =
            canonical.ancestors().find(|dir| dir.join(FINDINGS_DIR).is_dir() || dir.join(CONFIG_FILE).is_file());
        match found {
            Some(root) => Ok(Project { root: root.to_owned() }),
            None => Err(Diagnostic::file(Severity::Error, start, "hittar ingen granska-projektmapp här")
                .with_hint("kör kommandot i en mapp som innehåller mappen `findings/` (eller `granska.toml`)")),
        }
    }

    pub fn findings(&self) -> PathBuf {
        self.root.join(FINDINGS_DIR)
    }

    pub fn output(&self) -> PathBuf {
        self.root.join(OUTPUT_DIR)
    }

    pub fn drafts(&self) -> PathBuf {
        self.root.join(DRAFTS_DIR)
    }

    pub fn templates(&self) -> PathBuf {
        self.root.join(TEMPLATES_DIR)
    }

    pub fn fonts(&self) -> PathBuf {
        self.root.join(FONTS_DIR)
    }

    /// The annual report file for `year`.
    pub fn annual(&self, year: i32) -> PathBuf {
        self.findings().join(format!("{ANNUAL_PREFIX}{year}.toml"))
    }

    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    /// The path to show a user: relative to the project root.
    pub fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).map(Path::to_owned).unwrap_or_else(|_| path.to_owned())
    }

    /// Refuses to write `path` through a symbolic link inside the project:
    /// a folder below `output/`, `utkast/`, `schema/` or `findings/` that
    /// links elsewhere would let a write replace a file outside the
    /// project. The top-level `output/` and `utkast/` themselves may be
    /// links made on purpose (to the secretariat's share, say).
    pub fn check_write(&self, path: &Path) -> Result<(), Diagnostic> {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return Err(Diagnostic::file(Severity::Error, path, "filen ligger utanför projektmappen och skrivs inte")
                .with_hint("granska skriver bara inuti projektmappen"));
        };
        let mut prefix = PathBuf::new();
        let folders = relative.parent().map(|p| p.components().count()).unwrap_or(0);
        for (i, part) in relative.components().take(folders).enumerate() {
            prefix.push(part);
            let link = std::fs::symlink_metadata(self.root.join(&prefix)).is_ok_and(|m| m.file_type().is_symlink());
            let allowed = i == 0 && (prefix == Path::new(OUTPUT_DIR) || prefix == Path::new(DRAFTS_DIR));
            if link && !allowed {
                return Err(Diagnostic::file(
                    Severity::Error,
                    &prefix,
                    "mappen är en symbolisk länk; granska skriver inte genom länkar inuti projektet",
                )
                .with_hint(format!(
                    "ta bort länken `{}` så skapar granska mappen själv (bara hela `{OUTPUT_DIR}/` eller `{DRAFTS_DIR}/` får vara en länk)",
                    prefix.display()
                )));
            }
        }
        Ok(())
    }

    /// Resolves `path` and checks that it stays inside the project, also
    /// through symbolic links. Returns the canonical path.
    pub fn contain(&self, path: &Path) -> Result<PathBuf, Diagnostic> {
        let shown = self.shown(path);
        let canonical =
            path.canonicalize().map_err(|_| Diagnostic::file(Severity::Error, &shown, "filen finns inte"))?;
        if canonical.starts_with(&self.root) {
            Ok(canonical)
        } else {
            Err(Diagnostic::file(Severity::Error, &shown, "filen pekar ut ur projektmappen (symbolisk länk)")
                .with_hint("granska läser bara filer inuti projektet; kopiera in filen i stället för att länka"))
        }
    }

    /// Finds every review folder under `findings/`, sorted by name, and the
    /// problems found on the way (a folder without `granskning.toml` does
    /// not stop the others).
    pub fn reviews(&self) -> (Vec<ReviewFiles>, Vec<Diagnostic>) {
        let findings = self.findings();
        if !findings.is_dir() {
            let missing = Diagnostic::file(Severity::Error, self.shown(&findings), "mappen `findings/` saknas")
                .with_hint("skapa en granskning med `granska new-granskning <namn>`");
            return (Vec::new(), vec![missing]);
        }
        let mut problems = Vec::new();
        let mut reviews = Vec::new();
        let mut dirs: Vec<PathBuf> = WalkDir::new(&findings)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.into_path())
            .collect();
        dirs.retain(|d| !is_hidden(d));
        for dir in dirs {
            match ReviewFiles::scan(self, &dir) {
                Ok(review) => reviews.push(review),
                Err(d) => problems.push(d),
            }
            // A district file whose name starts with a dot is hidden on
            // most systems; say that it is skipped rather than lose it.
            for hidden in hidden_toml_files(&dir) {
                let name = hidden.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                problems.push(
                    Diagnostic::file(
                        Severity::Warning,
                        self.shown(&hidden),
                        "filen börjar med en punkt och hoppas över (den är dold i de flesta program)",
                    )
                    .with_hint(format!("döp om den till `{}` om den ska bli en rapport", name.trim_start_matches('.'))),
                );
            }
        }
        for stray in toml_files(&findings).into_iter().filter(|p| annual_year(p).is_none()) {
            problems.push(
                Diagnostic::file(
                    Severity::Warning,
                    self.shown(&stray),
                    "filen ligger direkt i `findings/` och hoppas över",
                )
                .with_hint("lägg den i en granskningsmapp, t.ex. `findings/2011-ekonomiskt-bistand/`"),
            );
        }
        (reviews, problems)
    }
}

impl Project {
    /// The years that have an annual report file in `findings/`, in order.
    pub fn annual_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = toml_files(&self.findings()).iter().filter_map(|p| annual_year(p)).collect();
        years.sort_unstable();
        years
    }
}

/// The year of an annual report file `findings/arsrapport-<år>.toml`.
pub fn annual_year(path: &Path) -> Option<i32> {
    let stem = path.file_stem()?.to_str()?;
    stem.strip_prefix(ANNUAL_PREFIX)?.parse().ok()
}

/// The files of one review folder.
#[derive(Debug, Clone)]
pub struct ReviewFiles {
    /// Folder name, e.g. `2011-ekonomiskt-bistand`.
    pub id: String,
    pub dir: PathBuf,
    pub review: PathBuf,
    /// District files, sorted by name.
    pub districts: Vec<PathBuf>,
}

impl ReviewFiles {
    fn scan(project: &Project, dir: &Path) -> Result<ReviewFiles, Diagnostic> {
        let id = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let review = dir.join(REVIEW_FILE);
        // A folder that cannot be read is said as such, not as empty.
        if let Err(e) = std::fs::read_dir(dir) {
            return Err(crate::diag::os_error(&project.shown(dir), "granskningsmappen kunde inte läsas", &e));
        }
        if !review.is_file() {
            return Err(Diagnostic::file(Severity::Error, project.shown(dir), "mappen saknar `granskning.toml`")
                .with_hint(
                    "varje granskningsmapp behöver en `granskning.toml`; skapa en med `granska new-granskning`",
                ));
        }
        let districts = toml_files(dir).into_iter().filter(|p| p.file_name() != Some(REVIEW_FILE.as_ref())).collect();
        Ok(ReviewFiles { id, dir: dir.to_owned(), review, districts })
    }

    /// The district's identifier: its file stem.
    pub fn district_id(path: &Path) -> String {
        path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned()
    }
}

/// `*.toml` files directly in `dir` (symbolic links included, so that they
/// are checked rather than silently skipped), sorted by name.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && !is_hidden(p))
        .collect()
}

/// Hidden `*.toml` files in `dir` (`.bromma.toml`), not counting editors'
/// lock files (`.#bromma.toml`).
fn hidden_toml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with('.') && !name.starts_with(".#") && name.len() > ".toml".len() && name.ends_with(".toml")
        })
        .collect();
    out.sort();
    out
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn discovery_walks_up_to_the_folder_with_findings() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("findings/2011-x");
        fs::create_dir_all(&review).unwrap();
        let project = Project::discover(&review).unwrap();
        assert_eq!(project.root, dir.path().canonicalize().unwrap());
    }

    #[test]
    fn reviews_list_districts_but_not_the_review_file() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("findings/2011-x");
        fs::create_dir_all(&review).unwrap();
        for f in ["granskning.toml", "skarholmen.toml", "bromma.toml", "anteckning.txt"] {
            fs::write(review.join(f), "").unwrap();
        }
        let project = Project::discover(dir.path()).unwrap();
        let (reviews, problems) = project.reviews();
        assert!(problems.is_empty());
        assert_eq!(reviews.len(), 1);
        let names: Vec<_> = reviews[0].districts.iter().map(|p| ReviewFiles::district_id(p)).collect();
        assert_eq!(names, ["bromma", "skarholmen"]);
    }

    #[test]
    fn a_review_folder_without_granskning_toml_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("findings/tom")).unwrap();
        let project = Project::discover(dir.path()).unwrap();
        let (reviews, errors) = project.reviews();
        assert!(reviews.is_empty());
        assert_eq!(errors[0].message, "mappen saknar `granskning.toml`");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_project_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("hemlig.toml");
        fs::write(&secret, "x = 1").unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("findings")).unwrap();
        let link = dir.path().join("findings/lank.toml");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let project = Project::discover(dir.path()).unwrap();
        let err = project.contain(&link).unwrap_err();
        assert!(err.message.contains("pekar ut ur projektmappen"));
    }
}
