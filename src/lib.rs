//! granska: turns social-services inspectors' findings (TOML) into finished,
//! archivable PDF inspection reports (*granskningsrapporter*).
//!
//! The pipeline, one module per stage:
//! [`project`] (find files) → [`load`] (TOML → raw model, located errors) →
//! [`lint`] (rules) → [`model`] (checked domain types) → [`render`] (view
//! structs, Markdown via [`markdown`], Tera → Typst source) → [`typeset`]
//! (Typst World, PDF/A + PDF/UA) → [`output`] (atomic writes).
//! [`pipeline`] runs the chain per district; [`cmd`] holds the subcommands.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod incremental;
pub mod lint;
pub mod load;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod typeset;
