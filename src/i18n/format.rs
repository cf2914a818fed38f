//! Dates, times, numbers and money in the viewer's conventions (see DOMAIN.md, "Local formats").
//! Hand-written because the three conventions are small and fixed; an ICU crate would add
//! megabytes of data and minutes of build for them.

use jiff::{Timestamp, tz::TimeZone};

use super::Locale;

const NNBSP: char = '\u{202f}';
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
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

fn zoned(ms: i64, zone: &str) -> jiff::ZonedDateTime {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(tz)
}

/// The calendar day (year, month, day) of an instant in a zone: a document's date.
pub fn ymd(ms: i64, zone: &str) -> (i32, u8, u8) {
    let z = zoned(ms, zone);
    (i32::from(z.year()), z.month() as u8, z.day() as u8)
}

/// `2021-06-14` (fr-CA), `14/06/2021` (fr-BE), `14 June 2021` (en).
pub fn format_date(ms: i64, zone: &str, locale: Locale) -> String {
    let z = zoned(ms, zone);
    let (y, m, d) = (z.year(), z.month(), z.day());
    match locale {
        Locale::FrCa => format!("{y:04}-{m:02}-{d:02}"),
        Locale::FrBe => format!("{d:02}/{m:02}/{y:04}"),
        Locale::En => format!("{d} {} {y}", MONTHS_EN[(m - 1) as usize]),
    }
}

/// A long date for prose: `14 juin 2021`, `14 June 2021`.
pub fn format_long_date(ms: i64, zone: &str, locale: Locale) -> String {
    let z = zoned(ms, zone);
    let months = if locale == Locale::En {
        MONTHS_EN
    } else {
        MONTHS_FR
    };
    let day = if z.day() == 1 && locale != Locale::En {
        "1er".to_string()
    } else {
        z.day().to_string()
    };
    format!("{day} {} {}", months[(z.month() - 1) as usize], z.year())
}

/// A calendar date (no time, no zone) for prose: `1er juillet 2019`, `1 July 2019`.
pub fn format_civil_date(d: jiff::civil::Date, locale: Locale) -> String {
    let months = if locale == Locale::En {
        MONTHS_EN
    } else {
        MONTHS_FR
    };
    let day = if d.day() == 1 && locale != Locale::En {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!("{day} {} {}", months[(d.month() - 1) as usize], d.year())
}

/// An ISO date (`2022-01-15`) for prose; anything else is shown as stored.
pub fn format_iso_date(iso: &str, locale: Locale) -> String {
    iso.parse()
        .map(|d| format_civil_date(d, locale))
        .unwrap_or_else(|_| iso.to_string())
}

/// `17 h 59`, `9 h` on the hour (fr-CA, as the OQLF writes it), `17:59` (fr-BE), `5:59 PM` (en).
pub fn format_time(ms: i64, zone: &str, locale: Locale) -> String {
    let z = zoned(ms, zone);
    let (h, m) = (z.hour(), z.minute());
    match locale {
        Locale::FrCa if m == 0 => format!("{h} h"),
        Locale::FrCa => format!("{h} h {m:02}"),
        Locale::FrBe => format!("{h:02}:{m:02}"),
        Locale::En => {
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            format!("{h12}:{m:02} {}", if h < 12 { "AM" } else { "PM" })
        }
    }
}

/// Date and time, long form, without the zone (callers name the zone).
pub fn format_datetime(ms: i64, zone: &str, locale: Locale) -> String {
    let sep = if locale == Locale::En { ", " } else { " à " };
    format!(
        "{}{sep}{}",
        format_long_date(ms, zone, locale),
        format_time(ms, zone, locale)
    )
}

/// An integer scaled by `10^decimals`, grouped by thousands: `1 234 567,89` / `1,234,567.89`.
pub fn format_number(value: i64, decimals: u32, locale: Locale) -> String {
    let (group, point) = if locale == Locale::En {
        (',', '.')
    } else {
        (NNBSP, ',')
    };
    let scale = 10i64.pow(decimals);
    let abs = value.unsigned_abs();
    let (int, frac) = (abs / scale as u64, abs % scale as u64);
    let digits = int.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push(point);
        out.push_str(&format!("{frac:0width$}", width = decimals as usize));
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// Money in minor units: `1 234,00 $` (fr-CA), `1 234,00 $ CA` (fr-BE: Belgian readers are told
/// which dollar), `CA$1,234.00` (en). Never summed across currencies: callers format each
/// currency's total separately.
pub fn format_money(minor: i64, currency: &str, locale: Locale) -> String {
    let symbol = match currency {
        "EUR" => "€",
        "CAD" => "$",
        other => other,
    };
    let n = format_number(minor, 2, locale);
    match locale {
        Locale::En if currency == "CAD" => format!("CA${n}"),
        Locale::En => format!("{symbol}{n}"),
        Locale::FrBe if currency == "CAD" => format!("{n}{NNBSP}$\u{a0}CA"),
        _ => format!("{n}{NNBSP}{symbol}"),
    }
}

/// An instant as read in a zone, naming it: "4 mars 2019 à 17 h 59 (heure du Québec)",
/// "4 March 2019, 11:59 PM (Brussels time)".
pub fn time_in_zone(ms: i64, zone: &str, locale: Locale) -> String {
    let city = zone_city(zone, locale);
    locale.t_args(
        "common-time-in-zone",
        &[
            ("time", format_datetime(ms, zone, locale).into()),
            ("quebec", if city == "Québec" { "yes" } else { "no" }.into()),
            ("city", city.into()),
        ],
    )
}

/// The zone's city for "17 h 59 (heure du Québec)": Québec and Brussels by name (Québec
/// keeps time with America/Toronto), otherwise the last segment of the IANA name.
pub fn zone_city(zone: &str, locale: Locale) -> String {
    match zone {
        "America/Toronto" | "America/Montreal" => "Québec".into(),
        "Europe/Brussels" if locale == Locale::En => "Brussels".into(),
        "Europe/Brussels" => "Bruxelles".into(),
        other => other.rsplit('/').next().unwrap_or(other).replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2022-03-15 17:59 in Québec, during the weeks when North America is already on DST.
    const DEADLINE: i64 = 1_647_381_540_000;

    #[test]
    fn dst_gap_week_shows_five_hours_between_quebec_and_brussels() {
        assert_eq!(
            format_time(DEADLINE, "America/Toronto", Locale::FrCa),
            "17 h 59"
        );
        assert_eq!(
            format_time(DEADLINE, "Europe/Brussels", Locale::FrBe),
            "22:59"
        );
        assert_eq!(
            format_date(DEADLINE, "America/Toronto", Locale::FrCa),
            "2022-03-15"
        );
        assert_eq!(
            format_date(DEADLINE, "Europe/Brussels", Locale::FrBe),
            "15/03/2022"
        );
        assert_eq!(
            format_time(DEADLINE, "America/Toronto", Locale::En),
            "5:59 PM"
        );
        // On the hour, Québec writes "9 h" (OQLF), not "9 h 00".
        assert_eq!(
            format_time(
                DEADLINE + 3 * 60_000 + 15 * 3_600_000,
                "America/Toronto",
                Locale::FrCa
            ),
            "9 h 02"
        );
        assert_eq!(
            format_time(
                DEADLINE + 60_000 + 15 * 3_600_000,
                "America/Toronto",
                Locale::FrCa
            ),
            "9 h"
        );
    }

    #[test]
    fn numbers_and_money_follow_each_locale() {
        assert_eq!(
            format_number(123_456_789, 2, Locale::FrCa),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(
            format_money(123_400, "CAD", Locale::FrCa),
            "1\u{202f}234,00\u{202f}$"
        );
        assert_eq!(
            format_money(123_400, "EUR", Locale::FrBe),
            "1\u{202f}234,00\u{202f}€"
        );
        assert_eq!(format_money(123_400, "EUR", Locale::En), "€1,234.00");
        // Belgian readers are told which dollar.
        assert_eq!(
            format_money(123_400, "CAD", Locale::FrBe),
            "1\u{202f}234,00\u{202f}$\u{a0}CA"
        );
        assert_eq!(format_number(-5, 0, Locale::En), "-5");
    }

    #[test]
    fn long_dates_use_month_names() {
        assert_eq!(
            format_long_date(DEADLINE, "America/Toronto", Locale::FrCa),
            "15 mars 2022"
        );
        assert_eq!(
            format_datetime(DEADLINE, "Europe/Brussels", Locale::En),
            "15 March 2022, 10:59 PM"
        );
    }
}
