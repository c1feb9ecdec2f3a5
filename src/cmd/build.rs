//! `granska build`: make every document (a report per district, the cover
//! memos) that changed.

use super::{Exit, documents, fail_to_open, failed_labels, open, print_diagnostics, print_problem_summary};
use crate::cli::BuildArgs;
use crate::pipeline::{Options, Outcome, Progress, Report};

/// A progress bar on stderr; indicatif hides it when stderr is not a
/// terminal, so logs and pipes stay clean.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} dokument ({elapsed})") {
            bar.set_style(style);
        }
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        // A single report is quick; a bar would only flicker.
        if total > 1 {
            self.0.set_length(total as u64);
        } else {
            self.0.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
    }

    fn done(&self) {
        self.0.inc(1);
    }
}

pub fn run(args: &BuildArgs) -> Exit {
    let (session, selection) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let options = Options {
        write: true,
        strict: args.target.strict,
        emit_typst: args.emit_typst,
        force: args.force,
        jobs: args.jobs,
        draft: args.draft.day(),
    };
    let bar = Bar::new();
    let report = session.build(&selection, &options, &bar);
    bar.0.finish_and_clear();
    conclude(&report)
}

/// Prints a build's results and summary line, and gives its exit code.
pub(super) fn conclude(report: &Report) -> Exit {
    print_results(report);
    let (ok, line) = summary(report);
    if ok {
        say!("{line}");
        Exit::Ok
    } else {
        eprintln!("{line}");
        Exit::Failed
    }
}

/// Prints diagnostics and one line per written document, in order.
pub(super) fn print_results(report: &Report) {
    // A problem shared by several documents (in a review they all use, say)
    // is said once.
    let mut said = std::collections::HashSet::new();
    let mut once = |diagnostics: &[crate::diag::Diagnostic]| {
        print_diagnostics(diagnostics.iter().filter(|d| said.insert(d.to_string())));
    };
    once(&report.general);
    for result in &report.documents {
        once(&result.diagnostics);
        match &result.outcome {
            Outcome::Written { files, pages } => {
                // The PDF with its folder, the files beside it by name.
                let mut names = files.iter().map(|f| f.display().to_string());
                let first = names.next().unwrap_or_default();
                let rest: Vec<String> = files
                    .iter()
                    .skip(1)
                    .filter_map(|f| f.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect();
                let pages = if *pages == 1 { "1 sida".to_owned() } else { format!("{pages} sidor") };
                let beside = if rest.is_empty() { String::new() } else { format!(" och {}", rest.join(", ")) };
                say!("skrev {first} ({pages}){beside}");
            }
            Outcome::Failed => eprintln!("byggdes inte: {} ({})", result.label, result.source.display()),
            Outcome::Checked { .. } | Outcome::Unchanged { .. } => {}
        }
    }
    // What is no longer true leaves output/, and says so.
    for removed in &report.removed {
        say!("tog bort {}: {}", crate::pipeline::listed_files(&removed.files), removed.why);
    }
    print_problem_summary(report, 0);
}

/// Whether the build succeeded, and a one-line summary of it.
pub(super) fn summary(report: &Report) -> (bool, String) {
    let written = report.count(|o| matches!(o, Outcome::Written { .. }));
    let unchanged = report.count(|o| matches!(o, Outcome::Unchanged { .. }));
    let failed = report.count(|o| *o == Outcome::Failed);
    if failed > 0 {
        let line = format!(
            "{} {}, {} med fel: {}",
            documents(written),
            ready(written),
            documents(failed),
            failed_labels(report)
        );
        return (false, line);
    }
    if report.failed() {
        return (false, format!("{} {}, men det finns fel (se ovan)", documents(written), ready(written)));
    }
    let line = match (written, unchanged) {
        (0, 0) => "inga dokument att bygga".to_owned(),
        (0, n) => format!("{} redan aktuella, inget att bygga", documents(n)),
        (w, 0) => format!("{} {}", documents(w), ready(w)),
        (w, n) => format!("{} {}, {n} {}", documents(w), ready(w), unchanged_word(n)),
    };
    (true, line)
}

/// "klart" agrees with one document, "klara" with several.
fn ready(n: usize) -> &'static str {
    if n == 1 { "klart" } else { "klara" }
}

fn unchanged_word(n: usize) -> &'static str {
    if n == 1 { "oförändrat" } else { "oförändrade" }
}
