//! Loading one findings file: read it (size and encoding checked), parse the
//! TOML into the raw model, and turn any failure into a located Swedish
//! [`Diagnostic`].

mod keys;
mod translate;

use std::fs;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, Deserializer};

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::model::raw::FileKind;

/// Findings files larger than this are refused: no report needs that much
/// text, and it keeps a pasted mistake from stalling the build.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A parsed file together with its source text (for later diagnostics).
#[derive(Debug)]
pub struct Loaded<T> {
    pub source: Arc<SourceFile>,
    pub raw: T,
}

/// Reads a text file: UTF-8, at most [`MAX_FILE_BYTES`].
/// `shown` is the path to print in messages.
pub fn read_text(path: &Path, shown: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let size = fs::metadata(path).map_err(|e| io_error(shown, &e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::file(
            Severity::Error,
            shown,
            format!("filen är för stor ({}); en fil med iakttagelser får vara högst 1 MB", human_size(size)),
        )
        .with_hint("kontrollera att inget stort innehåll har klistrats in av misstag"));
    }
    let bytes = fs::read(path).map_err(|e| io_error(shown, &e))?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::file(Severity::Error, shown, "filen är sparad som UTF-16, inte UTF-8")
            .with_hint("spara filen med teckenkodningen UTF-8 i din editor"));
    }
    match String::from_utf8(bytes) {
        // Editors on Windows may start UTF-8 files with a byte-order mark.
        Ok(text) => Ok(SourceFile::new(shown, text.strip_prefix('\u{FEFF}').map(str::to_owned).unwrap_or(text))),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
            // Offsets up to the bad byte are the same in the lossy text.
            let source = SourceFile::new(shown, lossy);
            Err(Diagnostic::error(&source, at..at + 1, "filen är inte sparad som UTF-8 (ogiltigt tecken)")
                .with_hint("spara filen med teckenkodningen UTF-8 i din editor"))
        }
    }
}

/// Parses a source as TOML into `T`, reporting every syntax error and every
/// unknown key at once; type errors (which serde reports one at a time)
/// come after those are fixed.
pub fn parse<T: FileKind>(source: Arc<SourceFile>) -> Result<Loaded<T>, Vec<Diagnostic>> {
    if source.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::file(Severity::Error, &source.path, "filen är tom")
                .with_hint("kör `granska new` för att få en mall att fylla i"),
        ]);
    }
    let (document, syntax_errors) = DeTable::parse_recoverable(&source.text);
    let mut problems: Vec<Diagnostic> = syntax_errors.iter().map(|e| diagnostic(&source, e, T::schema())).collect();
    // Unknown keys are worth reporting even in a document with syntax errors:
    // the parser recovers, and the rest of the file is still checked.
    problems.extend(keys::unknown_keys(&source, document.get_ref(), T::schema()));
    if !problems.is_empty() {
        problems.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
        return Err(problems);
    }
    match T::deserialize(Deserializer::from(document)) {
        Ok(raw) => Ok(Loaded { source, raw }),
        Err(err) => Err(vec![diagnostic(&source, &err, T::schema())]),
    }
}

fn diagnostic(source: &SourceFile, err: &toml::de::Error, schema: &serde_json::Value) -> Diagnostic {
    let t = translate::translate(err.message(), &|value| schema_names(schema, value));
    let span = err.span().unwrap_or(0..0);
    // A key missing at the top level has no place to point at.
    let mut d = if span == (0..0) && err.message().starts_with("missing field") {
        Diagnostic::file(Severity::Error, &source.path, t.message)
    } else {
        Diagnostic::error(source, span, t.message)
    };
    d.hints = t.hints;
    d
}

/// Whether `value` is one of the values the schema names (in a `const` or
/// an `enum`); aliases are not.
fn schema_names(schema: &serde_json::Value, value: &str) -> bool {
    match schema {
        serde_json::Value::Object(map) => {
            map.get("const").and_then(|c| c.as_str()) == Some(value)
                || map
                    .get("enum")
                    .and_then(|e| e.as_array())
                    .is_some_and(|e| e.iter().any(|v| v.as_str() == Some(value)))
                || map.values().any(|v| schema_names(v, value))
        }
        serde_json::Value::Array(items) => items.iter().any(|v| schema_names(v, value)),
        _ => false,
    }
}

/// Reads and parses in one step.
pub fn load<T: FileKind>(path: &Path, shown: &Path) -> Result<Loaded<T>, Vec<Diagnostic>> {
    parse(read_text(path, shown).map_err(|d| vec![d])?)
}

fn io_error(shown: &Path, err: &std::io::Error) -> Diagnostic {
    let message = match err.kind() {
        std::io::ErrorKind::NotFound => "filen finns inte".to_owned(),
        std::io::ErrorKind::PermissionDenied => "filen får inte läsas (behörighet saknas)".to_owned(),
        _ => format!("filen kunde inte läsas: {err}"),
    };
    Diagnostic::file(Severity::Error, shown, message)
}

fn human_size(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    format!("{} MB", format!("{mb:.1}").replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::RawReview;

    fn parse_str(text: &str) -> Result<Loaded<RawReview>, Vec<Diagnostic>> {
        parse(SourceFile::new("g/granskning.toml", text))
    }

    #[test]
    fn a_misspelt_key_is_located_and_explained() {
        let errs = parse_str("titl = \"x\"\n").unwrap_err();
        let err = &errs[0];
        let loc = err.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (1, 1));
        assert_eq!(err.message, "okänd nyckel `titl`");
        assert_eq!(err.hints[0], "menade du `titel`?");
    }

    #[test]
    fn an_empty_file_says_so() {
        assert_eq!(parse_str(" \n").unwrap_err()[0].message, "filen är tom");
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        fs::write(&path, b"titel = \"Sk\xe4rholmen\"\n").unwrap();
        let err = read_text(&path, Path::new("x.toml")).unwrap_err();
        let loc = err.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (1, 12));
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        fs::write(&path, "\u{FEFF}titel = \"x\"\n").unwrap();
        assert_eq!(read_text(&path, Path::new("x.toml")).unwrap().text, "titel = \"x\"\n");
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        fs::write(&path, vec![b'a'; MAX_FILE_BYTES as usize + 1]).unwrap();
        let err = read_text(&path, Path::new("x.toml")).unwrap_err();
        assert!(err.message.starts_with("filen är för stor (1,0 MB)"), "{}", err.message);
    }
}
