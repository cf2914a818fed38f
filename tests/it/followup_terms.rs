//! Project follow-up, continued: final reports and closing, individual extensions, activity
//! report reminders, and a new calendar for a chosen subset of projects.

use axum::http::StatusCode;
use passerelle::demo::Stage;

use crate::{
    followup::{lead, login},
    helpers::TestApp,
};

#[tokio::test]
async fn no_project_closes_without_a_final_report_every_side_approved() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    let mut wb = login(&app, "charge.wb@demo.passerelle.test").await;
    let mut qc = login(&app, "charge.qc@demo.passerelle.test").await;
    let r = wb.post("/funded/1/close", &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("qu’avec un rapport final approuvé par chaque partie"));
    // A late final report is flagged: project 2 ended long ago.
    app.exec("update funded_projects set ends_on = '2020-01-31' where id = 2")
        .await;
    let page = wb.get("/funded/2").await;
    assert!(
        page.contains_text(
            "Rapport final à remettre au plus tard le 30 avril 2020 — <strong>en retard"
        ),
        "{}",
        page.body
    );
    let lead = lead(&app, 1, "QC").await;
    let mut l = login(&app, &lead).await;
    let r = l
        .post("/funded/1/final-report", &[("final_report", "  ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = l
        .post(
            "/funded/1/final-report",
            &[(
                "final_report",
                "Objectifs atteints ; publications communes.",
            )],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    wb.approve("/funded/1/final-report/approve").await;
    assert_eq!(
        qc.post("/funded/1/close", &[]).await.status,
        StatusCode::CONFLICT,
        "one side's approval is not enough"
    );
    qc.approve("/funded/1/final-report/approve").await;
    assert_eq!(
        app.scalar_text_value("select state from funded_projects where id = 1")
            .await,
        "completed"
    );
    assert_eq!(
        qc.post("/funded/1/close", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.scalar_text_value("select state from funded_projects where id = 1")
            .await,
        "closed"
    );
    assert!(wb.get("/funded/1").await.contains_text("Clôturé"));
}

#[tokio::test]
async fn an_individual_extension_applies_only_once_both_sides_approve_it() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    let mut wb = login(&app, "charge.wb@demo.passerelle.test").await;
    let mut qc = login(&app, "charge.qc@demo.passerelle.test").await;
    let old = app
        .scalar_text_value("select ends_on from funded_projects where id = 3")
        .await;
    let r = wb
        .post(
            "/funded/3/extensions",
            &[("new_end", "2019-01-01"), ("reason", "Retard")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("postérieure à la fin actuelle"));
    let r = wb
        .post(
            "/funded/3/extensions",
            &[
                ("new_end", "2022-12-31"),
                ("reason", "Congé de maternité de la porteuse"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text_value("select ends_on from funded_projects where id = 3")
            .await,
        old,
        "one side's approval is not a decision"
    );
    let ext = app.scalar("select max(id) from extensions").await;
    let r = qc
        .approve(&format!("/funded/3/extensions/{ext}/approve"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text_value("select ends_on from funded_projects where id = 3")
            .await,
        "2022-12-31"
    );
    assert_eq!(
        app.scalar_text_value("select old_ends_on || ' ' || reason from term_changes where funded_id = 3 and resolution_id is null").await,
        format!("{old} Congé de maternité de la porteuse")
    );
    let lead_qc = lead(&app, 3, "QC").await;
    let (subject, body) = app.last_email(&lead_qc).await;
    assert!(subject.starts_with("Prolongation du projet"), "{subject}");
    assert!(body.contains("31 décembre 2022"), "{body}");
}

#[tokio::test]
async fn activity_reports_are_reminded_a_week_before_and_once_overdue() {
    use passerelle::followup::extensions::send_report_reminders;
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    let mission = app
        .scalar("select min(id) from funded_missions where funded_id = 1")
        .await;
    app.exec_text(&format!(
        "update funded_missions set status = 'done' where id = {mission}"
    ))
    .await;
    let start: jiff::civil::Date = app
        .scalar_text_value(&format!(
            "select starts_on from funded_missions where id = {mission}"
        ))
        .await
        .parse()
        .unwrap();
    // Seven days of mission, report due thirty days after its last day.
    let due = start.checked_add(jiff::Span::new().days(6 + 30)).unwrap();
    let day = |n: i64| due.checked_add(jiff::Span::new().days(n)).unwrap();
    let db = &app.db.db;
    assert_eq!(
        send_report_reminders(db, "http://x", day(-8))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        send_report_reminders(db, "http://x", day(-7))
            .await
            .unwrap(),
        2,
        "both leads"
    );
    assert_eq!(
        send_report_reminders(db, "http://x", day(0)).await.unwrap(),
        0
    );
    assert_eq!(
        send_report_reminders(db, "http://x", day(1)).await.unwrap(),
        2
    );
    assert_eq!(
        send_report_reminders(db, "http://x", day(30))
            .await
            .unwrap(),
        0
    );
    let lead_wb = lead(&app, 1, "WB").await;
    assert!(
        app.last_email(&lead_wb)
            .await
            .0
            .starts_with("Rapport d’activité en retard")
    );
}

#[tokio::test]
async fn a_new_calendar_may_concern_a_chosen_subset_of_running_projects() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    let midterm = app
        .scalar("select id from commission_sessions where kind = 'midterm'")
        .await;
    let mut wb = login(&app, "commission.wb@demo.passerelle.test").await;
    let mut qc = login(&app, "commission.qc@demo.passerelle.test").await;
    wb.approve(&format!("/sessions/{midterm}/open")).await;
    app.open_session(midterm).await;
    let form = wb.get(&format!("/sessions/{midterm}/calendar")).await;
    assert_eq!(form.body.matches("name=\"projects\"").count(), 26);
    let r = wb
        .post(
            &format!("/sessions/{midterm}/calendar"),
            &[
                ("months", "6"),
                ("end_on", ""),
                ("projects", "1"),
                ("projects", "2"),
                ("move_missions", "yes"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rid = app.scalar("select max(id) from resolutions").await;
    qc.approve(&format!("/sessions/{midterm}/resolutions/{rid}/approve"))
        .await;
    assert!(qc.get(&format!("/sessions/{midterm}")).await.contains_text(
        "reportées de 6 mois ; missions prévues décalées d’autant (pour 2 projets choisis)"
    ));
    let mut officer = login(&app, "charge.wb@demo.passerelle.test").await;
    let preview = officer.get(&format!("/resolutions/{rid}/calendar")).await;
    assert_eq!(preview.body.matches("<tr><th scope=\"row\">").count(), 2);
    let first = "select min(starts_on) from funded_missions where funded_id = 1";
    let third = "select min(starts_on) from funded_missions where funded_id = 3";
    let (before_1, before_3) = (
        app.scalar_text_value(first).await,
        app.scalar_text_value(third).await,
    );
    officer
        .post(&format!("/resolutions/{rid}/calendar"), &[])
        .await;
    // Planned missions of the chosen projects moved by six months too; others did not.
    let moved = before_1
        .parse::<jiff::civil::Date>()
        .unwrap()
        .checked_add(jiff::Span::new().months(6))
        .unwrap();
    assert_eq!(app.scalar_text_value(first).await, moved.to_string());
    assert_eq!(app.scalar_text_value(third).await, before_3);
    assert_eq!(app.scalar("select count(*) from term_changes").await, 2);
    assert_eq!(
        app.scalar("select count(*) from funded_projects where state = 'rescheduled'")
            .await,
        2
    );
}
