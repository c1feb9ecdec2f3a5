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
    /// The reviews in the project this one follows up (`foljer_upp`).
    pub earlier: Vec<EarlierInput>,
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
    /// In a follow-up: the file of the same name in the first earlier
    /// review that has one, with that review's index in
    /// [`ReviewInput::earlier`].
    pub earlier: Option<(usize, Loaded<RawDistrict>)>,
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
    let earlier = review.as_ref().map(|r| earlier_reviews(session, &files.id, r, &mut diags)).unwrap_or_default();
    let districts = files
        .districts
        .iter()
        .filter(|path| selection.includes_district(path))
        .map(|path| district(session, path, &earlier, mode))
        .collect();
    ReviewInput { files, review, diags, earlier, districts }
}

fn district(session: &Session, path: &Path, earlier: &[EarlierInput], mode: Mode) -> DistrictInput {
    let mut diags = Diagnostics::new(mode);
    let loaded = load::load::<RawDistrict>(&session.project, path, &session.schemas.district, &mut diags).ok();
    // The district's earlier report: in the first earlier review that has
    // a file of the same name (a district may have been reviewed in
    // another report than its neighbours).
    let found = earlier.iter().enumerate().find_map(|(i, e)| {
        let file = e.dir.join(path.file_name()?);
        file.exists().then_some((i, file))
    });
    let earlier = found.and_then(|(index, file)| {
        let mut problems = diags.fork();
        let loaded = load::load::<RawDistrict>(&session.project, &file, &session.schemas.district, &mut problems);
        if loaded.is_err() {
            let shown = session.project.shown(&file);
            diags.push(
                Diagnostic::file(crate::diag::Severity::Error, &shown, "den tidigare rapportens distriktsfil har fel")
                    .with_hint(format!("kör `granska check {}` och rätta felen där", shown.display())),
            );
        }
        loaded.ok().map(|loaded| (index, loaded))
    });
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    DistrictInput { path: path.to_owned(), id, loaded, diags, earlier }
}

/// Reads the reviews that `review` (in folder `own`) follows up
/// (`foljer_upp`). One that is missing, is the review itself, follows this
/// one up in turn (a cycle), or cannot be read is an error at its name.
fn earlier_reviews(
    session: &Session,
    own: &str,
    review: &Loaded<RawReview>,
    diags: &mut Diagnostics,
) -> Vec<EarlierInput> {
    let Some(folders) = &review.raw.foljer_upp else { return Vec::new() };
    let mut out: Vec<EarlierInput> = Vec::new();
    for name in &folders.get_ref().0 {
        let id = name.trim().to_owned();
        let at = crate::lint::narrow_to(&review.source, folders.span(), &format!("\"{name}\""));
        let error = |message: String| Diagnostic::error(&review.source, at.clone(), message);
        let dir = session.project.findings().join(&id);
        let file = dir.join(REVIEW_FILE);
        if id == own {
            diags.push(
                error(format!("granskningen `{id}` följer upp sig själv"))
                    .with_hint("ange mappen för den tidigare granskning som följs upp"),
            );
            continue;
        }
        if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') || !file.is_file() {
            diags.push(
                error(format!("granskningen `{id}` som följs upp finns inte")).with_hint(
                    "ange namnet på en mapp i `findings/`, t.ex. `foljer_upp = \"2011-ekonomiskt-bistand\"`; en granskning utanför projektet skrivs som `[[tidigare_granskning]]`",
                ),
            );
            continue;
        }
        if out.iter().any(|e| e.id == id) {
            diags.push(error(format!("granskningen `{id}` står redan i `foljer_upp`")).with_hint("ta bort den ena"));
            continue;
        }
        let mut problems = diags.fork();
        match load::load::<RawReview>(&session.project, &file, &session.schemas.review, &mut problems) {
            Ok(loaded) => {
                if let Some(chain) = cycle(session, own, &loaded) {
                    diags.push(
                        error(format!("uppföljningarna går i cirkel: {}", chain.join(" → ")))
                            .with_hint("en granskning kan inte följa upp en granskning som i sin tur följer upp den"),
                    );
                    continue;
                }
                out.push(EarlierInput { id, dir, review: loaded });
            }
            Err(_) => {
                // Its own problems, located, then what they mean here.
                for d in problems.into_vec() {
                    diags.push(d);
                }
                diags.push(
                    error(format!("granskningen `{id}` som följs upp har fel"))
                        .with_hint(format!("kör `granska check findings/{id}` och rätta felen där")),
                );
            }
        }
    }
    out
}

/// The chain back to `own` when `earlier` follows up (directly or through
/// other follow-ups) the review in folder `own`.
fn cycle(session: &Session, own: &str, earlier: &Loaded<RawReview>) -> Option<Vec<String>> {
    // Folders to visit, each with the chain that led to it.
    let first = earlier.source.path.parent()?.file_name()?.to_string_lossy().into_owned();
    let mut queue: Vec<(Vec<String>, Vec<String>)> = vec![(
        vec![own.to_owned(), first],
        earlier.raw.foljer_upp.iter().flat_map(|f| f.get_ref().0.clone()).collect(),
    )];
    let mut seen = std::collections::BTreeSet::new();
    while let Some((chain, next)) = queue.pop() {
        for folder in next {
            let folder = folder.trim().to_owned();
            let mut chain = chain.clone();
            chain.push(folder.clone());
            if folder == own {
                return Some(chain);
            }
            if !seen.insert(folder.clone()) || chain.len() > 50 {
                continue;
            }
            let file = session.project.findings().join(&folder).join(REVIEW_FILE);
            let mut quiet = Diagnostics::default();
            if let Ok(loaded) = load::load::<RawReview>(&session.project, &file, &session.schemas.review, &mut quiet) {
                queue.push((chain, loaded.raw.foljer_upp.iter().flat_map(|f| f.get_ref().0.clone()).collect()));
            }
        }
    }
    None
}
