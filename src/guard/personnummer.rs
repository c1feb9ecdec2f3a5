//! Finds Swedish personal identity numbers (*personnummer*) and
//! co-ordination numbers (*samordningsnummer*) in text.
//!
//! Reports are public; social-services data is secret (OSL 26 kap. 1 §). A
//! match stops the build. Recognised forms: `YYMMDD-NNNC`, `YYMMDD+NNNC`,
//! `YYMMDDNNNC`, `YYYYMMDD-NNNC` and `YYYYMMDDNNNC`, standing alone (no digit
//! directly before or after), with a valid date (day + 60 for
//! samordningsnummer) and a valid Luhn check digit over the ten-digit form.
//! Dates, diarienummer and phone numbers fail one of these tests.

use std::ops::Range;

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub range: Range<usize>,
    pub samordningsnummer: bool,
    /// The number's ten digits, `YYMMDDNNNC`.
    pub digits: String,
}

/// All personnummer and samordningsnummer in `text`, which the caller has
/// normalised (see [`super::visible`]): ASCII digits, and between the date
/// and the last four digits `-`, `+` or a space (or a sign with spaces
/// around it, as when a line breaks after the dash).
pub fn find(text: &str) -> Vec<Found> {
    let runs = digit_runs(text);
    let mut found = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let digits = &text[run.clone()];
        let candidate = match digits.len() {
            10 | 12 => Some((run.clone(), digits.to_owned())),
            6 | 8 => match runs.get(i + 1) {
                Some(next) if next.len() == 4 && SEPARATORS.contains(&&text[run.end..next.start]) => {
                    Some((run.start..next.end, format!("{digits}{}", &text[next.clone()])))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((range, digits)) = candidate
            && let Some(samordningsnummer) = check(&digits)
        {
            found.push(Found { range, samordningsnummer, digits: ten_digits(&digits) });
        }
    }
    found
}

/// What may stand between the date and the last four digits.
const SEPARATORS: [&str; 9] = ["-", "+", " ", "- ", " -", " - ", "+ ", " +", " + "];

/// The ten-digit form (without the century).
fn ten_digits(digits: &str) -> String {
    digits[digits.len() - 10..].to_owned()
}

/// Maximal runs of ASCII digits.
fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..text.len());
    }
    runs
}

/// Validates 10 or 12 digits; `Some(is_samordningsnummer)` when valid.
fn check(digits: &str) -> Option<bool> {
    let d: Vec<u32> = digits.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    let ten = match d.len() {
        12 => {
            let century = d[0] * 10 + d[1];
            if !(18..=20).contains(&century) {
                return None;
            }
            &d[2..]
        }
        10 => &d[..],
        _ => return None,
    };
    let month = ten[2] * 10 + ten[3];
    let day = ten[4] * 10 + ten[5];
    let samordning = day > 60;
    let real_day = if samordning { day - 60 } else { day };
    let max_day = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return None,
    };
    if !(1..=max_day).contains(&real_day) {
        return None;
    }
    luhn_valid(ten).then_some(samordning)
}

/// The Luhn check used for Swedish identity numbers: weights 2,1,2,1,… over
/// the first nine digits; the tenth makes the digit sum a multiple of ten.
fn luhn_valid(ten: &[u32]) -> bool {
    check_digit(&ten[..9]) == ten[9]
}

/// The check digit for nine digits.
pub fn check_digit(nine: &[u32]) -> u32 {
    let sum: u32 = nine
        .iter()
        .enumerate()
        .map(|(i, &digit)| {
            let product = digit * if i % 2 == 0 { 2 } else { 1 };
            product / 10 + product % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Builds a number from its parts with the given check-digit offset
    /// (0 = valid).
    fn number(yy: u32, mm: u32, dd: u32, serial: u32, wrong_by: u32) -> String {
        let nine: Vec<u32> =
            format!("{yy:02}{mm:02}{dd:02}{serial:03}").chars().map(|c| c.to_digit(10).unwrap()).collect();
        let check = (check_digit(&nine) + wrong_by) % 10;
        format!("{yy:02}{mm:02}{dd:02}{serial:03}{check}")
    }

    /// The five written forms of one ten-digit number.
    fn forms(ten: &str, century: u32) -> [String; 5] {
        let (date, rest) = ten.split_at(6);
        [
            format!("{date}-{rest}"),
            format!("{date}+{rest}"),
            ten.to_owned(),
            format!("{century}{date}-{rest}"),
            format!("{century}{ten}"),
        ]
    }

    #[test]
    fn known_test_numbers_are_found() {
        // Skatteverket's published test personnummer.
        for text in ["811218-9876", "19811218-9876", "8112189876", "198112189876", "Född 811218+9876."] {
            assert_eq!(find(text).len(), 1, "{text}");
        }
        let text = "sökande 701063-2391 idag";
        let s = find(text);
        assert_eq!(s.len(), 1);
        assert!(s[0].samordningsnummer);
        assert_eq!(&text[s[0].range.clone()], "701063-2391");
    }

    #[test]
    fn look_alikes_are_not_flagged() {
        for text in [
            "2011-04-15",
            "dnr 3.1-117/2011",
            "Dnr 420-24/2011",
            "08-508 25 000",
            "070-123 45 67",
            "+46 70 123 45 67",
            "+46701234567",
            "0850825000",
            "Organisationsnummer 212000-0142",
            "3 051 tkr",
            "Artikelnr. 2010-6-13",
            "811218-98761",
            "1811218-9876",
        ] {
            assert!(find(text).is_empty(), "{text} was flagged");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

        /// 1 000 generated valid numbers, in every written form, are found.
        #[test]
        fn generated_valid_numbers_are_found(
            yy in 0u32..100, mm in 1u32..=12, dd in 1u32..=28, serial in 0u32..1000,
            samordning in any::<bool>(), century in 19u32..=20, before in "[a-zåäö ,.(]{0,5}", after in "[a-zåäö ,.)]{0,5}",
        ) {
            let ten = number(yy, mm, if samordning { dd + 60 } else { dd }, serial, 0);
            for form in forms(&ten, century) {
                let text = format!("{before}{form}{after}");
                let found = find(&text);
                prop_assert_eq!(found.len(), 1, "{}", text);
                prop_assert_eq!(&text[found[0].range.clone()], form.as_str());
                prop_assert_eq!(found[0].samordningsnummer, samordning);
            }
        }

        /// 1 000 generated numbers with a wrong check digit are not.
        #[test]
        fn generated_numbers_with_a_wrong_check_digit_are_not_found(
            yy in 0u32..100, mm in 1u32..=12, dd in 1u32..=28, serial in 0u32..1000, wrong_by in 1u32..10, century in 19u32..=20,
        ) {
            let ten = number(yy, mm, dd, serial, wrong_by);
            for form in forms(&ten, century) {
                prop_assert!(find(&form).is_empty(), "{}", form);
            }
        }

        /// Valid check digits but impossible dates are not numbers.
        #[test]
        fn impossible_dates_are_not_found(yy in 0u32..100, mm in 13u32..100, dd in 1u32..=28, serial in 0u32..1000) {
            prop_assert!(find(&number(yy, mm, dd, serial, 0)).is_empty());
        }

        /// ISO dates and dates with times never match.
        #[test]
        fn dates_are_not_found(y in 1900u32..2100, m in 1u32..=12, d in 1u32..=28, h in 0u32..24, min in 0u32..60) {
            let date_text = format!("{y}-{m:02}-{d:02} kl. {h:02}:{min:02}");
            prop_assert!(find(&date_text).is_empty());
        }
    }
}
