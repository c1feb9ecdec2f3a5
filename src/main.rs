//! granska: turns social-services inspectors' findings (TOML) into finished,
//! archivable PDF inspection reports (*granskningsrapporter*).
//!
//! `main` only parses the command line, runs the command and maps the result
//! to an exit code; the pipeline lives in the library (`src/lib.rs`).

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use granska::cli::{self, Cli, Command};
use granska::cmd::{self, Exit};

fn main() -> ExitCode {
    // A panic is a bug in granska: say so in Swedish, with where it
    // happened. A panic while making a document also fails that document
    // (see `pipeline::schedule`), so the run exits with an error.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        eprintln!("granska: internt fel: {message}{place}");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprint!("{}", cli::usage_error(&err));
            return ExitCode::from(Exit::Usage as u8);
        }
    };
    granska::typeset::memory::watch();
    let exit = match &cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Arsrapport(args) => cmd::annual::run(args),
        Command::New(args) => cmd::new::run_district(args),
        Command::NewGranskning(args) => cmd::new::run_review(args),
        Command::NewArsrapport(args) => cmd::new::run_annual(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Andringar(args) => cmd::changes::run(args),
    };
    ExitCode::from(exit as u8)
}
