//! The pipeline behind `build`, `check`, `watch` and `arsrapport`: every
//! document of the selected reviews through the chain (load → lint → model
//! → view → templates → Typst → PDF → `output/`).
//!
//! The unit is the document: a district report, a follow-up report, a cover
//! memo or an annual report. The work is split by job:
//! - [`inputs`] reads every findings file a review's documents are made of,
//!   through the loading gate (follow-ups included);
//! - [`plan`] decides, without touching a file, which documents to make and
//!   which are unchanged since the last build;
//! - [`review`] checks a review once for all its documents;
//! - [`document`] takes one document through the chain;
//! - [`schedule`] runs documents on worker threads, a panic becoming an
//!   error of its document;
//! - [`annual`] gathers a year's reviews into the annual report;
//! - [`memo`] numbers a cover memo's attachments from what the run made;
//! - [`index`] lists every document of `output/` in `output/index.html`.
//!
//! `check` runs the same chain as `build`, only nothing is written, so the
//! two agree on every error.

mod annual;
mod changes;
mod document;
mod index;
mod inputs;
mod memo;
mod plan;
mod review;
mod run;
mod schedule;
mod stale;

pub use stale::{Removed, listed as listed_files};

use crate::model::Date;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use crate::model::DocumentKind;

use crate::config::Config;
use crate::diag::{Checked, Diagnostic, Diagnostics, Mode};
use crate::lint;
use crate::project::Project;
use crate::render::Templates;
use crate::schema::Schemas;
use crate::typeset::fonts::Fonts;
use crate::typeset::{Environment, Sources};

/// How a run treats its results.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write documents (`build`) or only check (`check`).
    pub write: bool,
    /// Treat warnings (e.g. TODO placeholders) as errors.
    pub strict: bool,
    /// Also write the generated Typst source next to each PDF.
    pub emit_typst: bool,
    /// Rebuild even documents whose inputs have not changed.
    pub force: bool,
    /// How many documents to typeset at once (default: one per core).
    pub jobs: Option<usize>,
    /// Make drafts for fact-checking dated this day (`--utkast`), instead
    /// of the final documents.
    pub draft: Option<Date>,
}

impl Options {
    /// How problems are judged in this run.
    pub fn mode(&self) -> Mode {
        Mode { strict: self.strict, draft: self.draft.is_some() }
    }
}

/// Which part of the project a command works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    /// One review folder.
    Review(PathBuf),
    /// One district file.
    District(PathBuf),
}

impl Selection {
    /// Interprets a path given on the command line (canonicalised).
    pub fn from_path(project: &Project, path: &Path) -> Selection {
        let Ok(path) = path.canonicalize() else { return Selection::All };
        if path.starts_with(project.findings()) && path != project.findings() {
            // An annual report's file is made from every review of its year.
            if path.parent() == Some(project.findings().as_path())
                && path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(crate::project::ANNUAL_PREFIX))
            {
                return Selection::All;
            }
            // A review's own file stands for its review.
            if path.file_name().is_some_and(|n| n == crate::project::REVIEW_FILE)
                && let Some(review) = path.parent()
            {
                return Selection::Review(review.to_owned());
            }
            if path.is_file() {
                return Selection::District(path);
            }
            return Selection::Review(path);
        }
        Selection::All
    }

    /// What a run given `path` (selecting `self`) does, when that is not
    /// plain from the path (a file that is no district file): a line for
    /// the user.
    pub fn explain(&self, project: &Project, path: &Path) -> Option<String> {
        let name = path.file_name()?.to_string_lossy();
        let shown = |p: &Path| project.shown(p).display().to_string();
        match (path.is_file(), self) {
            (true, Selection::Review(review)) => {
                Some(format!("{name} gäller hela granskningen: tar med alla distrikt i {}", shown(review)))
            }
            (true, Selection::All) => Some(format!("{name} gäller hela projektet: tar med alla granskningar")),
            _ => None,
        }
    }

    fn includes_review(&self, dir: &Path) -> bool {
        match self {
            Selection::All => true,
            Selection::Review(r) => dir.canonicalize().is_ok_and(|d| r.starts_with(&d) || d.starts_with(r)),
            Selection::District(f) => f.parent().is_some_and(|p| dir.canonicalize().is_ok_and(|d| d == p)),
        }
    }

    fn includes_district(&self, file: &Path) -> bool {
        match self {
            Selection::District(f) => file.canonicalize().is_ok_and(|p| &p == f),
            _ => true,
        }
    }
}

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Its files were written (the PDF first).
    Written { files: Vec<PathBuf>, pages: usize },
    /// Nothing changed since its files were written; they were left as
    /// they are.
    Unchanged { files: Vec<PathBuf> },
    /// Everything passed; nothing was written (`check`).
    Checked { pages: usize },
    /// Errors stopped it; nothing was written for it.
    Failed,
}

/// One document's result.
#[derive(Debug)]
pub struct DocumentResult {
    pub kind: DocumentKind,
    /// How messages name it: "granskningsrapporten för Bromma",
    /// "tjänsteutlåtandet 3.1-117/2011".
    pub label: String,
    /// The findings file it is made from, as shown to the user.
    pub source: PathBuf,
    pub outcome: Outcome,
    pub diagnostics: Vec<Diagnostic>,
    /// Project files (other than findings) the document read, relative to
    /// the project root, e.g. a logo: `watch` watches them too.
    pub read: Vec<String>,
}

/// Everything a run found, in a fixed order.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems not tied to one document (project, review files).
    pub general: Vec<Diagnostic>,
    /// By review, each review's district documents in file order and its
    /// own documents after them.
    pub documents: Vec<DocumentResult>,
    /// Files taken out of `output/`: a failed document's, or one whose
    /// source is gone.
    pub removed: Vec<Removed>,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.general.iter().any(Diagnostic::is_error) || self.documents.iter().any(|d| d.outcome == Outcome::Failed)
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.general.iter().chain(self.documents.iter().flat_map(|d| &d.diagnostics))
    }

    pub fn count(&self, pick: impl Fn(&Outcome) -> bool) -> usize {
        self.documents.iter().filter(|d| pick(&d.outcome)).count()
    }
}

/// Told about a run's progress (for a progress bar).
pub trait Progress: Sync {
    /// `total` documents will be reported.
    fn start(&self, _total: usize) {}
    /// One document is done (built, unchanged or failed).
    fn done(&self) {}
}

/// No progress display.
impl Progress for () {}

/// What every document of a run shares: the project, its configuration and
/// schemas, the templates, and (on first use) the fonts and Typst library.
pub struct Session {
    pub project: Project,
    pub config: Config,
    schemas: Schemas,
    templates: Templates,
    env: OnceLock<Environment>,
    /// The sources of earlier builds, when rebuilding in one process.
    sources: Option<Sources>,
}

impl Session {
    /// Loads the templates and `granska.toml` of `project`.
    pub fn open(project: Project, diags: &mut Diagnostics) -> Checked<Session> {
        let templates = Templates::load(&project, diags);
        let env = OnceLock::new();
        let families = || {
            env.get_or_init(|| Environment::new(&project.root, Fonts::load(Some(&project.fonts())))).fonts.families()
        };
        let config = Config::load(&project, &families, diags);
        let (templates, config) = (templates?, config?);
        let schemas = Schemas::new(&config.areas);
        Ok(Session { project, config, schemas, templates, env, sources: None })
    }

    /// Keeps each document's generated source between runs, so that a
    /// rebuild reparses only what changed and Typst's memoised layout of
    /// the rest still applies (for `watch`; see [`Sources`]).
    #[must_use]
    pub fn keeping_sources(mut self) -> Session {
        self.sources = Some(Sources::default());
        self
    }

    /// Fonts and the standard library, loaded the first time they are needed
    /// (a build where nothing changed never needs them).
    fn env(&self) -> &Environment {
        self.env.get_or_init(|| Environment::new(&self.project.root, Fonts::load(Some(&self.project.fonts()))))
    }

    fn lint_context(&self) -> lint::Context<'_> {
        lint::Context { coverage: &self.env().fonts, areas: &self.config.areas, shape: &self.config.shape }
    }

    /// Makes (or checks) the selected documents.
    pub fn build(&self, selection: &Selection, options: &Options, progress: &dyn Progress) -> Report {
        run::run(self, selection, options, progress)
    }

    /// Makes (or checks) the annual report for `year`, and its memo.
    pub fn annual(&self, year: i32, options: &Options) -> Report {
        let report = annual::run(self, year, options, &[]);
        if options.write {
            let mut general = Diagnostics::new(options.mode());
            index::write(self, &mut general);
            let mut report = report;
            report.general.extend(general.into_vec());
            return report;
        }
        report
    }

    /// Writes the list of `changes` as a document dated `date`, in `utkast/`.
    pub fn changes(&self, changes: &crate::changes::Changes, date: Date) -> Report {
        changes::publish(self, changes, date)
    }
}

impl lint::Coverage for Fonts {
    fn covers(&self, cluster: &str) -> bool {
        Fonts::covers(self, cluster)
    }
}
