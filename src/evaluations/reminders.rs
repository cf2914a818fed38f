//! Reminders to evaluators whose evaluations are due: one a few days before the side's due
//! date, one once it has passed. Run by the background loop of every instance: a reminder is
//! recorded (unique per assignment and kind) in the same transaction that queues its email,
//! so two instances never send the same one twice.

use super::{
    model::{Reminder, reminder_due},
    store,
};
use crate::{
    db::Db,
    email::{self, Letter},
    error::AppResult,
    programmes, projects, users,
};

/// Queues every reminder due at `now`; returns how many were queued.
pub async fn send_due(db: &Db, base: &str, now: i64) -> AppResult<usize> {
    let mut tx = db.write().await?;
    let mut sent = 0;
    let open = store::open_assignments_with_due_date(&mut tx).await?;
    // Titles as each side filed them (a lead's reopened draft is not the evaluator's to read):
    // one read per side.
    let mut sides: Vec<i64> = open.iter().map(|a| a.4).collect();
    sides.sort_unstable();
    sides.dedup();
    let mut titles = Vec::new();
    for side in sides {
        let ids: Vec<i64> = open.iter().filter(|a| a.4 == side).map(|a| a.3).collect();
        for p in projects::actions::projects_for_side(&mut tx, &ids, side).await? {
            titles.push(((p.id, side), p.title));
        }
    }
    for (assignment, due_at, evaluator, project, side) in open {
        let title = titles
            .iter()
            .find(|(k, _)| *k == (project, side))
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        let already: Vec<Reminder> = store::sent_reminders(&mut tx, assignment)
            .await?
            .iter()
            .filter_map(|k| Reminder::parse(k))
            .collect();
        let Some(kind) = reminder_due(due_at, now, &already) else {
            continue;
        };
        if store::insert_reminder(&mut tx, assignment, kind.as_str(), now).await? == 0 {
            continue;
        }
        let Some((to, name, locale)) = users::actions::contact_of(&mut tx, evaluator).await? else {
            continue;
        };
        // Recorded as sent above either way: turning reminders back on does not replay them.
        if !users::actions::wants(&mut tx, evaluator, users::model::Topic::Reminders).await? {
            continue;
        }
        let zone = programmes::actions::side_in(&mut tx, side).await?.time_zone;
        let when = crate::i18n::time_in_zone(due_at, &zone, locale);
        let key = format!("evaluations-reminder-{}", kind.as_str().replace('_', "-"));
        let subject = locale.t1(&format!("{key}-subject"), "title", title.clone());
        let body = locale.t_args(
            &format!("{key}-body"),
            &[("title", title.into()), ("due", when.into())],
        );
        let link = format!("{base}/evaluations/{assignment}");
        email::enqueue(
            &mut tx,
            &Letter::new(&to, locale, subject, &body, &link)
                .greet(&name)
                .action(locale.t("evaluations-reminder-action"))
                .optional(users::model::Topic::Reminders.why_key(), base)
                .message(),
        )
        .await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}
