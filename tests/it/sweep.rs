//! Refused requests change nothing (issue 10): every POST route of the registry that is not
//! public, sent by every demo account on objects of the other side and of other people, with a
//! body carrying every field a rightful actor's form would (approvals carry what the person's
//! page shows), either is allowed — the account is the rightful actor, as the policy tables of
//! `access.rs` and `policy_tables/` say — or changes nothing: every table's rows are hashed
//! before and after, and only the allow-listed tables (sessions, throttling, devices, audit)
//! may differ; no file is written.

use std::collections::BTreeMap;

use axum::http::Method;
use passerelle::{app::registry, demo, http::Access, on_tx};
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, hidden_fields, try_page_of};

/// Tables a refused request may still touch: the session that made it, login throttling and
/// devices, and the audit log (a refusal may be recorded).
const ALLOWED: [&str; 4] = ["sessions", "throttles", "known_devices", "audit_log"];

const ACCOUNTS: [&str; 10] = [
    "demandeur.wb@demo.passerelle.test",
    "demandeur.qc@demo.passerelle.test",
    "charge.wb@demo.passerelle.test",
    "charge.qc@demo.passerelle.test",
    "evaluateur.wb@demo.passerelle.test",
    "evaluateur.qc@demo.passerelle.test",
    "commission.wb@demo.passerelle.test",
    "commission.qc@demo.passerelle.test",
    "coach@demo.passerelle.test",
    "porteur02.wb@demo.passerelle.test",
];

/// Each table's rows, hashed (order-independent).
async fn table_hashes(app: &TestApp) -> BTreeMap<String, String> {
    let mut tx = app.db.db.read().await.unwrap();
    let postgres = tx.is_postgres();
    let tables: Vec<String> = on_tx!(&mut tx, |c| sqlx::query_scalar(if postgres {
        "select tablename::text from pg_tables where schemaname = current_schema()
         and tablename not like '\\_sqlx%' order by 1"
    } else {
        "select name from sqlite_master where type = 'table'
         and name not like 'sqlite\\_%' escape '\\' and name not like '\\_sqlx%' escape '\\' order by 1"
    })
    .fetch_all(c)
    .await)
    .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let sql = if postgres {
            format!("select ({t}.*)::text from {t}")
        } else {
            let cols: Vec<String> = on_tx!(&mut tx, |c| sqlx::query_scalar(sqlx::AssertSqlSafe(
                format!("select name from pragma_table_info('{t}')")
            ))
            .fetch_all(c)
            .await)
            .unwrap();
            let row = cols
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            format!("select {row} from {t}")
        };
        let mut rows: Vec<String> = on_tx!(&mut tx, |c| sqlx::query_scalar(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .fetch_all(c)
        .await)
        .unwrap();
        rows.sort();
        let digest = Sha256::digest(rows.join("\n").as_bytes());
        out.insert(t, format!("{} rows {digest:x}", rows.len()));
    }
    out
}

fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        files_under(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The ids a route's placeholders stand for: objects of other people and of both sides.
async fn ids(app: &TestApp) -> BTreeMap<&'static str, i64> {
    let one = |sql: &'static str| async move { app.scalar(sql).await };
    let project = one("select min(h.project_id) from project_halves h join users u on u.id = h.lead_user_id where u.email = 'porteur01.wb@demo.passerelle.test'").await;
    BTreeMap::from([
        ("calls", one("select max(id) from calls").await),
        ("projects", project),
        ("halves", one("select max(id) from project_halves").await),
        ("sessions", one("select id from commission_sessions where kind = 'midterm'").await),
        ("decision_id", one("select max(id) from decisions").await),
        ("resolution_id", one("select coalesce(max(id), 1) from resolutions").await),
        ("funded", one("select min(id) from funded_projects").await),
        ("extension_id", one("select coalesce(max(id), 1) from extensions").await),
        ("mission_id", one("select min(id) from missions").await),
        ("evaluations", one("select max(a.id) from assignments a join users u on u.id = a.evaluator_id where u.email = 'evaluateur.qc@demo.passerelle.test'").await),
        ("attachments", one("select coalesce(max(id), 1) from attachments").await),
        ("users", one("select id from users where email = 'coach@demo.passerelle.test'").await),
        ("grant_id", one("select max(g.id) from role_grants g join users u on u.id = g.user_id where u.email = 'coach@demo.passerelle.test'").await),
        ("commissions", one("select min(id) from commissions").await),
        ("resolutions", one("select coalesce(max(id), 1) from resolutions").await),
        ("organisations", one("select max(id) from organisations").await),
    ])
}

/// The concrete URL of `path`: each `{…}` by the id its position names.
fn url(path: &str, ids: &BTreeMap<&str, i64>) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    parts
        .iter()
        .enumerate()
        .map(
            |(i, s)| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some("id") => {
                    let owner = parts[i - 1].trim_start_matches("admin/");
                    ids.get(owner).copied().unwrap_or(1).to_string()
                }
                Some(name) => ids.get(name).copied().unwrap_or(1).to_string(),
                None => s.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// Every field any form of the application takes, filled as a rightful actor would.
fn body(ids: &BTreeMap<&str, i64>) -> Vec<(String, String)> {
    let id = |k: &str| ids.get(k).copied().unwrap_or(1).to_string();
    [
        ("title", "Balayage".to_string()),
        ("title_fr", "Balayage".into()),
        ("title_en", "Sweep".into()),
        ("summary", "Résumé".into()),
        ("objectives", "Objectifs".into()),
        ("guidelines_fr", "Texte".into()),
        ("guidelines_en", "Text".into()),
        ("amount", "100".into()),
        ("amount_WB", "100".into()),
        ("amount_QC", "100".into()),
        ("used", "100".into()),
        ("forecast", "100".into()),
        ("outcome", "selected".into()),
        ("project", id("projects")),
        ("half", id("halves")),
        ("mission", id("mission_id")),
        ("confirm", "yes".into()),
        ("favourable", "yes".into()),
        ("comment", "Commentaire".into()),
        ("new_end", "2031-12-31".into()),
        ("reason", "Raison".into()),
        ("until", "2031-01-01T12:00".into()),
        ("decision", "inadmissible".into()),
        ("verdict", "recommended".into()),
        ("note", "Note".into()),
        ("report", "Rapport".into()),
        ("final_report", "Rapport final".into()),
        ("months", "12".into()),
        ("opens_on", "2031-09-15".into()),
        ("themes", "Océans | Oceans".into()),
        ("commission", id("commissions")),
        ("role", "officer".into()),
        ("side", "QC".into()),
        ("email", "balayage@exemple.org".into()),
        ("name", "Balayage".into()),
        ("intent", "submit".into()),
        ("place", "1".into()),
        ("version", "1".into()),
        ("organisation", id("organisations")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[tokio::test]
async fn refused_requests_change_nothing() {
    let app = TestApp::spawn_demo_at(demo::Stage::Selected).await;
    let ids = ids(&app).await;
    let files = app.db.dir().join("files");
    let routes: Vec<(Method, &str)> = registry()
        .defs
        .into_iter()
        .filter(|d| d.method == Method::POST && !matches!(d.access, Access::Public))
        .map(|d| (d.method, d.path))
        .collect();
    let (mut refused, mut allowed) = (0, 0);
    for account in ACCOUNTS {
        let mut b = app.browser();
        b.login_demo(account).await;
        let mut before = (table_hashes(&app).await, files_under(&files));
        for (_, path) in &routes {
            if path.ends_with("/logout") {
                continue;
            }
            let target = url(path, &ids);
            // The form as this person's page shows it (an approval carries what was seen).
            let mut fields = body(&ids);
            if let Some(page) = try_page_of(&target) {
                let shown = b.get(&page).await;
                fields.extend(hidden_fields(&shown.body, &target));
            }
            fields.push(("csrf".into(), b.csrf().await));
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let r = b.post_raw(&target, &pairs).await;
            assert!(
                r.status.as_u16() < 500,
                "{account}: POST {target}: {}",
                r.status
            );
            let after = (table_hashes(&app).await, files_under(&files));
            if r.status.is_success() || r.status.is_redirection() {
                // Allowed (whether it was is `access.rs`'s business): the state moves on.
                allowed += 1;
                before = after;
                continue;
            }
            refused += 1;
            assert_eq!(
                before.1, after.1,
                "{account}: POST {target} ({}) wrote a file",
                r.status
            );
            for (table, hash) in &before.0 {
                if ALLOWED.contains(&table.as_str()) {
                    continue;
                }
                assert_eq!(
                    Some(hash),
                    after.0.get(table),
                    "{account}: POST {target} was refused ({}) but changed {table}",
                    r.status
                );
            }
        }
    }
    eprintln!("{refused} refused requests changed nothing; {allowed} allowed");
    assert!(refused > 300, "{refused} refused requests checked");
    assert!(allowed > 0);
}
