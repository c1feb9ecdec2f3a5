//! `granska andringar <VERSION>`: the changes in the findings since a
//! version in git, per file and section, each a line with `file:line`; with
//! `--pdf` the same list as a document in `utkast/`. The repository is made
//! here with the `git` program, as granska reads it.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{Fixture, REVIEW, flat, pdf_text};

/// Runs `git` in `dir` with a fixed identity and no user configuration.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Inspektör", "-c", "user.email=inspektor@example.org", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Puts the fixture in a new git repository: everything committed, and
/// tagged `tag`, as an inspector does when the draft goes out.
fn commit_and_tag(fixture: &Fixture, tag: &str) {
    git(fixture.root(), &["init", "-q"]);
    git(fixture.root(), &["add", "-A"]);
    git(fixture.root(), &["commit", "-q", "-m", "Utkast för faktagranskning"]);
    git(fixture.root(), &["tag", tag]);
}

#[test]
fn every_change_since_the_tag_is_listed_by_section_at_its_line() {
    let fixture = Fixture::example();
    commit_and_tag(&fixture, "faktagranskning-1");
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
    fixture.edit_district("skarholmen", "niva = \"gul\"", "niva = \"röd\"");
    let bromma = format!("findings/{REVIEW}/bromma.toml");
    let text = fixture.read(&bromma);
    fixture.write(
        &bromma,
        &format!("{text}\n[[rekommendation]]\ntext = \"Inför en ny rutin.\"\nkvalitetsomrade = \"effektivitet\"\n"),
    );
    let new_line = |file: &str, needle: &str| fixture.read(file).lines().position(|l| l.contains(needle)).unwrap() + 1;

    let run = fixture.run(&["andringar", "faktagranskning-1"]);
    run.assert_ok();
    let out = &run.stdout;
    assert!(out.starts_with("Ändringar sedan faktagranskning-1 (commit "), "{out}");
    assert!(out.contains("3 ändringar i 2 filer"), "{out}");
    assert!(out.contains(&format!("Bromma – {bromma}\n  Trygghet och säkerhet\n")), "{out}");
    let line = new_line(&bromma, "var mycket noga");
    assert!(
        out.contains(&format!(
            "    {bromma}:{line}: Iakttagelser: ”Handläggarna var noga med att…” → ”Handläggarna var mycket noga med att…”"
        )),
        "{out}"
    );
    let line = new_line(&bromma, "Inför en ny rutin.");
    assert!(
        out.contains(&format!(
            "  Rekommendationer\n    {bromma}:{}: Rekommendation 6, ny: ”Inför en ny rutin.; effektivitet”",
            line - 1
        )),
        "{out}"
    );
    let skarholmen = format!("findings/{REVIEW}/skarholmen.toml");
    let line = new_line(&skarholmen, "niva = \"röd\"");
    assert!(out.contains(&format!("{skarholmen}:{line}: Nivå: gul → röd")), "{out}");
    assert!(!out.contains("granskning.toml"), "unchanged files are not listed: {out}");
    assert!(!fixture.file("utkast").exists(), "nothing written without --pdf");

    // The record of the round, as a document.
    let pdf = fixture.run(&["andringar", "faktagranskning-1", "--pdf"]);
    pdf.assert_ok();
    assert!(
        pdf.stdout.contains(
            "skrev utkast/andringar-sedan-faktagranskning-1.pdf (1 sida) och andringar-sedan-faktagranskning-1.html"
        ),
        "{}",
        pdf.stdout
    );
    let text = flat(&pdf_text(&fixture.file("utkast/andringar-sedan-faktagranskning-1.pdf")));
    for expected in [
        "Ändringar sedan faktagranskning-1",
        "Trygghet och säkerhet",
        "Handläggarna var mycket noga",
        "Rekommendation 6, ny",
        "(fanns inte)",
        "Skärholmen",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    let html = fixture.read("utkast/andringar-sedan-faktagranskning-1.html");
    assert!(html.contains("<th scope=\"row\">Iakttagelser</th>"), "{html}");
}

#[test]
fn new_and_removed_files_and_an_unchanged_project() {
    let fixture = Fixture::example();
    commit_and_tag(&fixture, "v1");
    let same = fixture.run(&["andringar", "v1"]);
    same.assert_ok();
    assert!(same.stdout.contains("inga ändringar"), "{}", same.stdout);
    fs::remove_file(fixture.district("skarholmen")).unwrap();
    fixture.run(&["new", REVIEW, "Älvsjö"]).assert_ok();
    let run = fixture.run(&["andringar", "v1"]);
    run.assert_ok();
    assert!(run.stdout.contains(&format!("findings/{REVIEW}/alvsjo.toml:1: ny fil")), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("findings/{REVIEW}/skarholmen.toml: borttagen (fanns i v1)")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_crlf_checkout_is_no_change_and_a_real_edit_in_it_is_one() {
    // Git for Windows checks files out with CRLF; the version in git has LF.
    let fixture = Fixture::example();
    commit_and_tag(&fixture, "v1");
    for name in ["bromma", "skarholmen"] {
        let path = fixture.district(name);
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains('\r'));
        fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    }
    let run = fixture.run(&["andringar", "v1"]);
    run.assert_ok();
    assert!(run.stdout.contains("inga ändringar"), "{}", run.stdout);
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
    let run = fixture.run(&["andringar", "v1"]);
    run.assert_ok();
    assert!(run.stdout.contains("bromma.toml:"), "{}", run.stdout);
    assert!(!run.stdout.contains("skarholmen.toml"), "{}", run.stdout);
    assert_eq!(run.stdout.matches("mycket").count(), 1, "{}", run.stdout);
}

#[test]
fn an_unknown_version_or_no_repository_is_a_clear_error() {
    let fixture = Fixture::example();
    let none = fixture.run(&["andringar", "v1"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("granska andringar: fel: projektet ligger inte i ett git-arkiv"), "{}", none.stderr);
    commit_and_tag(&fixture, "v1");
    let unknown = fixture.run(&["andringar", "v2"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("det finns ingen version `v2` i git-arkivet"), "{}", unknown.stderr);
    assert!(unknown.stderr.contains("`git tag` listar taggarna"), "{}", unknown.stderr);
}

#[test]
fn an_inserted_recommendation_is_new_and_a_count_is_named_by_question_and_sex() {
    let fixture = Fixture::example();
    commit_and_tag(&fixture, "v1");
    let bromma = format!("findings/{REVIEW}/bromma.toml");
    let text = fixture.read(&bromma);
    // A recommendation inserted before the second, and one count changed.
    let second = "[[rekommendation]]\ntext = \"Uppföljning och utvärdering";
    let text =
        text.replacen(second, &format!("[[rekommendation]]\ntext = \"En ny rutin för hembesök.\"\n\n{second}"), 1);
    let text = text.replacen("kvinnor = { ja = 4, nej = 0", "kvinnor = { ja = 3, nej = 1", 1);
    fixture.write(&bromma, &text);
    let run = fixture.run(&["andringar", "v1"]);
    run.assert_ok();
    let out = &run.stdout;
    assert!(out.contains("Rekommendation 2, ny: ”En ny rutin för hembesök.”"), "{out}");
    // The later recommendations moved down a place but did not change.
    for later in ["Rekommendation 3", "Rekommendation 4", "Rekommendation 5", "Rekommendation 6"] {
        assert!(!out.contains(later), "{later} reported as changed:\n{out}");
    }
    // The count is on the line after its question.
    let line =
        fixture.read(&bromma).lines().position(|l| l.contains("fraga = \"arbetsplan_undertecknad\"")).unwrap() + 2;
    assert!(out.contains(&format!("Aktgranskning\n    {bromma}:{line}: Fråga 2, kvinnor: ja 4 → 3")), "{out}");
    assert!(out.contains("Fråga 2, kvinnor: nej 0 → 1"), "{out}");
    assert!(!out.contains("nr ") && !out.contains(" › ") && !out.contains("kvalitetsomraden"), "{out}");
}

#[test]
fn an_escape_byte_in_a_version_name_is_shown_not_sent() {
    let fixture = Fixture::example();
    commit_and_tag(&fixture, "v1");
    let run = fixture.run(&["andringar", "v\u{1b}[2J"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains('\u{1b}') && !run.stdout.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("v\u{241b}[2J"), "{}", run.stderr);
}

#[test]
fn a_personnummer_in_the_earlier_version_is_masked_and_its_place_named() {
    let fixture = Fixture::example();
    let bromma = format!("findings/{REVIEW}/bromma.toml");
    // Written by mistake before the draft went out, taken out after.
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna (640823-3234) var noga");
    let line = fixture.read(&bromma).lines().position(|l| l.contains("640823-3234")).unwrap() + 1;
    commit_and_tag(&fixture, "v1");
    git(fixture.root(), &["commit", "-q", "--allow-empty", "-m", "Rättat ärende 19640823-3234"]);
    git(fixture.root(), &["tag", "v2"]);
    fixture.edit_district("bromma", "Handläggarna (640823-3234) var noga", "Handläggarna var noga");

    let run = fixture.run(&["andringar", "v1", "--pdf"]);
    run.assert_ok();
    assert!(!run.stdout.contains("3234"), "{}", run.stdout);
    assert!(
        run.stdout.contains("”Handläggarna (ÅÅMMDD-XXXX) var noga med…” → ”Handläggarna var noga med…”"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!("v1:{bromma}:{line}:"))
            && run.stderr.contains("versionen `v1` har ett personnummer här; listan visar det som ÅÅMMDD-XXXX"),
        "{}",
        run.stderr
    );
    let pdf = fixture.file("utkast/andringar-sedan-v1.pdf");
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("ÅÅMMDD-XXXX") && !text.contains("3234"), "{text}");

    // The commit message of the version compared against.
    let run = fixture.run(&["andringar", "v2", "--pdf"]);
    run.assert_ok();
    assert!(run.stderr.contains("commit-meddelandet för versionen"), "{}", run.stderr);
    let text = flat(&pdf_text(&fixture.file("utkast/andringar-sedan-v2.pdf")));
    assert!(text.contains("Rättat ärende ÅÅMMDD-XXXX") && !text.contains("3234"), "{text}");
}

#[test]
fn a_personnummer_written_since_the_version_is_an_error_at_its_place_now() {
    let fixture = Fixture::example();
    commit_and_tag(&fixture, "v1");
    let bromma = format!("findings/{REVIEW}/bromma.toml");
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna (640823-3234) var noga");
    let text = fixture.read(&bromma);
    let line = text.lines().position(|l| l.contains("640823-3234")).unwrap();
    let column = text.lines().nth(line).unwrap().split("640823").next().unwrap().chars().count() + 1;
    let run = fixture.run(&["andringar", "v1", "--pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{bromma}:{}:{column}: fel: dokumentet skulle visa ett personnummer som står här",
            line + 1
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("mall"), "{}", run.stderr);
    assert!(!fixture.file("utkast/andringar-sedan-v1.pdf").exists());
}

#[test]
fn a_file_over_the_size_limit_in_the_history_is_refused_before_it_is_read() {
    let fixture = Fixture::example();
    let big = format!("findings/{REVIEW}/stor.toml");
    fixture.write(&big, &format!("distrikt = \"Stor\"\n# {}\n", "x".repeat(2 * 1024 * 1024)));
    commit_and_tag(&fixture, "v1");
    fs::remove_file(fixture.file(&big)).unwrap();
    let run = fixture.run(&["andringar", "v1"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains(&format!("{big} är större än 1 MB i versionen `v1`")), "{}", run.stderr);
}
