//! Settings shared by every request, built once from the command line and environment.

use std::path::PathBuf;

use lettre::message::Mailbox;

/// What the web layer and the actions need to know about the installation.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address users reach the site at, used in email links (no trailing slash).
    pub public_url: String,
    /// Behind TLS: cookies get `Secure` and the `__Host-` prefix, responses get HSTS.
    pub secure: bool,
    /// Take the client address from the last `X-Forwarded-For` entry (behind our own proxy).
    pub trust_forwarded: bool,
    pub data_dir: PathBuf,
    pub mail_from: Mailbox,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Largest upload (multipart body), in bytes.
    pub upload_limit: usize,
    /// Where uploaded files are kept.
    pub storage: crate::storage::Storage,
    /// Whether the date moves funded projects along by itself (a term that ended enters "final
    /// report due"). Off for the demo, whose data stands in 2019–2020 while its clock is today.
    pub term_transitions: bool,
}

impl Settings {
    pub fn new(
        public_url: &str,
        data_dir: PathBuf,
        mail_from: Mailbox,
        trust_forwarded: bool,
    ) -> Settings {
        let public_url = public_url.trim_end_matches('/').to_string();
        Settings {
            secure: public_url.starts_with("https://"),
            public_url,
            trust_forwarded,
            storage: crate::storage::Storage::Local(data_dir.join("files")),
            data_dir,
            mail_from,
            body_limit: 64 * 1024,
            term_transitions: true,
            // The largest attachment plus room for the multipart envelope.
            upload_limit: crate::projects::attachments::MAX_SIZE + 64 * 1024,
        }
    }

    /// The origin (scheme, host, port) browsers send in the `Origin` header.
    pub fn origin(&self) -> &str {
        match self.public_url.find("://") {
            Some(i) => match self.public_url[i + 3..].find('/') {
                Some(j) => &self.public_url[..i + 3 + j],
                None => &self.public_url,
            },
            None => &self.public_url,
        }
    }

    /// Settings for tests and the demo: local URL, files in `data_dir`.
    pub fn local(bind: &str, data_dir: PathBuf) -> Settings {
        let from = "Passerelle <no-reply@passerelle.localhost>"
            .parse()
            .expect("valid mailbox");
        Settings::new(&format!("http://{bind}"), data_dir, from, false)
    }
}
