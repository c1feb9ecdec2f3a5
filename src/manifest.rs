//! The manifest of a review's output folder, for registering the documents
//! in the diarium: `manifest.json` and `manifest.csv` with file name, title,
//! district, diarienummer, pages, SHA-256 and size of every published file.
//!
//! The CSV uses semicolons and starts with a byte-order mark, as Swedish
//! Excel expects.

use std::path::Path;

use serde::Serialize;

use crate::incremental::Entry;
use crate::output;

pub const JSON_FILE: &str = "manifest.json";
pub const CSV_FILE: &str = "manifest.csv";

/// One PDF, with Swedish field names (they are column headings).
#[derive(Debug, Clone, Copy, Serialize)]
struct Row<'a> {
    fil: &'a str,
    titel: &'a str,
    distrikt: &'a str,
    diarienummer: &'a str,
    /// Pages of a PDF; empty for a web page.
    sidor: Option<usize>,
    sha256: &'a str,
    byte: u64,
}

/// Writes both manifest files for `entries`: a row per file, sorted by
/// file name.
pub fn write(dir: &Path, entries: &[&Entry]) -> std::io::Result<()> {
    let mut rows: Vec<Row> = entries
        .iter()
        .flat_map(|e| {
            e.files.iter().map(|file| Row {
                fil: &file.name,
                titel: &e.title,
                distrikt: &e.district,
                diarienummer: &e.diarienummer,
                sidor: file.name.ends_with(".pdf").then_some(e.pages),
                sha256: &file.sha256,
                byte: file.bytes,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.fil.cmp(b.fil));

    let json = serde_json::to_vec_pretty(&serde_json::json!({ "dokument": rows })).map_err(std::io::Error::other)?;
    output::write_atomic(&dir.join(JSON_FILE), &json)?;

    let mut csv = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::from("\u{FEFF}".as_bytes()));
    for row in &rows {
        // Text cells are defused for spreadsheets; the JSON keeps them exact.
        let (fil, titel, distrikt, diarienummer) =
            (cell(row.fil), cell(row.titel), cell(row.distrikt), cell(row.diarienummer));
        csv.serialize(Row { fil: &fil, titel: &titel, distrikt: &distrikt, diarienummer: &diarienummer, ..*row })
            .map_err(std::io::Error::other)?;
    }
    let bytes = csv.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    output::write_atomic(&dir.join(CSV_FILE), &bytes)
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

    #[test]
    fn json_and_csv_list_every_pdf() {
        let dir = tempfile::tempdir().unwrap();
        let entry = |pdf: &str, district: &str| Entry {
            files: vec![crate::incremental::OutputFile { name: pdf.into(), bytes: 1234, sha256: "ab".repeat(32) }],
            title: format!("Granskning; \"citat\" – {district}"),
            district: district.into(),
            diarienummer: "3.1-117/2011".into(),
            pages: 14,
            ..Entry::default()
        };
        let (b, a) = (entry("b.pdf", "Skärholmen"), entry("a.pdf", "Bromma"));
        write(dir.path(), &[&b, &a]).unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join(JSON_FILE)).unwrap()).unwrap();
        assert_eq!(json["dokument"][0]["fil"], "a.pdf");
        assert_eq!(json["dokument"][1]["distrikt"], "Skärholmen");
        assert_eq!(json["dokument"][1]["sidor"], 14);
        let csv = std::fs::read_to_string(dir.path().join(CSV_FILE)).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next().unwrap(), "\u{FEFF}fil;titel;distrikt;diarienummer;sidor;sha256;byte");
        assert_eq!(
            lines.next().unwrap(),
            format!("a.pdf;\"Granskning; \"\"citat\"\" – Bromma\";Bromma;3.1-117/2011;14;{};1234", "ab".repeat(32))
        );
    }

    #[test]
    fn formulas_are_text_in_the_csv_and_exact_in_the_json() {
        let dir = tempfile::tempdir().unwrap();
        let evil = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"];
        let entries: Vec<Entry> = evil
            .iter()
            .enumerate()
            .map(|(i, text)| Entry {
                files: vec![crate::incremental::OutputFile {
                    name: format!("{i}.pdf"),
                    bytes: 1,
                    sha256: "0".repeat(64),
                }],
                title: (*text).into(),
                district: (*text).into(),
                diarienummer: (*text).into(),
                ..Entry::default()
            })
            .collect();
        write(dir.path(), &entries.iter().collect::<Vec<_>>()).unwrap();
        let bytes = std::fs::read(dir.path().join(CSV_FILE)).unwrap();
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(bytes.as_slice());
        for (record, text) in reader.records().zip(evil) {
            let record = record.unwrap();
            for column in 1..=3 {
                assert_eq!(&record[column], format!("'{text}"), "column {column}");
            }
        }
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join(JSON_FILE)).unwrap()).unwrap();
        assert_eq!(json["dokument"][0]["titel"], evil[0]);
        assert_eq!(json["dokument"][3]["diarienummer"], evil[3]);
    }
}
