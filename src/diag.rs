//! One diagnostic type for every stage (TOML syntax, data model, lint rules,
//! templates, Typst), printed the same way:
//!
//! ```text
//! findings/2011-ekonomiskt-bistand/bromma.toml:12:1: fel: okänd nyckel `bedomnig`
//!    |
//! 12 | bedomnig = "Bra"
//!    | ^^^^^^^^
//!    = tips: menade du `bedomning`?
//! ```
//!
//! Messages and hints are Swedish; line and column are 1-based, columns
//! count characters.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Warning,
    Error,
    /// Stops a final document but not a draft for fact-checking (a TODO
    /// placeholder): [`Diagnostics`] records it as an error or a warning.
    Unfinished,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Error | Severity::Unfinished => "fel",
            Severity::Warning => "varning",
        }
    }
}

/// A file's text, kept so that diagnostics can quote it.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the project root when possible).
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile { path: path.into(), text: text.into() })
    }
}

/// Where in a file a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The whole source line, for quoting.
    pub line_text: String,
    /// How many characters of the line to underline.
    pub width: usize,
}

/// One problem. Serialisable, so that the state can keep a document's
/// warnings and replay them while the document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub location: Option<Box<Location>>,
    pub message: String,
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file (no position).
    pub fn file(severity: Severity, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.as_ref().to_owned(),
            location: None,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A diagnostic pointing at `span` (byte offsets) in `source`.
    pub fn at(severity: Severity, source: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: source.path.clone(),
            location: Some(Box::new(locate(&source.text, span))),
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn error(source: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, source, span, message)
    }

    pub fn warning(source: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, source, span, message)
    }

    /// A problem that stops a final document but not a draft.
    pub fn unfinished(source: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Unfinished, source, span, message)
    }

    /// A failure of granska itself, not of the findings: says so, and how
    /// to report it.
    pub fn internal(path: impl AsRef<Path>, what: impl std::fmt::Display) -> Self {
        Diagnostic::file(Severity::Error, path, format!("internt fel i granska: {what}")).with_hint(
            "felet beror inte på dina iakttagelser; kör kommandot igen, och rapportera felet om det kvarstår",
        )
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        matches!(self.severity, Severity::Error | Severity::Unfinished)
    }
}

/// Proof that a stage stopped and said why: at least one error was added to
/// the [`Diagnostics`] it was given. Stages return `Checked<T>`, so `?`
/// carries a failure up without losing what was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported(());

/// The result of a stage that reports its problems to a [`Diagnostics`].
pub type Checked<T> = Result<T, Reported>;

/// How strictly a run judges: `strict` (`--strikt`) records every warning
/// as an error; `draft` (`--utkast`) records [`Severity::Unfinished`]
/// problems as warnings, where a final document has them as errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mode {
    pub strict: bool,
    pub draft: bool,
}

/// The one way problems are collected: every stage pushes to a
/// `Diagnostics` and returns [`Checked`], which judges each problem by the
/// run's [`Mode`].
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    mode: Mode,
}

impl Diagnostics {
    pub fn new(mode: Mode) -> Diagnostics {
        Diagnostics { items: Vec::new(), mode }
    }

    /// A collector with the same mode, for a part of the work whose
    /// problems are reported separately (one document, say).
    pub fn fork(&self) -> Diagnostics {
        Diagnostics::new(self.mode)
    }

    pub fn push(&mut self, mut d: Diagnostic) {
        d.severity = match d.severity {
            Severity::Unfinished if self.mode.draft && !self.mode.strict => Severity::Warning,
            Severity::Unfinished => Severity::Error,
            Severity::Warning if self.mode.strict => Severity::Error,
            other => other,
        };
        self.items.push(d);
    }

    /// Records an error and returns the proof that one was reported.
    pub fn error(&mut self, mut d: Diagnostic) -> Reported {
        d.severity = Severity::Error;
        self.items.push(d);
        Reported(())
    }

    /// Records every diagnostic; `Err` if any of them is an error.
    pub fn all(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) -> Checked<()> {
        let before = self.error_count();
        for d in diagnostics {
            self.push(d);
        }
        if self.error_count() > before { Err(Reported(())) } else { Ok(()) }
    }

    /// `Err` when an error was recorded since `mark` (see [`Diagnostics::mark`]).
    pub fn since(&self, mark: Mark) -> Checked<()> {
        if self.items[mark.0..].iter().any(Diagnostic::is_error) { Err(Reported(())) } else { Ok(()) }
    }

    /// The current position, to ask later whether errors came after it.
    pub fn mark(&self) -> Mark {
        Mark(self.items.len())
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// `Err` if any error was recorded.
    pub fn check(&self) -> Checked<()> {
        if self.has_errors() { Err(Reported(())) } else { Ok(()) }
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Adds the diagnostics of a fork.
    pub fn append(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

/// A position in a [`Diagnostics`].
#[derive(Debug, Clone, Copy)]
pub struct Mark(usize);

/// Computes line, column and underline width of a byte span.
pub fn locate(text: &str, span: Range<usize>) -> Location {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_text = text[line_start..line_end].trim_end_matches('\r').to_owned();
    let line = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let width = text[start..end.min(line_end)].chars().count().max(1);
    Location { line, column, line_text, width }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// An error of the operating system, in Swedish: what happened `doing`
/// what (e.g. "filen kunde inte skrivas"), why, and what to do, with the
/// system's own words as the last line.
pub fn os_error(path: &Path, doing: &str, err: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind as K;
    let (why, fix) = match err.kind() {
        K::NotFound => ("den finns inte", "kontrollera sökvägen"),
        K::PermissionDenied => ("behörighet saknas", "kontrollera att du får läsa och skriva i mappen"),
        K::StorageFull => ("disken är full", "frigör utrymme och kör igen"),
        K::QuotaExceeded => ("ditt diskutrymme är slut", "frigör utrymme eller be om mer, och kör igen"),
        K::ReadOnlyFilesystem => ("disken går bara att läsa", "kopiera projektet till en disk som går att skriva på"),
        K::NotADirectory => {
            ("en del av sökvägen är en fil, inte en mapp", "ta bort eller byt namn på filen som står i vägen")
        }
        K::IsADirectory => ("det är en mapp, inte en fil", "ta bort eller byt namn på mappen som står i vägen"),
        K::AlreadyExists => ("den finns redan", "ta bort eller byt namn på den som står i vägen"),
        K::ResourceBusy | K::WouldBlock => (
            "den används av ett annat program",
            "stäng filen i PDF-läsaren (eller det program som har den öppen) och kör igen",
        ),
        K::FileTooLarge => ("den blir för stor för disken", "spara projektet på en annan disk"),
        K::InvalidFilename => ("namnet går inte att använda", "byt till ett kortare namn med vanliga tecken"),
        K::CrossesDevices => ("den ligger på en annan disk", "lägg projektet på en och samma disk"),
        K::OutOfMemory => ("minnet tog slut", "stäng andra program och kör igen"),
        K::Interrupted | K::TimedOut => ("det avbröts", "kör igen"),
        _ => ("ett fel i systemet", "kör igen; kvarstår felet, kontakta den som sköter datorn"),
    };
    Diagnostic::file(Severity::Error, path, format!("{doing}: {why}"))
        .with_hint(fix)
        .with_hint(format!("systemets meddelande: {err}"))
}

/// A path as the user knows it. On Windows a canonical path carries a
/// verbatim prefix (`\\?\C:\…`, `\\?\UNC\server\…`) that nobody writes;
/// it is left out. (For display only: the path itself is used as it is.)
pub fn shown_path(path: &Path) -> String {
    let text = path.display().to_string();
    if let Some(share) = text.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{share}")
    } else if let Some(rest) = text.strip_prefix(r"\\?\") {
        rest.to_owned()
    } else {
        text
    }
}

/// The longest part of a source line quoted under a diagnostic.
const MAX_QUOTED: usize = 120;

/// Text safe to print on a terminal: a control character (an escape byte
/// from a findings file or a version name, say) is shown as its picture
/// (`␛`), never sent; line breaks and tabs stay.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let picture = |c: char| match c {
        '\n' | '\t' => c,
        '\u{7f}' => '\u{2421}',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        _ => '\u{fffd}',
    };
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        text.chars().map(|c| if c.is_control() { picture(c) } else { c }).collect::<String>().into()
    } else {
        text.into()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown_path(&self.path);
        let path = printable(&path);
        let word = self.severity.word();
        let message = printable(&self.message);
        let Some(loc) = &self.location else {
            writeln!(f, "{path}: {word}: {message}")?;
            for hint in &self.hints {
                writeln!(f, "  = tips: {}", printable(hint))?;
            }
            return Ok(());
        };
        writeln!(f, "{path}:{}:{}: {word}: {message}", loc.line, loc.column)?;
        let number = loc.line.to_string();
        let pad = " ".repeat(number.len());
        // Tabs would shift the caret; show them, and other control
        // characters, as one space each.
        let chars: Vec<char> = loc.line_text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        // A very long line (a table on one line, say) is shown as a window
        // around the column.
        let (from, to) = if chars.len() <= MAX_QUOTED {
            (0, chars.len())
        } else {
            let from = (loc.column - 1).saturating_sub(MAX_QUOTED / 4).min(chars.len() - MAX_QUOTED);
            (from, from + MAX_QUOTED)
        };
        let before = if from > 0 { "…" } else { "" };
        let after = if to < chars.len() { "…" } else { "" };
        let shown: String = chars[from..to].iter().collect();
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {before}{shown}{after}")?;
        let caret_pad = " ".repeat(loc.column - 1 - from + before.chars().count());
        let width = loc.width.min(to.saturating_sub(loc.column - 1)).max(1);
        writeln!(f, "{pad} | {caret_pad}{}", "^".repeat(width))?;
        for hint in &self.hints {
            writeln!(f, "{pad} = tips: {}", printable(hint))?;
        }
        Ok(())
    }
}

/// The candidate closest to a misspelt `wrong`, if any is close enough to
/// suggest ("menade du …?"). Case and Swedish diacritics are ignored, so
/// `bedömning` suggests `bedomning` and `rod` suggests `röd`.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = fold(wrong);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong, &fold(c)), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A word's plain form, as an inspector's spellings are compared with the
/// keys and words granska knows: lower case, å and ä as a, ö as o, é as e.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' => 'o',
            'é' | 'è' => 'e',
            c => c,
        })
        .collect()
}

/// Swedish summary line, e.g. "2 fel och 1 varning".
pub fn summary(errors: usize, warnings: usize) -> String {
    let e = format!("{errors} fel");
    let w = format!("{warnings} {}", if warnings == 1 { "varning" } else { "varningar" });
    match (errors, warnings) {
        (_, 0) => e,
        (0, _) => w,
        _ => format!("{e} och {w}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        let text = "a = 1\nbedömnig = \"x\"\n";
        let start = text.find("bedömnig").unwrap();
        let loc = locate(text, start..start + "bedömnig".len());
        assert_eq!((loc.line, loc.column, loc.width), (2, 1, 8));
        let eq = text.find('=').unwrap();
        assert_eq!(locate(text, eq..eq + 1).column, 3);
        let x = text.rfind('x').unwrap();
        assert_eq!(locate(text, x..x + 1).column, 13);
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_do_not_panic() {
        let text = "å";
        let loc = locate(text, 1..100);
        assert_eq!((loc.line, loc.column), (1, 1));
        assert_eq!(locate("", 5..9).line, 1);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(printable("v1\u{1b}[31m röd"), "v1\u{241b}[31m röd");
        assert_eq!(printable("rad 1\nrad 2\tflik"), "rad 1\nrad 2\tflik");
        assert_eq!(printable("a\u{7f}b\u{9b}c"), "a\u{2421}b\u{fffd}c");
        let d = Diagnostic::file(Severity::Error, "findings/g/d\u{1b}.toml", "okänd nyckel `a\u{1b}[2J`");
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("okänd nyckel `a\u{241b}[2J`"), "{shown}");
    }

    #[test]
    fn paths_are_shown_without_the_windows_verbatim_prefix() {
        let shown = |p: &str| shown_path(Path::new(p));
        assert_eq!(shown(r"\\?\C:\Users\anna\granska"), r"C:\Users\anna\granska");
        assert_eq!(shown(r"\\?\UNC\server\delad\granska"), r"\\server\delad\granska");
        assert_eq!(shown("findings/g/bromma.toml"), "findings/g/bromma.toml");
        assert_eq!(shown(r"C:\granska"), r"C:\granska");
        let d = Diagnostic::file(Severity::Error, r"\\?\C:\p\output", "mappen kan inte skrivas");
        assert!(d.to_string().starts_with(r"C:\p\output: fel:"), "{d}");
    }

    #[test]
    fn rendering_shows_file_line_column_source_caret_and_hint() {
        let source = SourceFile::new("findings/g/bromma.toml", "titel = \"x\"\nbedomnig = \"Bra\"\n");
        let d = Diagnostic::error(&source, 12..20, "okänd nyckel `bedomnig`").with_hint("menade du `bedomning`?");
        assert_eq!(
            d.to_string(),
            "findings/g/bromma.toml:2:1: fel: okänd nyckel `bedomnig`\n  |\n2 | bedomnig = \"Bra\"\n  | ^^^^^^^^\n  = tips: menade du `bedomning`?\n"
        );
    }

    #[test]
    fn summary_is_swedish() {
        assert_eq!(summary(2, 0), "2 fel");
        assert_eq!(summary(0, 1), "1 varning");
        assert_eq!(summary(1, 3), "1 fel och 3 varningar");
    }

    #[test]
    fn a_very_long_line_is_quoted_as_a_window_with_the_caret_under_the_fault() {
        let line = format!("rader = [{}\"fel\"{}]", "1, ".repeat(300), ", 2".repeat(300));
        let source = SourceFile::new("d.toml", &line);
        let at = line.find("\"fel\"").unwrap();
        let shown = Diagnostic::error(&source, at..at + 5, "fel").to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let quoted = lines[2].split_once("| ").unwrap().1;
        let caret = lines[3].split_once("| ").unwrap().1;
        assert!(
            quoted.starts_with('…') && quoted.ends_with('…') && quoted.chars().count() <= MAX_QUOTED + 2,
            "{quoted}"
        );
        let column = caret.find('^').unwrap();
        let under: String = quoted.chars().skip(caret[..column].chars().count()).take(5).collect();
        assert_eq!(under, "\"fel\"");
    }
}
