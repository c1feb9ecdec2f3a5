//! The personal-data guard end to end, where a bad-input case cannot show
//! it: in a follow-up, the earlier review's texts are printed, so a number
//! there stops the follow-up even when only the follow-up is built.

use crate::common::Fixture;

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
