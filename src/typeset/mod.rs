//! Typesetting: generated Typst source to PDF bytes, in-process.
//!
//! Output conforms to PDF/A-2b and PDF/UA-1 at once, is tagged, and is
//! reproducible: the timestamp is the review's publication date and the
//! document identifier is derived from the output's name, so the same input
//! always gives the same bytes.

pub mod fonts;
mod footnotes;
pub mod images;
pub mod memory;
mod messages;
pub mod sources;
mod text;
pub mod world;

use std::ops::Range;
use std::path::{Path, PathBuf};

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::syntax::{Source, VirtualRoot};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use footnotes::MARK as FOOTNOTE_MARK;
pub use sources::Sources;
pub use world::Environment;
use world::ReportWorld;

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::model::Date;

/// The `/Creator` written into every PDF.
pub const CREATOR: &str = concat!("granska ", env!("CARGO_PKG_VERSION"));

/// A finished PDF.
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// Project files the document read (e.g. a logo).
    pub accessed: Vec<PathBuf>,
    /// The text on its pages, as a reader sees it.
    pub text: String,
}

/// What identifies one document.
pub struct Job<'a> {
    /// The generated Typst source.
    pub source: String,
    /// Where the source is (or would be) written, for messages.
    pub source_name: &'a Path,
    /// The review's publication date: "today" and the PDF timestamp.
    pub date: Date,
    /// A stable identifier (the output file name).
    pub ident: &'a str,
    /// Earlier versions of the sources, kept between rebuilds (`watch`).
    pub earlier: Option<&'a Sources>,
}

/// Compiles and exports one document.
pub fn typeset(env: &Environment, job: Job) -> Result<Typeset, Vec<Diagnostic>> {
    let mut source = job.source;
    // A paragraph that lost a footnote entry to the next page is moved
    // there and the document compiled again (see `footnotes`); twice at most.
    for pass in 0.. {
        let main = match job.earlier {
            Some(sources) => sources.update(job.ident, source),
            None => Source::new(world::main_id(), source),
        };
        let world = ReportWorld::new(env, main, job.date);
        let compiled = typst::compile::<PagedDocument>(&world);
        if let Ok(document) = &compiled.output
            && pass < 2
            && let Some(moved) =
                footnotes::insert_breaks(world.main_source().text(), &footnotes::breaks(&world, document))
        {
            source = moved;
            continue;
        }
        return export(&world, compiled, job.source_name, job.date, job.ident);
    }
    unreachable!("the loop returns")
}

/// Exports a compiled document.
fn export(
    world: &ReportWorld,
    compiled: typst::diag::Warned<typst::diag::SourceResult<PagedDocument>>,
    source_name: &Path,
    date: Date,
    ident: &str,
) -> Result<Typeset, Vec<Diagnostic>> {
    let shown = SourceFile::new(source_name, world.main_source().text());
    let convert = |diags: &[SourceDiagnostic]| -> Vec<Diagnostic> {
        diags.iter().map(|d| diagnostic(world, &shown, d)).collect()
    };
    let warnings = convert(&compiled.warnings);
    let document = compiled.output.map_err(|errors| convert(&errors))?;

    let options =
        pdf_options(date, ident).map_err(|message| vec![Diagnostic::file(Severity::Error, source_name, message)])?;
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| convert(&errors))?;
    let text = text::page_text(&document);
    Ok(Typeset { pdf, pages: document.pages().len(), warnings, accessed: world.accessed(), text })
}

fn pdf_options(date: Date, ident: &str) -> Result<PdfOptions, String> {
    let datetime = Datetime::from_ymd_hms(date.year(), date.month(), date.day(), 0, 0, 0).ok_or("ogiltigt datum")?;
    let standards = PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1]).map_err(|e| e.message().to_string())?;
    Ok(PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(CREATOR.to_owned())),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        tagged: true,
        ..PdfOptions::default()
    })
}

/// Converts a Typst diagnostic, locating it in the generated source or in
/// the project file it points into.
fn diagnostic(world: &ReportWorld, main: &SourceFile, d: &SourceDiagnostic) -> Diagnostic {
    let severity = match d.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let message = format!("Typst: {}", messages::swedish(&d.message));
    let located = d.span.id().zip(world.range(d.span)).map(|(id, range): (_, Range<usize>)| (id, range));
    let mut out = match located {
        Some((id, range)) if id == world::main_id() => Diagnostic::at(severity, main, range, message),
        Some((id, range)) => match (id.root(), typst::World::source(world, id)) {
            (VirtualRoot::Project, Ok(source)) => {
                let file = SourceFile::new(id.vpath().get_with_slash().trim_start_matches('/'), source.text());
                Diagnostic::at(severity, &file, range, message)
            }
            _ => Diagnostic::file(severity, id.vpath().get_with_slash(), message),
        },
        None => Diagnostic::file(severity, &main.path, message),
    };
    out.hints = vec![format!("Typsts eget meddelande: {}", d.message)];
    // typst-cli's hints about its own flags do not apply here.
    out.hints.extend(
        d.hints.iter().map(|h| h.v.to_string()).filter(|h| !h.contains("--")).map(|h| format!("Typsts tips: {h}")),
    );
    if d.message.contains("package") {
        out.hints
            .push("granska använder inga Typst-paket (inget nätverk); skriv det som behövs direkt i mallen".to_owned());
    } else if d.message.contains("escape the project root") || d.message.contains("file not found") {
        out.hints
            .push("mallar kan bara läsa filer inuti projektmappen, med sökvägar som `/bilder/logga.png`".to_owned());
    }
    out
}
