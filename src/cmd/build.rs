//! `granska build`: write one PDF per district.

use super::{Exit, count, open, print_diagnostics, print_problem_summary};
use crate::cli::BuildArgs;
use crate::pipeline::{Options, Outcome};

pub fn run(args: &BuildArgs) -> Exit {
    let (pipeline, selection) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(d) => {
            print_diagnostics([&d]);
            return Exit::Failed;
        }
    };
    let options = Options { write: true, strict: args.target.strict, emit_typst: args.emit_typst, force: args.force };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build();
    let report = match pool {
        Ok(pool) => pool.install(|| pipeline.run(&selection, &options)),
        Err(_) => pipeline.run(&selection, &options),
    };
    print_diagnostics(&report.general);
    let mut written = 0;
    for result in &report.districts {
        print_diagnostics(&result.diagnostics);
        match &result.outcome {
            Outcome::Written { pdf, pages } => {
                written += 1;
                println!("skrev {} ({})", pdf.display(), count(*pages, "sida", "sidor"));
            }
            Outcome::Failed => eprintln!("byggdes inte: {} (se felen ovan)", result.file.display()),
            Outcome::Checked { .. } | Outcome::Unchanged { .. } => {}
        }
    }
    print_problem_summary(&report);
    let failed = report.districts.iter().filter(|d| matches!(d.outcome, Outcome::Failed)).count();
    if failed > 0 || report.failed() {
        eprintln!(
            "{} {}, {} med fel",
            count(written, "rapport", "rapporter"),
            ready(written),
            count(failed, "distrikt", "distrikt")
        );
        Exit::Failed
    } else {
        let unchanged = report.count(|o| matches!(o, Outcome::Unchanged { .. }));
        match (written, unchanged) {
            (0, 0) => println!("inga rapporter att bygga"),
            (0, n) => println!("{} redan aktuella, inget att bygga", count(n, "rapport", "rapporter")),
            (w, 0) => println!("{} {}", count(w, "rapport", "rapporter"), ready(w)),
            (w, n) => println!("{} {}, {} {}", count(w, "rapport", "rapporter"), ready(w), n, unchanged_word(n)),
        }
        Exit::Ok
    }
}

/// "klar" agrees with one report, "klara" with several.
fn ready(n: usize) -> &'static str {
    if n == 1 { "klar" } else { "klara" }
}

fn unchanged_word(n: usize) -> &'static str {
    if n == 1 { "oförändrad" } else { "oförändrade" }
}
