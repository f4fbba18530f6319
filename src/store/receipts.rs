//! A staff receipt on the member's side: the bundles staff received are marked as such,
//! and staff's events (立案, 交办, 答复 …) go onto the member's proposals through the
//! same lifecycle rules as events the member records by hand.

use crate::domain::lifecycle::{record, ProposalEvent, TransitionError};
use crate::domain::proposal::ProposalLimits;
use crate::staff::receipt::ReceiptForMe;

use super::db::Db;
use super::error::Result;

/// What a receipt changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReceiptOutcome {
    /// My bundles that staff confirmed receiving (and that this device knows).
    pub received: u32,
    /// Events added to proposals.
    pub applied: u32,
    /// Events this device already had (the same receipt read twice).
    pub already: u32,
    /// Events for proposals this device does not have.
    pub unknown: u32,
    /// Events the lifecycle refused here (e.g. the member had recorded 立案 by hand):
    /// (proposal title, why).
    pub refused: Vec<(String, TransitionError)>,
}

/// Applies `receipt` to this device's records. Each event goes in with its proposal in
/// one transaction, so reading the same receipt again changes nothing.
pub async fn apply_receipt(db: &Db, receipt: &ReceiptForMe, now_ms: i64) -> Result<ReceiptOutcome> {
    let mut out = ReceiptOutcome { received: db.handoff().acknowledge(&receipt.received, now_ms).await?, ..Default::default() };
    let proposals = db.proposals();
    for event in &receipt.updates {
        let Some(mut p) = proposals.get(&event.proposal_id).await? else {
            out.unknown += 1;
            continue;
        };
        let known: Vec<ProposalEvent> = proposals.events(&p.id).await?;
        if known.iter().any(|e| e.id == event.id) {
            out.already += 1;
            continue;
        }
        match record(&mut p, event, &ProposalLimits::default(), now_ms) {
            Ok(()) => {
                proposals.record_event(&p, event).await?;
                out.applied += 1;
            }
            Err(e) => out.refused.push((p.title.clone(), e)),
        }
    }
    Ok(out)
}
