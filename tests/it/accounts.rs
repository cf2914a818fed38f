//! Sign-up, email verification, login, logout, password reset, invitations, account settings.

use axum::http::StatusCode;

use crate::helpers::TestApp;

const NEW: &str = "lea.tremblay@ulaval.ca";

async fn sign_up(app: &mut TestApp) -> crate::helpers::TestResponse {
    app.post(
        "/signup",
        &[
            ("name", "Léa Tremblay"),
            ("email", NEW),
            ("password", "une phrase longue"),
            ("side", "QC"),
            ("locale", "fr-CA"),
        ],
    )
    .await
}

#[tokio::test]
async fn sign_up_then_confirm_then_log_in() {
    let mut app = TestApp::spawn_demo().await;
    let r = sign_up(&mut app).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Vérifiez votre boîte de courriel"));
    let (subject, _) = app.last_email(NEW).await;
    assert_eq!(subject, "Confirmez votre adresse courriel");

    // Not confirmed yet: login refused at the field, and a fresh link is sent.
    let r = app.login(NEW, "une phrase longue").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("pas encore confirmée"));

    let token = app.emailed_token(NEW).await;
    let r = app.get(&format!("/verify-email?token={token}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app.post("/verify-email", &[("token", &token)]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Adresse confirmée"));

    let r = app.login(NEW, "une phrase longue").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get("/account").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Léa Tremblay"));
    // The applicant role is held on the Québec side.
    assert_eq!(
        app.scalar("select count(*) from role_grants g join users u on u.id = g.user_id join sides s on s.id = g.side_id where u.email = 'lea.tremblay@ulaval.ca' and g.role = 'applicant' and s.code = 'QC'").await,
        1
    );
}

#[tokio::test]
async fn invalid_sign_up_keeps_the_input_and_shows_errors_at_the_fields() {
    let mut app = TestApp::spawn_demo().await;
    let r = app
        .post(
            "/signup",
            &[
                ("name", "Léa <b>Tremblay</b>"),
                ("email", "pas-une-adresse"),
                ("password", "court"),
                ("side", ""),
                ("locale", "fr-CA"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("value=\"Léa &#60;b&#62;Tremblay&#60;/b&#62;\""),
        "name kept and escaped"
    );
    assert!(r.body.contains("value=\"pas-une-adresse\""), "email kept");
    assert!(r.body.contains("id=\"f-email-error\""));
    assert!(r.body.contains("Saisissez une adresse courriel valide"));
    assert!(r.body.contains("au moins 10 caractères"));
    assert!(r.body.contains("Choisissez une administration."));
    assert!(
        r.body.contains("<option value=\"fr-CA\" selected>"),
        "locale choice kept"
    );
    assert_eq!(
        app.scalar("select count(*) from users where email = 'pas-une-adresse'")
            .await,
        0
    );
}

#[tokio::test]
async fn sign_up_with_a_registered_address_does_not_reveal_it() {
    let mut app = TestApp::spawn_demo().await;
    sign_up(&mut app).await;
    let mut other = app.browser();
    let r = sign_up(&mut other).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Vérifiez votre boîte de courriel"));
    let (subject, _) = app.last_email(NEW).await;
    assert_eq!(subject, "Tentative d’inscription avec votre adresse");
    assert_eq!(
        app.scalar("select count(*) from users where email = 'lea.tremblay@ulaval.ca'")
            .await,
        1
    );
}

#[tokio::test]
async fn wrong_password_is_refused_at_the_field_with_the_email_kept() {
    let mut app = TestApp::spawn_demo().await;
    let r = app
        .login("charge.wb@demo.passerelle.test", "mauvais mot de passe")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("Adresse courriel ou mot de passe incorrect.")
    );
    assert!(r.body.contains("value=\"charge.wb@demo.passerelle.test\""));
    assert!(
        !r.body.contains("mauvais mot de passe"),
        "passwords are never echoed"
    );
}

#[tokio::test]
async fn logout_ends_the_session_in_the_database() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("charge.qc@demo.passerelle.test").await;
    let stolen = app.cookies.get("pa_session").cloned().unwrap();
    let r = app.post("/logout", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.scalar("select count(*) from sessions").await, 0);
    let mut thief = app.browser();
    thief.cookies.insert("pa_session".into(), stolen);
    let r = thief.get("/account").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), Some("/login?next=%2Faccount"));
}

#[tokio::test]
async fn reset_token_works_once_and_closes_other_sessions() {
    let mut app = TestApp::spawn_demo().await;
    let email = "evaluateur.qc@demo.passerelle.test";
    let mut other_device = app.browser();
    other_device.login_demo(email).await;

    let r = app.post("/password/forgot", &[("email", email)]).await;
    assert_eq!(r.status, StatusCode::OK);
    let token = app.emailed_token(email).await;
    assert_eq!(
        app.get(&format!("/password/reset?token={token}"))
            .await
            .status,
        StatusCode::OK
    );
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", "nouvelle phrase secrète")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Mot de passe enregistré"));

    // Second use of the same link: a clear page offering a new one.
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", "encore une autre phrase")],
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("href=\"/password/forgot\""));
    assert_eq!(
        app.get(&format!("/password/reset?token={token}"))
            .await
            .status,
        StatusCode::GONE
    );

    assert_eq!(
        other_device.get("/account").await.status,
        StatusCode::SEE_OTHER,
        "other sessions closed"
    );
    assert_eq!(
        app.login(email, "passerelle-demo").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.login(email, "nouvelle phrase secrète").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn expired_reset_token_is_refused() {
    let mut app = TestApp::spawn_demo().await;
    let email = "coach@demo.passerelle.test";
    app.post("/password/forgot", &[("email", email)]).await;
    let token = app.emailed_token(email).await;
    app.exec("update auth_tokens set expires_at = 0").await;
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", "nouvelle phrase secrète")],
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("a expiré"));
}

#[tokio::test]
async fn short_new_password_keeps_the_token_and_shows_the_error() {
    let mut app = TestApp::spawn_demo().await;
    let email = "coach@demo.passerelle.test";
    app.post("/password/forgot", &[("email", email)]).await;
    let token = app.emailed_token(email).await;
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", "court")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("value=\"{token}\"")));
    assert_eq!(
        app.get(&format!("/password/reset?token={token}"))
            .await
            .status,
        StatusCode::OK,
        "token not consumed"
    );
}

#[tokio::test]
async fn forgot_password_answers_the_same_for_unknown_addresses() {
    let mut app = TestApp::spawn_demo().await;
    let known = app
        .post(
            "/password/forgot",
            &[("email", "coach@demo.passerelle.test")],
        )
        .await;
    let unknown = app
        .post("/password/forgot", &[("email", "personne@exemple.org")])
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        known.body.replace(&known.csrf().unwrap(), ""),
        unknown.body.replace(&unknown.csrf().unwrap(), "")
    );
    assert_eq!(
        app.scalar("select count(*) from email_outbox where to_address = 'personne@exemple.org'")
            .await,
        0
    );
}

#[tokio::test]
async fn admin_invites_an_officer_who_sets_a_password_and_logs_in() {
    let mut admin = TestApp::spawn_demo().await;
    admin.login_demo("admin@demo.passerelle.test").await;
    let r = admin
        .post(
            "/admin/users/new",
            &[
                ("name", "Marc Dupont"),
                ("email", "marc.dupont@wbi.be"),
                ("role", "officer"),
                ("side", "WB"),
                ("locale", "fr-BE"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (subject, _) = admin.last_email("marc.dupont@wbi.be").await;
    assert_eq!(subject, "Invitation à rejoindre Passerelle");

    let mut marc = admin.browser();
    let token = admin.emailed_token("marc.dupont@wbi.be").await;
    assert_eq!(
        marc.get(&format!("/invitation?token={token}")).await.status,
        StatusCode::OK
    );
    let r = marc
        .post(
            "/invitation",
            &[("token", &token), ("password", "ma phrase de passe")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        marc.login("marc.dupont@wbi.be", "ma phrase de passe")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn inviting_an_existing_address_is_a_field_error() {
    let mut admin = TestApp::spawn_demo().await;
    admin.login_demo("admin@demo.passerelle.test").await;
    let r = admin
        .post(
            "/admin/users/new",
            &[
                ("name", "Doublon"),
                ("email", "Coach@demo.passerelle.test"),
                ("role", "coach"),
                ("side", ""),
                ("locale", "fr-BE"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Un compte existe déjà avec cette adresse."));
    assert!(r.body.contains("value=\"Doublon\""));
}

#[tokio::test]
async fn admin_grants_and_revokes_roles_but_never_the_last_administrator() {
    let mut admin = TestApp::spawn_demo().await;
    admin.login_demo("admin@demo.passerelle.test").await;
    let coach = admin
        .scalar("select id from users where email = 'coach@demo.passerelle.test'")
        .await;
    let r = admin
        .post(
            &format!("/admin/users/{coach}/grants"),
            &[("role", "evaluator"), ("side", "QC")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = admin.get(&format!("/admin/users/{coach}")).await;
    assert!(page.body.contains("Évaluateur (QC)"));

    // A per-side role without a side is a field error.
    let r = admin
        .post(
            &format!("/admin/users/{coach}/grants"),
            &[("role", "officer"), ("side", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Choisissez une administration."));

    let grant = admin.scalar("select max(id) from role_grants").await;
    let r = admin
        .post(&format!("/admin/users/{coach}/grants/{grant}/revoke"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        !admin
            .get(&format!("/admin/users/{coach}"))
            .await
            .body
            .contains("Évaluateur (QC)")
    );

    let me = admin
        .scalar("select id from users where email = 'admin@demo.passerelle.test'")
        .await;
    let mine = admin
        .scalar("select id from role_grants where role = 'administrator'")
        .await;
    let r = admin
        .post(&format!("/admin/users/{me}/grants/{mine}/revoke"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body
            .contains("Impossible de retirer le dernier administrateur.")
    );
    assert_eq!(
        admin
            .scalar("select count(*) from role_grants where role = 'administrator'")
            .await,
        1
    );
}

#[tokio::test]
async fn account_settings_change_language_and_zone() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("demandeur.wb@demo.passerelle.test").await;
    let r = app
        .post(
            "/account",
            &[
                ("name", "Camille D."),
                ("locale", "en"),
                ("time_zone", "America/Toronto"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get("/account?saved=1").await;
    assert!(r.body.contains("<html lang=\"en\">"));
    assert!(r.body.contains("Your preferences are saved."));
    assert!(
        r.body
            .contains("<option value=\"America/Toronto\" selected>")
    );

    let r = app
        .post(
            "/account",
            &[
                ("name", ""),
                ("locale", "en"),
                ("time_zone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("This field is required."));
    assert!(r.body.contains("Choose a valid time zone."));
    assert!(
        r.body.contains("<option value=\"Mars/Olympus\" selected>"),
        "the typed zone is kept"
    );
}
