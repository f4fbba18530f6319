//! What every bundle target checks once `verify` accepts a file: it verifies again to the
//! same result, its payload re-serialises to the bytes that were signed, and the two readers
//! behind `verify` (the staff import and the member's receipt reader) never panic on it.

use lvzhi::bundle::json::canonical;
use lvzhi::bundle::{sha256_hex, verify, Verified};
use lvzhi::staff::import::{classify, InboxView, ItemType};
use lvzhi::staff::receipt::read_receipt;
use lvzhi::staff::roster::RosterEntry;

/// An inbox that holds nothing yet, and one that holds everything (dedupe and conflict paths).
pub struct Inbox(pub bool);

impl InboxView for Inbox {
    fn bundle_by_id(&self, _key_id: &str, _bundle_id: &str) -> Option<String> {
        self.0.then(|| "0".repeat(64))
    }
    fn bundle_by_hash(&self, _payload_sha256: &str) -> bool {
        self.0
    }
    fn item_rev(&self, _member_id: &str, _item_type: ItemType, _id: &str) -> Option<u32> {
        self.0.then_some(1)
    }
}

pub fn accepted(bytes: &[u8], v: &Verified) {
    assert_eq!(verify(bytes).as_ref(), Ok(v), "an accepted file must verify again to the same result");
    let value = serde_json::to_value(&v.payload).expect("a verified payload serialises");
    assert_eq!(sha256_hex(&canonical(&value)), v.payload_sha256, "the payload must re-serialise to the signed bytes");
    let roster: [RosterEntry; 0] = [];
    let _ = classify(v.clone(), &roster, &Inbox(false));
    let _ = classify(v.clone(), &roster, &Inbox(true));
    let me = v.payload.items.first().map(|i| i.id.clone()).unwrap_or_default();
    let _ = read_receipt(v, Some(&v.key_id), &me);
    let _ = read_receipt(v, Some(&v.key_id), "");
}
