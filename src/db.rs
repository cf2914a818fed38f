//! The two databases behind one API: embedded SQLite for a laptop, PostgreSQL at scale.
//!
//! Every query is written once with `$1, $2 …` placeholders (both drivers accept them) and run
//! through [`on_tx!`], which expands the same code for each backend. Where the dialects differ,
//! the store function that needs it branches on [`Tx`] itself; nowhere else.

use std::{cell::Cell, path::Path, str::FromStr, time::Duration};

use crate::ids::{SideId, UserId};

use anyhow::Context as _;
use sqlx::{
    Postgres, Sqlite, Transaction,
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};

/// A connection pool on either backend, and the clock every action reads the time from.
/// Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool,
    clock: Clock,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The application's time. In production it is the system clock; a build with the
/// `test-clock` feature (the tests' and the browser tests' builds) can move it forward, so a
/// test goes past a deadline without sleeping. Shared by every clone of one [`Db`] (one app),
/// separate between apps (tests run side by side in one process).
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// How far this clock reads behind the system's: 0, except where the demo replays a past
    /// session ([`Db::replaying_from`]).
    behind_ms: i64,
    #[cfg(feature = "test-clock")]
    offset_ms: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    /// Current time as unix milliseconds, the unit of every instant column.
    pub fn now_ms(&self) -> i64 {
        let now = jiff::Timestamp::now().as_millisecond() - self.behind_ms;
        #[cfg(feature = "test-clock")]
        let now = now + self.offset_ms.load(std::sync::atomic::Ordering::SeqCst);
        now
    }

    /// Moves this clock `ms` milliseconds forward (test builds only).
    #[cfg(feature = "test-clock")]
    pub fn advance(&self, ms: i64) {
        self.offset_ms
            .fetch_add(ms, std::sync::atomic::Ordering::SeqCst);
    }
}

/// An open transaction, and the instant it began by the application's clock: the time every
/// write of the transaction records ([`Tx::now_ms`]). Actions own it; stores borrow it.
pub struct Tx {
    #[doc(hidden)]
    pub conn: Conn,
    now: i64,
}

/// The connection of a [`Tx`], matched by [`on_tx!`].
#[doc(hidden)]
pub enum Conn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs the same body against whichever backend the transaction is on; `$c` is bound to a
/// `&mut` connection usable as an executor.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {{
        $crate::db::note_statement();
        match &mut ($tx).conn {
            $crate::db::Conn::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::db::Conn::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    }};
}

/// [`on_tx!`] for statements run with `.execute(c)`: yields the number of affected rows, so the
/// two backends' result types agree.
#[macro_export]
macro_rules! on_tx_exec {
    ($tx:expr, |$c:ident| $body:expr) => {{
        $crate::db::note_statement();
        match &mut ($tx).conn {
            $crate::db::Conn::Sqlite(t) => {
                let $c = &mut **t;
                $body.map(|r| r.rows_affected())
            }
            $crate::db::Conn::Postgres(t) => {
                let $c = &mut **t;
                $body.map(|r| r.rows_affected())
            }
        }
    }};
}

impl Db {
    pub fn from_sqlite(pool: SqlitePool) -> Db {
        Db {
            pool: Pool::Sqlite(pool),
            clock: Clock::default(),
        }
    }

    pub fn from_postgres(pool: PgPool) -> Db {
        Db {
            pool: Pool::Postgres(pool),
            clock: Clock::default(),
        }
    }

    /// This database through a clock that reads `at` now and runs on from there. The demo
    /// replays its past sessions with it, so that what they record (decisions, signatures,
    /// letters) is dated on the session's day, as it would have been, and the documents printed
    /// from them say so. Everything else is shared with `self`.
    pub fn replaying_from(&self, at: i64) -> Db {
        let mut db = self.clone();
        db.clock.behind_ms = self.clock.behind_ms + (self.clock.now_ms() - at);
        db
    }

    /// The clock of this application.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Current time as unix milliseconds, from this application's clock.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Connects to `url` (`sqlite:…` or `postgres:…`), creating a SQLite file if needed.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .with_context(|| format!("invalid SQLite URL {url}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: an acknowledged submission must survive a power cut.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .with_context(|| format!("cannot open the SQLite database {url}"))?;
            Ok(Db::from_sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url).context("invalid PostgreSQL URL")?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .with_context(|| format!("cannot reach the PostgreSQL database {}", redact(url)))?;
            Ok(Db::from_postgres(pool))
        } else {
            anyhow::bail!(
                "unsupported database URL {}: use sqlite:… or postgres:…",
                redact(url)
            )
        }
    }

    /// The URL of a SQLite file inside `dir`.
    pub fn sqlite_url(dir: &Path) -> String {
        format!("sqlite://{}", dir.join("passerelle.sqlite").display())
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::migrate!("migrations/sqlite").run(p).await?,
            Pool::Postgres(p) => sqlx::migrate!("migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred read-then-write would fail with SQLITE_BUSY_SNAPSHOT instead of
    /// waiting for the busy timeout.
    pub async fn write(&self) -> sqlx::Result<Tx> {
        note_transaction();
        let conn = match &self.pool {
            Pool::Sqlite(p) => Conn::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Conn::Postgres(p.begin().await?),
        };
        Ok(Tx {
            conn,
            now: self.now_ms(),
        })
    }

    /// A transaction that only reads.
    pub async fn read(&self) -> sqlx::Result<Tx> {
        note_transaction();
        let conn = match &self.pool {
            Pool::Sqlite(p) => Conn::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Conn::Postgres(p.begin().await?),
        };
        Ok(Tx {
            conn,
            now: self.now_ms(),
        })
    }

    pub fn backend(&self) -> &'static str {
        match &self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> sqlx::Result<()> {
        match self.conn {
            Conn::Sqlite(t) => t.commit().await,
            Conn::Postgres(t) => t.commit().await,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.conn, Conn::Postgres(_))
    }

    /// The instant this transaction began, by the application's clock (unix milliseconds).
    pub fn now_ms(&self) -> i64 {
        self.now
    }
}

/// What a piece of work asked of the database: statements run and transactions opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub statements: u64,
    pub transactions: u64,
}

tokio::task_local! {
    static COUNTS: Cell<Counts>;
}

/// Runs `work` and counts the statements and transactions it ran on this task (the tests pin
/// how many queries each page takes, at 1 and at N rows). Outside `counted`, counting is a
/// no-op.
pub async fn counted<F: Future>(work: F) -> (F::Output, Counts) {
    COUNTS
        .scope(Cell::new(Counts::default()), async {
            let out = work.await;
            (out, COUNTS.with(Cell::get))
        })
        .await
}

fn bump(f: impl FnOnce(&mut Counts)) {
    let _ = COUNTS.try_with(|c| {
        let mut v = c.get();
        f(&mut v);
        c.set(v);
    });
}

/// Called by [`on_tx!`] and [`on_tx_exec!`] for every statement.
#[doc(hidden)]
pub fn note_statement() {
    bump(|c| c.statements += 1);
}

fn note_transaction() {
    bump(|c| c.transactions += 1);
}

/// `$1, $2, … $n`: the placeholders of an `in (…)` list bound one id each (set-based reads of
/// many rows; ids only, never text from a user).
pub fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `sql`, whose `{ids}` stands for an `in (…)` list, with one placeholder bound per id:
/// the one statement that loads a related table for every row of a page.
pub async fn fetch_all_in<R>(tx: &mut Tx, sql: &str, ids: &[i64]) -> sqlx::Result<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Only placeholders are spliced in; the ids themselves are bound.
    let sql = sql.replace("{ids}", &placeholders(ids.len()));
    on_tx!(tx, |c| {
        let mut q = sqlx::query_as::<_, R>(sqlx::AssertSqlSafe(sql.clone()));
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(c).await
    })
}

/// A value read from the database that none of an enum's variants has: an error, never a
/// silent default (a state nobody knows is a bug or a tampered row, not a draft).
#[derive(Debug, thiserror::Error)]
#[error("unknown {kind} {value:?} read from the database")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// The error for a stored `value` that is not a known `kind`.
pub fn unknown(kind: &'static str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(UnknownValue {
        kind,
        value: value.to_string(),
    }))
}

/// Hides the password of a database URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].find(':') {
            Some(colon) => format!("{}:***{}", &url[..s + 3 + colon], &url[at..]),
            None => url.to_string(),
        },
        _ => url.to_string(),
    }
}

/// The name of the violated unique constraint, if `e` is one: actions turn it into a field error.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            // PostgreSQL reports the constraint name; SQLite reports the columns in the message.
            Some(
                d.constraint()
                    .map(str::to_string)
                    .unwrap_or_else(|| d.message().to_string()),
            )
        }
        _ => None,
    }
}

/// A table recording that one side did something to an object once (approved a call, a
/// decision, a report; released results, year 2…): (object key, side_id, who, when).
pub struct SideAct {
    pub table: &'static str,
    pub key: &'static str,
    pub by: &'static str,
    pub at: &'static str,
}

impl SideAct {
    pub const fn approvals(table: &'static str, key: &'static str) -> SideAct {
        SideAct {
            table,
            key,
            by: "approved_by",
            at: "approved_at",
        }
    }
    pub const fn releases(table: &'static str, key: &'static str) -> SideAct {
        SideAct {
            table,
            key,
            by: "released_by",
            at: "released_at",
        }
    }
}

/// The fingerprint of what a page showed of an object (its content, child rows included, as
/// the domain builds it): the approving page carries it, the act is recorded with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint(pub String);

impl Fingerprint {
    /// SHA-256 of the content's JSON (object keys sorted, so the same content always gives the
    /// same fingerprint).
    pub fn of(content: &serde_json::Value) -> Fingerprint {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(content.to_string().as_bytes());
        Fingerprint(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The page's `seen` field matches: else the act is refused with "changed since you opened
    /// it" and nothing is recorded.
    pub fn check_seen(&self, seen: &str) -> Result<(), crate::error::AppError> {
        use subtle::ConstantTimeEq;
        if bool::from(self.0.as_bytes().ct_eq(seen.trim().as_bytes())) {
            Ok(())
        } else {
            Err(crate::error::AppError::Conflict(
                "common-error-changed-since".into(),
            ))
        }
    }
}

/// Serializes the transactions acting on object `id` of `act`'s table until they end. Two sides
/// acting on one object at once: on PostgreSQL each transaction would not see the other's act
/// when it counts them (READ COMMITTED), and neither would complete the joint act; the second
/// now counts both. An action that also changes the object takes it first, so that every
/// action on the object takes its locks in one order. (On SQLite the write transaction already
/// holds the database lock.) Taken again in one transaction, it is already held.
pub async fn lock_side_act(tx: &mut Tx, act: &SideAct, id: i64) -> sqlx::Result<()> {
    if let Conn::Postgres(t) = &mut tx.conn {
        note_statement();
        sqlx::query("select pg_advisory_xact_lock(hashtext($1), $2)")
            .bind(act.table)
            .bind((id % i64::from(i32::MAX)) as i32)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Records that `side` did `act` on object `id` (of the act's table) as it is now (`content`),
/// through the account `by`; 0 when that side already had, for this content (the first stays).
/// An act of the side on earlier content is replaced. The side and the account are typed:
/// swapping them is a compile error, not a wrong row. The one helper every "each side"
/// act goes through.
pub async fn record_side_act(
    tx: &mut Tx,
    act: &SideAct,
    id: i64,
    side: SideId,
    by: UserId,
    at: i64,
    content: &Fingerprint,
) -> sqlx::Result<u64> {
    lock_side_act(tx, act, id).await?;
    // Table and column names are constants of the code, never input.
    let sql = format!(
        "insert into {t} ({k}, side_id, {b}, {a}, content_hash) values ($1, $2, $3, $4, $5)
         on conflict ({k}, side_id) do update
             set {b} = excluded.{b}, {a} = excluded.{a}, content_hash = excluded.content_hash
             where {t}.content_hash <> excluded.content_hash",
        t = act.table,
        k = act.key,
        b = act.by,
        a = act.at
    );
    on_tx_exec!(tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .bind(side)
        .bind(by)
        .bind(at)
        .bind(content.as_str())
        .execute(c)
        .await)
}

/// The sides whose `act` on `id` was of `content`: only those count (an act on earlier content
/// is no act on this one).
pub async fn sides_acted_on(
    tx: &mut Tx,
    act: &SideAct,
    id: i64,
    content: &Fingerprint,
) -> sqlx::Result<Vec<i64>> {
    let sql = format!(
        "select side_id from {t} where {k} = $1 and content_hash = $2 order by side_id",
        t = act.table,
        k = act.key,
    );
    on_tx!(tx, |c| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id)
        .bind(content.as_str())
        .fetch_all(c)
        .await)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(
            redact("postgres:///db?host=/run"),
            "postgres:///db?host=/run"
        );
    }
}
