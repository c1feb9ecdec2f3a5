//! Shared helpers for the integration tests: fixture projects in temporary
//! folders, running the real binary, and reading PDFs back with Rust crates
//! (no system tools needed).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use tempfile::TempDir;

pub mod html;
pub mod tags;

pub const REVIEW: &str = "2011-ekonomiskt-bistand";

/// A project in a temporary folder.
pub struct Fixture {
    pub dir: TempDir,
}

thread_local! {
    /// Set while a shared fixture is being made (see [`shared`]).
    static MAKING_SHARED: Cell<bool> = const { Cell::new(false) };
}

/// Where shared fixtures live: they are never dropped, so they are made
/// under Cargo's own temporary folder, and removed by a later run.
const SHARED_PREFIX: &str = "delad-";

/// A project built once per test run and shared by the tests that only
/// read what it made. They must never change it. `key` names what `make`
/// builds; different keys are made at the same time, one key once.
pub fn shared(key: &'static str, make: fn() -> Fixture) -> &'static Fixture {
    static CELLS: Mutex<BTreeMap<&'static str, &'static OnceLock<Fixture>>> = Mutex::new(BTreeMap::new());
    static CLEANED: OnceLock<()> = OnceLock::new();
    CLEANED.get_or_init(remove_old_shared);
    let cell: &'static OnceLock<Fixture> =
        CELLS.lock().unwrap().entry(key).or_insert_with(|| Box::leak(Box::new(OnceLock::new())));
    cell.get_or_init(|| {
        MAKING_SHARED.set(true);
        let fixture = make();
        MAKING_SHARED.set(false);
        fixture
    })
}

/// Removes the shared fixtures of earlier runs (an hour old or more, so a
/// run going on at the same time keeps its own).
fn remove_old_shared() {
    let Ok(entries) = fs::read_dir(env!("CARGO_TARGET_TMPDIR")) else { return };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > Duration::from_secs(3600)));
        if entry.file_name().to_string_lossy().starts_with(SHARED_PREFIX) && old {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

impl Fixture {
    /// An empty project (only `findings/`).
    pub fn empty() -> Fixture {
        let dir = if MAKING_SHARED.get() {
            tempfile::Builder::new().prefix(SHARED_PREFIX).tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        } else {
            tempfile::tempdir()
        }
        .expect("temp dir");
        fs::create_dir_all(dir.path().join("findings")).unwrap();
        Fixture { dir }
    }

    /// A copy of the repository's example findings (no templates: the
    /// embedded defaults are used).
    pub fn example() -> Fixture {
        let fixture = Fixture::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("findings").join(REVIEW);
        let to = fixture.review_dir();
        fs::create_dir_all(&to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
        fixture
    }

    /// A copy of every example in the repository: all of `findings/` and
    /// `granska.toml`.
    pub fn all_examples() -> Fixture {
        let fixture = Fixture::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("findings"), &fixture.root().join("findings"));
        fs::copy(repo.join("granska.toml"), fixture.root().join("granska.toml")).unwrap();
        fixture
    }

    /// A copy of the second example project, `examples/solvik` (one unit,
    /// its own quality areas).
    pub fn solvik() -> Fixture {
        Fixture::project("solvik")
    }

    /// A copy of the example project `examples/<name>`.
    pub fn project(name: &str) -> Fixture {
        let fixture = Fixture::empty();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name), fixture.root());
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn review_dir(&self) -> PathBuf {
        self.root().join("findings").join(REVIEW)
    }

    pub fn file(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn district(&self, name: &str) -> PathBuf {
        self.review_dir().join(format!("{name}.toml"))
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.file(relative)).unwrap()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.file(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Replaces `from` with `to` in a district file; panics if `from` is absent.
    pub fn edit_district(&self, name: &str, from: &str, to: &str) {
        let path = self.district(name);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} not in {name}.toml");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Runs granska with `args` in the project root.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    pub fn pdf(&self, district: &str) -> PathBuf {
        self.root().join("output").join(REVIEW).join(format!("3-1-117-2011-{district}.pdf"))
    }

    /// Every file under the project except `output/`, with its contents.
    pub fn snapshot_outside_output(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walk(self.root())
            .into_iter()
            .filter(|p| !p.strip_prefix(self.root()).unwrap().starts_with("output"))
            // A named pipe or a link to a device is recorded, never read.
            .map(|p| {
                let regular = fs::metadata(&p).is_ok_and(|m| m.is_file());
                let bytes = if regular { fs::read(&p).unwrap_or_default() } else { b"(ingen vanlig fil)".to_vec() };
                (p, bytes)
            })
            .collect()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output: Output =
        Command::new(env!("CARGO_BIN_EXE_granska")).args(args).current_dir(dir).output().expect("run granska");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// The text of each page.
pub fn pdf_pages(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("readable PDF")
}

/// The whole text, pages joined.
pub fn pdf_text(path: &Path) -> String {
    pdf_pages(path).join("\n")
}

/// A value of the document information dictionary, decoded.
pub fn pdf_info(path: &Path, key: &str) -> Option<String> {
    let doc = lopdf::Document::load(path).ok()?;
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    let value = info.get(key.as_bytes()).ok()?;
    lopdf::decode_text_string(value).ok()
}

/// The XMP metadata stream as text.
pub fn pdf_xmp(path: &Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    String::from_utf8_lossy(&stream.content).into_owned()
}

/// The heading lines of the body (after the table of contents), in order:
/// lines that start with a section number like "2.3 ".
pub fn numbered_headings(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.contains(". . ."))
        .filter(|l| {
            let number = l.split(' ').next().unwrap_or("");
            !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit() || c == '.')
                && number.chars().next().is_some_and(|c| c.is_ascii_digit())
                && l.len() > number.len() + 1
                && l[number.len() + 1..].chars().next().is_some_and(char::is_alphabetic)
        })
        .map(|l| l.split_once(' ').map(|(_, title)| title.to_owned()).unwrap_or_default())
        .collect()
}

/// The PDF outline (bookmarks) in reading order: (depth from 1, title).
pub fn pdf_outline(path: &Path) -> Vec<(usize, String)> {
    let doc = lopdf::Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines") else { return Vec::new() };
    let root = doc.dereference(outlines).unwrap().1.as_dict().unwrap().clone();
    let mut out = Vec::new();
    outline_items(&doc, &root, 1, &mut out);
    out
}

/// The outline of a document with a cover: its first bookmark is the
/// cover's title (checked here), the rest are the chapters, returned.
pub fn pdf_chapters(path: &Path) -> Vec<(usize, String)> {
    let mut outline = pdf_outline(path);
    assert!(!outline.is_empty(), "{}: no bookmarks", path.display());
    let (depth, title) = outline.remove(0);
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    let cover = squeeze(&pdf_pages(path)[0]);
    assert!(
        depth == 1 && cover.contains(&squeeze(&title)),
        "{}: the first bookmark {title:?} is not the cover's title",
        path.display()
    );
    outline
}

fn outline_items(doc: &lopdf::Document, parent: &lopdf::Dictionary, depth: usize, out: &mut Vec<(usize, String)>) {
    let mut next = parent.get(b"First").ok().cloned();
    while let Some(reference) = next {
        let item = doc.dereference(&reference).unwrap().1.as_dict().unwrap().clone();
        let title = item.get(b"Title").ok().and_then(|t| lopdf::decode_text_string(t).ok()).unwrap_or_default();
        out.push((depth, title));
        outline_items(doc, &item, depth + 1, out);
        next = item.get(b"Next").ok().cloned();
    }
}

/// Text with whitespace runs collapsed and words that were hyphenated at a
/// line end (soft hyphen) joined again.
pub fn flat(text: &str) -> String {
    let joined: String = text.split('\u{AD}').map(|part| part.trim_start()).collect::<Vec<_>>().join("");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every example built, with the annual report for 2011 (for [`shared`]).
pub fn all_examples_with_annual_report() -> Fixture {
    let fixture = Fixture::all_examples();
    fixture.run(&["build"]).assert_ok();
    fixture.run(&["arsrapport", "2011"]).assert_ok();
    fixture
}

/// The example review built (for [`shared`]).
pub fn built_example() -> Fixture {
    let fixture = Fixture::example();
    fixture.run(&["build"]).assert_ok();
    fixture
}

/// The Solvik example built: its report and its memo (for [`shared`]).
pub fn built_solvik() -> Fixture {
    let fixture = Fixture::solvik();
    let run = fixture.run(&["build"]);
    run.assert_ok();
    assert!(run.stdout.trim_end().ends_with("2 dokument klara"), "{}", run.stdout);
    fixture
}
