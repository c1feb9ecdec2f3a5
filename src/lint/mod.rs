//! Checks beyond TOML syntax, run before anything is typeset. Each rule
//! reports every problem it finds (not just the first), located in the
//! file, in Swedish, with a hint.
//!
//! - [`text`]: rules for every text: personal data, placeholders, empty
//!   texts, footnotes, characters no font can show;
//! - [`structure`]: required sections, identifiers and references;
//! - [`counts`]: file-review counts that must add up;
//! - [`pending`]: counts and levels still to fill in (`"TODO"`);
//! - [`shape`]: the shape of reports (ratings, outline, words), in
//!   `granska.toml` and `granskning.toml`;
//! - [`annual`]: an annual report's outline and texts;
//! - [`memo`]: a cover memo's sections and attachments.

mod annual;
mod counts;
pub mod fields;
pub mod follow_up;
pub mod memo;
mod pending;
mod shape;
mod structure;
mod text;

pub use text::{PLACEHOLDER_HINT, find_placeholder, locate_placeholder};

pub use shape::shape;

use std::ops::Range;

use crate::diag::{Checked, Diagnostic, Diagnostics, SourceFile};
use crate::load::Loaded;
use crate::model::annual::AnnualOutline;
use crate::model::raw::{RawAnnual, RawDistrict, RawReview};
use crate::model::shape::Shape;
use crate::model::{Area, Date};

/// Which text the report's fonts can show.
pub trait Coverage {
    /// Whether one font has every character of a grapheme cluster.
    fn covers(&self, cluster: &str) -> bool;
}

/// What the rules need to know beyond the file itself.
pub struct Context<'a> {
    pub coverage: &'a dyn Coverage,
    /// The project's quality areas.
    pub areas: &'a [Area],
    /// The project's shape of reports (a review may override it).
    pub shape: &'a Shape,
}

/// Checks `granskning.toml`; the shape of its reports (the project's, with
/// the review's own choices).
pub fn review(review: &Loaded<RawReview>, ctx: &Context, diags: &mut Diagnostics) -> Checked<Shape> {
    let mut out = Vec::new();
    text::check(&review.source, &fields::review(&review.raw), ctx, &mut out);
    let raw = &review.raw;
    let own = crate::model::shape::RawShape {
        settings: raw.rapport.as_ref(),
        outline: &raw.disposition,
        wording: raw.ord.as_ref(),
    };
    let shape = shape::shape(ctx.shape, &own, &review.source, &mut out);
    structure::review(&review.source, raw, ctx.areas, &shape, &mut out);
    pending::review(&review.source, raw, &mut out);
    report(&review.source, out, diags)?;
    Ok(shape)
}

/// Checks an annual report's own file.
/// Checks an annual report's file for `year`; its outline. `documents`
/// are the names its memo's attachments may take.
pub fn annual(
    annual: &Loaded<RawAnnual>,
    year: i32,
    documents: &[String],
    ctx: &Context,
    diags: &mut Diagnostics,
) -> Checked<AnnualOutline> {
    let mut out = Vec::new();
    let raw = &annual.raw;
    text::check(&annual.source, &fields::annual(raw), ctx, &mut out);
    if Date::from_toml(raw.publiceringsdatum.get_ref()).is_none() {
        out.push(
            Diagnostic::error(
                &annual.source,
                raw.publiceringsdatum.span(),
                "`publiceringsdatum` ska vara ett datum utan klockslag",
            )
            .with_hint("skriv t.ex. `publiceringsdatum = 2012-02-15` (utan citattecken)"),
        );
    }
    let outline = annual::outline(raw, year, &annual.source, &mut out);
    annual::texts(raw, &outline, &annual.source, &mut out);
    if let Some(memo) = &raw.tjansteutlatande {
        let chapters: Vec<String> = outline.chapters.iter().map(|c| c.id.clone()).collect();
        memo::check(&annual.source, memo, &memo::Scope { chapters: &chapters, documents }, &mut out);
    }
    report(&annual.source, out, diags)?;
    Ok(outline)
}

/// Checks a review's memo against what it may refer to: the review's own
/// chapter texts, and its reports by district file name.
pub fn review_memo(review: &Loaded<RawReview>, districts: &[String], diags: &mut Diagnostics) -> Checked<()> {
    let Some(memo) = &review.raw.tjansteutlatande else { return Ok(()) };
    let chapters: Vec<String> = review.raw.kapitel.keys().cloned().collect();
    let mut out = Vec::new();
    memo::check(&review.source, memo, &memo::Scope { chapters: &chapters, documents: districts }, &mut out);
    report(&review.source, out, diags)
}

/// Checks a district file against its review, whose reports have `shape`.
pub fn district(
    district: &Loaded<RawDistrict>,
    review: &RawReview,
    shape: &Shape,
    ctx: &Context,
    diags: &mut Diagnostics,
) -> Checked<()> {
    let mut out = Vec::new();
    let summary_required = shape.rates == crate::model::shape::Rates::Areas;
    text::check(&district.source, &fields::district(&district.raw, summary_required), ctx, &mut out);
    structure::district(&district.source, &district.raw, review, ctx.areas, shape, &mut out);
    counts::district(&district.source, &district.raw, &mut out);
    pending::district(&district.source, &district.raw, &mut out);
    report(&district.source, out, diags)
}

/// Sorts a file's problems into file order, folds placeholder warnings and
/// records them; `Err` if any is an error.
fn report(source: &SourceFile, mut problems: Vec<Diagnostic>, diags: &mut Diagnostics) -> Checked<()> {
    sort(&mut problems);
    diags.all(fold_placeholders(source, problems))
}

/// Placeholder warnings shown in full before the rest are folded into one.
const PLACEHOLDERS_SHOWN: usize = 3;

/// Keeps the first few placeholder warnings and folds the rest into one
/// line listing where they are: a fresh scaffold should not bury real
/// problems under dozens of identical notes.
fn fold_placeholders(source: &SourceFile, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let is_placeholder = |d: &Diagnostic| d.message.ends_with(text::PLACEHOLDER_MESSAGE_END);
    let mut shown = 0;
    let mut folded = Vec::new();
    let mut out = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if is_placeholder(&d) {
            shown += 1;
            if shown > PLACEHOLDERS_SHOWN {
                folded.extend(d.location.map(|l| l.line));
                continue;
            }
        }
        out.push(d);
    }
    if !folded.is_empty() {
        let lines: Vec<String> = folded.iter().map(usize::to_string).collect();
        out.push(
            Diagnostic::file(
                crate::diag::Severity::Unfinished,
                &source.path,
                format!("ytterligare {} platshållare TODO, på rad {}", folded.len(), lines.join(", ")),
            )
            .with_hint(text::PLACEHOLDER_HINT),
        );
    }
    out
}

/// In file order, so the output reads top to bottom.
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
}

/// Narrows `span` to where `needle` occurs inside it in the source (a TOML
/// string's source text can differ from its value by quotes and escapes).
pub(crate) fn narrow_to(source: &SourceFile, span: Range<usize>, needle: &str) -> Range<usize> {
    source
        .text
        .get(span.clone())
        .and_then(|slice| slice.find(needle))
        .map(|at| span.start + at..span.start + at + needle.len())
        .unwrap_or(span)
}

/// The first line of a file that is neither blank nor a comment: where a
/// missing top-level key is reported (not at the `#:schema` line).
pub(crate) fn first_content(source: &SourceFile) -> Range<usize> {
    let mut at = 0;
    for line in source.text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return at..at + line.trim_end().len();
        }
        at += line.len();
    }
    0..0
}
