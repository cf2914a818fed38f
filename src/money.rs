//! Amounts of money: minor units of one side's currency, bounded. What a person types is
//! parsed here and refused beyond [`MAX_MINOR`]; every amount column has the same CHECK; sums
//! go through [`add`], checked. Pure.

/// The largest amount one entry may hold: a billion in the side's currency (in minor units).
/// Far above any grant, and small enough that a programme's sums never come near `i64::MAX`
/// (the database refuses anything above it too: a CHECK on every amount column).
pub const MAX_MINOR: i64 = 100_000_000_000;

/// Whether `minor` is an amount one entry may hold.
pub fn is_bounded(minor: i64) -> bool {
    (0..=MAX_MINOR).contains(&minor)
}

/// An amount typed as `1500`, `1 500,50` or `1500.50` → minor units, at most [`MAX_MINOR`].
pub fn parse(s: &str) -> Option<i64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    let cleaned = cleaned.replace(',', ".");
    let (int, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let frac = format!("{frac:0<2}");
    int.parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac.parse::<i64>().ok()?)
        .filter(|a| is_bounded(*a))
}

/// `a + b`, for totals of bounded amounts. Bounded entries cannot overflow an `i64` before
/// ninety million of them; should a stored value escape the bounds anyway (a tampered row), the
/// total stops at `i64::MAX` instead of wrapping to a negative sum (the "-0,02 €" of finding 8).
pub fn add(a: i64, b: i64) -> i64 {
    a.checked_add(b).unwrap_or(i64::MAX)
}

/// The total of `amounts` (see [`add`]).
pub fn sum(amounts: impl IntoIterator<Item = i64>) -> i64 {
    amounts.into_iter().fold(0, add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_amounts_are_bounded() {
        assert_eq!(parse("1500"), Some(150_000));
        assert_eq!(parse("1 500,5"), Some(150_050));
        assert_eq!(parse("1500.25"), Some(150_025));
        assert_eq!(parse("-3"), None);
        assert_eq!(parse("1000000000"), Some(MAX_MINOR));
        assert_eq!(parse("1000000000,01"), None);
        assert_eq!(parse("92233720368547758,07"), None);
        assert_eq!(parse("1,234.5"), None);
    }

    #[test]
    fn totals_never_wrap_negative() {
        assert_eq!(sum([MAX_MINOR, MAX_MINOR]), 2 * MAX_MINOR);
        assert_eq!(sum([i64::MAX, 2]), i64::MAX);
        assert!(
            sum([
                9_223_372_036_854_775_807 / 2 + 1,
                9_223_372_036_854_775_807 / 2 + 1
            ]) > 0
        );
    }
}
