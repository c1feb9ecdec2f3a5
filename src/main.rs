//! granska: turns social-services inspectors' findings (TOML) into finished,
//! archivable PDF inspection reports (*granskningsrapporter*).
//!
//! `main` only parses the command line, runs the command and maps the result
//! to an exit code; see the modules for the pipeline stages.

mod cli;
mod cmd;
mod diag;
mod lint;
mod load;
mod markdown;
mod model;
mod output;
mod pipeline;
mod project;
mod render;
mod typeset;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

use cli::{Cli, Command};
use cmd::Exit;

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
    };
    ExitCode::from(exit as u8)
}
