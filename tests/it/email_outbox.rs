//! Email goes through the outbox: delivered to files by default, retried when sending fails.

use passerelle::email::{self, Transport};

use crate::helpers::TestApp;

#[tokio::test]
async fn queued_email_is_written_as_an_eml_file_with_text_and_html() {
    let mut app = TestApp::spawn_demo().await;
    app.post(
        "/password/forgot",
        &[("email", "coach@demo.passerelle.test")],
    )
    .await;
    let dir = app.db.dir().join("outbox");
    let from = "Passerelle <no-reply@passerelle.localhost>"
        .parse()
        .unwrap();
    let sent = email::deliver_due(&app.db.db, &Transport::Files(dir.clone()), &from)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let eml = std::fs::read_to_string(file).unwrap();
    assert!(eml.contains("To: coach@demo.passerelle.test"));
    assert!(eml.contains("Content-Type: text/plain"));
    assert!(eml.contains("Content-Type: text/html"));
    assert_eq!(
        app.scalar("select count(*) from email_outbox where sent_at is null")
            .await,
        0
    );
    // Nothing is sent twice.
    assert_eq!(
        email::deliver_due(&app.db.db, &Transport::Files(dir), &from)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_failed_send_stays_in_the_outbox_for_a_later_retry() {
    let mut app = TestApp::spawn_demo().await;
    app.post(
        "/password/forgot",
        &[("email", "coach@demo.passerelle.test")],
    )
    .await;
    // Nothing listens on port 1: the SMTP connection fails.
    let smtp = Transport::new(Some("smtp://127.0.0.1:1"), app.db.dir().into()).unwrap();
    let from = "Passerelle <no-reply@passerelle.localhost>"
        .parse()
        .unwrap();
    assert_eq!(
        email::deliver_due(&app.db.db, &smtp, &from).await.unwrap(),
        0
    );
    assert_eq!(app.scalar("select count(*) from email_outbox where sent_at is null and attempts = 1 and last_error is not null").await, 1);
    // Not due again until the backoff has passed…
    assert_eq!(
        email::deliver_due(&app.db.db, &smtp, &from).await.unwrap(),
        0
    );
    assert_eq!(
        app.scalar("select max(attempts) from email_outbox").await,
        1
    );
    // …then delivered by a working transport.
    app.exec("update email_outbox set next_attempt_at = 0")
        .await;
    let files = Transport::Files(app.db.dir().join("outbox"));
    assert_eq!(
        email::deliver_due(&app.db.db, &files, &from).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn emails_are_in_the_recipients_language() {
    let mut app = TestApp::spawn_demo().await;
    app.exec("update users set locale = 'en' where email = 'coach@demo.passerelle.test'")
        .await;
    app.post(
        "/password/forgot",
        &[("email", "coach@demo.passerelle.test")],
    )
    .await;
    let (subject, text) = app.last_email("coach@demo.passerelle.test").await;
    assert_eq!(subject, "Resetting your password");
    assert!(text.starts_with("Hello Nadia Benali,"));
    assert!(text.contains("http://127.0.0.1:8080/password/reset?token="));
}
