//! The annual report (*årsrapport*) of a year: every review published that
//! year, with all its districts, in one document, plus the year's own texts
//! from `findings/arsrapport-<år>.toml`. Everything is checked first; any
//! error stops the report.

use std::path::Path;

use super::document::{self, DocumentKind, Made, Published};
use super::inputs::{self, ReviewInput};
use super::review::{self, CheckedReview};
use super::{DocumentResult, Options, Outcome, Report, Selection, Session};
use crate::diag::{Checked, Diagnostic, Diagnostics, Severity};
use crate::incremental::State;
use crate::lint;
use crate::load;
use crate::manifest;
use crate::model::raw::RawAnnual;
use crate::model::{Annual, Date, District};
use crate::view::View;
use crate::view::annual::{AnnualView, ReviewOfYear};

pub fn run(session: &Session, year: i32, options: &Options) -> Report {
    let path = session.project.annual(year);
    let shown = session.project.shown(&path);
    let mut diags = Diagnostics::new(options.mode());
    let published = make(session, year, &path, options, &mut diags);
    let dir = session.project.output().join(format!("{}{year}", crate::project::ANNUAL_PREFIX));
    let outcome = match published {
        Ok(Published { pages, entry: Some(entry), .. }) => {
            let files = entry.files.iter().map(|f| session.project.shown(&dir.join(&f.name))).collect();
            // The annual report is always made anew; its state is what the
            // index lists.
            let mut state = State::default();
            state.record("arsrapport", entry.clone());
            let saved = state
                .save(&dir)
                .map_err(|e| (crate::incremental::STATE_FILE, e))
                .and_then(|()| manifest::write(&dir, &[&entry]).map_err(|e| (manifest::JSON_FILE, e)));
            match saved {
                Ok(()) => {
                    super::index::write(session, &mut diags);
                    Outcome::Written { files, pages }
                }
                Err((file, e)) => {
                    diags.push(document::write_error(&session.project.shown(&dir.join(file)), &e));
                    Outcome::Failed
                }
            }
        }
        Ok(Published { pages, entry: None, .. }) => Outcome::Checked { pages },
        Err(_) => Outcome::Failed,
    };
    let result = DocumentResult {
        kind: DocumentKind::Annual,
        label: DocumentKind::Annual.label(&year.to_string()),
        source: shown,
        outcome,
        diagnostics: diags.into_vec(),
        read: Vec::new(),
    };
    Report { general: Vec::new(), documents: vec![result] }
}

fn make(session: &Session, year: i32, path: &Path, options: &Options, diags: &mut Diagnostics) -> Checked<Published> {
    let shown = session.project.shown(path);
    if !path.exists() {
        return Err(diags.error(
            Diagnostic::file(Severity::Error, &shown, format!("årsrapporten för {year} saknar sin fil")).with_hint(
                format!(
                    "skapa `{}` med diarienummer, publiceringsdatum, utgivare, mottagare, inledning och planering",
                    shown.display()
                ),
            ),
        ));
    }
    let raw = load::load::<RawAnnual>(&session.project, path, &session.schemas.annual, diags)?;
    lint::annual(&raw, &session.lint_context(), diags)?;
    let annual = Annual::from_raw(year, &raw.raw, &session.config.shape.wording.arsrapport)
        .ok_or_else(|| diags.error(Diagnostic::internal(&shown, "årsrapporten kunde inte läsas in")))?;
    let (reviews, problems) = session.project.reviews();
    diags.all(problems)?;
    let inputs: Vec<ReviewInput> =
        reviews.into_iter().map(|files| inputs::read(session, files, &Selection::All, options.mode())).collect();
    let of_year = reviews_of(session, year, &inputs, diags)?;
    if of_year.is_empty() {
        return Err(diags.error(
            Diagnostic::file(Severity::Error, &shown, format!("inga granskningar publicerades {year}"))
                .with_hint("årsrapporten tar med granskningar vars `publiceringsdatum` ligger under året"),
        ));
    }
    let views: Vec<ReviewOfYear> = of_year
        .iter()
        .map(|(review, districts)| ReviewOfYear { review: &review.model, districts: districts.iter().collect() })
        .collect();
    let made = Made {
        kind: DocumentKind::Annual,
        view: View::Annual(Box::new(AnnualView::new(&annual, &views, &session.config))),
        date: annual.published,
        review: annual.title.clone(),
        district: String::new(),
        diarienummer: annual.diarienummer.clone(),
        ratings: Vec::new(),
        label: session.config.shape.wording.arsrapport.clone(),
        sources: vec![raw.source.clone()],
    };
    let stem = format!("{}{year}", crate::project::ANNUAL_PREFIX);
    let dir = session.project.output().join(&stem);
    document::publish(session, &made, &dir, &stem, options, diags)
}

/// Every review published in `year`, checked, with its districts checked.
fn reviews_of<'a>(
    session: &Session,
    year: i32,
    inputs: &'a [ReviewInput],
    diags: &mut Diagnostics,
) -> Checked<Vec<(CheckedReview<'a>, Vec<District>)>> {
    let mark = diags.mark();
    let mut out = Vec::new();
    for input in inputs {
        let _ = diags.all(input.diags.iter().cloned());
        let published = input.review.as_ref().and_then(|r| Date::from_toml(r.raw.publiceringsdatum.get_ref()));
        if published.is_some_and(|date| date.year() != year) {
            continue;
        }
        let Ok(review) = review::check(session, input, diags) else { continue };
        let mut districts = Vec::new();
        for district in &input.districts {
            let _ = diags.all(district.diags.iter().cloned());
            if let Ok((model, _)) = document::checked_district(session, &review, district, diags) {
                districts.push(model);
            }
        }
        out.push((review, districts));
    }
    diags.since(mark)?;
    Ok(out)
}
