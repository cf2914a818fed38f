//! Each person's workspace (issue 12): what waits for them, per role they hold, with counts
//! that follow the rules — taken here from the stored facts by the rule's own definition, and
//! moved by the acts that change them.

use axum::http::StatusCode;
use scraper::{Html, Selector};

use crate::{decisions::open_and_propose_selection, evaluations::setup, helpers::TestApp};

/// The count shown beside the heading starting with `title` in the section `section` of the
/// workspace, or None when the section or the heading is absent.
fn count(body: &str, section: &str, title: &str) -> Option<i64> {
    let html = Html::parse_document(body);
    let sel = Selector::parse(&format!(
        "section[aria-labelledby='ws-{section}'] h3, section[aria-labelledby='ws-{section}'] summary"
    ))
    .unwrap();
    let badge = Selector::parse(".count").unwrap();
    html.select(&sel)
        .find(|h| h.text().collect::<String>().trim_start().starts_with(title))
        .and_then(|h| h.select(&badge).next())
        .and_then(|c| c.text().collect::<String>().trim().parse().ok())
}

/// The text of a workspace section (what its lists say).
fn section_text(body: &str, section: &str) -> String {
    let html = Html::parse_document(body);
    let sel = Selector::parse(&format!("section[aria-labelledby='ws-{section}']")).unwrap();
    html.select(&sel)
        .map(|s| s.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn workspace_of(app: &TestApp, account: &str) -> String {
    let mut b = app.browser();
    b.login_demo(&format!("{account}@demo.passerelle.test"))
        .await;
    let r = b.get("/me").await;
    assert_eq!(r.status, StatusCode::OK, "{account}");
    r.body
}

/// Rule: a side's filed halves wait for its admissibility decision until it is taken (or the
/// commission decided on the project).
async fn pending_admissibility(app: &TestApp, side: &str) -> i64 {
    app.scalar_text(&format!(
        "select count(*) from project_halves h join sides s on s.id = h.side_id
         join projects p on p.id = h.project_id join calls c on c.id = p.call_id
         where s.code = '{side}' and h.state = 'submitted' and h.admissibility is null
           and c.state = 'published'
           and not exists (select 1 from decisions d
                           where d.project_id = p.id and d.decided_at is not null)"
    ))
    .await
}

#[tokio::test]
async fn an_officers_workspace_counts_what_waits_for_their_side_only() {
    let app = TestApp::spawn_demo().await;
    let (qc_pending, wb_pending) = (
        pending_admissibility(&app, "QC").await,
        pending_admissibility(&app, "WB").await,
    );
    assert!(qc_pending > 0 && wb_pending > 0);
    let qc = workspace_of(&app, "charge.qc").await;
    assert_eq!(count(&qc, "officer", "Recevabilité"), Some(qc_pending));
    assert_eq!(
        count(
            &workspace_of(&app, "charge.wb").await,
            "officer",
            "Recevabilité"
        ),
        Some(wb_pending)
    );

    // QC decides on one of its halves: QC's count drops by one, WB's does not move.
    let half = app
        .scalar(
            "select min(h.id) from project_halves h join sides s on s.id = h.side_id
             where s.code = 'QC' and h.state = 'submitted' and h.admissibility is null",
        )
        .await;
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let r = officer
        .post(
            &format!("/halves/{half}/admissibility"),
            &[("decision", "admissible"), ("reason", "")],
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    let qc = workspace_of(&app, "charge.qc").await;
    assert_eq!(count(&qc, "officer", "Recevabilité"), Some(qc_pending - 1));
    assert_eq!(
        count(
            &workspace_of(&app, "charge.wb").await,
            "officer",
            "Recevabilité"
        ),
        Some(wb_pending)
    );

    // A draft call waits for the approval of each side that has not approved it as it is.
    for (side, account) in [("QC", "charge.qc"), ("WB", "charge.wb")] {
        let waiting = app
            .scalar_text(&format!(
                "select count(*) from calls c join call_sides cs on cs.call_id = c.id
                 join sides s on s.id = cs.side_id
                 where c.state = 'draft' and s.code = '{side}'
                   and not exists (select 1 from call_approvals a
                                   where a.call_id = c.id and a.side_id = s.id)"
            ))
            .await;
        let body = workspace_of(&app, account).await;
        assert_eq!(
            count(&body, "officer", "Approbations"),
            Some(waiting),
            "{account}"
        );
    }

    // Evaluation: WB sets its grid and assigns one half; QC has no grid yet.
    setup(&app).await;
    let wb = workspace_of(&app, "charge.wb").await;
    let wb_filed = app
        .scalar(
            "select count(*) from project_halves h join sides s on s.id = h.side_id
             where s.code = 'WB' and h.state = 'submitted'",
        )
        .await;
    assert!(
        section_text(&wb, "officer").contains(&format!(
            "0 sur 1 évaluations remises ; {} volets sans évaluateur ni évaluatrice",
            wb_filed - 1
        )),
        "{}",
        section_text(&wb, "officer")
    );
    let qc = workspace_of(&app, "charge.qc").await;
    assert!(section_text(&qc, "officer").contains("grille d’évaluation à établir"));
    // Neither side reads the other's progress.
    assert!(!section_text(&qc, "officer").contains("évaluations remises"));
    // The dashboard is one click away.
    assert!(qc.contains("/dashboard\""));
}

#[tokio::test]
async fn an_evaluators_workspace_lists_their_assignments_only() {
    let app = TestApp::spawn_demo().await;
    setup(&app).await;
    let wb = workspace_of(&app, "evaluateur.wb").await;
    assert_eq!(count(&wb, "evaluator", "À évaluer"), Some(1));
    let assignment = app.scalar("select max(id) from assignments").await;
    assert!(wb.contains(&format!("href=\"/evaluations/{assignment}\"")));
    let qc = workspace_of(&app, "evaluateur.qc").await;
    assert_eq!(count(&qc, "evaluator", "À évaluer"), Some(0));
    // An evaluator has no officer's or commission's section.
    assert_eq!(count(&wb, "officer", "Recevabilité"), None);
    assert!(section_text(&wb, "commission").is_empty());
}

#[tokio::test]
async fn an_applicants_workspace_shows_both_halves_and_the_next_step() {
    let app = TestApp::spawn_demo().await;
    let led = app
        .scalar(
            "select count(*) from project_halves h join users u on u.id = h.lead_user_id
             where u.email = 'porteur01.qc@demo.passerelle.test'",
        )
        .await;
    let body = workspace_of(&app, "porteur01.qc").await;
    let html = Html::parse_document(&body);
    let rows = Selector::parse("section[aria-labelledby='ws-projects'] tbody tr").unwrap();
    let rows: Vec<String> = html
        .select(&rows)
        .map(|r| r.text().collect::<String>())
        .collect();
    assert_eq!(rows.len() as i64, led);
    // Filed on both sides, nothing decided yet: evaluation, then the joint session.
    assert!(rows[0].contains("Déposé"), "{}", rows[0]);
    assert!(
        rows[0].contains("Évaluation par chaque côté, puis décision conjointe en séance"),
        "{}",
        rows[0]
    );
    // Someone without a project is told where to start.
    let none = workspace_of(&app, "demandeur.qc").await;
    assert!(section_text(&none, "projects").contains("Vous n’avez pas encore de projet"));
}

#[tokio::test]
async fn commission_members_see_the_proposals_waiting_for_their_side() {
    let app = TestApp::spawn_demo().await;
    let session = app
        .scalar("select id from commission_sessions where kind = 'plenary'")
        .await;
    let project = app.scalar("select min(id) from projects").await.to_string();
    // Before: nothing to approve.
    let qc = workspace_of(&app, "commission.qc").await;
    assert_eq!(count(&qc, "commission", "Propositions"), Some(0));
    // WB proposes (and so approves for WB): the proposal waits for QC, not for WB.
    open_and_propose_selection(&app, session, &project).await;
    let qc = workspace_of(&app, "commission.qc").await;
    assert_eq!(count(&qc, "commission", "Propositions"), Some(1));
    assert!(qc.contains(&format!("href=\"/sessions/{session}\"")));
    let wb = workspace_of(&app, "commission.wb").await;
    assert_eq!(count(&wb, "commission", "Propositions"), Some(0));
    // QC's officer takes part in the session too: it waits for them as well.
    let officer = workspace_of(&app, "charge.qc").await;
    assert_eq!(count(&officer, "commission", "Propositions"), Some(1));
}

#[tokio::test]
async fn an_administrators_workspace_counts_people_and_pending_invitations() {
    let app = TestApp::spawn_demo().await;
    let mut admin = app.browser();
    admin.login_demo("admin@demo.passerelle.test").await;
    let r = admin
        .post(
            "/admin/users/new",
            &[
                ("name", "Invitée Test"),
                ("email", "invitee@example.org"),
                ("role", "officer"),
                ("side", "QC"),
                ("locale", "fr-CA"),
            ],
        )
        .await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let body = workspace_of(&app, "admin").await;
    assert_eq!(count(&body, "admin", "Invitations en attente"), Some(1));
    assert!(section_text(&body, "admin").contains("invitee@example.org"));
    let people = app.scalar("select count(*) from users").await;
    assert!(section_text(&body, "admin").contains(&format!("{people} personnes")));
    assert_eq!(count(&body, "admin", "Côtés du programme"), Some(2));
}

#[tokio::test]
async fn the_people_list_is_searched_by_name_or_address_and_paginated() {
    let app = TestApp::spawn_full_demo().await;
    let mut admin = app.browser();
    admin.login_demo("admin@demo.passerelle.test").await;
    let rows = |body: &str| {
        Html::parse_document(body)
            .select(&Selector::parse("tbody tr").unwrap())
            .count() as i64
    };
    // Rule: 50 people a page, by name; the last page holds the rest.
    let people = app.scalar("select count(*) from users").await;
    assert!(people > 50, "the demo has {people} people");
    let first = admin.get("/admin/users").await;
    assert_eq!(rows(&first.body), 50);
    let next_link = |body: &str| {
        Html::parse_document(body)
            .select(&Selector::parse("a[rel=next]").unwrap())
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_string))
    };
    assert_eq!(
        next_link(&first.body).as_deref(),
        Some("/admin/users?sort=name&dir=asc&page=2")
    );
    // Rule (issue 13): sorted by the server on any sortable column, either way, the same order
    // across pages: by address descending, page 1 then page 2 continue one order.
    let emails = |body: &str| {
        Html::parse_document(body)
            .select(&Selector::parse("tbody tr td:nth-of-type(1)").unwrap())
            .map(|td| td.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    let p1 = admin.get("/admin/users?sort=email&dir=desc").await;
    assert_eq!(
        next_link(&p1.body).as_deref(),
        Some("/admin/users?sort=email&dir=desc&page=2")
    );
    let p2 = admin.get("/admin/users?sort=email&dir=desc&page=2").await;
    let both: Vec<String> = emails(&p1.body)
        .into_iter()
        .chain(emails(&p2.body))
        .collect();
    assert_eq!(both.len(), 50 + emails(&p2.body).len());
    let mut expected = both.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(both, expected, "one descending order across both pages");
    assert_eq!(
        both[0],
        app.scalar_text_value("select max(email) from users").await
    );
    assert!(p1.body.contains("aria-sort=\"descending\""));
    let last_page = (people + 49) / 50;
    let last = admin.get(&format!("/admin/users?page={last_page}")).await;
    assert_eq!(rows(&last.body), people - 50 * (last_page - 1));
    // Out of range: the nearest page, never an error.
    assert_eq!(
        admin.get("/admin/users?page=9999").await.status,
        StatusCode::OK
    );
    assert_eq!(
        admin.get("/admin/users?page=-3").await.status,
        StatusCode::OK
    );
    // A search matches names and addresses, whatever the case; `%` and `_` are plain letters.
    let porteurs = app
        .scalar("select count(*) from users where email like '%porteur%' or lower(name) like '%porteur%'")
        .await;
    let found = admin.get("/admin/users?q=PORTEUR").await;
    assert_eq!(rows(&found.body).min(50), porteurs.min(50));
    assert!(
        found.body.contains(&format!("{porteurs} ")),
        "the count of matches"
    );
    assert!(
        found.body.contains("value=\"PORTEUR\""),
        "the search stays in its field"
    );
    assert_eq!(rows(&admin.get("/admin/users?q=Lemaire").await.body), 1);
    // Accents and case are ignored alike on both databases: "cote" finds "François Côté".
    let cote = admin.get("/admin/users?q=cote").await;
    assert!(rows(&cote.body) >= 1 && cote.body.contains("François Côté"));
    assert_eq!(
        rows(
            &admin
                .get("/admin/users?q=FRAN%C3%87OIS%20C%C3%94T%C3%89")
                .await
                .body
        ),
        1
    );
    assert_eq!(rows(&admin.get("/admin/users?q=%25").await.body), 0);
    assert_eq!(rows(&admin.get("/admin/users?q=_").await.body), 0);
}

/// Rule (issue 13, one visual language): beside the person's name, the identity of the side
/// they act for as it was set up (acronym and logo text); nobody acting for no side gets one.
#[tokio::test]
async fn the_side_bar_shows_the_side_one_acts_for() {
    let app = TestApp::spawn_demo().await;
    for (who, mark) in [
        ("charge.wb", Some("WBI")),
        ("charge.qc", Some("MRIF")),
        ("porteur01.qc", Some("MRIF")),
        ("admin", None),
    ] {
        let mut b = app.browser();
        b.login_demo(&format!("{who}@demo.passerelle.test")).await;
        let page = b.get("/me").await;
        let doc = Html::parse_document(&page.body);
        let shown: Vec<String> = doc
            .select(&Selector::parse("#site-nav .side-acronym").unwrap())
            .map(|e| e.text().collect())
            .collect();
        assert_eq!(shown.first().map(String::as_str), mark, "{who}");
        if let Some(acronym) = mark {
            let logo = app
                .scalar_text_value(&format!(
                    "select logo_text from sides where acronym = '{acronym}'"
                ))
                .await;
            assert!(page.contains_text(&logo), "{who}: {logo}");
        }
    }
}
