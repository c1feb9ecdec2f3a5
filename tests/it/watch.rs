//! `granska watch`: rebuilds on save, only what changed, and survives errors.
//! The tests wait for what watch prints, never for a fixed time.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crate::common::{Fixture, pdf_text};

pub struct Watch {
    pub child: Child,
    lines: Receiver<String>,
}

impl Watch {
    fn start(fixture: &Fixture) -> Watch {
        Watch::start_with(fixture, &[])
    }

    /// Starts `granska watch` with `args` in the fixture's project.
    pub fn start_with(fixture: &Fixture, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_granska"))
            .arg("watch")
            .args(args)
            .current_dir(fixture.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Watch { child, lines }
    }

    /// Starts watching the example project and waits until its first build
    /// is done; the watcher is running before that build starts, so any
    /// edit from then on is seen.
    fn ready(fixture: &Fixture) -> Watch {
        let watch = Watch::start(fixture);
        watch.expect(&["3 dokument klara", "bevakar"]);
        watch
    }

    /// Waits until lines containing each of `needles` have been seen
    /// (stdout and stderr interleave in any order); returns every line seen.
    pub fn expect(&self, needles: &[&str]) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        while !needles.iter().all(|n| seen.iter().any(|l| l.contains(n))) {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => seen.push(line),
                Err(_) => panic!("not all of {needles:?} seen; saw:\n{}", seen.join("\n")),
            }
        }
        seen
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_the_saved_district_and_keeps_going_after_errors() {
    let fixture = Fixture::example();
    let watch = Watch::ready(&fixture);

    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
    let lines = watch
        .expect(&["1 dokument klart, 2 oförändrade", "skrev output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.pdf"]);
    let status = lines.iter().find(|l| l.contains("1 dokument klart")).unwrap();
    assert!(status.ends_with(" ms)") || status.ends_with(" s)"), "the status line lacks the time: {status:?}");
    assert!(pdf_text(&fixture.pdf("bromma")).contains("mycket noga"));
    let html = std::fs::read_to_string(fixture.pdf("bromma").with_extension("html")).unwrap();
    assert!(html.contains("Handläggarna var mycket noga"), "the web edition was not rebuilt");

    fixture.edit_district("bromma", "urval = 10", "urval = 100");
    watch.expect(&["väntar på nästa ändring", "urvalet (100) är större än populationen (40)"]);

    fixture.edit_district("bromma", "urval = 100", "urval = 10");
    watch.expect(&["1 dokument klart, 2 oförändrade"]);
}

#[test]
fn watch_reloads_changed_templates() {
    let fixture = Fixture::example();
    let watch = Watch::ready(&fixture);
    let report = std::fs::read_to_string(format!("{}/templates/rapport.typ.tera", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let changed = report.replace("[{{ ord.innehall }}]", "[Innehåll enligt ny mall]");
    assert_ne!(changed, report, "the template names the contents");
    fixture.write("templates/rapport.typ.tera", &changed);
    watch.expect(&["3 dokument klara"]);
    assert!(pdf_text(&fixture.pdf("skarholmen")).contains("Innehåll enligt ny mall"));
}

#[test]
fn a_rebuild_in_watch_gives_the_bytes_of_a_fresh_build() {
    let fixture = Fixture::example();
    let watch = Watch::ready(&fixture);
    // Edits that add markup (an escaped bracket, emphasis) before much of
    // the document: watch reparses them as edits of the previous source.
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var (enligt [1]) *mycket* noga");
    watch.expect(&["1 dokument klart, 2 oförändrade"]);
    fixture.edit_district("bromma", "(enligt [1]) *mycket*", "_särskilt_ #noga och");
    watch.expect(&["1 dokument klart, 2 oförändrade"]);
    drop(watch);

    let rebuilt = std::fs::read(fixture.pdf("bromma")).unwrap();
    let words = pdf_text(&fixture.pdf("bromma")).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("var särskilt #noga och noga"), "the second edit is not in the PDF");
    fixture.run(&["build", "--bygg-om"]).assert_ok();
    assert!(std::fs::read(fixture.pdf("bromma")).unwrap() == rebuilt, "watch and a fresh build differ");
}

#[test]
fn watch_recovers_after_an_error_in_granska_toml() {
    let fixture = Fixture::example();
    let watch = Watch::ready(&fixture);
    fixture.write("granska.toml", "[stil]\naccentfarg = \"blå\"\n");
    watch.expect(&["`blå` är ingen färg", "fel i mallarna eller granska.toml; väntar på nästa ändring"]);
    fixture.write("granska.toml", "[stil]\naccentfarg = \"#006633\"\n");
    // A new colour changes every document.
    watch.expect(&["3 dokument klara"]);
}

#[test]
fn watch_builds_a_new_district_and_its_memo() {
    let fixture = Fixture::example();
    let watch = Watch::ready(&fixture);
    let bromma = std::fs::read_to_string(fixture.district("bromma")).unwrap();
    std::fs::write(fixture.district("norr"), bromma.replace("distrikt = \"Bromma\"", "distrikt = \"Norr\"")).unwrap();
    // The new report, and the memo that now lists it.
    watch.expect(&["skrev output/2011-ekonomiskt-bistand/3-1-117-2011-norr.pdf", "2 dokument klara, 2 oförändrade"]);
    let memo = fixture.root().join("output/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.pdf");
    assert!(pdf_text(&memo).contains("3-1-117-2011-norr.pdf"));
}

#[test]
fn watch_rebuilds_when_the_logo_changes() {
    let fixture = Fixture::example();
    let logo = |fill: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="{fill}"/></svg>"#
        )
    };
    fixture.write("bilder/logotyp.svg", &logo("#006633"));
    fixture.write("granska.toml", "[organisation]\nnamn = \"Tyresö kommun\"\nlogotyp = \"bilder/logotyp.svg\"\n");
    let watch = Watch::ready(&fixture);
    let before = std::fs::read(fixture.pdf("bromma")).unwrap();
    let web = || std::fs::read_to_string(fixture.pdf("bromma").with_extension("html")).unwrap();
    let web_before = web();
    fixture.write("bilder/logotyp.svg", &logo("#990000"));
    watch.expect(&["3 dokument klara"]);
    assert_ne!(std::fs::read(fixture.pdf("bromma")).unwrap(), before, "the report kept the old logo");
    assert_ne!(web(), web_before, "the web edition kept the old logo");
    // A logo that is no picture is said, as `build` says it.
    fixture.write("bilder/logotyp.svg", "ingen bild");
    watch.expect(&["bilder/logotyp.svg", "väntar på nästa ändring"]);
}

#[test]
fn watch_can_look_for_changes_by_polling() {
    let fixture = Fixture::example();
    let watch = Watch::start_with(&fixture, &["--polla"]);
    watch.expect(&["3 dokument klara", "bevakar"]);
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
    watch.expect(&["1 dokument klart, 2 oförändrade"]);
    assert!(pdf_text(&fixture.pdf("bromma")).contains("mycket noga"));
}
