//! The web edition: an HTML file beside every PDF, read back with an HTML
//! parser (html5ever): the same headings as the PDF, accessible structure,
//! self-contained, hostile text kept literal, footnotes linked both ways,
//! reproducible bytes, and `output/index.html` for the whole folder. (The
//! browser checks, axe-core and reflow, are in tests/browser.sh.)

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::html::{El, Page};
use crate::common::{self, Fixture, REVIEW, pdf_outline};

fn built() -> &'static Fixture {
    common::shared("alla-exempel-med-arsrapport", common::all_examples_with_annual_report)
}

fn page(path: &Path) -> Page {
    Page::parse(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn is_heading(e: &El) -> bool {
    matches!(e.name().as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Every PDF of the examples, with the HTML file beside it.
fn editions(fixture: &Fixture) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in
        ["output/2011-ekonomiskt-bistand", "output/2014-uppfoljning-ekonomiskt-bistand", "output/arsrapport-2011"]
    {
        for entry in fs::read_dir(fixture.file(dir)).unwrap() {
            let pdf = entry.unwrap().path();
            if pdf.extension().is_some_and(|e| e == "pdf") {
                out.push((pdf.clone(), pdf.with_extension("html")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_pdf_has_a_web_edition_with_the_same_headings() {
    let fixture = built();
    let editions = editions(fixture);
    assert_eq!(editions.len(), 6);
    for (pdf, html) in editions {
        assert!(html.exists(), "{} has no web edition", pdf.display());
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let outline: Vec<String> =
            pdf_outline(&pdf).into_iter().filter(|(d, _)| *d <= 2).map(|(_, t)| squeeze(&t)).collect();
        let page = page(&html);
        let headings: Vec<String> = page
            .first("main")
            .find(|e| matches!(e.name().as_str(), "h2" | "h3"))
            .iter()
            .map(|h| squeeze(&h.text()))
            .filter(|h| h != "Fotnoter")
            .collect();
        // The PDF's outline starts with its table of contents (the web page
        // has its contents in <nav>, outside <main>); a memo's title is the
        // page's <h1>, in <header>.
        let title = squeeze(&page.first("h1").text());
        let outline: Vec<String> = outline.into_iter().filter(|t| *t != "Innehåll" && *t != title).collect();
        assert_eq!(headings, outline, "{}", html.display());
    }
}

#[test]
fn pages_are_accessible_by_construction() {
    let fixture = built();
    let mut pages: Vec<PathBuf> = editions(fixture).into_iter().map(|(_, h)| h).collect();
    pages.push(fixture.file("output/index.html"));
    for path in pages {
        let html = page(&path);
        let whole = fs::read_to_string(&path).unwrap();
        let shown = path.display();
        assert_eq!(html.first("html").attr("lang").as_deref(), Some("sv"), "{shown}: lang");
        assert!(!html.first("head").children("title")[0].text().is_empty(), "{shown}: title");
        assert_eq!(html.all("h1").len(), 1, "{shown}: one h1");
        for landmark in ["header", "main", "footer"] {
            assert_eq!(html.all(landmark).len(), 1, "{shown}: {landmark}");
        }
        let levels: Vec<u8> = html.find(is_heading).iter().map(|h| h.name().as_bytes()[1] - b'0').collect();
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{shown}: heading level skips from h{} to h{}", pair[0], pair[1]);
        }
        for table in html.all("table") {
            assert!(!table.all("caption").is_empty(), "{shown}: a table without caption");
        }
        for th in html.all("th") {
            assert!(th.attr("scope").is_some(), "{shown}: <th> without scope: {}", th.text());
            assert!(!th.text().is_empty(), "{shown}: an empty <th>");
        }
        assert!(html.all("script").is_empty(), "{shown}: a script");
        assert!(html.all("link").is_empty(), "{shown}: a linked resource");
        for element in html.find(|e| e.attr("src").is_some()) {
            let src = element.attr("src").unwrap();
            assert!(src.starts_with("data:"), "{shown}: loads {src}");
        }
        assert!(!whole.contains("url(") && !whole.contains("@import"), "{shown}: CSS loads something");
        for svg in html.all("svg") {
            assert_eq!(svg.attr("role").as_deref(), Some("img"), "{shown}: a chart without role");
            assert!(svg.all("title").first().is_some_and(|t| t.text().contains('%')), "{shown}: a chart without alt");
        }
    }
}

#[test]
fn ratings_are_words_and_the_case_number_and_date_are_in_the_content() {
    let fixture = built();
    let html = page(&fixture.file(&format!("output/{REVIEW}/3-1-117-2011-skarholmen.html")));
    let summary = html.first("main").first("table").text();
    assert!(summary.contains("Effektivitet Röd"), "{summary}");
    assert!(summary.contains("Tillgänglighet Grön"), "{summary}");
    let header = html.first("header").text();
    assert!(header.contains("Diarienummer 3.1-117/2011") && header.contains("15 april 2011"), "{header}");
    let memo = page(&fixture.file(&format!("output/{REVIEW}/3-1-117-2011-tjansteutlatande.html")));
    assert!(memo.first("header").text().contains("3.1-117/2011"));
}

#[test]
fn footnotes_link_to_their_note_and_back() {
    let fixture = built();
    let html = page(&fixture.file(&format!("output/{REVIEW}/3-1-117-2011-bromma.html")));
    let markers: Vec<El> =
        html.find(|e| e.name() == "sup" && e.has_class("fotnot")).iter().flat_map(|sup| sup.all("a")).collect();
    assert!(markers.len() >= 5, "{} markers", markers.len());
    for (i, marker) in markers.iter().enumerate() {
        let n = i + 1;
        assert_eq!(marker.attr("href"), Some(format!("#fotnot-{n}")));
        assert_eq!(marker.attr("id"), Some(format!("fotnotsref-{n}")));
        let note = html.find(|e| e.name() == "li" && e.attr("id") == Some(format!("fotnot-{n}")));
        assert_eq!(note.len(), 1, "note {n} is missing");
        let back = note[0].find(|e| e.name() == "a" && e.has_class("tillbaka"));
        assert_eq!(back.first().expect("a link back").attr("href"), Some(format!("#fotnotsref-{n}")));
    }
    let notes = html.find(|e| e.name() == "section" && e.has_class("fotnoter"));
    assert!(notes[0].text().contains("Socialtjänstlagen (2001:453) 3 kap. 3 §."));
}

#[test]
fn what_an_inspector_types_stays_text() {
    let fixture = Fixture::example();
    let hostile = r#"<script>alert(1)</script> <img src=x onerror="alert(2)"> </main> {{ distrikt.namn }} {% raw %} &amp; <!-- granska:fotnoter -->"#;
    fixture.edit_district(
        "bromma",
        "Handläggarna var noga med att den sökande måste vara informerad",
        &format!("{}\n\nHandläggarna var noga med att den sökande måste vara informerad", hostile.replace('"', "\\\"")),
    );
    fixture.run(&["build"]).assert_ok();
    let path = fixture.file(&format!("output/{REVIEW}/3-1-117-2011-bromma.html"));
    let html = page(&path);
    assert!(html.find(|e| matches!(e.name().as_str(), "script" | "img")).is_empty(), "inspector text became markup");
    assert_eq!(html.all("main").len(), 1);
    let main = html.first("main").text();
    assert!(
        main.contains(r#"<script>alert(1)</script> <img src=x onerror="alert(2)"> </main> {{ distrikt.namn }}"#),
        "{main}"
    );
    assert!(main.contains("{% raw %} &amp; <!-- granska:fotnoter -->"), "{main}");
}

#[test]
fn the_web_edition_is_reproducible_and_in_the_manifest() {
    let first = Fixture::example();
    first.run(&["build"]).assert_ok();
    let second = Fixture::example();
    second.run(&["build", "-j", "1"]).assert_ok();
    for name in ["3-1-117-2011-bromma.html", "3-1-117-2011-tjansteutlatande.html"] {
        let path = format!("output/{REVIEW}/{name}");
        assert!(fs::read(first.file(&path)).unwrap() == fs::read(second.file(&path)).unwrap(), "{name} differs");
    }
    let manifest = first.read(&format!("output/{REVIEW}/manifest.json"));
    assert!(manifest.contains("\"fil\": \"3-1-117-2011-bromma.html\""), "{manifest}");
}

#[test]
fn the_index_lists_every_document_and_a_matrix_of_ratings() {
    let fixture = built();
    let index_path = fixture.file("output/index.html");
    let index = page(&index_path);
    let links: Vec<String> = index.first("main").all("a").iter().filter_map(|a| a.attr("href")).collect();
    // Six documents, each as a web page and a PDF.
    assert_eq!(links.len(), 12, "{links:?}");
    for link in &links {
        assert!(fixture.file("output").join(link).is_file(), "{link} does not exist");
    }
    let sections: Vec<String> = index.first("main").all("h2").iter().map(El::text).collect();
    assert_eq!(
        sections,
        [
            "Granskning av ekonomiskt bistånd",
            "Uppföljning av kvalitetsgranskning av ekonomiskt bistånd",
            "Socialtjänstinspektörernas årsrapport 2011"
        ]
    );
    let matrix = index.first("main").all("table")[1].text();
    assert!(matrix.starts_with("Kvalitetsnivå per distrikt och kvalitetsområde"), "{matrix}");
    assert!(matrix.contains("Bromma Gul Gul Gul Röd Gul Röd"), "{matrix}");
}

#[test]
fn the_logo_is_embedded_in_the_page() {
    let fixture = Fixture::example();
    fixture.write("bilder/logotyp.svg", r##"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"##);
    fixture.write("granska.toml", "[organisation]\nnamn = \"Tyresö kommun\"\nlogotyp = \"bilder/logotyp.svg\"\n");
    fixture.run(&["build"]).assert_ok();
    let html = page(&fixture.file(&format!("output/{REVIEW}/3-1-117-2011-bromma.html")));
    let img = html.first("header").all("img");
    assert_eq!(img.len(), 1);
    assert!(img[0].attr("src").unwrap().starts_with("data:image/svg+xml;base64,"));
    assert_eq!(img[0].attr("alt").as_deref(), Some("Logotyp för Tyresö kommun"));
}

#[test]
fn a_light_accent_colour_is_darkened_for_text_in_both_editions() {
    let fixture = Fixture::example();
    fixture.write("granska.toml", "[stil]\naccentfarg = \"#f0b400\"\n");
    fixture.run(&["build", "--emit-typst"]).assert_ok();
    let dir = fixture.file(&format!("output/{REVIEW}"));
    let typst = fs::read_to_string(dir.join("3-1-117-2011-bromma.typ")).unwrap();
    let html = fs::read_to_string(dir.join("3-1-117-2011-bromma.html")).unwrap();
    // Fills and rules keep the organisation's colour …
    assert!(typst.contains(r##"#let accent = rgb("#f0b400")"##), "{typst}");
    // … but text in it is darker, the same in the PDF and on the web.
    let text_colour = typst
        .lines()
        .find_map(|l| l.strip_prefix("#let accenttext = rgb(\"").and_then(|rest| rest.strip_suffix("\")")))
        .expect("the Typst source defines accenttext");
    assert_ne!(text_colour, "#f0b400");
    assert!(html.contains(&format!("--accent: {text_colour};")), "the page uses {text_colour} for text");
}

#[test]
fn each_web_page_links_to_its_pdf_and_back_to_the_index() {
    let fixture = built();
    for (page_path, pdf) in [
        (format!("output/{REVIEW}/3-1-117-2011-bromma.html"), "3-1-117-2011-bromma.pdf"),
        (format!("output/{REVIEW}/3-1-117-2011-tjansteutlatande.html"), "3-1-117-2011-tjansteutlatande.pdf"),
        ("output/arsrapport-2011/arsrapport-2011.html".to_owned(), "arsrapport-2011.pdf"),
    ] {
        let html = page(&fixture.file(&page_path));
        let links: Vec<(String, String)> = html
            .first("header")
            .all("a")
            .iter()
            .map(|a| (a.attr("href").unwrap_or_default().to_owned(), a.text()))
            .collect();
        assert!(
            links.iter().any(|(href, text)| href == pdf && text.starts_with("PDF-utgåvan av ")),
            "{page_path}: {links:?}"
        );
        assert!(links.iter().any(|(href, _)| href == "../index.html"), "{page_path}: {links:?}");
        let dir = fixture.file(&page_path).parent().unwrap().to_owned();
        assert!(dir.join(pdf).is_file() && dir.join("../index.html").is_file());
    }
}

#[test]
fn no_two_elements_of_a_page_share_an_id() {
    // A heading's anchor and a table's caption once shared
    // `granskningsfragor` and `rekommendationer`: a link or a screen
    // reader's label then found the wrong one.
    let solvik = common::shared("solvik", common::built_solvik);
    let mut pages: Vec<PathBuf> = editions(built()).into_iter().map(|(_, html)| html).collect();
    for entry in fs::read_dir(solvik.file("output/2024-ekonomiskt-bistand")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    assert!(pages.len() >= 8, "{pages:?}");
    for path in pages {
        let ids: Vec<String> =
            page(&path).find(|e| e.attr("id").is_some()).iter().filter_map(|e| e.attr("id")).collect();
        let mut seen = std::collections::BTreeSet::new();
        let twice: Vec<&String> = ids.iter().filter(|id| !seen.insert(*id)).collect();
        assert!(twice.is_empty(), "{}: {twice:?}", path.display());
    }
}
