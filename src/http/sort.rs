//! Lists sorted by the server: any column, either direction, from the query string
//! (`sort=column&dir=desc`), so a sorted list is a link one can share and the order is the same
//! on every page of it. Ties fall back to the row's id: the order is total, hence stable.

use std::cmp::Ordering;

use super::Ctx;

/// What a row is sorted by in one column: text (compared without case or accents), a number
/// or an instant (absent last).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Text(String),
    Int(i64),
    /// An optional instant or number: present ones first, in order; absent ones after.
    Maybe(Option<i64>),
}

impl Key {
    pub fn text(s: &str) -> Key {
        Key::Text(crate::i18n::fold(s))
    }
    fn cmp_in(&self, other: &Key, descending: bool) -> Ordering {
        let o = match (self, other) {
            (Key::Maybe(Some(a)), Key::Maybe(Some(b))) => a.cmp(b),
            // Absent values stay last whichever the direction.
            (Key::Maybe(None), Key::Maybe(Some(_))) => return Ordering::Greater,
            (Key::Maybe(Some(_)), Key::Maybe(None)) => return Ordering::Less,
            (a, b) => a.cmp(b),
        };
        if descending { o.reverse() } else { o }
    }
}

/// The order asked for: a column among the list's, ascending unless `dir=desc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: &'static str,
    pub descending: bool,
}

impl Sort {
    /// An unknown column falls back to `default` (never an error: an old link still works).
    pub fn parse(sort: &str, dir: &str, columns: &[&'static str], default: &'static str) -> Sort {
        Sort {
            column: columns
                .iter()
                .copied()
                .find(|c| *c == sort)
                .unwrap_or(default),
            descending: dir == "desc",
        }
    }

    /// Sorts `rows` by this order, ties by `id`: `key` gives a row's key in a column.
    pub fn apply<R>(&self, rows: &mut [R], key: impl Fn(&R, &str) -> Key, id: impl Fn(&R) -> i64) {
        rows.sort_by(|a, b| {
            key(a, self.column)
                .cmp_in(&key(b, self.column), self.descending)
                .then_with(|| id(a).cmp(&id(b)))
        });
    }

    /// The column headings as links: the current column's link reverses it, another's sorts
    /// by it ascending. `query` is the list's other parameters (filters), kept.
    pub fn headers(
        &self,
        ctx: &Ctx,
        base: &str,
        query: &str,
        columns: &[(&'static str, &str)],
    ) -> Vec<Header> {
        columns
            .iter()
            .map(|(column, key)| {
                let current = *column == self.column;
                let dir = if current && !self.descending {
                    "desc"
                } else {
                    "asc"
                };
                let mut href = format!("{base}?sort={column}&dir={dir}");
                if !query.is_empty() {
                    href.push('&');
                    href.push_str(query);
                }
                Header {
                    label: ctx.t(key),
                    href,
                    aria_sort: match (current, self.descending) {
                        (false, _) => "none",
                        (true, false) => "ascending",
                        (true, true) => "descending",
                    },
                }
            })
            .collect()
    }

    /// `sort=…&dir=…` for links that keep the order (exports, other pages).
    pub fn query(&self) -> String {
        format!(
            "sort={}&dir={}",
            self.column,
            if self.descending { "desc" } else { "asc" }
        )
    }
}

/// A sortable column heading.
#[derive(Clone, Debug)]
pub struct Header {
    pub label: String,
    pub href: String,
    /// `aria-sort`: `ascending`, `descending` or `none`.
    pub aria_sort: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(sort: &Sort, rows: &[(i64, Key)]) -> Vec<i64> {
        let mut rows = rows.to_vec();
        sort.apply(&mut rows, |r, _| r.1.clone(), |r| r.0);
        rows.iter().map(|r| r.0).collect()
    }

    #[test]
    fn text_sorts_without_case_or_accents_and_ties_keep_id_order_both_ways() {
        let rows = [
            (3, Key::text("école")),
            (1, Key::text("Zèbre")),
            (2, Key::text("Ecole")),
            (4, Key::text("abeille")),
        ];
        let asc = Sort::parse("title", "", &["title"], "title");
        assert_eq!(sorted(&asc, &rows), [4, 2, 3, 1]);
        let desc = Sort::parse("title", "desc", &["title"], "title");
        // Reversed, but the tie ("Ecole" = "école") still in id order: stable across pages.
        assert_eq!(sorted(&desc, &rows), [1, 2, 3, 4]);
    }

    #[test]
    fn absent_instants_come_last_in_either_direction() {
        let rows = [
            (1, Key::Maybe(None)),
            (2, Key::Maybe(Some(20))),
            (3, Key::Maybe(Some(10))),
        ];
        let asc = Sort::parse("filed", "asc", &["filed"], "filed");
        assert_eq!(sorted(&asc, &rows), [3, 2, 1]);
        let desc = Sort::parse("filed", "desc", &["filed"], "filed");
        assert_eq!(sorted(&desc, &rows), [2, 3, 1]);
    }

    #[test]
    fn an_unknown_column_falls_back_to_the_default() {
        let s = Sort::parse(
            "password); drop table",
            "desc",
            &["title", "state"],
            "title",
        );
        assert_eq!(s.column, "title");
        assert!(s.descending);
    }
}
