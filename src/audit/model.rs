//! Audit entries and their chained hash.

use sha2::{Digest, Sha256};

/// Who performed an action: a user, or the system itself (CLI, demo loader, background jobs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: Option<i64>,
    pub label: String,
}

impl Actor {
    pub fn user(id: i64, email: &str) -> Actor {
        Actor {
            id: Some(id),
            label: email.to_string(),
        }
    }
    pub fn system(label: &str) -> Actor {
        Actor {
            id: None,
            label: label.to_string(),
        }
    }
}

/// One row of the log as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of the first row's predecessor.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256 over the previous hash and every field but the id, length-prefixed so that no two
/// different rows serialize alike.
pub fn chain_hash(prev: &str, e: &Entry) -> String {
    let actor = e.actor_id.map(|i| i.to_string()).unwrap_or_default();
    let mut h = Sha256::new();
    for part in [
        prev,
        &e.at.to_string(),
        &actor,
        &e.actor_label,
        &e.action,
        &e.object_type,
        &e.object_id,
        &e.summary,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            id: 1,
            at: 1,
            actor_id: None,
            actor_label: "cli".into(),
            action: "user.create".into(),
            object_type: "user".into(),
            object_id: "1".into(),
            summary: "a".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn any_field_change_changes_the_hash() {
        let a = chain_hash(GENESIS, &entry());
        let mut e = entry();
        e.summary = "b".into();
        assert_ne!(a, chain_hash(GENESIS, &e));
        assert_ne!(a, chain_hash(&a, &entry()));
        assert_eq!(a.len(), 64);
    }
}
