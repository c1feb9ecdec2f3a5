//! Every report as its unit writes it: the outline, the words and the
//! ratings are the project's. The 2014 follow-up (one report for the whole
//! city, no ratings, its own chapters) and Solvik (rated statements, an own
//! Analys chapter, key figures in an area, its own words) are built and
//! both editions read back: the headings are the original's, in order, and
//! nothing is printed that the findings do not say.

use std::fs;
use std::path::PathBuf;

use crate::common::html::{El, Page};
use crate::common::{self, Fixture, flat, pdf_pages, pdf_text};

const FOLLOW_UP: &str = "output/2014-uppfoljning-ekonomiskt-bistand/3-1-164-2014-stadsovergripande";
const SOLVIK: &str = "output/2024-ekonomiskt-bistand/sn-2024-31-solvik";

/// Sentences granska used to print when the findings said nothing.
const IMPOSED: [&str; 4] = [
    "Granskningen ger inte anledning till några rekommendationer",
    "Inga källor har angetts",
    "Granskningen avser",
    "Ingen uppgift",
];

fn built(project: &'static str) -> &'static Fixture {
    fn make(project: &str) -> Fixture {
        let fixture = Fixture::project(project);
        fixture.run(&["build"]).assert_ok();
        fixture
    }
    match project {
        "solvik" => common::shared("solvik", common::built_solvik),
        "uppfoljning-2014" => common::shared("uppfoljning-2014", || make("uppfoljning-2014")),
        other => panic!("no shared build of {other}"),
    }
}

fn pdf(fixture: &Fixture, stem: &str) -> PathBuf {
    fixture.file(&format!("{stem}.pdf"))
}

fn page(fixture: &Fixture, stem: &str) -> Page {
    Page::parse(&fs::read_to_string(fixture.file(&format!("{stem}.html"))).unwrap())
}

/// The level-1 headings of the web page's main part, without the notes.
fn chapters(page: &Page) -> Vec<String> {
    page.first("main").all("h2").iter().map(El::text).filter(|t| t != "Fotnoter").collect()
}

#[test]
fn the_2014_follow_up_has_the_originals_chapters_in_order_and_no_rating() {
    let fixture = built("uppfoljning-2014");
    let outline = common::pdf_chapters(&pdf(fixture, FOLLOW_UP));
    let top: Vec<&str> = outline.iter().filter(|(d, _)| *d == 1).map(|(_, t)| t.as_str()).collect();
    // The original's chapters, in its order (unnumbered, as it is), with
    // the two analyses every report has before the inspectors' views.
    let expected = [
        "Innehåll",
        "Förord",
        "Kvalitetsparagrafen i socialtjänstlagen",
        "Uppföljningens genomförande",
        "Sammanfattning",
        "Bakgrund",
        "Resultatredovisning",
        "Barnperspektiv",
        "Jämställdhet",
        "Socialtjänstinspektörernas synpunkter",
    ];
    assert_eq!(top, expected, "{outline:?}");
    // Resultatredovisning: its two questions, then the areas under their
    // own heading, each with the original's sub-headings.
    let titles: Vec<&str> = outline.iter().map(|(_, t)| t.as_str()).collect();
    let at = |title: &str| titles.iter().position(|t| *t == title).unwrap_or_else(|| panic!("{title}: {titles:?}"));
    assert!(at("Har rapporterna redovisats i stadsdelsnämnden?") < at("Hur har granskningsrapporterna använts?"));
    assert_eq!(outline[at("Uppföljning utifrån kvalitetsområden")].0, 2);
    assert_eq!(outline[at("Självbestämmande och integritet")].0, 3);
    assert_eq!(outline[at("Delaktighet och brukarmedverkan")].0, 4);
    assert_eq!(outline[at("Skriftliga rutiner")].0, 5);
    // A footnote in a heading stays out of its bookmark.
    assert!(titles.contains(&"Stadsövergripande utvecklingsarbete utifrån uppdrag i budget"), "{titles:?}");

    let text = flat(&pdf_text(&pdf(fixture, FOLLOW_UP)));
    for word in ["Kvalitetsnivå", "Grön", "Gul", "Röd", "Nivå"] {
        assert!(!text.contains(word), "an unrated report says {word:?}");
    }
    for sentence in IMPOSED {
        assert!(!text.contains(sentence), "{sentence:?}");
    }
    assert!(!text.contains("Iakttagelser"), "no level where the findings have no assessment");
    // One report about every unit: no stand-in district.
    assert!(text.contains("Granskade enheter Bromma stadsdelsförvaltning"), "{}", &text[..2000]);
    assert!(!text.contains("Distrikt"));
    assert!(text.contains("SOCIALTJÄNSTINSPEKTÖRERNAS RAPPORT"));
    // It is a follow-up of two earlier reports (outside the project), and
    // the registrar's manifest says so.
    let manifest = fixture.read("output/2014-uppfoljning-ekonomiskt-bistand/manifest.json");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert!(manifest["dokument"].as_array().unwrap().iter().all(|d| d["dokumenttyp"] == "uppföljning"), "{manifest}");
    // The original's footnotes: the one in a heading among them.
    assert!(text.contains("Slutrapport om samverkansuppdraget mellan stadsdelsförvaltningarnas enheter"));
    assert!(text.contains("DUR är ett utredningsmaterial"));

    let html = page(fixture, FOLLOW_UP);
    let web: Vec<String> = chapters(&html);
    assert_eq!(web, expected[1..], "the web edition's chapters");
    let words = html.first("main").text();
    for word in ["Kvalitetsnivå", "Grön", "Röd"] {
        assert!(!words.contains(word), "the web edition says {word:?}");
    }
    // Contents down to the areas (level 3), headings not numbered.
    let nav = html.first("nav").text();
    assert!(nav.contains("Självbestämmande och integritet") && !nav.contains("Delaktighet och brukarmedverkan"));
    assert!(html.first("main").find(|e| e.has_class("nr")).is_empty());
}

#[test]
fn solvik_has_its_own_words_chapters_and_places() {
    let fixture = built("solvik");
    let text = flat(&pdf_text(&pdf(fixture, SOLVIK)));
    // The cover in the municipality's words.
    assert!(text.contains("Enhet Solvik") && text.contains("Kvalitetscontroller Lena Berg"), "{}", &text[..1500]);
    assert!(!text.contains("Distrikt") && !text.contains("Inspektörer"), "a Stockholm word in Solvik's report");
    for sentence in IMPOSED {
        assert!(!text.contains(sentence), "{sentence:?}");
    }
    let outline = common::pdf_chapters(&pdf(fixture, SOLVIK));
    let top: Vec<&str> = outline.iter().filter(|(d, _)| *d == 1).map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        top,
        [
            "Innehåll",
            "Sammanfattning",
            "Inledning",
            "Metod",
            "Kvalitetsområden",
            "Analys",
            "Barnrättsanalys",
            "Jämställdhetsanalys",
            "Slutsatser",
            "Rekommendationer",
            "Källor"
        ],
        "unnumbered, with the own chapter after the areas"
    );
    // The statements are in the summary table only: once each, no
    // "Konstateranden" heading.
    let statement = "Avslagsbesluten är tydligt motiverade och har besvärshänvisning";
    assert_eq!(text.matches(statement).count(), 1, "{statement}");
    assert!(!outline.iter().any(|(_, t)| t == "Konstateranden"));
    // The key figures stand in the area whose text refers to them, right
    // after that text, before the Analys chapter.
    let refers = text.find("i de nationella nyckeltalen i tabellen nedan").expect("the text");
    let table = text.find("Nyckeltal för Solvik").expect("the key figures");
    let analysis = text.rfind("Bristerna hänger ihop").expect("the Analys chapter");
    assert!(refers < table && table < analysis, "{refers} {table} {analysis}");
    // Recommendations: the opening text, then the numbered ones.
    let recommendations = &text[text.rfind("Kvalitetscontrollerna lämnar sex rekommendationer").unwrap()..];
    assert!(recommendations.contains("Säkerställ att barnens situation"));

    let html = page(fixture, SOLVIK);
    assert_eq!(chapters(&html), top[1..]);
    let header = html.first("header").text();
    assert!(header.contains("Enhet Solvik") && !header.contains("Distrikt"), "{header}");
}

#[test]
fn a_caption_is_on_the_page_of_its_table() {
    let fixture = built("solvik");
    let pages = pdf_pages(&pdf(fixture, SOLVIK));
    let mut captions = 0;
    for (n, page) in pages.iter().enumerate().skip(1) {
        // The page without its running header and footer (title, "4 (10)",
        // "Dnr SN 2024/31", the date).
        let body: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty() && !is_running(l)).collect();
        let last = body.last().unwrap_or_else(|| panic!("page {} is empty", n + 1));
        assert!(!is_caption(last), "page {}: a caption ends the page: {last}", n + 1);
        captions += body.iter().filter(|l| is_caption(l)).count();
    }
    assert!(captions >= 8, "the report's tables: {captions}");
}

/// "Tabell 3: …" (Typst puts a no-break space before the number).
fn is_caption(line: &str) -> bool {
    line.strip_prefix("Tabell")
        .is_some_and(|rest| rest.trim_start_matches([' ', '\u{a0}']).starts_with(|c: char| c.is_ascii_digit()))
}

/// A line of the running header or footer.
fn is_running(line: &str) -> bool {
    let date = line.split(' ').collect::<Vec<_>>();
    let is_date = date.len() == 3 && date[0].parse::<u8>().is_ok() && date[2].parse::<u16>().is_ok();
    let is_page = line.ends_with(')') && line.split(' ').next().is_some_and(|n| n.parse::<u16>().is_ok());
    line.starts_with("Dnr ") || line.starts_with("Granskning av ekonomiskt bistånd") || is_date || is_page
}
