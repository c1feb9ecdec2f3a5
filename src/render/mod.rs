//! Rendering: a format-neutral view through Tera templates into the source
//! of one output format.
//!
//! Each format has its own room: [`typst`] (templates `*.typ.tera`, giving
//! Typst source for the PDF). A room decides how text is escaped and how a
//! Markdown text is rendered; the views (see `crate::view`) know nothing of
//! formats. The default templates in `templates/` are compiled into the
//! binary; a project may override any of them (or add new ones to include)
//! by placing a file of the same name in its own `templates/` folder.

pub mod typst;

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::diag::{Checked, Diagnostic, Diagnostics, Severity, SourceFile};
use crate::load;
use crate::project::{Project, TEMPLATES_DIR};

/// An output format, and so a room of templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Typst source, typeset into a PDF.
    Typst,
}

impl Format {
    /// The template suffix of the format.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Typst => typst::SUFFIX,
        }
    }
}

/// The main template of each document kind, without the format suffix.
pub const REPORT_TEMPLATE: &str = "rapport";
/// The annual report.
pub const ANNUAL_TEMPLATE: &str = "arsrapport";
/// The cover memo to the committee.
pub const MEMO_TEMPLATE: &str = "tjansteutlatande";

/// Default templates, embedded at compile time.
const DEFAULTS: &[(&str, &str)] = &[
    ("arsrapport.typ.tera", include_str!("../../templates/arsrapport.typ.tera")),
    ("rapport.typ.tera", include_str!("../../templates/rapport.typ.tera")),
    ("stil.typ.tera", include_str!("../../templates/stil.typ.tera")),
    ("tjansteutlatande.typ.tera", include_str!("../../templates/tjansteutlatande.typ.tera")),
];

/// The loaded template set, one Tera instance per format.
pub struct Templates {
    typst: Tera,
    /// Names and contents of every template in effect (for fingerprints).
    sources: Vec<(String, String)>,
}

impl Templates {
    /// The embedded defaults, overridden by the project's `templates/*.tera`.
    pub fn load(project: &Project, diags: &mut Diagnostics) -> Checked<Templates> {
        let mut sources: Vec<(String, String)> =
            DEFAULTS.iter().map(|(n, s)| ((*n).to_owned(), (*s).to_owned())).collect();
        let dir = project.templates();
        if dir.is_dir() {
            for entry in
                WalkDir::new(&dir).min_depth(1).max_depth(1).sort_by_file_name().into_iter().filter_map(Result::ok)
            {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
                if !name.ends_with(".tera") || entry.file_type().is_dir() {
                    continue;
                }
                let text = load::read(project, path, diags)?.text.clone();
                match sources.iter_mut().find(|(n, _)| n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name.to_owned(), text)),
                }
            }
        }
        Self::from_sources(sources).map_err(|d| diags.error(d))
    }

    /// Only the embedded defaults.
    pub fn defaults() -> Templates {
        Self::from_sources(DEFAULTS.iter().map(|(n, s)| ((*n).to_owned(), (*s).to_owned())).collect())
            .expect("the default templates parse")
    }

    fn from_sources(sources: Vec<(String, String)>) -> Result<Templates, Diagnostic> {
        let mut typst = Tera::default();
        typst::configure(&mut typst);
        let of_format = |format: Format| {
            sources.iter().filter(move |(n, _)| n.ends_with(format.suffix()) || !n.ends_with(".typ.tera"))
        };
        typst
            .add_raw_templates(of_format(Format::Typst).map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| template_error(&e, &sources, "mallen kunde inte läsas"))?;
        Ok(Templates { typst, sources })
    }

    pub fn sources(&self) -> &[(String, String)] {
        &self.sources
    }

    /// Renders template `name` (without suffix) of `format` with `view` as
    /// the context.
    pub fn render(&self, format: Format, name: &str, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let tera = match format {
            Format::Typst => &self.typst,
        };
        let context = Context::from_serialize(view)
            .map_err(|e| template_error(&e, &self.sources, "mallens data kunde inte förberedas"))?;
        let name = format!("{name}{}", format.suffix());
        tera.render(&name, &context).map_err(|e| template_error(&e, &self.sources, "mallen kunde inte fyllas i"))
    }
}

/// Turns a Tera error into a diagnostic that names the template file and,
/// for syntax errors, points at the line and column in it.
fn template_error(err: &tera::Error, sources: &[(String, String)], what: &str) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    let all = chain.join("\n");
    // Tera names the template in quotes: "Failed to parse 'rapport.typ.tera'".
    let name = all.split('\'').nth(1).filter(|n| n.ends_with(".tera")).unwrap_or("").to_owned();
    let path = format!("{TEMPLATES_DIR}/{name}");
    let detail = tera_detail(&all);
    let hint = "kontrollera mallens {{ … }}- och {% … %}-taggar; standardmallarna finns i granskas `templates/`";
    let position = all.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let text = sources.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str());
    match (position, text) {
        (Some((line, column)), Some(text)) => {
            let file = SourceFile::new(&path, text);
            let offset = offset_of(text, line, column);
            Diagnostic::error(&file, offset..offset + 1, format!("{what}: {detail}")).with_hint(hint)
        }
        _ => Diagnostic::file(Severity::Error, &path, format!("{what}: {detail}")).with_hint(hint),
    }
}

/// The useful sentence of a Tera error, in Swedish where we know it.
fn tera_detail(all: &str) -> String {
    if let Some(expected) = all.lines().find_map(|l| l.trim().strip_prefix("= ")) {
        return format!("syntaxfel ({expected})");
    }
    if let Some(rest) = all.split("Variable `").nth(1)
        && let Some((name, _)) = rest.split_once('`')
    {
        return format!("variabeln `{name}` finns inte");
    }
    all.lines().last().unwrap_or(all).trim().to_owned()
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
    start + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
}
