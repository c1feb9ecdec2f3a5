//! Reports the secretariat can file and anyone can read: PDF/A-2b and
//! PDF/UA-1 identification, metadata, bookmarks, embedded fonts, tagged
//! tables and figures, reproducible bytes, and the report's tables read back.

use std::collections::BTreeSet;
use std::fs;

use crate::common::{self, Fixture, pdf_info, pdf_pages, pdf_text, pdf_xmp};
use lopdf::{Document, Object};

fn built() -> &'static Fixture {
    common::shared("exempel", common::built_example)
}

/// Every dictionary in the file (direct objects and stream dictionaries).
fn dictionaries(doc: &Document) -> Vec<&lopdf::Dictionary> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        })
        .collect()
}

fn name_of(d: &lopdf::Dictionary, key: &[u8]) -> Option<String> {
    d.get(key).ok()?.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

#[test]
fn pdfs_identify_as_pdf_a_2b_and_pdf_ua_1() {
    let fixture = built();
    let xmp = pdf_xmp(&fixture.pdf("bromma"));
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A part missing");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "PDF/A conformance missing");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA part missing");
    assert!(xmp.contains("<rdf:li>sv-SE</rdf:li>"), "language missing in XMP");
    assert!(xmp.contains("Granskning av ekonomiskt bistånd – Bromma"), "title missing in XMP");
}

#[test]
fn metadata_names_title_author_subject_and_keywords() {
    let fixture = built();
    let pdf = fixture.pdf("skarholmen");
    assert_eq!(pdf_info(&pdf, "Title").as_deref(), Some("Granskning av ekonomiskt bistånd – Skärholmen"));
    assert_eq!(
        pdf_info(&pdf, "Author").as_deref(),
        Some("Socialtjänst- och arbetsmarknadsförvaltningen, Stockholms stad")
    );
    let subject = pdf_info(&pdf, "Subject").unwrap_or_default();
    assert!(subject.contains("Skärholmens stadsdelsförvaltning") && subject.contains("3.1-117/2011"), "{subject}");
    assert_eq!(pdf_info(&pdf, "Keywords").as_deref(), Some("Ekonomiskt bistånd, Skärholmen, 3.1-117/2011"));
    assert_eq!(pdf_info(&pdf, "Creator").as_deref(), Some(concat!("granska ", env!("CARGO_PKG_VERSION"))));
    // The publication date, not the day of the build.
    assert!(pdf_info(&pdf, "CreationDate").unwrap_or_default().starts_with("D:20110415"));
}

#[test]
fn bookmarks_follow_the_headings() {
    let fixture = built();
    let doc = Document::load(fixture.pdf("bromma")).unwrap();
    let titles: BTreeSet<String> = dictionaries(&doc)
        .into_iter()
        .filter(|d| d.has(b"Parent") && d.has(b"Title") && (d.has(b"Dest") || d.has(b"A")))
        .filter_map(|d| lopdf::decode_text_string(d.get(b"Title").ok()?).ok())
        .collect();
    for section in ["Metod", "Trygghet och säkerhet", "Barnrättsanalys", "Jämställdhetsanalys", "Källor"] {
        assert!(titles.iter().any(|t| t.ends_with(section)), "no bookmark for {section}: {titles:?}");
    }
}

#[test]
fn every_font_is_embedded() {
    let fixture = built();
    let doc = Document::load(fixture.pdf("bromma")).unwrap();
    let descriptors: Vec<_> =
        dictionaries(&doc).into_iter().filter(|d| name_of(d, b"Type").as_deref() == Some("FontDescriptor")).collect();
    assert!(!descriptors.is_empty());
    for d in descriptors {
        assert!(d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"), "a font is not embedded: {d:?}");
    }
}

#[test]
fn tables_have_header_cells_and_charts_have_alt_text_stating_the_numbers() {
    let fixture = built();
    let doc = Document::load(fixture.pdf("bromma")).unwrap();
    let elements: Vec<_> =
        dictionaries(&doc).into_iter().filter(|d| name_of(d, b"Type").as_deref() == Some("StructElem")).collect();
    let roles: BTreeSet<String> = elements.iter().filter_map(|d| name_of(d, b"S")).collect();
    for role in ["TH", "TD", "Table", "Figure", "H1", "H2", "Note"] {
        assert!(roles.iter().any(|r| r == role), "no {role} element among {roles:?}");
    }
    let alts: Vec<String> =
        elements.iter().filter_map(|d| lopdf::decode_text_string(d.get(b"Alt").ok()?).ok()).collect();
    // Grundutredning in Bromma: women 3 of 4, men 3 of 5, total 6 of 9.
    let chart =
        alts.iter().find(|a| a.contains("Finns en grundutredning upprättad?") && a.starts_with("Stapeldiagram"));
    let chart = chart.unwrap_or_else(|| panic!("no chart alt text among {alts:#?}"));
    for number in ["Kvinnor: 75\u{a0}% (3 av 4)", "Män: 60\u{a0}% (3 av 5)", "Totalt: 67\u{a0}% (6 av 9)"] {
        assert!(chart.contains(number), "{number:?} missing in {chart:?}");
    }
}

#[test]
fn the_rating_summary_shows_every_area_with_its_word() {
    let fixture = built();
    // The page of the summary table, not the table of contents.
    let text = pdf_pages(&fixture.pdf("skarholmen"))
        .into_iter()
        .find(|page| page.contains("Kvalitetsnivåer i korthet") && !page.contains("Innehåll"))
        .expect("a page with the summary table");
    let start = text.find("Kvalitetsnivåer i korthet").unwrap();
    let summary = &text[start..];
    for (area, word) in [
        ("Trygghet och säkerhet", "Gul"),
        ("Självbestämmande och integritet", "Grön"),
        ("Tillgänglighet", "Grön"),
        ("Helhetssyn och samordning", "Gul"),
        ("Kunskapsbaserad verksamhet", "Grön"),
        ("Effektivitet", "Röd"),
    ] {
        let at = summary.find(area).unwrap_or_else(|| panic!("{area} missing in the summary"));
        let row: String = summary[at..].lines().next().unwrap_or_default().to_owned();
        assert!(row.contains(word), "{area} should be {word}: {row:?}");
    }
    for legend in ["God kvalitet", "Behöver utvecklas", "Allvarlig brist"] {
        assert!(summary.contains(legend), "legend lacks {legend:?}");
    }
}

#[test]
fn file_review_results_are_split_by_sex_and_feed_the_gender_analysis() {
    let fixture = built();
    let text = pdf_text(&fixture.pdf("bromma"));
    // The per-question table under its quality area.
    assert!(text.contains("Aktgranskning: Finns en grundutredning upprättad?"));
    let gender = &text[text.rfind("Jämställdhetsanalys").unwrap()..];
    let row =
        gender.lines().find(|l| l.starts_with("Finns en grundutredning upprättad?")).expect("row in the gender table");
    assert!(row.contains("75\u{a0}%") && row.contains("60\u{a0}%") && row.contains("67\u{a0}%"), "{row:?}");
}

#[test]
fn numbers_and_dates_are_written_the_swedish_way() {
    let fixture = built();
    let text = pdf_text(&fixture.pdf("bromma"));
    for expected in [
        "64\u{202f}500\u{a0}personer",
        "2,5\u{a0}%",
        "20,4\u{a0}dagar per person",
        "388\u{202f}400\u{a0}kr per år",
        "15 april 2011",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
    assert!(!text.contains("64500"), "a number without a thousands separator");
}

#[test]
fn headers_and_footers_carry_title_district_and_page_of_pages() {
    let fixture = built();
    let pages = pdf_pages(&fixture.pdf("bromma"));
    let total = pages.len();
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(page.contains("Granskning av ekonomiskt bistånd – Bromma"), "page {} lacks the header", i + 1);
        assert!(page.contains(&format!("{} ({total})", i + 1)), "page {} lacks '{} ({total})'", i + 1, i + 1);
        assert!(page.contains("Dnr 3.1-117/2011"), "page {} lacks the footer", i + 1);
    }
    assert!(!pages[0].contains(&format!("1 ({total})")), "the cover has a page number");
}

#[test]
fn builds_are_byte_identical_whatever_the_folder_and_thread_count() {
    let first = Fixture::example();
    first.run(&["build", "-j", "1"]).assert_ok();
    let second = Fixture::example();
    second.run(&["build", "-j", "2"]).assert_ok();
    second.run(&["build"]).assert_ok();
    for district in ["bromma", "skarholmen"] {
        let a = fs::read(first.pdf(district)).unwrap();
        let b = fs::read(second.pdf(district)).unwrap();
        assert!(a == b, "{district}: builds differ");
    }
}

#[test]
fn a_long_table_repeats_its_header_row_on_every_page() {
    let fixture = Fixture::example();
    let rows: String = (1..=90).map(|i| format!("  [\"Hinder nummer {i}\", {i}],\n")).collect();
    fixture.edit_district("bromma", "  [\"Arbetslös\", 224],\n", &rows);
    fixture.run(&["build"]).assert_ok();
    let pages = pdf_pages(&fixture.pdf("bromma"));
    let with_rows: Vec<&String> = pages.iter().filter(|p| p.contains("Hinder nummer")).collect();
    assert!(with_rows.len() >= 2, "the table did not break across pages");
    for page in with_rows {
        let first_row = page.find("Hinder nummer").unwrap();
        let header = page[..first_row].rfind("Försörjningshinder");
        assert!(
            header.is_some_and(|h| page[h..first_row].contains("Antal")),
            "a page of the table lacks its header row"
        );
    }
}
