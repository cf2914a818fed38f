//! Checkpoints of the audit log (issue 10, finding 13): the hash chain shows an edited or
//! deleted row, but not a log cut at its end or whose tail was rewritten and re-chained — the
//! head is anchored nowhere. A checkpoint anchors it: the row count and the head row's id and
//! hash, signed with an Ed25519 key kept **outside the database** (a file only the operator
//! reads), appended to a file **the database cannot rewrite** (the operator keeps it on other
//! storage: a backup volume, a WORM bucket). `audit verify --checkpoints` then checks every
//! checkpoint's signature and that the log still holds its head.
//!
//! Why a file rather than an email to both sides' administrators: emails leave through the
//! outbox, a table of the same database, so whoever can rewrite the log can drop the email
//! before it is sent; a file written by `passerelle audit checkpoint` (from cron) is out of the
//! database's reach and checked offline by anyone holding the public key.

use std::path::Path;

use base64::{Engine, engine::general_purpose::STANDARD};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::store;
use crate::db::Db;

/// What a checkpoint anchors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub rows: i64,
    pub head_id: i64,
    pub head_hash: String,
    /// When it was taken (unix ms, the application's clock).
    pub at: i64,
}

/// One line of the checkpoint file: the head and its signature.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Checkpoint {
    pub head: Head,
    pub signature: String,
}

/// The public key of `key`, base64: enough to check checkpoints (printed when a key is made).
pub fn public_b64(key: &SigningKey) -> String {
    STANDARD.encode(key.verifying_key().to_bytes())
}

/// Reads a public key given as base64 (`audit verify --public-key`).
pub fn parse_public(b64: &str) -> anyhow::Result<VerifyingKey> {
    let bytes: [u8; 32] = STANDARD
        .decode(b64.trim())?
        .try_into()
        .map_err(|_| anyhow::anyhow!("not an Ed25519 public key"))?;
    Ok(VerifyingKey::from_bytes(&bytes)?)
}

/// Reads the signing key from `path` (verification never creates one).
pub fn load_key(path: &Path) -> anyhow::Result<SigningKey> {
    let seed: [u8; 32] = STANDARD
        .decode(std::fs::read_to_string(path)?.trim())?
        .try_into()
        .map_err(|_| anyhow::anyhow!("{}: not an audit key", path.display()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Reads the signing key from `path`, creating it (readable by its owner only) if absent.
pub fn load_or_create_key(path: &Path) -> anyhow::Result<SigningKey> {
    if path.exists() {
        return load_key(path);
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no random source: {e}"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(path)?, STANDARD.encode(seed).as_bytes())?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The log's current head.
pub async fn head(db: &Db) -> anyhow::Result<Head> {
    let mut tx = db.read().await?;
    let at = tx.now_ms();
    let (rows, head_id, head_hash) = store::head(&mut tx).await?;
    Ok(Head {
        rows,
        head_id,
        head_hash,
        at,
    })
}

/// Signs the current head and appends it to `file`.
pub async fn write(db: &Db, key: &SigningKey, file: &Path) -> anyhow::Result<Checkpoint> {
    let head = head(db).await?;
    let signature = STANDARD.encode(
        key.sign(serde_json::to_string(&head)?.as_bytes())
            .to_bytes(),
    );
    let c = Checkpoint { head, signature };
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)?;
    std::io::Write::write_all(
        &mut f,
        format!("{}\n", serde_json::to_string(&c)?).as_bytes(),
    )?;
    Ok(c)
}

/// What checking the log against its checkpoints found, the first problem only.
#[derive(Debug, PartialEq, Eq)]
pub enum Finding {
    /// Every checkpoint is signed and its head is in the log as it was.
    Anchored { checkpoints: usize },
    /// A line of the file is not signed by the key (forged or edited checkpoint).
    BadSignature { line: usize },
    /// The log holds fewer rows than a checkpoint counted: its end was cut.
    Truncated { line: usize, rows: i64, now: i64 },
    /// The head row of a checkpoint is missing or has another hash: the tail was rewritten.
    Rewritten { line: usize, head_id: i64 },
}

/// Checks `file`'s checkpoints against the log, with the public key of `key`.
pub async fn check(db: &Db, key: &VerifyingKey, file: &Path) -> anyhow::Result<Finding> {
    let text = std::fs::read_to_string(file)?;
    let mut tx = db.read().await?;
    let (rows_now, _, _) = store::head(&mut tx).await?;
    let mut n = 0;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_no = i + 1;
        let c: Checkpoint = serde_json::from_str(line)?;
        let signed = STANDARD
            .decode(&c.signature)
            .ok()
            .and_then(|b| Signature::from_slice(&b).ok())
            .is_some_and(|sig| {
                serde_json::to_string(&c.head)
                    .is_ok_and(|json| key.verify(json.as_bytes(), &sig).is_ok())
            });
        if !signed {
            return Ok(Finding::BadSignature { line: line_no });
        }
        if rows_now < c.head.rows {
            return Ok(Finding::Truncated {
                line: line_no,
                rows: c.head.rows,
                now: rows_now,
            });
        }
        if c.head.rows > 0
            && store::hash_of(&mut tx, c.head.head_id).await?.as_deref() != Some(&c.head.head_hash)
        {
            return Ok(Finding::Rewritten {
                line: line_no,
                head_id: c.head.head_id,
            });
        }
        n += 1;
    }
    Ok(Finding::Anchored { checkpoints: n })
}
