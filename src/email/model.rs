//! Messages and the retry schedule.

/// A message ready to be queued: both bodies already rendered in the recipient's language
/// (written with [`super::Letter`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    /// The recipient's language (`fr`, `en`): the Content-Language header.
    pub lang: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// For a notification the recipient may turn off: the page where they do (sent as the
    /// List-Unsubscribe header).
    pub unsubscribe: Option<String>,
}

/// A queued message as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Outgoing {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i64,
    /// The recipient's language, for the Content-Language header (empty: not recorded).
    pub lang: String,
    /// Given when queued (a random token; the sender's domain is added when it goes out), so a
    /// delivery repeated after a crash carries the same Message-ID and overwrites the same file.
    pub message_id: String,
    /// The List-Unsubscribe page (empty: a message one cannot turn off).
    pub unsubscribe: String,
}

impl Outgoing {
    /// The Message-ID header's value for a sender at `domain`. Rows queued before Message-IDs
    /// existed get one from their row id (stable too).
    pub fn message_id_at(&self, domain: &str) -> String {
        let local = if self.message_id.is_empty() {
            format!("outbox-{}", self.id)
        } else {
            self.message_id.clone()
        };
        format!("<{local}@{domain}>")
    }

    /// The file the file transport writes it to (the same on every attempt).
    pub fn file_name(&self) -> String {
        if self.message_id.is_empty() {
            format!("outbox-{}.eml", self.id)
        } else {
            format!("{}.eml", self.message_id)
        }
    }
}

/// After this many failures a message stays in the outbox with its last error, for an
/// administrator to look at, instead of being retried forever.
pub const MAX_ATTEMPTS: i64 = 12;

/// How long a worker may hold a claimed message before another instance may take it.
pub const LEASE_MS: i64 = 120_000;

/// Exponential backoff: 1, 2, 4 … minutes, at most six hours.
pub fn retry_delay_ms(attempts: i64) -> i64 {
    let minutes = 1i64 << attempts.clamp(0, 9);
    (minutes * 60_000).min(6 * 3_600_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped_at_six_hours() {
        assert_eq!(retry_delay_ms(0), 60_000);
        assert_eq!(retry_delay_ms(3), 480_000);
        assert_eq!(retry_delay_ms(11), 6 * 3_600_000);
    }
}
