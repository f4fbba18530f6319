//! 导出 Excel / 导出 CSV of the proposal inbox: every proposal the current filters keep
//! (all of them, not the page shown), with the members' and staff's events, through
//! `staff::export` (the same cells in both files).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::date_of;
use super::service::StaffCtx;
use crate::domain::lifecycle::ProposalEvent;
use crate::domain::proposal::Proposal;
use crate::staff::export::{proposal_sheet, to_csv, unique_events};
use crate::staff::import::ItemType;
use crate::store::{ProposalInboxFilter, StaffStore, StoreError};
use crate::ui::files::download_bytes;
use crate::ui::service::{now_ms, store_error_text, AppCtx};

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The proposals `filter` keeps and every event on them (members' hand-ins and staff
/// actions, each once).
pub async fn proposals_with_events(
    staff: &StaffStore,
    filter: &ProposalInboxFilter,
) -> Result<(Vec<Proposal>, Vec<ProposalEvent>), StoreError> {
    let proposals: Vec<Proposal> = staff
        .all_items(ItemType::Proposal)
        .await?
        .into_iter()
        .filter(|i| filter.keeps(i))
        .filter_map(|i| serde_json::from_value(i.data).ok())
        .collect();
    let handed_in = staff
        .all_items(ItemType::ProposalEvent)
        .await?
        .into_iter()
        .filter_map(|i| serde_json::from_value::<ProposalEvent>(i.data).ok());
    let by_staff = staff.actions().await?.into_iter().map(|a| a.event);
    Ok((proposals, unique_events(handed_in.chain(by_staff))))
}

/// Minutes east of UTC on this device (JS gives them west).
fn offset_minutes() -> i32 {
    #[allow(clippy::cast_possible_truncation)]
    let west = js_sys::Date::new_0().get_timezone_offset() as i32;
    -west
}

#[component]
pub fn ExportButtons(filter: RwSignal<ProposalInboxFilter>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let export = move |xlsx: bool| {
        let f = filter.get_untracked();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let t = ctx.t();
            let result = async { proposals_with_events(&staff.staff()?, &f).await }.await;
            busy.try_set(false);
            let (proposals, events) = match result {
                Ok(r) => r,
                Err(e) => {
                    error.try_set(Some(store_error_text(t, &e).to_string()));
                    return;
                }
            };
            let now = now_ms();
            let sheet = proposal_sheet(t, &proposals, &events, offset_minutes());
            let date = date_of(now);
            let delivered = if xlsx {
                super::xlsx::workbook(vec![sheet], now)
                    .await
                    .ok()
                    .and_then(|bytes| download_bytes(&bytes, XLSX_MIME, &(t.staff_export_file)(&date, "xlsx")).ok())
            } else {
                let text = to_csv(&sheet);
                download_bytes(text.as_bytes(), "text/csv;charset=utf-8", &(t.staff_export_file)(&date, "csv")).ok()
            };
            if delivered.is_none() {
                error.try_set(Some(t.staff_export_failed.to_string()));
            }
        });
    };
    view! {
        <div class="export-actions">
            <button type="button" class="button small" disabled=move || busy.get() on:click=move |_| export(true)>
                {ctx.text(|t| t.staff_export_xlsx)}
            </button>
            <button type="button" class="button small" disabled=move || busy.get() on:click=move |_| export(false)>
                {ctx.text(|t| t.staff_export_csv)}
            </button>
            <span class="save-error" role="alert">{move || error.get()}</span>
        </div>
    }
}
