//! A calendar date that is valid by construction.

use std::fmt;

/// A calendar date (no time, no zone: reports are dated by day). Only real
/// dates can be built: see [`Date::new`] and [`Date::from_toml`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

impl Date {
    /// `None` unless it is a real calendar date in the years 1000–9999
    /// (PDF timestamps need four digits).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// Takes the date part of a TOML datetime; `None` if there is none, it
    /// has a time, or it is not a real calendar date.
    pub fn from_toml(value: &toml::value::Datetime) -> Option<Date> {
        let d = value.date?;
        if value.time.is_some() {
            return None;
        }
        Date::new(i32::from(d.year), d.month, d.day)
    }

    /// Parses "2026-11-24" (as given on the command line).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Today (UTC).
    pub fn today() -> Date {
        let today = time::OffsetDateTime::now_utc().date();
        Date::new(today.year(), today.month() as u8, today.day()).expect("today is a date")
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// "15 april 2011", as Swedish running text writes dates.
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year)
    }
}

/// ISO 8601, as Swedish tables write dates: "2011-04-15".
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_the_swedish_way() {
        let d = Date::new(2011, 4, 5).unwrap();
        assert_eq!(d.long(), "5 april 2011");
        assert_eq!(d.to_string(), "2011-04-05");
    }

    #[test]
    fn only_real_calendar_dates_are_dates() {
        let parse = |s: &str| Date::from_toml(&s.parse::<toml::value::Datetime>().unwrap());
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2011-04-15T10:00:00").is_none());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2011, 13, 1).is_none());
        assert!(Date::new(2011, 0, 1).is_none());
        assert!(Date::new(999, 1, 1).is_none());
        assert_eq!(Date::parse_iso("2026-11-24"), Date::new(2026, 11, 24));
        assert_eq!(Date::parse_iso("2026-02-30"), None);
        assert_eq!(Date::parse_iso("igår"), None);
    }
}
