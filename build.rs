//! Generates one test per bad-input case (`tests/bad-input/<case>/`), named
//! after its folder, so that a single case can be run on its own:
//! `cargo test --test it bad_input::case_20_rating_unknown`.

use std::fmt::Write;

fn main() {
    let corpus = std::path::Path::new("tests/bad-input");
    println!("cargo:rerun-if-changed={}", corpus.display());
    let mut cases: Vec<String> = std::fs::read_dir(corpus)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('_'))
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    let mut out = String::new();
    for case in &cases {
        let name: String = case.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        writeln!(out, "#[test]\nfn case_{name}() {{\n    run_case({case:?});\n}}\n").unwrap();
    }
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("bad_input_cases.rs"), out).expect("write the generated tests");
}
