//! Where delivered messages go: `.eml` files in the data directory (the default, so a laptop
//! needs no mail server), or SMTP. Delivery is at least once (a crash between sending and
//! recording it repeats the send) and never lost; a repeat carries the same Message-ID, and the
//! file transport writes the same file again.

use std::path::PathBuf;

use anyhow::Context as _;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    message::{
        Mailbox, MultiPart,
        header::{Header, HeaderName, HeaderValue},
    },
};

use super::model::Outgoing;

#[derive(Clone)]
pub enum Transport {
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    /// `smtp_url` like `smtps://user:pass@host:465`; without it, files under `dir`.
    pub fn new(smtp_url: Option<&str>, dir: PathBuf) -> anyhow::Result<Transport> {
        match smtp_url {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("invalid SMTP URL")?
                    .build(),
            )),
            None => Ok(Transport::Files(dir)),
        }
    }

    pub async fn send(&self, from: &Mailbox, m: &Outgoing) -> anyhow::Result<()> {
        let mut builder = lettre::Message::builder()
            .message_id(Some(m.message_id_at(from.email.domain())))
            // Every message is written by the platform, never by a person: autoresponders and
            // vacation replies leave it alone (RFC 3834).
            .header(AutoSubmitted);
        if !m.lang.is_empty() {
            builder = builder.header(ContentLanguage(m.lang.clone()));
        }
        if !m.unsubscribe.is_empty() {
            // RFC 2369: mail clients show an "unsubscribe" button leading to the settings page.
            builder = builder.header(ListUnsubscribe(format!("<{}>", m.unsubscribe)));
        }
        let email = builder
            .from(from.clone())
            .to(m.to_address.parse().context("invalid recipient address")?)
            .subject(&m.subject)
            .multipart(MultiPart::alternative_plain_html(
                m.body_text.clone(),
                m.body_html.clone(),
            ))?;
        match self {
            Transport::Files(dir) => {
                tokio::fs::create_dir_all(dir).await?;
                // Named by the Message-ID and moved into place whole: a repeat overwrites it,
                // a reader never sees half a file.
                let path = dir.join(m.file_name());
                let partial = dir.join(format!(".{}.part", m.file_name()));
                tokio::fs::write(&partial, email.formatted())
                    .await
                    .with_context(|| format!("writing {}", partial.display()))?;
                tokio::fs::rename(&partial, &path).await?;
                tracing::info!(to = %m.to_address, subject = %m.subject, file = %path.display(), "email written");
            }
            Transport::Smtp(smtp) => {
                smtp.send(email).await?;
                tracing::info!(to = %m.to_address, subject = %m.subject, "email sent");
            }
        }
        Ok(())
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834).
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".into())
    }
}

/// `Content-Language: fr` (RFC 3282): the language the message is written in.
#[derive(Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.trim().to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe: <https://…/account/notifications>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.trim().to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}
