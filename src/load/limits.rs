//! How much one file may hold, so that anything the gate lets through is
//! typeset in under 1 GiB of memory, even two such documents at once on two
//! cores. Measured (release build): a 1 MB district file with 2 000 table
//! rows and 496 footnotes peaks at 416 MiB alone and 740 MiB with a second
//! like it; at twice these limits one document alone took 584 MiB. A key
//! figure's years are rows too: 100 key figures of 300 years took 1.3 GB
//! before they counted; the largest legal table now (24 key figures of 100
//! years) peaks at 159 MiB alone and 275 MiB with a second like it. The limits are still far above real reports: the
//! largest has 20 items in a list, 25 footnotes and 5 years per key figure.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Severity, SourceFile};

/// Items of one list (rows of a table, recommendations, …).
pub const MAX_LIST: usize = 2_000;
/// Items of all lists of a file together.
pub const MAX_ITEMS: usize = 2_500;
/// Footnotes of a file (counted by their marks, `[^`, two per footnote).
pub const MAX_FOOTNOTES: usize = 500;
/// Years of one key figure (`varden`, `jamforelse`); each year is also a
/// row towards [`MAX_ITEMS`], as it is one in the table.
pub const MAX_YEARS: usize = 100;
/// The keys whose tables hold a value per year.
const PER_YEAR: [&str; 2] = ["varden", "jamforelse"];

/// The limits `source` (parsed as `table`) breaks.
pub fn check(source: &SourceFile, table: &DeTable) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut total = 0;
    lists(source, table, &mut total, &mut out);
    if total > MAX_ITEMS {
        out.push(
            Diagnostic::file(
                Severity::Error,
                &source.path,
                format!("filen har {total} rader i listor och tabeller; en fil får ha högst {MAX_ITEMS}"),
            )
            .with_hint("dela upp materialet, eller redovisa det som en sammanfattning"),
        );
    }
    let footnotes = source.text.matches("[^").count().div_ceil(2);
    if footnotes > MAX_FOOTNOTES {
        out.push(
            Diagnostic::file(
                Severity::Error,
                &source.path,
                format!("filen har omkring {footnotes} fotnoter; en fil får ha högst {MAX_FOOTNOTES}"),
            )
            .with_hint("samla källorna i `kallor` i stället för en fotnot per uppgift"),
        );
    }
    out
}

fn lists(source: &SourceFile, table: &DeTable, total: &mut usize, out: &mut Vec<Diagnostic>) {
    for (key, value) in table.iter() {
        list(source, key.get_ref(), value, total, out);
    }
}

fn list(source: &SourceFile, key: &str, value: &Spanned<DeValue>, total: &mut usize, out: &mut Vec<Diagnostic>) {
    match value.get_ref() {
        DeValue::Table(table) if PER_YEAR.contains(&key) => {
            let years = table.iter().count();
            *total += years;
            if years > MAX_YEARS {
                out.push(
                    Diagnostic::error(
                        source,
                        value.span(),
                        format!("`{key}` har {years} år; ett nyckeltal får ha högst {MAX_YEARS}"),
                    )
                    .with_hint("ta med de år som rapporten jämför, t.ex. de senaste fem"),
                );
            }
        }
        DeValue::Table(table) => lists(source, table, total, out),
        DeValue::Array(items) => {
            // Rows and records count towards the file's total; the cells
            // of a row do not.
            *total += items.iter().filter(|i| matches!(i.get_ref(), DeValue::Array(_) | DeValue::Table(_))).count();
            if items.len() > MAX_LIST {
                out.push(
                    Diagnostic::error(
                        source,
                        value.span(),
                        format!("`{key}` har {} rader; en lista får ha högst {MAX_LIST}", items.len()),
                    )
                    .with_hint("dela upp tabellen, eller redovisa det som en sammanfattning"),
                );
            }
            for item in items.iter() {
                list(source, key, item, total, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let source = SourceFile::new("d.toml", text);
        let table = DeTable::parse(text).unwrap();
        check(&source, table.get_ref()).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn long_lists_many_items_and_many_footnotes_are_refused() {
        let rows = |n: usize| (0..n).map(|i| format!("[\"r{i}\", {i}]")).collect::<Vec<_>>().join(", ");
        assert!(problems(&format!("[[tabell]]\nrader = [{}]\n", rows(MAX_LIST))).is_empty());
        assert_eq!(
            problems(&format!("[[tabell]]\nrader = [{}]\n", rows(MAX_LIST + 1))),
            [format!("`rader` har {} rader; en lista får ha högst {MAX_LIST}", MAX_LIST + 1)]
        );
        let many = (0..2).map(|_| format!("[[tabell]]\nrader = [{}]\n", rows(MAX_LIST))).collect::<String>();
        assert!(problems(&many)[0].starts_with("filen har 4002 rader i listor"), "{:?}", problems(&many));
        let cells =
            format!("kallor = [{}]\n", (0..MAX_LIST).map(|i| format!("\"k{i}\"")).collect::<Vec<_>>().join(", "));
        assert!(problems(&cells).is_empty(), "a list of texts is not rows");
        let notes = (0..=MAX_FOOTNOTES).map(|i| format!("a[^{i}]\n\n[^{i}]: n\n")).collect::<String>();
        assert!(problems(&format!("text = \"\"\"\n{notes}\"\"\"\n"))[0].contains("fotnoter"));
    }
}
