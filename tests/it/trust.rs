//! Findings of the outside test (issue 10), each in the test named after it.

use axum::http::StatusCode;

use crate::helpers::TestApp;

/// Finding 5: an open redirect after login with `next` holding a tab, a backslash or other
/// tricks; a newline gave a 500 after the session was created. The language switch uses the
/// same check.
#[tokio::test]
async fn login_and_language_switch_never_redirect_off_site_nor_fail_on_odd_next() {
    let app = TestApp::spawn_demo().await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "//evil.example",
        "https://evil.example",
        "/%09/evil.example",
    ] {
        let mut b = app.browser();
        let r = b
            .post(
                "/login",
                &[
                    ("email", "charge.wb@demo.passerelle.test"),
                    ("password", passerelle::demo::PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login next={next:?}");
        let to = r.location().unwrap_or_default();
        assert!(
            to == "/" || to == "/%09/evil.example",
            "login next={next:?} went to {to:?}"
        );
        let r = b
            .post("/language", &[("locale", "en"), ("next", next)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "language next={next:?}");
        let to = r.location().unwrap_or_default();
        assert!(
            to == "/" || to == "/%09/evil.example",
            "language next={next:?} went to {to:?}"
        );
    }
}

/// Finding 9: an online session's meeting link was shown to any signed-in user (home page,
/// the session's `.ics`), self-registered applicants included. Rule 19: only its members.
#[tokio::test]
async fn the_meeting_link_reaches_only_the_programmes_members_and_officers() {
    let app = TestApp::spawn_full_demo().await;
    let link = app
        .scalar_text_value(
            "select meeting_url from commission_sessions where mode = 'online' order by id limit 1",
        )
        .await;
    let session = app
        .scalar("select min(id) from commission_sessions where mode = 'online'")
        .await;
    assert!(
        link.starts_with("https://"),
        "the demo has an online session"
    );
    for (account, sees) in [
        ("demandeur.wb@demo.passerelle.test", false),
        ("evaluateur.qc@demo.passerelle.test", false),
        ("coach@demo.passerelle.test", false),
        ("admin@demo.passerelle.test", false),
        ("commission.qc@demo.passerelle.test", true),
        ("charge.wb@demo.passerelle.test", true),
    ] {
        let mut b = app.browser();
        b.login_demo(account).await;
        let home = b.get("/").await;
        assert_eq!(home.body.contains(&link), sees, "{account}: home page");
        let ics = b.get(&format!("/sessions/{session}/ics")).await;
        assert_eq!(ics.status, StatusCode::OK, "{account}: .ics");
        assert_eq!(ics.body.contains(&link), sees, "{account}: .ics");
    }
    let anonymous = app.browser().get("/").await;
    assert!(!anonymous.body.contains(&link));
}
