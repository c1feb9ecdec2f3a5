//! No input may panic: property tests that throw mutated and random findings
//! files at the loading, checking and rendering stages (the library API;
//! most cases stop before typesetting, so thousands run in seconds), and
//! check that whatever the checks accept also typesets.
//! `PROPTEST_CASES` raises the counts for a longer fuzzing session.

use std::path::Path;
use std::sync::LazyLock;

use granska::config::Config;
use granska::diag::{Diagnostics, SourceFile};
use granska::lint::{self, Context};
use granska::load::{self, Loaded};
use granska::model::raw::{RawDistrict, RawReview};
use granska::model::{District, Review};
use granska::render::{Format, REPORT_TEMPLATE, Templates};
use granska::schema::Schemas;
use granska::typeset::fonts::Fonts;
use granska::typeset::{self, Environment, Job};
use granska::view::report::ReportView;
use proptest::prelude::*;

/// Fonts, templates and schemas load once for all cases.
static ENV: LazyLock<Environment> = LazyLock::new(|| Environment::new(Path::new("/nonexistent"), Fonts::load(None)));
static TEMPLATES: LazyLock<Templates> = LazyLock::new(Templates::defaults);
static CONFIG: LazyLock<Config> = LazyLock::new(Config::default);
static SCHEMAS: LazyLock<Schemas> = LazyLock::new(|| Schemas::new(&CONFIG.areas));

fn base(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input/_base/findings/g").join(name))
        .unwrap()
}

/// The base district with `text` as the child-rights analysis.
fn with_text(text: &str) -> String {
    let literal = format!("'''{}'''", text.replace('\'', "’"));
    base("d.toml").replace("\"Barnens situation beskrevs sällan.\"", &literal)
}

/// Runs every stage up to the Typst source; returns it if the checks pass.
fn pipeline(review_text: &str, district_text: &str) -> Option<(String, Review)> {
    let ctx = Context { coverage: &ENV.fonts, areas: &CONFIG.areas, shape: &CONFIG.shape };
    let mut diags = Diagnostics::default();
    let review: Loaded<RawReview> =
        load::parse(SourceFile::new("g.toml", review_text), &SCHEMAS.review, &mut diags).ok()?;
    let district: Loaded<RawDistrict> =
        load::parse(SourceFile::new("d.toml", district_text), &SCHEMAS.district, &mut diags).ok()?;
    let shape = lint::review(&review, &ctx, &mut diags).ok()?;
    lint::district(&district, &review.raw, &shape, &ctx, &mut diags).ok()?;
    let rates = shape.rates;
    let review = Review::from_raw("g", &review.raw, &CONFIG.areas, shape).expect("a checked review converts");
    let district = District::from_raw("d", &district.raw, &CONFIG.areas, rates).expect("a checked district converts");
    let view = ReportView::new(&review, &district, None, &[], &CONFIG);
    let source = TEMPLATES.render(Format::Typst, REPORT_TEMPLATE, &view).expect("checked input renders");
    Some((source, review))
}

/// Whatever passes the checks must also typeset: the checks are the only
/// gate, so a Typst failure would reach a user as an unexplained error.
fn typesets(source: String, review: &Review) -> Result<(), String> {
    let job = Job { source, source_name: Path::new("x.typ"), date: review.published, ident: "x", earlier: None };
    typeset::typeset(&ENV, job).map(|_| ()).map_err(|e| e.iter().map(ToString::to_string).collect())
}

/// One edit of a text: delete, insert or duplicate a span.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        (any::<usize>(), "[\\[\\]{}=\"'#\\n,.a-zåäö0-9 _\\\\-]{1,12}").prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 0usize..80).prop_map(|(at, len)| Edit::Duplicate(at, len)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match e {
            Edit::Delete(at, len) => {
                let start = (at % n).min(chars.len());
                let end = (start + len).min(chars.len());
                chars.drain(start..end);
            }
            Edit::Insert(at, s) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, s.chars());
            }
            Edit::Duplicate(at, len) => {
                let start = (at % n).min(chars.len());
                let end = (start + len).min(chars.len());
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, copy);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn the_unmutated_base_goes_all_the_way() {
    let (source, review) = pipeline(&base("granskning.toml"), &base("d.toml")).expect("the base passes");
    typesets(source, &review).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_district_files_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        pipeline(&base("granskning.toml"), &apply(&base("d.toml"), &edits));
    }

    #[test]
    fn mutated_review_files_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        pipeline(&apply(&base("granskning.toml"), &edits), &base("d.toml"));
    }

    #[test]
    fn arbitrary_files_never_panic(text in "\\PC{0,400}") {
        pipeline(&base("granskning.toml"), &text);
    }

    #[test]
    fn any_text_in_a_text_field_never_panics(text in "\\PC{0,300}") {
        pipeline(&base("granskning.toml"), &with_text(&text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Any text the checks accept typesets (40 cases: each is a full
    /// Typst compilation).
    #[test]
    fn any_accepted_text_typesets(text in "([ -~]|[¡-ſ]|\\n|[–—‘’“”•…€\u{A0}\u{AD}\u{F0B7}]){0,200}") {
        if let Some((source, review)) = pipeline(&base("granskning.toml"), &with_text(&text)) {
            let result = typesets(source, &review);
            prop_assert!(result.is_ok(), "{:?}", result);
        }
    }
}
