//! One district through the chain: load, lint, model, view, Tera, Typst,
//! and (for builds) the atomic write of its PDF.

use std::path::Path;

use super::{DistrictResult, Options, Outcome, Pipeline, ReviewInput, blocks, follow_up};
use crate::diag::{Diagnostic, Severity};
use crate::incremental;
use crate::lint;
use crate::load;
use crate::model::raw::RawDistrict;
use crate::model::{Date, District};
use crate::output;
use crate::project::ReviewFiles;
use crate::render::REPORT_TEMPLATE;
use crate::render::followup::FollowUpView;
use crate::render::view::ReportView;
use crate::typeset::{self, Job};

impl Pipeline {
    pub(super) fn district(
        &self,
        review: &ReviewInput,
        path: &Path,
        fingerprint: Option<String>,
        options: &Options,
    ) -> DistrictResult {
        let shown = self.project.shown(path);
        let mut diagnostics = Vec::new();
        let mut read_paths = Vec::new();
        let (outcome, state) = match self.chain(review, path, &shown, options, &mut diagnostics) {
            Some(Done { outcome, written, read }) => {
                read_paths = read.keys().cloned().collect();
                let state = match (&outcome, fingerprint, written) {
                    (Outcome::Written { .. }, Some(fingerprint), Some(entry)) => {
                        Some(incremental::Entry { fingerprint, read, ..entry })
                    }
                    _ => None,
                };
                (outcome, state)
            }
            None => (Outcome::Failed, None),
        };
        DistrictResult { file: shown, outcome, diagnostics, read: read_paths, state }
    }

    /// Loads and checks a district (and, in a follow-up, its earlier
    /// report): the district model and the earlier one, or `None` when
    /// problems stop it.
    pub(super) fn checked(
        &self,
        review: &ReviewInput,
        path: &Path,
        shown: &Path,
        options: &Options,
        out: &mut Vec<Diagnostic>,
    ) -> Option<(District, Option<District>)> {
        let raw = self
            .project
            .contain(path)
            .map_err(|d| vec![d])
            .and_then(|p| load::load::<RawDistrict>(&p, shown))
            .map_err(|d| out.extend(d))
            .ok()?;
        let id = ReviewFiles::district_id(path);
        let mut problems = lint::district(&raw, &review.raw.raw, &self.lint_context());
        let earlier = match &review.earlier {
            Some(earlier) => {
                let district = self.earlier_district(earlier, &id, out).ok()?;
                problems.extend(follow_up::check(&raw.source, &raw.raw, earlier, district.as_ref()));
                district
            }
            None => None,
        };
        let blocked = blocks(&mut problems, options);
        out.extend(problems);
        if blocked {
            return None;
        }
        let Some(district) = District::from_raw(&id, &raw.raw) else {
            out.push(Diagnostic::file(Severity::Error, shown, "distriktet kunde inte läsas in (internt fel)"));
            return None;
        };
        Some((district, earlier))
    }

    fn chain(
        &self,
        review: &ReviewInput,
        path: &Path,
        shown: &Path,
        options: &Options,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Done> {
        let (district, earlier) = self.checked(review, path, shown, options, out)?;
        let mut view = ReportView::new(&review.model, &district, &self.config);
        view.uppfoljning = earlier.map(|then| {
            let earlier = review.earlier.as_ref().expect("an earlier district comes with its review");
            FollowUpView::new(&earlier.model, &then, &review.model, &district)
        });
        let source = self.templates.render(REPORT_TEMPLATE, &view).map_err(|d| out.push(d)).ok()?;

        let dir = self.project.output().join(&review.files.id);
        let name = output::report_stem(&review.model.diarienummer, &district.id);
        let published = self.publish(source, &dir, &name, review.model.published, options, out)?;
        let Some(entry) = published.entry else {
            let outcome = Outcome::Checked { pages: published.pages };
            return Some(Done { outcome, written: None, read: published.read });
        };
        let outcome = Outcome::Written { pdf: self.project.shown(&dir.join(&entry.pdf)), pages: published.pages };
        let written = incremental::Entry {
            title: format!("{} – {}", review.model.title, district.name),
            district: district.name.clone(),
            diarienummer: review.model.diarienummer.clone(),
            ..entry
        };
        Some(Done { outcome, written: Some(written), read: published.read })
    }

    /// Typesets `source` and, when building, writes `<dir>/<name>.pdf`
    /// atomically (and `<name>.typ` with `--emit-typst`). The entry it
    /// returns has file name, size, hash and pages; the caller adds title,
    /// district and diarienummer.
    pub(super) fn publish(
        &self,
        source: String,
        dir: &Path,
        name: &str,
        date: Date,
        options: &Options,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Published> {
        let pdf_name = format!("{name}.pdf");
        let typ_path = dir.join(format!("{name}.typ"));
        if options.emit_typst
            && let Err(e) = output::write_atomic(&typ_path, source.as_bytes())
        {
            out.push(write_error(&self.project.shown(&typ_path), &e));
        }
        let typ_shown = self.project.shown(&typ_path);
        let job = Job { source, source_name: &typ_shown, date, ident: &pdf_name, earlier: self.earlier.as_ref() };
        let done = match typeset::typeset(self.env(), job) {
            Ok(done) => done,
            Err(errors) => {
                out.extend(errors.into_iter().map(|d| explain_typst_error(d, options.emit_typst)));
                return None;
            }
        };
        out.extend(done.warnings);
        let read = incremental::read_files(&self.project.root, &done.accessed);
        if !options.write {
            return Some(Published { pages: done.pages, read, entry: None });
        }
        let pdf = dir.join(&pdf_name);
        if let Err(e) = output::write_atomic(&pdf, &done.pdf) {
            out.push(write_error(&self.project.shown(&pdf), &e));
            return None;
        }
        let entry = incremental::Entry {
            pdf: pdf_name,
            bytes: done.pdf.len() as u64,
            sha256: incremental::sha256(&done.pdf),
            pages: done.pages,
            read: read.clone(),
            ..incremental::Entry::default()
        };
        Some(Published { pages: done.pages, read, entry: Some(entry) })
    }
}

/// A typeset document.
pub(super) struct Published {
    pub pages: usize,
    /// Project files the document read, with hashes.
    pub read: std::collections::BTreeMap<String, String>,
    /// What to remember of the written PDF; `None` when only checking.
    pub entry: Option<incremental::Entry>,
}

/// A district that got through.
struct Done {
    outcome: Outcome,
    /// What to remember of the PDF, when written (fingerprint and file
    /// name are filled in by the caller).
    written: Option<incremental::Entry>,
    /// Project files the document read, with hashes.
    read: std::collections::BTreeMap<String, String>,
}

fn explain_typst_error(d: Diagnostic, emitted: bool) -> Diagnostic {
    let d =
        d.with_hint("felet uppstod när rapporten sattes med Typst; det beror oftast på en egen mall i `templates/`");
    if emitted {
        d
    } else {
        d.with_hint("kör med `--emit-typst` för att spara den genererade Typst-koden och se raden")
    }
}

pub(super) fn write_error(shown: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::file(Severity::Error, shown, format!("filen kunde inte skrivas: {err}"))
        .with_hint("kontrollera att mappen `output/` går att skriva i och att filen inte är öppen i ett annat program")
}
