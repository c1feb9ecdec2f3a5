//! The annual report (*årsrapport*) of a year: every review published that
//! year, with all its districts, in one PDF, plus the year's own texts from
//! `findings/arsrapport-<år>.toml`. Everything is checked first; any error
//! stops the report.

use std::path::Path;

use super::{DistrictResult, Options, Outcome, Pipeline, RunReport, blocks, district::write_error};
use crate::diag::{Diagnostic, Severity};
use crate::incremental;
use crate::lint;
use crate::load;
use crate::manifest;
use crate::model::Annual;
use crate::model::raw::RawAnnual;
use crate::render::ANNUAL_TEMPLATE;
use crate::render::annual::{AnnualView, ReviewOfYear};

impl Pipeline {
    /// Builds the annual report for `year`.
    pub fn annual(&self, year: i32, options: &Options) -> RunReport {
        let mut report = RunReport::default();
        let path = self.project.annual(year);
        let shown = self.project.shown(&path);
        let outcome = self.annual_inner(year, &path, &shown, options, &mut report.general);
        report.districts.push(DistrictResult {
            file: shown,
            outcome: outcome.unwrap_or(Outcome::Failed),
            diagnostics: Vec::new(),
            read: Vec::new(),
            state: None,
        });
        report
    }

    fn annual_inner(
        &self,
        year: i32,
        path: &Path,
        shown: &Path,
        options: &Options,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Outcome> {
        if !path.is_file() {
            out.push(
                Diagnostic::file(Severity::Error, shown, format!("årsrapporten för {year} saknar sin fil")).with_hint(
                    format!(
                        "skapa `{}` med diarienummer, publiceringsdatum, utgivare, mottagare, inledning och planering",
                        shown.display()
                    ),
                ),
            );
            return None;
        }
        let raw = self
            .project
            .contain(path)
            .map_err(|d| vec![d])
            .and_then(|p| load::load::<RawAnnual>(&p, shown))
            .map_err(|d| out.extend(d))
            .ok()?;
        let mut problems = lint::annual(&raw, &self.lint_context());
        let blocked = blocks(&mut problems, options);
        out.extend(problems);
        let annual = Annual::from_raw(year, &raw.raw).filter(|_| !blocked)?;

        // Every review published in the year, with every district, checked.
        let (reviews, problems) = self.project.reviews();
        out.extend(problems);
        let mut loaded = Vec::new();
        let mut failed = false;
        for files in reviews {
            let Some(review) = self.review(files.clone(), options, out) else {
                failed = true;
                continue;
            };
            if review.model.published.year != year {
                continue;
            }
            let mut districts = Vec::new();
            for path in &files.districts {
                match self.checked(&review, path, &self.project.shown(path), options, out) {
                    Some((district, _)) => districts.push(district),
                    None => failed = true,
                }
            }
            loaded.push((review, districts));
        }
        if failed || out.iter().any(Diagnostic::is_error) {
            return None;
        }
        if loaded.is_empty() {
            out.push(
                Diagnostic::file(Severity::Error, shown, format!("inga granskningar publicerades {year}"))
                    .with_hint("årsrapporten tar med granskningar vars `publiceringsdatum` ligger under året"),
            );
            return None;
        }
        let of_year: Vec<ReviewOfYear> =
            loaded.iter().map(|(r, d)| ReviewOfYear { review: &r.model, districts: d.iter().collect() }).collect();
        let view = AnnualView::new(&annual, &of_year, &self.config);
        let source = self.templates.render(ANNUAL_TEMPLATE, &view).map_err(|d| out.push(d)).ok()?;

        let name = format!("{}{year}", crate::project::ANNUAL_PREFIX);
        let dir = self.project.output().join(&name);
        let published = self.publish(source, &dir, &name, annual.published, options, out)?;
        let entry = incremental::Entry {
            title: annual.title.clone(),
            diarienummer: annual.diarienummer.clone(),
            ..published.entry?
        };
        let pdf = dir.join(&entry.pdf);
        if let Err(e) = manifest::write(&dir, &[&entry]) {
            out.push(write_error(&self.project.shown(&dir.join(manifest::JSON_FILE)), &e));
            return None;
        }
        Some(Outcome::Written { pdf: self.project.shown(&pdf), pages: published.pages })
    }
}
