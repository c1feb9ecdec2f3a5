//! The generated Typst of every document kind, as snapshots (insta): a
//! change to a template or to the Typst room shows up as a reviewable diff
//! of the source, instead of as exact-string assertions on formatting.
//! After a deliberate change: `INSTA_UPDATE=always cargo test --test it
//! snapshots`, then review the diff of `tests/it/snapshots/`.

use crate::common::Fixture;

fn emitted(fixture: &Fixture, path: &str) -> String {
    std::fs::read_to_string(fixture.file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_typst_of_every_document_kind() {
    let fixture = Fixture::all_examples();
    fixture.run(&["build", "--emit-typst"]).assert_ok();
    fixture.run(&["arsrapport", "2011", "--emit-typst"]).assert_ok();
    for (name, path) in [
        ("distriktsrapport", "output/2011-ekonomiskt-bistand/3-1-117-2011-bromma.typ"),
        ("tjansteutlatande", "output/2011-ekonomiskt-bistand/3-1-117-2011-tjansteutlatande.typ"),
        ("uppfoljning", "output/2014-uppfoljning-ekonomiskt-bistand/3-1-164-2014-skarholmen.typ"),
        ("arsrapport", "output/arsrapport-2011/arsrapport-2011.typ"),
    ] {
        insta::assert_snapshot!(name, emitted(&fixture, path));
    }
}
