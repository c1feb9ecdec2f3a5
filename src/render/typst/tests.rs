//! The Typst room's safety guarantees: escaped text reads back exactly,
//! and converted Markdown calls nothing but the converter's own functions.

use proptest::prelude::*;
use typst::syntax::{SyntaxKind, SyntaxNode};

use super::{escape, markup};
use crate::markdown::{self, MAX_DEPTH};

/// Markdown to Typst, as a template's `rik` filter does it.
fn to_typst(text: &str) -> String {
    markup::rich(&markdown::parse(text), None, 0)
}

/// Typst functions the converter may call; anything else in its output
/// would mean inspector text became code.
const ALLOWED_CALLS: &[&str] = &[
    "metadata",
    "emph",
    "strong",
    "strike",
    "super",
    "sub",
    "list",
    "enum",
    "quote",
    "raw",
    "link",
    "footnote",
    "table",
    "line",
    "linebreak",
    "block",
    "par",
    "header",
    "heading",
];

/// Parses Typst markup and fails on syntax errors or on any code that the
/// converter does not write itself.
fn assert_only_converter_syntax(markup: &str) {
    let root = typst::syntax::parse(markup);
    let (errors, _) = root.errors_and_warnings();
    assert!(errors.is_empty(), "syntax errors {errors:?} in {markup:?}");
    check_node(&root, markup);
}

fn check_node(node: &SyntaxNode, whole: &str) {
    match node.kind() {
        SyntaxKind::FuncCall => {
            let callee = node.children().next().expect("call has callee");
            let name = callee.full_text();
            let name = name.rsplit('.').next().unwrap_or_default();
            assert!(ALLOWED_CALLS.contains(&name), "unexpected call {name:?} in {whole:?}");
        }
        // The one label the converter writes: the mark before a paragraph
        // kept with its footnotes.
        SyntaxKind::Label if node.full_text() == format!("<{}>", crate::typeset::FOOTNOTE_MARK).as_str() => {}
        SyntaxKind::LetBinding
        | SyntaxKind::SetRule
        | SyntaxKind::ShowRule
        | SyntaxKind::ModuleImport
        | SyntaxKind::ModuleInclude
        | SyntaxKind::Label
        | SyntaxKind::Ref
        | SyntaxKind::Equation
        | SyntaxKind::Heading
        | SyntaxKind::LineComment
        | SyntaxKind::BlockComment
        | SyntaxKind::Link
        | SyntaxKind::Shorthand
        | SyntaxKind::SmartQuote
        | SyntaxKind::Strong
        | SyntaxKind::Emph => panic!("unexpected {:?} in {whole:?}", node.kind()),
        _ => {}
    }
    for child in node.children() {
        check_node(child, whole);
    }
}

/// The text a reader sees for escaped plain markup: escapes resolved,
/// whitespace runs collapsed.
fn visible_text(markup: &str) -> String {
    let root = typst::syntax::parse(markup);
    let mut out = String::new();
    collect_text(&root, &mut out);
    out
}

fn collect_text(node: &SyntaxNode, out: &mut String) {
    match node.kind() {
        SyntaxKind::Text => out.push_str(node.leaf_text()),
        SyntaxKind::Escape => out.push_str(&node.leaf_text()[1..]),
        SyntaxKind::Space => out.push(' '),
        SyntaxKind::Markup => node.children().for_each(|c| collect_text(c, out)),
        other => panic!("plain text produced {other:?}"),
    }
}

/// Characters Typst markup treats as spaces or line breaks.
const TYPST_WHITESPACE: [char; 9] = [' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'];

fn collapse_whitespace(text: &str) -> String {
    text.split(TYPST_WHITESPACE).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[test]
fn typst_syntax_in_a_finding_stays_text() {
    for hostile in [
        "#read(\"/etc/passwd\")",
        "$x$",
        "*fet*",
        "_kursiv_",
        "<a>",
        "@ref",
        "// not a comment",
        "/* block */",
        "\\",
        "[ ]",
        "#let x = 1; #x",
        "#import \"@preview/x:0.1.0\": *",
        "= Rubrik",
        "- punkt",
        "+ punkt",
        "/ term: def",
        "1. ett",
        "https://exempel.se",
        "a -- b --- c ... ~ -? -5",
        "\"citat\" 'enkla'",
        "\\u{41}",
        "`kod`",
        "{ } ( ) ;",
    ] {
        let escaped = escape::markup(hostile);
        assert_only_converter_syntax(&escaped);
        assert_eq!(visible_text(&escaped), collapse_whitespace(hostile), "for {hostile:?}");
    }
}

#[test]
fn hostile_markdown_fields_convert_to_safe_markup() {
    let field = "Inspektören skrev #read(\"/etc/passwd\") och $x$ och <a> @ref // not a comment \\ [ ]";
    let typst = to_typst(field);
    assert_only_converter_syntax(&typst);
    assert!(typst.contains("\\#read\\(\\\"\\/etc\\/passwd\\\"\\)"), "{typst}");
}

#[test]
fn paragraphs_are_separated_by_blank_lines() {
    assert_eq!(
        to_typst("Första stycket.\nSamma stycke.\n\nAndra stycket."),
        "Första stycket\\. Samma stycke\\.\n\nAndra stycket\\."
    );
}

#[test]
fn emphasis_strong_and_strikethrough_become_functions() {
    assert_eq!(
        to_typst("*vikt* och **mycket** och ~~fel~~"),
        "#block(breakable: false, par[#emph[vikt] och #strong[mycket] och #strike[fel]])"
    );
}

#[test]
fn lists_become_list_and_enum_calls() {
    assert_eq!(to_typst("- ett\n- två"), "#list([ett], [två], )");
    assert_eq!(to_typst("3. tre\n4. fyra"), "#enum(start: 3, [tre], [fyra], )");
    let nested = to_typst("- a\n  - b\n- c");
    assert_eq!(nested, "#list([a\n\n#list([b], )], [c], )");
    assert_only_converter_syntax(&nested);
}

#[test]
fn word_bullets_become_a_list() {
    assert_eq!(
        to_typst("\u{F0B7} bygger på respekt\n\u{F0B7} är tillgängliga"),
        "#list([bygger på respekt], [är tillgängliga], )"
    );
}

#[test]
fn footnotes_become_typst_footnotes() {
    let typst = to_typst("Enligt riktlinjerna.[^1]\n\n[^1]: Handläggning av ekonomiskt bistånd, 2010-05-24.");
    assert_eq!(
        typst,
        "#metadata(1)<granska-fotnoter>#block(breakable: false, par[Enligt riktlinjerna\\.#footnote[Handläggning av ekonomiskt bistånd\\, 2010\\-05\\-24\\.]])"
    );
    assert_only_converter_syntax(&typst);
}

#[test]
fn a_footnote_defined_before_its_reference_works() {
    let typst = to_typst("[^k]: Källa.\n\nText[^k] här.");
    assert_eq!(typst, "#metadata(1)<granska-fotnoter>#block(breakable: false, par[Text#footnote[Källa\\.] här\\.])");
}

#[test]
fn a_short_paragraph_with_marked_words_stays_on_one_page_and_a_long_one_may_break() {
    assert_eq!(to_typst("Vanlig text."), "Vanlig text\\.");
    let long = format!("*Ord* {}", "lång text ".repeat(200));
    assert!(to_typst(&long).starts_with("#emph[Ord]"));
    assert_only_converter_syntax(&to_typst("- punkt[^1]\n\n[^1]: Not."));
}

#[test]
fn tables_get_a_header_row() {
    let typst = to_typst("| Hinder | Antal |\n|---|--:|\n| Arbetslös | 224 |");
    assert_eq!(
        typst,
        "#table(columns: 2, align: (left, right,), table.header([Hinder], [Antal], ), [Arbetslös], [224], )"
    );
    assert_only_converter_syntax(&typst);
}

#[test]
fn only_web_and_mail_links_are_links() {
    assert_eq!(
        to_typst("[Stockholm](https://stockholm.se)"),
        "#block(breakable: false, par[#link(\"https://stockholm.se\")[Stockholm]])"
    );
    assert_eq!(to_typst("[fil](file:///etc/passwd)"), "fil");
    assert_eq!(to_typst("[x](/etc/passwd)"), "x");
    assert_eq!(
        to_typst("<info@exempel.se>"),
        "#block(breakable: false, par[#link(\"mailto:info@exempel.se\")[info\\@exempel\\.se]])"
    );
}

#[test]
fn images_show_their_alt_text_and_load_nothing() {
    assert_eq!(to_typst("![Logga](/etc/passwd)"), "Logga");
}

#[test]
fn code_becomes_raw_string_literals() {
    assert_eq!(to_typst("`#x`"), "#raw(\"#x\")");
    assert_eq!(to_typst("```\nrad \"1\"\n```"), "#raw(block: true, \"rad \\\"1\\\"\")");
}

#[test]
fn html_is_shown_as_text() {
    let typst = to_typst("<b>fet</b>\n\n<div>\nblock\n</div>");
    assert_only_converter_syntax(&typst);
    assert!(typst.contains("\\<b\\>fet\\<\\/b\\>"), "{typst}");
}

#[test]
fn headings_inside_a_field_become_bold_paragraphs() {
    assert_eq!(to_typst("# Rubrik\n\nText"), "#strong[Rubrik]\n\nText");
}

#[test]
fn with_a_level_sub_headings_become_real_headings_relative_to_it() {
    let text = markdown::parse("### Dokumentation\n\nText\n\n#### Journaler\n\nMer\n\n### Tider");
    assert_eq!(
        markup::rich(&text, Some(4), 0),
        "#heading(level: 4, numbering: none)[Dokumentation]\n\nText\n\n#heading(level: 5, numbering: none)[Journaler]\n\nMer\n\n#heading(level: 4, numbering: none)[Tider]"
    );
    // A skipped level is not written as one, even if the check was bypassed.
    let skipping = markdown::parse("## A\n\n#### B");
    assert_eq!(
        markup::rich(&skipping, Some(2), 0),
        "#heading(level: 2, numbering: none)[A]\n\n#heading(level: 3, numbering: none)[B]"
    );
}

#[test]
fn deeply_nested_markdown_is_flattened_not_fatal() {
    for depth in [20, 200, 5_000] {
        let quotes = format!("{} djupt", ">".repeat(depth));
        let lists: String = (0..depth.min(400)).map(|i| format!("{}- nivå {i}\n", "  ".repeat(i))).collect();
        for input in [quotes, lists] {
            let typst = to_typst(&input);
            assert_only_converter_syntax(&typst);
            assert!(typst.matches('[').count() <= 2 * MAX_DEPTH + 4, "too deep: {typst:.200}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Any plain string, escaped, reads back exactly (up to whitespace).
    #[test]
    fn any_plain_string_round_trips(text in "\\PC*") {
        let escaped = escape::markup(&text);
        prop_assert_eq!(collapse_whitespace(&visible_text(&escaped)), collapse_whitespace(&text));
    }

    /// Whatever an inspector types, the converter's output parses and calls
    /// nothing but the converter's own functions.
    #[test]
    fn any_markdown_converts_to_safe_typst(text in "(\\PC|[\\n#*_\\[\\]()<>@$`\\\\|:/=+~^-]){0,200}") {
        assert_only_converter_syntax(&to_typst(&text));
    }

    /// Prose (text that starts like a sentence and uses no Markdown markers
    /// or HTML entities) keeps every character, Typst syntax included.
    #[test]
    fn prose_keeps_every_character(text in "[a-zA-ZåäöÅÄÖ][a-zA-ZåäöÅÄÖ0-9 ,.;:!?%/=@#$'\"(){}]{0,80}") {
        let typst = to_typst(&text);
        prop_assert_eq!(collapse_whitespace(&visible_text(&typst)), collapse_whitespace(&text));
    }
}
