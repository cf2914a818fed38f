//! Separate evaluation per side: grids, assignments and conflicts; and the canary test — side
//! WB's scores, comments, criteria and evaluator names reach no page, export or email that side
//! QC's people or any applicant can get.

use axum::http::{Method, StatusCode};
use passerelle::app::registry;

use crate::helpers::TestApp;

const WB_OFFICER: &str = "charge.wb@demo.passerelle.test";
const WB_EVALUATOR: &str = "evaluateur.wb@demo.passerelle.test";

async fn xi(app: &TestApp) -> i64 {
    app.scalar("select id from calls where state = 'published'")
        .await
}

/// A WB grid with a canary criterion, and the WB evaluator assigned to the first WB half.
pub(crate) async fn setup(app: &TestApp) -> (TestApp, i64, i64) {
    let call = xi(app).await;
    let mut officer = app.browser();
    officer.login_demo(WB_OFFICER).await;
    let r = officer
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("criterion_fr", "Pertinence CANARYGRIDWB"),
                ("criterion_en", "Relevance CANARYGRIDWB"),
                ("criterion_weight", "3"),
                ("criterion_fr", "Faisabilité"),
                ("criterion_en", "Feasibility"),
                ("criterion_weight", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let half = app.scalar("select min(h.id) from project_halves h join sides s on s.id = h.side_id where s.code = 'WB'").await;
    let evaluator = app
        .scalar("select id from users where email = 'evaluateur.wb@demo.passerelle.test'")
        .await;
    let r = officer
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[
                ("half", &half.to_string()),
                ("evaluator", &evaluator.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (officer, call, half)
}

#[tokio::test]
async fn an_evaluator_scores_only_what_is_assigned_and_the_side_sees_its_ranking() {
    let app = TestApp::spawn_demo().await;
    let (mut officer, call, _) = setup(&app).await;
    let mut ev = app.browser();
    ev.login_demo(WB_EVALUATOR).await;
    let mine = ev.get("/evaluations").await;
    assert!(mine.body.contains("à faire"));
    let id = app.scalar("select max(id) from assignments").await;
    let form = ev.get(&format!("/evaluations/{id}")).await;
    assert_eq!(form.status, StatusCode::OK);
    let c1 = app
        .scalar("select min(id) from grid_criteria")
        .await
        .to_string();
    let c2 = app
        .scalar("select max(id) from grid_criteria")
        .await
        .to_string();
    let (s1, s2) = (format!("score_{c1}"), format!("score_{c2}"));
    // Submitting with a criterion missing is refused and keeps what was typed.
    let r = ev
        .post(
            &format!("/evaluations/{id}"),
            &[(s1.as_str(), "8"), ("intent", "submit")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"8\""));
    let r = ev
        .post(
            &format!("/evaluations/{id}"),
            &[(s1.as_str(), "8"), (s2.as_str(), "4"), ("intent", "submit")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = officer.get(&format!("/calls/{call}/evaluations")).await;
    assert!(page.contains_text("70,0 / 100"), "(8×3 + 4×1) / (10×4)");
    // Someone else's assignment does not exist for this evaluator.
    let mut other = app.browser();
    other.login_demo("evaluateur.qc@demo.passerelle.test").await;
    assert_eq!(
        other.get(&format!("/evaluations/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    // The other side's officer cannot open side WB's evaluation of the call as its own data:
    let qc = {
        let mut b = app.browser();
        b.login_demo("charge.qc@demo.passerelle.test").await;
        b.get(&format!("/calls/{call}/evaluations")).await
    };
    assert!(!qc.body.contains("70,0"));
}

#[tokio::test]
async fn a_declared_conflict_blocks_assignment_and_the_proposal_avoids_it() {
    let app = TestApp::spawn_demo().await;
    let call = xi(&app).await;
    let half = app.scalar("select min(h.id) from project_halves h join sides s on s.id = h.side_id where s.code = 'WB'").await;
    let project = app.scalar("select project_id from project_halves where id = (select min(h.id) from project_halves h join sides s on s.id = h.side_id where s.code = 'WB')").await;
    let mut ev = app.browser();
    ev.login_demo(WB_EVALUATOR).await;
    let r = ev
        .post(
            &format!("/calls/{call}/conflicts"),
            &[
                ("project", &project.to_string()),
                ("reason", "Ancienne collègue"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut officer = app.browser();
    officer.login_demo(WB_OFFICER).await;
    let evaluator = app
        .scalar("select id from users where email = 'evaluateur.wb@demo.passerelle.test'")
        .await;
    let r = officer
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[
                ("half", &half.to_string()),
                ("evaluator", &evaluator.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("a déclaré un conflit d’intérêts"));
    // A second WB evaluator, then the balanced proposal: two per half, never across the conflict.
    app.exec("insert into role_grants (user_id, role, side_id, created_at) select id, 'evaluator', side_id, 0 from users where email = 'commission.wb@demo.passerelle.test'").await;
    let r = officer
        .post(&format!("/calls/{call}/evaluations/propose"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from assignments where submission_id = {half} and evaluator_id = {evaluator}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.scalar("select count(*) from assignments").await,
        79,
        "40 halves × 2, minus the conflict"
    );
    let loads = app.scalar("select max(n) - min(n) from (select count(*) as n from assignments group by evaluator_id) t").await;
    assert!(loads <= 1, "balanced load");
}

#[tokio::test]
async fn side_wbs_evaluation_reaches_nothing_side_qc_or_applicants_can_get() {
    let app = TestApp::spawn_demo().await;
    let (mut wb_officer, call, half) = setup(&app).await;
    app.exec(
        "update users set name = 'CANARYNAMEWB' where email = 'evaluateur.wb@demo.passerelle.test'",
    )
    .await;
    let r = wb_officer
        .post(
            &format!("/calls/{call}/evaluations/recommend"),
            &[
                ("half", &half.to_string()),
                ("verdict", "priority"),
                ("note", "CANARYRECWB"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Reminders (here: overdue) are queued too, and must not leak either.
    app.exec("update grids set due_at = 0").await;
    passerelle::evaluations::reminders::send_due(&app.db.db, "http://x", 1)
        .await
        .unwrap();
    let mut ev = app.browser();
    ev.login_demo(WB_EVALUATOR).await;
    let id = app.scalar("select max(id) from assignments").await;
    let c1 = app
        .scalar("select min(id) from grid_criteria")
        .await
        .to_string();
    let s1 = format!("score_{c1}");
    let comment = format!("comment_{c1}");
    ev.post(
        &format!("/evaluations/{id}"),
        &[
            (s1.as_str(), "7"),
            (comment.as_str(), "CANARYCOMMENTWB"),
            ("intent", "save"),
        ],
    )
    .await;
    assert_eq!(
        app.scalar("select count(*) from scores where comment = 'CANARYCOMMENTWB'")
            .await,
        1
    );

    let canaries = [
        "CANARYNAMEWB",
        "CANARYCOMMENTWB",
        "CANARYGRIDWB",
        "CANARYRECWB",
    ];
    // Positive control: side WB's own officer does see its evaluators and criteria.
    let mut wb = app.browser();
    wb.login_demo(WB_OFFICER).await;
    let own = wb.get(&format!("/calls/{call}/evaluations")).await;
    assert!(
        own.body.contains("CANARYNAMEWB")
            && own.body.contains("CANARYGRIDWB")
            && own.body.contains("CANARYRECWB")
    );
    assert!(
        ev.get(&format!("/evaluations/{id}"))
            .await
            .body
            .contains("CANARYCOMMENTWB")
    );
    let max_id = app
        .scalar("select max(id) from project_halves")
        .await
        .max(60);
    let visitors = [
        "charge.qc@demo.passerelle.test",
        "evaluateur.qc@demo.passerelle.test",
        "commission.qc@demo.passerelle.test",
        "demandeur.qc@demo.passerelle.test",
        "porteur01.wb@demo.passerelle.test",
        "porteur01.qc@demo.passerelle.test",
    ];
    let gets: Vec<_> = registry()
        .defs
        .into_iter()
        .filter(|d| d.method == Method::GET)
        .collect();
    let mut fetched = 0;
    for email in visitors {
        let mut b = app.browser();
        b.login_demo(email).await;
        for d in &gets {
            let ids: Vec<i64> = if d.path.contains("{id}") {
                (1..=max_id).collect()
            } else {
                vec![0]
            };
            for i in ids {
                let path = d.path.replace("{id}", &i.to_string());
                let r = b.get(&path).await;
                fetched += 1;
                for c in canaries {
                    assert!(!r.body.contains(c), "{email} saw {c} at {path}");
                }
            }
        }
        let csv = b.get(&format!("/calls/{call}/applications.csv")).await;
        assert!(canaries.iter().all(|c| !csv.body.contains(c)));
    }
    assert!(fetched > 1000, "{fetched} responses checked");
    // No email carries them either (but the evaluator's own emails greet them by name).
    for c in canaries {
        assert_eq!(app.scalar_text(&format!("select count(*) from email_outbox where to_address <> 'evaluateur.wb@demo.passerelle.test' and (body_text like '%{c}%' or body_html like '%{c}%' or subject like '%{c}%')")).await, 0);
    }
}
