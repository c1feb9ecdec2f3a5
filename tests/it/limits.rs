//! The last guard on resources: a document that needs more memory than any
//! report could (Typst code in a project's template, which no input limit
//! foresees) stops the run with a Swedish error, never an abort, and
//! leaves the earlier report in place. The limit is lowered for the test
//! (a debug-only variable), so it runs in seconds.

use std::process::Command;

use crate::common::Fixture;

#[cfg(target_os = "linux")]
#[test]
fn typst_code_that_eats_memory_is_stopped_with_a_swedish_error() {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    let before = std::fs::read(fixture.pdf("bromma")).unwrap();
    fixture.write(
        "templates/rapport.typ.tera",
        "{% include \"stil.typ.tera\" %}\n#set document(title: \"Rapport\")\n= Rapport\n#let a = range(100000000)\n#a.len()\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_granska"))
        .args(["build", "findings/2011-ekonomiskt-bistand/bromma.toml"])
        .current_dir(fixture.root())
        .env("GRANSKA_TEST_MINNE_MB", "400")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("granska: fel: bygget använde mer än 400 MiB minne och avbröts"), "{stderr}");
    assert!(stderr.contains("templates/"), "{stderr}");
    assert_eq!(std::fs::read(fixture.pdf("bromma")).unwrap(), before, "the earlier report is untouched");
}
