//! The receipt (回执) staff hand back: a signed bundle of kind `staff-receipt`, signed by
//! the committee's key, telling each member which of their bundles arrived and what staff
//! recorded on their proposals. Its items are described in `docs/BUNDLE.md`.
//!
//! The member app accepts a receipt only under the committee key it pinned
//! ([`read_receipt`]); the updates are ordinary lifecycle events `by: Actor::Staff`, which
//! the member's app records on the proposals with `domain::lifecycle::record`, skipping
//! event ids it already holds.

use serde::{Deserialize, Serialize};

use super::import::ItemProblem;
use super::review::StaffAction;
use crate::bundle::keys::{fingerprint, public_key_b64, DeviceKey};
use crate::bundle::payload::{rfc3339_utc, AppInfo, Item, Payload, Signer, FORMAT, KIND_STAFF_RECEIPT, VERSION};
use crate::bundle::{sign, BundleError, SignedBundle, Verified};
use crate::domain::lifecycle::{timeline_order, Actor, ProposalEvent};

/// The item type of a receipt's entries.
pub const RECEIPT_STATUS: &str = "receipt_status";

/// One member's part of a receipt: item `{type: "receipt_status", id: member_id, rev: 1}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptStatus {
    pub member_id: String,
    /// Ids of the member's bundles staff received.
    pub received: Vec<String>,
    /// Staff's events on the member's proposals, oldest first.
    pub updates: Vec<ProposalEvent>,
}

/// A member's status from what staff hold: the bundles received from them and the
/// actions on their proposals (other members' actions are left out).
pub fn receipt_status(member_id: &str, received: Vec<String>, actions: &[StaffAction]) -> ReceiptStatus {
    let mut updates: Vec<ProposalEvent> =
        actions.iter().filter(|a| a.member_id == member_id).map(|a| a.event.clone()).collect();
    timeline_order(&mut updates);
    ReceiptStatus { member_id: member_id.to_string(), received, updates }
}

/// The committee as a signer: its code stands where a member id would (e.g. "QYZX"), its
/// name where a member's would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Committee {
    pub code: String,
    pub name: String,
    pub device_id: String,
}

/// Identity of one receipt bundle, from the caller (ids and clock come in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptMeta {
    /// UUIDv7 (`bundle::uuid_v7`).
    pub bundle_id: String,
    pub created_ms: i64,
    /// The committee device's bundle counter, from 1.
    pub seq: u64,
    /// Payload hash of the previous receipt from this device.
    pub prev: Option<String>,
}

/// The payload of a receipt for one member (one status) or for all (one per member; each
/// member's app reads only its own, but every member receiving the file can read the rest,
/// so per-member receipts are the default to offer).
pub fn receipt_payload(committee: &Committee, key: &DeviceKey, meta: &ReceiptMeta, statuses: &[ReceiptStatus]) -> Payload {
    let created_at = rfc3339_utc(meta.created_ms);
    let public = key.public_key();
    Payload {
        format: FORMAT.into(),
        version: VERSION,
        bundle_id: meta.bundle_id.clone(),
        kind: KIND_STAFF_RECEIPT.into(),
        created_at: created_at.clone(),
        signer: Signer {
            member_id: committee.code.clone(),
            name: committee.name.clone(),
            sector: String::new(),
            public_key: public_key_b64(&public),
            key_id: key.key_id(),
        },
        device_id: committee.device_id.clone(),
        seq: meta.seq,
        prev: meta.prev.clone(),
        app: AppInfo { name: "lvzhi".into(), version: env!("CARGO_PKG_VERSION").into() },
        items: statuses
            .iter()
            .map(|s| Item {
                r#type: RECEIPT_STATUS.into(),
                id: s.member_id.clone(),
                rev: 1,
                updated_at: created_at.clone(),
                // A plain struct of strings and integers: serializing cannot fail.
                data: serde_json::to_value(s).unwrap_or_default(),
            })
            .collect(),
        attachments: Vec::new(),
    }
}

/// Builds and signs a receipt with the committee key.
pub fn sign_receipt(
    committee: &Committee,
    key: &DeviceKey,
    meta: &ReceiptMeta,
    statuses: &[ReceiptStatus],
) -> Result<SignedBundle, BundleError> {
    sign(key, &receipt_payload(committee, key, meta, statuses))
}

/// Why the member app refuses a receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptError {
    /// A valid bundle, but not a receipt (a member's own hand-in file).
    NotAReceipt { kind: String },
    /// No committee key pinned yet: show the fingerprint and ask before pinning it.
    Unpinned { key_id: String, fingerprint: String },
    /// Signed by another key than the pinned committee key.
    OtherKey { key_id: String, fingerprint: String },
    /// An item that is not a well-formed receipt status (0-based `index`), or an update
    /// not recorded by staff.
    BadItem { index: usize, problem: ItemProblem },
}

/// What a receipt says to one member.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceiptForMe {
    /// The committee's name as it signed.
    pub committee: String,
    pub bundle_id: String,
    /// Ids of my bundles staff received.
    pub received: Vec<String>,
    /// Staff's events on my proposals, oldest first.
    pub updates: Vec<ProposalEvent>,
}

impl ReceiptForMe {
    /// A receipt addressed to other members only.
    pub fn is_empty(&self) -> bool {
        self.received.is_empty() && self.updates.is_empty()
    }
}

/// The member side: checks a verified bundle is a receipt from the pinned committee key
/// and returns what it says to `my_member_id` (empty when it is not addressed to me).
/// Every item is checked, so a receipt with one damaged entry is refused whole.
pub fn read_receipt(v: &Verified, pinned_key_id: Option<&str>, my_member_id: &str) -> Result<ReceiptForMe, ReceiptError> {
    if v.payload.kind != KIND_STAFF_RECEIPT {
        return Err(ReceiptError::NotAReceipt { kind: v.payload.kind.clone() });
    }
    let who = || (v.key_id.clone(), fingerprint(&v.key_id));
    match pinned_key_id {
        None => {
            let (key_id, fingerprint) = who();
            return Err(ReceiptError::Unpinned { key_id, fingerprint });
        }
        Some(k) if k != v.key_id => {
            let (key_id, fingerprint) = who();
            return Err(ReceiptError::OtherKey { key_id, fingerprint });
        }
        Some(_) => {}
    }
    let me = my_member_id.trim();
    let mut out = ReceiptForMe {
        committee: v.payload.signer.name.clone(),
        bundle_id: v.payload.bundle_id.clone(),
        ..Default::default()
    };
    for (index, item) in v.payload.items.iter().enumerate() {
        let bad = |problem| ReceiptError::BadItem { index, problem };
        if item.r#type != RECEIPT_STATUS {
            return Err(bad(ItemProblem::UnexpectedType));
        }
        let status: ReceiptStatus = serde_json::from_value(item.data.clone()).map_err(|_| bad(ItemProblem::Malformed))?;
        if status.member_id != item.id {
            return Err(bad(ItemProblem::IdMismatch));
        }
        if status.updates.iter().any(|e| e.by != Actor::Staff) {
            return Err(bad(ItemProblem::Malformed));
        }
        if !me.is_empty() && status.member_id.trim() == me {
            out.received.extend(status.received);
            out.updates.extend(status.updates);
        }
    }
    out.received.sort();
    out.received.dedup();
    timeline_order(&mut out.updates);
    out.updates.dedup_by(|a, b| a.id == b.id);
    Ok(out)
}
