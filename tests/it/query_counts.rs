//! Rule (house style, "one read action per page"): a page is built in one read transaction by
//! a fixed number of set-based queries, whatever the number of rows it shows. Every GET page is rendered on the
//! full demo with one joint project and with six, by someone entitled to it; its statements
//! and transactions are counted (`db::counted`), must be the same at 1 and at N, and are pinned
//! in a snapshot so that a new query per page shows up in review.

use axum::http::StatusCode;
use passerelle::{app::registry, db::counted};

use crate::helpers::TestApp;

const N: usize = 6;
/// The secret of the calendar feed measured.
const FEED: &str = "query-count-feed-token-0123456789abcdefghijk";

/// (account, page) for every GET route of the registry; `{call}`, `{project}`… are resolved
/// on each database. Static files and token forms read no rows and are left out by name.
const PAGES: &[(&str, &str)] = &[
    ("", "/"),
    ("", "/calls"),
    ("", "/calls/{call}"),
    ("", "/receipts/public-key"),
    ("charge.qc", "/calls/{call}/applications"),
    ("charge.qc", "/calls/{call}/applications.csv"),
    ("charge.qc", "/calls/{call}/applications.xlsx"),
    ("charge.qc", "/calls/{call}/evaluations"),
    ("charge.qc", "/calls/{call}/grid"),
    ("charge.qc", "/calls/new"),
    ("charge.qc", "/calls/{draft}/edit"),
    ("charge.qc", "/projects/{project}"),
    ("commission.qc", "/projects/{project}/application"),
    ("charge.qc", "/receipts/{receipt}"),
    ("charge.qc", "/receipts/{receipt}/pdf"),
    ("charge.qc", "/sessions/{session}"),
    ("charge.qc", "/sessions/{session}/minutes"),
    ("charge.wb", "/grv/editions"),
    ("charge.wb", "/grv/editions/new"),
    ("charge.qc", "/grv/editions/{grv}"),
    ("charge.wb", "/grv/editions/{grv_cohort}/screening"),
    ("charge.qc", "/grv/editions/{grv_cohort}/cohort"),
    ("charge.wb", "/grv/editions/{grv_cohort}/programme"),
    ("charge.qc", "/grv/editions/{grv_cohort}/sessions/new"),
    ("coach", "/grv/sessions/{grv_session}"),
    ("demandeur.qc", "/grv/sessions/{grv_session}/ics"),
    ("demandeur.qc", "/grv/participants/{candidacy}"),
    ("", "/grv/calendar/{feed}"),
    ("", "/grands-rendez-vous/{grv_cohort}/cohort"),
    ("demandeur.qc", "/grands-rendez-vous"),
    ("demandeur.qc", "/grands-rendez-vous/{grv_public}"),
    ("demandeur.qc", "/candidacies/{candidacy}"),
    ("demandeur.qc", "/candidacies/{candidacy}/review"),
    ("charge.qc", "/grv/editions/{grv_draft}/edit"),
    ("charge.qc", "/sessions/{session}/minutes.pdf"),
    ("charge.qc", "/sessions/{session}/ics"),
    ("charge.qc", "/sessions/{session}/next-call"),
    ("charge.qc", "/sessions/{session}/calendar"),
    ("charge.qc", "/funded/{funded}"),
    ("charge.qc", "/commissions/{commission}/followup"),
    ("charge.qc", "/commissions/{commission}/dashboard"),
    ("charge.qc", "/programmes/{programme}/dashboard"),
    ("charge.qc", "/commissions/{commission}/funded.csv"),
    ("charge.qc", "/commissions/{commission}/funded.xlsx"),
    ("charge.qc", "/commissions/{commission}/iati.xml"),
    ("charge.qc", "/resolutions/{resolution}/calendar"),
    ("charge.qc", "/organisations/new"),
    ("charge.qc", "/commissions"),
    ("charge.qc", "/commissions/new"),
    ("charge.qc", "/commissions/{commission}"),
    ("charge.qc", "/commissions/{edition_draft}/edit"),
    ("charge.qc", "/commissions/{commission}/sessions/new"),
    ("charge.qc", "/sessions/{session}/move"),
    ("charge.qc", "/sessions/{session}/cancel"),
    ("porteur01.qc", "/me"),
    ("charge.qc", "/me"),
    ("commission.qc", "/me"),
    ("evaluateur.qc", "/me"),
    ("admin", "/me"),
    ("porteur01.qc", "/projects/{project}/edit"),
    ("porteur01.qc", "/projects/{project}/half"),
    ("porteur01.qc", "/projects/{project}/missions/new"),
    ("porteur01.qc", "/projects/{project}/invite"),
    ("porteur01.qc", "/projects/{project}/review"),
    ("porteur01.qc", "/projects/{project}/letter.pdf"),
    ("porteur01.qc", "/account"),
    ("porteur01.qc", "/account/notifications"),
    ("evaluateur.qc", "/evaluations"),
    ("evaluateur.qc", "/evaluations/{evaluation}"),
    ("evaluateur.qc", "/calls/{call}/conflicts"),
    ("admin", "/admin/users"),
    ("admin", "/admin/users/new"),
    ("admin", "/admin/users/{user}"),
];

/// GET routes that read no rows (static files, health, forms of tokens sent by email).
const WITHOUT_ROWS: &[&str] = &[
    "/health",
    "/static/app.css",
    "/static/favicon.svg",
    "/accessibility",
    "/privacy",
    "/static/autosave.js",
    "/static/forms.js",
    "/static/menu.js",
    "/signup",
    "/login",
    "/verify-email",
    "/verify-email/resend",
    "/password/forgot",
    "/password/reset",
    "/invitation",
    "/attachments/{id}",
    // A file: the bytes of one row, like /attachments/{id}.
    "/evaluations/{id}/files/{file}",
    "/projects/{id}/application/files/{file}",
    // A participant's photo: the bytes of one row, like /attachments/{id} (the public one
    // after reading its edition's announcement, a fixed number of statements).
    "/grands-rendez-vous/photos/{key}",
    "/candidacies/{id}/photo",
    "/calls/{id}/apply",
    // "My projects" is the workspace now: a redirect.
    "/projects",
    // Answers "gone" without the invitation code of an email.
    "/projects/join",
    // Once installed, the set-up answers with a redirect (one count of programmes).
    "/setup",
];

async fn ids(app: &TestApp) -> Vec<(&'static str, i64)> {
    vec![
        ("{call}", app.scalar("select min(id) from calls").await),
        (
            "{draft}",
            app.scalar("select max(id) from calls where state = 'draft'")
                .await,
        ),
        ("{project}", app.scalar("select min(id) from projects").await),
        (
            "{receipt}",
            app.scalar("select min(r.id) from receipts r join project_halves h on h.id = r.submission_id join sides s on s.id = h.side_id where s.code = 'QC'")
                .await,
        ),
        (
            "{session}",
            app.scalar("select min(id) from commission_sessions where kind = 'plenary'")
                .await,
        ),
        ("{funded}", app.scalar("select min(id) from funded_projects").await),
        ("{commission}", app.scalar("select min(id) from commissions").await),
        (
            "{edition_draft}",
            app.scalar("select max(id) from commissions where state = 'draft'")
                .await,
        ),
        ("{programme}", app.scalar("select min(id) from programmes").await),
        (
            "{grv_draft}",
            app.scalar("select max(id) from grv_editions where state = 'draft'")
                .await,
        ),
        ("{grv}", app.scalar("select max(id) from grv_editions").await),
        (
            "{grv_cohort}",
            app.scalar("select id from grv_editions where number = 3")
                .await,
        ),
        (
            "{candidacy}",
            app.scalar(
                "select min(c.id) from grv_candidacies c join users u on u.id = c.user_id
                 where u.email = 'demandeur.qc@demo.passerelle.test'",
            )
            .await,
        ),
        (
            "{grv_session}",
            app.scalar("select min(id) from grv_sessions").await,
        ),
        (
            "{grv_public}",
            app.scalar("select max(id) from grv_editions where state <> 'draft'")
                .await,
        ),
        (
            "{resolution}",
            app.scalar("select min(id) from resolutions where kind = 'calendar'")
                .await,
        ),
        (
            "{evaluation}",
            app.scalar("select min(a.id) from assignments a join users u on u.id = a.evaluator_id where u.email = 'evaluateur.qc@demo.passerelle.test'")
                .await,
        ),
        (
            "{user}",
            app.scalar("select min(id) from users where email like 'porteur%'")
                .await,
        ),
    ]
}

/// The statements and transactions of each page, as "path: statements / transactions".
async fn measure(rows: usize) -> Vec<(String, u64, u64)> {
    let app = TestApp::spawn_sized_demo(rows).await;
    let ids = ids(&app).await;
    // A participant's calendar feed, whose secret address the demo does not hold.
    app.exec_text(&format!(
        "insert into grv_feeds (candidacy_id, token_hash, created_at)
         select c.id, '{}', 0 from grv_candidacies c join users u on u.id = c.user_id
         where u.email = 'demandeur.qc@demo.passerelle.test'",
        passerelle::auth::token_hash(FEED)
    ))
    .await;
    let mut out = Vec::new();
    for (account, page) in PAGES {
        let mut b = app.browser();
        if !account.is_empty() {
            b.login_demo(&format!("{account}@demo.passerelle.test"))
                .await;
        }
        let mut url = page.to_string();
        for (k, v) in &ids {
            url = url.replace(k, &v.to_string());
        }
        url = url.replace("{feed}", FEED);
        let (r, counts) = counted(b.get(&url)).await;
        // At most one read transaction for the page (none for a blank form), plus the session
        // lookup when signed in.
        let session = u64::from(!account.is_empty());
        assert!(
            counts.transactions <= 1 + session,
            "{account} GET {url}: {} transactions, one read transaction per page at most",
            counts.transactions
        );
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{account} GET {url} at {rows} rows"
        );
        // The workspace differs per role: each is its own line.
        let label = if *page == "/me" {
            format!("{page} ({account})")
        } else {
            page.to_string()
        };
        out.push((label, counts.statements, counts.transactions));
        eprintln!(
            "{rows} rows: {page}: {} statements, {} transactions",
            counts.statements, counts.transactions
        );
    }
    out
}

#[tokio::test]
async fn every_get_page_takes_the_same_number_of_queries_at_one_and_at_n_rows() {
    // Every GET route of the registry is measured here or named as reading no rows.
    for def in registry().defs.iter().filter(|d| d.method == "GET") {
        let pattern = PAGES.iter().any(|(_, p)| {
            let re = p
                .split('/')
                .map(|s| if s.starts_with('{') { "{}" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let route = def
                .path
                .split('/')
                .map(|s| if s.starts_with('{') { "{}" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            re == route
        });
        assert!(
            pattern || WITHOUT_ROWS.contains(&def.path),
            "GET {} is neither measured nor listed as reading no rows",
            def.path
        );
    }
    let one = measure(1).await;
    let many = measure(N).await;
    let mut table = String::new();
    let mut grows = Vec::new();
    for ((page, s1, t1), (_, sn, tn)) in one.iter().zip(&many) {
        if (s1, t1) != (sn, tn) {
            grows.push(format!("{page}: {s1}/{t1} at 1 row, {sn}/{tn} at {N}"));
        }
        table.push_str(&format!("{page}: {s1} statements, {t1} transactions\n"));
    }
    assert!(
        grows.is_empty(),
        "pages whose queries grow with their rows:\n{}",
        grows.join("\n")
    );
    insta::assert_snapshot!(table);
}
