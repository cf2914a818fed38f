//! The shape of the tree (house style, "Routes, reads and permissions"): pages parse, call one
//! action and render — no transaction, store or SQL in a page module; the HTTP kit depends on
//! the foundations only, never on a domain; the route registry is reviewed as a snapshot.

use std::{fs, path::Path};

use passerelle::{app::registry, http::Access};

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_page_module_opens_a_transaction_or_reaches_a_store() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let pages: Vec<_> = files
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name == "pages.rs" || name.ends_with("_pages.rs")
        })
        .collect();
    assert!(pages.len() >= 20, "every domain's pages are checked");
    let forbidden = [
        ".read().await",
        ".write().await",
        "store::",
        "Tx",
        "sqlx",
        "on_tx",
    ];
    let mut found = Vec::new();
    for p in pages {
        let text = fs::read_to_string(p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    found.push(format!("{}:{}: {}", p.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "page modules reach the database:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_http_kit_imports_no_domain() {
    // Foundations the kit may use; every other module of the crate is a domain, the
    // composition root or the server.
    let foundations = ["auth", "config", "db", "error", "i18n", "viewer", "http"];
    let mut modules: Vec<String> = fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let stem = p.file_stem()?.to_string_lossy().to_string();
            (p.is_dir() || p.extension().is_some_and(|x| x == "rs")).then_some(stem)
        })
        .filter(|m| !foundations.contains(&m.as_str()) && m != "lib" && m != "main")
        .collect();
    modules.sort();
    modules.dedup();
    assert!(modules.contains(&"projects".to_string()) && modules.contains(&"app".to_string()));
    let mut files = Vec::new();
    rust_files(&src().join("http"), &mut files);
    let mut found = Vec::new();
    for p in &files {
        let text = fs::read_to_string(p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for m in &modules {
                for needle in [
                    format!("crate::{m}"),
                    format!("crate::{{{m}"),
                    format!(" {m}::"),
                ] {
                    if code.contains(&needle) {
                        found.push(format!("{}:{}: {}", p.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        // Imports spread over lines: `use crate::{ … users, … }`.
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(start) = flat.find("use crate::{") {
            let block = &flat[start..flat[start..].find("};").map_or(flat.len(), |e| start + e)];
            for m in &modules {
                if block.contains(&format!(" {m},"))
                    || block.contains(&format!("{{{m},"))
                    || block.contains(&format!(" {m}::"))
                    || block.contains(&format!("{{{m}::"))
                {
                    found.push(format!("{}: imports {m}", p.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the HTTP kit imports domains:\n{}",
        found.join("\n")
    );
}

fn access_text(a: Access) -> String {
    match a {
        Access::Public => "public".into(),
        Access::SignedIn => "signed in".into(),
        Access::Admin => "administrators".into(),
        Access::AnyOf(roles) => roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[test]
fn the_route_registry_is_reviewed_as_a_snapshot() {
    let mut defs = registry().defs;
    defs.sort_by(|a, b| (a.path, a.method.as_str()).cmp(&(b.path, b.method.as_str())));
    let table: String = defs
        .iter()
        .map(|d| {
            format!(
                "{:<4} {:<54} {}\n",
                d.method.as_str(),
                d.path,
                access_text(d.access)
            )
        })
        .collect();
    insta::assert_snapshot!(table);
}
