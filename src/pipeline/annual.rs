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
use crate::output;
use crate::render::ANNUAL_TEMPLATE;
use crate::render::annual::{AnnualView, ReviewOfYear};
use crate::typeset::{self, Job};

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
        let typ_path = dir.join(format!("{name}.typ"));
        if options.emit_typst
            && let Err(e) = output::write_atomic(&typ_path, source.as_bytes())
        {
            out.push(write_error(&self.project.shown(&typ_path), &e));
        }
        let pdf_name = format!("{name}.pdf");
        let typ_shown = self.project.shown(&typ_path);
        let job = Job { source, source_name: &typ_shown, date: annual.published, ident: &pdf_name };
        let done = typeset::typeset(self.env(), job).map_err(|errors| out.extend(errors)).ok()?;
        out.extend(done.warnings);
        let pdf = dir.join(&pdf_name);
        let entry = incremental::Entry {
            pdf: pdf_name,
            bytes: done.pdf.len() as u64,
            sha256: incremental::sha256(&done.pdf),
            pages: done.pages,
            title: annual.title.clone(),
            diarienummer: annual.diarienummer.clone(),
            ..incremental::Entry::default()
        };
        let written = output::write_atomic(&pdf, &done.pdf).and_then(|()| manifest::write(&dir, &[&entry]));
        if let Err(e) = written {
            out.push(write_error(&self.project.shown(&pdf), &e));
            return None;
        }
        Some(Outcome::Written { pdf: self.project.shown(&pdf), pages: done.pages })
    }
}
