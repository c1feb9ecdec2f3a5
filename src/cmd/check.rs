//! `granska check`: the whole chain, nothing written.

use super::{
    Exit, documents, fail_to_open, failed_labels, open, print_diagnostics, print_problem_summary,
    print_report_diagnostics,
};
use crate::cli::CheckArgs;
use crate::diag::Diagnostic;
use crate::pipeline::Session;
use crate::pipeline::{Options, Outcome};
use crate::schema::{self, Schemas};

pub fn run(args: &CheckArgs) -> Exit {
    let (session, selection) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let options = Options { write: false, strict: args.target.strict, draft: args.draft.day(), ..Options::default() };
    let report = session.build(&selection, &options, &());
    print_report_diagnostics(&report);
    // The editor's schemas in schema/ are an early warning only: a stale
    // one is said, but never fails the check.
    let stale = stale_schemas(&session);
    print_diagnostics(&stale);
    print_problem_summary(&report, stale.len());
    let ok = report.count(|o| matches!(o, Outcome::Checked { .. }));
    if report.failed() {
        let failed = report.count(|o| *o == Outcome::Failed);
        if failed > 0 {
            let passed = if ok > 0 { format!("{} utan fel, ", documents(ok)) } else { String::new() };
            eprintln!("{passed}{} med fel: {}", documents(failed), failed_labels(&report));
        }
        Exit::Failed
    } else {
        say!("{} utan fel", documents(ok));
        Exit::Ok
    }
}

/// A warning for each file in `schema/` that no longer matches the project;
/// none while a review file has errors (its questions are then unknown, and
/// the errors are what to fix).
fn stale_schemas(session: &Session) -> Vec<Diagnostic> {
    let project = &session.project;
    let (questions, complete) = schema::questions(project, &session.config.areas);
    if !complete {
        return Vec::new();
    }
    let chapters = schema::chapters(project, &session.config);
    let schemas = Schemas::for_project(&session.config.areas, &questions, &chapters);
    schema::stale(&project.root, &schemas).iter().map(|path| schema::stale_warning(&project.shown(path))).collect()
}
