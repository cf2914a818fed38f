//! Calls for projects: per-side deadlines shown in every zone, drafts hidden, publication only
//! after both sides approve, the officers' form.

use axum::http::StatusCode;

use crate::helpers::TestApp;

async fn call_id(app: &TestApp, state: &'static str) -> i64 {
    match state {
        "published" => {
            app.scalar("select id from calls where state = 'published'")
                .await
        }
        _ => {
            app.scalar("select id from calls where state = 'draft'")
                .await
        }
    }
}

#[tokio::test]
async fn the_xi_call_shows_each_deadline_in_both_zones() {
    let mut app = TestApp::spawn_demo().await;
    let id = call_id(&app, "published").await;
    app.accept_language = Some("fr-CA".into());
    let r = app.get(&format!("/calls/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(
            "4 mars 2019 à 17 h 59 (heure du Québec) — 4 mars 2019 à 23 h 59 (heure de Bruxelles)"
        ),
        "{}",
        r.body
    );
    assert!(r.body.contains(">Clos<"), "the deadline has passed");
    assert!(
        r.body.contains("1\u{202f}800,00\u{202f}$ par voyage"),
        "caps in the side's currency"
    );
    assert!(r.body.contains("1\u{202f}200,00\u{202f}€ par voyage"));
    assert!(
        r.body.contains("<strong>conjointement</strong>"),
        "guidelines rendered from Markdown"
    );
    let list = app.get("/calls").await;
    assert!(
        list.body
            .contains("Appel à projets de la XIe Commission mixte permanente")
    );
    assert!(
        !list.body.contains("XIIe"),
        "the draft is not listed for visitors"
    );
}

#[tokio::test]
async fn a_draft_call_is_hidden_from_everyone_but_officers() {
    let mut app = TestApp::spawn_demo().await;
    let id = call_id(&app, "draft").await;
    assert_eq!(
        app.get(&format!("/calls/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let mut applicant = app.browser();
    applicant
        .login_demo("demandeur.qc@demo.passerelle.test")
        .await;
    assert_eq!(
        applicant.get(&format!("/calls/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let r = officer.get(&format!("/calls/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Brouillon"));
    // The 2022 Québec deadline falls in the DST gap weeks: 5 hours to Brussels, not 6.
    assert!(
        r.body.contains(
            "15 mars 2022 à 17 h 59 (heure du Québec) — 15 mars 2022 à 22 h 59 (heure de Bruxelles)"
        ),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn publication_needs_the_approval_of_both_sides() {
    let mut wb = TestApp::spawn_demo().await;
    let id = call_id(&wb, "draft").await;
    wb.login_demo("charge.wb@demo.passerelle.test").await;
    assert_eq!(
        wb.approve(&format!("/calls/{id}/approve")).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        wb.scalar("select count(*) from calls where state = 'draft'")
            .await,
        1,
        "one side is not enough"
    );
    let mut qc = wb.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    assert_eq!(
        qc.approve(&format!("/calls/{id}/approve")).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        wb.scalar("select count(*) from calls where state = 'draft'")
            .await,
        0
    );
    let mut visitor = wb.browser();
    assert_eq!(
        visitor.get(&format!("/calls/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        wb.scalar("select count(*) from audit_log where action = 'call.publish'")
            .await,
        1
    );
    // A published call is no longer edited.
    let r = qc.approve(&format!("/calls/{id}/approve")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Seul un appel en brouillon"));
}

#[tokio::test]
async fn other_roles_cannot_approve() {
    let mut app = TestApp::spawn_demo().await;
    let id = call_id(&app, "draft").await;
    app.login_demo("evaluateur.wb@demo.passerelle.test").await;
    assert_eq!(
        app.approve(&format!("/calls/{id}/approve")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.scalar("select count(*) from call_approvals where call_id = (select id from calls where state = 'draft')").await, 0);
}

fn form(commission: &str, theme: &str, qc_deadline: &str) -> Vec<(String, String)> {
    [
        ("commission", commission),
        ("title_fr", "Appel <b>test</b>"),
        ("title_en", "Test call"),
        ("guidelines_fr", "Texte <script>alert(1)</script>"),
        ("guidelines_en", "Text"),
        ("themes", theme),
        ("opens_at", "2030-01-10T09:00"),
        ("deadline_WB", "2030-03-30T23:59"),
        ("deadline_QC", qc_deadline),
        ("cap_trip_WB", "1200"),
        ("cap_stay_WB", "1500"),
        ("cap_year_WB", "9000"),
        ("cap_trip_QC", "1 800,50"),
        ("cap_stay_QC", "2000"),
        ("cap_year_QC", "12000"),
        ("min_duration", "12"),
        ("max_duration", "24"),
        ("min_partners", "1"),
        ("travel", "sending"),
        ("kinds", "university"),
        ("kinds", "ngo"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[tokio::test]
async fn an_officer_drafts_a_call_and_its_page_escapes_what_was_typed() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("charge.qc@demo.passerelle.test").await;
    let commission = app
        .scalar("select id from commissions where number = 12")
        .await
        .to_string();
    let theme = app.scalar("select min(id) from themes where commission_id = (select id from commissions where number = 12)").await.to_string();
    assert_eq!(
        app.get(&format!("/calls/new?commission={commission}"))
            .await
            .status,
        StatusCode::OK
    );
    let r = crate::helpers::post_owned(
        &mut app,
        "/calls/new",
        &form(&commission, &theme, "2030-03-15T17:59"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(r.location().unwrap()).await;
    assert!(
        page.body.contains("Appel &#60;b&#62;test&#60;/b&#62;"),
        "title shown as text"
    );
    assert!(
        !page.body.contains("<script>alert(1)"),
        "guidelines sanitized"
    );
    assert!(page.body.contains("ONG, association, Université"));
    assert_eq!(app.scalar("select cap_per_trip from call_sides where side_id = (select id from sides where code = 'QC') and call_id = (select max(id) from calls)").await, 180_050);
}

#[tokio::test]
async fn an_invalid_call_form_keeps_everything_typed() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("charge.wb@demo.passerelle.test").await;
    let commission = app
        .scalar("select id from commissions where number = 12")
        .await
        .to_string();
    // 02:30 on 10 March 2030 does not exist in Québec (clocks go forward); no theme ticked.
    let mut fields = form(&commission, "", "2030-03-10T02:30");
    fields.retain(|(k, v)| !(k == "themes" && v.is_empty()));
    fields.iter_mut().for_each(|(k, v)| {
        if k == "cap_year_WB" {
            *v = "beaucoup".into();
        }
    });
    let r = crate::helpers::post_owned(&mut app, "/calls/new", &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Cette heure n’existe pas dans ce fuseau"));
    assert!(r.body.contains("Saisissez un montant"));
    assert!(r.body.contains("value=\"beaucoup\""));
    assert!(r.body.contains("value=\"2030-03-10T02:30\""));
    assert!(r.body.contains("Appel &#60;b&#62;test&#60;/b&#62;"));
    assert_eq!(app.scalar("select count(*) from calls").await, 2);
}

#[tokio::test]
async fn editing_a_draft_clears_earlier_approvals() {
    let mut app = TestApp::spawn_demo().await;
    let id = call_id(&app, "draft").await;
    app.login_demo("charge.wb@demo.passerelle.test").await;
    app.approve(&format!("/calls/{id}/approve")).await;
    assert_eq!(app.scalar("select count(*) from call_approvals where call_id = (select id from calls where state = 'draft')").await, 1);
    let edit = app.get(&format!("/calls/{id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(
        edit.body.contains("value=\"2022-03-15T17:59\""),
        "each deadline shown in its side's zone"
    );
    let commission = app
        .scalar("select id from commissions where number = 12")
        .await
        .to_string();
    let theme = app.scalar("select min(id) from themes where commission_id = (select id from commissions where number = 12)").await.to_string();
    let r = crate::helpers::post_owned(
        &mut app,
        &format!("/calls/{id}/edit"),
        &form(&commission, &theme, "2030-03-15T17:59"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.scalar("select count(*) from call_approvals where call_id = (select id from calls where state = 'draft')").await, 0);
}
