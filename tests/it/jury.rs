//! A side's jury ranking instead of scoring, automatic exclusion of evaluators affiliated with
//! a partner organisation, due-date reminders, and the side's consolidated recommendation.

use axum::http::StatusCode;
use passerelle::evaluations::{model::REMINDER_LEAD_MS, reminders};

use crate::helpers::TestApp;

const WB_OFFICER: &str = "charge.wb@demo.passerelle.test";
const WB_EVALUATOR: &str = "evaluateur.wb@demo.passerelle.test";

async fn call(app: &TestApp) -> i64 {
    app.scalar("select id from calls where state = 'published'")
        .await
}

/// The n-th (from 0) filed WB half of the demo.
async fn wb_half(app: &TestApp, n: i64) -> String {
    app.scalar_text(&format!("select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'WB' order by h.id limit 1 offset {n}")).await.to_string()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    app.scalar_text(&format!("select id from users where email = '{email}'"))
        .await
        .to_string()
}

async fn officer(app: &TestApp) -> TestApp {
    let mut b = app.browser();
    b.login_demo(WB_OFFICER).await;
    b
}

#[tokio::test]
async fn a_jury_ranks_instead_of_scoring_each_place_once_and_the_side_follows_mean_places() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    // A ranking grid needs no criteria.
    let r = off
        .post(
            &format!("/calls/{call}/grid"),
            &[("method", "rank"), ("scale_max", "10"), ("criteria", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Two jury members, each with the same two halves.
    app.exec("insert into role_grants (user_id, role, side_id, created_at) select id, 'evaluator', side_id, 0 from users where email = 'commission.wb@demo.passerelle.test'").await;
    let (h1, h2) = (wb_half(&app, 0).await, wb_half(&app, 1).await);
    let jurors = [WB_EVALUATOR, "commission.wb@demo.passerelle.test"];
    for j in jurors {
        let e = user_id(&app, j).await;
        for h in [&h1, &h2] {
            let r = off
                .post(
                    &format!("/calls/{call}/evaluations/assign"),
                    &[("half", h), ("evaluator", &e)],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
    }
    let assignment = |j: &'static str, h: &String| {
        format!(
            "select a.id from assignments a join users u on u.id = a.evaluator_id where u.email = '{j}' and a.half_id = {h}"
        )
    };
    for (j, first_place_half) in jurors.into_iter().zip([&h2, &h2]) {
        let mut b = app.browser();
        b.login_demo(j).await;
        let a1 = app.scalar_text(&assignment(j, &h1)).await;
        let a2 = app.scalar_text(&assignment(j, &h2)).await;
        let form = b.get(&format!("/evaluations/{a1}")).await;
        assert!(form.contains_text("Place de ce projet (1 = le meilleur, jusqu’à 2)"));
        // Out of range: refused at the field, comment kept.
        let r = b
            .post(
                &format!("/evaluations/{a1}"),
                &[("place", "3"), ("comment", "Solide"), ("intent", "submit")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.contains_text("entre 1 et le nombre de vos projets") && r.body.contains("Solide")
        );
        let (best, other) = if first_place_half == &h2 {
            (a2, a1)
        } else {
            (a1, a2)
        };
        let r = b
            .post(
                &format!("/evaluations/{best}"),
                &[
                    ("place", "1"),
                    ("comment", "Excellent"),
                    ("intent", "submit"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // The same place twice in one call is refused.
        let r = b
            .post(
                &format!("/evaluations/{other}"),
                &[("place", "1"), ("intent", "submit")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.contains_text("déjà donné cette place"));
        let r = b
            .post(
                &format!("/evaluations/{other}"),
                &[("place", "2"), ("intent", "submit")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let page = off.get(&format!("/calls/{call}/evaluations")).await;
    assert!(page.contains_text("Classement par un jury"));
    let title = |h: &String| {
        format!(
            "select p.title from projects p join project_halves h on h.project_id = p.id where h.id = {h}"
        )
    };
    let (t1, t2) = (
        app.scalar_text_value(&title(&h1)).await,
        app.scalar_text_value(&title(&h2)).await,
    );
    let (p1, p2) = (page.body.find(&t1).unwrap(), page.body.find(&t2).unwrap());
    assert!(p2 < p1, "the half placed first by both jurors comes first");
    assert!(page.contains_text("place moyenne 1,00") && page.contains_text("place moyenne 2,00"));
    // Once places are given the grid cannot change.
    let r = off
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("criteria", "A | A | 1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_evaluator_belonging_to_a_partner_organisation_is_excluded_automatically() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    let half = wb_half(&app, 0).await;
    // The evaluator belongs to the organisation leading the *other* side's half of the project.
    let org = app.scalar_text(&format!("select q.organisation_id from project_halves q join project_halves h on h.project_id = q.project_id where h.id = {half} and q.id <> h.id")).await.to_string();
    let evaluator = user_id(&app, WB_EVALUATOR).await;
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/affiliations"),
            &[("evaluator", &evaluator), ("organisation", &org)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[("half", &half), ("evaluator", &evaluator)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("conflit d’intérêts"));
    // The proposal skips the excluded pair too (one WB evaluator).
    off.post(&format!("/calls/{call}/evaluations/propose"), &[])
        .await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from assignments where half_id = {half}"
        ))
        .await,
        0
    );
    // Every project that organisation leads a half of is skipped; every other WB half is assigned.
    let led = app
        .scalar_text(&format!(
            "select count(distinct project_id) from project_halves where organisation_id = {org}"
        ))
        .await;
    assert!(led >= 1);
    assert_eq!(
        app.scalar("select count(*) from assignments").await,
        40 - led
    );
    // The lead of a half is never assigned to their own project either.
    let lead = app
        .scalar_text(&format!(
            "select lead_user_id from project_halves where id = {}",
            wb_half(&app, 1).await
        ))
        .await
        .to_string();
    app.exec("insert into role_grants (user_id, role, side_id, created_at) select lead_user_id, 'evaluator', side_id, 0 from project_halves where id = (select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'WB' order by h.id limit 1 offset 1)").await;
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[("half", &wb_half(&app, 1).await), ("evaluator", &lead)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn reminders_go_three_days_before_the_due_date_and_once_overdue_each_only_once() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    // Typed in Brussels time: 15 April 2019, 17:00 = 15:00 UTC.
    let r = off
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("due_at", "2019-04-15T17:00"),
                ("criteria", "Pertinence | Relevance | 1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let due = app.scalar("select due_at from grids").await;
    assert_eq!(due, 1_555_340_400_000);
    let page = off.get(&format!("/calls/{call}/evaluations")).await;
    assert!(page.contains_text("15 avril 2019 à 17:00"), "{}", page.body);
    let evaluator = user_id(&app, WB_EVALUATOR).await;
    off.post(
        &format!("/calls/{call}/evaluations/assign"),
        &[("half", &wb_half(&app, 0).await), ("evaluator", &evaluator)],
    )
    .await;
    let db = &app.db.db;
    let base = "https://passerelle.example";
    assert_eq!(
        reminders::send_due(db, base, due - REMINDER_LEAD_MS - 1)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        reminders::send_due(db, base, due - REMINDER_LEAD_MS)
            .await
            .unwrap(),
        1
    );
    let (subject, body) = app.last_email(WB_EVALUATOR).await;
    assert!(
        subject.starts_with("Rappel : évaluation à remettre"),
        "{subject}"
    );
    assert!(body.contains("15 avril 2019 à 17:00"), "{body}");
    assert!(body.contains("https://passerelle.example/evaluations/"));
    // A second instance running the same sweep sends nothing more.
    assert_eq!(reminders::send_due(db, base, due - 1000).await.unwrap(), 0);
    assert_eq!(reminders::send_due(db, base, due).await.unwrap(), 1);
    assert!(
        app.last_email(WB_EVALUATOR)
            .await
            .0
            .starts_with("Évaluation en retard")
    );
    assert_eq!(
        reminders::send_due(db, base, due + 86_400_000)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_side_writes_one_recommendation_per_half_and_rewrites_it() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    let half = wb_half(&app, 0).await;
    for (verdict, note) in [
        ("recommended", "Bon projet"),
        ("priority", "Très bon projet"),
    ] {
        let r = off
            .post(
                &format!("/calls/{call}/evaluations/recommend"),
                &[("half", &half), ("verdict", verdict), ("note", note)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    assert_eq!(
        app.scalar_text_value(&format!(
            "select verdict || ':' || note from recommendations where half_id = {half}"
        ))
        .await,
        "priority:Très bon projet"
    );
    // Not on the other side's half.
    let qc_half = app.scalar_text("select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'QC' order by h.id limit 1").await.to_string();
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/recommend"),
            &[("half", &qc_half), ("verdict", "priority"), ("note", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
