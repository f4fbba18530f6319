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

// ── Issuing receipts (the staff side's bookkeeping)

/// One bundle staff imported, as the receipts need it (from the `inbox` record).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedBundle {
    pub member_id: String,
    /// The signer's name as that bundle says.
    pub name: String,
    pub bundle_id: String,
    pub received_ms: i64,
}

/// A member who handed in bundles: what a receipt to them carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiptTarget {
    pub member_id: String,
    /// The name of the member's newest bundle (a corrected name wins).
    pub name: String,
    /// Ids of every bundle received from them, sorted.
    pub bundles: Vec<String>,
    /// Staff actions on their proposals (all of them travel in each receipt; the member's
    /// app skips the ones it already holds).
    pub updates: usize,
}

/// Every member who handed in a bundle, by member id, with their bundles and the number
/// of staff updates a receipt would carry.
pub fn receipt_targets(received: &[ReceivedBundle], actions: &[StaffAction]) -> Vec<ReceiptTarget> {
    let mut by_member: std::collections::BTreeMap<&str, (i64, ReceiptTarget)> = std::collections::BTreeMap::new();
    for b in received {
        let (newest, t) = by_member.entry(b.member_id.as_str()).or_insert_with(|| {
            (i64::MIN, ReceiptTarget { member_id: b.member_id.clone(), name: String::new(), bundles: Vec::new(), updates: 0 })
        });
        if b.received_ms >= *newest {
            *newest = b.received_ms;
            t.name = b.name.clone();
        }
        t.bundles.push(b.bundle_id.clone());
    }
    by_member
        .into_values()
        .map(|(_, mut t)| {
            t.bundles.sort();
            t.bundles.dedup();
            t.updates = actions.iter().filter(|a| a.member_id == t.member_id).count();
            t
        })
        .collect()
}

/// The statuses of a receipt for `targets` (one per member, only their own updates).
pub fn statuses_for(targets: &[ReceiptTarget], actions: &[StaffAction]) -> Vec<ReceiptStatus> {
    targets.iter().map(|t| receipt_status(&t.member_id, t.bundles.clone(), actions)).collect()
}

/// A receipt this committee device signed: what the receipts page lists, and what the
/// next receipt chains from (its `seq + 1`, its payload hash as `prev`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedReceipt {
    pub seq: u64,
    pub bundle_id: String,
    pub payload_sha256: String,
    pub created_ms: i64,
    /// One receipt for every member who handed in, rather than for one.
    pub for_all: bool,
    /// Members it speaks to, and their names, in the same order.
    pub member_ids: Vec<String>,
    pub names: Vec<String>,
    pub file_name: String,
    /// Bundles it acknowledges and staff updates it carries, over all its members.
    pub bundles: u32,
    pub updates: u32,
}

/// Seq and prev of the receipt after `last` (the first is seq 1 without prev).
pub fn next_meta(last: Option<&IssuedReceipt>, bundle_id: String, created_ms: i64) -> ReceiptMeta {
    ReceiptMeta {
        bundle_id,
        created_ms,
        seq: last.map_or(1, |l| l.seq.saturating_add(1)),
        prev: last.map(|l| l.payload_sha256.clone()),
    }
}

/// Whether `r` continues the chain after `last` (checked again where it is recorded, so
/// two tabs signing at once cannot both take the same number).
pub fn continues(last: Option<&IssuedReceipt>, r: &IssuedReceipt, prev: Option<&str>) -> bool {
    match last {
        None => r.seq == 1 && prev.is_none(),
        Some(l) => r.seq == l.seq.saturating_add(1) && prev == Some(l.payload_sha256.as_str()),
    }
}

/// Picks the members a receipt speaks to (`None`: all), builds, signs and describes it.
/// `None` when nobody chosen has handed in anything.
pub fn issue(
    committee: &Committee,
    key: &DeviceKey,
    meta: &ReceiptMeta,
    targets: &[ReceiptTarget],
    actions: &[StaffAction],
    only: Option<&[String]>,
    file_name: &str,
) -> Option<Result<(SignedBundle, IssuedReceipt), BundleError>> {
    let chosen: Vec<ReceiptTarget> =
        targets.iter().filter(|t| only.is_none_or(|ids| ids.contains(&t.member_id))).cloned().collect();
    if chosen.is_empty() {
        return None;
    }
    let statuses = statuses_for(&chosen, actions);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Some(sign_receipt(committee, key, meta, &statuses).map(|signed| {
        let issued = IssuedReceipt {
            seq: meta.seq,
            bundle_id: meta.bundle_id.clone(),
            payload_sha256: signed.payload_sha256.clone(),
            created_ms: meta.created_ms,
            for_all: only.is_none(),
            member_ids: chosen.iter().map(|t| t.member_id.clone()).collect(),
            names: chosen.iter().map(|t| t.name.clone()).collect(),
            file_name: file_name.to_string(),
            bundles: count(statuses.iter().map(|s| s.received.len()).sum()),
            updates: count(statuses.iter().map(|s| s.updates.len()).sum()),
        };
        (signed, issued)
    }))
}
