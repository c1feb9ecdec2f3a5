//! The annual report (*årsrapport*) of a year, and its cover memo: every
//! review published that year, with all its reports, and every follow-up
//! published that year, in one document shaped by
//! `findings/arsrapport-<år>.toml`. Everything is checked first; any
//! error stops the report (and the memo that attaches it).
//!
//! Both documents are made anew only when their inputs changed (the
//! annual file, the templates and configuration, and the findings of the
//! year's reviews), like a review's reports.

use std::path::{Path, PathBuf};

use super::document::{self, DocumentKind, Made, Published};
use super::inputs::{self, ReviewInput};
use super::memo::{self, Doc};
use super::plan::MEMO_KEY;
use super::review::{self, CheckedReview};
use super::stale::{self, Removed};
use super::{DocumentResult, Options, Outcome, Report, Selection, Session};
use crate::diag::{Checked, Diagnostic, Diagnostics, Severity};
use crate::incremental::{self, Entry, State};
use crate::lint;
use crate::load::{self, Loaded};
use crate::model::raw::RawAnnual;
use crate::model::{Annual, Date, District};
use crate::output;
use crate::project::ANNUAL_PREFIX;
use crate::view::View;
use crate::view::annual::chapters::{self, ChapterView};
use crate::view::annual::{AnnualView, FollowUpOfYear, ReviewOfYear, Year};
use crate::view::headings::Outliner;
use crate::view::memo::Covered;

/// The annual report's key in its folder's state.
const ANNUAL_KEY: &str = "arsrapport";

/// Makes (or checks) the annual report of `year` and its memo. `prior` are
/// the results of documents made earlier in the same run, which the memo
/// may attach.
pub fn run(session: &Session, year: i32, options: &Options, prior: &[DocumentResult]) -> Report {
    let path = session.project.annual(year);
    let shown = session.project.shown(&path);
    let stem = format!("{ANNUAL_PREFIX}{year}");
    let dir = session.project.output().join(&stem);
    let mut general = Diagnostics::new(options.mode());
    let mut diags = Diagnostics::new(options.mode());
    let annual_result = |outcome, diags: Diagnostics| DocumentResult {
        kind: DocumentKind::Annual,
        label: DocumentKind::Annual.label(&year.to_string()),
        source: shown.clone(),
        outcome,
        diagnostics: diags.into_vec(),
        read: Vec::new(),
    };
    let Ok(loaded) = load_file(session, year, &path, &mut diags) else {
        return Report {
            general: Vec::new(),
            documents: vec![annual_result(Outcome::Failed, diags)],
            removed: Vec::new(),
        };
    };
    let (reviews, problems) = session.project.reviews();
    let _ = general.all(problems);
    let inputs: Vec<ReviewInput> =
        reviews.into_iter().map(|files| inputs::read(session, files, &Selection::All, options.mode())).collect();
    let of_year: Vec<&ReviewInput> = inputs.iter().filter(|i| published_in(i, year) != Some(false)).collect();
    let names = document_names(year, &of_year);
    let Ok(annual) = check_file(session, year, &loaded, &names, &of_year, &mut diags) else {
        return Report {
            general: general.into_vec(),
            documents: vec![annual_result(Outcome::Failed, diags)],
            removed: Vec::new(),
        };
    };

    let shared = incremental::shared_fingerprint(
        session.templates.sources(),
        &session.project.config(),
        &session.project.fonts(),
    );
    let mut parts: Vec<&[u8]> = vec![loaded.source.text.as_bytes()];
    for input in &of_year {
        parts.extend(input.review.iter().map(|r| r.source.text.as_bytes()));
        parts.extend(input.earlier.iter().map(|e| e.review.source.text.as_bytes()));
        for district in &input.districts {
            parts.extend(district.loaded.iter().map(|l| l.source.text.as_bytes()));
            parts.extend(district.earlier.iter().map(|(_, l)| l.source.text.as_bytes()));
        }
    }
    let fingerprint = incremental::fingerprint(&shared, &parts);
    let keeping = options.write && !options.force;
    let mut state = options.write.then(|| {
        output::remove_stale_temp_files(&dir, std::time::Duration::from_secs(60));
        State::load(&dir)
    });
    let verified = state.as_ref().map(|s| s.verified(&dir, &session.project.root)).unwrap_or_default();
    let kept = |key: &str, fingerprint: &str| {
        verified
            .get(key)
            .filter(|e| keeping && e.fingerprint == fingerprint && (e.typst_source || !options.emit_typst))
            .cloned()
    };

    // The year's reviews and follow-ups, checked once, when a document
    // needs them.
    let mut cache: Option<Checked<Vec<CheckedOfYear>>> = None;

    let annual_entry = match kept(ANNUAL_KEY, &fingerprint) {
        Some(entry) => Ok((replay(&entry, shown_files(session, &dir, &entry), &mut diags), Some(entry))),
        None => of_year_checked(&mut cache, session, &of_year, &mut diags).and_then(|all| {
            let view = AnnualView::new(&year_view(&annual, all), &session.config);
            let made = Made {
                kind: DocumentKind::Annual,
                view: View::Annual(Box::new(view)),
                date: annual.published,
                review: annual.title.clone(),
                district: String::new(),
                diarienummer: annual.diarienummer.clone(),
                ratings: Vec::new(),
                label: session.config.shape.wording.arsrapport.clone(),
                sources: sources(&loaded, &of_year),
                attachments: Vec::new(),
            };
            let published = document::publish(session, &made, &dir, &stem, options, &mut diags)?;
            Ok(finish(session, &dir, published, &fingerprint, &diags))
        }),
    };
    let (annual_outcome, annual_entry) = annual_entry.unwrap_or((Outcome::Failed, None));
    let mut documents = vec![annual_result(annual_outcome.clone(), diags)];

    let mut memo_entry = None;
    if let Some(memo) = &annual.memo {
        let mut diags = Diagnostics::new(options.mode());
        let label = DocumentKind::Memo.label(&memo.diarienummer);
        let wait = |diags: &mut Diagnostics, message: String, hint: &str| {
            diags.push(Diagnostic::file(Severity::Warning, shown.clone(), message).with_hint(hint));
            Outcome::Failed
        };
        let covers = [Doc {
            name: stem.clone(),
            title: annual.title.clone(),
            file: format!("{stem}.pdf"),
            path: format!("{stem}/{stem}.pdf"),
        }];
        let find = |name: &str| made_report(session, name, &of_year, prior);
        let outcome = match memo::attachments(memo, &covers, &find) {
            _ if annual_outcome == Outcome::Failed => wait(
                &mut diags,
                format!("{label} byggs inte förrän årsrapporten är utan fel"),
                "rätta felen i årsrapporten först",
            ),
            Err(name) => wait(
                &mut diags,
                format!("{label} byggs inte: bilagan `{name}` gjordes inte i den här körningen"),
                "kör `granska build`, som gör rapporterna och årsrapporten i samma körning",
            ),
            Ok(listed) => {
                let listing: String = listed.iter().map(|(doc, title)| format!("{title}\u{0}{doc:?}\u{1}")).collect();
                let memo_fingerprint = incremental::fingerprint(&fingerprint, &[listing.as_bytes()]);
                let memo_stem = output::report_stem(&memo.diarienummer, "tjansteutlatande");
                let mut made = |diags: &mut Diagnostics| {
                    let all = of_year_checked(&mut cache, session, &of_year, diags)?;
                    let year = year_view(&annual, all);
                    let covered = Covered {
                        publisher: &annual.publisher,
                        keyword: &session.config.shape.wording.arsrapport,
                        words: &session.config.shape.wording,
                    };
                    let mut include = |id: &str, level: u8, o: &mut Outliner| -> Option<ChapterView> {
                        let chapter = annual.outline.chapter(id)?;
                        // Included in the memo, a chapter follows the text before it.
                        chapters::build(&year, &[chapter], level, o, &session.config).pop().map(|mut c| {
                            c.ny_sida = false;
                            c
                        })
                    };
                    let sources = sources(&loaded, &of_year);
                    let made = memo::made(
                        &stem,
                        memo,
                        &covered,
                        &annual.title,
                        &listed,
                        &mut include,
                        sources,
                        &session.config,
                    );
                    document::publish(session, &made, &dir, &memo_stem, options, diags)
                };
                match kept(MEMO_KEY, &memo_fingerprint) {
                    Some(entry) => {
                        let outcome = replay(&entry, shown_files(session, &dir, &entry), &mut diags);
                        memo_entry = Some(entry);
                        outcome
                    }
                    None => match made(&mut diags) {
                        Ok(published) => {
                            let (outcome, entry) = finish(session, &dir, published, &memo_fingerprint, &diags);
                            memo_entry = entry;
                            outcome
                        }
                        Err(_) => Outcome::Failed,
                    },
                }
            }
        };
        documents.push(DocumentResult {
            kind: DocumentKind::Memo,
            label,
            source: shown.clone(),
            outcome,
            diagnostics: diags.into_vec(),
            read: Vec::new(),
        });
    }

    let mut removed = Vec::new();
    if let Some(state) = state.as_mut() {
        // Why a document's old files would go: it failed, or (a memo taken
        // out of the file) it is no longer asked for.
        let why = |index: usize| match documents.get(index) {
            Some(d) => format!("{} byggdes inte", d.label),
            None => "årsrapportens fil har inget tjänsteutlåtande längre".to_owned(),
        };
        let entries = [(why(0), ANNUAL_KEY, annual_entry), (why(1), MEMO_KEY, memo_entry)];
        removed = record(session, state, &dir, entries, &mut general);
    }
    Report { general: general.into_vec(), documents, removed }
}

/// A review of the year checked, with its reports (each with its earlier
/// report and that report's review index, in a follow-up).
type CheckedOfYear<'a> = (CheckedReview<'a>, Vec<(District, Option<(usize, District)>)>);

/// The year's reviews checked, from `cache` or checked now.
fn of_year_checked<'c, 'a>(
    cache: &'c mut Option<Checked<Vec<CheckedOfYear<'a>>>>,
    session: &Session,
    of_year: &[&'a ReviewInput],
    diags: &mut Diagnostics,
) -> Checked<&'c [CheckedOfYear<'a>]> {
    if cache.is_none() {
        *cache = Some(reviews_of(session, of_year, diags));
    }
    match cache {
        Some(Ok(all)) => Ok(all),
        Some(Err(e)) => Err(*e),
        None => unreachable!("filled above"),
    }
}

/// Reads the annual report's file, which must exist.
fn load_file(session: &Session, year: i32, path: &Path, diags: &mut Diagnostics) -> Checked<Loaded<RawAnnual>> {
    let shown = session.project.shown(path);
    if !path.exists() {
        return Err(diags.error(
            Diagnostic::file(Severity::Error, &shown, format!("årsrapporten för {year} saknar sin fil")).with_hint(
                format!("skapa den med `granska new-arsrapport {year}`, som skriver alla delar med TODO att fylla i"),
            ),
        ));
    }
    load::load::<RawAnnual>(&session.project, path, &session.schemas.annual, diags)
}

/// Whether the review was published in `year`; `None` when its date is
/// not known (its problems are reported when it is checked).
fn published_in(input: &ReviewInput, year: i32) -> Option<bool> {
    let review = input.review.as_ref()?;
    Date::from_toml(review.raw.publiceringsdatum.get_ref()).map(|d| d.year() == year)
}

/// The names an annual memo may attach: the annual report, and each report
/// of the year's reviews as `<granskning>/<distriktsfil>`.
fn document_names(year: i32, of_year: &[&ReviewInput]) -> Vec<String> {
    let mut names = vec![format!("{ANNUAL_PREFIX}{year}")];
    for input in of_year {
        names.extend(input.districts.iter().map(|d| format!("{}/{}", input.files.id, d.id)));
    }
    names
}

/// The annual file checked: its own rules, and that no report it attaches
/// is already attached to its review's memo. Then its model.
fn check_file(
    session: &Session,
    year: i32,
    loaded: &Loaded<RawAnnual>,
    names: &[String],
    of_year: &[&ReviewInput],
    diags: &mut Diagnostics,
) -> Checked<Annual> {
    let outline = lint::annual(loaded, year, names, &session.lint_context(), diags)?;
    if of_year.is_empty() {
        return Err(diags.error(
            Diagnostic::file(Severity::Error, &loaded.source.path, format!("inga granskningar publicerades {year}"))
                .with_hint(
                    "årsrapporten tar med granskningar och uppföljningar vars `publiceringsdatum` ligger under året",
                )
                .with_hint(
                    "kontrollera årtalet i filnamnet och `publiceringsdatum` i granskningarnas `granskning.toml`",
                ),
        ));
    }
    let mark = diags.mark();
    let listed = loaded.raw.tjansteutlatande.iter().flat_map(|m| &m.bilaga).filter_map(|a| a.dokument.as_ref());
    for name in listed {
        let Some((folder, district)) = name.get_ref().trim().split_once('/') else { continue };
        let Some(input) = of_year.iter().find(|i| i.files.id == folder) else { continue };
        let Some(other) = input.review.as_ref().and_then(|r| r.raw.tjansteutlatande.as_ref()) else { continue };
        let named: Vec<&str> =
            other.bilaga.iter().filter_map(|a| a.dokument.as_ref()).map(|d| d.get_ref().trim()).collect();
        if named.is_empty() || named.contains(&district) {
            let review_file = session.project.shown(&input.files.review);
            diags.push(
                Diagnostic::error(
                    &loaded.source,
                    name.span(),
                    format!("rapporten `{}` är redan bilaga till tjänsteutlåtandet i {}", name.get_ref().trim(), review_file.display()),
                )
                .with_hint("ett dokument är bilaga till ett tjänsteutlåtande; ta bort bilagan här, eller lista granskningens bilagor med `dokument` utan den"),
            );
        }
    }
    diags.since(mark)?;
    Annual::from_raw(year, &loaded.raw, outline, &session.config.shape.wording).ok_or_else(|| {
        diags
            .error(Diagnostic::internal(session.project.shown(&loaded.source.path), "årsrapporten kunde inte läsas in"))
    })
}

/// Every review published in the year, checked, with its reports checked.
/// A year with none is an error.
fn reviews_of<'a>(
    session: &Session,
    of_year: &[&'a ReviewInput],
    diags: &mut Diagnostics,
) -> Checked<Vec<CheckedOfYear<'a>>> {
    let mark = diags.mark();
    let mut out = Vec::new();
    for input in of_year {
        let _ = diags.all(input.diags.iter().cloned());
        let Ok(review) = review::check(session, input, diags) else { continue };
        let mut reports = Vec::new();
        for district in &input.districts {
            let _ = diags.all(district.diags.iter().cloned());
            if let Ok(checked) = document::checked_district(session, &review, district, diags) {
                reports.push(checked);
            }
        }
        out.push((review, reports));
    }
    diags.since(mark)?;
    Ok(out)
}

/// The year as the view sees it: new reviews and follow-ups apart.
fn year_view<'a>(annual: &'a Annual, all: &'a [CheckedOfYear]) -> Year<'a> {
    let mut reviews = Vec::new();
    let mut follow_ups = Vec::new();
    for (review, reports) in all {
        if review.model.is_follow_up() {
            follow_ups.push(FollowUpOfYear {
                review: &review.model,
                earlier: &review.earlier,
                reports: reports.iter().map(|(now, then)| (now, then.as_ref().map(|(_, d)| d))).collect(),
            });
        } else {
            reviews.push(ReviewOfYear { review: &review.model, reports: reports.iter().map(|(d, _)| d).collect() });
        }
    }
    Year { annual, reviews, follow_ups }
}

/// A report of the year a memo names (`<granskning>/<distriktsfil>`), if
/// this run made it (or found it unchanged).
fn made_report(session: &Session, name: &str, of_year: &[&ReviewInput], prior: &[DocumentResult]) -> Option<Doc> {
    let (folder, id) = name.split_once('/')?;
    let input = of_year.iter().find(|i| i.files.id == folder)?;
    let district = input.districts.iter().find(|d| d.id == id)?;
    let source = session.project.shown(&district.path);
    let result = prior
        .iter()
        .find(|r| r.source == source && matches!(r.kind, DocumentKind::District | DocumentKind::FollowUp))?;
    let files = match &result.outcome {
        Outcome::Written { files, .. } | Outcome::Unchanged { files } => files,
        Outcome::Checked { .. } | Outcome::Failed => return None,
    };
    let pdf = files.iter().find(|f| f.extension().is_some_and(|e| e == "pdf"))?;
    let file = pdf.file_name()?.to_string_lossy().into_owned();
    let title = input.review.as_ref().map(|r| r.raw.titel.get_ref().trim().to_owned())?;
    Some(Doc {
        name: name.to_owned(),
        title: format!("{title} – {}", district.name()),
        path: format!("{folder}/{file}"),
        file,
    })
}

/// The files the annual report's text comes from.
fn sources(loaded: &Loaded<RawAnnual>, of_year: &[&ReviewInput]) -> Vec<std::sync::Arc<crate::diag::SourceFile>> {
    let mut out = vec![loaded.source.clone()];
    for input in of_year {
        out.extend(input.districts.iter().filter_map(|d| d.loaded.as_ref().map(|l| l.source.clone())));
        out.extend(input.review.iter().map(|r| r.source.clone()));
    }
    out
}

/// A kept document's outcome: unchanged, with the warnings of the build
/// that wrote it said again; failed when this run counts them as errors
/// (`--strikt`).
fn replay(entry: &Entry, files: Vec<PathBuf>, diags: &mut Diagnostics) -> Outcome {
    match diags.all(entry.warnings.iter().cloned()) {
        Ok(()) => Outcome::Unchanged { files },
        Err(_) => Outcome::Failed,
    }
}

/// A published document's outcome and (when written) its entry, with the
/// warnings its build gave.
fn finish(
    session: &Session,
    dir: &Path,
    published: Published,
    fingerprint: &str,
    diags: &Diagnostics,
) -> (Outcome, Option<Entry>) {
    match published {
        Published { pages, entry: Some(mut entry), .. } => {
            entry.fingerprint = fingerprint.to_owned();
            entry.warnings = diags.iter().filter(|d| !d.is_error()).cloned().collect();
            let files = shown_files(session, dir, &entry);
            (Outcome::Written { files, pages }, Some(entry))
        }
        Published { pages, entry: None, .. } => (Outcome::Checked { pages }, None),
    }
}

fn shown_files(session: &Session, dir: &Path, entry: &Entry) -> Vec<PathBuf> {
    entry.files.iter().map(|f| session.project.shown(&dir.join(&f.name))).collect()
}

/// Remembers what was written and forgets the rest, taking a forgotten
/// document's old files out of `output/` (each entry is why they would go,
/// the document's key and, when written or kept, its entry); then saves the
/// state when anything changed (the listings are written after the run).
fn record(
    session: &Session,
    state: &mut State,
    dir: &Path,
    entries: [(String, &str, Option<Entry>); 2],
    general: &mut Diagnostics,
) -> Vec<Removed> {
    let (mut changed, mut removed) = (false, Vec::new());
    for (why, key, entry) in entries {
        changed |= match entry {
            Some(entry) => state.record(key, entry),
            None => match state.forget(key) {
                Some(old) => {
                    removed.extend(stale::remove(session, dir, &old, why));
                    true
                }
                None => false,
            },
        };
    }
    if changed && let Err(d) = session.project.check_write(&dir.join(incremental::STATE_FILE)) {
        general.push(d);
    } else if changed && let Err(e) = state.save(dir) {
        general.push(document::write_error(&session.project.shown(&dir.join(incremental::STATE_FILE)), &e));
    }
    removed
}
