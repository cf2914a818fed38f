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
    // For French and Belgian Excel: a BOM so the accents read right, `;` between cells.
    assert!(r.body.starts_with('\u{feff}'), "a byte order mark");
    let mut rows = r.body.split("\r\n").filter(|l| !l.is_empty());
    let header = rows.next().unwrap();
    assert!(
        header.contains(&crate::helpers::fr(
            "\"Wallonie-Bruxelles : engagé (EUR)\";\"Wallonie-Bruxelles : dépensé (EUR)\""
        )),
        "{header}"
    );
    assert!(header.contains(&crate::helpers::fr("\"Québec : engagé (CAD)\"")));
    assert!(!header.to_lowercase().contains("total"));
    assert_eq!(rows.clone().count(), 26);
    assert!(
        r.body.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{}",
        r.body
    );
    // Amounts with a decimal comma, unquoted, so French Excel reads numbers.
    let first = crate::helpers::csv_cells(rows.next().unwrap());
    assert!(
        first
            .iter()
            .any(|c| c.contains(',') && c.chars().all(|ch| ch.is_ascii_digit() || ch == ',')),
        "{first:?}"
    );
}

/// The `.xlsx` export read back by a spreadsheet library (calamine): the same rows as the CSV,
/// with typed cells — dates as dates, amounts as numbers in their currency's format, titles as
/// text (a formula-like title stays text).
#[tokio::test]
async fn the_xlsx_export_has_typed_cells_and_the_same_rows_as_the_csv() {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::spawn_full_demo().await;
    let project = app
        .scalar("select min(project_id) from funded_projects")
        .await;
    app.set_filed_title(project, "=HYPERLINK(\"http://evil\")")
        .await;
    let mut b = app.browser();
    b.login_demo("commission.qc@demo.passerelle.test").await;
    let r = b.get("/commissions/1/funded.xlsx").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(
        b.get_bytes("/commissions/1/funded.xlsx").await,
    ))
    .expect("an xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("a sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let csv = b.get("/commissions/1/funded.csv").await.body;
    let csv_rows: Vec<Vec<String>> = csv
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(crate::helpers::csv_cells)
        .collect();
    assert_eq!(header, csv_rows[0], "the same columns");
    assert_eq!(rows.len(), csv_rows.len(), "the same rows");
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (start, committed) = (
        col("Début"),
        col(&crate::helpers::fr("Wallonie-Bruxelles : engagé (EUR)")),
    );
    for (row, csv_row) in rows[1..].iter().zip(&csv_rows[1..]) {
        assert!(
            matches!(row[0], Data::Float(_) | Data::Int(_)),
            "the id is a number"
        );
        match &row[start] {
            Data::DateTime(d) => assert!(d.is_datetime(), "a date"),
            other => panic!("the start is a date, not {other:?}"),
        }
        match row[committed] {
            Data::Float(v) => assert_eq!(
                format!("{v:.2}").replace('.', ","),
                csv_row[committed],
                "the same amount as the CSV"
            ),
            ref other => panic!("an amount is a number, not {other:?}"),
        }
        assert!(matches!(row[1], Data::String(_)), "the title is text");
    }
    assert!(
        rows.iter()
            .any(|r| r[1] == Data::String("=HYPERLINK(\"http://evil\")".into())),
        "a formula-like title stays text, never a formula"
    );
}
