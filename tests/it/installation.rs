//! Issue 11, a real installation: the first run leads the administrator to the set-up, which
//! creates the programme, its sides and the funding rules its calls inherit; editions are
//! drafted by one side and approved by the other, with co-chairs who are accounts (only they
//! sign as co-chairs); sessions reach only their participants, and a moved or cancelled
//! session's `.ics` keeps its UID with a higher SEQUENCE.

use axum::http::StatusCode;
use passerelle::{
    audit::Actor,
    i18n::Locale,
    users::{Email, Role, admin},
};

use crate::helpers::{TestApp, form_fields, hidden_fields};

/// Invites `email` to `side` as `role` through the administration page and lets them choose
/// a password through the emailed link; returns their browser, signed in.
async fn invite(
    app: &TestApp,
    admin: &mut TestApp,
    email: &str,
    role: &str,
    side: &str,
) -> TestApp {
    let r = admin
        .post(
            "/admin/users/new",
            &[
                ("name", email.split('@').next().unwrap()),
                ("email", email),
                ("role", role),
                ("side", side),
                ("locale", "fr-BE"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let token = app.emailed_token(email).await;
    let mut b = app.browser();
    let r = b
        .post(
            "/invitation",
            &[("token", &token), ("password", "une phrase de passe")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        b.login(email, "une phrase de passe").await.status,
        StatusCode::SEE_OTHER
    );
    b
}

/// What the set-up form needs, as an administrator types it.
fn set_up_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name_fr", "Coopération Wallonie-Bruxelles – Québec"),
        ("name_en", "Wallonia-Brussels – Québec cooperation"),
        ("code", "wbqc"),
        ("s0_admin_fr", "Wallonie-Bruxelles International"),
        ("s0_admin_en", "Wallonia-Brussels International"),
        ("s0_acronym", "WBI"),
        ("s0_name_fr", "Wallonie-Bruxelles"),
        ("s0_name_en", "Wallonia-Brussels"),
        ("s0_code", "WB"),
        ("s0_zone", "Europe/Brussels"),
        ("s0_currency", "eur"),
        ("s0_locale", "fr-BE"),
        ("s0_logo", "Wallonie-Bruxelles International"),
        ("s0_iati", "XM-WBI-1"),
        (
            "s1_admin_fr",
            "Ministère des Relations internationales et de la Francophonie",
        ),
        (
            "s1_admin_en",
            "Ministère des Relations internationales et de la Francophonie",
        ),
        ("s1_acronym", "MRIF"),
        ("s1_name_fr", "Québec"),
        ("s1_name_en", "Québec"),
        ("s1_code", "QC"),
        ("s1_zone", "America/Toronto"),
        ("s1_currency", "CAD"),
        ("s1_locale", "fr-CA"),
        ("s1_logo", "Québec"),
        ("s1_iati", ""),
        ("min_duration", "12"),
        ("max_duration", "24"),
        ("min_partners", "1"),
        ("travel", "sending"),
        ("s0_trip", "1200"),
        ("s0_stay", "1500"),
        ("s0_year", "9000"),
        ("s1_trip", "1800"),
        ("s1_stay", "2000"),
        ("s1_year", "12000,50"),
    ]
}

#[tokio::test]
async fn a_new_installation_leads_its_administrator_to_the_set_up_and_others_wait() {
    let app = TestApp::spawn().await;
    admin::create_user(
        &app.db.db,
        &Actor::system("cli"),
        admin::NewAccount {
            email: Email::parse("admin@wbi.example").unwrap(),
            name: "Première administratrice".into(),
            locale: Locale::FrBe,
            role: Role::Administrator,
            side_id: None,
        },
        "une phrase de passe".into(),
    )
    .await
    .unwrap();
    // Everyone else is told the installation is being prepared.
    let visitor = app.browser().get("/").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert!(
        visitor.contains_text("Installation en préparation"),
        "{}",
        visitor.body
    );
    // The administrator signing in is led to the set-up.
    let mut a = app.browser();
    let r = a.login("admin@wbi.example", "une phrase de passe").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = a.get("/").await;
    assert_eq!(home.location(), Some("/setup"));
    let form = a.get("/setup").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.contains_text("Configurer le programme"));

    // Bad input: each error at its field, everything typed kept.
    let mut bad = set_up_fields();
    for (k, v) in bad.iter_mut() {
        match *k {
            "s1_code" => *v = "WB",
            "s0_zone" => *v = "Europe/Bruxelles",
            "s1_currency" => *v = "dollars",
            "max_duration" => *v = "6",
            "s0_trip" => *v = "99999999999999999999",
            _ => {}
        }
    }
    let r = a.post("/setup", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, message) in [
        ("s1_code", "Ce code est déjà pris"),
        ("s0_zone", "fuseau"),
        ("s1_currency", "trois lettres"),
        ("s0_trip", "montant"),
    ] {
        let error = format!("id=\"f-{field}-error\"");
        assert!(r.body.contains(&error), "error at {field}");
        assert!(r.body.contains(message), "{message}");
    }
    assert!(r.body.contains("value=\"Europe/Bruxelles\""));
    assert!(r.body.contains("value=\"dollars\""));
    assert_eq!(app.scalar("select count(*) from programmes").await, 0);

    // Good input: one programme, two sides, and the rules its calls inherit.
    let r = a.post("/setup", &set_up_fields()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), Some("/admin/users?setup=done"));
    assert_eq!(app.scalar("select count(*) from sides").await, 2);
    assert_eq!(
        app.scalar_text_value(
            "select code || ' ' || acronym || ' ' || currency || ' ' || iati_ref from sides order by id limit 1"
        )
        .await,
        "WB WBI EUR XM-WBI-1"
    );
    assert_eq!(
        app.scalar("select cap_per_year from programme_sides ps join sides s on s.id = ps.side_id where s.code = 'QC'")
            .await,
        1_200_050
    );
    let next = a.get("/admin/users?setup=done").await;
    assert!(next.contains_text("Le programme est créé"));
    // Once set up: the set-up is not offered again, nor accepted twice.
    assert_eq!(a.get("/setup").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.post("/setup", &set_up_fields()).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(app.scalar("select count(*) from programmes").await, 1);
    let visitor = app.browser().get("/").await;
    assert!(visitor.contains_text("Coopération Wallonie-Bruxelles – Québec"));
    // Someone who is not an administrator cannot set up.
    let mut officer = invite(&app, &mut a, "charge@wbi.example", "officer", "WB").await;
    assert_eq!(officer.get("/setup").await.status, StatusCode::FORBIDDEN);
}

/// The XIIIe edition the full demo's WB officer drafted: (id, WB officer, QC officer).
async fn draft_edition(app: &TestApp) -> (i64, TestApp, TestApp) {
    let id = app
        .scalar("select id from commissions where state = 'draft'")
        .await;
    let mut wb = app.browser();
    wb.login_demo("charge.wb@demo.passerelle.test").await;
    let mut qc = app.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    (id, wb, qc)
}

#[tokio::test]
async fn an_edition_drafted_by_one_side_stands_once_the_other_approves_the_same_content() {
    let app = TestApp::spawn_full_demo().await;
    let (id, mut wb, mut qc) = draft_edition(&app).await;
    // A draft is the officers' business: not on the public portal.
    assert!(!app.browser().get("/").await.contains_text("XIIIe"));
    let page = qc.get(&format!("/commissions/{id}")).await;
    assert!(
        page.contains_text("XIIIe Commission mixte permanente (2025–2027)"),
        "{}",
        page.body
    );
    assert!(page.contains_text("En préparation"));
    // The drafting side approved it when drafting; no session before both sides approved.
    assert_eq!(
        wb.post(&format!("/commissions/{id}/approve"), &[("seen", "x")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        qc.get(&format!("/commissions/{id}/sessions/new"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    // QC approves what it saw; a change in between is refused and asks to look again.
    let action = format!("/commissions/{id}/approve");
    let seen = hidden_fields(&page.body, &action)
        .into_iter()
        .find(|(k, _)| k == "seen")
        .map(|(_, v)| v)
        .expect("an approve form");
    let edit = wb.get(&format!("/commissions/{id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    let mut fields = form_fields(&edit.body, &format!("/commissions/{id}/edit"));
    for (k, v) in fields.iter_mut() {
        if k == "end_year" {
            *v = "2028".into();
        }
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = wb.post(&format!("/commissions/{id}/edit"), &pairs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = qc.post(&action, &[("seen", &seen)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        app.scalar_text_value(&format!("select state from commissions where id = {id}"))
            .await,
        "draft"
    );
    let r = qc.approve(&action).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.scalar_text_value(&format!("select state from commissions where id = {id}"))
            .await,
        "approved"
    );
    // Approved: final, on the portal, and its sessions can be convened.
    assert_eq!(
        wb.get(&format!("/commissions/{id}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        app.browser()
            .get("/")
            .await
            .contains_text("XIIIe Commission mixte permanente (2025–2028)")
    );
    assert_eq!(
        qc.get(&format!("/commissions/{id}/sessions/new"))
            .await
            .status,
        StatusCode::OK
    );
    // The same number twice is a field error, with what was typed kept.
    let new = wb.get("/commissions/new").await;
    let mut fields = form_fields(&new.body, "/commissions/new");
    assert!(
        fields.iter().any(|(k, v)| k == "number" && v == "14"),
        "the next ordinal is offered"
    );
    for (k, v) in fields.iter_mut() {
        if k == "number" {
            *v = "13".into();
        }
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = wb.post("/commissions/new", &pairs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("déjà une édition portant ce numéro"));
}

fn ics_prop(body: &str, name: &str) -> Option<String> {
    let unfolded = icalendar::parser::unfold(body);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let event = calendar
        .components
        .iter()
        .find(|c| c.name == "VEVENT")
        .expect("an event");
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.val.to_string())
}

#[tokio::test]
async fn a_session_reaches_only_its_participants_and_a_moved_one_keeps_its_uid_with_a_higher_sequence()
 {
    let app = TestApp::spawn_full_demo().await;
    let xii = app
        .scalar("select id from commissions where number = 12")
        .await;
    let mut qc = app.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    let action = format!("/commissions/{xii}/sessions/new");
    let form = qc.get(&action).await;
    assert_eq!(form.status, StatusCode::OK);
    let wb_member = app
        .scalar("select id from users where email = 'commission.wb@demo.passerelle.test'")
        .await
        .to_string();
    let qc_officer = app
        .scalar("select id from users where email = 'charge.qc@demo.passerelle.test'")
        .await
        .to_string();
    let fields = [
        ("kind", "plenary"),
        ("starts_at", "2026-03-10T15:00"),
        ("zone", "America/Toronto"),
        ("mode", "online"),
        ("place", ""),
        ("meeting_url", "https://visio.example/cmp-xii"),
        ("participants", wb_member.as_str()),
        ("participants", qc_officer.as_str()),
    ];
    let r = qc.post(&action, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let session = app.scalar("select max(id) from commission_sessions").await;
    let (subject, text) = app.last_email("commission.wb@demo.passerelle.test").await;
    let member = app
        .scalar_text_value(
            "select name from users where email = 'commission.wb@demo.passerelle.test'",
        )
        .await;
    assert!(
        text.starts_with(&format!("Bonjour {member},")),
        "the convocation greets the member by name: {text}"
    );
    assert_eq!(
        subject,
        crate::helpers::fr("Convocation : XIIe Commission mixte permanente (2022–2024)")
    );
    // Both sides' times: on 10 March 2026 Montréal has moved to summer time (8 March) and
    // Brussels not yet (29 March): 15:00 there is 20:00 here, 19:00 UTC.
    assert!(
        text.contains("10 mars 2026 à 20:00 (Bruxelles)")
            && text.contains("10 mars 2026 à 15:00 (Québec)"),
        "{text}"
    );

    let mut invited = app.browser();
    invited
        .login_demo("commission.wb@demo.passerelle.test")
        .await;
    let ics = invited.get(&format!("/sessions/{session}/ics")).await;
    assert_eq!(ics.status, StatusCode::OK);
    let uid = ics_prop(&ics.body, "UID").unwrap();
    assert_eq!(ics_prop(&ics.body, "SEQUENCE").as_deref(), Some("0"));
    assert_eq!(
        ics_prop(&ics.body, "DTSTART").as_deref(),
        Some("20260310T190000Z")
    );
    assert!(
        invited
            .get("/")
            .await
            .body
            .contains("https://visio.example/cmp-xii")
    );
    // Not invited: neither the link nor the calendar file.
    let mut other = app.browser();
    other.login_demo("commission.qc@demo.passerelle.test").await;
    assert_eq!(
        other.get(&format!("/sessions/{session}/ics")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !other
            .get("/")
            .await
            .body
            .contains("https://visio.example/cmp-xii")
    );

    // Moved: same UID, SEQUENCE 1, the new time; the participants are told.
    let mut moved = fields.to_vec();
    moved[1] = ("starts_at", "2026-03-12T10:00");
    let r = qc.post(&format!("/sessions/{session}/move"), &moved).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ics = invited.get(&format!("/sessions/{session}/ics")).await;
    assert_eq!(ics_prop(&ics.body, "UID").unwrap(), uid);
    assert_eq!(ics_prop(&ics.body, "SEQUENCE").as_deref(), Some("1"));
    assert_eq!(
        ics_prop(&ics.body, "DTSTART").as_deref(),
        Some("20260312T140000Z")
    );
    assert_eq!(ics_prop(&ics.body, "STATUS"), None);
    let (subject, _) = app.last_email("commission.wb@demo.passerelle.test").await;
    assert!(subject.starts_with("Séance déplacée"), "{subject}");

    // Cancelled: same UID, SEQUENCE 2, STATUS:CANCELLED; it can no longer be moved.
    let r = qc.post(&format!("/sessions/{session}/cancel"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ics = invited.get(&format!("/sessions/{session}/ics")).await;
    assert_eq!(ics_prop(&ics.body, "UID").unwrap(), uid);
    assert_eq!(ics_prop(&ics.body, "SEQUENCE").as_deref(), Some("2"));
    assert_eq!(ics_prop(&ics.body, "STATUS").as_deref(), Some("CANCELLED"));
    let (subject, _) = app.last_email("charge.qc@demo.passerelle.test").await;
    assert!(subject.starts_with("Séance annulée"), "{subject}");
    assert_eq!(
        qc.post(&format!("/sessions/{session}/move"), &moved)
            .await
            .status,
        StatusCode::CONFLICT
    );
    // The other side's officer of another role cannot convene.
    assert_eq!(invited.get(&action).await.status, StatusCode::FORBIDDEN);
    // A session's form keeps what was typed when the link is not https.
    let mut bad = fields.to_vec();
    bad[5] = ("meeting_url", "javascript:alert(1)");
    let r = qc.post(&action, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"f-meeting_url-error\""));
    assert!(r.body.contains("2026-03-10T15:00"));
}

#[tokio::test]
async fn only_the_co_chairs_sign_the_minutes_as_co_chairs() {
    let app = TestApp::spawn_demo().await;
    let session = app
        .scalar("select id from commission_sessions where kind = 'plenary'")
        .await;
    let mut admin_b = app.browser();
    admin_b.login_demo("admin@demo.passerelle.test").await;
    // A second QC commission member, who is not the edition's co-chair.
    let mut second = invite(
        &app,
        &mut admin_b,
        "membre2.qc@mrif.example",
        "commission_member",
        "QC",
    )
    .await;
    let (mut wb, mut qc) = (app.browser(), app.browser());
    wb.login_demo("commission.wb@demo.passerelle.test").await;
    qc.login_demo("commission.qc@demo.passerelle.test").await;
    wb.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    qc.post(&format!("/sessions/{session}/close"), &[]).await;
    assert_eq!(
        app.scalar_text_value(&format!(
            "select state from commission_sessions where id = {session}"
        ))
        .await,
        "closed"
    );
    // The second member takes part but does not sign for the co-chair.
    let minutes = second.get(&format!("/sessions/{session}/minutes")).await;
    assert_eq!(minutes.status, StatusCode::OK);
    assert!(
        try_sign_form(&minutes.body, session).is_none(),
        "no signing form offered"
    );
    let r = second.approve(&format!("/sessions/{session}/sign")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.scalar("select count(*) from minutes_signatures").await,
        0
    );
    let r = qc.approve(&format!("/sessions/{session}/sign")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text_value("select signer_name from minutes_signatures")
            .await,
        "François Côté"
    );
}

fn try_sign_form(html: &str, session: i64) -> Option<()> {
    html.contains(&format!("action=\"/sessions/{session}/sign\""))
        .then_some(())
}

/// The commission member of `side` ("wb", "qc"), signed in.
async fn member(app: &TestApp, side: &str) -> TestApp {
    let mut b = app.browser();
    b.login_demo(&format!("commission.{side}@demo.passerelle.test"))
        .await;
    b
}

/// `wb` proposes `outcome` for `project` at `session`; `qc` approves it.
async fn decide(
    wb: &mut TestApp,
    qc: &mut TestApp,
    app: &TestApp,
    session: i64,
    project: i64,
    outcome: &str,
) {
    let p = project.to_string();
    let r = wb
        .post(
            &format!("/sessions/{session}/decisions"),
            &[
                ("project", p.as_str()),
                ("outcome", outcome),
                ("amount_WB", "1500"),
                ("amount_QC", "2000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let d = app
        .scalar_text(&format!(
            "select id from decisions where project_id = {p} and session_id = {session}"
        ))
        .await;
    let r = qc
        .approve(&format!("/sessions/{session}/decisions/{d}/approve"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn a_deferred_decision_comes_back_on_the_next_sessions_agenda() {
    let app = TestApp::spawn_demo().await;
    let xi = app
        .scalar("select id from commission_sessions where kind = 'plenary'")
        .await;
    let (mut wb, mut qc) = (member(&app, "wb").await, member(&app, "qc").await);
    let deferred = app.scalar("select min(id) from projects").await;
    let selected = app.scalar("select max(id) from projects").await;
    let title = |p: i64| format!("select title from projects where id = {p}");
    let (deferred_title, selected_title) = (
        app.scalar_text_value(&title(deferred)).await,
        app.scalar_text_value(&title(selected)).await,
    );
    wb.approve(&format!("/sessions/{xi}/open")).await;
    app.open_session(xi).await;
    decide(&mut wb, &mut qc, &app, xi, deferred, "deferred").await;
    decide(&mut wb, &mut qc, &app, xi, selected, "selected").await;
    qc.post(&format!("/sessions/{xi}/close"), &[]).await;
    assert_eq!(app.scalar("select count(*) from funded_projects").await, 1);

    // The XIIe edition's plenary, convened by an officer.
    let xii = app
        .scalar("select id from commissions where number = 12")
        .await;
    let mut officer = app.browser();
    officer.login_demo("charge.wb@demo.passerelle.test").await;
    let members: Vec<String> = [
        "commission.wb@demo.passerelle.test",
        "commission.qc@demo.passerelle.test",
    ]
    .iter()
    .map(|e| format!("select id from users where email = '{e}'"))
    .collect();
    let (m1, m2) = (
        app.scalar_text(&members[0]).await.to_string(),
        app.scalar_text(&members[1]).await.to_string(),
    );
    let r = officer
        .post(
            &format!("/commissions/{xii}/sessions/new"),
            &[
                ("kind", "plenary"),
                ("starts_at", "2022-06-14T09:30"),
                ("zone", "Europe/Brussels"),
                ("mode", "in_person"),
                ("place", "Québec, édifice Price"),
                ("meeting_url", ""),
                ("participants", &m1),
                ("participants", &m2),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let next = app.scalar("select max(id) from commission_sessions").await;
    // On its agenda: the deferred project, not the one decided for good.
    let page = wb.get(&format!("/sessions/{next}")).await;
    assert!(
        page.body.contains(&deferred_title),
        "the deferred project is back"
    );
    assert!(
        !page.body.contains(&selected_title),
        "a decided project is not"
    );
    // Selected there, it is decided for good: funded when the XIIe session closes.
    wb.approve(&format!("/sessions/{next}/open")).await;
    app.open_session(next).await;
    decide(&mut wb, &mut qc, &app, next, deferred, "selected").await;
    qc.post(&format!("/sessions/{next}/close"), &[]).await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from funded_projects where project_id = {deferred}"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn the_next_call_is_prefilled_from_the_adopted_resolution() {
    let app = TestApp::spawn_demo().await;
    let session = app
        .scalar("select id from commission_sessions where kind = 'plenary'")
        .await;
    let xii = app
        .scalar("select id from commissions where number = 12")
        .await;
    let (mut wb, mut qc) = (member(&app, "wb").await, member(&app, "qc").await);
    wb.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    let xii_text = xii.to_string();
    let r = wb
        .post(
            &format!("/sessions/{session}/next-call"),
            &[
                ("commission", xii_text.as_str()),
                ("opens_on", "2021-09-15"),
                (
                    "themes",
                    "Océans | Oceans\nLangue française | French language",
                ),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    // Not yet decided: nothing prefilled.
    let form = officer.get(&format!("/calls/new?commission={xii}")).await;
    let fields = form_fields(&form.body, "/calls/new");
    assert!(fields.iter().any(|(k, v)| k == "opens_at" && v.is_empty()));
    let rid = app.scalar("select max(id) from resolutions").await;
    qc.approve(&format!("/sessions/{session}/resolutions/{rid}/approve"))
        .await;
    let form = officer.get(&format!("/calls/new?commission={xii}")).await;
    let fields = form_fields(&form.body, "/calls/new");
    assert!(
        fields
            .iter()
            .any(|(k, v)| k == "opens_at" && v == "2021-09-15T09:00"),
        "{fields:?}"
    );
    let checked: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "themes")
        .map(|(_, v)| v.clone())
        .collect();
    let adopted = [
        app.scalar_text(&format!(
            "select id from themes where commission_id = {xii} and name_fr = 'Océans'"
        ))
        .await
        .to_string(),
        app.scalar_text(&format!(
            "select id from themes where commission_id = {xii} and name_fr = 'Langue française'"
        ))
        .await
        .to_string(),
    ];
    assert_eq!(
        checked.len(),
        2,
        "only the adopted themes are ticked: {checked:?}"
    );
    for a in adopted {
        assert!(checked.contains(&a), "{a} ticked");
    }
    // The programme's caps are offered too (set once at the set-up, here by the demo's).
    assert!(
        fields
            .iter()
            .any(|(k, v)| k == "cap_trip_WB" && v == "1200")
    );
}

#[tokio::test]
async fn a_sides_grid_for_the_next_call_starts_from_its_previous_one() {
    let app = TestApp::spawn_full_demo().await;
    // The XIIe call (a draft) has no grid yet; Québec scored the XIe call with weighted
    // criteria.
    let next = app.scalar("select max(id) from calls").await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grids where call_id = {next}"
        ))
        .await,
        0
    );
    let first = app
        .scalar_text_value(
            "select c.label_fr || ' | ' || c.label_en || ' | ' || c.weight from grid_criteria c
             join grids g on g.id = c.grid_id join sides s on s.id = g.side_id
             where s.code = 'QC' order by g.id, c.position limit 1",
        )
        .await;
    let mut qc = app.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    let form = qc.get(&format!("/calls/{next}/grid")).await;
    assert_eq!(form.status, StatusCode::OK);
    let fields = form_fields(&form.body, &format!("/calls/{next}/grid"));
    // The first row of the criteria table: its French label, English label and weight.
    let first_row = ["criterion_fr", "criterion_en", "criterion_weight"]
        .map(|name| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .join(" | ");
    assert_eq!(first_row, first);
    // Nothing is saved until the side saves it: the previous call's due date is not copied.
    assert!(fields.iter().any(|(k, v)| k == "due_at" && v.is_empty()));
}
