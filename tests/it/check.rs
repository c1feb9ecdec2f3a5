//! The safety net: `check`, exit codes, partial builds, nothing lost,
//! scaffolds and schemas.

use std::fs;
use std::process::Command;
use std::time::Duration;

use crate::common::{Fixture, REVIEW, flat, pdf_text, run_in};

#[test]
fn check_is_quiet_and_succeeds_on_the_example() {
    let fixture = Fixture::example();
    let run = fixture.run(&["check"]);
    run.assert_ok();
    assert_eq!(run.stdout.trim(), "3 dokument utan fel");
    assert!(!fixture.root().join("output").exists(), "check wrote output");
}

#[test]
fn check_reports_problems_in_every_file_and_exits_1() {
    let fixture = Fixture::example();
    fixture.edit_district("bromma", "niva = \"gul\"", "niva = \"blå\"");
    fixture.edit_district("skarholmen", "urval = 14", "urval = 99");
    let run = fixture.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bromma.toml:") && run.stderr.contains("okänt värde `blå`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("skarholmen.toml:") && run.stderr.contains("urvalet (99) är större än populationen (56)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\n2 fel och 1 varning\n"), "{}", run.stderr);
    // Both reports fail, and so does the memo that lists them.
    assert!(
        run.stderr.trim_end().ends_with(
            "3 dokument med fel: granskningsrapporten för bromma.toml, granskningsrapporten för Skärholmen, tjänsteutlåtandet 3.1-117/2011"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let fixture = Fixture::example();
    assert_eq!(fixture.run(&["check", "--okand-flagga"]).code, 2);
    assert_eq!(fixture.run(&["schema", "rapport"]).code, 2);
}

#[test]
fn build_skips_only_the_district_with_errors() {
    let fixture = Fixture::example();
    fixture.edit_district("bromma", "urval = 10", "urval = 100");
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!fixture.pdf("bromma").exists(), "a PDF was written for a district with errors");
    assert!(fixture.pdf("skarholmen").exists(), "the other district was not built");
    assert!(
        run.stderr
            .contains("byggdes inte: granskningsrapporten för Bromma (findings/2011-ekonomiskt-bistand/bromma.toml)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "1 dokument klart, 2 dokument med fel: granskningsrapporten för Bromma, tjänsteutlåtandet 3.1-117/2011"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_error_in_granskning_toml_stops_its_districts() {
    let fixture = Fixture::example();
    let path = fixture.review_dir().join("granskning.toml");
    let text = fs::read_to_string(&path).unwrap().replace("titel = ", "titl = ");
    fs::write(&path, text).unwrap();
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("okänd nyckel `titl`"), "{}", run.stderr);
    assert!(!fixture.pdf("bromma").exists() && !fixture.pdf("skarholmen").exists());
}

#[test]
fn no_command_modifies_the_findings() {
    let fixture = Fixture::example();
    let before = fixture.snapshot_outside_output();
    for args in
        [&["check"][..], &["build"], &["build", "--emit-typst"], &["build", "--strikt"], &["schema", "distrikt"]]
    {
        // Each command did its work: an early exit would modify nothing too.
        fixture.run(args).assert_ok();
    }
    assert_eq!(fixture.snapshot_outside_output(), before);
    assert!(fixture.pdf("bromma").is_file());
}

#[test]
fn emit_typst_writes_the_generated_source_next_to_the_pdf() {
    let fixture = Fixture::example();
    fixture.run(&["build", "--emit-typst"]).assert_ok();
    let typ = fixture.root().join("output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.typ");
    let source = fs::read_to_string(typ).unwrap();
    assert!(source.contains("#set document("));
    assert!(source.contains("#heading(level: 1, numbering: \"1.1\")[Barnrättsanalys]"), "{source}");
}

/// An edit of Bromma's findings that changes its report.
fn edit_bromma(fixture: &Fixture) {
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
}

/// The example built, then Bromma edited: the project, and Bromma's PDF as
/// it was built before the edit.
fn built_then_edited() -> (Fixture, Vec<u8>) {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let old = fs::read(fixture.pdf("bromma")).unwrap();
    edit_bromma(&fixture);
    (fixture, old)
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_the_previous_pdf_intact() {
    // Two versions of the report: the one on disk, and the one an edit makes.
    let (fixture, old) = built_then_edited();
    let reference = Fixture::example();
    edit_bromma(&reference);
    reference.run(&["build"]).assert_ok();
    let new = fs::read(reference.pdf("bromma")).unwrap();
    assert_ne!(old, new);

    let mut saw_old = false;
    for delay_ms in [0, 5, 10, 20, 40, 60, 80, 100, 130, 160, 200, 250] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_granska"))
            .arg("build")
            .current_dir(fixture.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = fs::read(fixture.pdf("bromma")).unwrap();
        assert!(now == old || now == new, "after a kill at {delay_ms} ms the PDF is neither the old nor the new one");
        saw_old |= now == old;
        if now == new {
            break;
        }
    }
    assert!(saw_old, "no kill landed before the write; the test proved nothing");
    fixture.run(&["build"]).assert_ok();
    assert_eq!(fs::read(fixture.pdf("bromma")).unwrap(), new);
}

#[test]
fn a_crash_between_writing_and_renaming_leaves_the_old_pdf_whole() {
    let (fixture, old) = built_then_edited();
    let name = fixture.pdf("bromma").file_name().unwrap().to_string_lossy().into_owned();
    let crashed = Command::new(env!("CARGO_BIN_EXE_granska"))
        .args(["build", "-j1"])
        .env("GRANSKA_TEST_KRASCH", &name)
        .current_dir(fixture.root())
        .output()
        .unwrap();
    assert!(!crashed.status.success() && crashed.status.code().is_none(), "the run did not die: {crashed:?}");
    // The new PDF was written in full beside the old one, never over it.
    assert_eq!(fs::read(fixture.pdf("bromma")).unwrap(), old);
    let dir = fixture.file(&format!("output/{REVIEW}"));
    let temps: Vec<Vec<u8>> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert_eq!(temps.len(), 1, "one temporary file is left by the crash");
    assert!(temps[0].starts_with(b"%PDF-") && temps[0] != old, "it holds the new PDF");
    fixture.run(&["build"]).assert_ok();
    assert_ne!(fs::read(fixture.pdf("bromma")).unwrap(), old);
}

#[test]
fn the_next_run_removes_a_killed_runs_temporary_files_in_output_and_drafts() {
    // What a killed run leaves: its temporary files, beside the documents
    // and at the top of both folders (older than a run going on now).
    let fixture = Fixture::example();
    let left = [
        format!("output/{REVIEW}/.granska-a1b2c3.tmp"),
        "output/.granska-d4e5f6.tmp".to_owned(),
        format!("utkast/{REVIEW}/.granska-g7h8i9.tmp"),
        "utkast/.granska-j1k2l3.tmp".to_owned(),
    ];
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for file in &left {
        fixture.write(file, "halvskrivet");
        fs::File::options().write(true).open(fixture.file(file)).unwrap().set_modified(an_hour_ago).unwrap();
    }
    // One a run going on right now is writing stays.
    fixture.write(&format!("utkast/{REVIEW}/.granska-pagaende.tmp"), "skrivs nu");
    fixture.run(&["build", "--utkast"]).assert_ok();
    fixture.run(&["build"]).assert_ok();
    for file in &left {
        assert!(!fixture.file(file).exists(), "{file} is left");
    }
    assert!(fixture.file(&format!("utkast/{REVIEW}/.granska-pagaende.tmp")).exists());
}

#[test]
fn new_review_and_district_scaffolds_build_as_drafts_until_filled_in() {
    let fixture = Fixture::empty();
    fixture.run(&["new-granskning", "2026 Hemlöshet"]).assert_ok();
    let run = fixture.run(&["new", "2026-hemloshet", "Södermalm"]);
    run.assert_ok();
    assert!(run.stdout.contains("skapade findings/2026-hemloshet/sodermalm.toml"), "{}", run.stdout);

    // A final report must not contain a TODO …
    let check = fixture.run(&["check"]);
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("fel: `titel` innehåller platshållaren TODO"), "{}", check.stderr);
    let build = fixture.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!fixture.root().join("output/2026-hemloshet").read_dir().map(|mut d| d.next().is_some()).unwrap_or(false));

    // … a draft may: the TODOs are warnings, and nothing else is wrong.
    let draft = fixture.run(&["build", "--utkast"]);
    draft.assert_ok();
    assert!(draft.stderr.contains("varning: `titel` innehåller platshållaren TODO"), "{}", draft.stderr);
    assert!(!draft.stderr.contains(": fel:"), "{}", draft.stderr);
    assert!(fixture.file("utkast/2026-hemloshet/todo-sodermalm-utkast.pdf").is_file());
}

#[test]
fn scaffolds_never_overwrite() {
    let fixture = Fixture::example();
    let before = fixture.snapshot_outside_output();
    let run = fixture.run(&["new", "2011-ekonomiskt-bistand", "Bromma"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("filen finns redan och skrivs inte över"), "{}", run.stderr);
    let run = fixture.run(&["new-granskning", "2011-ekonomiskt-bistand"]);
    assert_eq!(run.code, 1);
    assert_eq!(fixture.snapshot_outside_output(), before);
}

#[test]
fn a_new_district_needs_an_existing_review() {
    let fixture = Fixture::example();
    let run = fixture.run(&["new", "finns-inte", "Norr"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("granskningen finns inte"), "{}", run.stderr);
}

/// A new district of the example with every text written, and what is
/// still `"TODO"` where a count or a level belongs.
fn scaffold_with_texts_written(fixture: &Fixture) -> std::path::PathBuf {
    fixture.run(&["new", "2011-ekonomiskt-bistand", "Älvsjö"]).assert_ok();
    let path = fixture.district("alvsjo");
    let text = fs::read_to_string(&path).unwrap();
    let mut written = String::new();
    for line in text.lines() {
        // A text's TODO is followed by what to write ("TODO: den granskade
        // enheten"), or is the whole text ("TODO" as a diarienummer).
        written.push_str(&match line.split_once("TODO: ") {
            Some(("", _)) => "Klart.".to_owned(),
            Some((before, _)) => format!("{before}Klart.\""),
            None => line.to_owned(),
        });
        written.push('\n');
    }
    fs::write(&path, written).unwrap();
    path
}

#[test]
fn a_scaffold_with_its_counts_and_levels_left_is_never_published() {
    let fixture = Fixture::example();
    let path = scaffold_with_texts_written(&fixture);
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("TODO:"));
    let line_of = |needle: &str| text.lines().position(|l| l.starts_with(needle)).unwrap() + 1;

    // `check` names every placeholder where it stands (the first few in
    // full, the rest by line), like a text's TODO; nothing else is wrong.
    let check = fixture.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    for (needle, key) in [("population = ", "aktgranskning.population"), ("urval = ", "aktgranskning.urval")] {
        let at = format!("findings/{REVIEW}/alvsjo.toml:{}:", line_of(needle));
        let said = format!("fel: `{key}` innehåller platshållaren TODO");
        assert!(
            check.stderr.lines().any(|l| l.starts_with(&at) && l.ends_with(&said)),
            "{at} {said}\n{}",
            check.stderr
        );
    }
    let folded = check.stderr.lines().find(|l| l.contains("platshållare TODO, på rad")).expect("the rest, by line");
    let lines: Vec<usize> =
        folded.rsplit("på rad ").next().unwrap().split(", ").map(|n| n.trim().parse().unwrap()).collect();
    for needle in ["granskade_man = ", "niva = ", "kvinnor = "] {
        assert!(lines.contains(&line_of(needle)), "{needle}: {folded}");
    }
    let errors = check.stderr.lines().filter(|l| l.contains(": fel:"));
    assert!(errors.clone().all(|l| l.contains("platshållare")), "{}", check.stderr);

    // A final build refuses it …
    let build = fixture.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!fixture.pdf("alvsjo").exists());

    // … a draft shows "TODO" where each count and level will stand,
    // highlighted, and no number or level nobody wrote.
    fixture.run(&["build", "--utkast"]).assert_ok();
    let draft = fixture.file(&format!("utkast/{REVIEW}/3-1-117-2011-alvsjo-utkast.pdf"));
    let pdf = flat(&pdf_text(&draft));
    assert!(pdf.contains("Urvalet drogs ur TODO akter. Av TODO utvalda akter granskades TODO"), "{pdf}");
    assert!(!pdf.contains("drogs ur 0 akter"));
    let html = fixture.read(&format!("utkast/{REVIEW}/3-1-117-2011-alvsjo-utkast.html"));
    let page = crate::common::html::Page::parse(&html);
    let marked = |cell: &crate::common::html::El| cell.find(|e| e.name() == "mark" && e.has_class("todo")).len() == 1;
    // The summary table: a level for each area, each one the placeholder.
    let summary = page.find(|e| e.name() == "table" && e.text().contains("Trygghet och säkerhet"));
    let levels: Vec<_> = summary[0].find(|e| e.name() == "span" && e.has_class("niva"));
    assert_eq!(levels.len(), 6, "{}", summary[0].text());
    assert!(levels.iter().all(|cell| cell.text().trim() == "TODO" && marked(cell)));
    // The results: every count and share of every question.
    let results = page.find(|e| e.name() == "td" && e.has_class("tal") && e.text().trim() == "TODO");
    assert!(results.len() >= 5 && results.iter().all(marked), "{}", results.len());
    for level in ["Grön", "Gul", "Röd"] {
        assert!(!levels.iter().any(|cell| cell.text().contains(level)));
    }
}

#[test]
fn a_scaffolded_and_filled_in_district_builds() {
    let fixture = Fixture::example();
    let path = scaffold_with_texts_written(&fixture);
    // Counts that add up, and the levels the inspectors chose.
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("population = \"TODO\"", "population = 40")
        .replace("urval = \"TODO\"", "urval = 20")
        .replace("granskade_kvinnor = \"TODO\"", "granskade_kvinnor = 10")
        .replace("granskade_man = \"TODO\"", "granskade_man = 10")
        .replace("{ ja = \"TODO\", nej = \"TODO\", ej_aktuellt = \"TODO\" }", "{ ja = 6, nej = 3, ej_aktuellt = 1 }")
        .replace("niva = \"TODO\"", "niva = \"gul\"");
    assert!(!text.contains("= \"TODO\""), "{text}");
    fs::write(&path, text).unwrap();
    let run = fixture.run(&["build", "--strikt"]);
    run.assert_ok();
    let text = pdf_text(&fixture.pdf("alvsjo"));
    assert!(text.contains("Älvsjö"));
}

#[test]
fn the_committed_schemas_match_the_code() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for project in [repo.to_owned(), repo.join("examples/solvik")] {
        for kind in ["granskning", "distrikt", "projekt", "arsrapport"] {
            let run = run_in(&project, &["schema", kind]);
            run.assert_ok();
            let committed = fs::read_to_string(project.join(format!("schema/{kind}.schema.json"))).unwrap();
            assert_eq!(
                run.stdout,
                committed,
                "{}/schema/{kind}.schema.json is stale: run `granska schema --skriv` there",
                project.display()
            );
        }
    }
}

fn modified(path: &std::path::Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn an_unchanged_project_is_not_rebuilt() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let before = (modified(&fixture.pdf("bromma")), modified(&fixture.pdf("skarholmen")));
    std::thread::sleep(Duration::from_millis(20));
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert_eq!(run.stdout.trim(), "3 dokument redan aktuella, inget att bygga");
    assert_eq!((modified(&fixture.pdf("bromma")), modified(&fixture.pdf("skarholmen"))), before);
}

#[test]
fn only_the_changed_district_is_rebuilt() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let skarholmen = modified(&fixture.pdf("skarholmen"));
    edit_bromma(&fixture);
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(run.stdout.contains("skrev output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.pdf"), "{}", run.stdout);
    assert!(run.stdout.contains("1 dokument klart, 2 oförändrade"), "{}", run.stdout);
    assert_eq!(modified(&fixture.pdf("skarholmen")), skarholmen);
    assert!(pdf_text(&fixture.pdf("bromma")).contains("mycket noga"));
}

#[test]
fn a_template_or_review_change_rebuilds_every_district() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let style = fs::read_to_string(format!("{}/templates/stil.typ.tera", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(style.contains("luma(238)"));
    fixture.write("templates/stil.typ.tera", &style.replace("luma(238)", "luma(230)"));
    assert!(fixture.run(&["build"]).stdout.contains("3 dokument klara"));
    let review = fixture.review_dir().join("granskning.toml");
    let text = fs::read_to_string(&review).unwrap().replace("period = \"november", "period = \"oktober");
    fs::write(&review, text).unwrap();
    assert!(fixture.run(&["build"]).stdout.contains("3 dokument klara"));
}

#[test]
fn a_deleted_pdf_or_bygg_om_rebuilds() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    fs::remove_file(fixture.pdf("bromma")).unwrap();
    assert!(fixture.run(&["build"]).stdout.contains("1 dokument klart, 2 oförändrade"));
    assert!(fixture.pdf("bromma").exists());
    assert!(fixture.run(&["build", "--bygg-om"]).stdout.contains("3 dokument klara"));
}

#[test]
fn a_district_with_errors_is_rebuilt_once_fixed() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    fixture.edit_district("bromma", "urval = 10", "urval = 100");
    assert_eq!(fixture.run(&["build"]).code, 1);
    fixture.edit_district("bromma", "urval = 100", "urval = 10");
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(run.stdout.contains("1 dokument klart, 2 oförändrade"), "{}", run.stdout);
}

#[test]
fn emit_typst_after_a_normal_build_still_writes_the_source() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    fixture.run(&["build", "--emit-typst"]).assert_ok();
    assert!(fixture.root().join("output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.typ").exists());
}

#[test]
fn an_output_file_edited_by_hand_is_rebuilt_and_the_manifest_stays_true() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let pdf = fixture.pdf("bromma");
    let original = fs::read(&pdf).unwrap();
    // Same size, one byte different: only the hash tells.
    let mut edited = original.clone();
    let middle = edited.len() / 2;
    edited[middle] ^= 0x20;
    fs::write(&pdf, &edited).unwrap();
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(run.stdout.contains("3-1-117-2011-bromma.pdf"), "rebuilt: {}", run.stdout);
    assert_eq!(fs::read(&pdf).unwrap(), original);
    let manifest: serde_json::Value =
        serde_json::from_str(&fixture.read("output/2011-ekonomiskt-bistand/manifest.json")).unwrap();
    let row = manifest["dokument"].as_array().unwrap().iter().find(|r| r["fil"] == "3-1-117-2011-bromma.pdf").unwrap();
    use sha2::Digest;
    let actual = format!("{:x}", sha2::Sha256::digest(&original));
    assert_eq!(row["sha256"], actual.as_str());
}

#[test]
fn scaffolds_never_leave_findings_and_are_valid_toml_whatever_the_name() {
    let fixture = Fixture::example();
    let parent = fixture.root().parent().unwrap().to_owned();
    let before: Vec<_> = fs::read_dir(&parent).unwrap().map(|e| e.unwrap().path()).collect();
    let run = fixture.run(&["new", "../../utanfor", "Namn"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("granskningen ska anges med sin mapps namn i `findings/`"), "{}", run.stderr);
    let after: Vec<_> = fs::read_dir(&parent).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(before, after, "nothing was written beside the project");
    // A review folder name with a path becomes a plain folder in findings/.
    fixture.run(&["new-granskning", "../../2026 ut"]).assert_ok();
    assert!(fixture.file("findings/2026-ut/granskning.toml").is_file());
    // Quotes, backslashes and brackets in a name are text in the file.
    for name in ["Bro\"mma", "Väst\\syd", "Norr ]]\n[x]"] {
        let run = fixture.run(&["new", "2011-ekonomiskt-bistand", name]);
        run.assert_ok();
        let created = run.stdout.lines().next().unwrap().trim_start_matches("skapade ").to_owned();
        let table: toml::Table = fs::read_to_string(fixture.file(&created)).unwrap().parse().expect("valid TOML");
        assert_eq!(table["distrikt"].as_str(), Some(name), "{created}");
    }
}

#[test]
fn a_scaffolded_annual_report_is_refused_until_filled_in_and_then_builds_with_its_memo() {
    let fixture = Fixture::example();
    let run = fixture.run(&["new-arsrapport", "2011"]);
    run.assert_ok();
    assert!(run.stdout.contains("skapade findings/arsrapport-2011.toml"), "{}", run.stdout);
    let again = fixture.run(&["new-arsrapport", "2011"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("filen finns redan och skrivs inte över"), "{}", again.stderr);

    // The TODOs stop the annual report, and its memo with it.
    let check = fixture.run(&["check"]);
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("findings/arsrapport-2011.toml:"), "{}", check.stderr);
    assert!(check.stderr.contains("platshållaren TODO"), "{}", check.stderr);

    let path = fixture.file("findings/arsrapport-2011.toml");
    let text = fs::read_to_string(&path).unwrap().replace("TODO: ", "").replace("\"TODO\"", "\"3.1-45/2012\"");
    fs::write(&path, text).unwrap();
    fixture.run(&["build", "--strikt"]).assert_ok();
    let annual = flat(&pdf_text(&fixture.file("output/arsrapport-2011/arsrapport-2011.pdf")));
    for chapter in
        ["1 Inledning", "2 Årets granskningar", "3 Kvalitetsnivåer", "4 Kvalitetsområden", "7 Planering för 2012"]
    {
        assert!(annual.contains(chapter), "{chapter}: {annual}");
    }
    let memo = flat(&pdf_text(&fixture.file("output/arsrapport-2011/3-1-45-2012-tjansteutlatande.pdf")));
    assert!(memo.contains("Bilaga 1 Årsrapport 2011"), "{memo}");
    // Ärendet takes the areas from the reviews.
    assert!(memo.contains("Ärendet") && memo.contains("Trygghet och säkerhet"), "{memo}");
}

#[test]
fn a_name_without_letters_or_digits_is_refused() {
    for name in ["", "   ", "!!!"] {
        let fixture = Fixture::empty();
        let run = fixture.run(&["new-granskning", name]);
        assert_eq!(run.code, 1, "{name:?}");
        assert!(run.stderr.contains("behöver minst en bokstav eller siffra"), "{name:?}: {}", run.stderr);
        let made: Vec<_> = fs::read_dir(fixture.file("findings")).unwrap().collect();
        assert!(made.is_empty(), "{name:?} made {made:?}");
    }
    let fixture = Fixture::example();
    let run = fixture.run(&["new", REVIEW, ""]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("behöver minst en bokstav eller siffra"), "{}", run.stderr);
}

#[test]
fn a_file_that_is_no_district_file_says_what_the_build_takes() {
    let fixture = Fixture::all_examples();
    let run = fixture.run(&["build", &format!("findings/{REVIEW}/granskning.toml")]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains(&format!("granskning.toml gäller hela granskningen: tar med alla distrikt i findings/{REVIEW}")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("3-1-117-2011-bromma.pdf") && run.stdout.contains("3-1-117-2011-skarholmen.pdf"));
    let run = fixture.run(&["build", "granska.toml"]);
    run.assert_ok();
    assert!(run.stdout.contains("granska.toml gäller hela projektet: tar med alla granskningar"), "{}", run.stdout);
    assert!(run.stdout.contains("3-1-164-2014-bromma.pdf"), "{}", run.stdout);
}

#[test]
fn an_error_in_a_review_file_is_not_also_called_a_stale_schema() {
    let fixture = Fixture::example();
    fixture.run(&["schema", "--skriv"]).assert_ok();
    let review = format!("findings/{REVIEW}/granskning.toml");
    let text = fixture.read(&review);
    fixture.write(&review, &text.replacen("titel = ", "titel = 1 #", 1));
    let run = fixture.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{review}:")), "{}", run.stderr);
    assert!(!run.stderr.contains("schemat stämmer inte"), "{}", run.stderr);
    // A stale schema is still said when the files are right.
    fixture.write(&review, &text);
    let schema = fixture.read("schema/granskning.schema.json");
    fixture.write("schema/granskning.schema.json", &schema.replacen("Rapportens titel", "Titel", 1));
    let run = fixture.run(&["check"]);
    assert!(run.stderr.contains("schemat stämmer inte"), "{}", run.stderr);
}
