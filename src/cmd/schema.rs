//! `granska schema`: JSON Schemas of the file kinds, for editor completion
//! and checking (e.g. Even Better TOML / taplo with `#:schema`).

use super::Exit;
use crate::cli::{SchemaArgs, SchemaKind};
use crate::model::vocab::default_areas;
use crate::schema::Schemas;

/// The schema of a file kind, as pretty JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    let schemas = Schemas::new(&default_areas());
    let schema = match kind {
        SchemaKind::Granskning => &schemas.review,
        SchemaKind::Distrikt => &schemas.district,
        SchemaKind::Projekt => &schemas.config,
        SchemaKind::Arsrapport => &schemas.annual,
    };
    serde_json::to_string_pretty(schema).expect("a schema serialises") + "\n"
}

pub fn run(args: &SchemaArgs) -> Exit {
    print!("{}", schema_json(args.kind));
    Exit::Ok
}
