//! The cover memo (*tjänsteutlåtande*) of a review: built after its
//! districts, since it lists their reports as attachments, and only when
//! every district report exists.

use std::sync::Arc;

use super::{DistrictResult, Options, Outcome, Pipeline, ReviewInput, ReviewOutput};
use crate::diag::Diagnostic;
use crate::incremental;
use crate::load;
use crate::model::Review;
use crate::model::raw::RawReview;
use crate::output;
use crate::render::MEMO_TEMPLATE;
use crate::render::memo::{Attachment, MemoView};

/// The memo's key in the incremental state (no district file can be named
/// this: it is not a valid file stem on every system).
pub const MEMO_KEY: &str = "(tjänsteutlåtande)";

impl Pipeline {
    /// Builds (or keeps) the review's memo, if it has one.
    pub(super) fn memo(&self, output: &mut ReviewOutput, shared: &str, options: &Options) -> Option<DistrictResult> {
        let review = match &output.review {
            Some(review) => Arc::clone(review),
            None => self.quiet_review(output)?,
        };
        let shown = self.project.shown(&output.files.review);
        let Some(memo) = &review.model.memo else {
            if output.state.pdf(MEMO_KEY).is_some() {
                output.state.forget(MEMO_KEY);
                output.changed = true;
            }
            return None;
        };
        // The memo lists every district report, so it waits until all of
        // them exist (a district with errors is reported on its own).
        let mut attachments = Vec::new();
        for id in output.known() {
            let entry = output.state.entries().find(|(key, _)| **key == id).map(|(_, e)| e)?;
            attachments.push(Attachment { district: entry.district.clone(), file: entry.pdf.clone() });
        }
        let listing: String = attachments.iter().map(|a| format!("{}\u{0}{}\u{0}", a.district, a.file)).collect();
        let fingerprint = incremental::district_fingerprint(shared, &output.review_bytes, listing.as_bytes());
        if !options.force && output.state.is_fresh(MEMO_KEY, &fingerprint, &output.dir, &self.project.root) {
            let pdf = self.project.shown(&output.dir.join(output::report_file_name(
                &memo.diarienummer,
                "tjansteutlatande",
                "pdf",
            )));
            return Some(result(&shown, Outcome::Unchanged { pdf }, Vec::new()));
        }

        let mut diagnostics = Vec::new();
        let view = MemoView::new(&review.model, memo, &attachments, &self.config);
        let source = match self.templates.render(MEMO_TEMPLATE, &view) {
            Ok(source) => source,
            Err(d) => return Some(result(&shown, Outcome::Failed, vec![d])),
        };
        let name = output::report_stem(&memo.diarienummer, "tjansteutlatande");
        let Some(published) = self.publish(source, &output.dir, &name, memo.date, options, &mut diagnostics) else {
            return Some(result(&shown, Outcome::Failed, diagnostics));
        };
        let Some(entry) = published.entry else {
            return Some(result(&shown, Outcome::Checked { pages: published.pages }, diagnostics));
        };
        let pdf = self.project.shown(&output.dir.join(&entry.pdf));
        output.state.record(
            MEMO_KEY,
            incremental::Entry {
                fingerprint,
                title: format!("Tjänsteutlåtande: {}", memo.heading),
                diarienummer: memo.diarienummer.clone(),
                ..entry
            },
        );
        output.changed = true;
        Some(result(&shown, Outcome::Written { pdf, pages: published.pages }, diagnostics))
    }

    /// Loads a review whose districts were all unchanged (so it was checked
    /// when they were built); `None` if it cannot be read.
    fn quiet_review(&self, output: &ReviewOutput) -> Option<Arc<ReviewInput>> {
        let shown = self.project.shown(&output.files.review);
        let raw = load::parse::<RawReview>(crate::diag::SourceFile::new(
            &shown,
            String::from_utf8(output.review_bytes.clone()).ok()?,
        ))
        .ok()?;
        let model = Review::from_raw(&output.files.id, &raw.raw)?;
        Some(Arc::new(ReviewInput { files: output.files.clone(), raw, model, earlier: None }))
    }
}

fn result(file: &std::path::Path, outcome: Outcome, diagnostics: Vec<Diagnostic>) -> DistrictResult {
    DistrictResult { file: file.to_owned(), outcome, diagnostics, read: Vec::new(), state: None }
}
