//! Joint projects: a Québec coordinator and a Wallonia-Brussels partner each file their half
//! with their own administration; receipts verify offline; each side's officers see their half.

use axum::http::StatusCode;
use passerelle::projects::receipt;

use crate::helpers::{TestApp, TestResponse, pdf_text};

pub(crate) const QC: &str = "demandeur.qc@demo.passerelle.test";
pub(crate) const WB: &str = "demandeur.wb@demo.passerelle.test";

pub(crate) async fn post(app: &mut TestApp, path: &str, fields: &[(&str, &str)]) -> TestResponse {
    app.post(path, fields).await
}

/// Publishes a call open until 2030 (both sides approve) and returns its id.
pub(crate) async fn open_call(app: &TestApp) -> i64 {
    let mut officer = app.browser();
    officer.login_demo("charge.wb@demo.passerelle.test").await;
    let commission = app
        .scalar("select id from commissions where number = 12")
        .await
        .to_string();
    let themes = app.scalar("select min(id) from themes where commission_id = (select id from commissions where number = 12)").await.to_string();
    let r = post(
        &mut officer,
        "/calls/new",
        &[
            ("commission", &commission),
            ("title_fr", "Appel ouvert"),
            ("title_en", "Open call"),
            ("guidelines_fr", "Texte"),
            ("guidelines_en", "Text"),
            ("themes", &themes),
            ("opens_at", "2020-01-01T09:00"),
            ("deadline_WB", "2030-03-30T23:59"),
            ("deadline_QC", "2030-03-15T17:59"),
            ("cap_trip_WB", "1200"),
            ("cap_stay_WB", "1500"),
            ("cap_year_WB", "9000"),
            ("cap_trip_QC", "1800"),
            ("cap_stay_QC", "2000"),
            ("cap_year_QC", "12000"),
            ("min_duration", "12"),
            ("max_duration", "24"),
            ("min_partners", "1"),
            ("travel", "sending"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    officer.approve(&format!("/calls/{id}/approve")).await;
    let mut qc = app.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    qc.approve(&format!("/calls/{id}/approve")).await;
    id
}

async fn org(app: &TestApp, side: &'static str) -> String {
    let sql = if side == "QC" {
        "select min(o.id) from organisations o join sides s on s.id = o.side_id where s.code = 'QC'"
    } else {
        "select min(o.id) from organisations o join sides s on s.id = o.side_id where s.code = 'WB'"
    };
    app.scalar(sql).await.to_string()
}

/// A QC-led project with complete shared fields and a mission; returns (qc, project id).
pub(crate) async fn start(app: &TestApp, title: &str) -> (TestApp, i64) {
    let call = open_call(app).await;
    start_in(app, call, title).await
}

/// A QC lead starts a project in `call`, with what filing needs.
pub(crate) async fn start_in(app: &TestApp, call: i64, title: &str) -> (TestApp, i64) {
    let mut qc = app.browser();
    qc.login_demo(QC).await;
    let o = org(app, "QC").await;
    let r = post(
        &mut qc,
        &format!("/calls/{call}/apply"),
        &[("title", title), ("organisation", &o)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let theme = app
        .scalar("select min(theme_id) from call_themes where call_id = (select max(id) from calls)")
        .await
        .to_string();
    let r = post(
        &mut qc,
        &format!("/projects/{id}/edit"),
        &[
            ("title", title),
            (
                "summary",
                "Deux laboratoires mesurent l’érosion des berges.\nUne ligne de plus.",
            ),
            ("themes", &theme),
            ("duration", "18"),
            ("renewal", "no"),
            ("objectives", "Partager les méthodes."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (qc, id)
}

/// The WB partner joins through the emailed link.
pub(crate) async fn pair(app: &TestApp, qc: &mut TestApp, id: i64) -> TestApp {
    let r = post(qc, &format!("/projects/{id}/invite"), &[("email", WB)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let token = app.emailed_token(WB).await;
    let mut wb = app.browser();
    wb.login_demo(WB).await;
    assert_eq!(
        wb.get(&format!("/projects/join?token={token}"))
            .await
            .status,
        StatusCode::OK
    );
    let o = org(app, "WB").await;
    let r = post(
        &mut wb,
        "/projects/join",
        &[("token", &token), ("organisation", &o)],
    )
    .await;
    assert_eq!(r.location(), Some(format!("/projects/{id}").as_str()));
    wb
}

pub(crate) async fn file(app: &mut TestApp, id: i64) -> TestResponse {
    // The form is on the review page, with the version the page was rendered with.
    let page = app.get(&format!("/projects/{id}/review")).await;
    let i = page.body.find("name=\"version\" value=\"").map(|i| i + 22);
    let version = i
        .map(|i| page.body[i..].split('"').next().unwrap().to_string())
        .unwrap_or_else(|| "0".into());
    post(
        app,
        &format!("/projects/{id}/file"),
        &[("version", &version)],
    )
    .await
}

#[tokio::test]
async fn both_halves_are_filed_with_their_own_administration_and_receipts_verify_offline() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Érosion des berges").await;

    // Not paired yet: filing is refused with the reason.
    let r = file(&mut qc, id).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Il faut un partenaire de chaque côté"));

    let mut wb = pair(&app, &mut qc, id).await;
    let r = file(&mut wb, id).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = file(&mut qc, id).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let receipt_url = r.location().unwrap().to_string();
    let receipt_page = qc.get(&receipt_url).await;
    assert_eq!(receipt_page.status, StatusCode::OK);
    // The PDF, read back with a real PDF parser.
    let pdf = qc.get_bytes(&format!("{receipt_url}/pdf")).await;
    crate::helpers::keep_document("receipt.pdf", &pdf);
    let text = pdf_text(&pdf);
    assert!(text.contains("Accusé de réception"), "{text}");
    assert!(text.contains("Érosion des berges"));
    let sha = app
        .scalar_text_value(&format!(
            "select content_sha256 from receipts where id = {}",
            receipt_url.rsplit('/').next().unwrap()
        ))
        .await;
    assert!(
        text.replace(['\n', ' '], "").contains(&sha),
        "the content hash is printed"
    );
    assert_eq!(
        app.scalar("select count(*) from project_halves where state = 'submitted' and project_id = (select max(id) from projects)")
            .await,
        2
    );

    // Offline verification with the published key.
    let mut visitor = app.browser();
    let key = visitor.get("/receipts/public-key").await.body;
    let key = key.trim().strip_prefix("ed25519 ").unwrap().to_string();
    let mut tx = app.db.db.read().await.unwrap();
    let rows: Vec<(String, String, String, String)> =
        passerelle::on_tx!(&mut tx, |c| sqlx::query_as(
            "select r.payload, r.signature, r.content, r.content_sha256 from receipts r join project_halves h on h.id = r.submission_id where h.project_id = (select max(id) from projects) order by r.id"
        )
        .fetch_all(c)
        .await)
        .unwrap();
    assert_eq!(rows.len(), 2);
    for (payload, signature, content, sha) in &rows {
        assert!(receipt::verify(&key, payload, signature));
        assert_eq!(&receipt::sha256_hex(content.as_bytes()), sha);
        let p: receipt::Payload = serde_json::from_str(payload).unwrap();
        assert_eq!(&p.content_sha256, sha);
        assert_eq!(p.submitted_at_local.len(), 2, "both zones' local times");
        assert!(!receipt::verify(
            &key,
            &payload.replace("\"version\":1", "\"version\":9"),
            signature
        ));
    }
    let (subject, _) = app.last_email(QC).await;
    assert_eq!(
        subject,
        crate::helpers::fr("Accusé de réception : « Érosion des berges »")
    );
}

#[tokio::test]
async fn each_sides_officers_see_only_their_halfs_filing_data() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Projet confidentiel").await;
    let _wb = pair(&app, &mut qc, id).await;
    let mut officer_wb = app.browser();
    officer_wb
        .login_demo("charge.wb@demo.passerelle.test")
        .await;
    let page = officer_wb.get(&format!("/projects/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Projet confidentiel"),
        "the shared project"
    );
    assert!(page.body.contains(WB), "its own side's lead");
    assert!(!page.body.contains(QC), "not the other side's filing data");
    let mut officer_qc = app.browser();
    officer_qc
        .login_demo("charge.qc@demo.passerelle.test")
        .await;
    let page = officer_qc.get(&format!("/projects/{id}")).await;
    assert!(page.body.contains(QC) && !page.body.contains(WB));
    // Someone unrelated does not learn the project exists.
    let mut other = app.browser();
    other.login_demo("evaluateur.qc@demo.passerelle.test").await;
    assert_eq!(
        other.get(&format!("/projects/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    let mut stranger = app.browser();
    stranger.login_demo("coach@demo.passerelle.test").await;
    assert_eq!(
        stranger.get(&format!("/projects/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_double_click_files_once() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Double clic").await;
    pair(&app, &mut qc, id).await;
    let page = qc.get(&format!("/projects/{id}/review")).await;
    assert!(page.body.contains("name=\"version\" value=\"0\""));
    assert_eq!(
        post(
            &mut qc,
            &format!("/projects/{id}/file"),
            &[("version", "0")]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let r = post(
        &mut qc,
        &format!("/projects/{id}/file"),
        &[("version", "0")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("un seul dépôt a été enregistré"));
    assert_eq!(app.scalar("select count(*) from receipts r join project_halves h on h.id = r.submission_id where h.project_id = (select max(id) from projects)").await, 1);
    // A deliberate resubmission before the deadline is a new version, the old one kept: the
    // filed half is reopened first (issue 10: filing freezes).
    assert_eq!(
        post(&mut qc, &format!("/projects/{id}/reopen"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.scalar("select max(r.version) from receipts r join project_halves h on h.id = r.submission_id where h.project_id = (select max(id) from projects)").await, 2);
}

#[tokio::test]
async fn after_the_sides_deadline_filing_is_refused_unless_an_officer_extends_it() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Hors délai").await;
    pair(&app, &mut qc, id).await;
    app.exec("update call_sides set deadline_at = 1000 where side_id = (select id from sides where code = 'QC') and call_id = (select max(id) from calls)").await;
    let r = file(&mut qc, id).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("La date limite de votre partie est passée"));
    assert_eq!(app.scalar("select count(*) from receipts r join project_halves h on h.id = r.submission_id where h.project_id = (select max(id) from projects)").await, 0);

    let half = app.scalar("select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'QC' and h.project_id = (select max(id) from projects)").await.to_string();
    let mut officer_wb = app.browser();
    officer_wb
        .login_demo("charge.wb@demo.passerelle.test")
        .await;
    let r = post(
        &mut officer_wb,
        &format!("/halves/{half}/extension"),
        &[("until", "2031-01-01T12:00")],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only the half's own side extends it"
    );
    let mut officer_qc = app.browser();
    officer_qc
        .login_demo("charge.qc@demo.passerelle.test")
        .await;
    let r = post(
        &mut officer_qc,
        &format!("/halves/{half}/extension"),
        &[("until", "2031-01-01T12:00")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar("select count(*) from audit_log where action = 'project.extension'")
            .await,
        1
    );
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_demo_has_forty_paired_projects_filed_before_the_deadline() {
    let mut app = TestApp::spawn_demo().await;
    assert_eq!(app.scalar("select count(*) from projects").await, 40);
    assert_eq!(
        app.scalar("select count(*) from project_halves where state = 'submitted'")
            .await,
        80
    );
    assert_eq!(
        app.scalar("select count(*) from project_halves h join projects p on p.id = h.project_id join call_sides cs on cs.call_id = p.call_id and cs.side_id = h.side_id where h.submitted_at > cs.deadline_at").await,
        0
    );
    let key = app
        .get("/receipts/public-key")
        .await
        .body
        .trim()
        .strip_prefix("ed25519 ")
        .unwrap()
        .to_string();
    let mut tx = app.db.db.read().await.unwrap();
    let rows: Vec<(String, String)> = passerelle::on_tx!(&mut tx, |c| sqlx::query_as(
        "select r.payload, r.signature from receipts r
         join submissions s on s.id = r.submission_id where s.kind = 'cmp_half'"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(rows.len(), 80);
    assert!(rows.iter().all(|(p, s)| receipt::verify(&key, p, s)));
    let call = app
        .scalar("select id from calls where state = 'published'")
        .await;
    let mut officer = app.browser();
    officer.login_demo("charge.wb@demo.passerelle.test").await;
    assert!(
        officer
            .get(&format!("/calls/{call}/applications"))
            .await
            .body
            .contains("40 volets")
    );
}

#[tokio::test]
async fn an_autosave_request_stores_the_draft_and_answers_204() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Autosave").await;
    let csrf = qc.csrf().await;
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", csrf.as_str()),
            ("title", "Autosave"),
            ("summary", "Saisie en cours"),
        ])
        .finish();
    let r = qc
        .request(
            axum::http::Method::POST,
            &format!("/projects/{id}/edit"),
            Some(body),
            &[("x-autosave", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let page = qc.get(&format!("/projects/{id}/edit")).await;
    assert!(page.body.contains(">Saisie en cours</textarea>"));
    assert!(page.body.contains("data-autosave") && page.body.contains("/static/autosave.js"));
}

/// Forms that guide: a rule of the call broken by what was typed (a summary over ten lines, a
/// duration outside the call's 12–24 months) is saved — nothing typed is lost — and shown as a
/// warning at its field, listed with a link to it; filing stays refused until it is fixed.
#[tokio::test]
async fn a_draft_breaking_the_calls_rules_is_saved_with_warnings_at_the_fields() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Règles de l’appel").await;
    let theme = app
        .scalar("select min(theme_id) from call_themes where call_id = (select max(id) from calls)")
        .await
        .to_string();
    let eleven = (1..=11)
        .map(|i| format!("Ligne {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let r = post(
        &mut qc,
        &format!("/projects/{id}/edit"),
        &[
            ("title", "Règles de l’appel"),
            ("summary", &eleven),
            ("themes", &theme),
            ("duration", "60"),
            ("renewal", "no"),
            ("objectives", "Partager les méthodes."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location(),
        Some(format!("/projects/{id}/edit?saved=1").as_str())
    );
    let page = qc.get(&format!("/projects/{id}/edit?saved=1")).await;
    assert_eq!(page.status, StatusCode::OK);
    // What was typed is kept.
    assert!(page.body.contains("Ligne 11</textarea>"), "{}", page.body);
    assert!(page.body.contains("value=\"60\""));
    assert!(page.body.contains("Brouillon enregistré."));
    // Each broken rule at its field, described by it, and listed with a link to the field.
    for (field, message) in [
        ("summary", "Le résumé dépasse dix lignes."),
        (
            "duration",
            "La durée doit respecter les limites de l’appel.",
        ),
    ] {
        assert!(
            page.body.contains(&format!(
                "id=\"f-{field}-warning\"><span class=\"visually-hidden\">À revoir\u{202f}: </span>{message}"
            )),
            "{field}: {}",
            page.body
        );
        assert!(page.body.contains(&format!("<a href=\"#f-{field}\">")));
    }
    assert!(
        page.body
            .contains("aria-describedby=\"f-summary-hint f-summary-counter f-summary-warning\"")
    );
    // The counters count what is saved: 11 lines of 10, and the characters left.
    // French groups thousands with a narrow no-break space.
    let left = 3_000 - eleven.chars().count();
    assert!(page.body.contains(&format!(
        "Il reste {}\u{202f}{:03} caractères · 11 lignes sur 10",
        left / 1000,
        left % 1000
    )));
    assert!(page.body.contains("/static/forms.js"));
    // Filing is refused while the rules are broken.
    let review = qc.get(&format!("/projects/{id}/review")).await;
    assert!(review.body.contains("Le résumé dépasse dix lignes."));
    assert!(!review.body.contains("Déposer mon volet</button>"));
    // Fixed, the save goes back to the project, and the form has no warning left.
    let r = post(
        &mut qc,
        &format!("/projects/{id}/edit"),
        &[
            ("title", "Règles de l’appel"),
            ("summary", "Deux lignes.\nPas plus."),
            ("themes", &theme),
            ("duration", "18"),
            ("renewal", "no"),
            ("objectives", "Partager les méthodes."),
        ],
    )
    .await;
    assert_eq!(r.location(), Some(format!("/projects/{id}").as_str()));
    let page = qc.get(&format!("/projects/{id}/edit")).await;
    assert!(!page.body.contains("field-warning") && !page.body.contains("summary-of-warnings"));
}

/// A text over its length is refused at the field with the text kept, never cut.
#[tokio::test]
async fn a_title_over_its_length_is_refused_with_the_text_kept() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Longueur").await;
    let long = "é".repeat(301);
    let r = post(
        &mut qc,
        &format!("/projects/{id}/edit"),
        &[
            ("title", &long),
            ("summary", "Une ligne."),
            ("renewal", "no"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("value=\"{long}\"")));
    assert!(r.body.contains("1 caractère de trop"), "{}", r.body);
    assert!(!r.body.contains("maxlength"));
}

#[tokio::test]
async fn filing_goes_through_a_review_that_links_each_problem_to_its_field() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Relecture").await;
    // The project page leads to the review, not straight to filing.
    let page = qc.get(&format!("/projects/{id}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/projects/{id}/review\""))
    );
    assert!(
        !page
            .body
            .contains(&format!("action=\"/projects/{id}/file\""))
    );
    // Not paired yet: the review says why it cannot be filed, links to where it is fixed, and
    // offers no filing button.
    let review = qc.get(&format!("/projects/{id}/review")).await;
    assert_eq!(review.status, StatusCode::OK);
    assert!(
        review.contains_text("Il faut un partenaire de chaque côté"),
        "{}",
        review.body
    );
    assert!(
        review
            .body
            .contains(&format!("href=\"/projects/{id}/invite\""))
    );
    assert!(
        !review
            .body
            .contains(&format!("action=\"/projects/{id}/file\""))
    );
    // Paired: what will be filed, what happens next and until when, and the button.
    let _wb = pair(&app, &mut qc, id).await;
    let review = qc.get(&format!("/projects/{id}/review")).await;
    for part in [
        "Ce qui sera déposé",
        "Relecture",
        "Partager les méthodes.",
        "Après le dépôt",
        "c’est la dernière version déposée qui est examinée",
    ] {
        assert!(review.contains_text(part), "{part:?} in {}", review.body);
    }
    assert!(
        review
            .body
            .contains(&format!("action=\"/projects/{id}/file\""))
    );
    // Another applicant is told there is nothing there.
    let mut other = app.browser();
    other.login_demo("porteur01.wb@demo.passerelle.test").await;
    assert_eq!(
        other.get(&format!("/projects/{id}/review")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_invitation_names_who_invites_to_what_until_when_and_both_leads_hear_of_the_partner() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Invitation").await;
    // The partner is of the other side: never oneself, never an account of one's own side.
    for (address, message) in [
        (QC, "Vous ne pouvez pas vous inviter vous-même"),
        (
            "porteur01.qc@demo.passerelle.test",
            "Cette adresse appartient à un compte de votre partie",
        ),
    ] {
        let r = post(
            &mut qc,
            &format!("/projects/{id}/invite"),
            &[("email", address)],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{address}");
        assert!(r.contains_text(message), "{}", r.body);
        assert!(
            r.body.contains(&format!("value=\"{address}\"")),
            "what was typed stays"
        );
    }
    // The invitation says who invites, to which project and call, and until when the partner
    // can file, in the partner's zone (Brussels for Wallonia-Brussels).
    let _wb = pair(&app, &mut qc, id).await;
    let (subject, text) = app.last_email(WB).await;
    assert!(
        subject.contains(&crate::helpers::fr("« Invitation »")),
        "{subject}"
    );
    let inviter = app
        .scalar_text_value(&format!("select name from users where email = '{QC}'"))
        .await;
    for part in [
        inviter.as_str(),
        "(heure de Bruxelles)",
        "comme partenaire pour Wallonie-Bruxelles",
    ] {
        assert!(
            crate::helpers::flat(&text).contains(part),
            "{part:?} in {text}"
        );
    }
    // The lead hears that the partner joined, then that they filed.
    let (subject, _) = app.last_email(QC).await;
    assert!(
        subject.contains("Votre partenaire a rejoint le projet"),
        "{subject}"
    );
    let mut wb = app.browser();
    wb.login_demo(WB).await;
    assert_eq!(file(&mut wb, id).await.status, StatusCode::SEE_OTHER);
    let (subject, text) = app.last_email(QC).await;
    assert!(
        subject.contains("Votre partenaire a déposé son volet"),
        "{subject}"
    );
    assert!(
        text.contains(&format!("/projects/{id}")),
        "the link to the project"
    );
}

/// Rule (issue 13, emails): one chooses the notifications one receives under the account;
/// a lead who turned off the partner's activity no longer hears of it, but still gets what a
/// procedure requires (the acknowledgement of receipt), greeted by name, with one link.
#[tokio::test]
async fn a_lead_may_turn_off_the_partners_activity_but_never_the_receipt() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Préférences").await;
    let page = qc.get("/account/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    let ticked = crate::helpers::form_fields(&page.body, "/account/notifications");
    assert_eq!(
        ticked
            .iter()
            .filter(|(k, _)| k == "topic")
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>(),
        ["reminders", "partner_activity"],
        "every notification is on until turned off"
    );
    assert!(
        page.contains_text("accusés de réception"),
        "what is always sent is said"
    );
    let partner_news = format!(
        "select count(*) from email_outbox where to_address = '{QC}' and subject like 'Votre partenaire%'"
    );
    // On: the partner's joining is told, with why and where to turn it off.
    let mut wb = pair(&app, &mut qc, id).await;
    assert_eq!(app.scalar_text(&partner_news).await, 1);
    let (_, text) = app.last_email(QC).await;
    assert!(text.contains("/account/notifications"), "{text}");
    assert!(text.contains("activité de votre partenaire"), "{text}");

    // An unknown topic is refused at the field; nothing is saved.
    let r = qc
        .post("/account/notifications", &[("topic", "evil")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.scalar("select count(*) from notification_opt_outs")
            .await,
        0
    );
    let r = qc
        .post("/account/notifications", &[("topic", "reminders")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = qc.get("/account/notifications?saved=1").await;
    assert!(page.contains_text("Vos choix de notifications sont enregistrés"));
    let ticked = crate::helpers::form_fields(&page.body, "/account/notifications");
    assert!(!ticked.contains(&("topic".into(), "partner_activity".into())));

    // Off: the partner's filing is not told.
    assert_eq!(file(&mut wb, id).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text(&partner_news).await,
        1,
        "no news of the filing"
    );
    // The receipt is required: it arrives, greeting the lead by name, with its one link.
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    let name = app
        .scalar_text_value(&format!("select name from users where email = '{QC}'"))
        .await;
    let (subject, text) = app.last_email(QC).await;
    assert!(subject.contains("Préférences"), "{subject}");
    assert!(text.starts_with(&format!("Bonjour {name},")), "{text}");
    assert!(text.contains("Voir l’accusé de réception"), "{text}");
    assert!(
        !text.contains("/account/notifications"),
        "not a notification one may turn off"
    );
}
