//! The route × role matrix: every registered route, requested by an anonymous visitor and by
//! one demo account of each role, answers as its policy says.

use axum::{
    http::{Method, StatusCode},
    routing::get,
};
use passerelle::{app::registry, http::Access, users::Role};

use crate::helpers::TestApp;

/// (label, demo account, roles held)
const VISITORS: [(&str, Option<&str>, &[Role]); 7] = [
    ("anonymous", None, &[]),
    (
        "applicant WB",
        Some("demandeur.wb@demo.passerelle.test"),
        &[Role::Applicant],
    ),
    (
        "officer QC",
        Some("charge.qc@demo.passerelle.test"),
        &[Role::Officer],
    ),
    (
        "evaluator WB",
        Some("evaluateur.wb@demo.passerelle.test"),
        &[Role::Evaluator],
    ),
    (
        "commission member QC",
        Some("commission.qc@demo.passerelle.test"),
        &[Role::CommissionMember],
    ),
    ("coach", Some("coach@demo.passerelle.test"), &[Role::Coach]),
    (
        "administrator",
        Some("admin@demo.passerelle.test"),
        &[Role::Administrator],
    ),
];

#[derive(Debug, PartialEq)]
enum Expect {
    Allowed,
    SignIn,
    Forbidden,
}

fn expected(access: Access, visitor: Option<&str>, roles: &[Role]) -> Expect {
    match (access, visitor) {
        (Access::Public, _) => Expect::Allowed,
        (_, None) => Expect::SignIn,
        (Access::SignedIn, _) => Expect::Allowed,
        (Access::AnyOf(allowed), _) if roles.iter().any(|r| allowed.contains(r)) => Expect::Allowed,
        (Access::Admin, _) if roles.contains(&Role::Administrator) => Expect::Allowed,
        _ => Expect::Forbidden,
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_its_policy_says() {
    let app = TestApp::spawn_demo().await;
    let defs = registry().defs;
    assert!(defs.len() >= 25, "the registry lists every route");
    // Ids that exist nowhere: object-level checks answer 404, so a 403 can only come from
    // the route policy.
    let user_id = "999999".to_string();
    let mut checked = 0;
    for (label, account, roles) in VISITORS {
        for def in &defs {
            // A fresh browser per request: POST /logout must not end the next check's session.
            let mut b = app.browser();
            if let Some(email) = account {
                b.login_demo(email).await;
            }
            let path = def
                .path
                .replace("{id}", &user_id)
                .replace("{grant_id}", "999999")
                .replace("{mission_id}", "999999")
                .replace("{decision_id}", "999999");
            let r = if def.method == Method::GET {
                b.get(&path).await
            } else {
                b.post(&path, &[]).await
            };
            let got = match (r.status, r.location()) {
                (StatusCode::FORBIDDEN, _) => Expect::Forbidden,
                (StatusCode::SEE_OTHER, Some(l)) if l.starts_with("/login?next=") => Expect::SignIn,
                _ => Expect::Allowed,
            };
            assert_eq!(
                got,
                expected(def.access, account, roles),
                "{label}: {} {} answered {}",
                def.method,
                def.path,
                r.status
            );
            checked += 1;
        }
    }
    assert_eq!(checked, defs.len() * VISITORS.len());
}

#[tokio::test]
async fn a_route_missing_from_the_policy_is_refused_even_to_an_administrator() {
    let test_db = TestApp::spawn_demo().await.db;
    let mut reg = registry();
    reg.router = reg
        .router
        .route("/unlisted", get(|| async { "should never be served" }));
    let settings =
        passerelle::config::Settings::local("127.0.0.1:8080", test_db.dir().to_path_buf());
    let router = passerelle::app::app_from(reg, test_db.db.clone(), settings);
    let mut app = TestApp {
        router,
        ..TestApp::on(test_db, "127.0.0.1:8080")
    };
    app.login_demo("admin@demo.passerelle.test").await;
    let r = app.get("/unlisted").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!r.body.contains("should never be served"));
}

#[tokio::test]
async fn admin_pages_refuse_an_officer_with_a_localized_403() {
    let mut app = TestApp::spawn_demo().await;
    app.login_demo("charge.wb@demo.passerelle.test").await;
    let r = app.get("/admin/users").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("Accès refusé"));
}

#[tokio::test]
async fn signed_in_pages_send_visitors_to_login_and_back() {
    let mut app = TestApp::spawn_demo().await;
    let r = app.get("/account").await;
    assert_eq!(r.location(), Some("/login?next=%2Faccount"));
    let r = app.get("/login?next=%2Faccount").await;
    assert!(r.body.contains("name=\"next\" value=\"/account\""));
    let r = app
        .post(
            "/login",
            &[
                ("email", "coach@demo.passerelle.test"),
                ("password", "passerelle-demo"),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(r.location(), Some("/account"));
    let r = app
        .post(
            "/login",
            &[
                ("email", "coach@demo.passerelle.test"),
                ("password", "passerelle-demo"),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(r.location(), Some("/"), "no open redirect");
}
