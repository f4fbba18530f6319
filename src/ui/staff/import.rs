//! 导入: many bundle files at once (picked or dropped), one result row per file. Files are
//! handled one after the other, each stored in one transaction before the next is looked
//! at, so the same file twice in one drop is a duplicate, never half-written.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::service::{import_file, FileRow, RowKind, StaffCtx};
use super::{date_of, files_of, read_bytes};
use crate::bundle::BUNDLE_MAX_BYTES;
use crate::store::InboxRecord;
use crate::ui::service::AppCtx;
use crate::ui::timing;

#[component]
pub fn ImportPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let staff = StaffCtx::use_ctx();
    let t = move || ctx.t();
    let rows = RwSignal::new(Vec::<FileRow>::new());
    let working = RwSignal::new(None::<(usize, usize)>);
    let over = RwSignal::new(false);
    let recent = RwSignal::new(Vec::<InboxRecord>::new());
    let load_recent = move || {
        spawn_local(async move {
            if let Ok(list) = async { staff.staff()?.bundles(20).await }.await {
                recent.try_set(list);
            }
        })
    };
    load_recent();

    let run = move |files: Vec<web_sys::File>| {
        if files.is_empty() || working.get_untracked().is_some() {
            return;
        }
        rows.set(Vec::new());
        spawn_local(async move {
            let n = files.len();
            for (i, file) in files.into_iter().enumerate() {
                working.try_set(Some((i + 1, n)));
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let bytes = if file.size() as usize > BUNDLE_MAX_BYTES {
                    vec![0u8; BUNDLE_MAX_BYTES + 1]
                } else {
                    read_bytes(&file).await
                };
                timing::mark("lvzhi:import:start");
                let row = match staff.staff() {
                    Ok(s) => import_file(&s, ctx.t(), &file.name(), &bytes).await,
                    Err(_) => continue,
                };
                timing::measure("lvzhi:import", "lvzhi:import:start");
                rows.update(|r| r.push(row));
            }
            working.try_set(None);
            load_recent();
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else { return };
        let files = files_of(&target);
        if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(target) {
            input.set_value("");
        }
        run(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        let dt = js_sys::Reflect::get(&ev, &"dataTransfer".into()).unwrap_or_default();
        run(files_of(&dt));
    };

    let summary = move || {
        let r = rows.get();
        if r.is_empty() || working.get().is_some() {
            return None;
        }
        let count = |kinds: &[RowKind]| r.iter().filter(|x| kinds.contains(&x.kind)).count();
        Some((t().staff_import_summary)(
            r.len(),
            count(&[RowKind::New]),
            count(&[RowKind::Duplicate]),
            count(&[RowKind::Pending, RowKind::Confirm]),
            count(&[RowKind::Rejected, RowKind::Conflict, RowKind::Failed]),
        ))
    };

    view! {
        <header class="page-header"><h1>{ctx.text(|t| t.staff_import_title)}</h1></header>
        <section class="card import-card">
            <p class="hint">{ctx.text(|t| t.staff_import_hint)}</p>
            <div
                class="drop-zone"
                class:over=move || over.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); over.set(true); }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <label class="button file-button">
                    {ctx.text(|t| t.staff_import_pick)}
                    <input type="file" multiple accept=".json,application/json" class="sr-only import-files" on:change=on_pick />
                </label>
                <span class="muted">{ctx.text(|t| t.staff_import_drop)}</span>
            </div>
            <p class="muted" role="status">{move || working.get().map(|(i, n)| (t().staff_import_working)(i, n))}</p>
            <p class="import-summary" role="status">{summary}</p>
            <Show when=move || !rows.get().is_empty()>
                <table class="staff-table import-results">
                    <thead><tr>
                        <th>{ctx.text(|t| t.staff_col_file)}</th>
                        <th>{ctx.text(|t| t.staff_col_signer)}</th>
                        <th>{ctx.text(|t| t.staff_col_result)}</th>
                        <th>{ctx.text(|t| t.staff_col_detail)}</th>
                    </tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|r| row_view(ctx, r)).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
        <section class="card">
            <h2>{ctx.text(|t| t.staff_recent_title)}</h2>
            {move || {
                let list = recent.get();
                if list.is_empty() {
                    return view! { <p class="muted">{t().staff_recent_empty}</p> }.into_any();
                }
                view! {
                    <table class="staff-table recent-bundles">
                        <tbody>
                            {list.into_iter().map(|b| view! {
                                <tr>
                                    <td>{date_of(b.received_ms)}</td>
                                    <td>{format!("{}（{}）", b.name, b.member_id)}</td>
                                    <td class="file-cell">{b.file_name.clone()}</td>
                                    <td>{(t().staff_import_counts)(b.counts.new, b.counts.updated, b.counts.skipped)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn row_view(ctx: AppCtx, r: FileRow) -> impl IntoView {
    let t = ctx.t();
    let class = match r.kind {
        RowKind::New => "result good",
        RowKind::Duplicate => "result plain",
        RowKind::Pending | RowKind::Confirm => "result wait",
        RowKind::Conflict | RowKind::Rejected | RowKind::Failed => "result bad",
    };
    let enrol = matches!(r.kind, RowKind::Pending | RowKind::Confirm);
    let mut detail = r.counts.map(|c| (t.staff_import_counts)(c.new, c.updated, c.skipped)).into_iter().collect::<Vec<_>>();
    detail.extend(r.detail);
    view! {
        <tr>
            <td class="file-cell">{r.file_name}</td>
            <td>{r.signer.unwrap_or_default()}</td>
            <td><span class=class>{r.label}</span></td>
            <td>
                {detail.join("；")}
                {enrol.then(|| view! { " " <a href="/staff/roster#pending">{t.staff_go_enrol}</a> })}
            </td>
        </tr>
    }
}
