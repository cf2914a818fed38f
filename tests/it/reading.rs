//! Reading what is evaluated (issue 10, "filing freezes": what a receipt signs is what the
//! evaluators read). The evaluator's page shows the filed application beside the form; a
//! third-party HTML parser reads it back, the content is rebuilt from what the page shows alone,
//! and it must hash to the receipt's SHA-256 — any field left out, altered or taken from a live
//! draft breaks the equality.

use axum::http::{Method, StatusCode};
use passerelle::projects::{
    AttachmentRow, Half, HalfState, Mission, filing::FiledContent, receipt,
};
use scraper::{ElementRef, Html, Selector};

use crate::helpers::{TestApp, multipart};
use crate::projects::{file, open_call, pair, post};

const QC_LEAD: &str = "demandeur.qc@demo.passerelle.test";
const QC_OFFICER: &str = "charge.qc@demo.passerelle.test";
const QC_EVALUATOR: &str = "evaluateur.qc@demo.passerelle.test";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The one element of `scope` marked `data-field="name"` (none or two would be a page that
/// does not say one thing).
fn field<'a>(scope: ElementRef<'a>, name: &str) -> ElementRef<'a> {
    let found: Vec<_> = scope
        .select(&sel(&format!("[data-field=\"{name}\"]")))
        .collect();
    assert_eq!(found.len(), 1, "one {name} on the page");
    found[0]
}

/// The text a reader sees in `e`; a value marked empty is the empty text.
fn text(e: ElementRef) -> String {
    if e.value().attr("data-empty").is_some() {
        String::new()
    } else {
        e.text().collect()
    }
}

fn attr<'a>(e: ElementRef<'a>, name: &str) -> &'a str {
    e.value()
        .attr(name)
        .unwrap_or_else(|| panic!("{name} on {}", e.html()))
}

fn int(s: &str) -> i64 {
    s.parse().unwrap_or_else(|_| panic!("a number: {s:?}"))
}

/// An instant shown in `<time datetime>` (RFC 3339) as milliseconds.
fn instant(e: ElementRef) -> i64 {
    attr(e, "datetime")
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_millisecond()
}

async fn upload(lead: &mut TestApp, project: i64, name: &str, bytes: &[u8]) {
    let csrf = lead.csrf().await;
    let (ct, body) = multipart(name, bytes);
    let r = lead
        .request_bytes(
            Method::POST,
            &format!("/projects/{project}/attachments?csrf={csrf}"),
            body,
            &ct,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// The filed content as the page shows it, rebuilt from the page alone.
fn rebuild(page: &Html) -> FiledContent {
    let app = page.select(&sel("article.application")).next().unwrap();
    let half = app.select(&sel("section.filed-half")).next().unwrap();
    let optional = |name: &str, read: &dyn Fn(ElementRef) -> String| {
        let found: Vec<_> = half
            .select(&sel(&format!("[data-field=\"{name}\"]")))
            .collect();
        found.first().map(|e| read(*e))
    };
    FiledContent {
        project_id: int(attr(app, "data-project")),
        call_id: int(attr(app, "data-call")),
        title: text(field(app, "title")),
        summary: text(field(app, "summary")),
        duration_months: {
            let d = field(app, "duration_months");
            d.value().attr("value").map(int)
        },
        is_renewal: attr(field(app, "is_renewal"), "value") == "true",
        earlier_results: text(field(app, "earlier_results")),
        multilateral_links: text(field(app, "multilateral_links")),
        context: text(field(app, "context")),
        objectives: text(field(app, "objectives")),
        plan: text(field(app, "plan")),
        theme_ids: field(app, "themes")
            .select(&sel("data"))
            .map(|d| int(attr(d, "value")))
            .collect(),
        half: Half {
            id: int(attr(half, "data-half")),
            side_id: int(attr(half, "data-side")),
            side_code: attr(half, "data-side-code").to_string(),
            organisation_id: int(attr(half, "data-organisation")),
            organisation_name: text(field(half, "organisation_name")),
            organisation_kind: attr(field(half, "organisation_kind"), "value").to_string(),
            lead_user_id: int(attr(half, "data-lead")),
            lead_name: text(field(half, "lead_name")),
            lead_email: text(field(half, "lead_email")),
            lead_role: text(field(half, "lead_role")),
            associated_partners: text(field(half, "associated_partners")),
            state: HalfState::parse(attr(field(half, "state"), "value")).unwrap(),
            version: int(attr(field(half, "version"), "value")),
            submitted_at: Some(instant(field(half, "submitted_at"))),
            extension_until: optional("extension_until", &|e| instant(e).to_string())
                .map(|s| int(&s)),
            admissibility: optional("admissibility", &|e| attr(e, "value").to_string()),
            admissibility_reason: optional("admissibility_reason", &|e| text(e)),
            // Not part of what is filed.
            changed_at: None,
        },
        missions: app
            .select(&sel("tr[data-mission]"))
            .map(|tr| Mission {
                id: int(attr(tr, "data-mission")),
                from_side_id: int(attr(field(tr, "from_side_id"), "value")),
                to_side_id: int(attr(field(tr, "to_side_id"), "value")),
                travellers: int(attr(field(tr, "travellers"), "value")),
                starts_on: attr(field(tr, "starts_on"), "datetime").to_string(),
                days: int(attr(field(tr, "days"), "value")),
                purpose: text(field(tr, "purpose")),
            })
            .collect(),
        attachments: app
            .select(&sel("li[data-attachment]"))
            .map(|li| AttachmentRow {
                id: int(attr(li, "data-attachment")),
                half_id: int(attr(li, "data-half")),
                storage_key: String::new(),
                filename: text(field(li, "filename")),
                content_type: text(field(li, "content_type")),
                size: int(attr(field(li, "size"), "value")),
                sha256: text(field(li, "sha256")),
            })
            .collect(),
    }
}

/// Issue 10, acceptance: "a test renders the evaluator's page, rebuilds the receipt content from
/// what it shows, and checks it hashes to the receipt's hash". The application is filed with
/// odd input everywhere (markup, quotes, tabs, CRLF line breaks as browsers send them, emoji,
/// a file name with guillemets and accents), filed again as version 2, then reopened as a draft nobody
/// else may read: the evaluator reads exactly version 2, the signed receipt verifies, and the
/// file downloads with the bytes its fingerprint names.
#[tokio::test]
async fn the_evaluators_page_shows_exactly_what_the_receipt_signs() {
    let app = TestApp::spawn_demo().await;
    let call = open_call(&app).await;
    let mut qc = app.browser();
    qc.login_demo(QC_LEAD).await;
    let org = app
        .scalar("select min(o.id) from organisations o join sides s on s.id = o.side_id where s.code = 'QC'")
        .await
        .to_string();
    let r = post(
        &mut qc,
        &format!("/calls/{call}/apply"),
        &[("title", "Berges"), ("organisation", &org)],
    )
    .await;
    let id = int(r.location().unwrap().rsplit('/').next().unwrap());
    let theme = app
        .scalar_text(&format!(
            "select min(theme_id) from call_themes where call_id = {call}"
        ))
        .await
        .to_string();
    let project = |title: &'static str| {
        vec![
            ("title", title),
            (
                "summary",
                "Ligne 1\r\nLigne\t2 « guillemets » & <i>balises</i>",
            ),
            ("duration", "24"),
            ("renewal", "yes"),
            ("earlier_results", "Résultats :\r\n\r\n- un\n- deux"),
            ("multilateral_links", ""),
            ("context", "<script>alert('x')</script> & \"citation\""),
            ("objectives", "Objectif 🌊\u{0} sans NUL"),
            ("plan", "Mois 1–6 :\tterrain\r\nMois 7–24 : analyse"),
        ]
    };
    let mut fields = project("Berges « vives » <b>&</b> l'érosion");
    fields.push(("themes", theme.as_str()));
    assert_eq!(
        post(&mut qc, &format!("/projects/{id}/edit"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let r = post(
        &mut qc,
        &format!("/projects/{id}/half"),
        &[
            ("organisation", &org),
            ("lead_role", "Professeure\ttitulaire"),
            ("associated_partners", "Labo A\r\nLabo B <ULaval>"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let direction = app
        .scalar_text_value(
            "select cast(q.id as text) || '-' || cast(w.id as text) from sides q, sides w
             where q.code = 'QC' and w.code = 'WB'",
        )
        .await;
    let r = post(
        &mut qc,
        &format!("/projects/{id}/missions/new"),
        &[
            ("direction", &direction),
            ("travellers", "1"),
            ("starts_on", "2027-05-01"),
            ("days", "10"),
            ("purpose", "Relevés <terrain> & \"carottes\""),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    upload(&mut qc, id, "annexe «1» budget prévu.pdf", &pdf).await;
    let mut wb = pair(&app, &mut qc, id).await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    // Version 2, then a draft no one else may read.
    let reopen = format!("/projects/{id}/reopen");
    assert_eq!(
        post(&mut qc, &reopen, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let mut fields = project("Berges « vives », version 2");
    fields.push(("themes", theme.as_str()));
    post(&mut qc, &format!("/projects/{id}/edit"), &fields).await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        post(&mut qc, &reopen, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let mut fields = project("BROUILLON NON DÉPOSÉ");
    fields.push(("themes", theme.as_str()));
    post(&mut qc, &format!("/projects/{id}/edit"), &fields).await;
    upload(&mut qc, id, "brouillon.pdf", &pdf).await;
    // The WB partner files now: its receipt carries the shared content as it is (the QC draft's
    // title) — still not what the QC side filed, nor what the QC evaluator reads.
    assert_eq!(file(&mut wb, id).await.status, StatusCode::SEE_OTHER);

    // The QC side's evaluation: a grid, the QC evaluator assigned to the QC half — reopened
    // by its lead, its filed version 2 stands and is evaluated.
    let mut officer = app.browser();
    officer.login_demo(QC_OFFICER).await;
    let r = officer
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("criterion_fr", "Pertinence"),
                ("criterion_en", "Relevance"),
                ("criterion_weight", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let half = app
        .scalar_text(&format!(
            "select h.id from project_halves h join sides s on s.id = h.side_id
             where h.project_id = {id} and s.code = 'QC'"
        ))
        .await;
    let evaluator = app
        .scalar_text(&format!(
            "select id from users where email = '{QC_EVALUATOR}'"
        ))
        .await;
    let r = officer
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[
                ("half", &half.to_string()),
                ("evaluator", &evaluator.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let assignment = app
        .scalar_text(&format!(
            "select id from assignments where submission_id = {half}"
        ))
        .await;

    let mut ev = app.browser();
    ev.login_demo(QC_EVALUATOR).await;
    let page = ev.get(&format!("/evaluations/{assignment}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("BROUILLON") && !page.body.contains("brouillon.pdf"),
        "the lead's unfiled draft is not the evaluator's to read"
    );
    let list = ev.get("/evaluations").await;
    assert!(list.body.contains("version 2") && !list.body.contains("BROUILLON"));
    assert!(page.body.contains("name=\"score_"), "the form is beside it");
    let html = Html::parse_document(&page.body);
    let shown = rebuild(&html);
    let root = html.root_element();
    let shown_sha = text(field(root, "content_sha256"));
    let sha = receipt::sha256_hex(serde_json::to_string(&shown).unwrap().as_bytes());
    assert_eq!(
        sha, shown_sha,
        "what the page shows hashes to the receipt's hash"
    );
    let (version, stored_sha) = {
        let v = app
            .scalar_text(&format!(
                "select max(version) from receipts where submission_id = {half}"
            ))
            .await;
        let s = app
            .scalar_text_value(&format!(
                "select content_sha256 from receipts where submission_id = {half} and version = {v}"
            ))
            .await;
        (v, s)
    };
    assert_eq!((shown.half.version, sha.as_str()), (2, stored_sha.as_str()));
    assert_eq!(version, 2);
    assert_eq!(shown.title, "Berges « vives », version 2");
    assert_eq!(
        shown.summary, "Ligne 1\nLigne\t2 « guillemets » & <i>balises</i>",
        "line breaks are stored as typed, CRLF as LF"
    );
    assert_eq!(shown.objectives, "Objectif 🌊 sans NUL");
    // What a reader sees next to the exact values: names, not ids; both sides' clocks.
    let seen = |css: &str| -> String {
        html.select(&sel(css))
            .next()
            .map(|e| e.text().collect())
            .unwrap_or_default()
    };
    assert_eq!(seen("tr[data-mission] [data-field=from_side_id]"), "Québec");
    assert_eq!(
        seen("tr[data-mission] [data-field=to_side_id]"),
        "Wallonie-Bruxelles"
    );
    assert_eq!(
        seen("tr[data-mission] [data-field=starts_on]"),
        "1er mai 2027"
    );
    let filed_at = seen("[data-field=submitted_at]");
    assert!(
        filed_at.contains("heure du Québec") && filed_at.contains("heure de Bruxelles"),
        "{filed_at}"
    );
    assert!(
        !seen("[data-field=themes] data").is_empty(),
        "themes by name"
    );
    assert_eq!(seen("[data-field=is_renewal]"), "Renouvellement");
    let kind = seen("[data-field=organisation_kind]");
    assert!(
        !kind.is_empty() && !kind.starts_with("organisation-kind"),
        "{kind}"
    );
    assert_eq!(shown.attachments.len(), 1);
    // Stored names keep letters, digits and . - _ (accents included); the rest becomes _.
    assert_eq!(shown.attachments[0].filename, "annexe__1__budget_prévu.pdf");
    // The signed statement carries that hash and verifies offline with the public key.
    let payload = text(field(root, "payload"));
    let signature = text(field(root, "signature"));
    let public = ev.get("/receipts/public-key").await.body;
    let public = public.trim().trim_start_matches("ed25519 ");
    assert!(
        receipt::verify(public, &payload, &signature),
        "the receipt shown verifies"
    );
    let p: receipt::Payload = serde_json::from_str(&payload).unwrap();
    assert_eq!((p.content_sha256.as_str(), p.version), (sha.as_str(), 2));
    // The file downloads with the bytes its fingerprint names.
    let link = html
        .select(&sel("li[data-attachment] a"))
        .next()
        .map(|a| attr(a, "href").to_string())
        .unwrap();
    let r = ev.get(&link).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(
        receipt::sha256_hex(&ev.get_bytes(&link).await),
        shown.attachments[0].sha256
    );
    // Not a file of the draft, nor for another evaluator.
    let draft_file = app
        .scalar_text(&format!(
            "select max(id) from attachments where half_id = {half}"
        ))
        .await;
    assert_eq!(
        ev.get(&format!("/evaluations/{assignment}/files/{draft_file}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Nor for the side's officer: a reopened half shows its filed version's files.
    assert_eq!(
        officer
            .get(&format!("/attachments/{draft_file}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let filed_file = shown.attachments[0].id;
    assert_eq!(
        officer
            .get(&format!("/attachments/{filed_file}"))
            .await
            .status,
        StatusCode::OK
    );
    let mut other = app.browser();
    other.login_demo("evaluateur.wb@demo.passerelle.test").await;
    assert_eq!(other.get(&link).await.status, StatusCode::NOT_FOUND);
    // Issue 12: the PDF is previewed beside the form — shown inline, framable by our own pages
    // only — while the plain link still downloads it.
    let preview = html
        .select(&sel("details.preview iframe"))
        .next()
        .map(|f| attr(f, "src").to_string())
        .expect("a PDF preview beside the form");
    assert_eq!(preview, format!("{link}?view=inline"));
    let r = ev.get(&preview).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.header("content-disposition")
            .unwrap()
            .starts_with("inline;")
    );
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert!(
        r.header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'self'")
    );
    assert_eq!(r.header("x-frame-options"), Some("SAMEORIGIN"));
    // Every other page still refuses to be framed.
    assert_eq!(page.header("x-frame-options"), Some("DENY"));

    // Issue 12: the whole application as filed, for everyone who decides on it on that side —
    // the side's commission member and officer read the QC half's filed version 2, never the
    // draft, never the other side's half (rule 4).
    let application = format!("/projects/{id}/application");
    for account in ["commission.qc", "charge.qc"] {
        let mut b = app.browser();
        b.login_demo(&format!("{account}@demo.passerelle.test"))
            .await;
        let r = b.get(&application).await;
        assert_eq!(r.status, StatusCode::OK, "{account}");
        assert!(
            r.body.contains("version 2") && !r.body.contains("BROUILLON"),
            "{account}"
        );
        assert!(r.body.contains("data-side-code=\"QC\""), "{account}");
        assert!(
            !r.body.contains("data-side-code=\"WB\""),
            "{account}: not the WB half"
        );
        let file = format!("/projects/{id}/application/files/{filed_file}?view=inline");
        let f = b.get(&file).await;
        assert_eq!(f.status, StatusCode::OK, "{account}");
        assert!(
            f.header("content-disposition")
                .unwrap()
                .starts_with("inline;")
        );
    }
    let mut wb_member = app.browser();
    wb_member
        .login_demo("commission.wb@demo.passerelle.test")
        .await;
    let r = wb_member.get(&application).await;
    assert!(r.body.contains("data-side-code=\"WB\"") && !r.body.contains("data-side-code=\"QC\""));
    assert_eq!(
        wb_member
            .get(&format!("/projects/{id}/application/files/{filed_file}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "not the other side's files"
    );
    // The lead reads both halves as filed; an evaluator goes through their assignment only.
    let r = qc.get(&application).await;
    assert!(r.body.contains("data-side-code=\"WB\"") && r.body.contains("data-side-code=\"QC\""));
    assert_eq!(ev.get(&application).await.status, StatusCode::FORBIDDEN);
    // A conflict declared after the assignment ends the scoring and the reading.
    let r = ev
        .post(
            &format!("/calls/{call}/conflicts"),
            &[
                ("project", &id.to_string()),
                ("reason", "Ancienne directrice"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = ev.get(&format!("/evaluations/{assignment}")).await;
    assert!(page.contains_text("Vous avez déclaré un conflit d’intérêts"));
    assert!(!page.body.contains("data-field=\"content_sha256\""));
    assert_eq!(ev.get(&link).await.status, StatusCode::NOT_FOUND);
    let r = ev
        .post(&format!("/evaluations/{assignment}"), &[("intent", "save")])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}
