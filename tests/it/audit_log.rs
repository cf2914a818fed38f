//! The audit log records every state change and detects tampering.

use passerelle::audit;

use crate::helpers::TestApp;

#[tokio::test]
async fn state_changes_are_recorded_with_their_actor() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("admin@demo.passerelle.test").await;
    let coach = app
        .scalar("select id from users where email = 'coach@demo.passerelle.test'")
        .await;
    app.post(
        &format!("/admin/users/{coach}/grants"),
        &[("role", "evaluator"), ("side", "WB")],
    )
    .await;
    let history = audit::actions::history(&app.db.db, "user", &coach.to_string())
        .await
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "user.grant_role");
    assert_eq!(last.actor_label, "admin@demo.passerelle.test");
    assert!(last.summary.starts_with("evaluator "));
    assert!(history.iter().any(|e| e.action == "user.create"));
}

#[tokio::test]
async fn verify_accepts_the_intact_chain_and_reports_the_first_edited_row() {
    let app = TestApp::spawn_demo().await;
    let report = audit::verify(&app.db.db).await.unwrap();
    assert!(report.rows > 30);
    assert_eq!(report.first_broken, None);

    app.exec("update audit_log set summary = 'rewritten' where id = 7")
        .await;
    let report = audit::verify(&app.db.db).await.unwrap();
    assert_eq!(report.first_broken, Some(7));
}

#[tokio::test]
async fn verify_detects_a_deleted_row() {
    let app = TestApp::spawn_demo().await;
    app.exec("delete from audit_log where id = 4").await;
    assert_eq!(
        audit::verify(&app.db.db).await.unwrap().first_broken,
        Some(5)
    );
}
