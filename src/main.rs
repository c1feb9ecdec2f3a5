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
    let exit = match &cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Arsrapport(args) => cmd::annual::run(args),
        Command::New(args) => cmd::new::run_district(args),
        Command::NewGranskning(args) => cmd::new::run_review(args),
        Command::Schema(args) => cmd::schema::run(args),
    };
    ExitCode::from(exit as u8)
}
