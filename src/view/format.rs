//! Swedish number formatting for reports: "3 051", "2,5", "75 %".
//!
//! Thousands are grouped with a narrow no-break space (U+202F), the decimal
//! sign is a comma, and a percent sign follows a no-break space (U+00A0).

use crate::model::Fill;

/// Narrow no-break space: groups thousands.
pub const THIN_NBSP: char = '\u{202F}';
/// No-break space: between a number and its unit.
pub const NBSP: char = '\u{A0}';

/// "3 051", "−12 000" (typographic minus).
pub fn integer(n: i64) -> String {
    let sign = if n < 0 { "−" } else { "" };
    format!("{sign}{}", unsigned(n.unsigned_abs()))
}

/// A count, or the placeholder where it is still to fill in (a draft).
pub fn count(n: Fill<u64>) -> String {
    n.text(unsigned)
}

/// "3 051".
pub fn unsigned(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(THIN_NBSP);
        }
        out.push(c);
    }
    out
}

/// A decimal with at most `places` decimals, trailing zeros dropped:
/// `decimal(2.50, 2)` is "2,5", `decimal(7533.0, 2)` is "7 533".
pub fn decimal(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let fixed = format!("{:.*}", places, x.abs());
    let (whole, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let whole: i64 = whole.parse().unwrap_or(0);
    let sign = if x < 0.0 && (whole != 0 || !frac.is_empty()) { "−" } else { "" };
    let mut out = format!("{sign}{}", integer(whole));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A share as a whole percentage: `percent(3, 4)` is "75 %"; `None` when
/// the denominator is zero (nothing to divide).
pub fn percent(part: u64, whole: u64) -> Option<String> {
    (whole > 0).then(|| format!("{}{NBSP}%", (part as f64 * 100.0 / whole as f64).round()))
}

/// [`percent`] of counts that may be still to fill in: the placeholder
/// then, as the share is not known.
pub fn share(part: Fill<u64>, whole: Fill<u64>) -> Fill<Option<String>> {
    part.zip_with(whole, percent)
}

/// `colour` ("#rrggbb") if text in it has a contrast of at least 4.5:1 on
/// white (WCAG 2.1 AA), else the same hue darkened until it has.
pub fn readable_on_white(colour: &str) -> String {
    let Some(mut rgb) = parse_hex(colour) else { return "#000000".to_owned() };
    while contrast_on_white(rgb) < 4.5 {
        rgb = rgb.map(|c| (f64::from(c) * 0.9).floor() as u8);
    }
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2.1 contrast ratio of a colour against white.
fn contrast_on_white(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_group_thousands_with_a_narrow_no_break_space() {
        assert_eq!(integer(3051), "3\u{202F}051");
        assert_eq!(integer(388_400), "388\u{202F}400");
        assert_eq!(integer(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(-12_000), "−12\u{202F}000");
        assert_eq!(integer(0), "0");
    }

    #[test]
    fn decimals_use_a_comma_and_drop_trailing_zeros() {
        assert_eq!(decimal(2.5, 1), "2,5");
        assert_eq!(decimal(64.2, 2), "64,2");
        assert_eq!(decimal(7533.0, 2), "7\u{202F}533");
        assert_eq!(decimal(-0.25, 2), "−0,25");
        assert_eq!(decimal(-0.001, 2), "0");
        assert_eq!(decimal(f64::NAN, 2), "–");
    }

    #[test]
    fn accent_colours_too_light_for_text_are_darkened_until_readable() {
        assert_eq!(readable_on_white("#1f4e79"), "#1f4e79");
        let darkened = readable_on_white("#f2c94c");
        assert_ne!(darkened, "#f2c94c");
        assert!(contrast_on_white(parse_hex(&darkened).unwrap()) >= 4.5, "{darkened}");
        assert_eq!(readable_on_white("grön"), "#000000");
    }

    #[test]
    fn percentages_round_and_keep_the_sign_on_the_same_line() {
        assert_eq!(percent(3, 4).unwrap(), "75\u{A0}%");
        assert_eq!(percent(2, 3).unwrap(), "67\u{A0}%");
        assert_eq!(percent(0, 0), None);
    }
}
