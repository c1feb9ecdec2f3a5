//! The bad-input corpus: every case in `tests/bad-input/<case>/` is a test of
//! its own, named after its folder (`cargo test --test bad_input 20-rating`
//! runs the cases whose names contain `20-rating`). This is a test target
//! without the standard harness (libtest-mimic lists the folders when it
//! runs), so adding a case compiles nothing. A case is the
//! small project in `tests/bad-input/_base/` with the case's `files/` laid
//! over it (a `<name>.remove` file removes `<name>`). The test runs granska
//! (`check`, or the arguments in `args`) and asserts:
//!
//! - the exact diagnostics on stderr (`expected.stderr`);
//! - the exit code (`exit`, default 1), and never a panic;
//! - that nothing outside `output/` changed, and no PDF was written unless
//!   the case expects success.
//!
//! `generate` names cases built in code (symbolic links, a 10 MB file).
//! Run with `GRANSKA_BLESS=1` to write `expected.stderr` after a deliberate
//! change of wording, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../it/common/mod.rs"]
#[allow(dead_code)]
mod common;

use common::{Fixture, run_in};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let mut cases: Vec<String> = fs::read_dir(corpus())
        .expect("tests/bad-input is readable")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('_'))
        .collect();
    cases.sort();
    let trials = cases
        .into_iter()
        .map(|name| {
            Trial::test(name.clone(), move || {
                check_case(&corpus().join(&name)).map_err(|p| Failed::from(format!("{name}:\n{p}")))
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if let Some(name) = target.to_str().and_then(|t| t.strip_suffix(".remove")) {
            fs::remove_file(name).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn generate(kind: &str, project: &Path, outside: &Path) {
    let district = project.join("findings/g/d.toml");
    match kind {
        "huge-text-field" => {
            let text = fs::read_to_string(&district).unwrap();
            let huge = format!("text = \"{}\"", "lång text ".repeat(1_000_000));
            fs::write(&district, text.replace("text = \"Barnens situation beskrevs sällan.\"", &huge)).unwrap();
        }
        "symlink-district-outside-project" => {
            let secret = outside.join("hemlig.toml");
            fs::copy(&district, &secret).unwrap();
            fs::remove_file(&district).unwrap();
            symlink(&secret, &district);
        }
        "symlink-template-outside-project" => {
            let secret = outside.join("mall.typ.tera");
            fs::write(&secret, "= {{ distrikt.namn }}\n").unwrap();
            fs::create_dir_all(project.join("templates")).unwrap();
            symlink(&secret, &project.join("templates/rapport.typ.tera"));
        }
        "table-too-long" => {
            let rows: Vec<String> = (0..2_001).map(|i| format!("[\"Rad {i}\", {i}]")).collect();
            let text = fs::read_to_string(&district).unwrap();
            let table = format!(
                "[[tabell]]\nrubrik = \"Stor\"\nkolumner = [\"Namn\", \"Antal\"]\nrader = [{}]\n",
                rows.join(", ")
            );
            fs::write(&district, format!("{text}\n{table}")).unwrap();
        }
        "too-many-footnotes" => {
            let notes: String = (0..501).map(|i| format!("Uppgift[^{i}]\n\n[^{i}]: Källa {i}.\n\n")).collect();
            let text = fs::read_to_string(&district).unwrap();
            let huge = format!("text = \"\"\"\n{notes}\"\"\"");
            fs::write(&district, text.replace("text = \"Barnens situation beskrevs sällan.\"", &huge)).unwrap();
        }
        "fifo-district" => fifo(&project.join("findings/g/e.toml")),
        "district-is-dev-zero" => symlink(Path::new("/dev/zero"), &project.join("findings/g/e.toml")),
        other => panic!("unknown generator {other}"),
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) {}

/// A named pipe: reading it would wait for a writer forever.
#[cfg(unix)]
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
}

#[cfg(not(unix))]
fn fifo(_: &Path) {}

fn read_optional(path: &Path) -> Option<String> {
    fs::read_to_string(path).ok().map(|s| s.trim().to_owned())
}

fn check_case(case: &Path) -> Result<(), String> {
    let fixture = Fixture::empty();
    let project = fixture.root();
    copy_tree(&corpus().join("_base"), project);
    if case.join("files").is_dir() {
        copy_tree(&case.join("files"), project);
    }
    let outside = tempfile::tempdir().unwrap();
    if let Some(kind) = read_optional(&case.join("generate")) {
        generate(&kind, project, outside.path());
    }
    let outside_before = fs::read_dir(outside.path()).unwrap().count();
    let before = fixture.snapshot_outside_output();

    let args = read_optional(&case.join("args")).unwrap_or_else(|| "check".to_owned());
    let args: Vec<&str> = args.split_whitespace().collect();
    let run = run_in(project, &args);

    let expected_exit: i32 = read_optional(&case.join("exit")).map_or(1, |e| e.parse().unwrap());
    let expected_path = case.join("expected.stderr");
    if std::env::var_os("GRANSKA_BLESS").is_some() {
        fs::write(&expected_path, &run.stderr).unwrap();
    }
    let expected =
        fs::read_to_string(&expected_path).map_err(|_| format!("no expected.stderr; got:\n{}", run.stderr))?;

    let mut problems = Vec::new();
    if run.code == 101 || run.stderr.contains("panicked") {
        problems.push(format!("panicked:\n{}", run.stderr));
    }
    if run.code != expected_exit {
        problems.push(format!("exit code {} instead of {expected_exit}", run.code));
    }
    if run.stderr != expected {
        problems.push(format!("stderr differs.\n--- expected\n{expected}--- got\n{}", run.stderr));
    }
    if fixture.snapshot_outside_output() != before {
        problems.push("files outside output/ changed".to_owned());
    }
    if fs::read_dir(outside.path()).unwrap().count() != outside_before {
        problems.push("files outside the project changed".to_owned());
    }
    let pdfs = walk_pdfs(&project.join("output"));
    if expected_exit != 0 && !pdfs.is_empty() {
        problems.push(format!("PDFs written despite errors: {pdfs:?}"));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

fn walk_pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk_pdfs(&path));
            } else if path.extension().is_some_and(|e| e == "pdf") {
                out.push(path);
            }
        }
    }
    out
}
