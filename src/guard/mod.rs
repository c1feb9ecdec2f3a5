//! The personal-data guard. Reports are public; a personnummer or
//! samordningsnummer must never reach one. The guard looks twice:
//!
//! - at every source file as written (`scan`, from the lint stage and the
//!   configuration), normalised to what a reader would see (`visible.rs`),
//!   so that numbers hidden by separators, invisible characters, Markdown
//!   or character references are found, at their line and column, in texts,
//!   numbers, names and comments alike;
//! - at every finished document (`rendered`): the text of the PDF's pages,
//!   the web page's text and attributes, and the file names written. What is
//!   found there is located in the document's sources (`locate`), or else
//!   reported against the document. This is the authority: it sees exactly
//!   what the reader sees, whatever the template or the earlier review put
//!   there.
//!
//! The detector itself (`personnummer.rs`) accepts only real dates with a
//! valid check digit, so dates, diarienummer, phone numbers, amounts and
//! organisationsnummer pass.

pub mod personnummer;
mod visible;

use std::ops::Range;
use std::sync::Arc;

pub use visible::Visible;

use crate::diag::{Diagnostic, SourceFile};

/// A number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Where it stands in the original text (bytes).
    pub range: Range<usize>,
    pub samordningsnummer: bool,
    /// Its ten digits, `YYMMDDNNNC`.
    pub digits: String,
}

impl Hit {
    /// "ett personnummer" or "ett samordningsnummer".
    pub fn what(&self) -> &'static str {
        if self.samordningsnummer { "ett samordningsnummer" } else { "ett personnummer" }
    }
}

/// Every personnummer and samordningsnummer a reader would see in `raw`.
pub fn scan(raw: &str) -> Vec<Hit> {
    let visible = Visible::new(raw);
    personnummer::find(&visible.text)
        .into_iter()
        .map(|found| Hit {
            range: visible.source_range(found.range),
            samordningsnummer: found.samordningsnummer,
            digits: found.digits,
        })
        .collect()
}

/// The error for a number found in `source` at `span`.
pub fn error(source: &SourceFile, span: Range<usize>, message: String) -> Diagnostic {
    Diagnostic::error(source, span, message)
        .with_hint(
            "rapporten blir en allmän handling och uppgifter om enskilda omfattas av sekretess (OSL 26 kap. 1 §)",
        )
        .with_hint("ta bort numret och skriv så att ingen enskild person kan identifieras")
}

/// What a reader of a web page gets: its text and the values of its
/// attributes (alternative texts, labels, titles), character references
/// decoded by [`scan`]. Styles are left out.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..tag_end];
        for value in tag.split('"').skip(1).step_by(2) {
            out.push_str(value);
            out.push('\n');
            // A link's address as the server reads it: `%36%34…` is "64…".
            if value.contains('%') {
                out.push_str(&percent_encoding::percent_decode_str(value).decode_utf8_lossy());
                out.push('\n');
            }
        }
        rest = &rest[tag_end..];
        if tag.starts_with("<style") {
            rest = rest.find("</style>").map_or("", |i| &rest[i..]);
        }
    }
    out.push_str(rest);
    out
}

/// Where a number found in a finished document was written: the first of
/// `sources` whose text, as a reader would see it, holds its digits.
pub fn locate(digits: &str, sources: &[Arc<SourceFile>]) -> Option<(Arc<SourceFile>, Range<usize>)> {
    for source in sources {
        if let Some(hit) = scan(&source.text).into_iter().find(|h| h.digits == digits) {
            return Some((source.clone(), hit.range));
        }
    }
    // Digits the reader sees together that the source keeps apart (a number
    // split by markup the scan does not know): the same digits in a row.
    for source in sources {
        let visible = Visible::new(&source.text);
        let positions: Vec<usize> =
            visible.text.bytes().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
        let skeleton: String = positions.iter().map(|&i| visible.text.as_bytes()[i] as char).collect();
        if let Some(at) = skeleton.find(digits) {
            let range = positions[at]..positions[at + digits.len() - 1] + 1;
            return Some((source.clone(), visible.source_range(range)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_found_in_text_attributes_and_references_of_a_page() {
        let page = r#"<html><head><style>.a{width:6408233234px}</style></head><body><img alt="640823-3234"><p>6408&#50;3&ndash;3234</p></body></html>"#;
        let hits = scan(&html_text(page));
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits.iter().all(|h| h.digits == "6408233234"));
    }

    #[test]
    fn a_rendered_number_is_located_in_its_source() {
        let source = SourceFile::new("d.toml", "a = 1\ntext = \"Nr 6408\\u00AD23-3234\"\n");
        let (file, range) = locate("6408233234", &[source]).expect("found");
        assert_eq!(&file.text[range], "6408\\u00AD23-3234");
    }
}
