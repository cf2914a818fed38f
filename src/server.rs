//! Running the application: open and migrate the database, start the background loops, serve
//! HTTP until Ctrl-C or SIGTERM.

use std::{net::SocketAddr, time::Duration};

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::{app, config::Settings, db::Db, email, users};

/// Opens the database at `url` and applies pending migrations.
pub async fn open(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    db.migrate().await.context("applying migrations")?;
    Ok(db)
}

/// Serves on `listener` until shutdown; runs the outbox worker, session clean-up and
/// evaluation reminders alongside.
pub async fn serve(
    db: Db,
    settings: Settings,
    listener: TcpListener,
    transport: email::Transport,
) -> anyhow::Result<()> {
    let worker = tokio::spawn(email::run_worker(
        db.clone(),
        transport,
        settings.mail_from.clone(),
        Duration::from_secs(5),
    ));
    let housekeeping = tokio::spawn({
        let db = db.clone();
        let base = settings.public_url.clone();
        let term_transitions = settings.term_transitions;
        async move {
            let mut minutes = 0u64;
            loop {
                if minutes.is_multiple_of(60)
                    && let Err(e) = users::actions::purge_expired_sessions(&db).await
                {
                    tracing::warn!(error = ?e, "session clean-up");
                }
                // Every instance runs this; each reminder is recorded once (see reminders.rs).
                if let Err(e) =
                    crate::evaluations::reminders::send_due(&db, &base, db.now_ms()).await
                {
                    tracing::warn!(error = ?e, "evaluation reminders");
                }
                // A half reopened and not filed again by its deadline: the filed version stands.
                if let Err(e) = crate::projects::filed::drop_open_drafts(&db, &base).await {
                    tracing::warn!(error = ?e, "drafts open at the deadline");
                }
                let today = crate::followup::model::today_in("UTC", db.now_ms());
                if let Err(e) =
                    crate::followup::extensions::send_report_reminders(&db, &base, today).await
                {
                    tracing::warn!(error = ?e, "activity report reminders");
                }
                if term_transitions
                    && let Err(e) =
                        crate::followup::closing::enter_final_report_due(&db, &base, today).await
                {
                    tracing::warn!(error = ?e, "final reports due");
                }
                minutes += 10;
                tokio::time::sleep(Duration::from_secs(600)).await;
            }
        }
    });
    let app = app::app(db.clone(), settings);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await?;
    worker.abort();
    housekeeping.abort();
    db.close().await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
