//! Filing receipts: what was filed (its SHA-256), when (UTC and every side's local time), which
//! submission of which kind, signed with the server's Ed25519 key. Anyone holding the published
//! public key can check a receipt offline with [`verify`]. Receipts of the first format (CMP
//! halves only, before submissions were generic) named `project_id` and `half_id`; they still
//! verify, since the signature covers the stored JSON as it was written.

use base64::{Engine, engine::general_purpose::STANDARD};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::model::hex;

/// The signed statement. Field order is fixed by the struct, so the JSON is canonical.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub format: String,
    /// `cmp_half` or `grv_candidacy`.
    pub kind: String,
    /// What the submission belongs to: the joint project of a half, the edition of a candidacy.
    pub subject_id: i64,
    pub submission_id: i64,
    pub side: String,
    pub version: i64,
    pub submitted_at_utc: String,
    /// The same instant in each side's zone, `zone=local time`.
    pub submitted_at_local: Vec<String>,
    pub content_sha256: String,
}

pub const FORMAT: &str = "passerelle-receipt-2";

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A new key pair from the operating system's randomness: (secret, public), base64.
pub fn new_key() -> (String, String) {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).expect("the operating system's random source is unavailable");
    let key = SigningKey::from_bytes(&seed);
    (
        STANDARD.encode(seed),
        STANDARD.encode(key.verifying_key().to_bytes()),
    )
}

/// Signs the canonical JSON of `payload`: (json, signature base64).
pub fn sign(secret_b64: &str, payload: &Payload) -> anyhow::Result<(String, String)> {
    let seed: [u8; 32] = STANDARD
        .decode(secret_b64)?
        .try_into()
        .map_err(|_| anyhow::anyhow!("signing key has the wrong length"))?;
    let json = serde_json::to_string(payload)?;
    let sig = SigningKey::from_bytes(&seed).sign(json.as_bytes());
    Ok((json, STANDARD.encode(sig.to_bytes())))
}

/// Checks a receipt offline: the signature of `payload_json` under `public_b64`.
pub fn verify(public_b64: &str, payload_json: &str, signature_b64: &str) -> bool {
    let Some(public) = STANDARD
        .decode(public_b64)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
    else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&public) else {
        return false;
    };
    let Ok(sig) = STANDARD
        .decode(signature_b64)
        .map_err(|_| ())
        .and_then(|s| Signature::from_slice(&s).map_err(|_| ()))
    else {
        return false;
    };
    key.verify(payload_json.as_bytes(), &sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload() -> Payload {
        Payload {
            format: FORMAT.into(),
            kind: "cmp_half".into(),
            subject_id: 1,
            submission_id: 2,
            side: "QC".into(),
            version: 1,
            submitted_at_utc: "2019-03-04T22:59:00Z".into(),
            submitted_at_local: vec!["America/Toronto=2019-03-04T17:59:00".into()],
            content_sha256: sha256_hex(b"content"),
        }
    }

    #[test]
    fn a_signed_receipt_verifies_and_any_change_breaks_it() {
        let (secret, public) = new_key();
        let (json, sig) = sign(&secret, &payload()).unwrap();
        assert!(verify(&public, &json, &sig));
        assert!(!verify(
            &public,
            &json.replace("\"version\":1", "\"version\":2"),
            &sig
        ));
        let (_, other_public) = new_key();
        assert!(!verify(&other_public, &json, &sig));
        assert!(!verify("not base64", &json, &sig));
    }
}
