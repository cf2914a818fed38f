//! The two migration trees must stay in step: same file names, same tables, same constraint
//! names (unique violations are mapped to field errors by name).

use std::{collections::BTreeSet, fs, path::Path};

fn tree(db: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(db);
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Words following `keyword` in the SQL (table and constraint names), as they stand after the
/// file: what is dropped is left out, and a table rebuilt through a `_new` copy (SQLite's way
/// of changing a column) is the table PostgreSQL alters in place.
fn names_after(sql: &str, keyword: &str) -> BTreeSet<String> {
    let words: Vec<&str> = std::iter::once("").chain(sql.split_whitespace()).collect();
    words
        .windows(3)
        .filter(|w| w[1] == keyword && w[0] != "drop")
        .map(|w| {
            let name = w[2].trim_matches(|c| c == '(' || c == ',' || c == ';');
            name.strip_suffix("_new").unwrap_or(name).to_string()
        })
        .collect()
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_file_names() {
    let sqlite: Vec<_> = tree("sqlite").into_iter().map(|f| f.0).collect();
    let postgres: Vec<_> = tree("postgres").into_iter().map(|f| f.0).collect();
    assert_eq!(sqlite, postgres);
    assert!(!sqlite.is_empty());
}

#[test]
fn both_trees_create_the_same_tables_indexes_and_constraints() {
    // SQLite has no identity columns: dropping one is PostgreSQL's alone.
    let no_identity = |sql: &str| {
        sql.split_inclusive(';')
            .filter(|st| !st.contains(" drop identity"))
            .collect::<String>()
    };
    for ((name, lite), (_, pg)) in tree("sqlite").iter().zip(tree("postgres").iter()) {
        let pg = &no_identity(pg);
        for kw in ["table", "index", "constraint"] {
            assert_eq!(
                names_after(lite, kw),
                names_after(pg, kw),
                "{name}: {kw} names differ"
            );
        }
    }
}
