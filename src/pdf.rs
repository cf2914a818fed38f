//! Typeset documents (minutes, decision letters, applications with their receipt) as PDF/A-2b,
//! through the `passerelle-documents` crate (Typst). The data is serialised to JSON here and
//! laid out off the async runtime: typesetting takes milliseconds of CPU, not I/O.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};
pub use passerelle_documents::Kind;

use crate::error::{AppError, AppResult};

/// Typesets `data` with the template of `kind`; `date` is the day of the act it records.
pub async fn render<T: serde::Serialize>(
    kind: Kind,
    data: &T,
    date: (i32, u8, u8),
) -> AppResult<Vec<u8>> {
    let value = serde_json::to_value(data).map_err(anyhow::Error::from)?;
    tokio::task::spawn_blocking(move || passerelle_documents::render(kind, &value, date))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("typesetting {kind:?}: {e}")))
}

/// A side's administration as it heads its documents.
#[derive(serde::Serialize)]
pub struct Letterhead {
    /// The text its logo shows (WBI, Québec).
    pub logo: String,
    pub administration: String,
}

impl Letterhead {
    pub fn of(side: &crate::programmes::Side, locale: crate::i18n::Locale) -> Letterhead {
        Letterhead {
            logo: side.logo_text.clone(),
            administration: side.administration.get(locale).to_string(),
        }
    }
}

/// A labelled value of a document.
#[derive(serde::Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A PDF as a download named `filename`.
pub fn attachment(bytes: Vec<u8>, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
