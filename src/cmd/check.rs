//! `granska check`: the whole chain, nothing written.

use super::{Exit, documents, fail_to_open, failed_labels, open, print_diagnostics, print_problem_summary};
use crate::build::{Options, Outcome};
use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> Exit {
    let (session, selection) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let options = Options { write: false, strict: args.target.strict, ..Options::default() };
    let report = session.build(&selection, &options, &());
    print_diagnostics(report.diagnostics());
    print_problem_summary(&report);
    let ok = report.count(|o| matches!(o, Outcome::Checked { .. }));
    if report.failed() {
        let failed = report.count(|o| *o == Outcome::Failed);
        if failed > 0 {
            let passed = if ok > 0 { format!("{} utan fel, ", documents(ok)) } else { String::new() };
            eprintln!("{passed}{} med fel: {}", documents(failed), failed_labels(&report));
        }
        Exit::Failed
    } else {
        println!("{} utan fel", documents(ok));
        Exit::Ok
    }
}
