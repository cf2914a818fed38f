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

/// Finding 8: two spending entries of 92 233 720 368 547 758,07 showed "-0,02 €" and the CSV
/// wrote `0.-2`. An amount is bounded when typed (refused at the field, input kept), so no sum
/// of a programme's amounts can overflow.
#[tokio::test]
async fn an_amount_too_large_to_add_up_is_refused_at_the_field() {
    let app = TestApp::spawn_full_demo().await;
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let huge = "92233720368547758,07";
    for mission in [
        app.scalar("select min(id) from funded_missions where funded_id = 1")
            .await,
        app.scalar("select max(id) from funded_missions where funded_id = 1")
            .await,
    ] {
        let before = app
            .scalar_text(&format!(
                "select count(*) from mission_spending where mission_id = {mission} and amount > 100000000000"
            ))
            .await;
        let r = officer
            .post(
                "/funded/1/missions/spending",
                &[("mission", &mission.to_string()), ("amount", huge)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("Saisissez un montant"),
            "the reason is at the field"
        );
        let after = app
            .scalar_text(&format!(
                "select count(*) from mission_spending where mission_id = {mission} and amount > 100000000000"
            ))
            .await;
        assert_eq!(before, after, "nothing stored");
    }
    let page = officer.get("/funded/1").await;
    assert!(!page.body.contains("-0,0"));
    let csv = officer.get("/commissions/1/funded.csv").await;
    assert!(!csv.body.contains(".-"), "no negative cents in the CSV");
}
