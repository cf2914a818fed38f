//! The route × role matrix: every registered route, requested by an anonymous visitor and by
//! one demo account of each role, answers as the domain's policy table (written by hand from
//! DOMAIN.md, `policy_tables/`) says: the door lets through exactly the roles the table allows
//! in some situation. A 500 is a failure, never "allowed".

use axum::{
    http::{Method, StatusCode},
    routing::get,
};
use passerelle::{
    app::registry, calls::policy as calls, commissions::policy as commissions,
    decisions::policy as decisions, evaluations::policy as evaluations,
    followup::policy as followup, grv::policy as grv, projects::policy as projects, users::Role,
    viewer::Viewer,
};

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

/// What a route needs, written by hand for each route (not read from the registry entry it
/// checks): a domain permission, whose roles come from that domain's policy table.
#[derive(Clone, Copy, Debug)]
enum Needs {
    Public,
    SignedIn,
    /// Administering accounts (`users::policy`).
    Admin,
    /// Registering an organisation (`organisations::policy`).
    Organisations,
    Calls(calls::Perm),
    Commissions(commissions::Perm),
    Projects(projects::Perm),
    Evaluations(evaluations::Perm),
    Decisions(decisions::Perm),
    Followup(followup::Perm),
    Grv(grv::Perm),
    GrvScreening(grv::screening::Perm),
    GrvProgramme(grv::programme::Perm),
    /// Either follow-up permission (a mission's status: its leads or its side's officers).
    FollowupEither(followup::Perm, followup::Perm),
}

fn role_of(v: Option<&Viewer>) -> Option<Role> {
    v.and_then(|v| v.grants.first()).map(|g| g.role)
}

/// Whether the policy table grants `perm` to someone holding `role` in at least one situation:
/// the door (the route registry) must let exactly those roles through.
fn table_allows(needs: Needs, role: Role) -> bool {
    use crate::policy_tables as t;
    match needs {
        Needs::Public | Needs::SignedIn => true,
        Needs::Admin => t::accounts::ADMINISTER.iter().any(|r| r.1 == role && r.3),
        Needs::Organisations => t::accounts::REGISTER.iter().any(|r| r.1 == role && r.4),
        Needs::Calls(p) => t::calls::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(r.viewer.as_ref()) == Some(role)),
        Needs::Commissions(p) => t::commissions::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::Projects(p) => t::projects::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::Evaluations(p) => t::evaluations::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::Decisions(p) => t::decisions::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::Followup(p) => t::followup::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::Grv(p) => t::grv::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::GrvScreening(p) => t::grv::screening::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::GrvProgramme(p) => t::grv::programme::table()
            .iter()
            .any(|r| r.perm == p && r.expected && role_of(Some(&r.viewer)) == Some(role)),
        Needs::FollowupEither(a, b) => {
            table_allows(Needs::Followup(a), role) || table_allows(Needs::Followup(b), role)
        }
    }
}

/// Every route and what it needs.
fn needs() -> Vec<(Method, &'static str, Needs)> {
    use Needs::*;
    use calls::Perm as C;
    use commissions::Perm as K;
    use decisions::Perm as D;
    use evaluations::Perm as E;
    use followup::Perm as F;
    use grv::Perm as G;
    use grv::programme::Perm as GP;
    use grv::screening::Perm as GS;
    use projects::Perm as P;
    let get = Method::GET;
    let post = Method::POST;
    vec![
        (get.clone(), "/", Public),
        (get.clone(), "/health", Public),
        (get.clone(), "/static/app.css", Public),
        (get.clone(), "/static/favicon.svg", Public),
        (get.clone(), "/accessibility", Public),
        (get.clone(), "/privacy", Public),
        (get.clone(), "/static/autosave.js", Public),
        (get.clone(), "/static/forms.js", Public),
        (get.clone(), "/static/menu.js", Public),
        (post.clone(), "/language", Public),
        (get.clone(), "/signup", Public),
        (post.clone(), "/signup", Public),
        (get.clone(), "/verify-email", Public),
        (post.clone(), "/verify-email", Public),
        (get.clone(), "/verify-email/resend", Public),
        (post.clone(), "/verify-email/resend", Public),
        (get.clone(), "/login", Public),
        (post.clone(), "/login", Public),
        (post.clone(), "/logout", SignedIn),
        (get.clone(), "/password/forgot", Public),
        (post.clone(), "/password/forgot", Public),
        (get.clone(), "/password/reset", Public),
        (post.clone(), "/password/reset", Public),
        (get.clone(), "/invitation", Public),
        (post.clone(), "/invitation", Public),
        (get.clone(), "/account", SignedIn),
        (post.clone(), "/account", SignedIn),
        (get.clone(), "/account/notifications", SignedIn),
        (post.clone(), "/account/notifications", SignedIn),
        // Everyone's workspace: each section is asked of its domain's policy.
        (get.clone(), "/me", SignedIn),
        (get.clone(), "/admin/users", Admin),
        (get.clone(), "/setup", Admin),
        (post.clone(), "/setup", Admin),
        (get.clone(), "/grv/editions", Grv(G::View)),
        (get.clone(), "/grv/editions/new", Grv(G::Draft)),
        (post.clone(), "/grv/editions/new", Grv(G::Draft)),
        (get.clone(), "/grv/editions/{id}", Grv(G::View)),
        (get.clone(), "/grv/editions/{id}/edit", Grv(G::Edit)),
        (post.clone(), "/grv/editions/{id}/edit", Grv(G::Edit)),
        (post.clone(), "/grv/editions/{id}/approve", Grv(G::Approve)),
        (post.clone(), "/grv/editions/{id}/advance", Grv(G::Advance)),
        (
            get.clone(),
            "/grv/editions/{id}/screening",
            GrvScreening(GS::ReadSide),
        ),
        (
            post.clone(),
            "/grv/editions/{id}/screening",
            GrvScreening(GS::Screen),
        ),
        (
            post.clone(),
            "/grv/editions/{id}/screening/send",
            GrvScreening(GS::Screen),
        ),
        (
            get.clone(),
            "/grv/editions/{id}/cohort",
            GrvScreening(GS::ReadJoint),
        ),
        (
            post.clone(),
            "/grv/editions/{id}/cohort",
            GrvScreening(GS::Propose),
        ),
        (
            post.clone(),
            "/grv/editions/{id}/cohort/approve",
            GrvScreening(GS::Approve),
        ),
        // The call for candidates is public; a candidacy is its author's, which the action
        // checks (`grv::policy::candidacies`, its own table).
        (get.clone(), "/grands-rendez-vous", Public),
        (get.clone(), "/grands-rendez-vous/{id}", Public),
        (post.clone(), "/grands-rendez-vous/{id}/apply", SignedIn),
        (get.clone(), "/candidacies/{id}", SignedIn),
        (post.clone(), "/candidacies/{id}", SignedIn),
        (get.clone(), "/candidacies/{id}/review", SignedIn),
        (post.clone(), "/candidacies/{id}/file", SignedIn),
        (post.clone(), "/candidacies/{id}/consent", SignedIn),
        (post.clone(), "/candidacies/{id}/withdraw", SignedIn),
        // The programme: its cohort, coaches and officers read it, which the actions check
        // (`grv::policy::programme`); the officers organise it; a calendar feed's secret
        // address is its credential.
        (get.clone(), "/grv/editions/{id}/programme", SignedIn),
        (
            get.clone(),
            "/grv/editions/{id}/sessions/new",
            GrvProgramme(GP::Organise),
        ),
        (
            post.clone(),
            "/grv/editions/{id}/sessions/new",
            GrvProgramme(GP::Organise),
        ),
        (get.clone(), "/grv/sessions/{id}", SignedIn),
        (post.clone(), "/grv/sessions/{id}", SignedIn),
        (get.clone(), "/grv/sessions/{id}/ics", SignedIn),
        (
            post.clone(),
            "/grv/sessions/{id}/cancel",
            GrvProgramme(GP::Organise),
        ),
        (
            post.clone(),
            "/grv/participants/{id}/coach",
            GrvProgramme(GP::Organise),
        ),
        (get.clone(), "/grv/participants/{id}", SignedIn),
        (post.clone(), "/grv/participants/{id}/notes", SignedIn),
        (post.clone(), "/grv/participants/{id}/milestones", SignedIn),
        (post.clone(), "/grv/participants/{id}/feed", SignedIn),
        (get.clone(), "/grv/calendar/{token}", Public),
        // The public announcement; a candidate's photo is theirs, which the actions check.
        (get.clone(), "/grands-rendez-vous/{id}/cohort", Public),
        (get.clone(), "/grands-rendez-vous/photos/{key}", Public),
        (get.clone(), "/candidacies/{id}/photo", SignedIn),
        (post.clone(), "/candidacies/{id}/photo", SignedIn),
        (post.clone(), "/candidacies/{id}/photo/remove", SignedIn),
        (get.clone(), "/commissions", Commissions(K::View)),
        (get.clone(), "/commissions/new", Commissions(K::Draft)),
        (post.clone(), "/commissions/new", Commissions(K::Draft)),
        (get.clone(), "/commissions/{id}", Commissions(K::View)),
        (get.clone(), "/commissions/{id}/edit", Commissions(K::Edit)),
        (post.clone(), "/commissions/{id}/edit", Commissions(K::Edit)),
        (
            post.clone(),
            "/commissions/{id}/approve",
            Commissions(K::Approve),
        ),
        (
            get.clone(),
            "/commissions/{id}/sessions/new",
            Commissions(K::Convene),
        ),
        (
            post.clone(),
            "/commissions/{id}/sessions/new",
            Commissions(K::Convene),
        ),
        (get.clone(), "/sessions/{id}/move", Commissions(K::Convene)),
        (post.clone(), "/sessions/{id}/move", Commissions(K::Convene)),
        (
            get.clone(),
            "/sessions/{id}/cancel",
            Commissions(K::Convene),
        ),
        (
            post.clone(),
            "/sessions/{id}/cancel",
            Commissions(K::Convene),
        ),
        (get.clone(), "/admin/users/new", Admin),
        (post.clone(), "/admin/users/new", Admin),
        (get.clone(), "/admin/users/{id}", Admin),
        (post.clone(), "/admin/users/{id}/grants", Admin),
        (
            post.clone(),
            "/admin/users/{id}/grants/{grant_id}/revoke",
            Admin,
        ),
        (get.clone(), "/calls", Public),
        (get.clone(), "/calls/new", Calls(C::Create)),
        (post.clone(), "/calls/new", Calls(C::Create)),
        (get.clone(), "/calls/{id}", Public),
        (get.clone(), "/calls/{id}/edit", Calls(C::Edit)),
        (post.clone(), "/calls/{id}/edit", Calls(C::Edit)),
        (post.clone(), "/calls/{id}/approve", Calls(C::Approve)),
        (post.clone(), "/calls/{id}/archive", Calls(C::Archive)),
        (get.clone(), "/organisations/new", Organisations),
        (post.clone(), "/organisations/new", Organisations),
        (get.clone(), "/calls/{id}/apply", Calls(C::Apply)),
        (post.clone(), "/calls/{id}/apply", Calls(C::Apply)),
        (
            get.clone(),
            "/calls/{id}/applications",
            Calls(C::SeeApplications),
        ),
        (
            get.clone(),
            "/calls/{id}/applications.csv",
            Calls(C::SeeApplications),
        ),
        (
            get.clone(),
            "/calls/{id}/applications.xlsx",
            Calls(C::SeeApplications),
        ),
        (get.clone(), "/projects", Projects(P::Edit)),
        (get.clone(), "/projects/join", Projects(P::Edit)),
        (post.clone(), "/projects/join", Projects(P::Edit)),
        (get.clone(), "/projects/{id}", Projects(P::View)),
        (
            get.clone(),
            "/projects/{id}/application",
            Projects(P::ReadFiled),
        ),
        (
            get.clone(),
            "/projects/{id}/application/files/{file}",
            Projects(P::ReadFiled),
        ),
        (get.clone(), "/projects/{id}/edit", Projects(P::Edit)),
        (post.clone(), "/projects/{id}/edit", Projects(P::Edit)),
        (get.clone(), "/projects/{id}/half", Projects(P::Edit)),
        (post.clone(), "/projects/{id}/half", Projects(P::Edit)),
        (
            get.clone(),
            "/projects/{id}/missions/new",
            Projects(P::Edit),
        ),
        (
            post.clone(),
            "/projects/{id}/missions/new",
            Projects(P::Edit),
        ),
        (
            post.clone(),
            "/projects/{id}/missions/{mission_id}/delete",
            Projects(P::Edit),
        ),
        (get.clone(), "/projects/{id}/invite", Projects(P::Invite)),
        (post.clone(), "/projects/{id}/invite", Projects(P::Invite)),
        (get.clone(), "/projects/{id}/review", Projects(P::File)),
        (post.clone(), "/projects/{id}/file", Projects(P::File)),
        (
            post.clone(),
            "/projects/{id}/withdraw",
            Projects(P::Withdraw),
        ),
        (post.clone(), "/projects/{id}/reopen", Projects(P::Reopen)),
        (
            post.clone(),
            "/projects/{id}/attachments",
            Projects(P::Edit),
        ),
        (get.clone(), "/attachments/{id}", Projects(P::SeeHalf)),
        (post.clone(), "/attachments/{id}/delete", Projects(P::Edit)),
        (get.clone(), "/receipts/public-key", Public),
        (get.clone(), "/receipts/{id}/pdf", Projects(P::SeeHalf)),
        (get.clone(), "/receipts/{id}", Projects(P::SeeHalf)),
        (
            post.clone(),
            "/halves/{id}/admissibility",
            Projects(P::Decide),
        ),
        (post.clone(), "/halves/{id}/extension", Projects(P::Decide)),
        (
            get.clone(),
            "/projects/{id}/letter.pdf",
            Projects(P::ReadLetter),
        ),
        (
            get.clone(),
            "/calls/{id}/evaluations",
            Evaluations(E::ManageSide),
        ),
        (
            post.clone(),
            "/calls/{id}/evaluations",
            Evaluations(E::ManageSide),
        ),
        (
            post.clone(),
            "/calls/{id}/evaluations/assign",
            Evaluations(E::ManageSide),
        ),
        (
            post.clone(),
            "/calls/{id}/evaluations/propose",
            Evaluations(E::ManageSide),
        ),
        (
            post.clone(),
            "/calls/{id}/evaluations/recommend",
            Evaluations(E::ManageSide),
        ),
        (
            post.clone(),
            "/calls/{id}/evaluations/affiliations",
            Evaluations(E::ManageSide),
        ),
        (get.clone(), "/calls/{id}/grid", Evaluations(E::ManageSide)),
        (post.clone(), "/calls/{id}/grid", Evaluations(E::ChangeSide)),
        (
            get.clone(),
            "/calls/{id}/conflicts",
            Evaluations(E::DeclareConflicts),
        ),
        (
            post.clone(),
            "/calls/{id}/conflicts",
            Evaluations(E::DeclareConflicts),
        ),
        (get.clone(), "/evaluations", Evaluations(E::Evaluate)),
        (get.clone(), "/evaluations/{id}", Evaluations(E::Evaluate)),
        (post.clone(), "/evaluations/{id}", Evaluations(E::Evaluate)),
        (
            get.clone(),
            "/evaluations/{id}/files/{file}",
            Evaluations(E::ReadApplication),
        ),
        (get.clone(), "/sessions/{id}", Decisions(D::View)),
        (get.clone(), "/sessions/{id}/ics", SignedIn),
        (get.clone(), "/sessions/{id}/minutes", Decisions(D::View)),
        (
            get.clone(),
            "/sessions/{id}/minutes.pdf",
            Decisions(D::View),
        ),
        (
            post.clone(),
            "/sessions/{id}/release",
            Decisions(D::Release),
        ),
        (post.clone(), "/sessions/{id}/open", Decisions(D::TakePart)),
        (post.clone(), "/sessions/{id}/close", Decisions(D::TakePart)),
        (
            post.clone(),
            "/sessions/{id}/decisions",
            Decisions(D::TakePart),
        ),
        (
            post.clone(),
            "/sessions/{id}/decisions/{decision_id}/approve",
            Decisions(D::TakePart),
        ),
        (
            get.clone(),
            "/sessions/{id}/next-call",
            Decisions(D::TakePart),
        ),
        (
            post.clone(),
            "/sessions/{id}/next-call",
            Decisions(D::TakePart),
        ),
        (
            get.clone(),
            "/sessions/{id}/calendar",
            Decisions(D::TakePart),
        ),
        (
            post.clone(),
            "/sessions/{id}/calendar",
            Decisions(D::TakePart),
        ),
        (
            post.clone(),
            "/sessions/{id}/resolutions/{resolution_id}/approve",
            Decisions(D::TakePart),
        ),
        (post.clone(), "/sessions/{id}/sign", Decisions(D::Sign)),
        (get.clone(), "/funded/{id}", Followup(F::View)),
        (post.clone(), "/funded/{id}/objectives", Followup(F::Report)),
        (
            post.clone(),
            "/funded/{id}/missions/status",
            FollowupEither(F::Report, F::ActForSide),
        ),
        (
            post.clone(),
            "/funded/{id}/missions/spending",
            Followup(F::ActForSide),
        ),
        (
            post.clone(),
            "/funded/{id}/missions/report",
            Followup(F::Report),
        ),
        (post.clone(), "/funded/{id}/progress", Followup(F::Report)),
        (
            post.clone(),
            "/funded/{id}/opinion",
            Followup(F::ActForSide),
        ),
        (
            post.clone(),
            "/funded/{id}/year2",
            Followup(F::ReleaseYear2),
        ),
        (
            post.clone(),
            "/funded/{id}/terminate",
            Followup(F::Terminate),
        ),
        (
            post.clone(),
            "/funded/{id}/terminate/approve",
            Followup(F::Terminate),
        ),
        (
            post.clone(),
            "/funded/{id}/mission-changes",
            FollowupEither(F::Report, F::ActForSide),
        ),
        (
            post.clone(),
            "/funded/{id}/mission-changes/{change_id}/approve",
            Followup(F::ActForSide),
        ),
        (
            post.clone(),
            "/funded/{id}/final-report",
            Followup(F::Report),
        ),
        (
            post.clone(),
            "/funded/{id}/final-report/approve",
            Followup(F::ApproveFinalReport),
        ),
        (post.clone(), "/funded/{id}/close", Followup(F::Close)),
        (
            post.clone(),
            "/funded/{id}/extensions",
            Followup(F::ActForSide),
        ),
        (
            post.clone(),
            "/funded/{id}/extensions/{extension_id}/approve",
            Followup(F::ActForSide),
        ),
        (
            get.clone(),
            "/commissions/{id}/followup",
            Followup(F::SeeCommission),
        ),
        (
            get.clone(),
            "/commissions/{id}/dashboard",
            Followup(F::SeeCommission),
        ),
        (
            get.clone(),
            "/programmes/{id}/dashboard",
            Followup(F::SeeCommission),
        ),
        (
            get.clone(),
            "/commissions/{id}/funded.csv",
            Followup(F::SeeCommission),
        ),
        (
            get.clone(),
            "/commissions/{id}/funded.xlsx",
            Followup(F::SeeCommission),
        ),
        (
            get.clone(),
            "/commissions/{id}/iati.xml",
            Followup(F::ManageCommission),
        ),
        (
            post.clone(),
            "/commissions/{id}/midterm",
            Followup(F::ManageCommission),
        ),
        (
            get.clone(),
            "/resolutions/{id}/calendar",
            Followup(F::SeeCommission),
        ),
        (
            post.clone(),
            "/resolutions/{id}/calendar",
            Followup(F::ManageCommission),
        ),
    ]
}

fn expected(needs: Needs, roles: &[Role]) -> Expect {
    match (needs, roles.first()) {
        (Needs::Public, _) => Expect::Allowed,
        (_, None) => Expect::SignIn,
        (_, Some(role)) if table_allows(needs, *role) => Expect::Allowed,
        _ => Expect::Forbidden,
    }
}

#[test]
fn every_registered_route_says_what_it_needs_and_nothing_else_is_listed() {
    let listed: Vec<(Method, &str)> = needs().into_iter().map(|(m, p, _)| (m, p)).collect();
    let registered: Vec<(Method, &str)> = registry()
        .defs
        .into_iter()
        .map(|d| (d.method, d.path))
        .collect();
    for r in &registered {
        assert!(
            listed.contains(r),
            "{} {} is registered but not listed here",
            r.0,
            r.1
        );
    }
    for l in &listed {
        assert!(
            registered.contains(l),
            "{} {} is listed but not registered",
            l.0,
            l.1
        );
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_policy_tables_say() {
    let app = TestApp::spawn_demo().await;
    let routes = needs();
    // Ids that exist nowhere: object-level checks answer 404, so a 403 can only come from
    // the door.
    let mut checked = 0;
    for (label, account, roles) in VISITORS {
        for (method, path, needs) in &routes {
            // A fresh browser per request: POST /logout must not end the next check's session.
            let mut b = app.browser();
            if let Some(email) = account {
                b.login_demo(email).await;
            }
            let url = path
                .split('/')
                .map(|s| if s.starts_with('{') { "999999" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let r = if *method == Method::GET {
                b.get(&url).await
            } else {
                b.post(&url, &[]).await
            };
            assert!(
                r.status.as_u16() < 500,
                "{label}: {method} {path} failed with {}",
                r.status
            );
            let got = match (r.status, r.location()) {
                (StatusCode::FORBIDDEN, _) => Expect::Forbidden,
                (StatusCode::SEE_OTHER, Some(l)) if l.starts_with("/login?next=") => Expect::SignIn,
                _ => Expect::Allowed,
            };
            assert_eq!(
                got,
                expected(*needs, roles),
                "{label}: {method} {path} answered {}",
                r.status
            );
            checked += 1;
        }
    }
    assert_eq!(checked, routes.len() * VISITORS.len());
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
    assert_eq!(
        r.location(),
        Some(passerelle::http::LANDING),
        "no open redirect: the workspace instead"
    );
}
