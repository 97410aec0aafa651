use std::fmt;

use serde::{Deserialize, Serialize};

/// An RFC 3339 timestamp (`2021-04-02T09:00:00Z`), checked when parsed and
/// kept as written so it can go back into `<time datetime>` unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp {
    raw: String,
    year: i32,
    month: u8,
    day: u8,
    /// Minutes since midnight UTC of that day, for ordering.
    utc_minutes: i32,
    /// Its seconds (an offset is whole minutes: they are the same in UTC).
    second: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date-time like 2021-04-02T09:00:00Z")]
pub struct BadTimestamp(pub String);

impl Timestamp {
    pub fn parse(raw: &str) -> Result<Self, BadTimestamp> {
        let bad = || BadTimestamp(raw.to_string());
        let s = raw.trim();
        let b = s.as_bytes();
        // YYYY-MM-DDTHH:MM:SS, then optional fraction, then Z or ±HH:MM.
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(bad());
        }
        let num = |from: usize, to: usize| -> Result<i32, BadTimestamp> {
            let part = s.get(from..to).ok_or_else(bad)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<i32>().map_err(|_| bad())
        };
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month as u8) as i32
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(bad());
        }
        // Everything after the seconds is checked byte by byte: the text may
        // hold any character there, and slicing by byte offsets inside a
        // multi-byte one would panic.
        let mut rest = &b[19..];
        if let Some(frac) = rest.strip_prefix(b".") {
            let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return Err(bad());
            }
            rest = &frac[digits..];
        }
        let two = |hi: u8, lo: u8| -> Result<i32, BadTimestamp> {
            if hi.is_ascii_digit() && lo.is_ascii_digit() {
                Ok(i32::from(hi - b'0') * 10 + i32::from(lo - b'0'))
            } else {
                Err(bad())
            }
        };
        let offset = match *rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (h, m) = (two(h1, h2)?, two(m1, m2)?);
                if h > 23 || m > 59 {
                    return Err(bad());
                }
                let sign = if sign == b'-' { -1 } else { 1 };
                sign * (h * 60 + m)
            }
            _ => return Err(bad()),
        };
        Ok(Timestamp {
            raw: s.to_string(),
            year,
            month: month as u8,
            day: day as u8,
            utc_minutes: hour * 60 + minute - offset,
            second: second as u8,
        })
    }

    /// The timestamp as written in the content.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The timestamp in the form feeds, sitemaps and structured data need:
    /// RFC 3339 allows `2021-04-02 09:00:00z`, Atom and schema.org do not.
    pub fn canonical(&self) -> String {
        self.raw
            .char_indices()
            .map(|(i, c)| match c {
                ' ' | 't' if i == 10 => 'T',
                'z' => 'Z',
                c => c,
            })
            .collect()
    }

    /// The calendar date as written (in its own offset), e.g. "2 April 2021".
    /// The browser prefers the reader's locale; this is the fallback and
    /// what the native renderer prints.
    pub fn long_date(&self) -> String {
        let month = MONTHS.get(usize::from(self.month).wrapping_sub(1)).copied().unwrap_or_default();
        format!("{} {month} {}", self.day, self.year)
    }

    /// `2021-04-02`, as written.
    pub fn ymd(&self) -> &str {
        // The first ten bytes were checked to be ASCII when parsed.
        self.raw.get(..10).unwrap_or_default()
    }

    /// A key that orders timestamps by the instant they name.
    pub fn sort_key(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 1440 + self.utc_minutes as i64
    }
}

impl Timestamp {
    /// Whether this names an earlier instant than `other`, to the second:
    /// the same time written in two zones, or with a fraction of a second
    /// more, is not earlier.
    pub fn is_before(&self, other: &Timestamp) -> bool {
        (self.sort_key(), self.second) < (other.sort_key(), other.second)
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.second.cmp(&other.second))
            .then_with(|| self.raw.cmp(&other.raw))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl TryFrom<String> for Timestamp {
    type Error = BadTimestamp;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Timestamp::parse(&value)
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.raw
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A moment given in seconds since the epoch, as RFC 3339 in UTC
/// (`2021-04-02T09:00:00Z`), for `<time datetime>`: written the same way
/// natively and in the browser.
pub fn iso_time(seconds: f64) -> String {
    let total = if seconds.is_finite() { seconds.floor() as i64 } else { 0 };
    let (days, secs) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// The calendar date of a day number (days since 1970-01-01), after Howard
/// Hinnant's civil-from-days.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 (Howard Hinnant's civil-from-days, inverted).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canonical_form_has_an_upper_case_t_and_z() {
        for (raw, want) in [
            ("2026-11-20 21:30:00+01:00", "2026-11-20T21:30:00+01:00"),
            ("2026-11-20t21:30:00z", "2026-11-20T21:30:00Z"),
            ("2026-11-20T21:30:00.5Z", "2026-11-20T21:30:00.5Z"),
        ] {
            assert_eq!(Timestamp::parse(raw).map(|t| t.canonical()), Ok(want.to_string()));
        }
    }

    #[test]
    fn the_same_instant_in_another_zone_or_with_a_fraction_more_is_not_before() {
        let t = |raw: &str| Timestamp::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
        let published = t("2024-03-01T10:00:00+01:00");
        for same_or_later in
            ["2024-03-01T09:00:00Z", "2024-03-01T09:00:00.5Z", "2024-03-01T10:00:00+01:00", "2024-03-01T09:00:01Z"]
        {
            assert!(!t(same_or_later).is_before(&published), "{same_or_later}");
        }
        assert!(t("2024-03-01T08:59:59Z").is_before(&published));
        assert!(t("2024-03-01T10:00:00+02:00").is_before(&published));
    }

    #[test]
    fn formats_long_dates_as_written() {
        let cases = [
            ("2021-04-02T09:00:00Z", "2 April 2021"),
            ("2021-06-16T00:00:00+09:00", "16 June 2021"),
            ("1999-12-31T23:59:59.123-05:00", "31 December 1999"),
            ("2024-02-29T12:00:00Z", "29 February 2024"),
        ];
        for (raw, want) in cases {
            let t = Timestamp::parse(raw).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.long_date(), want, "{raw}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for raw in [
            "",
            "2021-04-02",
            "2021-13-02T09:00:00Z",
            "2023-02-29T09:00:00Z",
            "2021-04-02T25:00:00Z",
            "2021-04-02T09:00:00",
            "2021-04-02T09:00:00+9:00",
            "yesterday at noon, roughly",
            "２０２１-04-02T09:00:00Z",
            "2021-04-02T09:00:00é0000",
            "2021-04-02T09:00:00+é:00",
            "2021-04-02T09:00:00.é",
            "2021-04-02T09:00:00+09:0é",
            "2021-04-02T09:00:00+09:00é",
            "2021-04-02T09:00:00Zé",
            "2021-04-02T09:00:00\u{1F3B5}",
        ] {
            assert!(Timestamp::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }

    #[test]
    fn epoch_seconds_become_utc_timestamps() {
        assert_eq!(iso_time(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_time(1_617_354_000.9), "2021-04-02T09:00:00Z");
        assert_eq!(iso_time(951_782_400.0), "2000-02-29T00:00:00Z");
        assert_eq!(iso_time(-1.0), "1969-12-31T23:59:59Z");
        assert_eq!(iso_time(f64::NAN), "1970-01-01T00:00:00Z");
        for raw in ["2021-04-02T09:00:00Z", "2024-02-29T23:59:59Z", "1999-12-31T00:00:00Z"] {
            let t = Timestamp::parse(raw).unwrap();
            assert_eq!(iso_time((t.sort_key() * 60) as f64 + f64::from(raw[17..19].parse::<u8>().unwrap())), raw);
        }
    }

    #[test]
    fn orders_by_instant_not_by_text() {
        let tokyo = Timestamp::parse("2021-04-02T08:00:00+09:00").unwrap();
        let london = Timestamp::parse("2021-04-02T00:30:00Z").unwrap();
        assert!(tokyo < london, "08:00 in Tokyo is 23:00 UTC the day before");
        // Seconds count, whatever the offset's text.
        let published = Timestamp::parse("2025-01-01T11:00:10+01:00").unwrap();
        let updated = Timestamp::parse("2025-01-01T10:00:50Z").unwrap();
        assert!(published < updated, "40 seconds later");
    }
}
