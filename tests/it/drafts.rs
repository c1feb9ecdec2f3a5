//! Drafts for fact-checking (*faktagranskning*): `--utkast` writes
//! `…-utkast.pdf` and `.html` in `utkast/`, marked on every page (content
//! on the first, artifacts after), TODOs allowed and highlighted; drafts
//! never touch `output/`, its manifest or its index. A final build refuses
//! a TODO.

use std::fs;

use crate::common::html::Page;
use crate::common::tags::tag_tree;
use crate::common::{Fixture, REVIEW, flat, pdf_info, pdf_pages};

const DRAFT_PDF: &str = "utkast/2011-ekonomiskt-bistand/3-1-117-2011-bromma-utkast.pdf";
const DRAFT_HTML: &str = "utkast/2011-ekonomiskt-bistand/3-1-117-2011-bromma-utkast.html";
const MARK: &str = "UTKAST – för faktagranskning · 20 november 2026";

/// The example with a TODO left in one of Bromma's paragraphs.
fn with_todo() -> Fixture {
    let fixture = Fixture::example();
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var TODO noga");
    fixture
}

#[test]
fn a_final_build_refuses_a_todo_and_says_where_and_what_to_do() {
    let fixture = with_todo();
    for command in ["build", "check"] {
        let run = fixture.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        let line = fixture.read(&format!("findings/{REVIEW}/bromma.toml")).lines().position(|l| l.contains("TODO"));
        let at = format!("findings/{REVIEW}/bromma.toml:{}:", line.unwrap() + 1);
        assert!(run.stderr.contains(&at), "{command} names the line {at}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(": fel: `kvalitetsomraden.trygghet_och_sakerhet.iakttagelser` innehåller platshållaren TODO"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("granska build --utkast"), "the hint names drafts: {}", run.stderr);
    }
    assert!(!fixture.pdf("bromma").exists(), "no final report with a TODO");
    assert!(fixture.pdf("skarholmen").exists(), "the other district is still built");
    // A draft check allows it, as a warning.
    let draft = fixture.run(&["check", "--utkast"]);
    draft.assert_ok();
    assert!(
        draft
            .stderr
            .contains(": varning: `kvalitetsomraden.trygghet_och_sakerhet.iakttagelser` innehåller platshållaren TODO"),
        "{}",
        draft.stderr
    );
}

#[test]
fn a_draft_is_marked_on_every_page_and_highlights_its_todos() {
    let fixture = with_todo();
    let run = fixture.run(&["build", "--utkast", "--datum", "2026-11-20"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("skrev utkast/2011-ekonomiskt-bistand/3-1-117-2011-bromma-utkast.pdf"),
        "{}",
        run.stdout
    );
    let pdf = fixture.file(DRAFT_PDF);
    let pages = pdf_pages(&pdf);
    assert!(pages.len() > 10);
    for (i, page) in pages.iter().enumerate() {
        assert!(flat(page).contains(MARK), "page {} is marked: {page}", i + 1);
    }
    // Screen readers hear it once, on the first page; the repetitions are
    // artifacts.
    let tagged = flat(&tag_tree(&pdf).text());
    assert_eq!(tagged.matches("UTKAST").count(), 1, "{tagged}");
    assert!(tagged.contains(MARK));
    assert!(pdf_info(&pdf, "Title").unwrap().contains("utkast – för faktagranskning, 20 november 2026"));
    // The cover memo too.
    let memo = fixture.file("utkast/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande-utkast.pdf");
    assert_eq!(flat(&tag_tree(&memo).text()).matches(MARK).count(), 1);
    // The web edition says so visibly, is not for search engines, and
    // highlights the TODO.
    let html = Page::parse(&fixture.read(DRAFT_HTML));
    let mark = html.first("header").find(|e| e.has_class("utkast"));
    assert!(mark[0].text().contains(MARK));
    let todo = html.find(|e| e.name() == "mark" && e.has_class("todo"));
    assert_eq!(todo.first().map(|t| t.text()).as_deref(), Some("TODO"));
    assert!(fixture.read(DRAFT_HTML).contains(r#"<meta name="robots" content="noindex">"#));
    // Nothing was published.
    assert!(!fixture.file("output").join(REVIEW).exists(), "drafts never go to output/");
}

#[test]
fn drafts_never_touch_the_final_reports_their_manifest_or_the_index() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let snapshot = || {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(fixture.file("output"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().display().to_string(), fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    fixture.run(&["build", "--utkast"]).assert_ok();
    assert_eq!(snapshot(), before, "output/ is as the final build left it");
    let manifest = fixture.read(&format!("output/{REVIEW}/manifest.csv"));
    assert!(!manifest.contains("-utkast."), "{manifest}");
    let index = fixture.read("output/index.html");
    assert!(!index.contains("-utkast."), "no draft is listed: {index}");
    // The draft is dated today by default: today in Sweden.
    let sweden = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap();
    let today = sweden.to_datetime(jiff::Timestamp::now()).date();
    let months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let date = format!("{} {} {}", today.day(), months[today.month() as usize - 1], today.year());
    assert!(flat(&pdf_pages(&fixture.file(DRAFT_PDF))[0]).contains(&date), "dated {date}");
}

#[test]
fn draft_dates_are_checked_on_the_command_line() {
    let fixture = Fixture::example();
    let bad = fixture.run(&["build", "--utkast", "--datum", "2026-02-30"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("`2026-02-30` är inget datum; skriv det som ÅÅÅÅ-MM-DD"), "{}", bad.stderr);
    let alone = fixture.run(&["build", "--datum", "2026-11-20"]);
    assert_eq!(alone.code, 2, "--datum belongs to --utkast: {}", alone.stderr);
    assert!(!fixture.file("utkast").exists() && !fixture.file("output").join(REVIEW).exists());
}
