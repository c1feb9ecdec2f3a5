//! What a screen reader meets: the tag tree of every document kind, read
//! back with lopdf (see `common::tags`): row headers, captions, the legend,
//! headings and their order, notes after their table, signatures, and the
//! memo's case number in tagged text.

use crate::common::tags::{Elem, tag_tree};
use crate::common::{self, Fixture, REVIEW, pdf_outline, pdf_pages, pdf_text};

fn built() -> &'static Fixture {
    common::shared("alla-exempel-med-arsrapport", common::all_examples_with_annual_report)
}

/// Every document the examples make.
fn documents(fixture: &Fixture) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for dir in
        ["output/2011-ekonomiskt-bistand", "output/2014-uppfoljning-ekonomiskt-bistand", "output/arsrapport-2011"]
    {
        for entry in std::fs::read_dir(fixture.file(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "pdf") {
                out.push(path);
            }
        }
    }
    out.sort();
    assert_eq!(out.len(), 6, "{out:?}");
    out
}

fn memo(fixture: &Fixture) -> std::path::PathBuf {
    fixture.file(&format!("output/{REVIEW}/3-1-117-2011-tjansteutlatande.pdf"))
}

#[test]
fn row_labels_are_row_headers_and_no_header_cell_is_empty() {
    let fixture = built();
    let tree = tag_tree(&fixture.pdf("bromma"));
    let headers = tree.all("TH");
    let row_header = |text: &str| headers.iter().any(|th| th.text() == text && th.scope.as_deref() == Some("Row"));
    for label in ["Kvinnor", "Män", "Totalt", "Arbetslös", "Folkmängd"] {
        assert!(row_header(label), "{label:?} is not a row header");
    }
    assert!(
        headers
            .iter()
            .any(|th| th.text().starts_with("Hushåll med ekonomiskt bistånd") && th.scope.as_deref() == Some("Row"))
    );
    // The corner of the per-question tables has a label.
    assert!(headers.iter().any(|th| th.text() == "Grupp"));
    for path in documents(fixture) {
        for th in tag_tree(&path).all("TH") {
            assert!(!th.text().is_empty(), "{}: an empty header cell", path.display());
        }
    }
}

/// Text without any whitespace, to compare across line breaks and the gap
/// between a heading's number and its title.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_table_caption_is_inside_its_table_and_figure_captions_beside_their_figure() {
    let fixture = built();
    for path in documents(fixture) {
        let tree = tag_tree(&path);
        let mut tables = 0;
        for (parent, _) in tree.descendants() {
            for caption in parent.children().filter(|c| c.role == "Caption") {
                let ok = match parent.role.as_str() {
                    "Table" | "Figure" => true,
                    // A chart and its caption, grouped.
                    "Div" => parent.children().any(|c| c.role == "Figure"),
                    _ => false,
                };
                assert!(ok, "{}: caption {:?} sits in {}", path.display(), caption.text(), parent.role);
                tables += usize::from(parent.role == "Table");
            }
        }
        if path == fixture.pdf("bromma") {
            assert!(tables >= 5, "only {tables} table captions inside tables");
        }
    }
}

#[test]
fn the_rating_legend_is_a_paragraph() {
    let fixture = built();
    for path in [fixture.pdf("bromma"), fixture.file("output/arsrapport-2011/arsrapport-2011.pdf")] {
        let tree = tag_tree(&path);
        let legend: Vec<&Elem> =
            tree.all("P").into_iter().filter(|p| p.text().contains("God kvalitet – ett arbetssätt")).collect();
        assert_eq!(legend.len(), 1, "{}: the legend is not one paragraph", path.display());
        for meaning in ["Behöver utvecklas", "Allvarlig brist"] {
            assert!(legend[0].text().contains(meaning), "{meaning:?} not in the legend paragraph");
        }
        for (elem, ancestors) in tree.descendants() {
            if ["Strong", "Span"].contains(&elem.role.as_str()) {
                assert_ne!(
                    ancestors.last().copied(),
                    Some("Document"),
                    "{}: inline {} directly in Document",
                    path.display(),
                    elem.role
                );
            }
        }
    }
}

#[test]
fn the_memo_says_what_it_is_and_its_case_number_in_tagged_text() {
    let fixture = built();
    let text = tag_tree(&memo(fixture)).text();
    for expected in ["Tjänsteutlåtande", "Dnr 3.1-117/2011", "10 maj 2011", "Stockholms stad"] {
        assert!(text.contains(expected), "{expected:?} only in an artifact:\n{text}");
    }
}

#[test]
fn signatures_read_name_then_title_for_each_person() {
    let fixture = built();
    let text = squeezed(&tag_tree(&memo(fixture)).text());
    assert!(text.contains("ChristinaHöglomSocialtjänstinspektörMaj-StinaSamuelssonSocialtjänstinspektör"), "{text}");
}

#[test]
fn headings_follow_the_table_of_contents_and_all_are_in_the_outline() {
    let fixture = built();
    for path in [fixture.pdf("bromma"), fixture.file("output/arsrapport-2011/arsrapport-2011.pdf")] {
        let tree = tag_tree(&path);
        let mut headings: Vec<(String, String)> = tree
            .descendants()
            .into_iter()
            .filter(|(e, _)| e.role.len() == 2 && e.role.starts_with('H'))
            .map(|(e, _)| (e.role.clone(), e.text()))
            .collect();
        // The cover's title comes first, a heading as on the web page, and
        // the first bookmark (it is not in the contents).
        let (role, title) = headings.remove(0);
        assert_eq!(role, "H1", "{headings:?}");
        let cover = &pdf_pages(&path)[0];
        assert!(!title.is_empty() && squeezed(cover).contains(&squeezed(&title)), "{title:?} not on the cover");
        assert_eq!(headings[0], ("H1".to_owned(), "Innehåll".to_owned()), "{headings:?}");
        assert_eq!(headings[1].0, "H1", "the first heading after the contents is not a chapter: {headings:?}");
        let outline: Vec<String> = pdf_outline(&path).into_iter().map(|(_, t)| squeezed(&t)).collect();
        for (role, text) in headings.iter().filter(|(r, _)| r == "H1" || r == "H2") {
            assert!(
                outline.contains(&squeezed(text)),
                "{}: {role} {text:?} is not in the outline {outline:?}",
                path.display()
            );
        }
    }
    let bromma = tag_tree(&fixture.pdf("bromma"));
    let roles: Vec<(String, String)> =
        bromma.descendants().into_iter().map(|(e, _)| (e.role.clone(), e.text())).collect();
    let summary = roles.iter().position(|(r, t)| r == "H1" && t == "Sammanfattning").unwrap();
    let table = roles.iter().position(|(r, t)| r == "H2" && t == "Kvalitetsnivåer i korthet").unwrap();
    assert!(summary < table, "the ratings summary is not under Sammanfattning");
}

#[test]
fn a_tables_source_is_read_after_the_table_not_inside_it() {
    let fixture = built();
    let tree = tag_tree(&fixture.pdf("bromma"));
    let order: Vec<(String, String)> =
        tree.descendants().into_iter().map(|(e, _)| (e.role.clone(), e.text())).collect();
    let table =
        order.iter().position(|(r, t)| r == "Table" && t.contains("Arbetslös")).expect("the table of obstacles");
    let note = order.iter().position(|(r, t)| r == "P" && t.starts_with("Källa: USK")).expect("its source below it");
    assert!(table < note, "the source is read before its table");
    assert!(!order[table].1.contains("USK"), "the source is inside the table: {}", order[table].1);
    for cell in tree.all("TD").into_iter().chain(tree.all("TH")) {
        assert!(cell.all("Note").is_empty(), "a footnote inside a table cell: {}", cell.text());
    }
}

#[test]
fn extracted_text_keeps_markers_apart_and_has_no_word_joiners() {
    let fixture = Fixture::example();
    fixture.edit_district("bromma", "per hushåll.[^usk]", "per hushåll i januari 2011[^usk].");
    fixture.run(&["build"]).assert_ok();
    let text = pdf_text(&fixture.pdf("bromma"));
    assert!(text.contains("januari 2011"), "{text}");
    assert!(!text.contains("januari 20111"), "the footnote marker merged with the year");
    let contents = &pdf_pages(&fixture.pdf("bromma"))[1];
    assert!(contents.contains("Innehåll"));
    assert!(!contents.contains('\u{2060}'), "a word joiner in the table of contents");
}

/// Read as viewers that take a glyph's character from the font's map
/// (pdf.js, PDFium, this crate): every hyphen is a real one, and no line
/// ends in one, so nothing is lost or joined when lines are put together.
#[test]
fn hyphens_read_the_same_in_every_viewer() {
    let fixture = Fixture::project("arsrapport-2025");
    fixture.run(&["build"]).assert_ok();
    let memo = pdf_text(&fixture.file("output/arsrapport-2025/sof-2026-0187-tjansteutlatande.pdf"));
    let words = crate::common::flat(&memo);
    for word in ["USI-samordnaren", "hälso- och", "barn- och ungdomsenheten", "LVM-anmälningar", "arsrapport-2025.pdf"]
    {
        assert!(words.contains(word), "{word:?} does not read as written:\n{words}");
    }
    for (i, line) in memo.lines().enumerate() {
        assert!(!line.contains('\u{ad}'), "a soft hyphen on line {i}: {line:?}");
        let next = memo.lines().nth(i + 1).unwrap_or_default();
        let joins = line.trim_end().ends_with('-') && next.trim_start().starts_with(char::is_lowercase);
        assert!(!joins, "line {i} ends in a hyphen before a word: {line:?} / {next:?}");
    }
}

#[test]
fn each_statement_cell_belongs_to_its_column_and_its_area_in_both_editions() {
    let fixture = common::shared("solvik", common::built_solvik);
    let dir = fixture.file("output/2024-ekonomiskt-bistand");
    // The PDF: the area is a row header spanning its statements, so every
    // cell names both its column's header and its area's.
    let tree = tag_tree(&dir.join("sn-2024-31-solvik.pdf"));
    let table = tree
        .all("Table")
        .into_iter()
        .find(|t| {
            t.all("TH").first().is_some_and(|th| th.text() == "Kvalitetsområde") && t.text().contains("Bedömning")
        })
        .expect("the statements table");
    let ths = table.all("TH");
    let id_of = |text: &str| ths.iter().find(|th| th.text() == text).and_then(|th| th.id.clone()).unwrap();
    let (level, judgement, area) = (id_of("Kvalitetsnivå"), id_of("Bedömning"), id_of("Rättssäkerhet"));
    assert_eq!(ths.iter().find(|th| th.text() == "Rättssäkerhet").unwrap().scope.as_deref(), Some("Row"));
    let cells = table.all("TD");
    let first = cells.iter().find(|td| td.text().starts_with("Utredningarna beskriver")).expect("a statement");
    assert_eq!(first.headers, [judgement.clone(), area.clone()]);
    assert!(cells.iter().all(|td| td.headers.len() == 2), "{:?}", cells.iter().map(|c| &c.headers).collect::<Vec<_>>());
    assert!(cells.iter().any(|td| td.headers == [level.clone(), area.clone()]));

    // The web page: a group per area, its header for the rest of the group.
    let page = common::html::Page::parse(&std::fs::read_to_string(dir.join("sn-2024-31-solvik.html")).unwrap());
    let group = page.find(|el| el.name() == "th" && el.text() == "Rättssäkerhet");
    assert_eq!(group.len(), 1);
    assert_eq!(group[0].attr("scope").as_deref(), Some("rowgroup"));
    let id = group[0].attr("id").unwrap();
    let cells = page.find(|el| el.name() == "td" && el.attr("headers").is_some_and(|h| h.split(' ').any(|h| h == id)));
    assert_eq!(cells.len(), 6, "three statements, two cells each");
    assert!(page.find(|el| el.attr("scope").as_deref() == Some("colgroup")).is_empty());
}
