//! Joint projects, continued: attachments (checked by content, served as downloads to their
//! side only), organisations registered by applicants, the project page's progress.

use axum::http::StatusCode;
use passerelle::projects::receipt;

use crate::{
    helpers::{TestApp, TestResponse, multipart},
    projects::{QC, file, pair, post, start},
};

async fn upload(
    app: &mut TestApp,
    id: i64,
    name: &str,
    bytes: &[u8],
    with_token: bool,
) -> TestResponse {
    let csrf = app.csrf().await;
    let (content_type, body) = multipart(name, bytes);
    let path = if with_token {
        format!("/projects/{id}/attachments?csrf={csrf}")
    } else {
        format!("/projects/{id}/attachments")
    };
    app.request_bytes(axum::http::Method::POST, &path, body, &content_type)
        .await
}

const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

#[tokio::test]
async fn attachments_are_checked_by_content_and_served_only_as_downloads_to_their_side() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Pièces jointes").await;
    let r = upload(&mut qc, id, "../Budget 2030 (final).pdf", PDF, true).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = qc.get(&format!("/projects/{id}")).await;
    assert!(page.body.contains("Budget_2030__final_.pdf"));
    let aid = app.scalar("select max(id) from attachments").await;
    let d = qc.get(&format!("/attachments/{aid}")).await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.header("content-type"), Some("application/pdf"));
    assert!(
        d.header("content-disposition")
            .unwrap()
            .starts_with("attachment; filename=\"Budget_2030__final_.pdf\"")
    );
    assert_eq!(d.body, String::from_utf8_lossy(PDF));

    let mut officer_qc = app.browser();
    officer_qc
        .login_demo("charge.qc@demo.passerelle.test")
        .await;
    assert_eq!(
        officer_qc.get(&format!("/attachments/{aid}")).await.status,
        StatusCode::OK
    );
    let mut officer_wb = app.browser();
    officer_wb
        .login_demo("charge.wb@demo.passerelle.test")
        .await;
    assert_eq!(
        officer_wb.get(&format!("/attachments/{aid}")).await.status,
        StatusCode::NOT_FOUND,
        "the other side's officers"
    );

    // An executable named .pdf is refused with the reason; the draft is untouched.
    let r = upload(
        &mut qc,
        id,
        "budget.pdf",
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff",
        true,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Ce type de fichier n’est pas accepté"));
    assert!(
        r.body.contains("Deux laboratoires mesurent"),
        "the rest of the draft is kept"
    );
    // Without the token in the query string: refused.
    assert_eq!(
        upload(&mut qc, id, "b.pdf", PDF, false).await.status,
        StatusCode::FORBIDDEN
    );
    // Too large: refused from its announced length, before it is read.
    let big = vec![b'a'; 10 * 1024 * 1024 + 70 * 1024];
    let r = upload(&mut qc, id, "big.pdf", &big, true).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        r.body
            .contains("Le fichier dépasse la taille permise (10 Mo)")
    );
    assert_eq!(app.scalar("select count(*) from attachments").await, 1);

    // The filed content covers the file's hash.
    pair(&app, &mut qc, id).await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    let sha = receipt::sha256_hex(PDF);
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from receipts where content like '%{sha}%'"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn an_applicant_registers_an_organisation_on_their_own_side() {
    let app = TestApp::spawn_demo().await;
    let mut qc = app.browser();
    qc.login_demo(QC).await;
    let r = post(
        &mut qc,
        "/organisations/new",
        &[
            ("name", "Coop <Nord>"),
            ("kind", "ngo"),
            ("street", ""),
            ("postal_code", "G1K 1A1"),
            ("city", "Québec"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"Coop &#60;Nord&#62;\""));
    let r = post(
        &mut qc,
        "/organisations/new",
        &[
            ("name", "Coop Nord"),
            ("kind", "ngo"),
            ("street", "1, rue du Port"),
            ("postal_code", "G1K 1A1"),
            ("city", "Québec"),
            ("next", "/projects"),
        ],
    )
    .await;
    assert_eq!(r.location(), Some("/projects"));
    assert_eq!(app.scalar("select count(*) from organisations o join sides s on s.id = o.side_id where o.name = 'Coop Nord' and s.code = 'QC' and o.country = 'CA'").await, 1);
    let mut evaluator = app.browser();
    evaluator
        .login_demo("evaluateur.qc@demo.passerelle.test")
        .await;
    assert_eq!(
        post(&mut evaluator, "/organisations/new", &[("name", "X")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_project_page_shows_the_leads_progress() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Avancement").await;
    let page = qc.get(&format!("/projects/{id}")).await;
    assert!(page.body.contains(&crate::helpers::fr(
        "Projet commun : titre, résumé, thème, durée, objectifs</a> — fait"
    )));
    assert!(
        page.body
            .contains("Partenaire de l’autre partie</a> — à faire")
    );
}
