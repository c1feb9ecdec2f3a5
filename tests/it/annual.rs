//! The annual report and its memo as the committee files them, from the
//! example `examples/arsrapport-2025` (written from the 2025 memo), and the
//! annual report's parts that example does not have: the follow-ups of
//! earlier reviews with their statuses, and memos that attach more than
//! the document they cover.

use std::fs;

use crate::common::html::Page;
use crate::common::{self, Fixture, flat, pdf_outline, pdf_pages, pdf_text};

const MEMO: &str = "output/arsrapport-2025/sof-2026-0187-tjansteutlatande";
const ANNUAL: &str = "output/arsrapport-2025/arsrapport-2025";

fn built_2025() -> &'static Fixture {
    common::shared("arsrapport-2025", || {
        let fixture = Fixture::project("arsrapport-2025");
        fixture.run(&["build"]).assert_ok();
        fixture
    })
}

/// The outline's titles below the document title (the memo's title is its
/// first heading), with their depth.
fn outline(fixture: &Fixture, file: &str) -> Vec<(usize, String)> {
    pdf_outline(&fixture.file(&format!("{file}.pdf")))
}

const AREAS: [&str; 5] = [
    "Trygghet och säkerhet",
    "Självbestämmande och integritet",
    "Helhetssyn och samordning",
    "Tillgänglighet",
    "Kunskapsbaserad verksamhet och effektivitet",
];
const REVIEWS: [&str; 2] = ["Långvarig hemlöshet", "Mycket långvarigt ekonomiskt bistånd vid arbetslöshet"];

#[test]
fn the_memo_has_the_sections_of_the_filed_memo_and_the_annual_report_as_its_only_attachment() {
    let fixture = built_2025();
    let mut expected: Vec<(usize, String)> = [
        (1, "Socialtjänstinspektörernas årsrapport 2025"),
        (2, "Förslag till beslut"),
        (2, "Sammanfattning"),
        (2, "Bakgrund"),
        (2, "Ärendet"),
    ]
    .into_iter()
    .map(|(d, t)| (d, t.to_owned()))
    .collect();
    for area in AREAS {
        expected.push((3, area.to_owned()));
        expected.extend(REVIEWS.iter().map(|r| (4, (*r).to_owned())));
    }
    for analysis in ["Barnrättsanalys", "Jämställdhetsanalys"] {
        expected.push((3, analysis.to_owned()));
        expected.extend(REVIEWS.iter().map(|r| (4, (*r).to_owned())));
    }
    expected.extend(
        [(2, "Ärendets beredning"), (2, "Förvaltningens synpunkter och förslag"), (2, "Bilagor")]
            .into_iter()
            .map(|(d, t)| (d, t.to_owned())),
    );
    // The outline nests the headings under the title (depth 1).
    assert_eq!(outline(fixture, MEMO), expected);

    let text = flat(&pdf_text(&fixture.file(&format!("{MEMO}.pdf"))));
    let in_order = [
        "1. Socialnämnden godkänner socialtjänstinspektörernas årsrapport.",
        "2. Socialnämnden överlämnar rapporten till kommunstyrelsen.",
        "3. Socialnämnden överlämnar rapporten till samtliga stadsdelsnämnder.",
        // The summary: its own text, the follow-up and the plan from the
        // annual report without their headings, then its closing line.
        "Socialtjänstinspektörerna har under 2025 genomfört två kvalitetsgranskningar.",
        "Uppföljningen av 2024 års granskningar av förhandsbedömningar",
        "Planeringen för 2026 omfattar en kvalitetsgranskning av eftervården",
        "Socialförvaltningen föreslår att socialnämnden godkänner denna årsrapport.",
        "Stockholms stads socialtjänstinspektörer har till uppgift",
        "Nedan följer en analys av granskningsresultatet",
        // The review files' texts, with their footnotes.
        "vilket stöds av forskning.",
        "Förvaltningsgruppen har behandlat ärendet den 11 februari 2026.",
        "Veronica Carstorp Wolgast",
        "Bilaga 1 Socialtjänstinspektörernas årsrapport 2025",
    ];
    let mut at = 0;
    for line in in_order {
        let found = text[at..].find(line).unwrap_or_else(|| panic!("{line:?} missing after byte {at}:\n{text}"));
        at += found + line.len();
    }
    assert!(!text.contains("Bilaga 2") && !text.contains("Inga bilagor"), "{text}");
    // The web edition links the attachment's file, both editions.
    let page = Page::parse(&fixture.read(&format!("{MEMO}.html")));
    let links: Vec<String> = page.all("a").iter().filter_map(|a| a.attr("href")).collect();
    for link in ["arsrapport-2025.html", "arsrapport-2025.pdf"] {
        assert!(links.iter().any(|l| l == link), "{link} not in {links:?}");
    }
    // The memo's summary is written once: no heading of the included
    // chapters shows in it.
    assert!(!text.contains("Planering för 2026 Planeringen"), "{text}");
}

#[test]
fn the_memo_carries_the_thirteen_footnotes_of_the_filed_memo_in_order() {
    let fixture = built_2025();
    let page = Page::parse(&fixture.read(&format!("{MEMO}.html")));
    let notes: Vec<String> = page
        .find(|e| e.name() == "li" && e.attr("id").is_some_and(|id| id.starts_with("fotnot-")))
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(notes.len(), 13, "{notes:#?}");
    for (note, start) in notes.iter().zip([
        "SBU (2018)",
        "Samsjuklighetshandläggare är en roll",
        "Stockholmskraften är ett samverkansprojekt",
        "BIP står för",
        "USI – Utökade StödInsatser",
        "Socialförvaltningen (2023) PM",
        "Initial bedömning",
        "FIA – Förutsättningar inför arbete",
        "BIP står för",
        "Skrivarstuga innebär",
        "Objective Key Result",
        "Fler föräldrar i arbete",
        "Socialförvaltningen (2025) Personer som lever i hemlöshet",
    ]) {
        assert!(note.trim_start().contains(start), "{note:?} should start with {start:?}");
    }
}

#[test]
fn the_annual_report_has_its_outline_and_full_width_texts() {
    let fixture = built_2025();
    let titles: Vec<(usize, String)> = common::pdf_chapters(&fixture.file(&format!("{ANNUAL}.pdf")));
    let chapters: Vec<&str> = titles.iter().filter(|(d, _)| *d == 1).map(|(_, t)| t.as_str()).collect();
    let mut expected = vec!["Innehåll", "1 Bakgrund", "2 Årets granskningar"];
    let numbered: Vec<String> = AREAS.iter().enumerate().map(|(i, a)| format!("{} {a}", i + 3)).collect();
    expected.extend(numbered.iter().map(String::as_str));
    expected.extend([
        "8 Barnrättsanalys",
        "9 Jämställdhetsanalys",
        "10 Uppföljning av 2024 års granskningar",
        "11 Planering för 2026",
    ]);
    assert_eq!(chapters, expected);
    // Each area has both reviews under it, by their short titles.
    let under_first_area: Vec<&str> =
        titles.iter().skip_while(|(_, t)| !t.ends_with(AREAS[0])).skip(1).take(2).map(|(_, t)| t.as_str()).collect();
    assert_eq!(under_first_area, REVIEWS);

    // The texts run the width of the page, not in a narrow table column:
    // a typical line of an area's text has many words.
    let pages = pdf_pages(&fixture.file(&format!("{ANNUAL}.pdf")));
    let areas_text: String = pages.iter().filter(|p| p.contains(AREAS[0]) || p.contains(AREAS[3])).cloned().collect();
    let mut words_per_line: Vec<usize> =
        areas_text.lines().map(|l| l.split_whitespace().count()).filter(|n| *n > 0).collect();
    words_per_line.sort_unstable();
    let median = words_per_line[words_per_line.len() / 2];
    assert!(median >= 9, "a typical line has {median} words: the text column is too narrow\n{areas_text}");

    // The reviews are the year's two, each with what it covers.
    let text = flat(&pdf_text(&fixture.file(&format!("{ANNUAL}.pdf"))));
    assert!(text.contains("Omfattar: Flera stadsdelsförvaltningar"), "{text}");
    assert!(text.contains("Omfattar: Två stadsdelsförvaltningar"), "{text}");
    // Nothing the findings do not say: no levels, no invented rating.
    for word in ["Kvalitetsnivå", "Grön", "Gul", "Röd"] {
        assert!(!text.contains(word), "{word} in an unrated annual report");
    }
}

#[test]
fn the_manifest_says_which_memo_each_document_is_attached_to() {
    let fixture = built_2025();
    let json: serde_json::Value = serde_json::from_str(&fixture.read("output/arsrapport-2025/manifest.json")).unwrap();
    let rows = json["dokument"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "{rows:#?}");
    let annual = rows.iter().find(|r| r["fil"] == "arsrapport-2025.pdf").unwrap();
    assert_eq!(annual["dokumenttyp"], "årsrapport");
    assert_eq!(annual["tjansteutlatande"], "arsrapport-2025/sof-2026-0187-tjansteutlatande.pdf");
    assert_eq!(annual["bilaga"], 1);
    assert_eq!(annual["datum"], "2026-02-13");
    let memo = rows.iter().find(|r| r["fil"] == "sof-2026-0187-tjansteutlatande.pdf").unwrap();
    assert_eq!(memo["dokumenttyp"], "tjänsteutlåtande");
    assert_eq!(memo["diarienummer"], "SoF 2026/0187");
}

#[test]
fn an_annual_report_shows_the_years_follow_ups_with_their_statuses_apart_from_new_reviews() {
    let fixture = Fixture::all_examples();
    fixture.write(
        "findings/arsrapport-2014.toml",
        "diarienummer = \"3.1-20/2015\"\npubliceringsdatum = 2015-02-10\nutgivare = \"Socialförvaltningen\"\n\
         mottagare = \"Socialnämnden\"\ninledning = \"Under 2014 följdes granskningen av ekonomiskt bistånd upp.\"\n",
    );
    fixture.run(&["build"]).assert_ok();
    let pdf = fixture.file("output/arsrapport-2014/arsrapport-2014.pdf");
    let chapters: Vec<String> =
        common::pdf_chapters(&pdf).into_iter().filter(|(d, _)| *d == 1).map(|(_, t)| t).collect();
    // 2014 had no new review: no list of reviews, no levels, no areas.
    assert_eq!(chapters, ["Innehåll", "1 Inledning", "2 Uppföljningar"]);
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("Följer upp Granskning av ekonomiskt bistånd (dnr 3.1-117/2011) från 2011."), "{text}");
    for district in ["Bromma", "Skärholmen"] {
        assert!(text.contains(district), "{district} missing");
    }
    for status in ["Delvis åtgärdad", "Ej åtgärdad", "Åtgärdad"] {
        assert!(text.contains(status), "{status} missing:\n{text}");
    }
    // The 2011 annual report does not count the 2014 follow-up.
    let text_2011 = flat(&pdf_text(&fixture.file("output/arsrapport-2011/arsrapport-2011.pdf")));
    assert!(!text_2011.contains("Följer upp"), "{text_2011}");
}

#[test]
fn a_memo_lists_the_documents_it_names_in_its_order_and_other_documents_without_a_file() {
    let fixture = Fixture::example();
    let review = "findings/2011-ekonomiskt-bistand/granskning.toml";
    let text = fixture.read(review);
    fixture.write(
        review,
        &format!(
            "{text}\n[[tjansteutlatande.bilaga]]\ndokument = \"skarholmen\"\n\n[[tjansteutlatande.bilaga]]\ntitel = \"Protokollsutdrag från funktionshinderrådet\"\n"
        ),
    );
    fixture.run(&["build"]).assert_ok();
    let memo = flat(&pdf_text(&fixture.file("output/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf")));
    assert!(
        memo.contains("Bilaga 1 Granskning av ekonomiskt bistånd – Skärholmen 3-1-117-2011-skarholmen.pdf"),
        "{memo}"
    );
    assert!(memo.contains("Bilaga 2 Protokollsutdrag från funktionshinderrådet –"), "{memo}");
    assert!(!memo.contains("Bromma 3-1-117-2011-bromma.pdf") && !memo.contains("Bilaga 3"), "{memo}");
    let json = fixture.read("output/2011-ekonomiskt-bistand/manifest.json");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let bromma = json["dokument"].as_array().unwrap().iter().find(|r| r["fil"] == "3-1-117-2011-bromma.pdf").unwrap();
    assert!(bromma["bilaga"].is_null(), "Bromma is no attachment: {bromma}");
}

#[test]
fn an_annual_memo_can_attach_the_years_reports_when_no_other_memo_does() {
    // Its own copy: the shared build is only read.
    let fixture = Fixture::project("arsrapport-2025");
    let annual = "findings/arsrapport-2025.toml";
    let text = fixture.read(annual);
    fixture.write(
        annual,
        &format!(
            "{text}\n[[tjansteutlatande.bilaga]]\ndokument = \"arsrapport-2025\"\n\n[[tjansteutlatande.bilaga]]\ndokument = \"2025-langvarig-hemloshet/rapport\"\n"
        ),
    );
    fixture.run(&["build"]).assert_ok();
    let memo = flat(&pdf_text(&fixture.file(&format!("{MEMO}.pdf"))));
    assert!(memo.contains("Bilaga 2 Granskning av handläggningen för vuxna med långvarig hemlöshet"), "{memo}");
    // The web edition links to the report in its own folder.
    let page = Page::parse(&fixture.read(&format!("{MEMO}.html")));
    let links: Vec<String> = page.all("a").iter().filter_map(|a| a.attr("href")).collect();
    for link in [
        "../2025-langvarig-hemloshet/sof-2025-1204-rapport.pdf",
        "../2025-langvarig-hemloshet/sof-2025-1204-rapport.html",
    ] {
        assert!(links.iter().any(|l| l == link), "{link} not in {links:?}");
    }
    // And the report's folder says where it is attached.
    let json: serde_json::Value =
        serde_json::from_str(&fixture.read("output/2025-langvarig-hemloshet/manifest.json")).unwrap();
    let report = json["dokument"].as_array().unwrap().iter().find(|r| r["utgava"] == "PDF").unwrap().clone();
    assert_eq!(report["tjansteutlatande"], "arsrapport-2025/sof-2026-0187-tjansteutlatande.pdf");
    assert_eq!(report["bilaga"], 2);
    // Built alone, the annual memo cannot list a report this run did not
    // make, so it is not made; it says why.
    fs::remove_dir_all(fixture.file("output")).unwrap();
    let run = fixture.run(&["arsrapport", "2025"]);
    assert!(
        run.stderr.contains("bilagan `2025-langvarig-hemloshet/rapport` gjordes inte i den här körningen"),
        "{}",
        run.stderr
    );
    assert!(!fixture.file(&format!("{MEMO}.pdf")).exists());
}

#[test]
fn a_paragraphs_footnotes_stand_on_its_page() {
    // The paragraph on IB, FIA and BIP has three footnotes; where it ended
    // a page, Typst set the second and third notes on the next one.
    let fixture = built_2025();
    for (memo_or_report, notes) in [(ANNUAL, 3), (MEMO, 3)] {
        let pages: Vec<String> =
            pdf_pages(&fixture.file(&format!("{memo_or_report}.pdf"))).iter().map(|p| flat(p)).collect();
        let page_of = |needle: &str| {
            let found: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].contains(needle)).collect();
            assert_eq!(found.len(), 1, "{needle:?} on pages {found:?} of {memo_or_report}");
            found[0]
        };
        let paragraph = page_of("Granskningen visar att IB");
        let entries = [
            "Initial bedömning, Stockholms stads",
            "FIA – Förutsättningar inför arbete",
            "BIP står för Beskæftigelses",
        ];
        assert_eq!(entries.len(), notes);
        for entry in entries {
            assert!(pages[paragraph].contains(entry), "{entry:?} is not on the page of its marker in {memo_or_report}");
        }
    }
}

#[test]
fn a_memo_taken_out_of_the_annual_file_leaves_output() {
    let fixture = Fixture::project("arsrapport-2025");
    fixture.run(&["build"]).assert_ok();
    assert!(fixture.file(&format!("{MEMO}.pdf")).is_file());
    let annual = "findings/arsrapport-2025.toml";
    let text = fixture.read(annual);
    let start = text.find("\n[tjansteutlatande]").expect("the example has a memo");
    // The memo's tables run to the end of the file or the next non-memo table.
    let rest = &text[start + 1..];
    let end = rest
        .match_indices("\n[")
        .map(|(i, _)| i)
        .find(|&i| !rest[i + 1..].starts_with("[tjansteutlatande") && !rest[i + 1..].starts_with("[[tjansteutlatande"))
        .map_or(text.len(), |i| start + 1 + i);
    fixture.write(annual, &format!("{}{}", &text[..start], &text[end..]));
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("sof-2026-0187-tjansteutlatande.pdf och sof-2026-0187-tjansteutlatande.html: årsrapportens fil har inget tjänsteutlåtande längre"),
        "{}",
        run.stdout
    );
    assert!(!fixture.file(&format!("{MEMO}.pdf")).exists());
}
