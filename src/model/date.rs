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

    /// Today, as a calendar in Sweden shows it (Europe/Stockholm: between
    /// midnight and 01:00 or 02:00 Swedish time it is already tomorrow in
    /// Sweden but not yet in UTC).
    pub fn today() -> Date {
        Date::of_timestamp(jiff::Timestamp::now()).expect("today is a date")
    }

    /// The Swedish calendar date of a Unix time (a commit's, say).
    pub fn of_unix_time(seconds: i64) -> Option<Date> {
        Date::of_timestamp(jiff::Timestamp::from_second(seconds).ok()?)
    }

    fn of_timestamp(at: jiff::Timestamp) -> Option<Date> {
        let date = swedish_time().to_datetime(at).date();
        Date::new(i32::from(date.year()), date.month().unsigned_abs(), date.day().unsigned_abs())
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

/// Swedish time, from the time-zone database compiled into granska (the
/// machine's own zone, or its database, does not matter).
fn swedish_time() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Stockholm").expect("the bundled database has Europe/Stockholm")
}

/// Stored as ISO 8601 text ("2011-04-15"), as in the state files.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).ok_or_else(|| serde::de::Error::custom(format!("inget datum: {text}")))
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

    #[test]
    fn the_date_is_the_swedish_one() {
        // 2026-01-14 23:30 UTC is 00:30 on the 15th in Stockholm (CET, +1).
        assert_eq!(Date::of_unix_time(1_768_433_400), Date::new(2026, 1, 15));
        // 2026-07-14 22:30 UTC is 00:30 on the 15th (CEST, +2).
        assert_eq!(Date::of_unix_time(1_784_068_200), Date::new(2026, 7, 15));
        // 2026-07-14 21:30 UTC is still the 14th.
        assert_eq!(Date::of_unix_time(1_784_064_600), Date::new(2026, 7, 14));
    }
}
