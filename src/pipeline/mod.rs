//! The chain every command shares, one district at a time:
//! load → lint → model → view → Tera → Typst → PDF → `output/`.
//!
//! Reviews are loaded and checked once; districts then run in parallel on
//! worker threads, sharing one [`Environment`] (fonts and library loaded once,
//! and only when something is typeset). Builds are incremental: a district
//! whose inputs have not changed since its PDF was written is skipped (see
//! [`crate::incremental`]). Results come back in a fixed order whatever the
//! thread count.

mod annual;
mod district;
mod follow_up;
mod memo;

use memo::MEMO_KEY;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::incremental::{self, State};
use crate::lint::{self, Context};
use crate::load::{self, Loaded};
use crate::manifest;
use crate::model::Review;
use crate::model::raw::RawReview;
use crate::output;
use crate::project::{Project, REVIEW_FILE, ReviewFiles};
use crate::render::Templates;
use crate::typeset::fonts::Fonts;
use crate::typeset::{Environment, Sources};

/// Memoised Typst results unused for this many documents are evicted.
const CACHE_AGE: usize = 4;

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
    /// Rebuild even districts whose inputs have not changed.
    pub force: bool,
    /// How many districts to typeset at once (default: one per core).
    pub jobs: Option<usize>,
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
    /// Nothing changed since the PDF was written; it was left as it is.
    Unchanged { pdf: PathBuf },
    /// Everything passed; nothing was written (`check`).
    Checked { pages: usize },
    /// Errors stopped it; nothing was written for it.
    Failed,
}

#[derive(Debug)]
pub struct DistrictResult {
    /// The district file, as shown to the user.
    pub file: PathBuf,
    pub outcome: Outcome,
    pub diagnostics: Vec<Diagnostic>,
    /// Project files (other than findings) the document read, relative to
    /// the project root, e.g. a logo: `watch` watches them too.
    pub read: Vec<String>,
    /// What to remember for the next incremental build.
    state: Option<incremental::Entry>,
}

/// Everything a run found, in a fixed order.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Problems not tied to one district (project, review files).
    pub general: Vec<Diagnostic>,
    /// Sorted by file.
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

    pub fn count(&self, pick: impl Fn(&Outcome) -> bool) -> usize {
        self.districts.iter().filter(|d| pick(&d.outcome)).count()
    }
}

/// Told about a run's progress (for a progress bar).
pub trait Progress: Sync {
    /// `total` districts will be reported.
    fn start(&self, _total: usize) {}
    /// One district is done (built, unchanged or failed).
    fn done(&self) {}
}

/// No progress display.
impl Progress for () {}

/// A loaded, checked review.
struct ReviewInput {
    files: ReviewFiles,
    raw: Loaded<RawReview>,
    model: Review,
    /// The review this one follows up, if any.
    earlier: Option<follow_up::Earlier>,
}

/// A review's output folder and what is remembered in it.
struct ReviewOutput {
    files: ReviewFiles,
    dir: PathBuf,
    state: State,
    review_bytes: Vec<u8>,
    /// The checked review, when some district needed it.
    review: Option<Arc<ReviewInput>>,
    /// Whether the state changed in this run.
    changed: bool,
}

impl ReviewOutput {
    /// Records this run's district results in the state.
    fn apply<'r>(&mut self, results: impl Iterator<Item = &'r DistrictResult>) {
        for result in results {
            let id = ReviewFiles::district_id(&result.file);
            match &result.state {
                Some(entry) => self.state.record(&id, entry.clone()),
                None => self.state.forget(&id),
            }
            self.changed = true;
        }
    }

    /// The keys of the documents the review has now.
    fn known(&self) -> Vec<String> {
        self.files.districts.iter().map(|d| ReviewFiles::district_id(d)).collect()
    }

    /// Saves the state and the manifest when anything changed (or the
    /// manifest is missing).
    fn save(&mut self, project: &Project, out: &mut Vec<Diagnostic>) {
        let mut known = self.known();
        known.push(MEMO_KEY.to_owned());
        // Documents whose source is gone leave the state and manifest.
        self.state.retain(|id| known.iter().any(|k| k == id));
        let manifest_missing = !self.dir.join(manifest::JSON_FILE).exists();
        let has_documents = self.state.entries().next().is_some();
        if !(self.changed || manifest_missing && has_documents) {
            return;
        }
        let saved = self.state.save(&self.dir).map_err(|e| (incremental::STATE_FILE, e)).and_then(|()| {
            let entries: Vec<&incremental::Entry> = self.state.entries().map(|(_, e)| e).collect();
            manifest::write(&self.dir, &entries).map_err(|e| (manifest::JSON_FILE, e))
        });
        if let Err((file, e)) = saved {
            out.push(district::write_error(&project.shown(&self.dir.join(file)), &e));
        }
    }
}

/// A district to run, with its fingerprint when building.
struct Job {
    review: Arc<ReviewInput>,
    path: PathBuf,
    fingerprint: Option<String>,
}

/// The shared state of a run: project, configuration, templates, and (on
/// first use) fonts.
pub struct Pipeline {
    pub project: Project,
    config: Config,
    templates: Templates,
    env: OnceLock<Environment>,
    /// The sources of earlier builds, when rebuilding in one process.
    earlier: Option<Sources>,
}

impl Pipeline {
    pub fn new(project: Project) -> Result<Pipeline, Vec<Diagnostic>> {
        let templates = Templates::load(&project).map_err(|d| vec![d])?;
        let mut pipeline =
            Pipeline { project, config: Config::default(), templates, env: OnceLock::new(), earlier: None };
        pipeline.config = Config::load(&pipeline.project, &|| pipeline.env().fonts.families())?;
        Ok(pipeline)
    }

    /// Keeps each document's generated source between runs, so that a
    /// rebuild reparses only what changed and Typst's memoised layout of
    /// the rest still applies (for `watch`; see [`Sources`]).
    #[must_use]
    pub fn keeping_sources(mut self) -> Pipeline {
        self.earlier = Some(Sources::default());
        self
    }

    /// Fonts and the standard library, loaded the first time they are needed
    /// (a build where nothing changed never needs them).
    fn env(&self) -> &Environment {
        self.env.get_or_init(|| Environment::new(&self.project.root, Fonts::load(Some(&self.project.fonts()))))
    }

    fn lint_context(&self) -> Context<'_> {
        Context { coverage: &self.env().fonts }
    }

    /// Runs the chain on the selected districts.
    pub fn run(&self, selection: &Selection, options: &Options) -> RunReport {
        self.run_with_progress(selection, options, &())
    }

    /// [`Pipeline::run`], reporting progress.
    pub fn run_with_progress(&self, selection: &Selection, options: &Options, progress: &dyn Progress) -> RunReport {
        let mut report = RunReport::default();
        let (reviews, problems) = self.project.reviews();
        report.general = problems;
        let shared = options.write.then(|| {
            incremental::shared_fingerprint(self.templates.sources(), &self.project.config(), &self.project.fonts())
        });
        let reviews: Vec<ReviewFiles> = reviews.into_iter().filter(|r| selection.includes_review(&r.dir)).collect();
        let total = reviews.iter().flat_map(|r| &r.districts).filter(|d| selection.includes_district(d)).count();
        progress.start(total);
        if total == 0 && !report.failed() {
            report.general.push(
                Diagnostic::file(
                    Severity::Warning,
                    self.project.shown(&self.project.findings()),
                    "inga distriktsfiler hittades",
                )
                .with_hint("lägg till en distriktsfil med `granska new <granskning> <distrikt>`"),
            );
        }
        let mut jobs = Vec::new();
        let mut outputs: Vec<ReviewOutput> = reviews
            .into_iter()
            .map(|files| self.plan(files, selection, options, shared.as_deref(), progress, &mut jobs, &mut report))
            .collect();
        let results = self.run_jobs(&jobs, options, progress);
        if let Some(shared) = &shared {
            for output in &mut outputs {
                let id = output.files.id.clone();
                output.apply(results.iter().filter(|(review, _)| *review == id).map(|(_, r)| r));
                if let Some(memo) = self.memo(output, shared, options) {
                    report.districts.push(memo);
                }
                output.save(&self.project, &mut report.general);
            }
        }
        report.districts.extend(results.into_iter().map(|(_, r)| r));
        // Districts in name order, each review's own documents after them.
        report.districts.sort_by_key(|d| {
            (d.file.parent().map(Path::to_owned), d.file.file_name() == Some(REVIEW_FILE.as_ref()), d.file.clone())
        });
        report
    }

    /// Runs the district jobs on `options.jobs` worker threads and returns
    /// the results in job order.
    ///
    /// The workers are plain threads pulling from a shared counter, not a
    /// rayon parallel iterator: Typst parallelises inside a compilation with
    /// rayon, and a rayon worker waiting inside Typst steals further
    /// districts from the outer loop, so dozens of documents end up in flight
    /// on one thread (measured: 100 districts peaked at 1.5 GiB, and two
    /// cores gave little speed-up).
    fn run_jobs(&self, jobs: &[Job], options: &Options, progress: &dyn Progress) -> Vec<(String, DistrictResult)> {
        let next = AtomicUsize::new(0);
        let workers = options.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let mut results: Vec<(usize, String, DistrictResult)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers.clamp(1, jobs.len().max(1)))
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(job) = jobs.get(index) else { break };
                            let result = self.district(&job.review, &job.path, job.fingerprint.clone(), options);
                            // Typst memoises everything it computes; entries
                            // unused for a few documents are dropped so memory
                            // stays flat however many districts there are.
                            comemo::evict(CACHE_AGE);
                            progress.done();
                            done.push((index, job.review.files.id.clone(), result));
                        }
                        done
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        });
        results.sort_by_key(|(index, _, _)| *index);
        results.into_iter().map(|(_, review, result)| (review, result)).collect()
    }

    /// Decides, for one review, which districts need running (added to
    /// `jobs`) and which are unchanged (reported at once).
    #[allow(clippy::too_many_arguments)]
    fn plan(
        &self,
        files: ReviewFiles,
        selection: &Selection,
        options: &Options,
        shared: Option<&str>,
        progress: &dyn Progress,
        jobs: &mut Vec<Job>,
        report: &mut RunReport,
    ) -> ReviewOutput {
        let dir = self.project.output().join(&files.id);
        let state = if options.write { State::load(&dir) } else { State::default() };
        if options.write {
            output::remove_stale_temp_files(&dir, STALE_TEMP_AGE);
        }
        let review_bytes = std::fs::read(&files.review).unwrap_or_default();
        let mut pending = Vec::new();
        for path in files.districts.iter().filter(|d| selection.includes_district(d)) {
            let fingerprint = shared.map(|shared| {
                let mut district = std::fs::read(path).unwrap_or_default();
                district.extend(follow_up::earlier_inputs(&self.project.findings(), &review_bytes, path));
                incremental::district_fingerprint(shared, &review_bytes, &district)
            });
            let id = ReviewFiles::district_id(path);
            let fresh = !options.force
                && fingerprint.as_deref().is_some_and(|f| state.is_fresh(&id, f, &dir, &self.project.root))
                && (!options.emit_typst
                    || state.pdf(&id).is_some_and(|pdf| dir.join(pdf).with_extension("typ").exists()));
            if fresh {
                report.districts.push(self.unchanged(path, &state, &id, &dir));
                progress.done();
            } else {
                pending.push((path.clone(), fingerprint));
            }
        }
        let mut output = ReviewOutput { files: files.clone(), dir, state, review_bytes, review: None, changed: false };
        if pending.is_empty() {
            return output;
        }
        match self.review(files, options, &mut report.general) {
            Some(review) => {
                output.review = Some(Arc::clone(&review));
                jobs.extend(pending.into_iter().map(|(path, fingerprint)| Job {
                    review: Arc::clone(&review),
                    path,
                    fingerprint,
                }));
            }
            None => report.districts.extend(pending.into_iter().map(|(path, _)| {
                progress.done();
                DistrictResult {
                    file: self.project.shown(&path),
                    outcome: Outcome::Failed,
                    diagnostics: Vec::new(),
                    read: Vec::new(),
                    state: None,
                }
            })),
        }
        output
    }

    fn unchanged(&self, path: &Path, state: &State, id: &str, out_dir: &Path) -> DistrictResult {
        let pdf = state.pdf(id).map(|name| self.project.shown(&out_dir.join(name))).unwrap_or_default();
        DistrictResult {
            file: self.project.shown(path),
            outcome: Outcome::Unchanged { pdf },
            diagnostics: Vec::new(),
            read: state.read(id),
            state: None,
        }
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
        let earlier = self.earlier(&raw, out).ok()?;
        Some(Arc::new(ReviewInput { files, raw, model, earlier }))
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
