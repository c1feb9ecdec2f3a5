//! The loading gate: every project file granska reads as text (findings,
//! configuration, templates) comes through [`read`], and every TOML file
//! through [`load`]. The gate keeps reads inside the project (also through
//! symbolic links), reads only regular files of bounded size, decodes UTF-8
//! (a byte-order mark is dropped), and parses TOML into the raw model,
//! reporting every syntax error and unknown key at once, located and in
//! Swedish.

mod keys;
mod limits;
mod spelling;
mod syntax;
mod translate;
mod values;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, Deserializer};

use crate::diag::{Checked, Diagnostic, Diagnostics, Severity, SourceFile};
use crate::guard;
use crate::model::fill::PLACEHOLDER;
use crate::model::words;
use crate::project::Project;

/// Findings files larger than this are refused: no report needs that much
/// text, and it keeps a pasted mistake from stalling the build.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A parsed file together with its source text (for later diagnostics).
#[derive(Debug)]
pub struct Loaded<T> {
    pub source: Arc<SourceFile>,
    pub raw: T,
}

/// Reads a project file as text: inside the project, a regular file, at
/// most [`MAX_FILE_BYTES`], UTF-8. Messages name the file as the project
/// shows it.
pub fn read(project: &Project, path: &Path, diags: &mut Diagnostics) -> Checked<Arc<SourceFile>> {
    let shown = project.shown(path);
    let canonical = project.contain(path).map_err(|d| diags.error(d))?;
    let bytes = read_bounded(&canonical, &shown).map_err(|d| diags.error(d))?;
    decode(&shown, bytes).map_err(|d| diags.error(d))
}

/// Reads at most [`MAX_FILE_BYTES`] of a regular file.
fn read_bounded(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let metadata = std::fs::metadata(path).map_err(|e| io_error(shown, &e))?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() { "en mapp" } else { "ingen vanlig fil (t.ex. en enhet eller ett rör)" };
        return Err(Diagnostic::file(Severity::Error, shown, format!("sökvägen är {what}, inte en textfil"))
            .with_hint("granska läser bara vanliga textfiler; ta bort eller byt namn på den"));
    }
    let too_big = |size: u64| {
        Diagnostic::file(
            Severity::Error,
            shown,
            format!("filen är för stor ({}); en fil med iakttagelser får vara högst 1 MB", human_size(size)),
        )
        .with_hint("kontrollera att inget stort innehåll har klistrats in av misstag")
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_big(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(shown, &e))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The size may change between the check and the read: never read more.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_error(shown, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Decodes UTF-8 text; a byte-order mark is dropped.
fn decode(shown: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
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
/// unknown key (judged by `schema`, the file kind's JSON Schema) at once;
/// type errors (which serde reports one at a time) come after those are
/// fixed.
pub fn parse<T: DeserializeOwned>(
    source: Arc<SourceFile>,
    schema: &serde_json::Value,
    diags: &mut Diagnostics,
) -> Checked<Loaded<T>> {
    if source.text.trim().is_empty() {
        return Err(diags.error(
            Diagnostic::file(Severity::Error, &source.path, "filen är tom")
                .with_hint("kör `granska new` för att få en mall att fylla i"),
        ));
    }
    let (document, syntax_errors) = read_document(&source.text, schema);
    // A multi-line text left open makes every later line an error; the
    // one that matters is where it opened.
    if !syntax_errors.is_empty()
        && let Some(span) = syntax::unclosed_multiline(&source.text)
    {
        return Err(diags.error(syntax::unclosed(&source, span)));
    }
    let mut problems: Vec<Diagnostic> = syntax_errors
        .iter()
        .map(|e| {
            e.span().and_then(|span| syntax::explain(&source, &span)).unwrap_or_else(|| diagnostic(&source, e, schema))
        })
        .collect();
    // Unknown keys are worth reporting even in a document with syntax errors:
    // the parser recovers, and the rest of the file is still checked.
    problems.extend(keys::unknown_keys(&source, document.get_ref(), schema));
    problems.extend(limits::check(&source, document.get_ref()));
    // A personnummer anywhere in the file, as a reader would see it: in a
    // text, a number, a name or a comment (the files are kept in git).
    for hit in guard::scan(&source.text) {
        let place = match keys::key_at(document.get_ref(), hit.range.start) {
            Some(key) => format!("`{key}`"),
            None => "raden".to_owned(),
        };
        problems.push(guard::error(&source, hit.range.clone(), format!("{place} innehåller {}", hit.what())));
    }
    problems.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    if let Some(reported) = problems.into_iter().map(|d| diags.error(d)).last() {
        return Err(reported);
    }
    match T::deserialize(Deserializer::from(document)) {
        Ok(raw) => Ok(Loaded { source, raw }),
        Err(err) => {
            // serde stops at the first wrong value; the schema check finds
            // them all. Only here, where serde failed (else the lint stage,
            // which knows more, judges the values), on the document read
            // again (serde took it), with serde's own, richer account of
            // the value it stopped at.
            let (document, _) = read_document(&source.text, schema);
            let wrong_values = values::check(&source, document.get_ref(), schema, &|value| schema_names(schema, value));
            let first = diagnostic(&source, &err, schema);
            let mut all: Vec<Diagnostic> =
                wrong_values.into_iter().filter(|d| d.location.is_none() || d.location != first.location).collect();
            all.push(first);
            all.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
            Err(all.into_iter().map(|d| diags.error(d)).last().expect("serde's error is there"))
        }
    }
}

/// The TOML document of `text` and its syntax errors, with the keys and
/// words of plain spellings (`nivå`, `Bedömning`, `"Gul"`) read as
/// `schema` names them, and the parser's objection to å, ä and ö in a key
/// forgiven for those keys.
fn read_document<'t>(text: &'t str, schema: &serde_json::Value) -> (toml::Spanned<DeTable<'t>>, Vec<toml::de::Error>) {
    let (mut document, mut syntax_errors) = DeTable::parse_recoverable(text);
    let renamed = spelling::normalize(document.get_mut(), schema);
    syntax_errors.retain(|e| {
        let forgiven = e.message().starts_with("invalid unquoted key")
            && e.span().is_some_and(|s| renamed.iter().any(|r| r.contains(&s.start)));
        !forgiven
    });
    (document, syntax_errors)
}

/// Reads and parses a project file in one step.
pub fn load<T: DeserializeOwned>(
    project: &Project,
    path: &Path,
    schema: &serde_json::Value,
    diags: &mut Diagnostics,
) -> Checked<Loaded<T>> {
    parse(read(project, path, diags)?, schema, diags)
}

fn diagnostic(source: &SourceFile, err: &toml::de::Error, schema: &serde_json::Value) -> Diagnostic {
    let t = translate::translate(err.message(), &|value| schema_names(schema, value));
    let missing = err.message().strip_prefix("missing field ").map(|f| f.trim_matches('`'));
    let (span, message) = match (err.span().filter(|s| *s != (0..0)), missing) {
        // A key missing at the top level: where it belongs among the keys
        // and sections the file has, not at its first line.
        (None, Some(key)) => match keys::missing_place(&source.text, schema, key) {
            Some((span, Some(before))) => (span, format!("{}; den hör hemma före `{before}`", t.message)),
            Some((span, None)) => (span, t.message),
            None => (0..0, t.message),
        },
        (span, _) => (span.unwrap_or(0..0), t.message),
    };
    let mut d = Diagnostic::error(source, span, message);
    d.hints = t.hints;
    d
}

/// Whether `value` is one of the values the schema names (in a `const` or
/// an `enum`) as a main spelling; aliases are not, and nor is the
/// placeholder `TODO` (a suggestion names the words it stands for).
fn schema_names(schema: &serde_json::Value, value: &str) -> bool {
    if value == PLACEHOLDER {
        return false;
    }
    match schema {
        serde_json::Value::Object(map) => {
            map.get("const").and_then(|c| c.as_str()) == Some(value)
                || map
                    .get("enum")
                    .and_then(|e| e.as_array())
                    .and_then(|e| e.iter().position(|v| v.as_str() == Some(value)))
                    .is_some_and(|i| !words::is_alias(map, i))
                || map.values().any(|v| schema_names(v, value))
        }
        serde_json::Value::Array(items) => items.iter().any(|v| schema_names(v, value)),
        _ => false,
    }
}

fn io_error(shown: &Path, err: &std::io::Error) -> Diagnostic {
    crate::diag::os_error(shown, "filen kunde inte läsas", err)
}

fn human_size(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    format!("{} MB", format!("{mb:.1}").replace('.', ","))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::model::raw::RawReview;
    use crate::model::vocab::default_areas;
    use crate::schema::Schemas;

    fn parse_str(text: &str) -> Result<Loaded<RawReview>, Vec<Diagnostic>> {
        let schema = Schemas::new(&default_areas()).review;
        let mut diags = Diagnostics::default();
        parse(SourceFile::new("g/granskning.toml", text), &schema, &mut diags).map_err(|_| diags.into_vec())
    }

    /// Reads `name` with `bytes` in a fresh project through the gate.
    fn read_file(name: &str, bytes: &[u8]) -> Result<Arc<SourceFile>, Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("findings")).unwrap();
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let project = Project::discover(dir.path()).unwrap();
        let mut diags = Diagnostics::default();
        read(&project, &path, &mut diags).map_err(|_| diags.into_vec().remove(0))
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
        let err = read_file("x.toml", b"titel = \"Sk\xe4rholmen\"\n").unwrap_err();
        let loc = err.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (1, 12));
        assert!(err.message.contains("UTF-8"));
        assert_eq!(err.path, Path::new("x.toml"), "paths are shown relative to the project");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        assert_eq!(read_file("x.toml", "\u{FEFF}titel = \"x\"\n".as_bytes()).unwrap().text, "titel = \"x\"\n");
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let err = read_file("x.toml", &vec![b'a'; MAX_FILE_BYTES as usize + 1]).unwrap_err();
        assert!(err.message.starts_with("filen är för stor (1,0 MB)"), "{}", err.message);
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("findings/mapp.toml")).unwrap();
        let project = Project::discover(dir.path()).unwrap();
        let mut diags = Diagnostics::default();
        assert!(read(&project, &dir.path().join("findings/mapp.toml"), &mut diags).is_err());
        assert_eq!(diags.into_vec()[0].message, "sökvägen är en mapp, inte en textfil");
    }
}

/// Any valid personnummer, in any disguise a reader would still read as
/// the number, in any kind of value (or a comment), stops a file at the
/// gate, located on the number's line.
#[cfg(test)]
mod personal_data {
    use proptest::prelude::*;

    use super::*;
    use crate::guard::personnummer::check_digit;

    /// A valid ten-digit number from its parts.
    fn number(yy: u32, mm: u32, dd: u32, serial: u32, samordning: bool) -> String {
        let day = if samordning { dd + 60 } else { dd };
        let nine = format!("{yy:02}{mm:02}{day:02}{serial:03}");
        let digits: Vec<u32> = nine.chars().map(|c| c.to_digit(10).unwrap()).collect();
        format!("{nine}{}", check_digit(&digits))
    }

    /// The number as a reader would still read it: a separator of any
    /// kind, and any of the disguises.
    fn disguise(ten: &str, separator: &str, how: usize) -> String {
        let (date, last) = ten.split_at(6);
        let plain = format!("{date}{separator}{last}");
        match how {
            0 => plain,
            1 => format!("{}\u{00AD}{}", &date[..3], &plain[3..]),
            2 => format!("{}\u{200B}{}", &date[..2], &plain[2..]),
            3 => format!("{}\u{FEFF}{}", &date[..4], &plain[4..]),
            4 => format!("**{}**{}", &date[..4], &plain[4..]),
            5 => format!("{}\\\\{}", &date[..4], &plain[4..]),
            6 => format!("{}&#{};{}", &date[..3], u32::from(date.as_bytes()[3]), &plain[4..]),
            7 => plain.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0xFF10 + d).unwrap())).collect(),
            8 => format!("19{plain}"),
            _ => format!("{}\\u00AD{}", &date[..2], &plain[2..]),
        }
    }

    /// A district-like file with `value` written as field kind `kind`.
    fn document(value: &str, kind: usize) -> String {
        let quoted = format!("\"{value}\"");
        let line = match kind {
            0 => format!("text = {quoted}"),
            1 => format!("text = \"\"\"\nFörsta raden.\nSedan {value} i texten.\n\"\"\""),
            2 => format!("kallor = [\"En källa\", {quoted}]"),
            3 => format!("tabell = [{{ namn = {quoted} }}]"),
            _ => format!("# anteckning: {value}"),
        };
        format!("distrikt = \"Norr\"\n\n[avsnitt]\n{line}\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]
        #[test]
        fn a_disguised_number_in_any_value_stops_the_file(
            yy in 0u32..100, mm in 1u32..=12, dd in 1u32..=28, serial in 0u32..1000, samordning: bool,
            separator in prop::sample::select(vec!["-", "+", "", " ", "\u{00A0}", "\u{2013}", "\u{2011}", "\u{2212}", " - "]),
            how in 0usize..10, kind in 0usize..5,
        ) {
            let ten = number(yy, mm, dd, serial, samordning);
            let value = disguise(&ten, separator, how);
            let text = document(&value, kind);
            let mut diags = Diagnostics::default();
            let parsed = parse::<toml::Table>(SourceFile::new("d.toml", &text), &serde_json::json!({}), &mut diags);
            prop_assert!(parsed.is_err(), "{text}");
            let problems = diags.into_vec();
            let what = if samordning { "samordningsnummer" } else { "personnummer" };
            let found = problems.iter().find(|d| d.message.contains(what));
            prop_assert!(found.is_some(), "{text}\n{problems:?}");
            let line = found.unwrap().location.as_ref().unwrap().line;
            let tail: String = value.chars().skip(value.chars().count() - 4).collect();
            let expected = text.lines().position(|l| l.contains(&tail)).unwrap() + 1;
            prop_assert_eq!(line, expected, "{}", text);
        }
    }

    #[test]
    fn dates_amounts_phone_numbers_and_case_numbers_pass() {
        let text = "text = \"\"\"\nDen 2011-04-15 kl. 10.30 betalades 12 345 kr ut (1 234 567 kr totalt).\nTelefon 08-508 000 00, 070-123 45 67. Dnr 3.1-117/2011, SoN 2024/31.\nOrganisationsnummer 212000-0142 och 556012-5790. Perioden 201001-201012.\n\"\"\"\n";
        let mut diags = Diagnostics::default();
        let parsed = parse::<toml::Table>(SourceFile::new("d.toml", text), &serde_json::json!({}), &mut diags);
        assert!(parsed.is_ok(), "{:?}", diags.into_vec());
    }
}
