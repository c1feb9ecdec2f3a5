//! `granska build` end to end: TOML in, PDF out, PDF read back.

use crate::common::{Fixture, numbered_headings, pdf_info, pdf_pages, pdf_text, run_in};

/// The fixed sections, in the order every report has them.
const SECTIONS: [&str; 13] = [
    "Metod",
    "Kvalitetsområden",
    "Trygghet och säkerhet",
    "Självbestämmande och integritet",
    "Tillgänglighet",
    "Helhetssyn och samordning",
    "Kunskapsbaserad verksamhet",
    "Effektivitet",
    "Barnrättsanalys",
    "Jämställdhetsanalys",
    "Slutsatser",
    "Rekommendationer",
    "Källor",
];

fn is_subsequence(needles: &[&str], haystack: &[String]) -> bool {
    let mut it = haystack.iter();
    needles.iter().all(|n| it.any(|h| h == n))
}

#[test]
fn the_example_review_builds_one_pdf_per_district() {
    let fixture = Fixture::example();
    let run = fixture.run(&["build"]);
    run.assert_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(lines[0].starts_with("skrev output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.pdf ("), "{}", lines[0]);
    assert!(lines[1].starts_with("skrev output/2011-ekonomiskt-bistand/3-1-117-2011-skarholmen.pdf ("), "{}", lines[1]);
    // The cover memo (tjänsteutlåtande) of the review comes with it.
    assert!(
        lines[2].starts_with("skrev output/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf ("),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "3 dokument klara");
    for district in ["bromma", "skarholmen"] {
        let pages = pdf_pages(&fixture.pdf(district));
        assert!(pages.len() > 1, "{district}: {} pages", pages.len());
    }
}

#[test]
fn every_fixed_section_appears_in_order() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let headings = numbered_headings(&pdf_text(&fixture.pdf("skarholmen")));
    assert!(is_subsequence(&SECTIONS, &headings), "headings in the PDF: {headings:#?}");
}

#[test]
fn the_cover_names_district_service_and_diarienummer() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let cover = &pdf_pages(&fixture.pdf("skarholmen"))[0];
    for expected in [
        "Granskning av ekonomiskt bistånd",
        "Skärholmens stadsdelsförvaltning",
        "Skärholmen",
        "3.1-117/2011",
        "15 april 2011",
    ] {
        assert!(cover.contains(expected), "{expected:?} missing on the cover:\n{cover}");
    }
}

#[test]
fn swedish_characters_and_numbers_survive() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let text = pdf_text(&fixture.pdf("bromma"));
    for expected in
        ["Självbestämmande och integritet", "Jämställdhetsanalys", "Försörjningshinder", "Övriga", "388\u{202F}400"]
    {
        assert!(text.contains(expected), "{expected:?} missing");
    }
    assert!(!text.contains('\u{FFFD}'), "replacement characters in the text");
}

#[test]
fn markdown_footnotes_become_footnotes() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let text = pdf_text(&fixture.pdf("bromma"));
    // The footnote text is printed (at the foot of the page), and the
    // Markdown syntax is gone.
    assert!(text.contains("Socialtjänstlagen (2001:453) 3 kap. 3 §."));
    assert!(!text.contains("[^"), "raw footnote syntax in the PDF");
}

#[test]
fn typst_syntax_typed_by_an_inspector_appears_literally() {
    let fixture = Fixture::example();
    let hostile = r#"Inspektören skrev #read("/etc/passwd") och $x$ och 2 * 3 * 4 och snake_case_namn och <a> och @ref och // not a comment och \ och [ ] och #import "@preview/cetz:0.3.0" och = rubrik"#;
    fixture.edit_district(
        "bromma",
        "Handläggarna var noga med att den sökande måste vara informerad",
        &format!(
            "{}\n\nHandläggarna var noga med att den sökande måste vara informerad",
            hostile.replace('\\', "\\\\").replace('"', "\\\"")
        ),
    );
    fixture.run(&["build"]).assert_ok();
    let text: String = pdf_text(&fixture.pdf("bromma")).split_whitespace().collect::<Vec<_>>().join(" ");
    let expected: String = hostile.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&expected), "the hostile text is not shown literally; PDF text:\n{text}");
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn reports_are_tagged_swedish_and_carry_metadata() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let pdf = fixture.pdf("bromma");
    assert_eq!(pdf_info(&pdf, "Title").as_deref(), Some("Granskning av ekonomiskt bistånd – Bromma"));
    assert_eq!(
        pdf_info(&pdf, "Author").as_deref(),
        Some("Socialtjänst- och arbetsmarknadsförvaltningen, Stockholms stad")
    );
    let keywords = pdf_info(&pdf, "Keywords").unwrap_or_default();
    for k in ["Ekonomiskt bistånd", "Bromma", "3.1-117/2011"] {
        assert!(keywords.contains(k), "keywords {keywords:?} lack {k:?}");
    }
    let doc = lopdf::Document::load(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").ok().and_then(|l| lopdf::decode_text_string(l).ok());
    assert_eq!(lang.as_deref(), Some("sv-SE"));
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "the PDF is not tagged");
}

#[test]
fn unknown_commands_get_a_swedish_usage_error() {
    let fixture = Fixture::example();
    let run = fixture.run(&["bygg"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("okänt kommando `bygg`"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = fixture.run(&["biuld"]);
    assert!(run.stderr.contains("menade du `build`?"), "{}", run.stderr);
}

#[test]
fn a_flag_that_needs_another_says_which_and_why() {
    let fixture = Fixture::example();
    let run = fixture.run(&["build", "--datum", "2026-01-15"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`--datum` är utkastets datum och gäller bara med `--utkast`"), "{}", run.stderr);
    let run = fixture.run(&["watch", "--port", "8000"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`--port` är förhandsvisningens port och gäller bara med `--visa`"), "{}", run.stderr);
    let run = fixture.run(&["watch", "--visa", "--port", "noll"]);
    assert!(run.stderr.contains("`noll` är ingen port"), "{}", run.stderr);
}

#[test]
fn numbers_on_the_command_line_are_explained_in_swedish() {
    let fixture = Fixture::example();
    for (args, said) in [
        (&["build", "--jobb", "abc"][..], "`abc` är inget antal dokument att bygga samtidigt"),
        (&["build", "-j", "99999999999999999999"], "skriv ett heltal från 1 till 256"),
        (&["build", "-j", "0"], "`0` är inget antal"),
        (&["arsrapport", "tjugoelva"], "`tjugoelva` är inget år; skriv året med fyra siffror"),
        (&["new-arsrapport", "99999"], "`99999` är inget år"),
    ] {
        let run = fixture.run(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        for english in ["invalid digit", "too large", "Possible values"] {
            assert!(!run.stderr.contains(english), "{args:?}: {}", run.stderr);
        }
    }
    let help = fixture.run(&["schema", "--hjälp"]);
    assert!(!help.stdout.contains("Possible values"), "{}", help.stdout);
    assert!(help.stdout.contains("granskning, distrikt, projekt (granska.toml) eller arsrapport"), "{}", help.stdout);
}

#[test]
fn a_missing_folder_is_a_swedish_error() {
    let fixture = Fixture::example();
    let run = fixture.run(&["build", "finns-inte"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("finns-inte: fel: mappen eller filen finns inte"), "{}", run.stderr);
}

#[test]
fn a_folder_that_is_no_project_is_a_swedish_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("hittar ingen granska-projektmapp här"), "{}", run.stderr);
}

#[test]
fn help_is_swedish() {
    let run = run_in(std::path::Path::new("."), &["--hjälp"]);
    run.assert_ok();
    for expected in ["Användning:", "Kommandon", "build", "Bygg rapporterna (PDF och webbsida)"] {
        assert!(run.stdout.contains(expected), "{expected:?} missing in:\n{}", run.stdout);
    }
}

#[test]
fn a_single_district_can_be_built_alone() {
    let fixture = Fixture::example();
    let run = fixture.run(&["build", "findings/2011-ekonomiskt-bistand/skarholmen.toml"]);
    run.assert_ok();
    assert!(fixture.pdf("skarholmen").exists());
    assert!(!fixture.pdf("bromma").exists());
}

#[test]
fn a_reader_that_stops_reading_ends_granska_quietly() {
    // `granska build | head -1`, with a reader that is gone at once.
    let fixture = Fixture::example();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_granska"))
        .arg("build")
        .current_dir(fixture.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("internt fel") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn templates_and_expected_outputs_are_checked_out_byte_stable() {
    // `.gitattributes` keeps LF everywhere (Git for Windows would otherwise
    // check out CRLF, and the snapshots and expected errors would differ).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let attributes = std::fs::read_to_string(root.join(".gitattributes")).unwrap();
    assert!(attributes.lines().any(|l| l.trim() == "* text=auto eol=lf"), "{attributes}");
    let mut checked = 0;
    for dir in ["templates", "tests/it/snapshots", "tests/bad-input", "findings", "schema"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file()
                && let Ok(text) = std::fs::read_to_string(entry.path())
            {
                assert!(!text.contains('\r'), "{} has CR line endings", entry.path().display());
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} files checked");
}

#[test]
fn an_unchanged_document_says_its_warnings_again_and_strikt_judges_them() {
    let fixture = Fixture::example();
    fixture.edit_district(
        "bromma",
        "iakttagelser = \"\"\"\n",
        "iakttagelser = \"\"\"\n[^oanvand]: En källa som ingen hänvisar till.\n\n",
    );
    let warning =
        "fotnoten `[^oanvand]` i `kvalitetsomraden.trygghet_och_sakerhet.iakttagelser` används aldrig i texten";
    let first = fixture.run(&["build"]);
    first.assert_ok();
    assert!(first.stderr.contains(&format!("varning: {warning}")), "{}", first.stderr);
    // Nothing changed: Bromma's report is kept, and its warning said again.
    let again = fixture.run(&["build"]);
    again.assert_ok();
    assert!(again.stdout.contains("redan aktuella"), "{}", again.stdout);
    assert!(again.stderr.contains(&format!("varning: {warning}")), "{}", again.stderr);
    assert!(again.stderr.contains("1 varning"), "{}", again.stderr);
    // --strikt counts it as an error, kept document or not.
    let strict = fixture.run(&["build", "--strikt"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains(&format!("fel: {warning}")), "{}", strict.stderr);
}
