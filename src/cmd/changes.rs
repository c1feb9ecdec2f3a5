//! `granska andringar <VERSION>`: what changed in the findings since a
//! version in git, per file and section, one line per change with its
//! place (`file:line`), and with `--pdf` the same list as a document.

use std::path::Path;

use super::{Exit, fail_to_open, open, print_diagnostics};
use crate::changes::{self, Changes, FileStatus, What};
use crate::cli::ChangesArgs;
use crate::model::Date;
use crate::view::changes::count_line;

pub fn run(args: &ChangesArgs) -> Exit {
    let (session, _) = match open(Path::new(".")) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let changes = match changes::since(&session.project, &session.config.areas, &args.reference) {
        Ok(changes) => changes,
        Err(d) => {
            print_diagnostics([&d]);
            return Exit::Failed;
        }
    };
    print_diagnostics(&changes.warnings);
    super::say_text(&listing(&changes));
    if !args.pdf {
        return Exit::Ok;
    }
    let report = session.changes(&changes, Date::today());
    super::build::print_results(&report);
    if report.failed() { Exit::Failed } else { Exit::Ok }
}

/// The changes as lines of text: a heading per file and section, and one
/// line per change starting with `file:line:` (a link in most terminals
/// and editors).
pub fn listing(changes: &Changes) -> String {
    let version = &changes.version;
    let when = version.date.map(|d| format!(" av {}", d.long())).unwrap_or_default();
    let mut out =
        format!("Ändringar sedan {} (commit {}{when}): {}\n", version.reference, version.commit, count_line(changes));
    for file in &changes.files {
        let path = file.path.display();
        out.push_str(&format!("\n{} – {path}\n", file.label));
        match file.status {
            FileStatus::New => out.push_str(&format!("  {path}:1: ny fil\n")),
            FileStatus::Removed => out.push_str(&format!("  {path}: borttagen (fanns i {})\n", version.reference)),
            FileStatus::Unreadable => out.push_str(&format!(
                "  {path}: ändrad; en av versionerna är inte giltig TOML, så ändringarna kan inte visas per avsnitt\n"
            )),
            FileStatus::Changed => {}
        }
        for section in &file.sections {
            out.push_str(&format!("  {}\n", section.title));
            for change in &section.changes {
                let key = &change.key;
                let what = match &change.what {
                    // "Fråga 2, kvinnor: ja 4 → 3", "Iakttagelser: ”…” → ”…”".
                    What::Changed { before, after } => {
                        let sep = if key.contains(':') { " " } else { ": " };
                        format!("{key}{sep}{} → {}", quoted(before), quoted(after))
                    }
                    What::Added(text) => format!("{key}, ny: {}", quoted(text)),
                    What::Removed { text, line } => {
                        format!("{key}, borttagen (rad {line} i {}): {}", version.reference, quoted(text))
                    }
                };
                out.push_str(&format!("    {path}:{}: {what}\n", change.line));
            }
        }
    }
    out
}

/// A number or a word as it is; a text in quotation marks.
fn quoted(text: &str) -> String {
    if text.contains(char::is_whitespace) || text.is_empty() { format!("”{text}”") } else { text.to_owned() }
}
