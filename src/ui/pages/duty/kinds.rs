//! The grouped kind picker, shared by the log's filter and the entry form.

use leptos::prelude::*;

use crate::domain::duty::{DutyGroup, DutyKind};
use crate::ui::service::AppCtx;

/// `<optgroup>`s of every kind, grouped as in the glossary; `selected` is pre-chosen.
#[component]
pub fn KindOptions(selected: Option<DutyKind>) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    DutyGroup::ALL
        .into_iter()
        .map(|g| {
            view! {
                <optgroup label=move || ctx.t().duty_group(g)>
                    {g.kinds().map(|k| view! {
                        <option value=k.as_str() selected=selected == Some(k)>{move || ctx.t().duty_kind(k)}</option>
                    }).collect_view()}
                </optgroup>
            }
        })
        .collect_view()
}
