//! Rule (house style, "types that fail loudly"): every state is an enum parsed strictly. A value
//! the code does not know — from the database or anywhere else — is refused, never read as a
//! default (an unknown half state is not a draft, an unknown method not a score).

use axum::http::StatusCode;
use passerelle::{
    calls::CallState,
    commissions::SessionState,
    decisions::model::Outcome,
    evaluations::model::{Method, Verdict},
    followup::{
        FundedState,
        model::{MissionStatus, ObjectiveStatus},
    },
    projects::HalfState,
    viewer::Role,
};

use crate::helpers::TestApp;

/// Each enum's stored spellings, written from the migrations' check constraints.
#[test]
fn every_state_reads_back_its_stored_spelling_and_nothing_else() {
    let odd = |s: &str| {
        [
            s.to_uppercase(),
            format!(" {s}"),
            format!("{s}\t"),
            String::new(),
        ]
    };
    for s in ["draft", "submitted", "withdrawn"] {
        assert_eq!(HalfState::parse(s).map(|v| v.as_str()), Some(s));
        assert!(odd(s).iter().all(|o| HalfState::parse(o).is_none()), "{s}");
    }
    for s in ["draft", "published", "archived"] {
        assert_eq!(CallState::parse(s).map(|v| v.as_str()), Some(s));
        assert!(odd(s).iter().all(|o| CallState::parse(o).is_none()), "{s}");
    }
    for s in ["scheduled", "open", "closed"] {
        assert_eq!(SessionState::parse(s).map(|v| v.as_str()), Some(s));
        assert!(
            odd(s).iter().all(|o| SessionState::parse(o).is_none()),
            "{s}"
        );
    }
    for s in ["selected", "not_selected", "deferred"] {
        assert_eq!(Outcome::parse(s).map(|v| v.as_str()), Some(s));
        assert!(odd(s).iter().all(|o| Outcome::parse(o).is_none()), "{s}");
    }
    for s in ["score", "rank"] {
        assert_eq!(Method::parse(s).map(|v| v.as_str()), Some(s));
        assert!(odd(s).iter().all(|o| Method::parse(o).is_none()), "{s}");
    }
    for s in ["priority", "recommended", "reserved", "not_recommended"] {
        assert_eq!(Verdict::parse(s).map(|v| v.as_str()), Some(s));
        assert!(odd(s).iter().all(|o| Verdict::parse(o).is_none()), "{s}");
    }
    for s in [
        "active",
        "midterm_reviewed",
        "rescheduled",
        "terminated",
        "final_report_due",
        "completed",
        "closed",
    ] {
        assert_eq!(FundedState::parse(s).map(|v| v.as_str()), Some(s));
        assert!(
            odd(s).iter().all(|o| FundedState::parse(o).is_none()),
            "{s}"
        );
    }
    for s in ["planned", "done", "cancelled", "online"] {
        assert_eq!(MissionStatus::parse(s).map(|v| v.as_str()), Some(s));
        assert!(
            odd(s).iter().all(|o| MissionStatus::parse(o).is_none()),
            "{s}"
        );
    }
    for s in ["planned", "in_progress", "achieved", "dropped"] {
        assert_eq!(ObjectiveStatus::parse(s).map(|v| v.as_str()), Some(s));
    }
    for s in [
        "applicant",
        "officer",
        "evaluator",
        "commission_member",
        "coach",
        "administrator",
    ] {
        assert_eq!(Role::parse(s).map(|v| v.as_str()), Some(s));
        assert!(odd(s).iter().all(|o| Role::parse(o).is_none()), "{s}");
    }
}

/// Writes `state` into a half behind the application's back (a restore from another version,
/// a manual fix), past the table's check constraint.
async fn corrupt_half_state(app: &TestApp, half: i64, state: &str) {
    let mut tx = app.db.db.write().await.unwrap();
    let sql = if tx.is_postgres() {
        "alter table project_halves drop constraint project_halves_state_check"
    } else {
        "pragma ignore_check_constraints = on"
    };
    passerelle::on_tx_exec!(&mut tx, |c| sqlx::query(sql).execute(c).await).unwrap();
    let update = format!("update project_halves set state = '{state}' where id = {half}");
    passerelle::on_tx_exec!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(
        update.clone()
    ))
    .execute(c)
    .await)
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn an_unknown_half_state_in_the_database_is_an_error_not_a_draft() {
    let mut app = TestApp::spawn_demo().await;
    let half = app
        .scalar("select min(h.id) from project_halves h join users u on u.id = h.lead_user_id where u.email = 'porteur01.wb@demo.passerelle.test'")
        .await;
    let project = app
        .scalar("select min(h.project_id) from project_halves h join users u on u.id = h.lead_user_id where u.email = 'porteur01.wb@demo.passerelle.test'")
        .await;
    app.login_demo("porteur01.wb@demo.passerelle.test").await;
    assert_eq!(
        app.get(&format!("/projects/{project}")).await.status,
        StatusCode::OK
    );
    corrupt_half_state(&app, half, "frozen").await;
    let r = app.get(&format!("/projects/{project}")).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    // Nothing of the half is shown as if it were a draft, and the cause stays in the logs.
    assert!(!r.body.contains("frozen"));
    assert!(!r.body.contains("Brouillon"));
}
