//! `granska check`: the whole chain, nothing written.

use super::{Exit, count, fail_to_open, open, print_diagnostics, print_problem_summary};
use crate::cli::CheckArgs;
use crate::pipeline::{Options, Outcome};

pub fn run(args: &CheckArgs) -> Exit {
    let (pipeline, selection) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let options = Options { write: false, strict: args.target.strict, ..Options::default() };
    let report = pipeline.run(&selection, &options);
    print_diagnostics(report.diagnostics());
    let ok = report.districts.iter().filter(|d| matches!(d.outcome, Outcome::Checked { .. })).count();
    print_problem_summary(&report);
    if report.failed() {
        Exit::Failed
    } else {
        println!("{} utan fel", count(ok, "distrikt", "distrikt"));
        Exit::Ok
    }
}
