//! The listings of `output/`, written after every build from the state of
//! each output folder (reviews and annual reports): each folder's manifest
//! for the registrar (with which memo each document is attached to, across
//! folders), and `output/index.html`, every document, so the folder can be
//! uploaded to the web as it is. A file is rewritten only when its bytes
//! change.
//!
//! Only what this project's builds wrote and can still vouch for is
//! listed: folders of a review or an annual report the findings have now,
//! and in them the state entries whose files are intact (`State::verified`).
//! A folder with a state file from elsewhere is named in a warning, never
//! listed. The finished index passes the personal-data guard like every
//! other page.

use walkdir::WalkDir;

use super::Session;
use super::document::write_error;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::guard;
use crate::incremental::{STATE_FILE, State};
use crate::manifest;
use crate::output;
use crate::project::ANNUAL_PREFIX;
use crate::render::{Format, INDEX_TEMPLATE};
use crate::view::index::IndexView;

/// The index's file name in `output/`.
pub const INDEX_FILE: &str = "index.html";

/// Writes every folder's manifest and `output/index.html` from the state of
/// every output folder.
pub fn write(session: &Session, diags: &mut Diagnostics) {
    let out = session.project.output();
    let known = known_folders(session);
    let folders: Vec<(String, Vec<_>)> = WalkDir::new(&out)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir() && e.path().join(STATE_FILE).is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            let ours = known.iter().any(|k| *k == name);
            if !ours {
                diags.push(
                    Diagnostic::file(
                        Severity::Warning,
                        session.project.shown(e.path()),
                        "mappen hör inte till någon granskning eller årsrapport i `findings/` och tas inte med i index.html",
                    )
                    .with_hint("flytta mappen ur `output/` innan ni publicerar; granska rör inte filer den inte själv gjort"),
                );
            }
            ours
        })
        .map(|e| {
            let state = State::load(e.path());
            let mut entries: Vec<_> =
                state.verified(e.path(), &session.project.root).into_values().collect();
            // Reports first, then the documents about the whole review.
            entries.sort_by_key(|e| (e.district.is_empty(), e.pdf().unwrap_or_default().to_owned()));
            (e.file_name().to_string_lossy().into_owned(), entries)
        })
        .collect();
    let attached = manifest::attachments(folders.iter().map(|(name, entries)| (name.as_str(), entries.as_slice())));
    for (name, entries) in &folders {
        let dir = out.join(name);
        let listed: Vec<&crate::incremental::Entry> = entries.iter().collect();
        if let Err(e) = manifest::write(&dir, name, &listed, &attached) {
            diags.push(write_error(&session.project.shown(&dir.join(manifest::JSON_FILE)), &e));
        }
    }
    let view = IndexView::new(&folders, &session.config);
    let html = match session.templates.render(Format::Html, INDEX_TEMPLATE, &view) {
        Ok(html) => html,
        Err(d) => return diags.push(d),
    };
    let path = out.join(INDEX_FILE);
    let hits = guard::scan(&guard::html_text(&html));
    if let Some(hit) = hits.first() {
        diags.push(
            Diagnostic::file(Severity::Error, session.project.shown(&path), format!("index.html skulle visa {}", hit.what()))
                .with_hint("numret kommer från en mapp i `output/`; bygg om med `granska build --bygg-om`, eller flytta mappen ur `output/`")
                .with_hint("index.html skrevs inte, och den gamla togs bort"),
        );
        if session.project.check_write(&path).is_ok() {
            let _ = std::fs::remove_file(&path);
        }
        return;
    }
    if std::fs::read(&path).is_ok_and(|old| old == html.as_bytes()) {
        return;
    }
    if let Err(e) = output::write_atomic(&path, html.as_bytes()) {
        diags.push(write_error(&session.project.shown(&path), &e));
    }
}

/// The names of the output folders this project's findings make now: one
/// per review folder, one per annual report.
fn known_folders(session: &Session) -> Vec<String> {
    let (reviews, _) = session.project.reviews();
    let annual = session.project.annual_years().into_iter().map(|year| format!("{ANNUAL_PREFIX}{year}"));
    reviews.into_iter().map(|r| r.id).chain(annual).collect()
}
