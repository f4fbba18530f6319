use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::{lang_switch::LangSwitch, page_header::PageHeader};
use crate::ui::service::AppCtx;

#[component]
pub fn MePage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let profile = move || ctx.profile.get();
    let row = move |label: fn(&'static crate::i18n::Texts) -> &'static str, value: String| {
        view! { <div class="kv"><dt>{ctx.text(label)}</dt><dd>{value}</dd></div> }
    };
    view! {
        <PageHeader title=ctx.text(|t| t.me_title) />
        <section class="card">
            <div class="card-head">
                <h2>{ctx.text(|t| t.me_profile)}</h2>
                <A href="/me/profile" attr:class="button small">{ctx.text(|t| t.me_edit_profile)}</A>
            </div>
            {move || profile().map(|p| {
                let role = ctx.text(if p.is_standing { |t| t.me_standing_yes } else { |t| t.me_standing_no });
                view! {
                    <p class="who"><span class="who-name">{p.name.clone()}</span><span class="badge">{role}</span></p>
                    <dl class="kvs">
                        {row(|t| t.field_member_id, p.member_id.clone())}
                        {row(|t| t.field_committee, p.committee.clone())}
                        {row(|t| t.field_sector, p.sector.clone())}
                        {row(|t| t.field_phone, p.phone.clone())}
                    </dl>
                }
            })}
        </section>
        <super::key::KeyCard />
        <super::backup::BackupCard />
        <super::device::StorageCard />
        <super::device::InstallCard />
        <section class="card">
            <h2>{ctx.text(|t| t.me_language)}</h2>
            <LangSwitch />
        </section>
        <section class="card muted">
            <h2>{ctx.text(|t| t.me_about)}</h2>
            // A page of its own (another app under /staff/), not a route of this one.
            <p><a href="/staff/" rel="external">{ctx.text(|t| t.staff_entry)}</a></p>
            <p>{move || (t().me_version)(env!("CARGO_PKG_VERSION"))}</p>
        </section>
    }
}
