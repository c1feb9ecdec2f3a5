//! One run of `build` or `check` over the selected reviews: read the
//! findings, plan each review, check each review that has a document to
//! make, make the reports in parallel, then the cover memos (which list
//! them), and finally record what was written.
//!
//! Each review is a [`ReviewRun`]: its findings, where its documents go, its
//! state, and each document with its step and, once done, its result.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::document::{self, Made, Published};
use super::inputs::{self, ReviewInput};
use super::memo::{self, Doc};
use super::plan::{self, MEMO_KEY, Planned, Rules, Step};
use super::review::{self, CheckedReview};
use super::schedule;
use super::{DocumentKind, DocumentResult, Options, Outcome, Progress, Removed, Report, Selection, Session};
use crate::diag::{Checked, Diagnostic, Diagnostics, Severity};
use crate::incremental::{self, Entry, State};
use crate::output;
use crate::project::ReviewFiles;
use crate::view::annual::chapters::ChapterView;
use crate::view::headings::Outliner;
use crate::view::memo::Covered;

/// Ends the name of a draft's files: `3-1-117-2011-bromma-utkast.pdf`.
pub const DRAFT_SUFFIX: &str = "utkast";

/// Temporary files older than this are left over from a killed run.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// One review in a run.
struct ReviewRun<'a> {
    input: &'a ReviewInput,
    /// Where its documents go: its folder in `output/` (or `utkast/`).
    dir: PathBuf,
    /// What the last build wrote there; `None` when nothing is recorded
    /// (checking, drafts).
    state: Option<State>,
    /// The review checked, when a document of it is to be made.
    checked: Option<CheckedReview<'a>>,
    documents: Vec<DocumentRun>,
}

/// One document of a review: what the plan says, and its result.
struct DocumentRun {
    planned: Planned,
    step: Step,
    done: Option<Done>,
}

/// A made document: its result and, when written, what to remember.
struct Done {
    result: DocumentResult,
    entry: Option<Entry>,
}

pub fn run(session: &Session, selection: &Selection, options: &Options, progress: &dyn Progress) -> Report {
    let mut general = Diagnostics::new(options.mode());
    // The index, the manifests' folder and the changes list are written at
    // the top of output/ and utkast/; a killed run's temporary files there go.
    if options.write {
        for top in [session.project.output(), session.project.drafts()] {
            output::remove_stale_temp_files(&top, STALE_TEMP_AGE);
        }
    }
    let (reviews, problems) = session.project.reviews();
    let _ = general.all(problems);
    let inputs: Vec<ReviewInput> = reviews
        .into_iter()
        .filter(|r| selection.includes_review(&r.dir))
        .map(|files| inputs::read(session, files, selection, options.mode()))
        .collect();
    for input in &inputs {
        let _ = general.all(input.diags.iter().cloned());
    }
    let shared = incremental::shared_fingerprint(
        session.templates.sources(),
        &session.project.config(),
        &session.project.fonts(),
    );
    let mut runs: Vec<ReviewRun> =
        inputs.iter().map(|input| plan_review(session, input, &shared, selection, options, &mut general)).collect();
    let total: usize = runs.iter().map(|r| r.documents.len()).sum();
    if total == 0 && !general.has_errors() {
        general.push(
            Diagnostic::file(
                Severity::Warning,
                session.project.shown(&session.project.findings()),
                "inga distriktsfiler hittades",
            )
            .with_hint("lägg till en distriktsfil med `granska new <granskning> <distrikt>`"),
        );
    }
    progress.start(total);
    for run in &mut runs {
        let needed = run.documents.iter().any(|d| d.step == Step::Make);
        run.checked = needed.then(|| review::check(session, run.input, &mut general).ok()).flatten();
    }
    make_all(session, &mut runs, options, progress);
    let mut removed = Vec::new();
    for run in &mut runs {
        removed.extend(record(session, run, &mut general));
    }
    let mut documents: Vec<DocumentResult> =
        runs.into_iter().flat_map(|r| r.documents).map(|d| d.done.expect("every document is done").result).collect();
    // The annual reports follow their reviews, so that `output/` is never
    // a year behind the findings; drafts are of reports only.
    let years = if *selection == Selection::All && options.draft.is_none() {
        session.project.annual_years()
    } else {
        Vec::new()
    };
    for year in years {
        let annual = super::annual::run(session, year, options, &documents);
        general.all(annual.general).ok();
        documents.extend(annual.documents);
        removed.extend(annual.removed);
    }
    if options.write && options.draft.is_none() && !documents.is_empty() {
        super::index::write(session, &mut general);
    }
    Report { general: general.into_vec(), documents, removed }
}

/// Plans one review: its documents, and for each whether to make it (its
/// state read, its folder cleared of a killed run's temporary files).
/// `shared` is the fingerprint of what every document shares.
fn plan_review<'a>(
    session: &Session,
    input: &'a ReviewInput,
    shared: &str,
    selection: &Selection,
    options: &Options,
    general: &mut Diagnostics,
) -> ReviewRun<'a> {
    // Drafts go to their own folder, outside what is published, and are
    // made afresh every time: no state, no manifest, no index.
    let base = if options.draft.is_some() { session.project.drafts() } else { session.project.output() };
    let dir = base.join(&input.files.id);
    // A killed run's temporary files go, drafts' too (never through a link).
    if options.write && session.project.check_write(&dir.join("x")).is_ok() {
        output::remove_stale_temp_files(&dir, STALE_TEMP_AGE);
    }
    let state = (options.write && options.draft.is_none()).then(|| State::load(&dir));
    let verified = state.as_ref().map(|s| s.verified(&dir, &session.project.root)).unwrap_or_default();
    let planned = plan::documents(input, shared, !matches!(selection, Selection::District(_)));
    let rules = Rules { write: options.write, force: options.force, emit_typst: options.emit_typst };
    let mut steps = plan::plan(&planned, &verified, rules);
    for (later, first) in plan::collisions(&planned) {
        let (a, b) = (&planned[first], &planned[later]);
        general.push(
            Diagnostic::file(
                Severity::Error,
                session.project.shown(&b.source),
                format!(
                    "ger samma filnamn, `{}.pdf`, som {}; den ena skulle skriva över den andra",
                    a.stem,
                    session.project.shown(&a.source).display()
                ),
            )
            .with_hint("byt namn på en av distriktsfilerna (filnamnet blir rapportens filnamn); ingen av dem byggs förrän dess"),
        );
        steps[later] = Step::Refused;
        steps[first] = Step::Refused;
    }
    let documents =
        planned.into_iter().zip(steps).map(|(planned, step)| DocumentRun { planned, step, done: None }).collect();
    ReviewRun { input, dir, state, checked: None, documents }
}

/// Makes the documents the plans ask for (reports first, then the memos
/// that list them) and reports the kept ones.
fn make_all(session: &Session, runs: &mut [ReviewRun], options: &Options, progress: &dyn Progress) {
    for run in runs.iter_mut() {
        for doc in &mut run.documents {
            doc.done = match &doc.step {
                Step::Keep(entry) => Some(kept(session, &doc.planned, entry, &run.dir, options)),
                Step::Refused => Some(finish(session, &doc.planned, &run.dir, None, Diagnostics::default())),
                Step::Make => continue,
            };
            progress.done();
        }
    }
    for memos in [false, true] {
        let jobs: Vec<(usize, usize)> = runs
            .iter()
            .enumerate()
            .flat_map(|(r, run)| run.documents.iter().enumerate().map(move |(d, doc)| (r, d, doc)))
            .filter(|(_, _, doc)| doc.step == Step::Make && (doc.planned.kind == DocumentKind::Memo) == memos)
            .map(|(r, d, _)| (r, d))
            .collect();
        let shared: &[ReviewRun] = runs;
        let results = schedule::parallel(&jobs, options.jobs, |&(r, d)| make(session, &shared[r], d, options), &|| {
            progress.done()
        });
        for (&(r, d), result) in jobs.iter().zip(results) {
            let doc = &runs[r].documents[d];
            let done = result.unwrap_or_else(|panic| crashed(session, &doc.planned, &panic));
            runs[r].documents[d].done = Some(done);
        }
    }
}

/// Makes document `index` of `run`. The run's documents made before it (a
/// memo's reports) are done.
fn make(session: &Session, run: &ReviewRun, index: usize, options: &Options) -> Done {
    let doc = &run.documents[index].planned;
    // Fault injection for the test that proves a panic fails its document
    // loudly (the tests run the release build, so this is in every build;
    // it does nothing unless the variable names a document).
    if std::env::var_os("GRANSKA_TEST_PANIK").is_some_and(|key| key == doc.key.as_str()) {
        panic!("testpanik i {}", doc.key);
    }
    let mut diags = Diagnostics::new(options.mode());
    let district = doc.district.map(|d| &run.input.districts[d]);
    if let Some(district) = district {
        let _ = diags.all(district.diags.iter().cloned());
    }
    // Without a checked review nothing is made; its problems were reported
    // with it.
    let published = run.checked.as_ref().and_then(|review| {
        let made: Checked<Made> = match district {
            Some(district) => document::district(session, review, district, doc.kind, &mut diags),
            None => review_memo(session, run, review, doc, &mut diags)?,
        };
        made.and_then(|mut made| {
            let stem = match options.draft {
                Some(date) => {
                    made.view.mark_draft(date);
                    format!("{}-{DRAFT_SUFFIX}", doc.stem)
                }
                None => doc.stem.clone(),
            };
            document::publish(session, &made, &run.dir, &stem, options, &mut diags)
        })
        .ok()
    });
    finish(session, doc, &run.dir, published, diags)
}

/// A review's cover memo. Its attachments are the review's reports it
/// lists (all of them unless it names some), each of which must have been
/// made (or kept) in this run without errors; otherwise the memo waits,
/// with a note why (`None`).
fn review_memo(
    session: &Session,
    run: &ReviewRun,
    review: &CheckedReview,
    planned: &Planned,
    diags: &mut Diagnostics,
) -> Option<Checked<Made>> {
    let shown = session.project.shown(&planned.source);
    let Some(memo) = review.model.memo.as_ref() else {
        return Some(Err(diags.error(Diagnostic::internal(&shown, "tjänsteutlåtandet saknas"))));
    };
    let reports: Vec<&DocumentRun> = run.documents.iter().filter(|d| d.planned.kind != DocumentKind::Memo).collect();
    let covers: Vec<Doc> = reports
        .iter()
        .map(|d| Doc {
            name: d.planned.key.clone(),
            title: format!("{} – {}", review.model.title, d.planned.name),
            file: format!("{}.pdf", d.planned.stem),
            path: format!("{}/{}.pdf", run.input.files.id, d.planned.stem),
        })
        .collect();
    let listed = match memo::attachments(memo, &covers, &|_| None) {
        Ok(listed) => listed,
        Err(name) => {
            return Some(Err(diags.error(Diagnostic::internal(&shown, format!("bilagan `{name}` finns inte")))));
        }
    };
    for (doc, _) in &listed {
        let Some(doc) = doc else { continue };
        let report = reports.iter().find(|r| r.planned.key == doc.name);
        if !report.is_some_and(|r| r.done.as_ref().is_some_and(|d| d.result.outcome != Outcome::Failed)) {
            let label = report.map_or_else(|| doc.name.clone(), |r| r.planned.label.clone());
            diags.push(
                Diagnostic::file(
                    Severity::Warning,
                    shown.clone(),
                    format!("{} byggs inte förrän alla rapporter det listar är utan fel", planned.label),
                )
                .with_hint(format!("rätta felen i {label} först")),
            );
            return None;
        }
    }
    let words = &review.model.shape.wording;
    let covered = Covered { publisher: &review.model.publisher, keyword: &review.model.service, words };
    let mut include = |id: &str, level: u8, o: &mut Outliner| {
        let text = review.model.chapters.get(id)?;
        let title =
            review.model.shape.outline.chapter(id).map_or_else(
                || id.to_owned(),
                |c| c.title.clone().unwrap_or_else(|| c.kind.default_title().to_owned()),
            );
        let rubrik = o.heading(level, &title, false);
        Some(ChapterView::own(rubrik, o.text(crate::view::rich(text), level + 1)))
    };
    Some(Ok(memo::made(
        &run.input.files.id,
        memo,
        &covered,
        &review.model.title,
        &listed,
        &mut include,
        vec![review.raw.source.clone()],
        &session.config,
    )))
}

/// A made document's result, with what to remember when it was written.
fn finish(session: &Session, doc: &Planned, dir: &Path, published: Option<Published>, diags: Diagnostics) -> Done {
    let (outcome, entry, read) = match published {
        Some(Published { pages, read, entry: Some(mut entry) }) => {
            entry.fingerprint = doc.fingerprint.clone().unwrap_or_default();
            entry.warnings = diags.iter().filter(|d| !d.is_error()).cloned().collect();
            let files = entry.files.iter().map(|f| session.project.shown(&dir.join(&f.name))).collect();
            (Outcome::Written { files, pages }, Some(entry), read)
        }
        Some(Published { pages, read, entry: None }) => (Outcome::Checked { pages }, None, read),
        None => (Outcome::Failed, None, BTreeMap::new()),
    };
    let result = DocumentResult {
        kind: doc.kind,
        label: doc.label.clone(),
        source: session.project.shown(&doc.source),
        outcome,
        diagnostics: diags.into_vec(),
        read: read.into_keys().collect(),
    };
    Done { result, entry }
}

/// The result of a document the plan kept: its files, and the warnings of
/// the build that wrote them, judged by this run (`--strikt` fails it).
fn kept(session: &Session, doc: &Planned, entry: &Entry, dir: &Path, options: &Options) -> Done {
    let files = entry.files.iter().map(|f| session.project.shown(&dir.join(&f.name))).collect();
    let mut diags = Diagnostics::new(options.mode());
    let replayed = diags.all(entry.warnings.iter().cloned());
    let result = DocumentResult {
        kind: doc.kind,
        label: doc.label.clone(),
        source: session.project.shown(&doc.source),
        outcome: if replayed.is_ok() { Outcome::Unchanged { files } } else { Outcome::Failed },
        diagnostics: diags.into_vec(),
        read: entry.read.keys().cloned().collect(),
    };
    Done { result, entry: Some(entry.clone()) }
}

/// A document whose making panicked: an internal error, loud.
fn crashed(session: &Session, doc: &Planned, panic: &str) -> Done {
    let source = session.project.shown(&doc.source);
    let result = DocumentResult {
        kind: doc.kind,
        label: doc.label.clone(),
        diagnostics: vec![Diagnostic::internal(&source, format!("{} avbröts ({panic})", doc.label))],
        source,
        outcome: Outcome::Failed,
        read: Vec::new(),
    };
    Done { result, entry: None }
}

/// Records the results of `run` in its state, taking the old files of a
/// failed document, or of one whose source is gone, out of `output/`; saves
/// the state when anything changed (the listings are written after the run).
fn record(session: &Session, run: &mut ReviewRun, general: &mut Diagnostics) -> Vec<Removed> {
    let Some(state) = run.state.as_mut() else { return Vec::new() };
    let (mut changed, mut removed) = (false, Vec::new());
    for doc in &run.documents {
        let done = doc.done.as_ref().expect("every document is done");
        changed |= match (&done.result.outcome, &done.entry) {
            (Outcome::Written { .. }, Some(entry)) => state.record(&doc.planned.key, entry.clone()),
            (Outcome::Failed, _) => match state.forget(&doc.planned.key) {
                Some(old) => {
                    let why = format!("{} byggdes inte", doc.planned.label);
                    removed.extend(super::stale::remove(session, &run.dir, &old, why));
                    true
                }
                None => false,
            },
            _ => false,
        };
    }
    let mut known: Vec<String> = run.input.files.districts.iter().map(|d| ReviewFiles::district_id(d)).collect();
    match &run.input.review {
        Some(review) if review.raw.tjansteutlatande.is_none() => {}
        _ => known.push(MEMO_KEY.to_owned()),
    }
    for (_, old) in state.retain(|key| known.iter().any(|k| k == key)) {
        let why = match old.district.as_str() {
            "" => format!("källan till {} finns inte längre", old.title),
            district => format!("distriktsfilen för {district} finns inte längre"),
        };
        removed.extend(super::stale::remove(session, &run.dir, &old, why));
        changed = true;
    }
    let state_file = run.dir.join(incremental::STATE_FILE);
    if changed && let Err(d) = session.project.check_write(&state_file) {
        general.push(d);
    } else if changed && let Err(e) = state.save(&run.dir) {
        general.push(document::write_error(&session.project.shown(&run.dir.join(incremental::STATE_FILE)), &e));
    }
    removed
}
