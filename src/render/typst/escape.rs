//! Escaping of untrusted text for the two Typst contexts granska writes into:
//! markup (`[...]` content) and string literals (`"..."`).
//!
//! Everything an inspector types passes through one of these two functions
//! before it reaches the generated Typst source, so nothing typed can become
//! Typst code, a label, a reference, math or a comment.

/// Escapes `text` so that Typst markup shows it literally.
///
/// Every ASCII punctuation character is backslash-escaped. In Typst markup a
/// backslash followed by any non-whitespace character produces that character
/// literally, so this covers all markup syntax (`# * _ $ @ < > [ ] = - + / .
/// ~ : ' " \` and friends), the shorthands (`--`, `...`, `-?`, `~`), smart
/// quotes, automatic links (`https://`), and the statement terminator `;`
/// after an embedded expression. Letters, digits and non-ASCII text pass
/// unchanged. Line breaks become spaces: the Markdown layer decides where
/// paragraphs and line breaks go.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            // Everything Typst treats as a line break becomes a space.
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders `text` as a Typst string literal, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_ascii_punctuation_character() {
        let all: String = (0x21u8..0x7f).map(char::from).filter(char::is_ascii_punctuation).collect();
        let escaped = markup(&all);
        let mut chars = escaped.chars();
        for c in all.chars() {
            assert_eq!(chars.next(), Some('\\'), "missing backslash before {c:?}");
            assert_eq!(chars.next(), Some(c));
        }
        assert_eq!(chars.next(), None);
    }

    #[test]
    fn markup_keeps_letters_digits_and_swedish_characters() {
        assert_eq!(markup("Åsa 12 år öst"), "Åsa 12 år öst");
    }

    #[test]
    fn markup_turns_line_breaks_into_spaces() {
        assert_eq!(markup("a\nb\r\nc"), "a b  c");
    }

    #[test]
    fn string_literal_escapes_quotes_backslashes_and_controls() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny\t\u{7}"), r#""x\ny\t\u{7}""#);
    }
}
