//! Normalisation of text pasted from Word and other word processors.
//!
//! Pasted text carries characters whose meaning is obvious to a reader but
//! which no report font can show, or which Markdown would misread: the
//! private-use bullet U+F0B7 from the Symbol font, soft hyphens, zero-width
//! spaces, tabs, Windows line endings and uniform indentation (which Markdown
//! would turn into a code block). This module rewrites exactly those; every
//! other character is left for the lint stage to judge.

use unicode_normalization::UnicodeNormalization;

/// Private-use bullets that Word writes for list items (Symbol and Wingdings).
const WORD_BULLETS: [char; 3] = ['\u{F0B7}', '\u{F0A7}', '\u{F0D8}'];

/// Normalises a multi-line Markdown text field.
///
/// - Unicode is composed (NFC): `a` + combining ring becomes `å`, as text
///   pasted from macOS often needs;
/// - `\r\n`, `\r`, U+2028 become `\n`; U+2029 becomes a blank line;
/// - a Word bullet (or `•`) at the start of a line becomes a Markdown list
///   item `- `; elsewhere a Word bullet becomes `•`;
/// - soft hyphens (U+00AD), zero-width spaces (U+200B) and byte-order marks
///   (U+FEFF) are removed: Typst hyphenates by itself;
/// - tabs become spaces;
/// - indentation shared by all non-blank lines is removed.
pub fn block(text: &str) -> String {
    let composed: String = text.nfc().collect();
    let unified = composed.replace("\r\n", "\n").replace(['\r', '\u{2028}'], "\n").replace('\u{2029}', "\n\n");
    let lines: Vec<String> = unified.split('\n').map(normalize_line).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(unified.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.get(indent..).unwrap_or_else(|| line.trim_start()));
    }
    out
}

/// Normalises a single-line field (a name, a title): like [`block`], but
/// line breaks and tabs become spaces and surrounding space is trimmed.
pub fn inline(text: &str) -> String {
    let line: String = text
        .nfc()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if WORD_BULLETS.contains(&c) => Some('•'),
            c if is_invisible(c) => None,
            c => Some(c),
        })
        .collect();
    line.trim().to_owned()
}

fn normalize_line(line: &str) -> String {
    let body = line.trim_start_matches([' ', '\t']);
    let lead = &line[..line.len() - body.len()];
    let mut out = String::with_capacity(line.len());
    out.extend(lead.chars().map(|_| ' '));
    let mut rest = body;
    if let Some(first) = body.chars().next()
        && (WORD_BULLETS.contains(&first) || first == '•')
    {
        out.push_str("- ");
        rest = body[first.len_utf8()..].trim_start_matches([' ', '\t', '\u{a0}']);
    }
    for c in rest.chars() {
        match c {
            '\t' => out.push(' '),
            c if WORD_BULLETS.contains(&c) => out.push('•'),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_bullets_at_line_start_become_list_items() {
        let pasted = "God kvalitet är när tjänsterna\n\u{F0B7} bygger på respekt\n\u{F0B7}\tär tillgängliga";
        assert_eq!(block(pasted), "God kvalitet är när tjänsterna\n- bygger på respekt\n- är tillgängliga");
    }

    #[test]
    fn word_bullet_inside_a_line_becomes_a_bullet_character() {
        assert_eq!(block("a \u{F0B7} b"), "a • b");
        assert_eq!(inline("a \u{F0B7} b"), "a • b");
    }

    #[test]
    fn soft_hyphens_zero_width_spaces_and_crlf_are_cleaned() {
        assert_eq!(block("social\u{AD}tjänst\u{200B}\r\nrad två\rtre"), "socialtjänst\nrad två\ntre");
    }

    #[test]
    fn shared_indentation_is_removed_but_relative_indentation_kept() {
        assert_eq!(block("\n    - a\n      - b\n    text"), "\n- a\n  - b\ntext");
    }

    #[test]
    fn decomposed_letters_are_composed() {
        assert_eq!(block("Ska\u{308}rholmen"), "Skärholmen");
        assert_eq!(inline("Ha\u{308}sselby"), "Hässelby");
    }

    #[test]
    fn inline_fields_lose_line_breaks_and_outer_space() {
        assert_eq!(inline("  Bromma\nstadsdelsförvaltning\t"), "Bromma stadsdelsförvaltning");
    }
}
