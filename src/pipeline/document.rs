//! One document through the chain: its findings checked into the model, the
//! model into a view, the view through the templates into Typst, Typst into
//! a PDF, and (when building) the PDF written atomically.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::inputs::DistrictInput;
use super::review::CheckedReview;
use super::{Options, Session};
use crate::diag::{Checked, Diagnostic, Diagnostics, Severity, SourceFile};
use crate::guard;
use crate::incremental::{self, Attached, Entry, OutputFile};
use crate::lint;
pub use crate::model::DocumentKind;
use crate::model::{Date, District, Rating};
use crate::output;
use crate::render::{ANNUAL_TEMPLATE, CHANGES_TEMPLATE, Format, MEMO_TEMPLATE, REPORT_TEMPLATE, html};
use crate::typeset::{self, Job};
use crate::view::report::ReportView;
use crate::view::{EditionsView, View, WebView};

/// The main template of a kind of document.
fn template(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::District | DocumentKind::FollowUp => REPORT_TEMPLATE,
        DocumentKind::Memo => MEMO_TEMPLATE,
        DocumentKind::Annual => ANNUAL_TEMPLATE,
        DocumentKind::Changes => CHANGES_TEMPLATE,
    }
}

/// A document ready to render: its view, and what the state and manifest
/// remember of it.
pub struct Made {
    pub kind: DocumentKind,
    pub view: View,
    /// Its date: "today" in Typst and the PDF timestamp.
    pub date: Date,
    /// The title of the review (or annual report) it belongs to.
    pub review: String,
    /// The district's name, empty for documents about a whole review.
    pub district: String,
    pub diarienummer: String,
    /// A report's level per quality area that has one (area name,
    /// rating).
    pub ratings: Vec<(String, Rating)>,
    /// What the document calls itself, in the project's words.
    pub label: String,
    /// The files its text comes from, where the personal-data guard
    /// locates what it finds in the finished document.
    pub sources: Vec<Arc<SourceFile>>,
    /// A memo's attachments.
    pub attachments: Vec<Attached>,
}

/// A district's report: the district file checked against its review (and
/// in a follow-up, against the earlier report), then its view.
pub fn district(
    session: &Session,
    review: &CheckedReview,
    input: &DistrictInput,
    kind: DocumentKind,
    diags: &mut Diagnostics,
) -> Checked<Made> {
    let (district, earlier) = checked_district(session, review, input, diags)?;
    let then = earlier.as_ref().map(|(index, district)| (&review.earlier[*index], district));
    let view = ReportView::new(&review.model, &district, then, &review.earlier, &session.config);
    Ok(Made {
        kind,
        view: View::Report(Box::new(view)),
        date: review.model.published,
        review: review.model.title.clone(),
        ratings: district.areas.iter().filter_map(|a| Some((a.area.name.clone(), a.rating?.given()?))).collect(),
        label: match kind {
            DocumentKind::FollowUp => review.model.shape.wording.uppfoljning.clone(),
            _ => review.model.shape.wording.granskningsrapport.clone(),
        },
        district: district.subject(),
        diarienummer: review.model.diarienummer.clone(),
        sources: [
            input.loaded.as_ref().map(|l| l.source.clone()),
            Some(review.raw.source.clone()),
            input.earlier.as_ref().map(|(_, l)| l.source.clone()),
        ]
        .into_iter()
        .flatten()
        .chain(review.input.earlier.iter().map(|e| e.review.source.clone()))
        .collect(),
        attachments: Vec::new(),
    })
}

/// The district, checked into the model, and in a follow-up its earlier
/// report with the index of its review in [`CheckedReview::earlier`]
/// (`None` when no earlier review has the district).
pub fn checked_district(
    session: &Session,
    review: &CheckedReview,
    input: &DistrictInput,
    diags: &mut Diagnostics,
) -> Checked<(District, Option<(usize, District)>)> {
    input.diags.check()?;
    let shown = session.project.shown(&input.path);
    let loaded = input.loaded.as_ref().ok_or_else(|| diags.error(Diagnostic::internal(&shown, "filen saknas")))?;
    let shape = &review.model.shape;
    let checked = lint::district(loaded, &review.raw.raw, shape, &session.lint_context(), diags);
    let earlier = earlier_district(session, review, input, diags)?;
    if review.model.is_follow_up() {
        let then = earlier.as_ref().map(|(index, district)| (review.earlier[*index].id.as_str(), district));
        let folders: Vec<&str> = review.earlier.iter().map(|r| r.id.as_str()).collect();
        diags.all(lint::follow_up::check(&loaded.source, &loaded.raw, then, &folders))?;
    }
    checked?;
    let district = District::from_raw(&input.id, &loaded.raw, &session.config.areas, shape.rates)
        .ok_or_else(|| diags.error(Diagnostic::internal(&shown, "distriktet kunde inte läsas in")))?;
    Ok((district, earlier))
}

/// The earlier report of the district, checked, with its review's index:
/// `None` when no earlier review has a district with this file name.
fn earlier_district(
    session: &Session,
    review: &CheckedReview,
    input: &DistrictInput,
    diags: &mut Diagnostics,
) -> Checked<Option<(usize, District)>> {
    let Some((index, earlier)) = &input.earlier else { return Ok(None) };
    let mut problems = diags.fork();
    let ctx = session.lint_context();
    let earlier_raw = &review.input.earlier[*index].review.raw;
    let shape = &review.earlier[*index].shape;
    let model = lint::district(earlier, earlier_raw, shape, &ctx, &mut problems)
        .ok()
        .and_then(|()| District::from_raw(&input.id, &earlier.raw, &session.config.areas, shape.rates));
    match model {
        Some(model) => Ok(Some((*index, model))),
        None => Err(diags.error(
            Diagnostic::file(Severity::Error, &earlier.source.path, "den tidigare rapportens distriktsfil har fel")
                .with_hint(format!("kör `granska check {}` och rätta felen där", earlier.source.path.display())),
        )),
    }
}

/// A typeset document.
pub struct Published {
    pub pages: usize,
    /// Project files the document read, with hashes.
    pub read: BTreeMap<String, String>,
    /// What to remember of the written files; `None` when only checking.
    pub entry: Option<Entry>,
}

/// Renders `made` in every format, typesets the PDF and, when building,
/// writes `<dir>/<stem>.pdf` and `<dir>/<stem>.html` atomically (and
/// `<stem>.typ` with `--emit-typst`). The entry it returns lacks only the
/// fingerprint.
pub fn publish(
    session: &Session,
    made: &Made,
    dir: &Path,
    stem: &str,
    options: &Options,
    diags: &mut Diagnostics,
) -> Checked<Published> {
    let source = match session.templates.render(Format::Typst, template(made.kind), &made.view) {
        Ok(source) => source,
        Err(typst) => {
            let errors = [Some(typst), web_edition(session, made, stem).err()].into_iter().flatten();
            return Err(errors.map(|d| diags.error(d)).last().expect("the Typst template failed"));
        }
    };
    let typ_path = dir.join(format!("{stem}.typ"));
    if options.write && options.emit_typst {
        write(session, &typ_path, source.as_bytes(), diags)?;
    }
    let typ_shown = session.project.shown(&typ_path);
    let (pdf_name, html_name) = (format!("{stem}.pdf"), format!("{stem}.html"));
    let job =
        Job { source, source_name: &typ_shown, date: made.date, ident: &pdf_name, earlier: session.sources.as_ref() };
    // The web edition is made, and read by the personal-data guard, while
    // Typst sets the pages (a single document otherwise leaves a core idle).
    let (typeset, web) = std::thread::scope(|scope| {
        let web = scope.spawn(|| web_edition(session, made, stem));
        (typeset::typeset(session.env(), job), web.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let WebEdition { html, read: web_text, hits: web_hits } = web.map_err(|d| diags.error(d))?;
    let done = typeset.map_err(|errors| {
        let reported = errors.into_iter().map(|d| diags.error(explain_typst_error(d, options.emit_typst))).last();
        reported.unwrap_or_else(|| diags.error(Diagnostic::internal(&typ_shown, "Typst avbröt utan att säga varför")))
    })?;
    for warning in done.warnings {
        diags.push(warning);
    }
    diags.check()?;
    let hits = guard::scan(&done.text).into_iter().chain(web_hits);
    guard_document(session, made, hits, dir, stem, diags)?;
    if made.view.document().utkast.is_none() && made.kind != DocumentKind::Changes {
        no_placeholder(session, made, [&done.text, &web_text], dir, stem, diags)?;
    }
    let read = incremental::read_files(&session.project.root, &done.accessed);
    if !options.write {
        return Ok(Published { pages: done.pages, read, entry: None });
    }
    write(session, &dir.join(&pdf_name), &done.pdf, diags)?;
    write(session, &dir.join(&html_name), html.as_bytes(), diags)?;
    let entry = Entry {
        files: vec![OutputFile::of(&pdf_name, &done.pdf), OutputFile::of(&html_name, html.as_bytes())],
        typst_source: options.emit_typst,
        pages: done.pages,
        title: made.view.document().titel.clone(),
        kind: made.kind,
        label: made.label.clone(),
        review: made.review.clone(),
        district: made.district.clone(),
        diarienummer: made.diarienummer.clone(),
        date: Some(made.date),
        ratings: made.ratings.clone(),
        read: read.clone(),
        attachments: made.attachments.clone(),
        ..Entry::default()
    };
    Ok(Published { pages: done.pages, read, entry: Some(entry) })
}

/// The web edition of `made` (its TODO placeholders marked in a draft).
struct WebEdition {
    html: String,
    /// The text and attributes a reader gets from it.
    read: String,
    /// What the personal-data guard finds in `read`.
    hits: Vec<guard::Hit>,
}

fn web_edition(session: &Session, made: &Made, stem: &str) -> Result<WebEdition, Diagnostic> {
    let draft = made.view.document().utkast.is_some();
    // The page links to its PDF and, when published, to the list of every
    // document one folder up (drafts and the changes list have none).
    let published = !draft && made.kind != DocumentKind::Changes;
    let utgavor = EditionsView { pdf: format!("{stem}.pdf"), index: published.then(|| "../index.html".to_owned()) };
    let page = WebView { view: &made.view, utgavor };
    let html = session.templates.render(Format::Html, template(made.kind), &page)?;
    let html = if draft { html::mark_placeholders(&html) } else { html };
    let read = guard::html_text(&html);
    let hits = guard::scan(&read);
    Ok(WebEdition { html, read, hits })
}

/// The personal-data guard over a finished document: its file names, and
/// `hits`, what it found in the text on its pages and in its web page. What
/// it finds is located in the document's sources, or else reported against
/// the document.
fn guard_document(
    session: &Session,
    made: &Made,
    hits: impl Iterator<Item = guard::Hit>,
    dir: &Path,
    stem: &str,
    diags: &mut Diagnostics,
) -> Checked<()> {
    let shown = session.project.shown(&dir.join(format!("{stem}.pdf")));
    let mark = diags.mark();
    let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Named after the file it comes from (the district file, first).
    let origin = made.sources.first().map_or(shown.clone(), |s| s.path.clone());
    // A number in a name is said once, as the name's (the web page links
    // to its PDF by that name too).
    let mut seen = std::collections::BTreeSet::new();
    for name in [format!("filnamnet `{stem}.pdf`"), format!("mappnamnet `{folder}`")] {
        for hit in guard::scan(&name) {
            seen.insert(hit.digits.clone());
            let message = format!("{name} skulle innehålla {}", hit.what());
            diags.push(
                Diagnostic::file(Severity::Error, &origin, message)
                    .with_hint("byt namn på distriktsfilen eller granskningsmappen, eller rätta diarienumret"),
            );
        }
    }
    let mut sources = made.sources.clone();
    sources.extend(session.config.source.clone());
    for hit in hits {
        if !seen.insert(hit.digits.clone()) {
            continue;
        }
        let message = format!("dokumentet skulle visa {}", hit.what());
        diags.push(match guard::locate(&hit.digits, &sources) {
            Some((source, range)) => guard::error(&source, range, format!("{message} som står här")),
            None => Diagnostic::file(Severity::Error, &shown, message)
                .with_hint("numret står inte så i iakttagelserna; det kan komma från en egen mall i templates/")
                .with_hint("ta bort numret: rapporten blir en allmän handling (OSL 26 kap. 1 §)"),
        });
    }
    diags.since(mark)
}

/// A final document never shows a TODO, wherever it came from: a text
/// the lint could not see it in, `granska.toml`, or a template. It is
/// located in the document's sources or the configuration (string values
/// only), or else reported against the document.
fn no_placeholder(
    session: &Session,
    made: &Made,
    texts: [&str; 2],
    dir: &Path,
    stem: &str,
    diags: &mut Diagnostics,
) -> Checked<()> {
    if !texts.iter().any(|text| lint::find_placeholder(text).is_some()) {
        return Ok(());
    }
    let message = "dokumentet skulle visa platshållaren TODO";
    let mut sources = made.sources.clone();
    sources.extend(session.config.source.clone());
    let located = sources.iter().find_map(|source| lint::locate_placeholder(source).map(|at| (source, at)));
    let d = match located {
        Some((source, at)) => Diagnostic::unfinished(source, at, format!("{message}, som står här")),
        None => Diagnostic::file(
            Severity::Unfinished,
            session.project.shown(&dir.join(format!("{stem}.pdf"))),
            message,
        )
        .with_hint(
            "den står varken i iakttagelserna eller i granska.toml; sök efter TODO i era egna mallar i `templates/`",
        ),
    };
    Err(diags.error(d.with_hint(lint::PLACEHOLDER_HINT)))
}

/// Writes a file atomically, reporting a failure.
fn write(session: &Session, path: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Checked<()> {
    session.project.check_write(path).map_err(|d| diags.error(d))?;
    output::write_atomic(path, bytes).map_err(|e| diags.error(write_error(&session.project.shown(path), &e)))
}

fn explain_typst_error(d: Diagnostic, emitted: bool) -> Diagnostic {
    let d =
        d.with_hint("felet uppstod när dokumentet sattes med Typst; det beror oftast på en egen mall i `templates/`");
    if emitted {
        d
    } else {
        d.with_hint("kör med `--emit-typst` för att spara den genererade Typst-koden och se raden")
    }
}

pub fn write_error(shown: &Path, err: &std::io::Error) -> Diagnostic {
    crate::diag::os_error(shown, "filen kunde inte skrivas", err)
}
