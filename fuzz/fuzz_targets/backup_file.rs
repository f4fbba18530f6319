//! A backup file (`open_doc`) with the passphrase the seed was sealed under: never panics,
//! and a doc it opens seals and opens again to the same doc. Inputs asking for more than
//! 1 MiB·pass of Argon2 work (but within the file bounds `seal::open` enforces) are skipped,
//! or each run would take a real key derivation; the bounds themselves are unit-tested.
#![no_main]

use lvzhi::bundle::backup::{open_doc, seal_doc};
use lvzhi::bundle::seal::{SealParams, MAX_M_COST_KIB, MAX_P_COST, MAX_T_COST, MAX_WORK_KIB};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The passphrase of `fuzz/seeds/backup_file/*`.
pub const PASS: &str = "模糊测试口令 fuzz";
const FAST: SealParams = SealParams { m_cost_kib: 64, t_cost: 1, p_cost: 1 };

fn too_costly(text: &str) -> bool {
    let Ok(v) = serde_json::from_str::<Value>(text) else { return false };
    let n = |k: &str| v.pointer(&format!("/sealed/{k}")).and_then(Value::as_u64).unwrap_or(0);
    let (m, t, p) = (n("m_cost_kib"), n("t_cost"), n("p_cost"));
    let allowed = m <= u64::from(MAX_M_COST_KIB) && t <= u64::from(MAX_T_COST) && p <= u64::from(MAX_P_COST) && m * t <= MAX_WORK_KIB;
    allowed && m * t > 1024
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if too_costly(text) {
        return;
    }
    if let Ok(doc) = open_doc(text, PASS) {
        let _ = doc.check(u32::MAX, &["proposals", "attachments", "duty_logs"]);
        let resealed = seal_doc(&doc, PASS, [3; 16], [4; 12], FAST).expect("an opened doc seals again");
        assert_eq!(open_doc(&resealed, PASS).as_ref(), Ok(&doc), "an opened doc must open again unchanged");
    }
});
