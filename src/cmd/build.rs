//! `granska build`: write one PDF per district.

use super::{Exit, count, fail_to_open, open, print_diagnostics, print_problem_summary};
use crate::cli::BuildArgs;
use crate::pipeline::{Options, Outcome, Progress, RunReport};

/// A progress bar on stderr; indicatif hides it when stderr is not a
/// terminal, so logs and pipes stay clean.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} distrikt ({elapsed})") {
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
    let (pipeline, selection) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let options = Options {
        write: true,
        strict: args.target.strict,
        emit_typst: args.emit_typst,
        force: args.force,
        jobs: args.jobs,
    };
    let bar = Bar::new();
    let report = pipeline.run_with_progress(&selection, &options, &bar);
    bar.0.finish_and_clear();
    conclude(&report)
}

/// Prints a build's results and summary line, and gives its exit code.
pub(super) fn conclude(report: &RunReport) -> Exit {
    print_results(report);
    let (ok, line) = summary(report);
    if ok {
        println!("{line}");
        Exit::Ok
    } else {
        eprintln!("{line}");
        Exit::Failed
    }
}

/// Prints diagnostics and one line per written PDF, in file order.
pub(super) fn print_results(report: &RunReport) {
    print_diagnostics(&report.general);
    for result in &report.districts {
        print_diagnostics(&result.diagnostics);
        match &result.outcome {
            Outcome::Written { pdf, pages } => println!("skrev {} ({})", pdf.display(), count(*pages, "sida", "sidor")),
            Outcome::Failed => eprintln!("byggdes inte: {} (se felen ovan)", result.file.display()),
            Outcome::Checked { .. } | Outcome::Unchanged { .. } => {}
        }
    }
    print_problem_summary(report);
}

/// Whether the build succeeded, and a one-line summary of it.
pub(super) fn summary(report: &RunReport) -> (bool, String) {
    let written = report.count(|o| matches!(o, Outcome::Written { .. }));
    let unchanged = report.count(|o| matches!(o, Outcome::Unchanged { .. }));
    let failed = report.count(|o| matches!(o, Outcome::Failed));
    let reports = |n| count(n, "rapport", "rapporter");
    if failed > 0 || report.failed() {
        return (
            false,
            format!("{} {}, {} med fel", reports(written), ready(written), count(failed, "distrikt", "distrikt")),
        );
    }
    let line = match (written, unchanged) {
        (0, 0) => "inga rapporter att bygga".to_owned(),
        (0, n) => format!("{} redan aktuella, inget att bygga", reports(n)),
        (w, 0) => format!("{} {}", reports(w), ready(w)),
        (w, n) => format!("{} {}, {} {}", reports(w), ready(w), n, unchanged_word(n)),
    };
    (true, line)
}

/// "klar" agrees with one report, "klara" with several.
fn ready(n: usize) -> &'static str {
    if n == 1 { "klar" } else { "klara" }
}

fn unchanged_word(n: usize) -> &'static str {
    if n == 1 { "oförändrad" } else { "oförändrade" }
}
