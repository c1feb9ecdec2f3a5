//! TOML syntax errors explained from the line they stand on. The parser
//! says where it stopped, which is often not where the inspector went
//! wrong: a multi-line text left open swallows the rest of the file, a `"`
//! inside a text ends it early, and numbers written as on paper (`21 450`,
//! `27,5`) are not TOML. Each is found here and said in its own words.

use std::ops::Range;

use crate::diag::{Diagnostic, SourceFile};

/// The opening `"""` (or `'''`) of a multi-line text that is never closed:
/// the file ends inside it, or a new `key = """` or table header comes
/// while it is still open. Looked for only when the file has syntax errors.
pub fn unclosed_multiline(text: &str) -> Option<Range<usize>> {
    let mut open: Option<(usize, &str)> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let here = start;
        start += line.len();
        match open {
            None => {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                if let Some((at, delim)) = opener(line) {
                    let rest = &line[at + 3..];
                    if !rest.contains(delim) {
                        open = Some((here + at, delim));
                    }
                }
            }
            Some((at, delim)) => {
                // A new `key = """` while one is open: the earlier never closed
                // (the parser takes this line's delimiter as its end).
                if opener(line).is_some_and(|(_, d)| line.matches(d).count() == 1) || is_table_header(line.trim()) {
                    return Some(at..at + 3);
                }
                if line.contains(delim) {
                    open = None;
                }
            }
        }
    }
    open.map(|(at, _)| at..at + 3)
}

/// Where `key = """` (or `'''`) opens a text on `line`: the delimiter's
/// offset in the line.
fn opener(line: &str) -> Option<(usize, &'static str)> {
    let eq = line.find('=')?;
    let key = line[..eq].trim();
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | ' ')) {
        return None;
    }
    let after = &line[eq + 1..];
    let value = after.trim_start();
    let at = eq + 1 + (after.len() - value.len());
    ["\"\"\"", "'''"].into_iter().find(|d| value.starts_with(d)).map(|d| (at, d))
}

/// `[table]` or `[[array.of.tables]]`, as TOML writes them (not a Markdown
/// link, which has more after the bracket).
fn is_table_header(line: &str) -> bool {
    let inner = line.trim_start_matches('[').trim_end_matches(']');
    line.starts_with('[')
        && line.ends_with(']')
        && inner.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The error for a text left open at `span`.
pub fn unclosed(source: &SourceFile, span: Range<usize>) -> Diagnostic {
    let delim = &source.text[span.clone()];
    Diagnostic::error(source, span, format!("flerradstexten som börjar här saknar avslutande `{delim}`"))
        .with_hint(format!("avsluta texten med `{delim}` på en egen rad, före nästa nyckel"))
        .with_hint("felen längre ned i filen kommer av detta och försvinner när texten är avslutad")
}

/// A better account of a syntax error at `span` than the parser's, when
/// its line shows a known mistake.
pub fn explain(source: &SourceFile, span: &Range<usize>) -> Option<Diagnostic> {
    let start = source.text[..span.start.min(source.text.len())].rfind('\n').map_or(0, |i| i + 1);
    let end = source.text[start..].find('\n').map_or(source.text.len(), |i| start + i);
    let line = &source.text[start..end];
    let eq = line.find('=')?;
    let raw_value = &line[eq + 1..];
    let value = raw_value.trim_start();
    let value_start = start + eq + 1 + (raw_value.len() - value.len());
    // A comment after the value is not part of it (a number has no `#`).
    let value_only = value.split(" #").next().unwrap_or(value).trim_end();
    let whole = value_start..value_start + value_only.len();
    let digits_and = |extra: char| value_only.chars().all(|c| c.is_ascii_digit() || c == extra || c == '-');
    let starts_with_digit = value_only.trim_start_matches('-').starts_with(|c: char| c.is_ascii_digit());
    if starts_with_digit && value_only.contains(' ') && digits_and(' ') {
        let joined: String = value_only.chars().filter(|c| *c != ' ').collect();
        return Some(
            Diagnostic::error(source, whole, "talet har mellanslag")
                .with_hint(format!("skriv tal utan mellanslag: `{joined}`")),
        );
    }
    if starts_with_digit && value_only.matches(',').count() == 1 && digits_and(',') {
        let dotted = value_only.replace(',', ".");
        return Some(
            Diagnostic::error(source, whole, "decimaltal skrivs med punkt, inte komma")
                .with_hint(format!("skriv `{dotted}`; ett antal skrivs som heltal, utan decimaler")),
        );
    }
    if value.starts_with('"') && !value.starts_with("\"\"\"") && value_only.matches('"').count() > 2 {
        let second = value[1..].find('"').map_or(value_start, |i| value_start + 1 + i);
        return Some(
            Diagnostic::error(source, second..second + 1, "citattecknet avslutar texten för tidigt")
                .with_hint("skriv citat i texten med svenska citattecken: ”så här”")
                .with_hint("eller skriv `\\\"` för ett rakt citattecken inne i texten"),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_text_is_found_at_its_opening_line() {
        let text = "a = \"\"\"\nEtt.\n\"\"\"\nb = \"\"\"\nTvå, aldrig avslutad.\n\nc = \"\"\"\nTre.\n\"\"\"\n";
        let at = unclosed_multiline(text).unwrap();
        assert_eq!(&text[..at.start].matches('\n').count(), &3, "on the line of `b`");
        assert_eq!(unclosed_multiline("a = \"\"\"\nEtt.\n\"\"\"\n[t]\nx = 1\n"), None);
        let at = unclosed_multiline("[t]\na = '''\nEtt\n[u]\n").unwrap();
        assert_eq!(at, 8..11);
        // A Markdown link inside a text is not a table header.
        assert_eq!(unclosed_multiline("a = \"\"\"\n[länk](https://x.se)\n\"\"\"\n"), None);
    }

    fn explained(line: &str) -> Option<Diagnostic> {
        let source = SourceFile::new("d.toml", format!("[t]\n{line}\n"));
        let at = 4 + line.find('=').unwrap() + 3;
        explain(&source, &(at..at + 1))
    }

    #[test]
    fn numbers_as_on_paper_and_quotes_in_a_text_are_named() {
        let spaced = explained("population = 21 450  # akter").unwrap();
        assert_eq!(spaced.message, "talet har mellanslag");
        assert_eq!(spaced.hints[0], "skriv tal utan mellanslag: `21450`");
        let comma = explained("andel = 27,5").unwrap();
        assert_eq!(comma.hints[0], "skriv `27.5`; ett antal skrivs som heltal, utan decimaler");
        let quote = explained("text = \"Han sa \"nej\" till det.\"").unwrap();
        assert_eq!(quote.message, "citattecknet avslutar texten för tidigt");
        assert_eq!(quote.location.unwrap().column, 16);
        assert!(explained("kvinnor = { ja = 1, nej = 0 }").is_none());
    }
}
