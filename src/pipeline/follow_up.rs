//! Follow-up reviews (`foljer_upp = "<mapp>"`): loading the earlier review
//! and the earlier report of the same district, and the earlier files'
//! share of a district's fingerprint.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Pipeline;
use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::load::{self, Loaded};
use crate::model::raw::{RawDistrict, RawReview};
use crate::model::{District, Review};
use crate::project::REVIEW_FILE;

/// The review a follow-up follows up.
pub(super) struct Earlier {
    /// Its folder name.
    pub id: String,
    pub dir: PathBuf,
    pub model: Review,
}

impl Pipeline {
    /// Loads the review that `raw` follows up, if any. `Err` (with a
    /// diagnostic at `foljer_upp`) when it is missing or has errors.
    pub(super) fn earlier(&self, raw: &Loaded<RawReview>, out: &mut Vec<Diagnostic>) -> Result<Option<Earlier>, ()> {
        let Some(folder) = &raw.raw.foljer_upp else { return Ok(None) };
        let id = folder.get_ref().trim().to_owned();
        let dir = self.project.findings().join(&id);
        let file = dir.join(REVIEW_FILE);
        let error = |message: String| Diagnostic::error(&raw.source, folder.span(), message);
        if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') || !file.is_file() {
            out.push(
                error(format!("granskningen `{id}` som följs upp finns inte")).with_hint(
                    "ange namnet på en mapp i `findings/`, t.ex. `foljer_upp = \"2011-ekonomiskt-bistand\"`",
                ),
            );
            return Err(());
        }
        let loaded = self
            .project
            .contain(&file)
            .map_err(|d| vec![d])
            .and_then(|path| load::load::<RawReview>(&path, &self.project.shown(&file)));
        match loaded.ok().and_then(|l| Review::from_raw(&id, &l.raw)) {
            Some(model) => Ok(Some(Earlier { id, dir, model })),
            None => {
                out.push(
                    error(format!("granskningen `{id}` som följs upp har fel"))
                        .with_hint(format!("kör `granska check findings/{id}` och rätta felen där")),
                );
                Err(())
            }
        }
    }

    /// The earlier report of district `id`: `Ok(None)` when the earlier
    /// review had no such district, `Err` when its file has errors.
    pub(super) fn earlier_district(
        &self,
        earlier: &Earlier,
        id: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Result<Option<District>, ()> {
        let path = earlier.dir.join(format!("{id}.toml"));
        if !path.is_file() {
            return Ok(None);
        }
        let shown = self.project.shown(&path);
        let loaded =
            self.project.contain(&path).map_err(|d| vec![d]).and_then(|p| load::load::<RawDistrict>(&p, &shown));
        match loaded.ok().and_then(|l| District::from_raw(id, &l.raw)) {
            Some(district) => Ok(Some(district)),
            None => {
                out.push(
                    Diagnostic::file(Severity::Error, &shown, "den tidigare rapportens distriktsfil har fel")
                        .with_hint(format!("kör `granska check {}` och rätta felen där", shown.display())),
                );
                Err(())
            }
        }
    }
}

/// The bytes of the earlier review and district file that a follow-up
/// district depends on (empty when the review follows nothing up).
pub(super) fn earlier_inputs(findings: &Path, review: &[u8], district: &Path) -> Vec<u8> {
    #[derive(Deserialize)]
    struct Peek {
        foljer_upp: Option<String>,
    }
    let folder =
        std::str::from_utf8(review).ok().and_then(|t| toml::from_str::<Peek>(t).ok()).and_then(|p| p.foljer_upp);
    let Some(folder) = folder else { return Vec::new() };
    let dir = findings.join(folder.trim());
    let mut bytes = std::fs::read(dir.join(REVIEW_FILE)).unwrap_or_default();
    if let Some(name) = district.file_name() {
        bytes.extend(std::fs::read(dir.join(name)).unwrap_or_default());
    }
    bytes
}

/// The earlier district's problems reported against the follow-up file.
pub(super) fn check(
    source: &SourceFile,
    raw: &RawDistrict,
    earlier: &Earlier,
    district: Option<&District>,
) -> Vec<Diagnostic> {
    crate::lint::follow_up::check(source, raw, district, &earlier.id)
}
