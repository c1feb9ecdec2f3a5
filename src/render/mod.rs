//! Rendering: a format-neutral view through Tera templates into the source
//! of one output format.
//!
//! Each format has its own room: [`typst`] (templates `*.typ.tera`, giving
//! Typst source for the PDF) and [`html`] (templates `*.html.tera`, giving
//! the web edition). A room decides how text is escaped and how a Markdown
//! text is rendered; the views (see `crate::view`) know nothing of formats. The default templates in `templates/` are compiled into the
//! binary; a project may override any of them (or add new ones to include)
//! by placing a file of the same name in its own `templates/` folder.

pub mod html;
mod limits;
pub mod typst;

use std::collections::HashMap;

use tera::{Context, Tera, Value};
use walkdir::WalkDir;

use crate::diag::{Checked, Diagnostic, Diagnostics, Severity, SourceFile};
use crate::load;
use crate::markdown::Rich;
use crate::project::{Project, TEMPLATES_DIR};

/// An output format, and so a room of templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Typst source, typeset into a PDF.
    Typst,
    /// The accessible web edition.
    Html,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Typst, Format::Html];

    /// The template suffix of the format.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Typst => typst::SUFFIX,
            Format::Html => html::SUFFIX,
        }
    }
}

/// The main template of each document kind, without the format suffix.
pub const REPORT_TEMPLATE: &str = "rapport";
/// The annual report.
pub const ANNUAL_TEMPLATE: &str = "arsrapport";
/// The cover memo to the committee.
pub const MEMO_TEMPLATE: &str = "tjansteutlatande";
/// The changes since a version (`granska andringar --pdf`).
pub const CHANGES_TEMPLATE: &str = "andringar";
/// The web index of every document in `output/` (HTML only).
pub const INDEX_TEMPLATE: &str = "index";

/// Default templates, embedded at compile time.
const DEFAULTS: &[(&str, &str)] = &[
    ("andringar.typ.tera", include_str!("../../templates/andringar.typ.tera")),
    ("arsrapport.typ.tera", include_str!("../../templates/arsrapport.typ.tera")),
    ("delar.typ.tera", include_str!("../../templates/delar.typ.tera")),
    ("rapport.typ.tera", include_str!("../../templates/rapport.typ.tera")),
    ("stil.typ.tera", include_str!("../../templates/stil.typ.tera")),
    ("tjansteutlatande.typ.tera", include_str!("../../templates/tjansteutlatande.typ.tera")),
    ("andringar.html.tera", include_str!("../../templates/andringar.html.tera")),
    ("arsrapport.html.tera", include_str!("../../templates/arsrapport.html.tera")),
    ("delar.html.tera", include_str!("../../templates/delar.html.tera")),
    ("index.html.tera", include_str!("../../templates/index.html.tera")),
    ("rapport.html.tera", include_str!("../../templates/rapport.html.tera")),
    ("sida.html.tera", include_str!("../../templates/sida.html.tera")),
    ("tjansteutlatande.html.tera", include_str!("../../templates/tjansteutlatande.html.tera")),
];

/// The loaded template set, one Tera instance per format.
pub struct Templates {
    typst: Tera,
    html: Tera,
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
        if let Some(cycle) = limits::recursion(&sources) {
            let text = sources.iter().find(|(n, _)| *n == cycle.template).map_or("", |(_, t)| t.as_str());
            let file = SourceFile::new(format!("{TEMPLATES_DIR}/{}", cycle.template), text);
            let start = text.lines().take(cycle.line - 1).map(|l| l.len() + 1).sum::<usize>();
            let end = start + text[start.min(text.len())..].find('\n').unwrap_or(text.len() - start.min(text.len()));
            return Err(Diagnostic::error(
                &file,
                start..end,
                format!("mallen anropar sig själv: {}", cycle.chain.join(" → ")),
            )
            .with_hint(
                "en mall eller ett makro som tar med eller anropar sig självt tar aldrig slut; ta bort anropet",
            ));
        }
        let room = |format: Format| -> Result<Tera, Diagnostic> {
            let mut tera = Tera::default();
            match format {
                Format::Typst => typst::configure(&mut tera),
                Format::Html => html::configure(&mut tera),
            }
            limits::configure(&mut tera);
            // Each room has its own templates, and the shared ones that
            // belong to no format.
            let theirs = sources.iter().filter(|(name, _)| {
                name.ends_with(format.suffix()) || !Format::ALL.iter().any(|f| name.ends_with(f.suffix()))
            });
            tera.add_raw_templates(theirs.map(|(n, s)| (n.as_str(), s.as_str())))
                .map_err(|e| template_error(&e, &sources, "mallen kunde inte läsas"))?;
            Ok(tera)
        };
        // Parsing is most of a no-op build's time: the rooms parse side by side.
        let (typst, html) = std::thread::scope(|scope| {
            let html = scope.spawn(|| room(Format::Html));
            (room(Format::Typst), html.join())
        });
        let html = html.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(Templates { typst: typst?, html: html?, sources })
    }

    pub fn sources(&self) -> &[(String, String)] {
        &self.sources
    }

    /// Renders template `name` (without suffix) of `format` with `view` as
    /// the context.
    pub fn render(&self, format: Format, name: &str, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let tera = match format {
            Format::Typst => &self.typst,
            Format::Html => &self.html,
        };
        let context = Context::from_serialize(view)
            .map_err(|e| template_error(&e, &self.sources, "mallens data kunde inte förberedas"))?;
        let name = format!("{name}{}", format.suffix());
        let mut out = limits::Bounded::new();
        tera.render_to(&name, &context, &mut out)
            .map_err(|e| template_error(&e, &self.sources, "mallen kunde inte fyllas i"))?;
        let out = String::from_utf8(out.bytes).map_err(|e| {
            template_error(&tera::Error::msg(e.to_string()), &self.sources, "mallen kunde inte fyllas i")
        })?;
        // A published page runs nothing and loads nothing from elsewhere,
        // whoever wrote the template.
        if format == Format::Html
            && let Some(first) = html::contained::breaches(&out).first()
        {
            return Err(Diagnostic::file(
                Severity::Error,
                format!("{TEMPLATES_DIR}/{name}"),
                format!("webbsidan från mallen skulle innehålla {first}; den publiceras inte"),
            )
            .with_hint("en publicerad sida får varken köra skript eller hämta något utifrån; ta bort det ur mallen")
            .with_hint("text ur iakttagelserna skrivs alltid ut som text; skriv den inte ut med `| safe`"));
        }
        Ok(out)
    }
}

/// Reads a [`Rich`] text from the template context; `filter` names the
/// filter for the message when the value is something else.
fn rich_value(value: &Value, filter: &str) -> tera::Result<Rich> {
    if value.get(Rich::KEY).is_none() {
        return Err(tera::Error::msg(format!(
            "filtret `{filter}` gäller texter skrivna i Markdown, inte {}",
            kind(value)
        )));
    }
    serde_json::from_value(value.clone()).map_err(|e| tera::Error::msg(format!("texten kunde inte läsas: {e}")))
}

/// The `niva` argument of a `rik` filter: the level of the text's first
/// sub-headings, if they are to be headings at all.
fn heading_level(args: &HashMap<String, Value>) -> tera::Result<Option<u8>> {
    match args.get("niva") {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_u64().and_then(|n| u8::try_from(n).ok()).filter(|n| (1..=6).contains(n)) {
            Some(level) => Ok(Some(level)),
            None => Err(tera::Error::msg("`niva` i filtret `rik` ska vara ett heltal 1–6")),
        },
        Some(_) => Err(tera::Error::msg("`niva` i filtret `rik` ska vara ett heltal 1–6")),
    }
}

/// What kind of value a template passed, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "ett tomt värde",
        Value::Bool(_) => "ett sanningsvärde",
        Value::Number(_) => "ett tal",
        Value::String(_) => "en vanlig text",
        Value::Array(_) => "en lista",
        Value::Object(_) => "en tabell",
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
    let (detail, original) = tera_detail(&all);
    let hint = "kontrollera mallens {{ … }}- och {% … %}-taggar; standardmallarna finns i granskas `templates/`";
    let position = all.split("--> ").nth(1).and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let text = sources.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_str());
    let d = match (position, text) {
        (Some((line, column)), Some(text)) => {
            let file = SourceFile::new(&path, text);
            let offset = offset_of(text, line, column);
            Diagnostic::error(&file, offset..offset + 1, format!("{what}: {detail}"))
        }
        _ => Diagnostic::file(Severity::Error, &path, format!("{what}: {detail}")),
    };
    let d = match original {
        Some(original) => d.with_hint(format!("Teras eget meddelande: {original}")),
        None => d,
    };
    d.with_hint(hint)
}

/// The useful sentence of a Tera error in Swedish, and Tera's own words
/// when they say more (quoted as a hint, never the message).
fn tera_detail(all: &str) -> (String, Option<String>) {
    if let Some(expected) = all.lines().find_map(|l| l.trim().strip_prefix("= ")) {
        return ("syntaxfel".to_owned(), Some(expected.to_owned()));
    }
    if let Some(rest) = all.split("Variable `").nth(1)
        && let Some((name, _)) = rest.split_once('`')
    {
        return (format!("variabeln `{name}` finns inte"), None);
    }
    let last = all.lines().last().unwrap_or(all).trim();
    // Tera's other common messages, in Swedish, the original kept.
    let named = |marker: &str, quote: char| -> Option<String> {
        let rest = last.split(marker).nth(1)?;
        let (name, _) = rest.split_once(quote)?;
        Some(name.to_owned())
    };
    let swedish = if last.contains("not found") {
        if let Some(name) = named("Template '", '\'') {
            Some(format!("mallen `{}` finns inte", name.trim_matches(['[', ']'])))
        } else if let Some(name) = named("Filter '", '\'').or_else(|| named("filter `", '`')) {
            Some(format!("filtret `{name}` finns inte"))
        } else if let Some(name) = named("Function '", '\'').or_else(|| named("function `", '`')) {
            Some(format!("funktionen `{name}` finns inte"))
        } else {
            named("Macro `", '`').map(|name| format!("makrot `{name}` finns inte"))
        }
    } else {
        None
    };
    // Granska's own messages (limits, recursion) are Swedish already.
    let ours = last.chars().any(|c| matches!(c, 'å' | 'ä' | 'ö')) || last.starts_with("mallen ");
    match swedish {
        Some(swedish) => (swedish, Some(last.to_owned())),
        None if ours => (last.to_owned(), None),
        None => ("Tera kunde inte fylla i mallen".to_owned(), Some(last.to_owned())),
    }
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
    start + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
}
