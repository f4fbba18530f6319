//! 附件: photos and files attached to a proposal, with the limits stated on screen.
//!
//! The list is read from storage by owner; adding and removing go through
//! `AttachmentStore`, which reads the stored proposal in the same transaction and changes
//! only its `attachment_ids`, so text the editor autosaves meanwhile is never overwritten.
//! Files are checked by `domain::proposal::check_attachment` before anything is stored.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::proposal::{check_attachment, Proposal, ProposalLimits};
use crate::i18n::file_size;
use crate::store::{AttachmentMeta, StoreError};
use crate::ui::device::too_little_space;
use crate::ui::service::{new_id, now_ms, store_error_text, AppCtx};

/// How long an opened file's object URL lives (the new tab has loaded it by then).
const URL_LIFETIME_MS: u32 = 60_000;

#[component]
pub fn Attachments(proposal: Proposal, frozen: bool) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let limits = ProposalLimits::default();
    let owner = StoredValue::new(proposal.id);
    let items = RwSignal::new(Vec::<AttachmentMeta>::new());
    let message = RwSignal::new(None::<String>);
    let store = move || ctx.proposals().map(|p| p.attachments());
    let fail = move |e: StoreError| {
        message.try_set(Some(failed(ctx, &e)));
    };

    spawn_local(async move {
        let Some(id) = owner.try_get_value() else { return };
        let done = match store() { Ok(s) => s.list(&id).await, Err(e) => Err(e) };
        match done {
            Ok(list) => {
                items.try_set(list);
            }
            Err(e) => fail(e),
        }
    });

    // Several files may be chosen at once; each is checked against the count so far.
    let on_files = move |ev: leptos::ev::Event| {
        // Emptied as it is read: the same file can be chosen again after a refusal.
        let files = crate::ui::files::take_chosen(&ev);
        spawn_local(async move {
            let mut said = Vec::new();
            for file in files {
                let name = file.name();
                let blob: web_sys::Blob = file.into();
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let size = blob.size() as u64;
                let Some(count) = items.try_with_untracked(Vec::len) else { return };
                let media_type = match check_attachment(&ProposalLimits::default(), count, &name, &blob.type_(), size) {
                    Ok(m) => m,
                    Err(problem) => {
                        said.push(ctx.t().attachment_problem(&name, problem));
                        continue;
                    }
                };
                // Said plainly before the browser refuses the write half-way, as for duty photos.
                if let Some(left) = too_little_space(blob.size()).await {
                    said.push((ctx.t().attachment_no_space)(&file_size(left)));
                    break;
                }
                let Some(owner_id) = owner.try_get_value() else { return };
                let meta = AttachmentMeta { id: new_id(), owner_id, name, media_type, size, created_ms: now_ms() };
                let done = match store() { Ok(s) => s.add(&meta, &blob).await, Err(e) => Err(e) };
                match done {
                    Ok(_) => {
                        items.try_update(|v| v.push(meta));
                    }
                    Err(e) => {
                        // Storage full or failing: the next files would fail the same way.
                        said.push(failed(ctx, &e));
                        break;
                    }
                }
            }
            message.try_set((!said.is_empty()).then(|| said.join("；")));
        });
    };

    // One handler for the whole list (links open, buttons remove), found by `data-id`:
    // a closure per row would cost code for every row type (see "Size discipline").
    let on_list = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(id) = el.get_attribute("data-id") else { return };
        ev.prevent_default();
        if el.tag_name() == "A" {
            // Opened inside the tap, so popup blockers let it through; pointed at the file
            // once it is read.
            let Some(win) = window().open_with_url_and_target("", "_blank").ok().flatten() else { return };
            spawn_local(async move {
                let done = match store() { Ok(s) => s.get_blob(&id).await, Err(e) => Err(e) };
                let url = match done {
                    Ok(Some(blob)) => web_sys::Url::create_object_url_with_blob(&blob).ok(),
                    Ok(None) => None,
                    Err(e) => {
                        fail(e);
                        None
                    }
                };
                let Some(url) = url else {
                    let _ = win.close();
                    return;
                };
                let _ = js_sys::Reflect::set(&win, &JsValue::from_str("location"), &JsValue::from_str(&url));
                gloo::timers::callback::Timeout::new(URL_LIFETIME_MS, move || {
                    let _ = web_sys::Url::revoke_object_url(&url);
                })
                .forget();
            });
            return;
        }
        let name = items.with_untracked(|v| v.iter().find(|a| a.id == id).map(|a| a.name.clone()));
        if !window().confirm_with_message(&(ctx.t().attachment_remove_confirm)(&name.unwrap_or_default())).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let done = match store() { Ok(s) => s.delete(&id).await, Err(e) => Err(e) };
            match done {
                Ok(()) => {
                    items.try_update(|v| v.retain(|a| a.id != id));
                    message.try_set(None);
                }
                Err(e) => fail(e),
            }
        });
    };

    let max_mb = limits.attachment_bytes_max / (1024 * 1024);
    view! {
        <section class="field attachments">
            <span class="label">{ctx.text(|t| t.attachments)}</span>
            <p class="hint">{move || (ctx.t().attachments_limits)(limits.attachments_max, max_mb)}</p>
            <ul class="attachment-list" on:click=on_list>
                {move || items.get().into_iter().map(|a| view! {
                    <li>
                        <a href="#" data-id=a.id.clone()>{a.name}</a>
                        " "<span class="muted">{file_size(a.size)}</span>" "
                        <button type="button" class="icon-button" data-id=a.id hidden=frozen
                            aria-label=ctx.text(|t| t.attachment_remove) title=ctx.text(|t| t.attachment_remove)>"✕"</button>
                    </li>
                }).collect_view()}
            </ul>
            <p class="error" role="alert">{move || message.get()}</p>
            {(!frozen).then(|| view! {
                <label class="button small">
                    {ctx.text(|t| t.attachments_add)}
                    <input type="file" class="sr-only" accept="image/*,application/pdf" multiple on:change=on_files />
                </label>
            })}
        </section>
    }
}

/// "保存失败：<why>" for a storage failure; one copy of the code for every call site.
#[inline(never)]
fn failed(ctx: AppCtx, e: &StoreError) -> String {
    (ctx.t().save_failed)(store_error_text(ctx.t(), e))
}
