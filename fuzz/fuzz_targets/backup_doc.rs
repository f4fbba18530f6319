//! The doc inside a backup, as `open_doc` decodes it after decryption (whoever knows the
//! passphrase can seal any doc): decoding, `check`, the Blob bytes and the restore merge
//! rule never panic, and an accepted doc survives a seal/open round trip unchanged.
#![no_main]

use lvzhi::bundle::backup::{merge, open_doc, seal_doc, BackupDoc};
use lvzhi::bundle::seal::SealParams;
use libfuzzer_sys::fuzz_target;

/// At least `seal::MIN_PASSPHRASE_CHARS` characters, or sealing refuses it.
const PASS: &str = "备份口令十分安全";
const FAST: SealParams = SealParams { m_cost_kib: 8, t_cost: 1, p_cost: 1 };

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = serde_json::from_slice::<BackupDoc>(data) else { return };
    let known = ["proposals", "proposal_events", "attachments", "duty_logs", "settings"];
    if doc.check(u32::MAX, &known).is_err() {
        return;
    }
    let _ = doc.record_count();
    for b in &doc.blobs {
        assert!(b.bytes().is_some(), "check must refuse damaged base64");
    }
    for records in doc.stores.values() {
        for pair in records.windows(2).take(16) {
            let _ = merge(&pair[0], &pair[1]);
            let _ = merge(&pair[1], &pair[0]);
        }
    }
    let text = seal_doc(&doc, PASS, [1; 16], [2; 12], FAST).expect("an accepted doc seals");
    assert_eq!(open_doc(&text, PASS).as_ref(), Ok(&doc), "an accepted doc must open again unchanged");
});
