//! One run of `build` or `check` over the selected reviews: read the
//! findings, plan, check each review that has a document to make, make the
//! district reports in parallel, then the cover memos (which list them),
//! and finally record what was written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::document::{self, Made, Published};
use super::inputs::{self, ReviewInput};
use super::plan::{self, MEMO_KEY, Planned, Rules, Step};
use super::review::{self, CheckedReview};
use super::schedule;
use super::{DocumentKind, DocumentResult, Options, Outcome, Progress, Report, Selection, Session};
use crate::diag::{Checked, Diagnostic, Diagnostics, Severity};
use crate::incremental::{self, Entry, State};
use crate::manifest;
use crate::output;
use crate::project::ReviewFiles;
use crate::view::memo::Attachment;

/// Ends the name of a draft's files: `3-1-117-2011-bromma-utkast.pdf`.
pub const DRAFT_SUFFIX: &str = "utkast";

/// Temporary files older than this are left over from a killed run.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// A made document: its result and, when written, what to remember.
struct Done {
    result: DocumentResult,
    entry: Option<Entry>,
}

pub fn run(session: &Session, selection: &Selection, options: &Options, progress: &dyn Progress) -> Report {
    let mut general = Diagnostics::new(options.mode());
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
    let documents = plan::documents(&inputs, &shared, !matches!(selection, Selection::District(_)));
    if documents.is_empty() && !general.has_errors() {
        general.push(
            Diagnostic::file(
                Severity::Warning,
                session.project.shown(&session.project.findings()),
                "inga distriktsfiler hittades",
            )
            .with_hint("lägg till en distriktsfil med `granska new <granskning> <distrikt>`"),
        );
    }
    progress.start(documents.len());
    // Drafts go to their own folder, outside what is published, and are
    // made afresh every time: no state, no manifest, no index.
    let base = if options.draft.is_some() { session.project.drafts() } else { session.project.output() };
    let dirs: Vec<PathBuf> = inputs.iter().map(|i| base.join(&i.files.id)).collect();
    let mut states: Vec<State> = Vec::new();
    if options.write && options.draft.is_none() {
        for dir in &dirs {
            output::remove_stale_temp_files(dir, STALE_TEMP_AGE);
            states.push(State::load(dir));
        }
    }
    let verified: Vec<BTreeMap<String, Entry>> =
        states.iter().zip(&dirs).map(|(state, dir)| state.verified(dir, &session.project.root)).collect();
    let rules = Rules { write: options.write, force: options.force, emit_typst: options.emit_typst };
    let mut steps = plan::plan(&documents, &verified, rules);
    for (later, first) in plan::collisions(&documents) {
        let (a, b) = (&documents[first], &documents[later]);
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
    let checked = check_reviews(session, &inputs, &documents, &steps, &mut general);
    let done = make_all(session, &inputs, &checked, &documents, &steps, &dirs, options, progress);
    for (index, state) in states.iter_mut().enumerate() {
        record(session, index, &inputs[index], state, &dirs[index], &documents, &done, &mut general);
    }
    if options.write && options.draft.is_none() && !documents.is_empty() {
        super::index::write(session, &mut general);
    }
    Report { general: general.into_vec(), documents: done.into_iter().map(|d| d.result).collect() }
}

/// Checks each review that has a document to make.
fn check_reviews<'a>(
    session: &Session,
    inputs: &'a [ReviewInput],
    documents: &[Planned],
    steps: &[Step],
    general: &mut Diagnostics,
) -> Vec<Option<CheckedReview<'a>>> {
    inputs
        .iter()
        .enumerate()
        .map(|(index, input)| {
            let needed = documents.iter().zip(steps).any(|(doc, step)| doc.review == index && *step == Step::Make);
            needed.then(|| review::check(session, input, general).ok()).flatten()
        })
        .collect()
}

/// Makes the documents the plan asks for (district reports first, then the
/// memos that list them) and reports the kept ones; results in plan order.
#[allow(clippy::too_many_arguments)]
fn make_all(
    session: &Session,
    inputs: &[ReviewInput],
    checked: &[Option<CheckedReview>],
    documents: &[Planned],
    steps: &[Step],
    dirs: &[PathBuf],
    options: &Options,
    progress: &dyn Progress,
) -> Vec<Done> {
    let mut done: Vec<Option<Done>> = documents.iter().map(|_| None).collect();
    for (index, (doc, step)) in documents.iter().zip(steps).enumerate() {
        match step {
            Step::Keep(entry) => {
                done[index] = Some(kept(session, doc, entry, &dirs[doc.review]));
                progress.done();
            }
            Step::Refused => {
                done[index] = Some(finish(session, doc, &dirs[doc.review], None, Diagnostics::default()));
                progress.done();
            }
            Step::Make => {}
        }
    }
    for memos in [false, true] {
        let jobs: Vec<usize> = (0..documents.len())
            .filter(|&i| steps[i] == Step::Make && (documents[i].kind == DocumentKind::Memo) == memos)
            .collect();
        let results = schedule::parallel(
            &jobs,
            options.jobs,
            |&i| {
                let doc = &documents[i];
                let review = checked[doc.review].as_ref();
                make(session, &inputs[doc.review], review, doc, &dirs[doc.review], &done, documents, options)
            },
            &|| progress.done(),
        );
        for (&i, result) in jobs.iter().zip(results) {
            done[i] = Some(result.unwrap_or_else(|panic| crashed(session, &documents[i], &panic)));
        }
    }
    done.into_iter().map(|d| d.expect("every planned document was kept or made")).collect()
}

/// Makes one document. `done` holds the documents finished before it (a
/// memo's district reports).
#[allow(clippy::too_many_arguments)]
fn make(
    session: &Session,
    input: &ReviewInput,
    review: Option<&CheckedReview>,
    doc: &Planned,
    dir: &Path,
    done: &[Option<Done>],
    documents: &[Planned],
    options: &Options,
) -> Done {
    // Fault injection for the test that proves a panic fails its document
    // loudly (the tests run the release build, so this is in every build;
    // it does nothing unless the variable names a document).
    if std::env::var_os("GRANSKA_TEST_PANIK").is_some_and(|key| key == doc.key.as_str()) {
        panic!("testpanik i {}", doc.key);
    }
    let mut diags = Diagnostics::new(options.mode());
    let district = doc.district.map(|d| &input.districts[d]);
    if let Some(district) = district {
        let _ = diags.all(district.diags.iter().cloned());
    }
    // Without a checked review nothing is made; its problems were reported
    // with it.
    let published = review.and_then(|review| {
        let made: Checked<Made> = match district {
            Some(district) => document::district(session, review, district, doc.kind, &mut diags),
            None => {
                let attachments = attachments(session, doc, done, documents, &mut diags)?;
                document::memo(session, review, &attachments, &mut diags)
            }
        };
        made.and_then(|mut made| {
            let stem = match options.draft {
                Some(date) => {
                    made.view.mark_draft(date);
                    format!("{}-{DRAFT_SUFFIX}", doc.stem)
                }
                None => doc.stem.clone(),
            };
            document::publish(session, &made, dir, &stem, options, &mut diags)
        })
        .ok()
    });
    finish(session, doc, dir, published, diags)
}

/// The district reports a memo lists: every report of its review, which
/// must all have been made (or kept) without errors. `None` (with a note
/// why) when one has errors: those were reported with their report.
fn attachments(
    session: &Session,
    memo: &Planned,
    done: &[Option<Done>],
    documents: &[Planned],
    diags: &mut Diagnostics,
) -> Option<Vec<Attachment>> {
    let mut attachments = Vec::new();
    for (doc, done) in documents.iter().zip(done) {
        if doc.review != memo.review || doc.kind == DocumentKind::Memo {
            continue;
        }
        let ok = done.as_ref().is_some_and(|d| d.result.outcome != Outcome::Failed);
        if !ok {
            diags.push(
                Diagnostic::file(
                    Severity::Warning,
                    session.project.shown(&memo.source),
                    format!("{} byggs inte förrän alla rapporter det listar är utan fel", memo.label),
                )
                .with_hint(format!("rätta felen i {} först", doc.label)),
            );
            return None;
        }
        attachments.push(Attachment { district: doc.name.clone(), file: format!("{}.pdf", doc.stem) });
    }
    Some(attachments)
}

/// A made document's result, with what to remember when it was written.
fn finish(session: &Session, doc: &Planned, dir: &Path, published: Option<Published>, diags: Diagnostics) -> Done {
    let (outcome, entry, read) = match published {
        Some(Published { pages, read, entry: Some(mut entry) }) => {
            entry.fingerprint = doc.fingerprint.clone().unwrap_or_default();
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

/// The result of a document the plan kept.
fn kept(session: &Session, doc: &Planned, entry: &Entry, dir: &Path) -> Done {
    let files = entry.files.iter().map(|f| session.project.shown(&dir.join(&f.name))).collect();
    let result = DocumentResult {
        kind: doc.kind,
        label: doc.label.clone(),
        source: session.project.shown(&doc.source),
        outcome: Outcome::Unchanged { files },
        diagnostics: Vec::new(),
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

/// Records the results of review `index` in its state, and saves the state
/// and the manifest when anything changed (or the manifest is missing).
#[allow(clippy::too_many_arguments)]
fn record(
    session: &Session,
    index: usize,
    input: &ReviewInput,
    state: &mut State,
    dir: &Path,
    documents: &[Planned],
    done: &[Done],
    general: &mut Diagnostics,
) {
    let mut changed = false;
    for (doc, done) in documents.iter().zip(done).filter(|(doc, _)| doc.review == index) {
        changed |= match (&done.result.outcome, &done.entry) {
            (Outcome::Written { .. }, Some(entry)) => state.record(&doc.key, entry.clone()),
            (Outcome::Failed, _) => state.forget(&doc.key),
            _ => false,
        };
    }
    let mut known: Vec<String> = input.files.districts.iter().map(|d| ReviewFiles::district_id(d)).collect();
    match &input.review {
        Some(review) if review.raw.tjansteutlatande.is_none() => {}
        _ => known.push(MEMO_KEY.to_owned()),
    }
    let before = state.entries().count();
    state.retain(|key| known.iter().any(|k| k == key));
    changed |= state.entries().count() != before;
    let manifest_missing = !dir.join(manifest::JSON_FILE).exists() && state.entries().next().is_some();
    if !(changed || manifest_missing) {
        return;
    }
    let saved = state.save(dir).map_err(|e| (incremental::STATE_FILE, e)).and_then(|()| {
        let entries: Vec<&Entry> = state.entries().map(|(_, e)| e).collect();
        manifest::write(dir, &entries).map_err(|e| (manifest::JSON_FILE, e))
    });
    if let Err((file, e)) = saved {
        general.push(document::write_error(&session.project.shown(&dir.join(file)), &e));
    }
}
