//! `TestApp`: the whole application on a fresh database, driven in memory with a cookie jar.
//! The database is a temporary SQLite file, or a fresh PostgreSQL database when
//! `PASSERELLE_TEST_PG_URL` is set (CI runs both).

use std::{
    collections::HashMap,
    io::Write,
    net::SocketAddr,
    path::Path,
    str::FromStr,
    sync::{Arc, Once},
};

use axum::{
    Router,
    body::{Body, to_bytes},
    extract::ConnectInfo,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use passerelle::{config::Settings, db::Db, demo, on_tx, server};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tower::ServiceExt;

pub const PG_ENV: &str = "PASSERELLE_TEST_PG_URL";

/// A fresh database for one test; dropped (PostgreSQL) with the value.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: tempfile::TempDir,
}

static SKIP_NOTE: Once = Once::new();

impl TestDb {
    pub async fn new() -> TestDb {
        TestDb::create(None).await
    }

    /// A fresh database holding the demo at `stage`: a copy of the run's template (the demo is
    /// built once per test run and stage, through the same set-up actions as always).
    pub async fn with_demo(stage: demo::Stage) -> TestDb {
        let template = template(stage).await;
        TestDb::create(Some(template)).await
    }

    async fn create(template: Option<&Template>) -> TestDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        match std::env::var(PG_ENV).ok().filter(|u| !u.is_empty()) {
            None => {
                SKIP_NOTE.call_once(|| {
                    // Written past the test harness's capture so that it shows in every run.
                    let _ = writeln!(
                        std::io::stderr(),
                        "\nnote: PostgreSQL runs skipped: these tests use SQLite. Set {PG_ENV}=postgres://… to run them on PostgreSQL.\n"
                    );
                });
                let url = Db::sqlite_url(dir.path());
                if let Some(Template::Sqlite(file)) = template {
                    std::fs::copy(file, dir.path().join("passerelle.sqlite"))
                        .expect("copy of the demo template");
                    let wal = file.with_extension("sqlite-wal");
                    if wal.exists() {
                        std::fs::copy(&wal, dir.path().join("passerelle.sqlite-wal"))
                            .expect("copy of the demo template's log");
                    }
                }
                let db = server::open(&url).await.expect("SQLite test database");
                TestDb { db, url, _dir: dir }
            }
            Some(admin_url) => {
                let name = format!(
                    "passerelle_test_{}_{}",
                    std::process::id(),
                    passerelle::auth::random_token()[..10]
                        .to_lowercase()
                        .replace('-', "_")
                );
                let admin = PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&admin_url)
                    .await
                    .expect("PostgreSQL reachable");
                drop_stale_databases(&admin).await;
                let sql = match template {
                    Some(Template::Postgres(t)) => format!("create database {name} template {t}"),
                    _ => format!("create database {name}"),
                };
                {
                    // Two copies of one template at once: PostgreSQL refuses the second while
                    // the first reads it.
                    let _one_at_a_time = CREATING.lock().await;
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&admin)
                        .await
                        .expect("create test database");
                }
                admin.close().await;
                let opts = PgConnectOptions::from_str(&admin_url)
                    .expect("PostgreSQL URL")
                    .database(&name);
                let pool = PgPoolOptions::new()
                    .max_connections(8)
                    .connect_with(opts)
                    .await
                    .expect("test database");
                let db = Db::from_postgres(pool);
                db.migrate().await.expect("migrations");
                let url = with_database(&admin_url, &name);
                TestDb { db, url, _dir: dir }
            }
        }
    }

    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

static CREATING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A demo database to copy: a SQLite file, or a PostgreSQL database used as a template.
pub enum Template {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

/// The demo at `stage`, built on the first call of the run (each stage once) and kept until
/// the run ends.
async fn template(stage: demo::Stage) -> &'static Template {
    static TEMPLATES: [tokio::sync::OnceCell<Template>; 3] = [
        tokio::sync::OnceCell::const_new(),
        tokio::sync::OnceCell::const_new(),
        tokio::sync::OnceCell::const_new(),
    ];
    let i = match stage {
        demo::Stage::Filed => 0,
        demo::Stage::Selected => 1,
        demo::Stage::Full => 2,
    };
    TEMPLATES[i]
        .get_or_init(|| async move {
            match std::env::var(PG_ENV).ok().filter(|u| !u.is_empty()) {
                None => {
                    let dir = tempfile::tempdir().expect("temporary directory").keep();
                    let db = server::open(&Db::sqlite_url(&dir))
                        .await
                        .expect("SQLite template");
                    demo::load_stage(&db, stage, "http://localhost")
                        .await
                        .expect("demo loads");
                    // Closed, its write-ahead log is folded into the file (copied too if any
                    // is left).
                    db.close().await;
                    let file = dir.join("passerelle.sqlite");
                    Template::Sqlite(file)
                }
                Some(_) => {
                    let t = TestDb::create(None).await;
                    demo::load_stage(&t.db, stage, "http://localhost")
                        .await
                        .expect("demo loads");
                    t.db.close().await;
                    let path = t.url.split('?').next().unwrap_or_default();
                    let name = path.rsplit('/').next().unwrap_or_default().to_string();
                    Template::Postgres(name)
                }
            }
        })
        .await
}

/// Test databases are kept until the run ends (dropping them from `Drop` would block on the
/// test's own runtime); the next run drops those whose test process is gone.
async fn drop_stale_databases(admin: &sqlx::PgPool) {
    static ONCE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    ONCE.get_or_init(|| async {
        let names: Vec<String> = sqlx::query_scalar(
            "select datname from pg_database where datname like 'passerelle_test_%'",
        )
        .fetch_all(admin)
        .await
        .unwrap_or_default();
        for name in names {
            let pid = name.split('_').nth(2).unwrap_or("");
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "drop database if exists {name} with (force)"
                )))
                .execute(admin)
                .await;
            }
        }
    })
    .await;
}

/// The same PostgreSQL URL pointing at another database.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, format!("?{q}")))
        .unwrap_or((url, String::new()));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..path_start])
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// Whether the page shows `text` (the narrow no-break spaces of French numbers count as spaces).
    pub fn contains_text(&self, text: &str) -> bool {
        self.body.replace('\u{202f}', " ").contains(text)
    }

    /// The words of the page's `<main>` as a reader sees them (tags dropped).
    pub fn text(&self) -> String {
        let html = scraper::Html::parse_document(&self.body);
        let main = scraper::Selector::parse("main").expect("selector");
        html.select(&main)
            .flat_map(|m| m.text())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The value of the first `name="csrf"` field of the page.
    pub fn csrf(&self) -> Option<String> {
        let i = self.body.find("name=\"csrf\" value=\"")? + 19;
        Some(self.body[i..i + 43].to_string())
    }
}

/// One browser: a cookie jar and a client address, on a shared application.
pub struct TestApp {
    pub db: Arc<TestDb>,
    pub router: Router,
    pub cookies: HashMap<String, String>,
    pub ip: [u8; 4],
    pub accept_language: Option<String>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let db = TestDb::new().await;
        TestApp::on(Arc::new(db), "127.0.0.1:8080")
    }

    /// With the demo data loaded.
    /// The demo with the XIe call's forty projects filed and nothing evaluated yet.
    pub async fn spawn_demo() -> TestApp {
        TestApp::spawn_demo_at(demo::Stage::Filed).await
    }

    /// The full demo: evaluations, the June 2019 session, 2019–2020 follow-up.
    pub async fn spawn_full_demo() -> TestApp {
        TestApp::spawn_demo_at(demo::Stage::Full).await
    }

    /// The demo up to a stage of the XIe CMP's cycle.
    pub async fn spawn_demo_at(stage: demo::Stage) -> TestApp {
        let db = TestDb::with_demo(stage).await;
        TestApp::on(Arc::new(db), "127.0.0.1:8080")
    }

    /// The full demo with `projects` joint projects instead of forty.
    pub async fn spawn_sized_demo(projects: usize) -> TestApp {
        let app = TestApp::spawn().await;
        demo::load_sized(&app.db.db, demo::Stage::Full, "http://localhost", projects)
            .await
            .expect("demo loads");
        app
    }

    pub fn on(db: Arc<TestDb>, bind: &str) -> TestApp {
        let settings = Settings::local(bind, db.dir().to_path_buf());
        let router = passerelle::app::app(db.db.clone(), settings);
        TestApp {
            db,
            router,
            cookies: HashMap::new(),
            ip: [10, 0, 0, 1],
            accept_language: None,
        }
    }

    /// A second instance of the same deployment: the same database, its own data directory (its
    /// own disk), files kept where `files` says (`disk` or `database`).
    pub fn instance(db: Arc<TestDb>, dir: &std::path::Path, files: &str) -> TestApp {
        let mut settings = Settings::local("127.0.0.1:8080", dir.to_path_buf());
        settings.storage =
            passerelle::storage::Storage::named(files, dir.join("files"), &db.db).unwrap();
        TestApp {
            router: passerelle::app::app(db.db.clone(), settings),
            db,
            cookies: HashMap::new(),
            ip: [10, 0, 0, 1],
            accept_language: None,
        }
    }

    /// The same database served as it is behind TLS (`https://` public URL: `__Host-` cookies).
    pub fn behind_https(&self) -> TestApp {
        let mut settings = Settings::local("127.0.0.1:8080", self.db.dir().to_path_buf());
        settings.secure = true;
        TestApp {
            db: self.db.clone(),
            router: passerelle::app::app(self.db.db.clone(), settings),
            cookies: HashMap::new(),
            ip: self.ip,
            accept_language: None,
        }
    }

    /// Posts the form whose action is `action` as its page shows it, the way a person clicks
    /// its button: loads the page the form is on, takes the form's hidden fields (the CSRF
    /// token, and `seen`: the fingerprint of what the page shows, which every approval
    /// carries) and posts them. Without such a form on the page (the person may not act),
    /// posts the CSRF token only.
    pub async fn approve(&mut self, action: &str) -> TestResponse {
        let page = self.get(&page_of(action)).await;
        let mut fields = hidden_fields(&page.body, action);
        if !fields.iter().any(|(k, _)| k == "csrf") {
            fields.push(("csrf".into(), self.csrf().await));
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post_raw(action, &pairs).await
    }

    /// Both sides' commission members ask to open `session` (it opens with the second).
    pub async fn open_session(&self, session: i64) {
        for member in [
            "commission.wb@demo.passerelle.test",
            "commission.qc@demo.passerelle.test",
        ] {
            let mut b = self.browser();
            b.login_demo(member).await;
            b.approve(&format!("/sessions/{session}/open")).await;
        }
    }

    /// Moves the application's clock forward (past a deadline, a throttling window…).
    pub fn advance_clock(&self, ms: i64) {
        self.db.db.clock().advance(ms);
    }

    /// A second browser on the same application and database.
    pub fn browser(&self) -> TestApp {
        TestApp {
            db: self.db.clone(),
            router: self.router.clone(),
            cookies: HashMap::new(),
            ip: self.ip,
            accept_language: None,
        }
    }

    pub async fn request(
        &mut self,
        method: Method,
        path: &str,
        body: Option<String>,
        extra: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:8080");
        if !self.cookies.is_empty() {
            let c: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, c.join("; "));
        }
        if let Some(l) = &self.accept_language {
            req = req.header(header::ACCEPT_LANGUAGE, l);
        }
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let mut req = req.body(body.map(Body::from).unwrap_or_default()).unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((self.ip, 40000))));
        let res = self.router.clone().oneshot(req).await.unwrap();
        for v in res.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A request with a raw body and content type (multipart uploads).
    pub async fn request_bytes(
        &mut self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        content_type: &str,
    ) -> TestResponse {
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::COOKIE, cookie.join("; "))
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((self.ip, 40000))));
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The raw bytes of a GET (PDF downloads).
    pub async fn get_bytes(&mut self, path: &str) -> Vec<u8> {
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let req = Request::builder()
            .uri(path)
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::COOKIE, cookie.join("; "))
            .body(Body::empty())
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    /// One text value from a query built at run time (test-only SQL).
    pub async fn scalar_text_value(&self, sql: &str) -> String {
        let mut tx = self.db.db.read().await.unwrap();
        on_tx!(&mut tx, |c| sqlx::query_scalar::<_, String>(
            sqlx::AssertSqlSafe(sql.to_string())
        )
        .fetch_one(c)
        .await)
        .unwrap()
    }

    /// The first column of every row of a query built at run time (test-only SQL).
    pub async fn ids(&self, sql: &str) -> Vec<i64> {
        let mut tx = self.db.db.read().await.unwrap();
        on_tx!(&mut tx, |c| sqlx::query_scalar::<_, i64>(
            sqlx::AssertSqlSafe(sql.to_string())
        )
        .fetch_all(c)
        .await)
        .unwrap()
    }

    /// (amount, currency) rows of a query built at run time (test-only SQL).
    pub async fn amounts(&self, sql: &str) -> Vec<(i64, String)> {
        let mut tx = self.db.db.read().await.unwrap();
        on_tx!(&mut tx, |c| sqlx::query_as::<_, (i64, String)>(
            sqlx::AssertSqlSafe(sql.to_string())
        )
        .fetch_all(c)
        .await)
        .unwrap()
    }

    /// Runs a count query built at run time (test-only SQL, no user input).
    pub async fn scalar_text(&self, sql: &str) -> i64 {
        let mut tx = self.db.db.read().await.unwrap();
        on_tx!(&mut tx, |c| sqlx::query_scalar::<_, i64>(
            sqlx::AssertSqlSafe(sql.to_string())
        )
        .fetch_one(c)
        .await)
        .unwrap()
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.request(Method::GET, path, None, &[]).await
    }

    /// The CSRF token this browser's forms carry now.
    pub async fn csrf(&mut self) -> String {
        // Before the set-up the home page has no form (or redirects the administrator):
        // any page of a signed-in user has one (signing out), the login page too.
        for page in ["/", "/account", "/login"] {
            if let Some(token) = self.get(page).await.csrf() {
                return token;
            }
        }
        panic!("no page with a form")
    }

    /// Posts a form the way a browser does: with the page's CSRF token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let csrf = self.csrf().await;
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields, CSRF token or not.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(Method::POST, path, Some(body), &[]).await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> TestResponse {
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }

    pub async fn login_demo(&mut self, email: &str) {
        let r = self.login(email, demo::PASSWORD).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "demo login of {email}: {}",
            r.body
        );
    }

    /// Runs one SQL statement returning a single i64 (for assertions on what is stored).
    pub async fn scalar(&self, sql: &'static str) -> i64 {
        let mut tx = self.db.db.read().await.unwrap();
        on_tx!(&mut tx, |c| sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(c)
            .await)
        .unwrap()
    }

    /// Runs one statement built at run time (test-only SQL, no user input).
    pub async fn exec_text(&self, sql: &str) {
        let mut tx = self.db.db.write().await.unwrap();
        passerelle::on_tx_exec!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(
            sql.to_string()
        ))
        .execute(c)
        .await)
        .unwrap();
        tx.commit().await.unwrap();
    }

    /// Gives a filed project a title no form would let through, as if it had been filed so: the
    /// project and its receipts' content (pages read the filed version).
    pub async fn set_filed_title(&self, project: i64, title: &str) {
        let old = self
            .scalar_text_value(&format!("select title from projects where id = {project}"))
            .await;
        let json = |t: &str| serde_json::to_string(t).unwrap().replace('\'', "''");
        let sql = |t: &str| t.replace('\'', "''");
        self.exec_text(&format!(
            "update projects set title = '{}' where id = {project}",
            sql(title)
        ))
        .await;
        self.exec_text(&format!(
            "update receipts set content = replace(content, '\"title\":{}', '\"title\":{}')
             where submission_id in (select id from project_halves where project_id = {project})",
            json(&old),
            json(title)
        ))
        .await;
    }

    pub async fn exec(&self, sql: &'static str) {
        let mut tx = self.db.db.write().await.unwrap();
        passerelle::on_tx_exec!(&mut tx, |c| sqlx::query(sql).execute(c).await).unwrap();
        tx.commit().await.unwrap();
    }

    /// The newest queued email to `to`: (subject, text body).
    pub async fn last_email(&self, to: &str) -> (String, String) {
        let mut tx = self.db.db.read().await.unwrap();
        on_tx!(&mut tx, |c| sqlx::query_as::<_, (String, String)>(
            "select subject, body_text from email_outbox where to_address = $1 order by id desc limit 1"
        )
        .bind(to)
        .fetch_one(c)
        .await)
        .expect("an email was queued")
    }

    /// The token of the link in the newest email to `to`.
    pub async fn emailed_token(&self, to: &str) -> String {
        let (_, text) = self.last_email(to).await;
        let i = text.find("token=").expect("a link with a token") + 6;
        text[i..i + 43].to_string()
    }
}

/// The page an approving form is on: the session page for a session's acts, its minutes for
/// signing, the funded project's page for its extensions and final report, the call's page.
/// A multipart body with one file field named `file`, as a browser sends an upload:
/// (content type, body).
pub fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "passerelletestboundary7MA4YWxk";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub fn page_of(action: &str) -> String {
    try_page_of(action).unwrap_or_else(|| panic!("no page known for {action}"))
}

/// [`page_of`], for any action: None when it is not on one of those pages.
pub fn try_page_of(action: &str) -> Option<String> {
    let parts: Vec<&str> = action.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["sessions", id, "sign"] => Some(format!("/sessions/{id}/minutes")),
        ["grv", "editions", id, "sessions", "new"] => {
            Some(format!("/grv/editions/{id}/sessions/new"))
        }
        ["grv", kind @ ("sessions" | "participants"), id, ..] => Some(format!("/grv/{kind}/{id}")),
        ["grv", "editions", id, page @ ("screening" | "cohort"), ..] => {
            Some(format!("/grv/editions/{id}/{page}"))
        }
        ["grv", "editions", id, ..] => Some(format!("/grv/editions/{id}")),
        ["candidacies", id, "file" | "consent" | "withdraw"] => {
            Some(format!("/candidacies/{id}/review"))
        }
        [
            kind @ ("sessions" | "funded" | "calls" | "projects" | "commissions"),
            id,
            ..,
        ] => Some(format!("/{kind}/{id}")),
        _ => None,
    }
}

/// The hidden fields of the form posting to `action` in `html`.
pub fn hidden_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let Some(start) = html.find(&format!("action=\"{action}\"")) else {
        return Vec::new();
    };
    let form = &html[start..];
    let form = &form[..form.find("</form>").unwrap_or(form.len())];
    let mut out = Vec::new();
    for input in form.split("<input").skip(1) {
        let attr = |name: &str| {
            let i = input.find(&format!("{name}=\""))? + name.len() + 2;
            let end = input[i..].find('"')?;
            Some(input[i..i + end].to_string())
        };
        if attr("type").as_deref() == Some("hidden")
            && let (Some(n), Some(v)) = (attr("name"), attr("value"))
        {
            out.push((n, v));
        }
    }
    out
}

/// Whether this run typesets documents. The SQLite run (the README's test command) does, each
/// document once per language; the PostgreSQL run checks the same data on the pages built from
/// the same structs instead, since typesetting reads no database: what differs between the two
/// databases is the data, which both runs check (issue 13: documents rendered once per language in
/// tests, not once per database).
pub fn typesets() -> bool {
    std::env::var(PG_ENV).map_or(true, |u| u.is_empty())
}

/// The text of a PDF as poppler's `pdftotext` reads it (Debian's poppler-utils, installed by
/// `.ci/run`), every run of whitespace (line ends, no-break spaces) as one space: a title
/// wrapped over two lines is still whole, a word cut or hyphenated is not.
pub fn pdf_text(pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().expect("temporary file");
    std::fs::write(file.path(), pdf).expect("PDF written");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads the PDF");
    flat(&String::from_utf8(out.stdout).expect("UTF-8 text"))
}

/// Every run of whitespace, no-break spaces included, as one space.
pub fn flat(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{202f}' || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// With `PASSERELLE_DOCUMENTS_OUT=dir`, a PDF a test fetched is kept there, to look at.
pub fn keep_document(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("PASSERELLE_DOCUMENTS_OUT") {
        std::fs::write(Path::new(&dir).join(name), pdf).expect("document kept");
    }
}

/// The number of pages of a PDF, read by lopdf.
pub fn pdf_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .expect("a valid PDF")
        .get_pages()
        .len()
}

/// A CSV line's cells: `;`-separated as French Excel reads it, quoted, `""` for a quote.
pub fn csv_cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out
}

/// The values of a form's inputs, selects (selected option) and textareas, by name, as a
/// browser would submit them (checkboxes only when ticked).
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    use scraper::{Html, Selector};
    let doc = Html::parse_document(html);
    let form = doc
        .select(&Selector::parse(&format!("form[action=\"{action}\"]")).unwrap())
        .next()
        .expect("the form");
    let mut out = Vec::new();
    for el in form.select(&Selector::parse("input, select, textarea").unwrap()) {
        let v = el.value();
        let Some(name) = v.attr("name") else { continue };
        match v.name() {
            "select" => {
                let selected = el
                    .select(&Selector::parse("option[selected]").unwrap())
                    .next()
                    .or_else(|| el.select(&Selector::parse("option").unwrap()).next());
                if let Some(o) = selected {
                    out.push((name.into(), o.value().attr("value").unwrap_or("").into()));
                }
            }
            "textarea" => out.push((name.into(), el.text().collect())),
            _ if v.attr("type") == Some("checkbox") => {
                if v.attr("checked").is_some() {
                    out.push((name.into(), v.attr("value").unwrap_or("").into()));
                }
            }
            _ => out.push((name.into(), v.attr("value").unwrap_or("").into())),
        }
    }
    out
}

/// French as it is typeset: a narrow no-break space before `:` `;` `!` `?` and inside « »
/// (`fr("Rappel : « x »")`), so expectations are written readably and still check the spaces.
pub fn fr(s: &str) -> String {
    let mut out = s.replace("« ", "«\u{202f}").replace(" »", "\u{202f}»");
    for p in [':', ';', '!', '?'] {
        out = out.replace(&format!(" {p}"), &format!("\u{202f}{p}"));
    }
    out
}

/// Posts fields built at run time (`(String, String)` pairs) as `b`.
pub async fn post_owned(b: &mut TestApp, path: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post(path, &pairs).await
}
