//! CSRF, throttling, session rotation, headers, cookies, body limits.

use axum::http::{Method, StatusCode};

use crate::helpers::TestApp;

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let mut app = TestApp::spawn_demo().await;
    app.get("/").await;
    let r = app
        .post_raw(
            "/login",
            &[
                ("email", "coach@demo.passerelle.test"),
                ("password", "passerelle-demo"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.body
            .contains("Le formulaire a expiré ou ne provient pas de ce site.")
    );
    assert!(!app.cookies.contains_key("pa_session"));
}

#[tokio::test]
async fn a_post_with_another_visitors_token_is_refused() {
    let mut app = TestApp::spawn_demo().await;
    let mut attacker = app.browser();
    let token = attacker.csrf().await;
    app.get("/").await;
    let r = app
        .post_raw(
            "/login",
            &[
                ("csrf", &token),
                ("email", "coach@demo.passerelle.test"),
                ("password", "passerelle-demo"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_signed_in_post_needs_the_sessions_own_token() {
    let mut app = TestApp::spawn_demo().await;
    let anonymous_token = app.csrf().await;
    app.login_demo("charge.wb@demo.passerelle.test").await;
    let r = app.post_raw("/logout", &[("csrf", &anonymous_token)]).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "the pre-login token is not valid after login"
    );
    assert_eq!(app.post("/logout", &[]).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_cross_origin_post_is_refused_even_with_a_token() {
    let mut app = TestApp::spawn_demo().await;
    let csrf = app.csrf().await;
    let body = format!("csrf={csrf}&email=coach%40demo.passerelle.test&password=passerelle-demo");
    let r = app
        .request(
            Method::POST,
            "/login",
            Some(body),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn login_is_throttled_per_account() {
    let mut app = TestApp::spawn_demo().await;
    let email = "evaluateur.wb@demo.passerelle.test";
    for _ in 0..5 {
        assert_eq!(
            app.login(email, "mauvais mot de passe").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    // Even the right password is refused now, from any address.
    app.ip = [10, 9, 9, 9];
    let r = app.login(email, "passerelle-demo").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Trop de tentatives de connexion."));
    assert!(
        r.body.contains(&format!("value=\"{email}\"")),
        "the email is kept"
    );
    // Other accounts are not affected.
    assert_eq!(
        app.login("coach@demo.passerelle.test", "passerelle-demo")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // Once the window has passed, the account opens again.
    app.advance_clock(15 * 60_000 + 1);
    let mut later = app.browser();
    assert_eq!(
        later.login(email, "passerelle-demo").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn login_is_throttled_per_address() {
    let mut app = TestApp::spawn_demo().await;
    app.ip = [192, 0, 2, 7];
    for i in 0..20 {
        let email = format!("inconnu{i}@exemple.org");
        assert_eq!(
            app.login(&email, "mauvais mot de passe").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        app.login("coach@demo.passerelle.test", "passerelle-demo")
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.ip = [192, 0, 2, 8];
    assert_eq!(
        app.login("coach@demo.passerelle.test", "passerelle-demo")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_session_id_changes_at_login() {
    let mut app = TestApp::spawn_demo().await;
    // A planted session id is not a session: it is ignored and replaced at login.
    app.cookies.insert("pa_session".into(), "A".repeat(43));
    assert_eq!(app.get("/account").await.status, StatusCode::SEE_OTHER);
    app.login_demo("coach@demo.passerelle.test").await;
    let first = app.cookies.get("pa_session").cloned().unwrap();
    assert_ne!(first, "A".repeat(43));
    app.login_demo("coach@demo.passerelle.test").await;
    let second = app.cookies.get("pa_session").cloned().unwrap();
    assert_ne!(first, second);
    let mut old = app.browser();
    old.cookies.insert("pa_session".into(), first);
    assert_eq!(
        old.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "the previous id is dead"
    );
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    assert_eq!(app.scalar("select count(*) from sessions").await, 1);
}

#[tokio::test]
async fn session_cookies_are_http_only_and_same_site() {
    let mut app = TestApp::spawn_demo().await;
    let csrf = app.csrf().await;
    let body = format!("csrf={csrf}&email=coach%40demo.passerelle.test&password=passerelle-demo");
    let r = app.request(Method::POST, "/login", Some(body), &[]).await;
    let cookie = r.header("set-cookie").unwrap();
    assert!(cookie.starts_with("pa_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let mut app = TestApp::spawn_demo().await;
    for path in ["/", "/login", "/nowhere", "/static/app.css"] {
        let r = app.get(path).await;
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("referrer-policy"), Some("same-origin"));
        assert!(
            r.header("content-security-policy")
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        assert_eq!(
            r.header("strict-transport-security"),
            None,
            "no HSTS over plain HTTP"
        );
    }
}

#[tokio::test]
async fn behind_tls_cookies_are_secure_and_hsts_is_sent() {
    let base = TestApp::spawn_demo().await;
    let mut settings =
        passerelle::config::Settings::local("127.0.0.1:8080", base.db.dir().to_path_buf());
    settings = passerelle::config::Settings::new(
        "https://passerelle.example.org",
        settings.data_dir,
        settings.mail_from,
        false,
    );
    let router = passerelle::app::app(base.db.db.clone(), settings);
    let mut app = crate::helpers::TestApp {
        router,
        ..base.browser()
    };
    let r = app.get("/").await;
    assert_eq!(
        r.header("strict-transport-security"),
        Some("max-age=31536000; includeSubDomains")
    );
    let cookie = r.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("__Host-pa_csrf=") && cookie.contains("; Secure"),
        "{cookie}"
    );
}

#[tokio::test]
async fn an_oversize_body_is_refused_with_413() {
    let mut app = TestApp::spawn_demo().await;
    let csrf = app.csrf().await;
    let body = format!("csrf={csrf}&name={}", "x".repeat(70_000));
    let r = app.request(Method::POST, "/signup", Some(body), &[]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("Envoi trop volumineux"));
}

#[tokio::test]
async fn output_is_escaped() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("coach@demo.passerelle.test").await;
    app.post(
        "/account",
        &[
            ("name", "<script>alert(1)</script>"),
            ("locale", "fr-BE"),
            ("time_zone", "UTC"),
        ],
    )
    .await;
    let r = app.get("/account").await;
    assert!(!r.body.contains("<script>alert(1)</script>"));
}
