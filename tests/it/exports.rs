//! Exports of funded projects: IATI activity XML 2.03 validated against the standard's own
//! schema (with xmllint), each side reporting its own funding in its own currency; CSV with
//! formula cells neutralised and money per side never summed.

use std::process::Command;

use axum::http::StatusCode;

use crate::helpers::TestApp;

fn xmllint() -> bool {
    Command::new("xmllint").arg("--version").output().is_ok()
}

#[tokio::test]
async fn the_iati_export_of_each_side_validates_against_the_iati_2_03_schema() {
    let app = TestApp::spawn_full_demo().await;
    // A title a naive writer would break.
    let project = app
        .scalar("select min(project_id) from funded_projects")
        .await;
    app.set_filed_title(project, "R&D <bilatérale> « Québec » & co")
        .await;
    for (email, currency, reference) in [
        ("charge.wb@demo.passerelle.test", "EUR", "XI-PASSERELLE-WB"),
        ("charge.qc@demo.passerelle.test", "CAD", "XI-PASSERELLE-QC"),
    ] {
        let mut b = app.browser();
        b.login_demo(email).await;
        let r = b.get("/commissions/1/iati.xml").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.header("content-type"),
            Some("application/xml; charset=utf-8")
        );
        assert_eq!(r.body.matches("<iati-activity ").count(), 26);
        assert_eq!(
            r.body.matches(&format!("currency=\"{currency}\"")).count(),
            r.body.matches("currency=\"").count(),
            "one side, one currency"
        );
        assert!(
            r.body
                .contains(&format!("<reporting-org ref=\"{reference}\""))
        );
        assert!(
            r.body
                .contains("R&amp;D &lt;bilatérale&gt; « Québec » &amp; co")
        );
        if !xmllint() {
            eprintln!(
                "note: xmllint not found, IATI schema validation skipped (Debian: libxml2-utils)"
            );
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("export.xml");
        std::fs::write(&file, &r.body).unwrap();
        let schema = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/schemas/iati-2.03/iati-activities-schema.xsd"
        );
        let out = Command::new("xmllint")
            .args(["--noout", "--schema", schema])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Only officers export IATI; an applicant cannot.
    let mut applicant = app.browser();
    applicant
        .login_demo("porteur01.wb@demo.passerelle.test")
        .await;
    assert_eq!(
        applicant.get("/commissions/1/iati.xml").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_csv_export_keeps_money_per_side_and_neutralises_formulas() {
    let app = TestApp::spawn_full_demo().await;
    let project = app
        .scalar("select min(project_id) from funded_projects")
        .await;
    app.set_filed_title(project, "=HYPERLINK(\"http://evil\")")
        .await;
    let mut b = app.browser();
    b.login_demo("commission.qc@demo.passerelle.test").await;
    let r = b.get("/commissions/1/funded.csv").await;
    assert_eq!(r.status, StatusCode::OK);
    let mut rows = r.body.split("\r\n").filter(|l| !l.is_empty());
    let header = rows.next().unwrap();
    assert!(
        header.contains("\"Wallonie-Bruxelles : engagé (EUR)\""),
        "{header}"
    );
    assert!(header.contains("\"Québec : engagé (CAD)\""));
    assert!(!header.to_lowercase().contains("total"));
    assert_eq!(rows.clone().count(), 26);
    assert!(
        r.body.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{}",
        r.body
    );
}
