//! Rule (issue 12): no link anywhere answers 403 or 404 to the person who sees it. Every demo
//! role (and a visitor) walks the full demo from the home page and their workspace, following
//! every local link of every page they reach (a few instances of each kind of page: ids
//! replaced by a placeholder), and every link must lead to a page that answers.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use axum::http::StatusCode;

use crate::helpers::TestApp;

/// Each kind of page (its path with the numbers replaced) is visited this many times at most.
const PER_KIND: usize = 3;

const ACCOUNTS: [&str; 12] = [
    "",
    "demandeur.qc",
    "porteur01.qc",
    "porteur02.wb",
    "charge.wb",
    "charge.qc",
    "evaluateur.wb",
    "evaluateur.qc",
    "commission.wb",
    "commission.qc",
    "coach",
    "admin",
];

/// The local links of a page (hrefs starting with one slash), without their fragment.
fn links(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find("href=\"") {
        rest = &rest[i + 6..];
        let Some(end) = rest.find('"') else { break };
        let href = rest[..end].replace("&amp;", "&");
        rest = &rest[end..];
        let href = href.split('#').next().unwrap_or_default().to_string();
        if href.starts_with('/') && !href.starts_with("//") {
            out.push(href);
        }
    }
    out
}

/// The kind of page a path is: its numbers replaced, its query dropped.
fn kind(path: &str) -> String {
    path.split('?')
        .next()
        .unwrap_or_default()
        .split('/')
        .map(|s| {
            if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
                "{}"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn no_link_answers_403_or_404_to_whoever_sees_it() {
    let app = TestApp::spawn_full_demo().await;
    let mut broken: Vec<String> = Vec::new();
    let mut visited_total = 0;
    for account in ACCOUNTS {
        let mut b = app.browser();
        if !account.is_empty() {
            b.login_demo(&format!("{account}@demo.passerelle.test"))
                .await;
        }
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut per_kind: BTreeMap<String, usize> = BTreeMap::new();
        let mut queue: VecDeque<(String, String)> = VecDeque::new();
        let mut links_followed = 0;
        for start in ["/", "/me", "/calls"] {
            queue.push_back((start.to_string(), "(start)".to_string()));
        }
        while let Some((path, from)) = queue.pop_front() {
            if !seen.insert(path.clone()) {
                continue;
            }
            let k = kind(&path);
            let n = per_kind.entry(k).or_default();
            if *n >= PER_KIND {
                continue;
            }
            *n += 1;
            visited_total += 1;
            let mut r = b.get(&path).await;
            let mut hops = 0;
            while r.status == StatusCode::SEE_OTHER && hops < 3 {
                let to = r.location().unwrap_or("/").to_string();
                r = b.get(&to).await;
                hops += 1;
            }
            if account.is_empty()
                && r.status == StatusCode::OK
                && r.body.contains("id=\"f-password\"")
            {
                // A visitor sent to the login page: the link is for the signed-in, and says so.
                continue;
            }
            if matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND) {
                broken.push(format!(
                    "{}: {path} answers {} (linked from {from})",
                    if account.is_empty() {
                        "visitor"
                    } else {
                        account
                    },
                    r.status.as_u16()
                ));
                continue;
            }
            assert!(
                r.status.is_success() || r.status.is_redirection(),
                "{account}: {path} answers {} (linked from {from})",
                r.status
            );
            links_followed += 1;
            let html = r
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/html"));
            if html {
                for l in links(&r.body) {
                    if !seen.contains(&l) {
                        queue.push_back((l, path.clone()));
                    }
                }
            }
        }
        eprintln!("{account}: {links_followed} pages answered");
    }
    assert!(
        visited_total > 200,
        "the walk reached {visited_total} pages only"
    );
    assert!(
        broken.is_empty(),
        "links answering 403/404:\n{}",
        broken.join("\n")
    );
}
