//! One module per subcommand: glue between the command line and the
//! build, and the lines printed for the user.

/// Prints a line on standard output (as `println!`). A reader that stops
/// reading (`granska build | head`) ends granska quietly with success, as
/// it does any command-line tool, instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cmd::say_line(format_args!($($arg)*))
    };
}

pub mod annual;
pub mod build;
pub mod changes;
pub mod check;
pub mod new;
pub mod schema;
pub mod watch;
mod watching;

use std::io::Write;
use std::path::Path;

use crate::diag::{self, Diagnostic, Diagnostics};
use crate::pipeline::{Report, Selection, Session};
use crate::project::Project;

/// How a command ended, as an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Ok = 0,
    /// Problems in the findings, templates or output.
    Failed = 1,
    /// The command line was wrong.
    Usage = 2,
}

/// Writes one line for [`say!`].
pub fn say_line(line: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    let line = line.to_string();
    if let Err(err) = out.write_all(diag::printable(&line).as_bytes()).and_then(|()| out.write_all(b"\n")) {
        quiet_on_broken_pipe(&err);
    }
}

/// Writes `text` as it is on standard output, as [`say!`] does.
pub fn say_text(text: &str) {
    if let Err(err) = std::io::stdout().lock().write_all(diag::printable(text).as_bytes()) {
        quiet_on_broken_pipe(&err);
    }
}

/// Ends the process quietly when standard output's reader has gone.
fn quiet_on_broken_pipe(err: &std::io::Error) {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
}

/// Opens the project containing `path` and works out the selection.
fn open(path: &Path) -> Result<(Session, Selection), Vec<Diagnostic>> {
    let project = Project::discover(path).map_err(|d| vec![d])?;
    let selection = Selection::from_path(&project, path);
    if let Some(line) = selection.explain(&project, path) {
        say!("{line}");
    }
    let mut diags = Diagnostics::default();
    match Session::open(project, &mut diags) {
        Ok(session) => Ok((session, selection)),
        Err(_) => Err(diags.into_vec()),
    }
}

/// Reads the project's `granska.toml` alone (without opening a session).
fn config(project: &Project) -> Result<crate::config::Config, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let families = || crate::typeset::fonts::Fonts::load(Some(&project.fonts())).families();
    crate::config::Config::load(project, &families, &mut diags).map_err(|_| diags.into_vec())
}

/// Reports problems that stopped a command before it began (project,
/// templates or `granska.toml`).
fn fail_to_open(problems: &[Diagnostic]) -> Exit {
    print_diagnostics(problems);
    let errors = problems.iter().filter(|d| d.is_error()).count();
    eprintln!("{}", diag::summary(errors, problems.len() - errors));
    Exit::Failed
}

/// Prints diagnostics to stderr.
/// Prints diagnostics to stderr. A mistake repeated many times in one
/// file (a key-figure table with a thousand wrong years, say) is shown
/// [`FOLD_AFTER`] times and then counted, not printed a thousand times.
fn print_diagnostics<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    let mut err = std::io::stderr().lock();
    let mut seen: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    let mut folded: Vec<((String, String), usize)> = Vec::new();
    for d in diagnostics {
        let kind = (d.path.display().to_string(), kind_of(&d.message));
        let count = seen.entry(kind.clone()).or_default();
        *count += 1;
        match *count {
            n if n <= FOLD_AFTER => {
                let _ = write!(err, "{d}");
            }
            n if n == FOLD_AFTER + 1 => folded.push((kind, 1)),
            _ => {
                if let Some(entry) = folded.iter_mut().find(|(k, _)| *k == kind) {
                    entry.1 += 1;
                }
            }
        }
    }
    for ((path, _), more) in folded {
        let _ = writeln!(
            err,
            "{}: … och {} till av samma slag",
            diag::printable(&path),
            crate::view::format::integer(i64::try_from(more).unwrap_or(i64::MAX))
        );
    }
}

/// How many of one kind of problem in one file are printed.
const FOLD_AFTER: usize = 10;

/// A message with what differs between repeats of one mistake left out:
/// quoted words and numbers.
fn kind_of(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                out.push(c);
            }
            _ if quoted => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Prints a report's problems, each once (a problem shared by several
/// documents, in a review they all use, say, is said once).
fn print_report_diagnostics(report: &Report) {
    let mut said = std::collections::HashSet::new();
    print_diagnostics(report.diagnostics().filter(|d| said.insert(d.to_string())));
}

/// Prints a one-line summary of the problems, if any (with `more_warnings`
/// said outside the report).
fn print_problem_summary(report: &Report, more_warnings: usize) {
    // Counted as printed: a problem shared by several documents once.
    let mut said = std::collections::HashSet::new();
    let (errors, warnings) = report
        .diagnostics()
        .filter(|d| said.insert(d.to_string()))
        .fold((0, more_warnings), |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) });
    if errors + warnings > 0 {
        eprintln!("{}", diag::summary(errors, warnings));
    }
}

/// "1 dokument" and the like; `dokument` is the same in the plural.
fn documents(n: usize) -> String {
    format!("{n} dokument")
}

/// The labels of the documents that failed, for a summary line: at most
/// three, then how many more.
fn failed_labels(report: &Report) -> String {
    let failed: Vec<&str> = report
        .documents
        .iter()
        .filter(|d| d.outcome == crate::pipeline::Outcome::Failed)
        .map(|d| d.label.as_str())
        .collect();
    let mut shown = failed.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    if failed.len() > 3 {
        shown.push_str(&format!(" och {} till", failed.len() - 3));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::kind_of;

    #[test]
    fn repeats_of_one_mistake_are_one_kind() {
        assert_eq!(kind_of("`1000` är inte ett årtal"), kind_of("`1001` är inte ett årtal"));
        assert_eq!(kind_of("rad 12 har 3 celler"), kind_of("rad 7 har 4 celler"));
        assert_ne!(kind_of("`x` är inte ett årtal"), kind_of("okänd nyckel `x`"));
    }
}
