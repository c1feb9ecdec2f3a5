//! The parser: what the tree holds for each Markdown construct, and the
//! problems it reports with their position in the field.

use super::*;

fn text(t: &str) -> Inline {
    Inline::Text(t.to_owned())
}

#[test]
fn paragraphs_lists_and_emphasis_become_blocks_and_inlines() {
    let parsed = parse("Ett *viktigt* stycke.\n\n- a\n- b");
    assert_eq!(
        parsed.blocks,
        [
            Block::Paragraph(vec![text("Ett "), Inline::Emphasis(vec![text("viktigt")]), text(" stycke.")]),
            Block::List {
                start: None,
                items: vec![vec![Block::Paragraph(vec![text("a")])], vec![Block::Paragraph(vec![text("b")])]]
            },
        ]
    );
}

#[test]
fn footnotes_are_stored_at_their_reference() {
    let parsed = parse("Text[^1].\n\n[^1]: Källan.");
    assert_eq!(
        parsed.blocks,
        [Block::Paragraph(vec![
            text("Text"),
            Inline::Footnote { number: 0, body: vec![Block::Paragraph(vec![text("Källan.")])] },
            text(".")
        ])]
    );
    assert_eq!(parsed.plain_text(), "Text Källan. .");
}

#[test]
fn sub_heading_levels_are_relative_to_the_fields_top_level() {
    let parsed = parse("## A\n\n### B\n\n## C");
    let levels: Vec<u8> = parsed
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [1, 2, 1]);
}

#[test]
fn tables_keep_header_rows_and_alignment() {
    let parsed = parse("| Hinder | Antal |\n|---|--:|\n| Arbetslös | 224 |");
    assert_eq!(
        parsed.blocks,
        [Block::Table {
            align: vec![Align::Left, Align::Right],
            head: vec![vec![text("Hinder")], vec![text("Antal")]],
            rows: vec![vec![vec![text("Arbetslös")], vec![text("224")]]],
        }]
    );
}

#[test]
fn the_tree_serialises_under_its_marker_key_and_back() {
    let parsed = parse("**Fet** [länk](https://exempel.se)");
    let json = serde_json::to_value(&parsed).unwrap();
    assert!(json.get(Rich::KEY).is_some(), "{json}");
    assert_eq!(serde_json::from_value::<Rich>(json).unwrap(), parsed);
}

#[test]
fn undefined_and_unused_footnotes_are_reported_with_their_position() {
    let text = "Text[^saknas] och [^1].\n\n[^1]: Finns.\n\n[^2]: Oanvänd.";
    let problems = problems(text);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::UndefinedFootnote("saknas".into()));
    assert_eq!(&text[problems[0].range.clone()], "[^saknas]");
    assert_eq!(problems[1].kind, ProblemKind::UnusedFootnote("2".into()));
    assert!(text[problems[1].range.clone()].starts_with("[^2]:"));
}

#[test]
fn defined_footnotes_are_not_problems() {
    assert!(problems("A[^1] B[^x].\n\n[^1]: a\n[^x]: b").is_empty());
}

#[test]
fn skipped_and_too_deep_sub_headings_are_reported() {
    let text = "### A\n\n##### B\n\n### C\n\n#### D\n\n##### E\n\n###### F";
    let found = problems(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].kind, ProblemKind::SkippedHeadingLevel { found: 5, allowed: 4 });
    assert!(text[found[0].range.clone()].starts_with("##### B"));
    assert_eq!(found[1].kind, ProblemKind::HeadingTooDeep { found: 6, deepest: 5 });
    assert!(problems("## A\n\n### B\n\n## C").is_empty());
    let first = problems("#### A\n\n### B");
    assert_eq!(first[0].kind, ProblemKind::FirstHeadingTooDeep { found: 4, top: 3 });
}

#[test]
fn empty_headings_are_dropped() {
    assert_eq!(parse("#\n\nText\n\n## \u{a0}").blocks, [Block::Paragraph(vec![text("Text")])]);
}

#[test]
fn heading_levels_start_at_the_base_and_never_skip() {
    let mut levels = super::HeadingLevels::new(3);
    // A text that opens with a deep heading still starts at the base.
    assert_eq!(levels.place(3), 3);
    assert_eq!(levels.place(3), 4);
    assert_eq!(levels.place(2), 4);
    assert_eq!(levels.place(1), 3);
    assert_eq!(levels.place(0), 3);
}
