//! The full demo: the XIe CMP's evaluations and its June 2019 session, recorded through the
//! same actions as the web, consistent with every rule.

use axum::http::StatusCode;

use passerelle::demo::Stage;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_full_demo_holds_the_xi_evaluations_and_the_june_2019_decisions() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    // Every half evaluated twice on its own side; nothing left to do.
    assert_eq!(app.scalar("select count(*) from assignments").await, 160);
    assert_eq!(
        app.scalar("select count(*) from assignments where state <> 'submitted'")
            .await,
        0
    );
    // The declared conflict and the affiliation were respected.
    assert_eq!(
        app.scalar("select count(*) from assignments a join project_halves h on h.id = a.submission_id join conflicts c on c.evaluator_id = a.evaluator_id and c.submission_id = a.submission_id").await,
        0
    );
    assert_eq!(
        app.scalar("select count(*) from assignments a join project_halves h on h.id = a.submission_id join project_halves o on o.project_id = h.project_id join evaluator_affiliations f on f.user_id = a.evaluator_id and f.organisation_id = o.organisation_id").await,
        0
    );
    assert_eq!(
        app.scalar(
            "select count(*) from recommendations r join project_halves h on h.id = r.submission_id"
        )
        .await,
        80
    );
    // Every agenda item decided by both sides; 26 selected became funded projects.
    assert_eq!(
        app.scalar("select count(*) from decisions where decided_at is not null")
            .await,
        40
    );
    assert_eq!(
        app.scalar("select count(*) from decision_approvals").await,
        80
    );
    assert_eq!(app.scalar("select count(*) from funded_projects").await, 26);
    assert_eq!(
        app.scalar("select count(*) from funded_projects where starts_on = '2019-07-01'")
            .await,
        26
    );
    assert_eq!(
        app.scalar(
            "select count(*) from commission_sessions where kind = 'plenary' and state = 'closed'"
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from minutes_signatures").await,
        2
    );
    assert_eq!(app.scalar("select count(*) from session_releases").await, 2);
    // One letter per lead of a decided project, on each side.
    assert_eq!(
        app.scalar(
            "select count(*) from email_outbox where subject like 'Décision de la Commission%'"
        )
        .await,
        80
    );
    // The minutes read as signed, and a lead of a selected project sees outcome and term.
    let mut member = app.browser();
    member
        .login_demo("commission.qc@demo.passerelle.test")
        .await;
    let session = app
        .scalar("select id from commission_sessions where kind = 'plenary'")
        .await;
    let minutes = member
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    assert!(minutes.contains_text("Pour Wallonie-Bruxelles : signé par Anne Lambert"));
    assert!(!minutes.contains_text("en attente"));
    let project = app
        .scalar("select min(project_id) from funded_projects")
        .await;
    let lead = app.scalar_text_value(&format!("select u.email from users u join project_halves h on h.lead_user_id = u.id join sides s on s.id = h.side_id where h.project_id = {project} and s.code = 'QC'")).await;
    let mut applicant = app.browser();
    applicant.login_demo(&lead).await;
    let page = applicant.get(&format!("/projects/{project}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains_text("Décision de la commission : Retenu"));
    assert!(page.contains_text("Projet financé du 1er juillet 2019 au"));
    // And the audit chain of all this verifies.
    let report = passerelle::audit::verify(&app.db.db).await.unwrap();
    assert_eq!(report.first_broken, None, "audit chain intact");
    assert!(report.rows > 500, "{} audit rows", report.rows);
}

#[tokio::test]
async fn the_full_demo_reaches_september_2020_with_a_new_calendar_ready_to_apply() {
    let app = TestApp::spawn_full_demo().await;
    // Autumn 2019 missions done; spring 2020 ones cancelled or held online.
    assert_eq!(
        app.scalar("select count(*) from funded_missions where status = 'done'")
            .await,
        26
    );
    assert_eq!(
        app.scalar("select count(*) from funded_missions where status in ('cancelled', 'online')")
            .await,
        26
    );
    // Some online missions still lack their activity report: officers see them overdue.
    let missing = app
        .scalar("select count(*) from funded_missions where status = 'online' and report is null")
        .await;
    assert!(missing > 0);
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let page = officer.get("/commissions/1/followup").await;
    assert_eq!(
        page.body.matches("rapport attendu le").count() as i64,
        missing,
        "{}",
        page.body
    );
    // Rule (issue 13): the funded projects sort by any column, either way; ties keep id order.
    let end_dates = |body: &str| {
        let doc = scraper::Html::parse_document(body);
        let cell = scraper::Selector::parse("caption ~ tbody tr td:nth-of-type(2)").unwrap();
        doc.select(&cell)
            .map(|td| td.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    let ends: Vec<String> = app
        .ids("select id from funded_projects where commission_id = 1 order by ends_on desc, id")
        .await
        .iter()
        .map(|id| id.to_string())
        .collect();
    let sorted = officer
        .get("/commissions/1/followup?sort=ends&dir=desc")
        .await;
    assert!(sorted.body.contains("aria-sort=\"descending\""));
    let links: Vec<String> = {
        let doc = scraper::Html::parse_document(&sorted.body);
        let a = scraper::Selector::parse("caption ~ tbody tr th a").unwrap();
        doc.select(&a)
            .filter_map(|a| a.value().attr("href"))
            .filter_map(|h| h.rsplit('/').next().map(str::to_string))
            .collect()
    };
    assert_eq!(links, ends, "latest end first, ties by id");
    assert_eq!(end_dates(&sorted.body).len(), ends.len());
    // The mid-term review: 24 reports, one unfavourable joint opinion, year 2 released for 23.
    assert_eq!(
        app.scalar("select count(*) from progress_reports").await,
        24
    );
    assert_eq!(
        app.scalar("select count(*) from midterm_opinions where favourable = 0")
            .await,
        1
    );
    assert_eq!(app.scalar("select count(*) from year2_releases").await, 46);
    // The September 2020 session closed and signed; its new calendar decided, not applied.
    assert_eq!(
        app.scalar(
            "select count(*) from commission_sessions where kind = 'midterm' and state = 'closed'"
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from resolutions where kind = 'calendar' and decided_at is not null and applied_at is null")
            .await,
        1
    );
    assert!(page.contains_text(
        "Nouveau calendrier : les dates de fin des projets en cours sont reportées de 12 mois"
    ));
    let rid = app
        .scalar("select id from resolutions where kind = 'calendar'")
        .await;
    let preview = officer.get(&format!("/resolutions/{rid}/calendar")).await;
    assert_eq!(preview.body.matches("<tr><th scope=\"row\">").count(), 26);
    let report = passerelle::audit::verify(&app.db.db).await.unwrap();
    assert_eq!(report.first_broken, None);
}
