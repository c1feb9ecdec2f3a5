//! granska's integration tests, one binary with a module per feature. They
//! run the real binary on copies of the examples and of small fixture
//! projects, and read the results back (PDF text, outline, tags, metadata)
//! with Rust crates only: `cargo test` needs no system tool.

#![allow(dead_code)]

mod accessibility;
mod annual;
mod archival;
mod building;
mod changes;
mod check;
mod committee;
mod common;
mod documents;
mod drafts;
mod editor;
mod guard;
mod html;
mod limits;
mod outline;
mod preview;
mod real_reports;
mod robustness;
mod snapshots;
mod watch;
