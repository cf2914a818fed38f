//! What a session decides besides projects (the next call's themes and opening date, a new
//! calendar), the co-chairs' signatures of the minutes, selected projects becoming funded
//! projects, and the decision letter as PDF.

use axum::http::StatusCode;

use crate::helpers::{TestApp, pdf_text};

async fn plenary(app: &TestApp) -> i64 {
    app.scalar("select id from commission_sessions where kind = 'plenary'")
        .await
}

async fn member(app: &TestApp, side: &str) -> TestApp {
    let mut b = app.browser();
    b.login_demo(&format!("commission.{side}@demo.passerelle.test"))
        .await;
    b
}

async fn post_next_call(
    b: &mut TestApp,
    session: i64,
    f: Vec<(&'static str, String)>,
) -> crate::helpers::TestResponse {
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post(&format!("/sessions/{session}/next-call"), &refs)
        .await
}

#[tokio::test]
async fn the_next_calls_themes_come_from_a_decision_both_sides_approved() {
    let app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    let (mut wb, mut qc) = (member(&app, "wb").await, member(&app, "qc").await);
    let xii = app
        .scalar("select id from commissions where number = 12")
        .await;
    let themes_before = app
        .scalar_text(&format!(
            "select count(*) from themes where commission_id = {xii}"
        ))
        .await;
    let fields = |themes: &'static str, date: &'static str| {
        vec![
            ("commission", xii.to_string()),
            ("opens_on", date.to_string()),
            ("themes", themes.to_string()),
            ("note", String::new()),
        ]
    };
    // Not before the session opens.
    let r = post_next_call(&mut wb, session, fields("Océans | Oceans", "2021-09-15")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    wb.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    // Bad input: errors at the fields, what was typed kept.
    let r = post_next_call(
        &mut wb,
        session,
        fields("Océans sans anglais", "2021-02-30"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Saisissez au moins un thème"));
    assert!(r.body.contains("Océans sans anglais"));
    let r = post_next_call(
        &mut wb,
        session,
        fields(
            "Océans | Oceans\nIntelligence artificielle | Artificial intelligence",
            "2021-02-30",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Saisissez une date valide."));
    let r = post_next_call(
        &mut wb,
        session,
        fields(
            "Océans | Oceans\nIntelligence artificielle | Artificial intelligence",
            "2021-09-15",
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Approved by WB only: not a decision, no theme yet.
    let page = qc.get(&format!("/sessions/{session}")).await;
    assert!(page.contains_text(
        "Prochain appel (XIIe Commission mixte permanente) : ouverture le 15 septembre 2021 ; thèmes prioritaires : Océans ; Intelligence artificielle — <strong>en attente"
    ), "{}", page.body);
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from themes where commission_id = {xii}"
        ))
        .await,
        themes_before
    );
    let rid = app.scalar("select max(id) from resolutions").await;
    qc.approve(&format!("/sessions/{session}/resolutions/{rid}/approve"))
        .await;
    assert_eq!(
        app.scalar_text_value(&format!(
            "select name_en from themes where commission_id = {xii} order by position desc limit 1"
        ))
        .await,
        "Artificial intelligence"
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from themes where commission_id = {xii}"
        ))
        .await,
        themes_before + 2
    );
    // Decided: final.
    let r = post_next_call(&mut qc, session, fields("Autre | Other", "2021-10-01")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let en = qc
        .get(&format!("/sessions/{session}/minutes?lang=en"))
        .await;
    assert!(en.contains_text(
        "Next call (12th Permanent Joint Commission): opens on 15 September 2021; priority themes: Oceans; Artificial intelligence"
    ), "{}", en.body);
}

#[tokio::test]
async fn a_new_calendar_is_a_recorded_joint_decision() {
    let app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    let (mut wb, mut qc) = (member(&app, "wb").await, member(&app, "qc").await);
    wb.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    let path = format!("/sessions/{session}/calendar");
    let r = wb
        .post(
            &path,
            &[
                ("months", "12"),
                ("end_on", "2022-06-30"),
                ("note", "COVID"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("soit un nombre de mois, soit une nouvelle date de fin"));
    assert!(r.body.contains("COVID"));
    let r = wb.post(&path, &[("months", "40"), ("end_on", "")]).await;
    assert!(r.contains_text("entre 1 et 36"));
    let r = wb
        .post(
            &path,
            &[("months", "12"), ("end_on", ""), ("note", "Pandémie")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let rid = app.scalar("select max(id) from resolutions").await;
    assert_eq!(
        app.scalar("select count(*) from resolutions where decided_at is not null")
            .await,
        0
    );
    qc.approve(&format!("/sessions/{session}/resolutions/{rid}/approve"))
        .await;
    assert_eq!(
        app.scalar("select shift_months from resolutions where decided_at is not null")
            .await,
        12
    );
    let fr = qc
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    assert!(fr.contains_text(
        "Nouveau calendrier : les dates de fin des projets en cours sont reportées de 12 mois — Pandémie"
    ));
}

#[tokio::test]
async fn closing_turns_selections_into_funded_projects_and_both_co_chairs_sign_the_minutes() {
    let app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    let (mut wb, mut qc) = (member(&app, "wb").await, member(&app, "qc").await);
    let project = app.scalar("select min(id) from projects").await;
    let other = app.scalar("select max(id) from projects").await;
    wb.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    for (p, outcome) in [(project, "selected"), (other, "not_selected")] {
        let p = p.to_string();
        wb.post(
            &format!("/sessions/{session}/decisions"),
            &[
                ("project", p.as_str()),
                ("outcome", outcome),
                ("amount_WB", "1500"),
                ("amount_QC", "2000"),
            ],
        )
        .await;
        let d = app
            .scalar_text(&format!("select id from decisions where project_id = {p}"))
            .await;
        qc.approve(&format!("/sessions/{session}/decisions/{d}/approve"))
            .await;
    }
    // Signing is for closed sessions only.
    assert_eq!(
        wb.approve(&format!("/sessions/{session}/sign"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.scalar("select count(*) from minutes_signatures").await,
        0
    );
    qc.post(&format!("/sessions/{session}/close"), &[]).await;
    // Only the selected project is followed, from 1 July 2019 (the session was in June) for
    // the duration it applied with.
    assert_eq!(app.scalar("select count(*) from funded_projects").await, 1);
    let months = app
        .scalar_text(&format!(
            "select duration_months from projects where id = {project}"
        ))
        .await;
    let start = jiff::civil::date(2019, 7, 1);
    let end = start
        .checked_add(jiff::Span::new().months(months))
        .unwrap()
        .checked_sub(jiff::Span::new().days(1))
        .unwrap();
    assert_eq!(
        app.scalar_text_value(&format!(
            "select starts_on || ' ' || ends_on || ' ' || state from funded_projects where project_id = {project}"
        ))
        .await,
        format!("{start} {end} active")
    );

    let minutes = qc
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    assert!(
        minutes.contains_text("Procès-verbal en attente de la signature des deux coprésidents.")
    );
    assert!(minutes.contains_text("Pour Québec : en attente de signature"));
    qc.approve(&format!("/sessions/{session}/sign")).await;
    wb.approve(&format!("/sessions/{session}/sign")).await;
    let minutes = qc
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    assert!(!minutes.contains_text("en attente"), "{}", minutes.body);
    assert!(minutes.contains_text("Pour Wallonie-Bruxelles : signé par Anne Lambert le"));
    assert!(minutes.contains_text("Pour Québec : signé par François Côté le"));
    // Officers take part in the session but do not sign for the co-chairs.
    let mut officer = app.browser();
    officer.login_demo("charge.wb@demo.passerelle.test").await;
    assert_eq!(
        officer
            .approve(&format!("/sessions/{session}/sign"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.scalar("select count(*) from minutes_signatures").await,
        2
    );
    let minutes = qc
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    let text = crate::helpers::flat(&minutes.text());
    assert!(text.contains("signé par Anne Lambert"), "{text}");

    // The letter, once WB releases: a PDF from WBI with the amount and the term.
    officer
        .approve(&format!("/sessions/{session}/release"))
        .await;
    let lead = app.scalar_text_value(&format!("select u.email from users u join project_halves h on h.lead_user_id = u.id join sides s on s.id = h.side_id where h.project_id = {project} and s.code = 'WB'")).await;
    let mut applicant = app.browser();
    applicant.login_demo(&lead).await;
    let page = applicant.get(&format!("/projects/{project}")).await;
    let term = format!(
        "Projet financé du 1er juillet 2019 au {}",
        passerelle::i18n::format_civil_date(end, passerelle::i18n::Locale::FrBe)
    );
    assert!(page.contains_text(&term), "{}", page.body);
    // The other side's lead has no letter until QC releases; the other project is not funded.
    let qc_lead = app.scalar_text_value(&format!("select u.email from users u join project_halves h on h.lead_user_id = u.id join sides s on s.id = h.side_id where h.project_id = {project} and s.code = 'QC'")).await;
    let mut qc_applicant = app.browser();
    qc_applicant.login_demo(&qc_lead).await;
    assert_eq!(
        qc_applicant
            .get(&format!("/projects/{project}/letter.pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The letter is typeset in the SQLite run only (see `typesets`); its data comes from the
    // decision and the release checked above on both databases.
    if !crate::helpers::typesets() {
        return;
    }
    let letter = applicant
        .get_bytes(&format!("/projects/{project}/letter.pdf?lang=fr"))
        .await;
    crate::helpers::keep_document("letter.pdf", &letter);
    let text = pdf_text(&letter);
    // A letter from the side's administration, dated on the day of the decision (not of
    // printing), with a greeting, the outcome, the amount, the term, and who signs it.
    let decided_at = app
        .scalar_text(&format!(
            "select max(decided_at) from decisions where project_id = {project}"
        ))
        .await;
    let dated = passerelle::i18n::format_long_date(
        decided_at,
        "Europe/Brussels",
        passerelle::i18n::Locale::FrBe,
    );
    let officer_name = app
        .scalar_text_value("select name from users where email = 'charge.wb@demo.passerelle.test'")
        .await;
    // "At its session of …": the day the session met, not the day the second side approved.
    let met = passerelle::i18n::format_long_date(
        app.scalar_text(&format!(
            "select starts_at from commission_sessions where id = {session}"
        ))
        .await,
        "Europe/Brussels",
        passerelle::i18n::Locale::FrBe,
    );
    for part in [
        "WBI",
        &format!("Lors de sa séance du {met}"),
        &format!("Bruxelles, le {dated}"),
        "Madame, Monsieur,",
        "Le projet est retenu.",
        "1 500,00 €",
        "Le projet est financé du",
        "salutations distinguées",
        &officer_name,
    ] {
        assert!(text.contains(part), "{part:?} in the letter: {text}");
    }
    assert_eq!(crate::helpers::pdf_pages(&letter), 1);
}
