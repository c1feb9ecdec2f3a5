//! `granska arsrapport <år>`: the annual report of a year's reviews.

use super::build::conclude;
use super::{Exit, fail_to_open, open};
use crate::cli::AnnualArgs;
use crate::pipeline::Options;

pub fn run(args: &AnnualArgs) -> Exit {
    let (session, _) = match open(&args.target.path) {
        Ok(opened) => opened,
        Err(problems) => return fail_to_open(&problems),
    };
    let options =
        Options { write: true, strict: args.target.strict, emit_typst: args.emit_typst, ..Options::default() };
    conclude(&session.annual(args.year, &options))
}
