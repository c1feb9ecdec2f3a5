//! The listings of `output/`, written after every build from the state of
//! each output folder (reviews and annual reports): each folder's manifest
//! for the registrar (with which memo each document is attached to, across
//! folders), and `output/index.html`, every document, so the folder can be
//! uploaded to the web as it is. A file is rewritten only when its bytes
//! change.

use walkdir::WalkDir;

use super::Session;
use super::document::write_error;
use crate::diag::Diagnostics;
use crate::incremental::{STATE_FILE, State};
use crate::manifest;
use crate::output;
use crate::render::{Format, INDEX_TEMPLATE};
use crate::view::index::IndexView;

/// The index's file name in `output/`.
pub const INDEX_FILE: &str = "index.html";

/// Writes every folder's manifest and `output/index.html` from the state of
/// every output folder.
pub fn write(session: &Session, diags: &mut Diagnostics) {
    let out = session.project.output();
    let folders: Vec<(String, Vec<_>)> = WalkDir::new(&out)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir() && e.path().join(STATE_FILE).is_file())
        .map(|e| {
            let state = State::load(e.path());
            let mut entries: Vec<_> = state.entries().map(|(_, entry)| entry.clone()).collect();
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
    if std::fs::read(&path).is_ok_and(|old| old == html.as_bytes()) {
        return;
    }
    if let Err(e) = output::write_atomic(&path, html.as_bytes()) {
        diags.push(write_error(&session.project.shown(&path), &e));
    }
}
