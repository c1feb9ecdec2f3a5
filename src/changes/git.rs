//! Reads the findings as they were in an earlier version: a commit, tag or
//! branch of the git repository the project lives in, read with the `git`
//! program (present wherever a repository is).
//!
//! Three calls, none of which changes the repository: `rev-parse` finds the
//! work tree and the commit, `ls-tree` lists `findings/` at that commit with
//! each file's size, and one `cat-file --batch` reads the files. A file over
//! the gate's size limit is refused before it is read, as in the work tree.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::{Diagnostic, Severity};
use crate::load::MAX_FILE_BYTES;
use crate::model::Date;

/// Where problems with the repository are said to come from.
const WHO: &str = "granska andringar";

/// The version compared against.
#[derive(Debug, Clone)]
pub struct Version {
    /// What the user wrote, e.g. `faktagranskning-2026-11-20`.
    pub reference: String,
    /// The commit's short id.
    pub commit: String,
    /// The commit's date (Swedish time).
    pub date: Option<Date>,
    /// The first line of the commit message.
    pub summary: String,
}

/// The TOML files under the project's `findings/` at `reference`, by path
/// relative to the project root (`findings/…`).
pub struct Earlier {
    pub version: Version,
    pub files: BTreeMap<PathBuf, Vec<u8>>,
}

fn problem(message: impl Into<String>) -> Diagnostic {
    Diagnostic::file(Severity::Error, Path::new(WHO), message)
}

/// `git` with arguments, run in `dir`, never asking for anything and
/// answering in English (its messages are quoted, not parsed, but the
/// output format must not depend on the user's language).
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::null());
    command
}

/// Runs `git` and returns its standard output, or its error message.
fn output(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = git(dir).args(args).output().map_err(GitError::Missing)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed(String::from_utf8_lossy(&out.stderr).trim().to_owned()))
    }
}

enum GitError {
    /// The program could not be started.
    Missing(std::io::Error),
    /// It ran and said no (its message).
    Failed(String),
}

fn missing(e: &std::io::Error) -> Diagnostic {
    problem(format!("programmet `git` kunde inte startas ({e})"))
        .with_hint("jämförelsen läser tidigare versioner med git; installera git (https://git-scm.com) och kör igen")
}

/// Reads `findings/` of the project at `root` as it was at `reference`.
pub fn read(root: &Path, reference: &str) -> Result<Earlier, Diagnostic> {
    let workdir = match output(root, &["rev-parse", "--show-toplevel"]) {
        Ok(out) => PathBuf::from(String::from_utf8_lossy(&out).trim_end_matches(['\n', '\r'])),
        Err(GitError::Missing(e)) => return Err(missing(&e)),
        Err(GitError::Failed(_)) => {
            return Err(problem("projektet ligger inte i ett git-arkiv").with_hint(
                "jämförelsen läser tidigare versioner ur git; lägg projektet i git (`git init`, `git add`, `git commit`)",
            ));
        }
    };
    let workdir = workdir.canonicalize().unwrap_or(workdir);
    let not_found = || {
        problem(format!("det finns ingen version `{reference}` i git-arkivet"))
            .with_hint(
                "ange en tagg, en gren eller en commit, t.ex. den tagg ni satte när utkastet skickades för faktagranskning",
            )
            .with_hint("`git tag` listar taggarna")
    };
    // A reference is a name, never an option.
    if reference.is_empty() || reference.starts_with('-') || reference.contains(['\0', '\n']) {
        return Err(not_found());
    }
    let commit = match output(root, &["rev-parse", "--verify", "--quiet", &format!("{reference}^{{commit}}")]) {
        Ok(out) => String::from_utf8_lossy(&out).trim().to_owned(),
        Err(GitError::Missing(e)) => return Err(missing(&e)),
        Err(GitError::Failed(_)) => return Err(not_found()),
    };
    let unreadable = |why: &str| {
        problem(format!("versionen `{reference}` kunde inte läsas")).with_hint(format!("git svarade: {why}"))
    };
    let failed = |e: GitError| match e {
        GitError::Missing(e) => missing(&e),
        GitError::Failed(why) => unreadable(&why),
    };
    let info = output(root, &["show", "-s", "--format=%h%x00%ct%x00%s", &commit]).map_err(failed)?;
    let info = String::from_utf8_lossy(&info);
    let mut parts = info.trim_end_matches('\n').splitn(3, '\0');
    let version = Version {
        reference: reference.to_owned(),
        commit: parts.next().unwrap_or(&commit).to_owned(),
        date: parts.next().and_then(|s| s.parse().ok()).and_then(Date::of_unix_time),
        summary: parts.next().unwrap_or_default().to_owned(),
    };
    // The project may be a folder inside the repository.
    let project = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
    let findings = project.join(crate::project::FINDINGS_DIR);
    let findings = findings.to_string_lossy().replace('\\', "/");
    let listing =
        output(root, &["ls-tree", "-r", "-l", "-z", "--full-tree", &commit, "--", &findings]).map_err(failed)?;
    let mut wanted: Vec<(String, PathBuf)> = Vec::new();
    for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        // "<mode> <type> <object> <size>\t<path>"
        let Some((meta, path)) = record.split_once('\t') else { continue };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let [_, kind, object, size] = fields[..] else { continue };
        let Some(relative) = path.strip_prefix(&findings).map(|p| p.trim_start_matches('/')) else { continue };
        if kind != "blob" || !relative.ends_with(".toml") {
            continue;
        }
        let shown = Path::new(crate::project::FINDINGS_DIR).join(relative);
        if size.parse::<u64>().is_ok_and(|bytes| bytes > MAX_FILE_BYTES) {
            return Err(problem(format!(
                "{} är större än {} MB i versionen `{reference}`",
                shown.display(),
                MAX_FILE_BYTES / (1024 * 1024)
            ))
            .with_hint("granska läser inga iakttagelser som är så stora; jämför med en senare version"));
        }
        wanted.push((object.to_owned(), shown));
    }
    let blobs = read_blobs(root, wanted.iter().map(|(object, _)| object.as_str())).map_err(failed)?;
    let files = wanted.into_iter().map(|(_, path)| path).zip(blobs).collect();
    Ok(Earlier { version, files })
}

/// The contents of `objects`, in order, read by one `git cat-file --batch`.
fn read_blobs<'a>(root: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, GitError> {
    let objects: Vec<&str> = objects.collect();
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(GitError::Missing)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let request: String = objects.iter().map(|o| format!("{o}\n")).collect();
    // Written from a thread of its own: git answers while it reads, and a
    // full pipe on both sides would stop both.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut blobs = Vec::with_capacity(objects.len());
    let broken = |why: &str| GitError::Failed(format!("oväntat svar från git cat-file ({why})"));
    for _ in &objects {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| broken(&e.to_string()))?;
        // "<object> blob <size>"
        let size: u64 = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .filter(|size| *size <= MAX_FILE_BYTES)
            .ok_or_else(|| broken(header.trim()))?;
        let mut blob = Vec::with_capacity(size as usize);
        (&mut reader).take(size).read_to_end(&mut blob).map_err(|e| broken(&e.to_string()))?;
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline).map_err(|e| broken(&e.to_string()))?;
        blobs.push(blob);
    }
    let _ = writer.join();
    let status = child.wait().map_err(GitError::Missing)?;
    if !status.success() {
        let mut why = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut why);
        }
        return Err(GitError::Failed(why.trim().to_owned()));
    }
    Ok(blobs)
}
