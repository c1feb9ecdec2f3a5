//! The manifest of an output folder, for registering the documents in the
//! diarium: `manifest.json` and `manifest.csv`, a row per published file
//! with its document type, title, district, diarienummer, date, edition
//! (PDF or web page), the memo it is attached to and its number there,
//! pages, SHA-256 and size.
//!
//! The CSV uses semicolons and starts with a byte-order mark, as Swedish
//! Excel expects.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::incremental::Entry;
use crate::output;

pub const JSON_FILE: &str = "manifest.json";
pub const CSV_FILE: &str = "manifest.csv";

/// Where a document is attached: the memo's PDF (relative to `output/`)
/// and the attachment's number there, by the attached PDF's path
/// (relative to `output/`).
pub type Attachments = BTreeMap<String, (String, usize)>;

/// The attachments every memo of `folders` lists: `(folder, entries)`.
pub fn attachments<'a>(folders: impl IntoIterator<Item = (&'a str, &'a [Entry])>) -> Attachments {
    let mut out = Attachments::new();
    for (folder, entries) in folders {
        for entry in entries {
            let Some(memo) = entry.pdf() else { continue };
            for attached in &entry.attachments {
                if let Some(path) = &attached.path {
                    out.insert(path.clone(), (format!("{folder}/{memo}"), attached.number));
                }
            }
        }
    }
    out
}

/// One published file, with Swedish field names (they are column
/// headings).
#[derive(Debug, Clone, Copy, Serialize)]
struct Row<'a> {
    fil: &'a str,
    dokumenttyp: &'a str,
    titel: &'a str,
    distrikt: &'a str,
    diarienummer: &'a str,
    /// The document's date, `2011-04-15`.
    datum: &'a str,
    /// "PDF" or "webbsida".
    utgava: &'a str,
    /// The memo the document is an attachment to, relative to `output/`.
    tjansteutlatande: &'a str,
    /// Its number among the memo's attachments.
    bilaga: Option<usize>,
    /// Pages of a PDF; empty for a web page.
    sidor: Option<usize>,
    sha256: &'a str,
    byte: u64,
}

/// Both manifest files of output folder `dir` (named `folder`) for
/// `entries`, a row per file sorted by file name, as bytes.
pub fn render(folder: &str, entries: &[&Entry], attached: &Attachments) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let dates: Vec<String> = entries.iter().map(|e| e.date.map(|d| d.to_string()).unwrap_or_default()).collect();
    let mut rows: Vec<Row> = entries
        .iter()
        .zip(&dates)
        .flat_map(|(e, date)| {
            let memo = e.pdf().and_then(|pdf| attached.get(&format!("{folder}/{pdf}")));
            e.files.iter().map(move |file| {
                let pdf = file.name.ends_with(".pdf");
                Row {
                    fil: &file.name,
                    dokumenttyp: e.kind.noun(),
                    titel: &e.title,
                    distrikt: &e.district,
                    diarienummer: &e.diarienummer,
                    datum: date,
                    utgava: if pdf { "PDF" } else { "webbsida" },
                    tjansteutlatande: memo.map_or("", |(m, _)| m.as_str()),
                    bilaga: memo.map(|(_, n)| *n),
                    sidor: pdf.then_some(e.pages),
                    sha256: &file.sha256,
                    byte: file.bytes,
                }
            })
        })
        .collect();
    rows.sort_by(|a, b| a.fil.cmp(b.fil));

    let json = serde_json::to_vec_pretty(&serde_json::json!({ "dokument": rows })).map_err(std::io::Error::other)?;
    let mut csv = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::from("\u{FEFF}".as_bytes()));
    for row in &rows {
        // Text cells are defused for spreadsheets; the JSON keeps them exact.
        let (fil, titel, distrikt, diarienummer) =
            (cell(row.fil), cell(row.titel), cell(row.distrikt), cell(row.diarienummer));
        csv.serialize(Row { fil: &fil, titel: &titel, distrikt: &distrikt, diarienummer: &diarienummer, ..*row })
            .map_err(std::io::Error::other)?;
    }
    let csv = csv.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok((json, csv))
}

/// Writes both manifest files into `dir`, each only when its bytes change.
pub fn write(dir: &Path, folder: &str, entries: &[&Entry], attached: &Attachments) -> std::io::Result<()> {
    let (json, csv) = render(folder, entries, attached)?;
    for (name, bytes) in [(JSON_FILE, json), (CSV_FILE, csv)] {
        let path = dir.join(name);
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            continue;
        }
        output::write_atomic(&path, &bytes)?;
    }
    Ok(())
}

/// A text cell as a spreadsheet will not run it: a cell that starts like a
/// formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) gets
/// a leading apostrophe, which Excel and LibreOffice show as plain text
/// (OWASP, CSV injection).
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::{Attached, OutputFile};
    use crate::model::{Date, DocumentKind};

    fn entry(pdf: &str, district: &str) -> Entry {
        Entry {
            files: vec![
                OutputFile { name: pdf.into(), bytes: 1234, sha256: "ab".repeat(32) },
                OutputFile { name: pdf.replace(".pdf", ".html"), bytes: 99, sha256: "cd".repeat(32) },
            ],
            title: format!("Granskning; \"citat\" – {district}"),
            district: district.into(),
            diarienummer: "3.1-117/2011".into(),
            date: Date::new(2011, 4, 15),
            pages: 14,
            ..Entry::default()
        }
    }

    #[test]
    fn a_row_per_file_with_its_type_edition_date_and_memo() {
        let (b, a) = (entry("b.pdf", "Skärholmen"), entry("a.pdf", "Bromma"));
        let memo = Entry {
            kind: DocumentKind::Memo,
            attachments: vec![Attached { number: 2, title: "B".into(), path: Some("g/b.pdf".into()) }],
            ..entry("m.pdf", "")
        };
        let attached = attachments([("g", std::slice::from_ref(&memo))]);
        let (json, csv) = render("g", &[&b, &a, &memo], &attached).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let rows = json["dokument"].as_array().unwrap();
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0]["fil"], "a.html");
        assert_eq!(rows[0]["utgava"], "webbsida");
        assert!(rows[0]["sidor"].is_null());
        assert_eq!(rows[1]["fil"], "a.pdf");
        assert_eq!(rows[1]["dokumenttyp"], "granskningsrapport");
        assert_eq!(rows[1]["datum"], "2011-04-15");
        assert_eq!(rows[1]["sidor"], 14);
        assert!(rows[1]["bilaga"].is_null());
        assert_eq!(rows[3]["fil"], "b.pdf");
        assert_eq!(rows[3]["tjansteutlatande"], "g/m.pdf");
        assert_eq!(rows[3]["bilaga"], 2);
        assert_eq!(rows[5]["dokumenttyp"], "tjänsteutlåtande");
        let csv = String::from_utf8(csv).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "\u{FEFF}fil;dokumenttyp;titel;distrikt;diarienummer;datum;utgava;tjansteutlatande;bilaga;sidor;sha256;byte"
        );
        assert_eq!(
            lines.next().unwrap(),
            format!(
                "a.html;granskningsrapport;\"Granskning; \"\"citat\"\" – Bromma\";Bromma;3.1-117/2011;2011-04-15;webbsida;;;;{};99",
                "cd".repeat(32)
            )
        );
    }

    #[test]
    fn formulas_are_text_in_the_csv_and_exact_in_the_json() {
        let evil = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"];
        let entries: Vec<Entry> = evil
            .iter()
            .enumerate()
            .map(|(i, text)| Entry {
                files: vec![OutputFile { name: format!("{i}.pdf"), bytes: 1, sha256: "0".repeat(64) }],
                title: (*text).into(),
                district: (*text).into(),
                diarienummer: (*text).into(),
                ..Entry::default()
            })
            .collect();
        let (json, csv) = render("g", &entries.iter().collect::<Vec<_>>(), &Attachments::new()).unwrap();
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.as_slice());
        for (record, text) in reader.records().zip(evil) {
            let record = record.unwrap();
            for column in [2, 3, 4] {
                assert_eq!(&record[column], format!("'{text}"), "column {column}");
            }
        }
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(json["dokument"][0]["titel"], evil[0]);
        assert_eq!(json["dokument"][3]["diarienummer"], evil[3]);
    }
}
