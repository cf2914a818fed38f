//! Administration of accounts: invitations, role grants and revocations, and the CLI's
//! `admin create-user`. Every action here checks that the actor is an administrator.

use super::{
    model::*,
    policy::{self, Perm},
    store::{self, NewUser},
    tokens::{TokenMail, send_token},
};
use crate::http::sort::{Key, Sort};
use crate::{
    audit::{self, Actor},
    auth::hash_password,
    db::{Db, Tx, unique_violation},
    error::{AppError, AppResult, FieldErrors},
    i18n::Locale,
    programmes::{self, Side},
};

fn require_admin(user: &Viewer) -> AppResult<()> {
    if policy::can(user, Perm::Administer, &policy::Facts::default()) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// An invitation or a CLI account, parsed.
pub struct NewAccount {
    pub email: Email,
    pub name: String,
    pub locale: Locale,
    pub role: Role,
    pub side_id: Option<i64>,
}

fn check_grant(role: Role, side_id: Option<i64>) -> AppResult<()> {
    if grant_is_well_formed(role, side_id) {
        Ok(())
    } else if role.is_per_side() {
        Err(AppError::Invalid(FieldErrors::single(
            "side",
            "users-error-side-required",
        )))
    } else {
        Err(AppError::Invalid(FieldErrors::single(
            "side",
            "users-error-side-forbidden",
        )))
    }
}

async fn insert_account(
    tx: &mut Tx,
    a: &NewAccount,
    hash: Option<&str>,
    verified: bool,
    by: Option<i64>,
) -> AppResult<i64> {
    check_grant(a.role, a.side_id)?;
    let now = tx.now_ms();
    let new = NewUser {
        email: a.email.as_str(),
        name: &a.name,
        password_hash: hash,
        locale: a.locale,
        time_zone: a.locale.default_time_zone(),
        side_id: a.side_id,
        email_verified_at: verified.then_some(now),
    };
    let id = match store::insert_user(tx, &new, now).await {
        Ok(id) => id,
        Err(e) if unique_violation(&e).is_some() => {
            return Err(AppError::Invalid(FieldErrors::single(
                "email",
                "users-error-email-taken",
            )));
        }
        Err(e) => return Err(e.into()),
    };
    store::insert_grant(tx, id, a.role, a.side_id, by, now).await?;
    Ok(id)
}

/// Invites someone: the account is created without a password and the invitation email
/// carries a single-use link to choose one.
pub async fn invite_user(db: &Db, base: &str, admin: &Viewer, a: NewAccount) -> AppResult<i64> {
    require_admin(admin)?;
    let mut tx = db.write().await?;
    let id = insert_account(&mut tx, &a, None, false, Some(admin.id)).await?;
    send_token(
        &mut tx,
        base,
        TokenMail {
            user_id: id,
            purpose: TokenPurpose::Invitation,
            locale: a.locale,
            to: a.email.as_str(),
            name: &a.name,
            next: "/",
        },
    )
    .await?;
    audit::record(
        &mut tx,
        &admin.actor(),
        "user.invite",
        "user",
        id,
        &format!("{} {}", a.email.as_str(), a.role.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a verified account with a password, from the command line (the first
/// administrator of an installation is made this way).
pub async fn create_user(
    db: &Db,
    actor: &Actor,
    a: NewAccount,
    password: String,
) -> AppResult<i64> {
    if let Some(key) = password_error(&password) {
        return Err(AppError::Invalid(FieldErrors::single("password", key)));
    }
    let hash = hash_password(password).await?;
    let mut tx = db.write().await?;
    let id = insert_account(&mut tx, &a, Some(&hash), true, None).await?;
    audit::record(
        &mut tx,
        actor,
        "user.create",
        "user",
        id,
        &format!("{} {}", a.email.as_str(), a.role.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Grants a role; granting one already held is a field error.
pub async fn grant_role(
    db: &Db,
    admin: &Viewer,
    user_id: i64,
    role: Role,
    side_id: Option<i64>,
) -> AppResult<i64> {
    require_admin(admin)?;
    check_grant(role, side_id)?;
    let mut tx = db.write().await?;
    store::find_user(&mut tx, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // One account acts for one side (finding 4 of issue 10): a role on another side than the
    // person's is refused, checked and claimed in one statement so parallel grants cannot both
    // pass.
    if let Some(side) = side_id
        && !store::claim_side(&mut tx, user_id, side).await?
    {
        return Err(AppError::Invalid(FieldErrors::single(
            "side",
            "users-error-one-side",
        )));
    }
    let id = match store::insert_grant(&mut tx, user_id, role, side_id, Some(admin.id), db.now_ms())
        .await
    {
        Ok(id) => id,
        Err(e) if unique_violation(&e).is_some() => {
            return Err(AppError::Invalid(FieldErrors::single(
                "role",
                "users-error-role-held",
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let summary = format!(
        "{} {}",
        role.as_str(),
        side_id.map(|s| s.to_string()).unwrap_or_default()
    );
    audit::record(
        &mut tx,
        &admin.actor(),
        "user.grant_role",
        "user",
        user_id,
        summary.trim(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Revokes a grant. The last administrator's administrator grant cannot be revoked, so an
/// installation never locks itself out.
pub async fn revoke_role(db: &Db, admin: &Viewer, user_id: i64, grant_id: i64) -> AppResult<()> {
    require_admin(admin)?;
    let mut tx = db.write().await?;
    let grants = store::list_grants(&mut tx, user_id).await?;
    let grant = grants
        .iter()
        .find(|g| g.id == grant_id)
        .ok_or(AppError::NotFound)?;
    let facts = policy::Facts {
        grant_role: Some(grant.role),
        administrators: store::count_admins(&mut tx).await?,
    };
    if !policy::can(admin, Perm::Revoke, &facts) {
        return Err(AppError::Conflict("users-error-last-admin".into()));
    }
    store::delete_grant(&mut tx, user_id, grant_id).await?;
    audit::record(
        &mut tx,
        &admin.actor(),
        "user.revoke_role",
        "user",
        user_id,
        grant.role.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How many accounts a page of the list shows.
pub const PAGE_SIZE: i64 = 50;

/// A page of the accounts list, with how many match and how many pages there are.
pub struct UserList {
    pub users: Vec<(User, Vec<Grant>)>,
    pub total: i64,
    /// 1-based, within `1..=pages`.
    pub page: i64,
    pub pages: i64,
}

/// The accounts whose name or email holds every word of `query` (ignoring case and accents;
/// every account when empty), by name, with their grants: page `page`, clamped to the pages
/// there are.
pub async fn list_users(
    db: &Db,
    admin: &Viewer,
    query: &str,
    page: i64,
    sort: &Sort,
) -> AppResult<UserList> {
    require_admin(admin)?;
    let mut tx = db.read().await?;
    let mut brief: Vec<(i64, String, String)> = store::users_brief(&mut tx)
        .await?
        .into_iter()
        .filter(|(_, name, email)| {
            query.trim().is_empty() || crate::i18n::matches_query(&format!("{name} {email}"), query)
        })
        .collect();
    // Sorted before paging, ties by id: the same order on every page.
    sort.apply(
        &mut brief,
        |(_, name, email), column| match column {
            "email" => Key::text(email),
            _ => Key::text(name),
        },
        |(id, _, _)| *id,
    );
    let matching: Vec<i64> = brief.into_iter().map(|(id, _, _)| id).collect();
    let total = matching.len() as i64;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let shown: Vec<i64> = matching
        .into_iter()
        .skip(((page - 1) * PAGE_SIZE) as usize)
        .take(PAGE_SIZE as usize)
        .collect();
    let mut rows = store::find_users(&mut tx, &shown).await?;
    rows.sort_by_key(|u| shown.iter().position(|id| *id == u.id));
    let mut grants = store::grants_of(&mut tx, &shown).await?;
    Ok(UserList {
        users: rows
            .into_iter()
            .map(|u| {
                let (mine, rest): (Vec<_>, Vec<_>) =
                    grants.drain(..).partition(|(o, _)| *o == u.id);
                grants = rest;
                (u.to_user(), mine.into_iter().map(|(_, g)| g).collect())
            })
            .collect(),
        total,
        page,
        pages,
    })
}

/// One account with its grants.
pub async fn get_user(db: &Db, admin: &Viewer, id: i64) -> AppResult<(User, Vec<Grant>)> {
    let page = user_page(db, admin, id).await?;
    Ok((page.user, page.grants))
}

/// An account's administration page: the account, its grants and the sides to grant on.
pub struct UserPage {
    pub user: User,
    pub grants: Vec<Grant>,
    pub sides: Vec<Side>,
}

pub async fn user_page(db: &Db, admin: &Viewer, id: i64) -> AppResult<UserPage> {
    require_admin(admin)?;
    let mut tx = db.read().await?;
    let u = store::find_user(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UserPage {
        user: u.to_user(),
        grants: store::list_grants(&mut tx, id).await?,
        sides: programmes::actions::list_sides_in(&mut tx).await?,
    })
}

/// Inserts an account with an already computed hash inside the caller's transaction (the demo
/// loader hashes its one shared password once).
pub async fn seed_user(tx: &mut Tx, actor: &Actor, a: &NewAccount, hash: &str) -> AppResult<i64> {
    let id = insert_account(tx, a, Some(hash), true, None).await?;
    audit::record(
        tx,
        actor,
        "user.create",
        "user",
        id,
        &format!("{} {}", a.email.as_str(), a.role.as_str()),
    )
    .await?;
    Ok(id)
}
