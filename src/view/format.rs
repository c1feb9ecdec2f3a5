//! Swedish number formatting for reports: "3 051", "2,5", "75 %".
//!
//! Thousands are grouped with a narrow no-break space (U+202F), the decimal
//! sign is a comma, and a percent sign follows a no-break space (U+00A0).

/// Narrow no-break space: groups thousands.
pub const THIN_NBSP: char = '\u{202F}';
/// No-break space: between a number and its unit.
pub const NBSP: char = '\u{A0}';

/// "3 051", "−12 000" (typographic minus).
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 3);
    if n < 0 {
        out.push('−');
    }
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
    fn percentages_round_and_keep_the_sign_on_the_same_line() {
        assert_eq!(percent(3, 4).unwrap(), "75\u{A0}%");
        assert_eq!(percent(2, 3).unwrap(), "67\u{A0}%");
        assert_eq!(percent(0, 0), None);
    }
}
