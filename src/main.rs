//! The `passerelle` command: serve, migrate, check, demo, admin, audit. Thin: parses flags
//! (each also read from the environment) and calls the library.

use std::{path::PathBuf, process::ExitCode};

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use passerelle::{
    audit,
    config::Settings,
    db::Db,
    demo,
    email::Transport,
    i18n::Locale,
    programmes, server,
    users::{Email, Role, admin},
};

#[derive(Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Bilateral cooperation programmes, from the call for projects to the final report"
)]
struct Cli {
    /// Where the SQLite database, emails written as files and other data live.
    #[arg(
        long,
        env = "PASSERELLE_DATA_DIR",
        default_value = "data",
        global = true
    )]
    data_dir: PathBuf,
    /// `sqlite://FILE` or `postgres://…`; defaults to a SQLite file in the data directory.
    #[arg(long, env = "PASSERELLE_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Log format: `pretty` or `json`.
    #[arg(
        long,
        env = "PASSERELLE_LOG_FORMAT",
        default_value = "pretty",
        global = true
    )]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct DemoArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// How far into the XIe CMP's cycle: `full` (up to September 2020: follow-up, mid-term
    /// review, a new calendar to apply), `selected` (June 2019 session decided, projects about
    /// to start) or `filed` (projects filed, nothing evaluated: run the session yourself).
    #[arg(long, env = "PASSERELLE_DEMO_STAGE", default_value = "full")]
    stage: String,
}

#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PASSERELLE_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// The URL users reach the site at (email links; `https://` turns on Secure cookies and HSTS).
    #[arg(long, env = "PASSERELLE_PUBLIC_URL")]
    public_url: Option<String>,
    /// Send email through SMTP (`smtp://…`, `smtps://…`) instead of writing `.eml` files.
    #[arg(long, env = "PASSERELLE_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender of outgoing email.
    #[arg(
        long,
        env = "PASSERELLE_MAIL_FROM",
        default_value = "Passerelle <no-reply@passerelle.localhost>"
    )]
    mail_from: String,
    /// Trust the last `X-Forwarded-For` entry as the client address (behind your own proxy).
    #[arg(long, env = "PASSERELLE_TRUST_FORWARDED")]
    trust_forwarded: bool,
    /// Where uploaded files are kept: `disk` (the data directory: one instance) or `database`
    /// (every instance of a deployment reads them).
    #[arg(long, env = "PASSERELLE_FILES", default_value = "disk")]
    files: String,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (migrations are applied first).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Check the configuration and that the database is reachable.
    Check,
    /// Start on a fresh SQLite database filled with the demo data.
    Demo(DemoArgs),
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Audit log tasks.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a verified account with one role.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// applicant, officer, evaluator, commission_member, coach or administrator.
        #[arg(long, default_value = "administrator")]
        role: String,
        /// Side code (WB, QC…) for per-side roles.
        #[arg(long)]
        side: Option<String>,
        /// fr-BE, fr-CA or en.
        #[arg(long, default_value = "fr-BE")]
        locale: String,
        #[arg(long, env = "PASSERELLE_NEW_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain and report the first broken row; with `--checkpoints`, also
    /// check that the log still holds every signed checkpoint's head (not cut, tail not
    /// rewritten).
    Verify {
        /// The checkpoint file written by `audit checkpoint`.
        #[arg(long)]
        checkpoints: Option<std::path::PathBuf>,
        /// The audit key file (kept outside the database)…
        #[arg(long, conflicts_with = "public_key")]
        key: Option<std::path::PathBuf>,
        /// …or only its public key (base64, printed by `audit checkpoint`): enough to check.
        #[arg(long)]
        public_key: Option<String>,
    },
    /// Sign the log's head (row count, last row's hash) with the audit key and append it to
    /// the checkpoint file. Run it from cron; keep the file where the database cannot reach.
    Checkpoint {
        /// The audit key file; created (mode 600) if it does not exist.
        #[arg(long)]
        key: std::path::PathBuf,
        /// The checkpoint file, appended to.
        #[arg(long)]
        to: std::path::PathBuf,
    },
}

fn database_url(cli: &Cli) -> anyhow::Result<String> {
    match &cli.database_url {
        Some(u) => Ok(u.clone()),
        None => {
            std::fs::create_dir_all(&cli.data_dir).with_context(|| {
                format!(
                    "cannot create the data directory {}",
                    cli.data_dir.display()
                )
            })?;
            Ok(Db::sqlite_url(&cli.data_dir))
        }
    }
}

fn settings(cli: &Cli, a: &ServeArgs) -> anyhow::Result<Settings> {
    let public = a
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", a.bind));
    let from = a.mail_from.parse().context("invalid --mail-from")?;
    Ok(Settings::new(
        &public,
        cli.data_dir.clone(),
        from,
        a.trust_forwarded,
    ))
}

async fn run_server(cli: &Cli, a: &ServeArgs, db: Db, demo: bool) -> anyhow::Result<()> {
    let mut settings = settings(cli, a)?;
    // The demo's data stands in 2019–2020: today's date would end every term at once.
    settings.term_transitions = !demo;
    settings.storage =
        passerelle::storage::Storage::named(&a.files, settings.data_dir.join("files"), &db)?;
    let transport = Transport::new(a.smtp_url.as_deref(), cli.data_dir.join("outbox"))?;
    let listener = tokio::net::TcpListener::bind(&a.bind)
        .await
        .with_context(|| format!("cannot listen on {}", a.bind))?;
    tracing::info!(url = %settings.public_url, database = db.backend(), "serving");
    server::serve(db, settings, listener, transport).await
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Serve(a) => {
            let db = server::open(&database_url(&cli)?).await?;
            run_server(&cli, a, db, false).await?;
        }
        Command::Migrate => {
            server::open(&database_url(&cli)?).await?;
            println!("migrations applied");
        }
        Command::Check => {
            let url = database_url(&cli)?;
            let db = Db::connect(&url).await?;
            let sides = programmes::actions::list_sides(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"));
            println!(
                "database: {} ({}) reachable",
                passerelle::db::redact(&url),
                db.backend()
            );
            match sides {
                Ok(s) => println!("schema: migrated, {} sides", s.len()),
                Err(_) => println!("schema: not migrated yet (run `passerelle migrate`)"),
            }
        }
        Command::Demo(DemoArgs { serve: a, stage }) => {
            let stage =
                demo::Stage::parse(stage).context("--stage is `full`, `selected` or `filed`")?;
            // A fresh SQLite file by default; an explicit --database-url (e.g. an empty
            // PostgreSQL database, for benchmarks) is used as given.
            let url = match &cli.database_url {
                Some(u) => u.clone(),
                None => {
                    std::fs::create_dir_all(&cli.data_dir)?;
                    let file = cli.data_dir.join("demo.sqlite");
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                    }
                    format!("sqlite://{}", file.display())
                }
            };
            let db = server::open(&url).await?;
            let s = settings(&cli, a)?;
            demo::load_stage(&db, stage, &s.public_url)
                .await
                .map_err(|e| anyhow::anyhow!("loading the demo (is the database empty?): {e:?}"))?;
            println!("Passerelle demo: {}/", s.public_url);
            println!("Demo accounts (password for all: {}):", demo::PASSWORD);
            for (email, name, role, side) in demo::ACCOUNTS {
                println!(
                    "  {:<38} {:<18} {:<4} {}",
                    email,
                    role.as_str(),
                    side.unwrap_or("-"),
                    name
                );
            }
            println!(
                "Emails are written to {}",
                cli.data_dir.join("outbox").display()
            );
            run_server(&cli, a, db, true).await?;
        }
        Command::Admin(AdminCommand::CreateUser {
            email,
            name,
            role,
            side,
            locale,
            password,
        }) => {
            let db = server::open(&database_url(&cli)?).await?;
            let role = Role::parse(role).context("unknown role")?;
            let side_id = match side {
                Some(code) => Some(
                    programmes::actions::list_sides(&db)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e:?}"))?
                        .into_iter()
                        .find(|s| s.code.eq_ignore_ascii_case(code))
                        .with_context(|| format!("unknown side {code}"))?
                        .id,
                ),
                None => None,
            };
            let account = admin::NewAccount {
                email: Email::parse(email).context("invalid email address")?,
                name: name.clone(),
                locale: Locale::parse(locale).context("unknown locale")?,
                role,
                side_id,
            };
            let actor = audit::Actor::system("cli");
            let id = admin::create_user(&db, &actor, account, password.clone())
                .await
                .map_err(|e| anyhow::anyhow!("cannot create the account: {e:?}"))?;
            println!("account {id} created");
        }
        Command::Audit(AuditCommand::Verify {
            checkpoints,
            key,
            public_key,
        }) => {
            let db = Db::connect(&database_url(&cli)?).await?;
            let report = audit::verify(&db).await?;
            if let Some(id) = report.first_broken {
                println!(
                    "audit log broken at row {id} ({} rows checked)",
                    report.rows
                );
                return Ok(ExitCode::from(2));
            }
            if let Some(file) = checkpoints {
                use audit::checkpoint::{self, Finding};
                let public = match (key, public_key) {
                    (Some(k), _) => checkpoint::load_key(k)?.verifying_key(),
                    (None, Some(p)) => checkpoint::parse_public(p)?,
                    (None, None) => anyhow::bail!("--checkpoints needs --key or --public-key"),
                };
                match checkpoint::check(&db, &public, file).await? {
                    Finding::Anchored { checkpoints } => println!(
                        "audit log intact: {} rows, anchored by {checkpoints} checkpoints",
                        report.rows
                    ),
                    Finding::BadSignature { line } => {
                        println!("checkpoint line {line} is not signed by this key");
                        return Ok(ExitCode::from(2));
                    }
                    Finding::Truncated { line, rows, now } => {
                        println!(
                            "audit log truncated: checkpoint line {line} counted {rows} rows, the log has {now}"
                        );
                        return Ok(ExitCode::from(2));
                    }
                    Finding::Rewritten { line, head_id } => {
                        println!(
                            "audit log rewritten: row {head_id} of checkpoint line {line} is missing or changed"
                        );
                        return Ok(ExitCode::from(2));
                    }
                }
            } else {
                println!("audit log intact: {} rows", report.rows);
            }
        }
        Command::Audit(AuditCommand::Checkpoint { key, to }) => {
            let db = Db::connect(&database_url(&cli)?).await?;
            let key = audit::checkpoint::load_or_create_key(key)?;
            let c = audit::checkpoint::write(&db, &key, to).await?;
            println!(
                "checkpoint: {} rows, head row {} ({}); public key {}",
                c.head.rows,
                c.head.head_id,
                c.head.head_hash,
                audit::checkpoint::public_b64(&key)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("PASSERELLE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if cli.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            // One clear line, no panic, non-zero exit.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
