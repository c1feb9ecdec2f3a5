//! Reading a review's findings: `granskning.toml`, the selected district
//! files, and in a follow-up the earlier review and its district files, all
//! through the loading gate. Reading and parsing is cheap; checking the
//! content is left to the documents that need it, so that an unchanged
//! build never lints or typesets anything.

use std::path::{Path, PathBuf};

use super::{Selection, Session};
use crate::diag::{Diagnostic, Diagnostics, Mode};
use crate::load::{self, Loaded};
use crate::model::raw::{RawDistrict, RawReview};
use crate::project::{REVIEW_FILE, ReviewFiles};

/// One review's findings.
pub struct ReviewInput {
    pub files: ReviewFiles,
    /// `granskning.toml`, if it could be read and parsed.
    pub review: Option<Loaded<RawReview>>,
    /// Problems reading the review and the review it follows up.
    pub diags: Diagnostics,
    /// The review this one follows up, if any.
    pub earlier: Option<EarlierInput>,
    /// The selected district files, in file order.
    pub districts: Vec<DistrictInput>,
}

/// The review a follow-up follows up.
pub struct EarlierInput {
    /// Its folder name.
    pub id: String,
    pub dir: PathBuf,
    pub review: Loaded<RawReview>,
}

/// One district file.
pub struct DistrictInput {
    pub path: PathBuf,
    /// The file stem: the document's key.
    pub id: String,
    pub loaded: Option<Loaded<RawDistrict>>,
    /// Problems reading it (and its earlier report, in a follow-up).
    pub diags: Diagnostics,
    /// In a follow-up: the earlier review's file for the same district,
    /// when there is one.
    pub earlier: Option<Loaded<RawDistrict>>,
}

impl DistrictInput {
    /// The district's name as written, or its file name when the file
    /// could not be read.
    pub fn name(&self) -> String {
        match &self.loaded {
            Some(loaded) => match &loaded.raw.distrikt {
                Some(name) => name.get_ref().trim().to_owned(),
                None => self.id.clone(),
            },
            None => self.path.file_name().map_or_else(|| self.id.clone(), |n| n.to_string_lossy().into_owned()),
        }
    }
}

/// Reads the review in `files` and its districts that `selection` includes.
pub fn read(session: &Session, files: ReviewFiles, selection: &Selection, mode: Mode) -> ReviewInput {
    let mut diags = Diagnostics::new(mode);
    let review = load::load::<RawReview>(&session.project, &files.review, &session.schemas.review, &mut diags).ok();
    let earlier = review.as_ref().and_then(|r| earlier_review(session, r, &mut diags));
    let districts = files
        .districts
        .iter()
        .filter(|path| selection.includes_district(path))
        .map(|path| district(session, path, earlier.as_ref(), mode))
        .collect();
    ReviewInput { files, review, diags, earlier, districts }
}

fn district(session: &Session, path: &Path, earlier: Option<&EarlierInput>, mode: Mode) -> DistrictInput {
    let mut diags = Diagnostics::new(mode);
    let loaded = load::load::<RawDistrict>(&session.project, path, &session.schemas.district, &mut diags).ok();
    let earlier = earlier.and_then(|e| {
        let file = e.dir.join(path.file_name()?);
        if !file.exists() {
            return None;
        }
        let mut problems = diags.fork();
        let loaded = load::load::<RawDistrict>(&session.project, &file, &session.schemas.district, &mut problems);
        if loaded.is_err() {
            let shown = session.project.shown(&file);
            diags.push(
                Diagnostic::file(crate::diag::Severity::Error, &shown, "den tidigare rapportens distriktsfil har fel")
                    .with_hint(format!("kör `granska check {}` och rätta felen där", shown.display())),
            );
        }
        loaded.ok()
    });
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    DistrictInput { path: path.to_owned(), id, loaded, diags, earlier }
}

/// Reads the review that `review` follows up (`foljer_upp`), if any; a
/// missing or unreadable one is an error at `foljer_upp`.
fn earlier_review(session: &Session, review: &Loaded<RawReview>, diags: &mut Diagnostics) -> Option<EarlierInput> {
    let folder = review.raw.foljer_upp.as_ref()?;
    let id = folder.get_ref().trim().to_owned();
    let dir = session.project.findings().join(&id);
    let file = dir.join(REVIEW_FILE);
    let error = |message: String| Diagnostic::error(&review.source, folder.span(), message);
    if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') || !file.is_file() {
        diags.push(
            error(format!("granskningen `{id}` som följs upp finns inte"))
                .with_hint("ange namnet på en mapp i `findings/`, t.ex. `foljer_upp = \"2011-ekonomiskt-bistand\"`"),
        );
        return None;
    }
    let mut problems = diags.fork();
    match load::load::<RawReview>(&session.project, &file, &session.schemas.review, &mut problems) {
        Ok(loaded) => Some(EarlierInput { id, dir, review: loaded }),
        Err(_) => {
            // Its own problems, located, then what they mean here.
            for d in problems.into_vec() {
                diags.push(d);
            }
            diags.push(
                error(format!("granskningen `{id}` som följs upp har fel"))
                    .with_hint(format!("kör `granska check findings/{id}` och rätta felen där")),
            );
            None
        }
    }
}
