//! Text as a reader sees it, for the personal-data guard: what looks the
//! same must be found the same. Each byte of the result remembers the byte
//! of the original it came from, so a finding can be located.
//!
//! - NFKC: full-width and other compatibility digits become `0`–`9`;
//! - invisible characters (soft hyphen, zero-width spaces and joiners,
//!   byte-order marks, direction marks) are removed;
//! - every dash and minus sign becomes `-`, every space (no-break, thin,
//!   line break …) a single ` `;
//! - numeric character references (`&#50;`, `&#x32;`) and the common named
//!   ones are decoded, as a browser would, and so are TOML's `\u` escapes
//!   and percent-encoded ASCII in addresses (`%36` is `6`, as a server
//!   reads a link's `?p=%36%34…`);
//! - Markdown and escape marks between digits (`6408**23`, `6408\23`) are
//!   dropped, as the reader sees the digits side by side.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// Normalised text with a map back to the original.
#[derive(Debug)]
pub struct Visible {
    pub text: String,
    /// For each byte of `text`, the byte range in the original it came from.
    origin: Vec<Range<usize>>,
}

impl Visible {
    pub fn new(raw: &str) -> Visible {
        let mut text = String::with_capacity(raw.len());
        let mut origin: Vec<Range<usize>> = Vec::with_capacity(raw.len());
        let push = |c: char, from: Range<usize>, text: &mut String, origin: &mut Vec<Range<usize>>| {
            let c = unify(c);
            if c == ' ' && text.ends_with(' ') {
                return;
            }
            text.push(c);
            origin.extend(std::iter::repeat_n(from, c.len_utf8()));
        };
        let mut i = 0;
        while i < raw.len() {
            let (c, len) = match reference(&raw[i..]) {
                Some((decoded, len)) => (decoded, len),
                None => {
                    let c = raw[i..].chars().next().expect("i is on a character boundary");
                    (Some(c), c.len_utf8())
                }
            };
            let from = i..i + len;
            i += len;
            if let Some(c) = c.filter(|c| !is_invisible(*c)) {
                for n in std::iter::once(c).nfkc() {
                    push(n, from.clone(), &mut text, &mut origin);
                }
            }
        }
        let mut visible = Visible { text, origin };
        visible.drop_marks_between_digits();
        visible
    }

    /// The range of the original that `range` of the text came from.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        match (self.origin.get(range.start), self.origin.get(range.end.saturating_sub(1))) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }

    /// Removes `*`, `_`, `\`, `` ` `` and `~` (in any number) that stand
    /// inside a number: between two digits, or between a digit and the
    /// `-` or `+` before its last four digits.
    fn drop_marks_between_digits(&mut self) {
        let bytes = self.text.as_bytes();
        let is_mark = |b: u8| matches!(b, b'*' | b'_' | b'\\' | b'`' | b'~');
        let in_number = |b: u8| b.is_ascii_digit() || b == b'-' || b == b'+';
        let mut keep = vec![true; bytes.len()];
        let mut i = 0;
        while i < bytes.len() {
            if is_mark(bytes[i]) && i > 0 && in_number(bytes[i - 1]) {
                let end = (i..bytes.len()).find(|&j| !is_mark(bytes[j])).unwrap_or(bytes.len());
                if end < bytes.len()
                    && in_number(bytes[end])
                    && (bytes[i - 1].is_ascii_digit() || bytes[end].is_ascii_digit())
                {
                    keep[i..end].iter_mut().for_each(|k| *k = false);
                }
                i = end;
            } else {
                i += 1;
            }
        }
        if keep.iter().all(|k| *k) {
            return;
        }
        let mut text = String::with_capacity(self.text.len());
        let mut origin = Vec::with_capacity(self.origin.len());
        for (i, c) in self.text.char_indices() {
            if keep[i] {
                text.push(c);
                origin.extend_from_slice(&self.origin[i..i + c.len_utf8()]);
            }
        }
        self.text = text;
        self.origin = origin;
    }
}

/// Dashes and spaces of every kind as `-` and ` `.
fn unify(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2043}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Characters that take no space and show nothing (Unicode format
/// characters and the like).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// A character reference at the start of `text` (HTML's `&#50;`, `&ndash;`,
/// TOML's `\u2013`, `\U00002013`, or a URL's `%32`): the character it stands for (`None`
/// for one that shows nothing, like `&shy;`) and its length.
fn reference(text: &str) -> Option<(Option<char>, usize)> {
    if let Some(hex) = text.strip_prefix('%') {
        let byte = u8::from_str_radix(hex.get(..2)?, 16).ok()?;
        return byte.is_ascii().then_some((Some(char::from(byte)), 3));
    }
    for (prefix, digits) in [("\\u", 4), ("\\U", 8)] {
        if let Some(hex) = text.strip_prefix(prefix) {
            let code = u32::from_str_radix(hex.get(..digits)?, 16).ok()?;
            return Some((Some(char::from_u32(code)?), prefix.len() + digits));
        }
    }
    let rest = text.strip_prefix('&')?;
    let end = rest.find(';').filter(|&e| e <= 10)?;
    let name = &rest[..end];
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        Some(char::from_u32(code)?)
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "ndash" | "mdash" | "minus" | "hyphen" | "dash" => Some('-'),
            "shy" | "zwsp" | "zwj" | "zwnj" | "lrm" | "rlm" => None,
            "amp" => Some('&'),
            "plus" => Some('+'),
            _ => return None,
        }
    };
    Some((c, end + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(raw: &str) -> String {
        Visible::new(raw).text
    }

    #[test]
    fn disguises_are_seen_through() {
        for raw in [
            "640823-3234",
            "640823\u{2013}3234",
            "640823\u{2011}3234",
            "640823\u{00A0}3234",
            "6408\u{00AD}23-3234",
            "6408\u{200B}23-3234",
            "640\u{FEFF}823-3234",
            "**6408**23-3234",
            "6408\\23-3234",
            "6408&#50;3-3234",
            "640823&ndash;3234",
            "%36%34%30%38%32%33%2D%33%32%33%34",
            "6408%323-3234",
            "\u{FF16}\u{FF14}\u{FF10}\u{FF18}\u{FF12}\u{FF13}-3234",
        ] {
            let text = seen(raw);
            assert!(text == "640823-3234" || text == "640823 3234" || text == "**640823-3234", "{raw:?} → {text:?}");
        }
    }

    #[test]
    fn positions_map_back_to_the_original() {
        let raw = "Nr: 6408\u{00AD}**23**-3234.";
        let visible = Visible::new(raw);
        let start = visible.text.find("640823").unwrap();
        let range = visible.source_range(start..start + "640823-3234".len());
        assert_eq!(&raw[range], "6408\u{00AD}**23**-3234");
    }

    #[test]
    fn ordinary_text_is_kept() {
        assert_eq!(
            seen("Dnr 3.1-117/2011, 1 200 kr; *betoning* och _mer_"),
            "Dnr 3.1-117/2011, 1 200 kr; *betoning* och _mer_"
        );
    }
}
