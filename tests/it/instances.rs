//! Several instances of one deployment on one database (issue 11, item 6): what a second
//! instance needs does not live on the first one's disk, and a crash repeats nothing a person
//! would notice twice.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use passerelle::email::{self, Transport};

use crate::helpers::{TestApp, multipart};

const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// Uploads `PDF` to project `id` through `lead`'s instance; returns the attachment's id.
async fn upload(app: &TestApp, lead: &mut TestApp, id: i64) -> i64 {
    let (content_type, body) = multipart("annexe.pdf", PDF);
    let csrf = lead.csrf().await;
    let r = lead
        .request_bytes(
            Method::POST,
            &format!("/projects/{id}/attachments?csrf={csrf}"),
            body,
            &content_type,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.scalar("select max(id) from attachments").await
}

/// Two-instance test: an attachment uploaded through one instance answered 500 through the other
/// (files lived on each instance's disk). With `PASSERELLE_FILES=database` every instance serves
/// it, byte for byte; on `disk` (the single-instance default) the other instance does not have it.
#[tokio::test]
async fn an_attachment_uploaded_through_one_instance_downloads_through_the_other() {
    let demo = TestApp::spawn_demo().await;
    let db = Arc::clone(&demo.db);
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = TestApp::instance(db.clone(), one.path(), "database");
    let second = TestApp::instance(db.clone(), two.path(), "database");
    let (mut lead, id) = crate::projects::start(&first, "Deux instances").await;
    let aid = upload(&first, &mut lead, id).await;
    let mut reader = second.browser();
    reader.login_demo(crate::projects::QC).await;
    let r = reader.get(&format!("/attachments/{aid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        reader.get_bytes(&format!("/attachments/{aid}")).await,
        PDF,
        "the same bytes"
    );
    assert_eq!(
        std::fs::read_dir(one.path())
            .map(|d| d.count())
            .unwrap_or(0),
        0,
        "nothing on the first instance's disk"
    );
    // Removing it through the second instance removes it for both.
    let r = reader
        .post(&format!("/attachments/{aid}/delete"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(demo.scalar("select count(*) from stored_files").await, 0);

    // On disk, the other instance has no such file (the default is for one instance).
    let (three, four) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let on_disk = TestApp::instance(db.clone(), three.path(), "disk");
    let other_disk = TestApp::instance(db, four.path(), "disk");
    let mut lead = on_disk.browser();
    lead.login_demo(crate::projects::QC).await;
    let aid = upload(&on_disk, &mut lead, id).await;
    assert_eq!(
        lead.get(&format!("/attachments/{aid}")).await.status,
        StatusCode::OK
    );
    let mut elsewhere = other_disk.browser();
    elsewhere.login_demo(crate::projects::QC).await;
    assert_ne!(
        elsewhere.get(&format!("/attachments/{aid}")).await.status,
        StatusCode::OK
    );
}

/// Two-instance test: an email written just before a crash was sent again once its lease
/// expired, as a second message. Every message gets its Message-ID when queued; a repeated
/// delivery writes the same file (file transport) with the same Message-ID.
#[tokio::test]
async fn an_email_delivered_again_after_a_crash_is_the_same_message() {
    let mut app = TestApp::spawn_demo().await;
    app.post(
        "/password/forgot",
        &[("email", "coach@demo.passerelle.test")],
    )
    .await;
    let dir = app.db.dir().join("outbox");
    let transport = Transport::Files(dir.clone());
    let from = "Passerelle <no-reply@passerelle.localhost>"
        .parse()
        .unwrap();
    assert_eq!(
        email::deliver_due(&app.db.db, &transport, &from)
            .await
            .unwrap(),
        1
    );
    let written = || -> Vec<String> {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect()
    };
    let first = written();
    assert_eq!(first.len(), 1);
    let message_id = |eml: &str| -> String {
        eml.lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .expect("a Message-ID header")
            .to_string()
    };
    // The headers a mail server expects: a Date, the recipient's language, and the mark of an
    // automatic message (RFC 3834) so that autoresponders leave it alone.
    for header in [
        "Date: ",
        "Content-Language: fr",
        "Auto-Submitted: auto-generated",
    ] {
        assert!(
            first[0].lines().any(|l| l.starts_with(header)),
            "{header} in {}",
            first[0]
        );
    }
    let id = message_id(&first[0]);
    let token = app
        .scalar_text_value("select message_id from email_outbox order by id desc limit 1")
        .await;
    assert_eq!(
        id,
        format!("<{token}@passerelle.localhost>"),
        "given when queued"
    );
    // The crash: the file was written, the "sent" mark never committed; the lease runs out.
    app.exec("update email_outbox set sent_at = null, locked_until = null")
        .await;
    assert_eq!(
        email::deliver_due(&app.db.db, &transport, &from)
            .await
            .unwrap(),
        1
    );
    let again = written();
    assert_eq!(again.len(), 1, "the same file, not a second message");
    assert_eq!(message_id(&again[0]), id, "the same Message-ID");
}
