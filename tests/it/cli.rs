//! The `passerelle` binary: clear failures, audit verification, account creation, and two
//! server processes sharing one database.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::helpers::TestApp;

pub(crate) fn passerelle(db_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .env("PASSERELLE_DATABASE_URL", db_url)
        .env("PASSERELLE_LOG", "warn")
        .env_remove("PASSERELLE_DATA_DIR")
        .output()
        .expect("the binary runs")
}

#[test]
fn an_unreachable_database_gives_one_clear_line_and_a_failure_code() {
    let out = passerelle("postgres://nobody@127.0.0.1:1/none", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: cannot reach the PostgreSQL database postgres://nobody@127.0.0.1:1/none"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[tokio::test]
async fn audit_verify_reports_the_first_edited_row_and_fails() {
    let app = TestApp::spawn_demo().await;
    let out = passerelle(&app.db.url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("audit log intact:"));
    app.exec("update audit_log set actor_label = 'someone else' where id = 3")
        .await;
    let out = passerelle(&app.db.url, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("audit log broken at row 3"));
}

#[tokio::test]
async fn admin_create_user_makes_an_account_that_can_log_in() {
    let mut app = TestApp::spawn_demo().await;
    let out = passerelle(
        &app.db.url,
        &[
            "admin",
            "create-user",
            "--email",
            "Nouvel.Admin@mrif.gouv.qc.ca",
            "--name",
            "Nouvel Admin",
            "--role",
            "officer",
            "--side",
            "qc",
            "--locale",
            "fr-CA",
            "--password",
            "une longue phrase",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        app.login("nouvel.admin@mrif.gouv.qc.ca", "une longue phrase")
            .await
            .status,
        303
    );
    let out = passerelle(
        &app.db.url,
        &[
            "admin",
            "create-user",
            "--email",
            "x@y.org",
            "--name",
            "X",
            "--password",
            "court",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 exchange over a fresh connection: (status, headers, body).
fn http(port: u16, method: &str, path: &str, cookie: &str, body: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head[9..12].parse().unwrap();
    (status, head.to_string(), body.to_string())
}

fn cookie(head: &str, name: &str) -> Option<String> {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find_map(|c| {
            c.strip_prefix(&format!("{name}="))
                .map(|v| v.split(';').next().unwrap().to_string())
        })
}

fn start(db_url: &str, port: u16, data: &std::path::Path) -> Server {
    // Wrapped in `Server` at once, whose Drop kills and waits for the process.
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("PASSERELLE_DATABASE_URL", db_url)
            .env("PASSERELLE_DATA_DIR", data)
            .env("PASSERELLE_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok()
            && http(port, "GET", "/health", "", "").0 == 200
        {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server on port {port} did not start");
}

#[tokio::test]
async fn a_login_made_on_one_instance_is_valid_on_another() {
    let app = TestApp::spawn_demo().await;
    let (pa, pb) = (free_port(), free_port());
    let _a = start(&app.db.url, pa, app.db.dir());
    let _b = start(&app.db.url, pb, app.db.dir());

    let (_, head, page) = http(pa, "GET", "/login", "", "");
    let csrf_cookie = cookie(&head, "pa_csrf").unwrap();
    let i = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let token = &page[i..i + 43];
    let body =
        format!("csrf={token}&email=charge.wb%40demo.passerelle.test&password=passerelle-demo");
    let (status, head, _) = http(
        pa,
        "POST",
        "/login",
        &format!("pa_csrf={csrf_cookie}"),
        &body,
    );
    assert_eq!(status, 303);
    let session = cookie(&head, "pa_session").unwrap();

    let (status, _, page) = http(pb, "GET", "/account", &format!("pa_session={session}"), "");
    assert_eq!(status, 200);
    assert!(page.contains("Sophie Lemaire"));
    // Logging out on B ends the session on A too.
    let i = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let (status, _, _) = http(
        pb,
        "POST",
        "/logout",
        &format!("pa_session={session}"),
        &format!("csrf={}", &page[i..i + 43]),
    );
    assert_eq!(status, 303);
    assert_eq!(
        http(pa, "GET", "/account", &format!("pa_session={session}"), "").0,
        303
    );
}
