//! Integration tests: the whole application on SQLite, or on PostgreSQL when
//! `PASSERELLE_TEST_PG_URL` is set.

mod access;
mod accounts;
mod audit_log;
mod calls;
mod cli;
mod crawl;
mod dashboard;
mod decisions;
mod demo_cycle;
mod email_outbox;
mod evaluations;
mod exports;
mod followup;
mod followup_terms;
mod helpers;
mod i18n_keys;
mod installation;
mod instances;
mod jury;
mod lifecycle;
mod migrations;
mod pages;
mod policy_tables;
mod project_files;
mod project_officers;
mod projects;
mod query_counts;
mod reading;
mod security;
mod session_outcomes;
mod strict_types;
mod structure;
mod sweep;
mod trust;
mod workspace;
