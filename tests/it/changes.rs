//! `granska andringar <VERSION>`: the changes in the findings since a
//! version in git, per file and section, each a line with `file:line`; with
//! `--pdf` the same list as a document in `utkast/`. The repository is made
//! here with gix (no git program).

use std::fs;
use std::path::Path;

use gix::objs::Tree;
use gix::objs::tree::{Entry, EntryKind};

use crate::common::{Fixture, REVIEW, flat, pdf_text};

/// Writes the files under `dir` (but `.git`) as a tree.
fn tree_of(repo: &gix::Repository, dir: &Path) -> gix::ObjectId {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == ".git" {
            continue;
        }
        let (mode, oid) = if entry.file_type().unwrap().is_dir() {
            (EntryKind::Tree.into(), tree_of(repo, &entry.path()))
        } else {
            (EntryKind::Blob.into(), repo.write_blob(fs::read(entry.path()).unwrap()).unwrap().detach())
        };
        entries.push(Entry { mode, filename: name.into(), oid });
    }
    entries.sort();
    repo.write_object(&Tree { entries }).unwrap().detach()
}

/// Puts the fixture in a new git repository: everything committed, and
/// tagged `tag`, as an inspector does when the draft goes out.
fn commit_and_tag(fixture: &Fixture, tag: &str) {
    let mut repo = gix::init(fixture.root()).unwrap();
    {
        let mut config = repo.config_snapshot_mut();
        config.set_raw_value("user.name", "Inspektör").unwrap();
        config.set_raw_value("user.email", "inspektor@example.org").unwrap();
    }
    let tree = tree_of(&repo, fixture.root());
    let id = repo.commit("HEAD", "Utkast för faktagranskning", tree, gix::commit::NO_PARENT_IDS).unwrap();
    repo.tag_reference(tag, id, gix::refs::transaction::PreviousValue::Any).unwrap();
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
    assert!(out.contains(&format!("Bromma – {bromma}\n  Kvalitetsområde: Trygghet och säkerhet\n")), "{out}");
    let line = new_line(&bromma, "var mycket noga");
    assert!(
        out.contains(&format!(
            "    {bromma}:{line}: iakttagelser: ”Handläggarna var noga med att…” blev ”Handläggarna var mycket noga med att…”"
        )),
        "{out}"
    );
    let line = new_line(&bromma, "Inför en ny rutin.");
    assert!(
        out.contains(&format!(
            "  Rekommendationer\n    {bromma}:{}: nr 6: ny: ”Inför en ny rutin.; effektivitet”",
            line - 1
        )),
        "{out}"
    );
    let skarholmen = format!("findings/{REVIEW}/skarholmen.toml");
    let line = new_line(&skarholmen, "niva = \"röd\"");
    assert!(out.contains(&format!("{skarholmen}:{line}: niva: ”gul” blev ”röd”")), "{out}");
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
        "Kvalitetsområde: Trygghet och säkerhet",
        "Handläggarna var mycket noga",
        "(fanns inte)",
        "Skärholmen",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    let html = fixture.read("utkast/andringar-sedan-faktagranskning-1.html");
    assert!(html.contains("<th scope=\"row\">iakttagelser</th>"), "{html}");
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
