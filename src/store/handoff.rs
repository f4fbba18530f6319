//! The hand-off side of storage: this device's signing key (`keys`) and the record of
//! every bundle it signed (`sent_bundles`), which says what was handed in when and lets the
//! next export take only what changed since.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::db::Db;
use super::error::Result;
use super::query::{PageQuery, MAX_PAGE_SIZE};
use super::schema::{indexes, stores};

/// Id of the one key record.
pub const DEVICE_KEY_ID: &str = "device";

/// This device's Ed25519 key. Losing it loses no data: the member makes a new one and
/// staff enrol it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceKeyRecord {
    /// Always [`DEVICE_KEY_ID`].
    pub id: String,
    /// A UUID naming this device in every bundle it signs.
    pub device_id: String,
    /// The public key, base64url (as in bundles).
    pub public_key: String,
    pub key_id: String,
    pub created_ms: i64,
    /// The 32-byte seed, standard base64, while no passphrase protects it.
    #[serde(default)]
    pub seed: Option<String>,
    /// The seed sealed with the member's passphrase (`bundle::seal::Sealed` as JSON).
    #[serde(default)]
    pub sealed: Option<serde_json::Value>,
}

/// One item as it was handed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentItem {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    pub rev: u32,
    pub updated_at: String,
}

/// A bundle this device signed, kept so the member sees what was handed in when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentBundle {
    /// The bundle id (UUIDv7).
    pub id: String,
    /// Per-device counter, from 1; unique (a second bundle with the same number fails).
    pub seq: u64,
    pub created_ms: i64,
    /// SHA-256 of the payload bytes, hex: the next bundle's `prev`.
    pub payload_sha256: String,
    pub file_name: String,
    /// Size of the file in bytes.
    pub size: u64,
    pub items: Vec<SentItem>,
    #[serde(default)]
    pub attachments: u32,
    /// When a staff receipt confirmed this bundle was received (已接收).
    #[serde(default)]
    pub received_ms: Option<i64>,
}

/// What was handed in last for each `(type, id)`: `(rev, updated_at)`.
pub type Manifest = HashMap<(String, String), (u32, String)>;

#[derive(Clone, Debug)]
pub struct HandoffStore {
    db: Db,
}

impl HandoffStore {
    pub fn new(db: &Db) -> Self {
        HandoffStore { db: db.clone() }
    }

    pub async fn key(&self) -> Result<Option<DeviceKeyRecord>> {
        self.db.read_tx(&[stores::KEYS])?.get(stores::KEYS, DEVICE_KEY_ID).await
    }

    /// Stores the key record, replacing the previous one (a new key, or a passphrase set
    /// or removed).
    pub async fn save_key(&self, key: &DeviceKeyRecord) -> Result<()> {
        let tx = self.db.write_tx(&[stores::KEYS])?;
        tx.put(stores::KEYS, key)?;
        tx.commit().await
    }

    /// The newest bundle signed here, if any: its `seq + 1` and hash are the next bundle's.
    pub async fn last_sent(&self) -> Result<Option<SentBundle>> {
        let query = PageQuery::newest_first(indexes::BY_SEQ).limit(1);
        let page = self.db.read_tx(&[stores::SENT_BUNDLES])?.page(stores::SENT_BUNDLES, &query).await?;
        Ok(page.items.into_iter().next())
    }

    /// Records a signed bundle. Fails with [`super::StoreError::Constraint`] if its `seq`
    /// was used already (two exports racing), so a number is never handed in twice.
    pub async fn record_sent(&self, sent: &SentBundle) -> Result<()> {
        let tx = self.db.write_tx(&[stores::SENT_BUNDLES])?;
        tx.add(stores::SENT_BUNDLES, sent)?;
        tx.commit().await
    }

    /// Every bundle signed here, newest first (a member hands in a few a year).
    pub async fn sent(&self) -> Result<Vec<SentBundle>> {
        let query = PageQuery::newest_first(indexes::BY_SEQ).limit(MAX_PAGE_SIZE);
        self.db.read_tx(&[stores::SENT_BUNDLES])?.all(stores::SENT_BUNDLES, &query).await
    }

    /// Marks the bundles `ids` as received by staff (once: the first receipt's time
    /// stays). Returns how many of them this device signed.
    pub async fn acknowledge(&self, ids: &[String], now_ms: i64) -> Result<u32> {
        let tx = self.db.write_tx(&[stores::SENT_BUNDLES])?;
        let mut known = 0;
        for id in ids {
            if let Some(mut sent) = tx.get::<SentBundle>(stores::SENT_BUNDLES, id.as_str()).await? {
                known += 1;
                if sent.received_ms.is_none() {
                    sent.received_ms = Some(now_ms);
                    tx.put(stores::SENT_BUNDLES, &sent)?;
                }
            }
        }
        tx.commit().await?;
        Ok(known)
    }

    /// For each item ever handed in, the last `(rev, updated_at)` handed in.
    pub async fn manifest(&self) -> Result<Manifest> {
        let query = PageQuery::oldest_first(indexes::BY_SEQ).limit(MAX_PAGE_SIZE);
        let all: Vec<SentBundle> = self.db.read_tx(&[stores::SENT_BUNDLES])?.all(stores::SENT_BUNDLES, &query).await?;
        let mut out = Manifest::new();
        for bundle in all {
            for item in bundle.items {
                out.insert((item.kind, item.id), (item.rev, item.updated_at));
            }
        }
        Ok(out)
    }
}
