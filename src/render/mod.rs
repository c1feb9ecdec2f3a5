//! Rendering: view structs through Tera templates into Typst source.
//!
//! The default templates in `templates/` are compiled into the binary; a
//! project may override any of them (or add new ones to include) by placing
//! a file of the same name in its own `templates/` folder.

pub mod annual;
pub mod followup;
pub mod format;
pub mod memo;
pub mod view;

use std::path::Path;

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::project::{Project, TEMPLATES_DIR};

/// The main template of a district report.
pub const REPORT_TEMPLATE: &str = "rapport.typ.tera";
/// The annual report.
pub const ANNUAL_TEMPLATE: &str = "arsrapport.typ.tera";
/// The cover memo to the committee.
pub const MEMO_TEMPLATE: &str = "tjansteutlatande.typ.tera";

/// Default templates, embedded at compile time.
const DEFAULTS: &[(&str, &str)] = &[
    ("arsrapport.typ.tera", include_str!("../../templates/arsrapport.typ.tera")),
    ("rapport.typ.tera", include_str!("../../templates/rapport.typ.tera")),
    ("stil.typ.tera", include_str!("../../templates/stil.typ.tera")),
    ("tjansteutlatande.typ.tera", include_str!("../../templates/tjansteutlatande.typ.tera")),
];

/// The loaded template set.
pub struct Templates {
    tera: Tera,
    /// Names and contents of every template in effect (for fingerprints).
    sources: Vec<(String, String)>,
}

impl Templates {
    /// The embedded defaults, overridden by the project's `templates/*.tera`.
    pub fn load(project: &Project) -> Result<Templates, Diagnostic> {
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
                let text = read_template(project, path)?;
                match sources.iter_mut().find(|(n, _)| n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name.to_owned(), text)),
                }
            }
        }
        Self::from_sources(sources)
    }

    /// Only the embedded defaults.
    pub fn defaults() -> Result<Templates, Diagnostic> {
        Self::from_sources(DEFAULTS.iter().map(|(n, s)| ((*n).to_owned(), (*s).to_owned())).collect())
    }

    fn from_sources(sources: Vec<(String, String)>) -> Result<Templates, Diagnostic> {
        let mut tera = Tera::default();
        // Views are escaped for Typst already; Tera must not touch them.
        tera.autoescape_on(Vec::new());
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| template_error(&e, &sources, "mallen kunde inte läsas"))?;
        Ok(Templates { tera, sources })
    }

    pub fn sources(&self) -> &[(String, String)] {
        &self.sources
    }

    /// Renders `name` with `view` as the context.
    pub fn render(&self, name: &str, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(view)
            .map_err(|e| template_error(&e, &self.sources, "mallens data kunde inte förberedas"))?;
        self.tera.render(name, &context).map_err(|e| template_error(&e, &self.sources, "mallen kunde inte fyllas i"))
    }
}

fn read_template(project: &Project, path: &Path) -> Result<String, Diagnostic> {
    let canonical = project.contain(path)?;
    std::fs::read_to_string(&canonical).map_err(|e| {
        Diagnostic::file(Severity::Error, project.shown(path), format!("mallen kunde inte läsas: {e}"))
            .with_hint("mallar ska vara textfiler sparade som UTF-8")
    })
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
