//! Documents as the unit: `check` and `build` agree on every error, a
//! failure is loud (a panic fails its document and the run), impossible
//! counts are errors, one review folder can be built alone, and fonts come
//! from the project's `fonts/`.

use std::fs;
use std::process::Command;

use crate::common::{Fixture, REVIEW, pdf_text};

#[test]
fn check_typesets_the_memo_so_it_agrees_with_build_on_a_broken_memo_template() {
    let fixture = Fixture::example();
    fixture.write("templates/tjansteutlatande.typ.tera", "{% include \"stil.typ.tera\" %}\n#okand-funktion()\n");
    let check = fixture.run(&["check"]);
    let build = fixture.run(&["build"]);
    for run in [&check, &build] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("fel: Typst: namnet `okand-funktion` finns inte i Typst"), "{}", run.stderr);
        assert!(run.stderr.contains("1 dokument med fel: tjänsteutlåtandet 3.1-117/2011"), "{}", run.stderr);
    }
    // The reports themselves were fine, and were built.
    assert!(fixture.pdf("bromma").exists() && fixture.pdf("skarholmen").exists());
}

#[test]
fn a_panic_while_making_a_document_fails_it_and_the_run() {
    let fixture = Fixture::example();
    let output = Command::new(env!("CARGO_BIN_EXE_granska"))
        .arg("build")
        .env("GRANSKA_TEST_PANIK", "bromma")
        .current_dir(fixture.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("fel: internt fel i granska: granskningsrapporten för Bromma avbröts (testpanik i bromma)"),
        "{stderr}"
    );
    assert!(stderr.contains("byggdes inte: granskningsrapporten för Bromma"), "{stderr}");
    // The other district is not lost with it.
    assert!(fixture.pdf("skarholmen").exists());
    assert!(!fixture.pdf("bromma").exists());
}

#[test]
fn counts_that_would_overflow_are_located_errors_in_check_and_build() {
    let fixture = Fixture::example();
    fixture.edit_district("bromma", "granskade_kvinnor = 4", "granskade_kvinnor = 4294967295");
    for command in ["check", "build"] {
        let run = fixture.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(": fel: `granskade_kvinnor` = 4294967295 är orimligt många akter"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert!(!fixture.pdf("bromma").exists());
}

#[test]
fn one_review_folder_is_built_alone() {
    let fixture = Fixture::all_examples();
    let run = fixture.run(&["build", &format!("findings/{REVIEW}")]);
    run.assert_ok();
    assert!(run.stdout.trim_end().ends_with("3 dokument klara"), "{}", run.stdout);
    assert!(fixture.pdf("bromma").exists());
    assert!(!fixture.root().join("output/2014-uppfoljning-ekonomiskt-bistand").exists());
}

/// DejaVu Sans Mono under another family name: a font no build has unless
/// the project brings it.
fn project_font() -> Vec<u8> {
    let original = typst_assets::fonts()
        .find(|font| font.windows(14).any(|w| w == b"DejaVuSansMono") && font.len() > 300_000)
        .expect("an embedded DejaVu Sans Mono");
    let (from, to) = ("DejaVu Sans Mono", "Granska Provfont");
    let utf16 = |s: &str| s.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>();
    let mut font = original.to_vec();
    for (old, new) in [(from.as_bytes().to_vec(), to.as_bytes().to_vec()), (utf16(from), utf16(to))] {
        let mut at = 0;
        while let Some(pos) = font[at..].windows(old.len()).position(|w| w == old.as_slice()) {
            font[at + pos..at + pos + old.len()].copy_from_slice(&new);
            at += pos + old.len();
        }
    }
    font
}

#[test]
fn fonts_come_from_the_projects_fonts_folder() {
    let fixture = Fixture::example();
    fixture.write("granska.toml", "[stil]\nrubriker = \"Granska Provfont\"\n");
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("typsnittet `Granska Provfont` finns inte"), "{}", run.stderr);

    fs::create_dir_all(fixture.file("fonts")).unwrap();
    fs::write(fixture.file("fonts/provfont.ttf"), project_font()).unwrap();
    fixture.run(&["build"]).assert_ok();
    let doc = lopdf::Document::load(fixture.pdf("bromma")).unwrap();
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"BaseFont").ok()?.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned()))
        .collect();
    assert!(fonts.iter().any(|f| f.contains("DejaVuSansMono")), "the heading font is not the project's: {fonts:?}");
    assert!(pdf_text(&fixture.pdf("bromma")).contains("Bromma"));
}
