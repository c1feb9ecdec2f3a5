//! Checking a review once for all its documents: `granskning.toml` through
//! the lint stage into the model, and in a follow-up the reviews it follows
//! up, whose texts the follow-up reports print.

use super::Session;
use super::inputs::ReviewInput;
use crate::diag::{Checked, Diagnostic, Diagnostics};
use crate::lint;
use crate::load::Loaded;
use crate::model::Review;
use crate::model::raw::RawReview;
use crate::project::ReviewFiles;

/// A review that passed its checks.
pub struct CheckedReview<'a> {
    pub input: &'a ReviewInput,
    pub raw: &'a Loaded<RawReview>,
    pub model: Review,
    /// In a follow-up: the earlier reviews in the project, as
    /// [`ReviewInput::earlier`] lists them.
    pub earlier: Vec<Review>,
}

/// Checks the review of `input`. Problems reading it were reported with
/// the input; problems found here go to `diags`.
pub fn check<'a>(session: &Session, input: &'a ReviewInput, diags: &mut Diagnostics) -> Checked<CheckedReview<'a>> {
    input.diags.check()?;
    let shown = session.project.shown(&input.files.review);
    let raw = input.review.as_ref().ok_or_else(|| diags.error(Diagnostic::internal(&shown, "granskningen saknas")))?;
    let ctx = session.lint_context();
    let shape = lint::review(raw, &ctx, diags)?;
    let districts: Vec<String> = input.files.districts.iter().map(|d| ReviewFiles::district_id(d)).collect();
    lint::review_memo(raw, &districts, diags)?;
    let model = Review::from_raw(&input.files.id, &raw.raw, &session.config.areas, shape)
        .ok_or_else(|| diags.error(Diagnostic::internal(&shown, "granskningen kunde inte läsas in")))?;
    let mut earlier = Vec::new();
    for then in &input.earlier {
        let mut problems = diags.fork();
        let model = lint::review(&then.review, &ctx, &mut problems)
            .ok()
            .and_then(|shape| Review::from_raw(&then.id, &then.review.raw, &session.config.areas, shape));
        let Some(model) = model else {
            let at = raw.raw.foljer_upp.as_ref().map_or(0..0, |f| f.span());
            let at = crate::lint::narrow_to(&raw.source, at, &format!("\"{}\"", then.id));
            return Err(diags.error(
                Diagnostic::error(&raw.source, at, format!("granskningen `{}` som följs upp har fel", then.id))
                    .with_hint(format!("kör `granska check findings/{}` och rätta felen där", then.id)),
            ));
        };
        earlier.push(model);
    }
    Ok(CheckedReview { input, raw, model, earlier })
}
