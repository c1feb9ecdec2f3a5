//! `granska schema`: JSON Schemas of the two file kinds, for editor
//! completion and checking (e.g. Even Better TOML / taplo with `#:schema`).

use super::Exit;
use crate::cli::{SchemaArgs, SchemaKind};
use crate::config::RawConfig;
use crate::model::raw::{FileKind, RawAnnual, RawDistrict, RawReview};

/// The schema of a file kind, as pretty JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Granskning => RawReview::schema(),
        SchemaKind::Distrikt => RawDistrict::schema(),
        SchemaKind::Projekt => RawConfig::schema(),
        SchemaKind::Arsrapport => RawAnnual::schema(),
    };
    serde_json::to_string_pretty(schema).expect("a schema serialises") + "\n"
}

pub fn run(args: &SchemaArgs) -> Exit {
    print!("{}", schema_json(args.kind));
    Exit::Ok
}
