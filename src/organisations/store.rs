//! SQL of organisations.

use super::model::{Organisation, OrganisationKind};
use crate::{db::Tx, on_tx};

pub async fn insert(tx: &mut Tx, o: &Organisation, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into organisations (side_id, kind, name, street, postal_code, city, country, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id"
    )
    .bind(o.side_id)
    .bind(o.kind.as_str())
    .bind(&o.name)
    .bind(&o.street)
    .bind(&o.postal_code)
    .bind(&o.city)
    .bind(&o.country)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    side_id: i64,
    kind: String,
    name: String,
    street: String,
    postal_code: String,
    city: String,
    country: String,
}

pub async fn list_by_side(tx: &mut Tx, side_id: i64) -> sqlx::Result<Vec<Organisation>> {
    let rows: Vec<Row> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, side_id, kind, name, street, postal_code, city, country from organisations where side_id = $1 order by name"
    )
    .bind(side_id)
    .fetch_all(c)
    .await
    })?;
    rows.into_iter()
        .map(|r| {
            Ok(Organisation {
                id: r.id,
                side_id: r.side_id,
                kind: OrganisationKind::parse(&r.kind)
                    .ok_or_else(|| sqlx::Error::Decode("invalid organisation kind".into()))?,
                name: r.name,
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
                country: r.country,
            })
        })
        .collect()
}

pub async fn find(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Organisation>> {
    let row: Option<Row> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, side_id, kind, name, street, postal_code, city, country from organisations where id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await
    })?;
    row.map(|r| {
        Ok(Organisation {
            id: r.id,
            side_id: r.side_id,
            kind: OrganisationKind::parse(&r.kind)
                .ok_or_else(|| crate::db::unknown("organisation kind", &r.kind))?,
            name: r.name,
            street: r.street,
            postal_code: r.postal_code,
            city: r.city,
            country: r.country,
        })
    })
    .transpose()
}
