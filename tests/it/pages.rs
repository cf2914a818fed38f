//! Public pages in both languages, locale resolution, formats, error pages.

use axum::http::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn home_shows_the_programme_in_french_by_default() {
    let mut app = TestApp::spawn_demo().await;
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"fr\">"));
    assert!(
        r.body
            .contains("XIe Commission mixte permanente (2019–2021)")
    );
    assert!(r.body.contains("Séance plénière"));
    // fr-BE formats, in the session's own zone.
    assert!(
        r.body.contains("18 juin 2019 à 09:30 (heure de Bruxelles)"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Réunion de mi-étape"));
    assert!(r.body.contains("En ligne (par écrans interposés)"));
    assert!(r.body.contains("Diplomatie scientifique"));
}

#[tokio::test]
async fn a_quebec_visitor_sees_quebec_formats_and_both_times() {
    let mut app = TestApp::spawn_demo().await;
    app.accept_language = Some("fr-CA,fr;q=0.9,en;q=0.5".into());
    let r = app.get("/").await;
    // The Brussels plenary, also given in Québec time (6 h earlier in June).
    assert!(
        r.body
            .contains("18 juin 2019 à 9 h 30 (heure de Bruxelles)"),
        "{}",
        r.body
    );
    assert!(r.body.contains(&crate::helpers::fr(
        "chez vous : 18 juin 2019 à 3 h 30 (heure du Québec)"
    )));
    // The online mid-term meeting was convened in Québec time: no second time for this viewer.
    assert!(r.body.contains("23 septembre 2020 à 9 h (heure du Québec)"));
}

#[tokio::test]
async fn the_language_switch_translates_the_page_and_is_remembered() {
    let mut app = TestApp::spawn_demo().await;
    let r = app
        .post("/language", &[("locale", "en"), ("next", "/login")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), Some("/login"));
    let r = app.get("/").await;
    assert!(r.body.contains("<html lang=\"en\">"));
    assert!(
        r.body
            .contains("11th Permanent Joint Commission (2019–2021)")
    );
    assert!(r.body.contains("18 June 2019, 9:30 AM (Brussels time)"));
    assert!(r.body.contains(">Français</button>"));
}

#[tokio::test]
async fn a_signed_in_users_language_choice_is_stored_in_the_account() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("charge.qc@demo.passerelle.test").await;
    app.post("/language", &[("locale", "en"), ("next", "/")])
        .await;
    assert_eq!(app.scalar("select count(*) from users where email = 'charge.qc@demo.passerelle.test' and locale = 'en'").await, 1);
    let mut elsewhere = app.browser();
    elsewhere.login_demo("charge.qc@demo.passerelle.test").await;
    assert!(
        elsewhere
            .get("/account")
            .await
            .body
            .contains("<html lang=\"en\">")
    );
}

#[tokio::test]
async fn the_switch_refuses_to_redirect_elsewhere() {
    let mut app = TestApp::spawn_demo().await;
    let r = app
        .post(
            "/language",
            &[("locale", "en"), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(r.location(), Some("/"));
}

/// Every visible string of the English pages is English: no French message of the catalogue
/// appears in them.
#[tokio::test]
async fn english_pages_contain_no_french_catalogue_text() {
    let mut app = TestApp::spawn_demo().await;
    app.accept_language = Some("en".into());
    let french = crate::i18n_keys::messages("fr");
    let english = crate::i18n_keys::messages("en");
    let mut pages = vec![];
    for path in [
        "/",
        "/login",
        "/signup",
        "/password/forgot",
        "/verify-email/resend",
        "/nowhere",
    ] {
        pages.push((path, app.get(path).await.body));
    }
    pages.push((
        "/signup (errors)",
        app.post("/signup", &[("email", "x")]).await.body,
    ));
    app.login_demo("admin@demo.passerelle.test").await;
    app.post("/language", &[("locale", "en"), ("next", "/")])
        .await;
    for path in [
        "/account",
        "/admin/users",
        "/admin/users/new",
        "/admin/users/1",
    ] {
        pages.push((path, app.get(path).await.body));
    }
    for (path, body) in pages {
        for (key, fr) in &french {
            let fr = fr.replace('’', "&#39;");
            if fr.len() > 12
                && english.get(key).map(|e| e.replace('’', "&#39;")) != Some(fr.clone())
                && !fr.contains('{')
            {
                assert!(!body.contains(&fr), "{path} shows the French text of {key}");
            }
        }
    }
}

#[tokio::test]
async fn unknown_paths_get_a_localized_404() {
    let mut app = TestApp::spawn_demo().await;
    let r = app.get("/nulle-part").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Page introuvable"));
    app.accept_language = Some("en-CA".into());
    let r = app.get("/nulle-part").await;
    assert!(r.body.contains("Page not found"));
}

#[tokio::test]
async fn a_wrong_method_gets_a_localized_405() {
    let mut app = TestApp::spawn_demo().await;
    let r = app.post("/health", &[]).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.body.contains("Méthode non permise"));
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    let mut app = TestApp::spawn_demo().await;
    let r = app.get("/health").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
}

#[tokio::test]
async fn pages_have_a_skip_link_landmarks_and_a_language_switch() {
    let mut app = TestApp::spawn_demo().await;
    for path in ["/", "/login", "/signup"] {
        let r = app.get(path).await;
        assert!(
            r.body.contains("<a class=\"skip-link\" href=\"#main\">"),
            "{path}"
        );
        assert!(r.body.contains("<main id=\"main\""));
        assert!(r.body.contains("<nav aria-label="));
        assert!(r.body.contains("action=\"/language\""));
    }
}

#[tokio::test]
async fn an_internal_error_shows_a_localized_500_without_details() {
    let mut app = TestApp::spawn_demo().await;
    app.exec("drop table commission_co_chairs").await;
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r.body.contains("Erreur interne"));
    assert!(
        !r.body.contains("commission_co_chairs"),
        "no SQL detail leaks"
    );
}
