//! One error type for every action and handler. Messages are Fluent keys, translated at render.

use std::collections::BTreeMap;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};

/// Field name → Fluent key of the message shown next to that field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, key: &str) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| key.to_string());
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(())` when empty, so forms can end with `errors.into_result()?`.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
    pub fn single(field: &str, key: &str) -> Self {
        let mut e = FieldErrors::default();
        e.add(field, key);
        e
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("authentication required")]
    Unauthenticated,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A request refused for now (throttling), with the Fluent key explaining why.
    #[error("too many requests")]
    TooMany(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            e => AppError::Internal(e.into()),
        }
    }
}

/// Marks an error response whose body the web layer fills with a localized page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorPage(pub StatusCode);

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            // The cause goes to the log, never to the user.
            tracing::error!(error = ?e, "internal error");
        }
        let status = self.status();
        let mut res = status.into_response();
        res.extensions_mut().insert(ErrorPage(status));
        res
    }
}

pub type AppResult<T> = Result<T, AppError>;
