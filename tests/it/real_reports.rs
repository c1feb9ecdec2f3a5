//! Every unit's real report: the second example (a small municipality, one
//! unit, its own quality areas) built and read back: rated statements in
//! the summary table, the summary before the method, sub-headings in the
//! outline, key figures with their standing, the memo's sections.

use crate::common::{self, Fixture, flat, pdf_outline, pdf_text};

const REVIEW: &str = "output/2024-ekonomiskt-bistand";

fn built() -> &'static Fixture {
    common::shared("solvik", common::built_solvik)
}

#[test]
fn the_summary_table_lists_every_statement_with_its_word_grouped_by_area_in_order() {
    let fixture = built();
    let pdf = fixture.file(&format!("{REVIEW}/sn-2024-31-solvik.pdf"));
    let text = flat(&pdf_text(&pdf));
    // In the order a screen reader reads it (the tags): each area, a row
    // header spanning its statements, before them. (Typst draws a spanning
    // cell after the rows it spans, so the page's text has it later.)
    let tree = crate::common::tags::tag_tree(&pdf);
    let table = tree
        .all("Table")
        .into_iter()
        .map(|t| t.text())
        .find(|t| t.starts_with("Kvalitetsområde Kvalitetsnivå Bedömning"))
        .expect("the summary table");
    let table = table.as_str();
    let expected = [
        "Rättssäkerhet",
        "Gul Utredningarna beskriver ekonomin väl",
        "Grön Avslagsbesluten är tydligt motiverade",
        "Röd Barnens situation beskrivs sällan",
        "Delaktighet och bemötande",
        "Grön De sökande möts av ett respektfullt",
        "Gul Planeringarna skrivs ofta av handläggaren ensam",
        "Tillgänglighet",
        "Grön Enheten är lätt att nå",
        "Gul Informationen på webbplatsen",
        "Samverkan och helhetssyn",
        "Gul Samverkan med arbetsmarknadsenheten",
        "Gul Samordnad individuell plan (SIP)",
        "Kunskap och uppföljning",
        "Grön Handläggarna har relevant utbildning",
        "Gul Planeringarna följs inte upp i tid",
    ];
    let mut rest = table;
    for item in expected {
        let at = rest.find(item).unwrap_or_else(|| panic!("{item:?} missing or out of order in:\n{table}"));
        rest = &rest[at + item.len()..];
    }
    let words: Vec<&str> = table.split_whitespace().filter(|w| ["Grön", "Gul", "Röd"].contains(w)).collect();
    assert_eq!((words.iter().filter(|w| **w == "Grön").count(), words.len()), (4, 11), "{words:?}");
    // pdf-extract puts a space between the bold word and the colon.
    let text = text.replace(" :", ":");
    for legend in ["Grön: Fungerar väl –", "Gul: Fungerar delvis –", "Röd: Fungerar inte –"] {
        assert!(text.contains(legend), "legend {legend:?} missing:\n{text}");
    }
}

#[test]
fn summary_and_introduction_come_first_and_sub_headings_sit_under_their_section() {
    let fixture = built();
    let outline = pdf_outline(&fixture.file(&format!("{REVIEW}/sn-2024-31-solvik.pdf")));
    let titles: Vec<&str> = outline.iter().map(|(_, t)| t.as_str()).collect();
    let position = |title: &str| {
        titles.iter().position(|t| t.ends_with(title)).unwrap_or_else(|| panic!("{title} not in {titles:?}"))
    };
    assert!(position("Sammanfattning") < position("Inledning"));
    assert!(position("Inledning") < position("Metod"));
    // "### Barnens situation" in the findings of Rättssäkerhet, which has
    // no assessment: right under Kvalitetsområden > Rättssäkerhet, with no
    // "Iakttagelser" level in between.
    let at = position("Barnens situation");
    let parent = outline[..at].iter().rev().find(|(d, _)| *d < outline[at].0).unwrap();
    assert_eq!(outline[at].0, 3, "{outline:?}");
    assert_eq!(parent, &(2, "Rättssäkerhet".to_owned()), "{outline:?}");
    // Samverkan och helhetssyn has both findings and an assessment: the
    // two get a heading each, and its sub-headings sit under the first.
    let at = position("Arbetsmarknadsenheten");
    let parent = outline[..at].iter().rev().find(|(d, _)| *d < outline[at].0).unwrap();
    assert_eq!(parent, &(3, "Iakttagelser".to_owned()), "{outline:?}");
    assert!(position("Bedömning") > at);
    let findings = titles.iter().filter(|t| **t == "Iakttagelser").count();
    assert_eq!(findings, 1, "only the area with both has the level: {titles:?}");
}

#[test]
fn key_figures_show_their_standing_in_words_and_missing_years_as_a_dash() {
    let fixture = built();
    let text = flat(&pdf_text(&fixture.file(&format!("{REVIEW}/sn-2024-31-solvik.pdf"))));
    let row = &text[text.find("Väntetid från nybesök").unwrap()..];
    let row = &row[..row.find("Avslutade ärenden").unwrap()];
    assert!(row.contains("14 Sämst 12 Mellan – 9 Mellan 8 Bäst"), "{row}");
    assert!(text.contains("Jämförelse med alla kommuner: Bäst bland de 25 % bästa kommunerna"), "{text}");
}

#[test]
fn the_memo_has_its_sections_in_order_and_signatures_name_then_title() {
    let fixture = built();
    let text = flat(&pdf_text(&fixture.file(&format!("{REVIEW}/sn-2024-31-tjansteutlatande.pdf"))));
    let mut rest = text.as_str();
    for heading in [
        "Förslag till beslut",
        "Sammanfattning",
        "Bakgrund",
        "Beskrivning av ärendet",
        "Förvaltningens synpunkter",
        "Ekonomiska konsekvenser",
        "Prövning av barnets bästa",
        "Bilagor",
    ] {
        let at = rest.find(heading).unwrap_or_else(|| panic!("{heading:?} missing or out of order:\n{text}"));
        rest = &rest[at + heading.len()..];
    }
    let signatures = ["Karin Lindqvist", "Socialchef", "Omar Haddad", "Avdelningschef, kvalitet och utveckling"];
    let places: Vec<usize> = signatures.iter().map(|s| text.rfind(s).unwrap()).collect();
    assert!(places.is_sorted(), "signatures do not read name, title per person: {places:?}\n{text}");
}

#[test]
fn a_project_without_its_own_areas_keeps_the_six() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let outline = pdf_outline(&fixture.pdf("bromma"));
    let areas: Vec<&str> = outline.iter().filter(|(d, _)| *d == 2).map(|(_, t)| t.as_str()).collect();
    for area in ["Trygghet och säkerhet", "Självbestämmande och integritet", "Effektivitet"] {
        assert!(areas.iter().any(|a| a.ends_with(area)), "{areas:?}");
    }
}
