//! Calendar dates, for a scenario's `start_date` and the CSV's date column: ISO
//! `YYYY-MM-DD` read and written exactly, with no time zone and no clock.

use crate::scenario::{ScenarioError, quoted};

/// A calendar date (proleptic Gregorian), kept as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date(i64);

impl Date {
    /// Reads an ISO date, `YYYY-MM-DD`, from year 1 to 9999.
    pub fn parse(field: &str, text: &str) -> Result<Date, ScenarioError> {
        let bad = || ScenarioError::new(field, format!("must be a date as YYYY-MM-DD, got {}", quoted(text)));
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let part = |r: std::ops::Range<usize>| -> Option<i64> {
            let s = text.get(r)?;
            if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
        };
        let (y, m, d) = match (part(0..4), part(5..7), part(8..10)) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(bad()),
        };
        if y < 1 || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return Err(bad());
        }
        Ok(Date(days_from_civil(y, m, d)))
    }

    /// The date `days` later.
    pub fn plus(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// Days from `earlier` to this date (negative when this one comes first).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0 - earlier.0
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_write_and_count() {
        let d = Date::parse("start", "2026-11-30").unwrap();
        assert_eq!(d.to_string(), "2026-11-30");
        assert_eq!(d.plus(1).to_string(), "2026-12-01");
        assert_eq!(d.plus(31).to_string(), "2026-12-31");
        assert_eq!(d.plus(32).to_string(), "2027-01-01");
        assert_eq!(Date::parse("s", "2028-02-28").unwrap().plus(1).to_string(), "2028-02-29");
        assert_eq!(Date::parse("s", "2100-02-28").unwrap().plus(1).to_string(), "2100-03-01");
        assert_eq!(Date::parse("s", "1970-01-01").unwrap(), Date(0));
        assert_eq!(Date::parse("s", "2000-03-01").unwrap().0, 11_017);
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026-01-00",
            "0000-01-01",
            "2026-0a-01",
            "+026-01-01",
        ] {
            let e = Date::parse("start", bad).unwrap_err();
            assert_eq!(e.field, "start", "{bad}");
        }
    }
}
