//! granska: turns social-services inspectors' findings (TOML) into finished,
//! archivable PDF inspection reports (*granskningsrapporter*).
//!
//! The pipeline, one module per stage:
//! [`project`] (find files) → [`load`] (the gate: TOML → raw model, located
//! errors, judged by the project's [`schema`]) → [`lint`] (rules) →
//! [`model`] (checked domain types) → [`view`] (format-neutral view structs,
//! Markdown parsed by [`markdown`]) → [`render`] (Tera, one room per output
//! format) → [`typeset`] (Typst World, PDF/A + PDF/UA) → [`output`] (atomic
//! writes). [`pipeline`] takes every document through the chain; [`cmd`] holds
//! the subcommands. See `docs/architecture.md`.

pub mod changes;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod guard;
pub mod incremental;
pub mod lint;
pub mod load;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod preview;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod typeset;
pub mod view;
