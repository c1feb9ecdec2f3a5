//! The personal-data guard end to end, where a bad-input case cannot show
//! it: in a follow-up, the earlier review's texts are printed, so a number
//! there stops the follow-up even when only the follow-up is built.

use crate::common::{Fixture, REVIEW};

#[test]
fn a_number_in_the_earlier_review_stops_the_follow_up() {
    let fixture = Fixture::all_examples();
    let earlier = "findings/2011-ekonomiskt-bistand/granskning.toml";
    let text = fixture.read(earlier);
    let title = text.lines().find(|l| l.starts_with("titel = ")).unwrap().to_owned();
    fixture.write(
        earlier,
        &text.replacen(&title, "titel = \"Granskning av ekonomiskt bistånd, ärende 811218\u{2013}9876\"", 1),
    );
    let run = fixture.run(&["build", "findings/2014-uppfoljning-ekonomiskt-bistand"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = fixture.read(earlier).lines().position(|l| l.contains("811218")).unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("{earlier}:{line}:"))
            && run.stderr.contains("`titel` innehåller ett personnummer"),
        "{}",
        run.stderr
    );
    let out = fixture.file("output/2014-uppfoljning-ekonomiskt-bistand");
    assert!(
        !out.exists()
            || std::fs::read_dir(&out).unwrap().all(|e| !e.unwrap().path().to_string_lossy().ends_with(".pdf"))
    );
}

#[cfg(unix)]
#[test]
fn no_write_goes_through_a_link_inside_the_project() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("3-1-117-2011-bromma-utkast.pdf");
    std::fs::write(&victim, "utanför").unwrap();
    let untouched = |what: &str| {
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "utanför", "{what} wrote outside the project");
        let names: Vec<_> = std::fs::read_dir(outside.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{what} created {names:?} outside the project");
    };

    // A draft folder of a review that links out.
    let fixture = Fixture::example();
    std::fs::create_dir_all(fixture.file("utkast")).unwrap();
    symlink(outside.path(), fixture.file(&format!("utkast/{REVIEW}"))).unwrap();
    let run = fixture.run(&["build", "--utkast"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "utkast/{REVIEW}: fel: mappen är en symbolisk länk; granska skriver inte genom länkar inuti projektet"
        )),
        "{}",
        run.stderr
    );
    untouched("build --utkast");

    // The schema folder links out.
    let fixture = Fixture::example();
    symlink(outside.path(), fixture.file("schema")).unwrap();
    let run = fixture.run(&["schema", "--skriv"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("schema: fel: mappen är en symbolisk länk"), "{}", run.stderr);
    untouched("schema --skriv");

    // A review folder under findings/ links out (to a review elsewhere).
    let fixture = Fixture::example();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(fixture.review_dir().join("granskning.toml"), elsewhere.path().join("granskning.toml")).unwrap();
    symlink(elsewhere.path(), fixture.file("findings/extern")).unwrap();
    let run = fixture.run(&["new", "extern", "Bromma"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("findings/extern: fel: mappen är en symbolisk länk"), "{}", run.stderr);
    assert!(!elsewhere.path().join("bromma.toml").exists(), "new wrote outside the project");
    untouched("new");

    // The whole output/ may be a link made on purpose (the secretariat's share).
    let share = tempfile::tempdir().unwrap();
    let fixture = Fixture::example();
    symlink(share.path(), fixture.file("output")).unwrap();
    fixture.run(&["build"]).assert_ok();
    assert!(share.path().join(REVIEW).join("3-1-117-2011-bromma.pdf").is_file());
}

#[test]
fn a_template_that_adds_a_script_or_prints_text_unescaped_publishes_nothing() {
    let page = std::fs::read_to_string(format!("{}/templates/sida.html.tera", env!("CARGO_MANIFEST_DIR"))).unwrap();
    // A template override with a script from a CDN.
    let fixture = Fixture::example();
    let with_script = page.replacen("</head>", "<script src=\"https://cdn.example/analys.js\"></script>\n</head>", 1);
    assert_ne!(with_script, page);
    fixture.write("templates/sida.html.tera", &with_script);
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("webbsidan från mallen skulle innehålla ett `<script>`-element; den publiceras inte"),
        "{}",
        run.stderr
    );
    let published: Vec<_> = walkdir::WalkDir::new(fixture.file("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html" || x == "pdf"))
        .map(|e| e.path().to_owned())
        .collect();
    assert!(published.is_empty(), "published {published:?}");

    // An override that prints the district's name with `| safe`: what an
    // inspector types becomes markup, and an iframe in it is refused.
    let fixture = Fixture::example();
    let unescaped = page.replacen("<body>", "<body>{{ dokument.titel | safe }}", 1);
    assert_ne!(unescaped, page);
    fixture.write("templates/sida.html.tera", &unescaped);
    fixture.edit_district("bromma", "distrikt = \"Bromma\"", "distrikt = \"Bromma<iframe src=x></iframe>\"");
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("ett `<iframe>`-element"), "{}", run.stderr);
}

#[test]
fn the_index_lists_only_what_this_projects_builds_vouch_for_and_passes_the_guard() {
    let fixture = Fixture::all_examples();
    fixture.run(&["build"]).assert_ok();
    let out = format!("output/{REVIEW}");
    let state_file = format!("{out}/.granska-state.json");
    let state = fixture.read(&state_file);
    let index = || fixture.read("output/index.html");
    assert!(index().contains("Bromma"), "{}", index());

    // A folder copied in from elsewhere, its state naming a personnummer.
    let foreign = "output/2010-annan";
    std::fs::create_dir_all(fixture.file(foreign)).unwrap();
    for entry in std::fs::read_dir(fixture.file(&out)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), fixture.file(foreign).join(entry.file_name())).unwrap();
    }
    fixture.write(&format!("{foreign}/.granska-state.json"), &state.replace("Bromma", "Bromma 640823-3234"));
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(run.stderr.contains("output/2010-annan: varning: mappen hör inte till någon granskning"), "{}", run.stderr);
    assert!(!index().contains("3234") && !index().contains("2010-annan"), "{}", index());
    std::fs::remove_dir_all(fixture.file(foreign)).unwrap();

    // A document whose file was changed since its build is not vouched
    // for (a build of another review writes the index without rebuilding it).
    let pdf = fixture.pdf("bromma");
    let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
    assert!(index().contains(&name));
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"\n%extra");
    std::fs::write(&pdf, &bytes).unwrap();
    fixture.run(&["build", "findings/2014-uppfoljning-ekonomiskt-bistand"]).assert_ok();
    assert!(!index().contains(&name), "{}", index());
    fixture.run(&["build"]).assert_ok();
    assert!(index().contains(&name), "{}", index());

    // The project's own state, edited by hand to carry a number.
    let state = fixture.read(&state_file);
    fixture.write(&state_file, &state.replacen("\"Bromma\"", "\"Bromma 640823-3234\"", 1));
    let run = fixture.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("output/index.html: fel: index.html skulle visa ett personnummer"), "{}", run.stderr);
    assert!(!fixture.file("output/index.html").exists());
}
