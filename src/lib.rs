//! Passerelle: bilateral cooperation programmes, from the call for projects to the final report.
//!
//! A tour, in the order a request meets the code:
//! - [`app`]: the composition root, assembling every domain's `routes` into one router.
//! - [`http`]: the kit (request context, CSRF, forms, rendering, the route registry type, the
//!   deny-by-default gate); it depends on foundations only. Handlers live in each domain's
//!   `pages`, registered by its `routes`, and call one action; each domain's `policy` says who
//!   may do what.
//! - Domains, each split into `model` (pure types and rules, enums parsed strictly), `store`
//!   (SQL, private), `policy` (who may do what, pure), `actions`/`reads` (use cases: one
//!   transaction, the policy, audit; one read action per page), `routes` + `paths` (its routes,
//!   typed) and `pages` (HTTP):
//!   [`users`] (accounts, roles, sessions), [`programmes`] (sides, programmes), [`calls`]
//!   (calls for projects), [`projects`] (joint projects, halves, filing), [`evaluations`]
//!   (separate evaluation per side), [`decisions`] (the joint session), [`followup`] (funded
//!   projects), [`commissions`] (CMP editions, sessions, themes), [`grv`] (Grands Rendez-vous
//!   editions), [`organisations`], [`site`]
//!   (home page, language switch).
//! - Cross-cutting: [`audit`] (hash-chained log), [`email`] (outbox + delivery).
//! - Foundations: [`db`] (SQLite and PostgreSQL behind one API, the clock, the fingerprints
//!   approvals carry), [`money`] (bounded amounts), [`i18n`] (Fluent, locales,
//!   formats), [`auth`] (password hashing, tokens), [`viewer`] (who is signed in, their roles),
//!   [`ids`] (id newtypes), [`error`], [`config`].
//! - [`server`] wires it for the `passerelle` binary; [`demo`] loads the demo data.

pub mod app;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod calls;
pub mod charts;
pub mod commissions;
pub mod config;
pub mod db;
pub mod decisions;
pub mod demo;
pub mod email;
pub mod error;
pub mod evaluations;
pub mod followup;
pub mod grv;
pub mod http;
pub mod i18n;
pub mod ids;
pub mod markdown;
pub mod money;
pub mod organisations;
pub mod pdf;
pub mod programmes;
pub mod projects;
pub mod server;
pub mod sheet;
pub mod site;
pub mod storage;
pub mod submissions;
pub mod users;
pub mod viewer;
pub mod workspace;
