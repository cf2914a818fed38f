//! The Grands Rendez-vous' call for candidates (issue 14, item 2): a public page with an
//! "apply" button; a candidacy kept as typed (autosaved), reviewed, filed before the candidate's
//! own side's deadline with a signed receipt — the same submission, deadline and receipt as a
//! CMP half's; consent to a public announcement apart, optional, withdrawable, stored with its
//! wording, language and time; nobody but the author and their side's officers reads it.

use axum::http::{Method, StatusCode};
use passerelle::submissions::receipt;

use crate::helpers::{TestApp, hidden_fields, post_owned};

const WB: &str = "charge.wb@demo.passerelle.test";
const QC: &str = "charge.qc@demo.passerelle.test";
const CANDIDATE: &str = "demandeur.qc@demo.passerelle.test";
const OTHER: &str = "porteur01.qc@demo.passerelle.test";
const DAY: i64 = 86_400_000;

async fn side(app: &TestApp, code: &str) -> String {
    app.scalar_text(&format!("select id from sides where code = '{code}'"))
        .await
        .to_string()
}

/// `ms` as a form's local date-time in `zone`.
fn local(ms: i64, zone: &str) -> String {
    passerelle::submissions::deadline::to_local_input(ms, zone)
}

fn day(ms: i64) -> String {
    local(ms, "UTC")[..10].to_string()
}

pub(crate) async fn signed_in(app: &TestApp, email: &str) -> TestApp {
    let mut b = app.browser();
    b.login_demo(email).await;
    b
}

/// A 5th edition whose call is open now: each side closes 20 days from now, at the same
/// instant (17:00 in neither zone, on purpose: the instant is what counts).
async fn open_edition(app: &TestApp) -> (String, i64) {
    open_edition_with(app, (8, 7)).await
}

/// [`open_edition`] with these places for WB and QC.
pub(crate) async fn open_edition_with(app: &TestApp, places: (i64, i64)) -> (String, i64) {
    let (edition, deadline) = approved_edition_with(app, places).await;
    let id = edition.rsplit('/').next().unwrap().to_string();
    // Both sides ask for the call to open.
    for who in [WB, QC] {
        let r = signed_in(app, who)
            .await
            .approve(&format!("{edition}/advance"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grv_editions where id = {id} and state = 'call_open'"
        ))
        .await,
        1
    );
    (id, deadline)
}

/// The same 5th edition drafted by WBI and approved by Québec, its call not yet open: (its
/// officers' page, the deadline to the minute it was typed).
async fn approved_edition(app: &TestApp) -> (String, i64) {
    approved_edition_with(app, (8, 7)).await
}

async fn approved_edition_with(app: &TestApp, places: (i64, i64)) -> (String, i64) {
    let now = app.db.db.now_ms();
    let deadline = now + 20 * DAY;
    let (wb, qc) = (side(app, "WB").await, side(app, "QC").await);
    let fields: Vec<(String, String)> = [
        ("number", "5".to_string()),
        ("title_fr", "5es Grands Rendez-vous".into()),
        ("title_en", "5th Grands Rendez-vous".into()),
        ("theme_fr", "Économie sociale".into()),
        ("theme_en", "Social economy".into()),
        ("format", "online".into()),
        ("place", String::new()),
        ("starts_on", day(now + 40 * DAY)),
        ("ends_on", day(now + 160 * DAY)),
        ("host", wb.clone()),
        (&format!("places_{wb}"), places.0.to_string()),
        (&format!("places_{qc}"), places.1.to_string()),
        (
            &format!("deadline_{wb}"),
            local(deadline, "Europe/Brussels"),
        ),
        (
            &format!("deadline_{qc}"),
            local(deadline, "America/Toronto"),
        ),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.clone()))
    .collect();
    let mut wbo = signed_in(app, WB).await;
    let r = post_owned(&mut wbo, "/grv/editions/new", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let edition = r.location().unwrap().to_string();
    let r = signed_in(app, QC)
        .await
        .approve(&format!("{edition}/approve"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // The deadline is stored to the minute it was typed.
    (edition, deadline - deadline % 60_000)
}

pub(crate) fn answers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "team"),
        ("team", "Awa Diallo\n\tLéo Martin  \n"),
        ("organisation", ""),
        ("idea_title", "Compost\tsolidaire"),
        (
            "idea_summary",
            "Une coopérative de compostage\npour les quartiers.",
        ),
        ("theme", "Économie circulaire"),
        ("motivation", "Réduire les déchets de 30 %."),
        ("availability", "Les mardis et jeudis soir."),
    ]
}

#[tokio::test]
async fn a_candidate_applies_keeps_a_draft_reviews_files_with_a_signed_receipt_and_files_once() {
    let app = TestApp::spawn_demo().await;
    let (edition, _) = open_edition(&app).await;
    let call = format!("/grands-rendez-vous/{edition}");
    // Public: anyone reads the call and is asked to sign in to apply.
    let mut anon = app.browser();
    let page = anon.get(&call).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains_text("Se connecter pour candidater"));
    assert!(page.contains_text("Économie sociale"));

    let mut c = signed_in(&app, CANDIDATE).await;
    let page = c.get(&call).await;
    assert!(
        page.body.contains(&format!("{call}/apply")),
        "the apply button"
    );
    let r = c.post(&format!("{call}/apply"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let form = r.location().unwrap().to_string();
    let id: i64 = form.rsplit('/').next().unwrap().parse().unwrap();
    // Applying twice (a double click, a second tab) opens the same candidacy.
    let r = c.post(&format!("{call}/apply"), &[]).await;
    assert_eq!(r.location(), Some(form.as_str()));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from submissions where id = {id} and kind = 'grv_candidacy'"
        ))
        .await,
        1,
        "a candidacy is a submission"
    );

    // Autosave keeps a partial draft as typed (204, nothing refused for being incomplete).
    let csrf = c.csrf().await;
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", csrf.as_str()),
            ("idea_title", "Compost"),
            ("kind", ""),
        ])
        .finish();
    let r = c
        .request(Method::POST, &form, Some(body), &[("x-autosave", "1")])
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let page = c.get(&form).await;
    assert!(
        page.body.contains("value=\"Compost\""),
        "the draft is shown as typed"
    );

    // Filing an incomplete candidacy files nothing and says what is missing, at its field.
    let review = format!("/candidacies/{id}/review");
    let page = c.get(&review).await;
    assert!(page.contains_text("À compléter avant le dépôt"));
    assert!(
        page.body
            .contains(&format!("/candidacies/{id}#f-motivation"))
    );
    // (The page has no filing button; a hand-made request is refused all the same.)
    let r = c
        .post(&format!("/candidacies/{id}/file"), &[("version", "0")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("La candidature est incomplète"));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from receipts where submission_id = {id}"
        ))
        .await,
        0
    );

    // Complete, then filed once even when the button is pressed twice.
    let r = c.post(&form, &answers()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), Some(review.as_str()));
    let page = c.get(&review).await;
    assert!(!page.contains_text("À compléter avant le dépôt"));
    assert!(
        page.contains_text("Awa Diallo, Léo Martin"),
        "one name per line, trimmed"
    );
    assert!(
        page.contains_text("Compost solidaire"),
        "a tab in a one-line field is a space"
    );
    let button = filing_fields(&mut c, id).await;
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let filed = r.location().unwrap().to_string();
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "the second click files nothing"
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from receipts where submission_id = {id}"
        ))
        .await,
        1
    );

    // The receipt: signed with the key every receipt is signed with, naming the candidacy, its
    // edition and side, both zones' times, and the hash of exactly what was filed.
    let page = c.get(&filed).await;
    assert!(page.contains_text("Votre candidature est déposée"));
    assert!(page.contains_text("Version 1 de votre candidature aux 5es Grands Rendez-vous"));
    let field = |name: &str| {
        let start = page.body.find(&format!("data-{name}>")).unwrap() + name.len() + 6;
        let end = start + page.body[start..].find("</pre>").unwrap();
        html_escape(&page.body[start..end])
    };
    let (payload, signature) = (field("payload"), field("signature"));
    let key = anon.get("/receipts/public-key").await.body;
    let key = key.trim().trim_start_matches("ed25519 ");
    assert!(receipt::verify(key, &payload, &signature));
    let p: receipt::Payload = serde_json::from_str(&payload).unwrap();
    assert_eq!(p.kind, "grv_candidacy");
    assert_eq!(
        (p.submission_id, p.subject_id, p.version),
        (id, edition.parse().unwrap(), 1)
    );
    assert_eq!(p.side, "QC");
    assert_eq!(p.submitted_at_local.len(), 2, "both zones' local times");
    let content = app
        .scalar_text_value(&format!(
            "select content from receipts where submission_id = {id}"
        ))
        .await;
    assert_eq!(receipt::sha256_hex(content.as_bytes()), p.content_sha256);
    assert!(content.contains("Compost solidaire") && !content.contains("consent"));
    let (subject, body) = app.last_email(CANDIDATE).await;
    assert!(subject.contains("Candidature déposée"), "{subject}");
    assert!(body.contains("Version 1"), "{body}");
}

/// The hidden fields of the review page's filing button, as the candidate's browser posts them.
pub(crate) async fn filing_fields(c: &mut TestApp, id: i64) -> Vec<(String, String)> {
    let page = c.get(&format!("/candidacies/{id}/review")).await;
    let fields = hidden_fields(&page.body, &format!("/candidacies/{id}/file"));
    assert!(
        fields.iter().any(|(k, _)| k == "seen"),
        "a filing button: {}",
        page.text()
    );
    fields
}

fn html_escape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x22;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
}

#[tokio::test]
async fn a_candidacy_is_its_authors_and_its_sides_officers_and_closes_at_its_sides_deadline() {
    let app = TestApp::spawn_demo().await;
    let (edition, deadline) = open_edition(&app).await;
    let call = format!("/grands-rendez-vous/{edition}");
    let mut c = signed_in(&app, CANDIDATE).await;
    let r = c.post(&format!("{call}/apply"), &[]).await;
    let form = r.location().unwrap().to_string();
    let id: i64 = form.rsplit('/').next().unwrap().parse().unwrap();
    let review = format!("/candidacies/{id}/review");
    // A draft is its author's alone: not even their side's officers read it.
    let mut qc = signed_in(&app, QC).await;
    assert_eq!(qc.get(&review).await.status, StatusCode::NOT_FOUND);
    let mut other = signed_in(&app, OTHER).await;
    assert_eq!(other.get(&review).await.status, StatusCode::NOT_FOUND);
    let r = other.post(&form, &answers()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "nor changed by them");
    // The programme's officers run the call; they do not apply to it.
    let r = signed_in(&app, QC)
        .await
        .post(&format!("{call}/apply"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // Filed, its side's officers read it as filed — not what the author changes afterwards;
    // the other side's officers do not (until the sides meet), nor another applicant.
    let r = c.post(&form, &answers()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let button = filing_fields(&mut c, id).await;
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let mut changed = answers();
    changed.retain(|(k, _)| *k != "idea_title");
    changed.push(("idea_title", "Idée jamais déposée"));
    assert_eq!(c.post(&form, &changed).await.status, StatusCode::SEE_OTHER);
    assert!(
        c.get(&review)
            .await
            .contains_text("depuis son dernier dépôt")
    );
    let page = qc.get(&review).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains_text("Compost solidaire") && !page.contains_text("jamais déposée"));
    assert!(
        !page
            .body
            .contains(&format!("action=\"/candidacies/{id}/file\""))
    );
    assert_eq!(
        qc.get(&form).await.location(),
        Some(review.as_str()),
        "the form is the author's"
    );
    assert_eq!(
        signed_in(&app, WB).await.get(&review).await.status,
        StatusCode::NOT_FOUND
    );
    // The side's deadline counts: its last minute still files (version 2), not a millisecond
    // after it.
    let now = app.db.db.now_ms();
    app.advance_clock(deadline - 60_000 - now);
    // Twenty days on, the session has expired: the candidate signs in again.
    let mut c = signed_in(&app, CANDIDATE).await;
    let button = filing_fields(&mut c, id).await;
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "filed in the last minute: {}",
        r.text()
    );
    assert_eq!(r.location(), Some(format!("{review}?filed=1").as_str()));
    // The review as it stands in that last minute: version 2 could be filed again…
    let button = filing_fields(&mut c, id).await;
    app.advance_clock(deadline + 1 - app.db.db.now_ms());
    let r = c.post(&form, &answers()).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "closed a millisecond later");
    assert!(r.contains_text("L’appel de votre partie est clos"));
    assert!(r.body.contains("Awa Diallo"), "what was typed is kept");
    // …but not a millisecond after the deadline.
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "nor filed again");
    assert!(r.contains_text("L’appel de votre partie est clos"));
    assert_eq!(
        app.scalar_text(&format!(
            "select max(version) from receipts where submission_id = {id}"
        ))
        .await,
        2
    );
    let page = c.get(&call).await;
    assert!(!page.body.contains(&format!("{call}/apply")));
}

#[tokio::test]
async fn consent_to_a_public_announcement_is_apart_optional_withdrawable_and_kept_with_its_wording()
{
    let app = TestApp::spawn_demo().await;
    let (edition, _) = open_edition(&app).await;
    let mut c = signed_in(&app, CANDIDATE).await;
    let r = c
        .post(&format!("/grands-rendez-vous/{edition}/apply"), &[])
        .await;
    let id: i64 = r
        .location()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let review = format!("/candidacies/{id}/review");
    let page = c.get(&review).await;
    assert!(
        page.contains_text("J’y consens"),
        "offered, not given by default"
    );
    let consent = format!("/candidacies/{id}/consent");
    assert!(
        hidden_fields(&page.body, &consent)
            .iter()
            .any(|(k, v)| k == "given" && v == "yes")
    );
    let r = c.post(&consent, &[("given", "yes")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let stored = app
        .scalar_text_value(&format!(
            "select given || '|' || language || '|' || wording from grv_consents where candidacy_id = {id}"
        ))
        .await;
    // In the candidate's language as shown (a Québec account reads fr-CA).
    assert!(
        stored.starts_with("1|fr-CA|J’accepte que mon nom"),
        "{stored}"
    );
    assert!(stored.contains("5es Grands Rendez-vous"));
    let page = c.get(&review).await;
    assert!(page.contains_text("Consentement donné le"));
    let r = c.post(&consent, &[("given", "no")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text(&format!(
            "select given from grv_consents where candidacy_id = {id} order by id desc limit 1"
        ))
        .await,
        0,
        "the latest choice stands"
    );
    // Nobody else decides it, not even the officers who read the filed candidacy.
    let form = format!("/candidacies/{id}");
    assert_eq!(
        c.post(&form, &answers()).await.status,
        StatusCode::SEE_OTHER
    );
    let button = filing_fields(&mut c, id).await;
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut qc = signed_in(&app, QC).await;
    assert_eq!(qc.get(&review).await.status, StatusCode::OK);
    let r = qc.post(&consent, &[("given", "yes")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Nor changes or files it.
    assert_eq!(
        qc.post(&form, &answers()).await.status,
        StatusCode::FORBIDDEN
    );
    let r = post_owned(&mut qc, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grv_consents where candidacy_id = {id}"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn a_review_left_open_files_nothing_the_candidate_has_not_seen() {
    let app = TestApp::spawn_demo().await;
    let (edition, _) = open_edition(&app).await;
    let mut c = signed_in(&app, CANDIDATE).await;
    let r = c
        .post(&format!("/grands-rendez-vous/{edition}/apply"), &[])
        .await;
    let form = r.location().unwrap().to_string();
    let id: i64 = form.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(
        c.post(&form, &answers()).await.status,
        StatusCode::SEE_OTHER
    );
    // The review is open in one tab; another tab changes the idea meanwhile.
    let button = filing_fields(&mut c, id).await;
    let mut other_tab = answers();
    other_tab.retain(|(k, _)| *k != "idea_title");
    other_tab.push(("idea_title", "Une autre idée"));
    assert_eq!(
        c.post(&form, &other_tab).await.status,
        StatusCode::SEE_OTHER
    );
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("Rien n’a été déposé"));
    assert_eq!(
        app.scalar_text_value(&format!(
            "select state || ':' || cast(version as text) from grv_candidacies where id = {id}"
        ))
        .await,
        "draft:0",
        "the refused filing left the candidacy as it was"
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from receipts where submission_id = {id}"
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn an_edition_without_every_sides_deadline_neither_stands_nor_opens_its_call() {
    let app = TestApp::spawn_demo().await;
    // The 4th edition, drafted by Québec, as if drafted before deadlines existed.
    let id = app
        .scalar("select max(id) from grv_editions where state = 'draft'")
        .await;
    app.exec_text(&format!(
        "update grv_edition_places set deadline_at = null, time_zone = '' where edition_id = {id}"
    ))
    .await;
    let mut wb = signed_in(&app, WB).await;
    let r = wb.approve(&format!("/grv/editions/{id}/approve")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("doit d’abord être complétée"));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grv_edition_approvals where edition_id = {id} and side_id = (select id from sides where code = 'WB')"
        ))
        .await,
        0
    );
    // An edition that stood before deadlines existed: its call does not open.
    let (edition, _) = approved_edition(&app).await;
    let id = edition.rsplit('/').next().unwrap().to_string();
    app.exec_text(&format!(
        "update grv_edition_places set deadline_at = null, time_zone = '' where edition_id = {id}"
    ))
    .await;
    for who in [WB, QC] {
        let r = signed_in(&app, who)
            .await
            .approve(&format!("{edition}/advance"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.contains_text("une partie n’a pas de date de clôture"));
    }
    assert_eq!(
        app.scalar_text_value(&format!("select state from grv_editions where id = {id}"))
            .await,
        "approved"
    );
}

#[tokio::test]
async fn every_half_and_every_candidacy_is_a_submission_of_its_kind() {
    let app = TestApp::spawn_demo().await;
    assert_eq!(
        app.scalar(
            "select count(*) from project_halves h left join submissions s
             on s.id = h.id and s.kind = 'cmp_half' and s.side_id = h.side_id where s.id is null"
        )
        .await,
        0
    );
    assert_eq!(
        app.scalar(
            "select count(*) from grv_candidacies c left join submissions s
             on s.id = c.id and s.kind = 'grv_candidacy' and s.side_id = c.side_id where s.id is null"
        )
        .await,
        0
    );
    assert!(app.scalar("select count(*) from grv_candidacies").await > 0);
    assert!(app.scalar("select count(*) from project_halves").await > 0);
}
