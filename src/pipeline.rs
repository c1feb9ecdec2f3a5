//! The chain every command shares, one district at a time:
//! load → lint → model → view → Tera → Typst → PDF → `output/`.
//!
//! Reviews are loaded and checked once; districts then run in parallel on
//! rayon's pool, sharing one [`Environment`] (fonts and library loaded
//! once). Results come back in a fixed order whatever the thread count.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Severity};
use crate::lint::{self, Context};
use crate::load::{self, Loaded};
use crate::model::raw::{RawDistrict, RawReview};
use crate::model::{District, Review};
use crate::output;
use crate::project::{Project, ReviewFiles};
use crate::render::view::ReportView;
use crate::render::{REPORT_TEMPLATE, Templates};
use crate::typeset::fonts::Fonts;
use crate::typeset::{self, Environment, Job};

/// Temporary files older than this are left over from a killed run.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// How a run treats its results.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write PDFs (`build`) or only check (`check`).
    pub write: bool,
    /// Treat warnings (e.g. TODO placeholders) as errors.
    pub strict: bool,
    /// Also write the generated Typst source next to each PDF.
    pub emit_typst: bool,
}

/// Which part of the project a command works on.
#[derive(Debug, Clone)]
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
            if path.is_file() {
                return Selection::District(path);
            }
            return Selection::Review(path);
        }
        Selection::All
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

/// What happened to one district.
#[derive(Debug)]
pub enum Outcome {
    /// The PDF was written.
    Written { pdf: PathBuf, pages: usize },
    /// Everything passed; nothing was written (`check`).
    Checked { pages: usize },
    /// Errors stopped it; nothing was written for it.
    Failed,
}

#[derive(Debug)]
pub struct DistrictResult {
    pub review: String,
    /// The district file, as shown to the user.
    pub file: PathBuf,
    pub outcome: Outcome,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything a run found, in a fixed order.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Problems not tied to one district (project, review files).
    pub general: Vec<Diagnostic>,
    pub districts: Vec<DistrictResult>,
}

impl RunReport {
    pub fn failed(&self) -> bool {
        self.general.iter().any(Diagnostic::is_error)
            || self.districts.iter().any(|d| matches!(d.outcome, Outcome::Failed))
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.general.iter().chain(self.districts.iter().flat_map(|d| &d.diagnostics))
    }
}

/// A loaded, checked review.
struct ReviewInput {
    files: ReviewFiles,
    raw: Loaded<RawReview>,
    model: Review,
}

/// The shared state of a run: project, templates, fonts.
pub struct Pipeline {
    pub project: Project,
    templates: Templates,
    env: Environment,
}

impl Pipeline {
    pub fn new(project: Project) -> Result<Pipeline, Diagnostic> {
        let templates = Templates::load(&project)?;
        let fonts = Fonts::load(Some(&project.fonts()));
        let env = Environment::new(&project.root, fonts);
        Ok(Pipeline { project, templates, env })
    }

    fn lint_context(&self) -> Context<'_> {
        Context { coverage: &self.env.fonts }
    }

    /// Runs the chain on the selected districts.
    pub fn run(&self, selection: &Selection, options: &Options) -> RunReport {
        let mut report = RunReport::default();
        let (reviews, problems) = self.project.reviews();
        report.general = problems;
        let mut jobs: Vec<(Arc<ReviewInput>, PathBuf)> = Vec::new();
        for files in reviews.into_iter().filter(|r| selection.includes_review(&r.dir)) {
            if options.write {
                output::remove_stale_temp_files(&self.project.output().join(&files.id), STALE_TEMP_AGE);
            }
            let districts: Vec<PathBuf> =
                files.districts.iter().filter(|d| selection.includes_district(d)).cloned().collect();
            match self.review(files, options, &mut report.general) {
                Some(review) => jobs.extend(districts.into_iter().map(|d| (Arc::clone(&review), d))),
                None => report.districts.extend(districts.into_iter().map(|d| DistrictResult {
                    review: String::new(),
                    file: self.project.shown(&d),
                    outcome: Outcome::Failed,
                    diagnostics: Vec::new(),
                })),
            }
        }
        if jobs.is_empty() && report.districts.is_empty() && !report.failed() {
            report.general.push(
                Diagnostic::file(
                    Severity::Warning,
                    self.project.shown(&self.project.findings()),
                    "inga distriktsfiler hittades",
                )
                .with_hint("lägg till en distriktsfil med `granska new <granskning> <distrikt>`"),
            );
        }
        let results: Vec<DistrictResult> =
            jobs.par_iter().map(|(review, path)| self.district(review, path, options)).collect();
        report.districts.extend(results);
        report
    }

    /// Loads and checks a review; `None` (with diagnostics) if it has errors.
    fn review(&self, files: ReviewFiles, options: &Options, out: &mut Vec<Diagnostic>) -> Option<Arc<ReviewInput>> {
        let shown = self.project.shown(&files.review);
        let raw = self
            .project
            .contain(&files.review)
            .map_err(|d| vec![d])
            .and_then(|path| load::load::<RawReview>(&path, &shown))
            .map_err(|d| out.extend(d))
            .ok()?;
        let mut problems = lint::review(&raw, &self.lint_context());
        let blocked = blocks(&mut problems, options);
        out.extend(problems);
        if blocked {
            return None;
        }
        let model = Review::from_raw(&files.id, &raw.raw)?;
        Some(Arc::new(ReviewInput { files, raw, model }))
    }

    fn district(&self, review: &ReviewInput, path: &Path, options: &Options) -> DistrictResult {
        let shown = self.project.shown(path);
        let mut diagnostics = Vec::new();
        let outcome = match self.district_inner(review, path, &shown, options, &mut diagnostics) {
            Some(outcome) => outcome,
            None => Outcome::Failed,
        };
        DistrictResult { review: review.files.id.clone(), file: shown, outcome, diagnostics }
    }

    fn district_inner(
        &self,
        review: &ReviewInput,
        path: &Path,
        shown: &Path,
        options: &Options,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Outcome> {
        let raw = self
            .project
            .contain(path)
            .map_err(|d| vec![d])
            .and_then(|p| load::load::<RawDistrict>(&p, shown))
            .map_err(|d| out.extend(d))
            .ok()?;
        let mut problems = lint::district(&raw, &review.raw.raw, &self.lint_context());
        let blocked = blocks(&mut problems, options);
        out.extend(problems);
        if blocked {
            return None;
        }
        let id = ReviewFiles::district_id(path);
        let Some(district) = District::from_raw(&id, &raw.raw) else {
            out.push(Diagnostic::file(Severity::Error, shown, "distriktet kunde inte läsas in (internt fel)"));
            return None;
        };
        let source = self
            .templates
            .render(REPORT_TEMPLATE, &ReportView::new(&review.model, &district))
            .map_err(|d| out.push(d))
            .ok()?;

        let dir = self.project.output().join(&review.files.id);
        let pdf_name = output::report_file_name(&review.model.diarienummer, &district.id, "pdf");
        let typ_path = dir.join(output::report_file_name(&review.model.diarienummer, &district.id, "typ"));
        if options.emit_typst
            && let Err(e) = output::write_atomic(&typ_path, source.as_bytes())
        {
            out.push(write_error(&self.project.shown(&typ_path), &e));
        }
        let typ_shown = self.project.shown(&typ_path);
        let job = Job { source, source_name: &typ_shown, date: review.model.published, ident: &pdf_name };
        let done = match typeset::typeset(&self.env, job) {
            Ok(done) => done,
            Err(errors) => {
                out.extend(errors.into_iter().map(|d| explain_typst_error(d, options.emit_typst)));
                return None;
            }
        };
        out.extend(done.warnings);
        if !options.write {
            return Some(Outcome::Checked { pages: done.pages });
        }
        let pdf = dir.join(pdf_name);
        if let Err(e) = output::write_atomic(&pdf, &done.pdf) {
            out.push(write_error(&self.project.shown(&pdf), &e));
            return None;
        }
        Some(Outcome::Written { pdf: self.project.shown(&pdf), pages: done.pages })
    }
}

impl lint::Coverage for Fonts {
    fn covers(&self, cluster: &str) -> bool {
        Fonts::covers(self, cluster)
    }
}

/// Whether problems stop the document: any error; with `--strikt`,
/// warnings are errors (and are reported as such).
fn blocks(problems: &mut [Diagnostic], options: &Options) -> bool {
    if options.strict {
        for d in problems.iter_mut() {
            d.severity = Severity::Error;
        }
    }
    problems.iter().any(Diagnostic::is_error)
}

fn explain_typst_error(d: Diagnostic, emitted: bool) -> Diagnostic {
    let d =
        d.with_hint("felet uppstod när rapporten sattes med Typst; det beror oftast på en egen mall i `templates/`");
    if emitted {
        d
    } else {
        d.with_hint("kör med `--emit-typst` för att spara den genererade Typst-koden och se raden")
    }
}

fn write_error(shown: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::file(Severity::Error, shown, format!("filen kunde inte skrivas: {err}"))
        .with_hint("kontrollera att mappen `output/` går att skriva i och att filen inte är öppen i ett annat program")
}
