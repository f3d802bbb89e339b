//! The command's CSV writer (`--format csv`): the daily bands of a summary (the fan chart's
//! numbers), one row a day. The page's download writes the same bytes in JavaScript
//! (`bandsCsv` in www/views/downloads.js, so the engine in the page need not carry this), with
//! the column names the engine gives it (`limits().csv_columns`, [`BAND_COLUMNS`]): both are
//! held to tests/golden/two-track-300-seed12345.csv.
//!
//! Columns, each named with its unit: `day` (0 is the first day simulated), `date` (only when
//! a start date is given), `p5_b200e` … `p95_b200e` (the day's 5th to 95th percentiles of
//! capacity across the futures) and `mean_b200e`, in B200-equivalents, and
//! `share_below_requirement`, the share of futures below the requirement that day (0 to 1).

use std::fmt::Write;

use crate::summary::{BAND_COLUMNS, Bands};

pub use crate::date::Date;

/// The daily bands as CSV, one row a day, with a `date` column when `start` (the date of
/// day 0) is given. Numbers are written as the summary's JSON writes them.
pub fn bands(bands: &Bands, start: Option<Date>) -> String {
    let mut out = String::from(if start.is_some() { "day,date," } else { "day," });
    out.push_str(BAND_COLUMNS);
    out.push('\n');
    for t in 0..bands.p50.len() {
        let _ = write!(out, "{t},");
        if let Some(start) = start {
            let _ = write!(out, "{},", start.plus(t as i64));
        }
        let at = |v: &Vec<f64>| v.get(t).copied().unwrap_or(f64::NAN);
        // In the order of `Bands::named`, as `BAND_COLUMNS` (a test holds them to it).
        let row = bands.named().map(|(_, v)| at(v));
        for (i, x) in row.iter().enumerate() {
            out.push_str(&number(*x));
            out.push(if i + 1 == row.len() { '\n' } else { ',' });
        }
    }
    out
}

/// A number as JSON writes it (`14550.0` → `14550`, `0.5` → `0.5`): the shortest digits that
/// read back to `x`, with no trailing `.0`.
fn number(x: f64) -> String {
    match serde_json::Number::from_f64(x) {
        Some(n) => {
            let s = n.to_string();
            s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_a_day_with_or_without_dates() {
        let b = Bands {
            p5: vec![0.0, 1.5],
            p25: vec![1.0, 2.0],
            p50: vec![14550.0, 3.0],
            p75: vec![4.0, 4.0],
            p95: vec![5.0, 1e21],
            mean: vec![0.1, 2.25],
            below_requirement: vec![0.0, 0.5],
        };
        assert_eq!(
            bands(&b, None),
            "day,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement\n0,0,1,14550,4,5,0.1,0\n1,1.5,2,3,4,1e+21,2.25,0.5\n"
        );
        let start = Date::parse("s", "2026-12-31").ok();
        assert_eq!(
            bands(&b, start),
            "day,date,p5_b200e,p25_b200e,p50_b200e,p75_b200e,p95_b200e,mean_b200e,share_below_requirement\n0,2026-12-31,0,1,14550,4,5,0.1,0\n1,2027-01-01,1.5,2,3,4,1e+21,2.25,0.5\n"
        );
    }

    #[test]
    fn each_column_holds_the_band_it_names() {
        // Seven bands, each day's value its own: the i-th column `BAND_COLUMNS` names must hold
        // the i-th band of the summary's JSON (the page pairs them so).
        let b = Bands {
            p5: vec![5.0],
            p25: vec![25.0],
            p50: vec![50.0],
            p75: vec![75.0],
            p95: vec![95.0],
            mean: vec![1.5],
            below_requirement: vec![0.25],
        };
        let text = serde_json::to_string(&b).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        // The bands in the order the JSON writes them (its only strings are the keys): the
        // order `Bands::named` gives them, to the page and to this CSV.
        let order: Vec<&str> = text.split('"').skip(1).step_by(2).collect();
        assert_eq!(order, b.named().map(|(name, _)| name), "Bands::named against the JSON");
        let csv = bands(&b, None);
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let row: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(order.len(), header.len() - 1, "a band the CSV leaves out");
        for (i, band) in order.iter().enumerate() {
            let column = header[i + 1];
            assert_eq!(row[i + 1].parse::<f64>().ok(), json[band][0].as_f64(), "{column} holds {band}");
        }
    }
}
