//! Photos of a duty entry: taken with the phone's camera or picked, shrunk in the browser
//! to at most `DutyLimits::photo_side_max` px (JPEG) with a small thumbnail for lists, and
//! stored as Blobs beside the entry.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::domain::duty::{DutyLimits, DutyLog};
use crate::i18n::Texts;
use crate::store::{AttachmentMeta, StoreError};
use crate::ui::files::{object_url, take_chosen};
use crate::ui::photo::{prepare_photo, PhotoError, INPUT_BYTES_MAX};
use crate::ui::device::too_little_space;
use crate::ui::service::{new_id, now_ms, store_error_text, AppCtx};
use crate::i18n::file_size;

/// Longest side of a list thumbnail, in px (shown at 56 CSS px, sharp on 3× screens).
pub const THUMB_SIDE: u32 = 240;

/// Reads the entry form as a record (`None` once the form is gone).
pub type ReadEntry = StoredValue<SendWrapper<Box<dyn Fn() -> Option<DutyLog>>>>;

/// A stored photo's thumbnail (or the photo itself), shown from an object URL that is
/// revoked when the view goes away.
#[component]
pub fn Thumb(id: String, #[prop(optional)] full: bool) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let url = object_url(async move { ctx.duty().ok()?.photo(&id, !full).await.ok().flatten() });
    view! {
        <img class=if full { "photo" } else { "thumb" } alt="" decoding="async" src=move || url.get() />
    }
}

/// The photo strip of the entry form. `current` reads the form as a record: a photo needs
/// the entry stored first, so an entry that was never saved is saved before its photo.
#[component]
pub fn Photos(
    log_id: String,
    initial: Vec<String>,
    current: ReadEntry,
) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let limits = DutyLimits::default();
    let log_id = StoredValue::new(log_id);
    let ids = RwSignal::new(initial);
    let message = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);

    let on_files = move |ev: leptos::ev::Event| {
        let files = take_chosen(&ev);
        let Some(log) = current.with_value(|read| read()) else { return };
        working.set(true);
        message.set(None);
        spawn_local(async move {
            let t = ctx.t();
            let mut said = Vec::new();
            for file in files {
                let name = file.name();
                if ids.try_with_untracked(Vec::len).unwrap_or(usize::MAX) >= limits.photos_max {
                    said.push((t.photos_limits)(limits.photos_max, limits.photo_side_max));
                    break;
                }
                let (photo, thumb) = match prepare_photo(&file, limits.photo_side_max, THUMB_SIDE).await {
                    Ok((photo, thumb, _, _)) => (photo, thumb),
                    Err(e) => {
                        said.push(photo_error(t, &name, &e));
                        continue;
                    }
                };
                // Said plainly before the browser refuses the write half-way.
                if let Some(left) = too_little_space(photo.size() + thumb.size()).await {
                    said.push((t.photo_no_space)(&file_size(left)));
                    break;
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let meta = AttachmentMeta {
                    id: new_id(),
                    owner_id: log.id.clone(),
                    name: name.clone(),
                    media_type: "image/jpeg".into(),
                    size: photo.size() as u64,
                    created_ms: now_ms(),
                };
                let stored = async {
                    let store = ctx.duty()?;
                    if store.get(&log.id).await?.is_none() {
                        store.save(&log).await?;
                    }
                    store.add_photo(&log.id, &meta, &photo, &thumb).await
                }
                .await;
                match stored {
                    Ok(saved) => {
                        ids.try_set(saved.photo_ids);
                    }
                    Err(e) => {
                        // Storage full or failing: the next photos would fail the same way.
                        said.push((t.save_failed)(store_error_text(t, &e)));
                        break;
                    }
                }
            }
            working.try_set(false);
            message.try_set((!said.is_empty()).then(|| said.join("；")));
        });
    };

    let remove = move |photo_id: String| {
        if !window().confirm_with_message(ctx.t().photo_remove_confirm).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let Some(log_id) = log_id.try_get_value() else { return };
            let done: Result<DutyLog, StoreError> = async { ctx.duty()?.remove_photo(&log_id, &photo_id).await }.await;
            match done {
                Ok(saved) => {
                    ids.try_set(saved.photo_ids);
                }
                Err(e) => {
                    message.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
            }
        });
    };

    view! {
        <fieldset class="field photos">
            <legend>{ctx.text(|t| t.duty_photos)}</legend>
            <p class="hint">{move || (ctx.t().photos_limits)(limits.photos_max, limits.photo_side_max)}</p>
            <ul class="photo-strip">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <li>
                        <Thumb id=id.clone() />
                        <button type="button" class="icon-button photo-remove" on:click=move |_| remove(id.clone())
                            aria-label=ctx.text(|t| t.photo_remove) title=ctx.text(|t| t.photo_remove)>"✕"</button>
                    </li>
                </For>
            </ul>
            <PhotoDoors on_change=on_files multiple=true />
            <p class="muted" role="status">{move || working.get().then(|| ctx.t().photo_working)}</p>
            <p class="error" role="alert">{move || message.get()}</p>
        </fieldset>
    }
}

pub(crate) fn photo_error(t: &Texts, name: &str, e: &PhotoError) -> String {
    match e {
        PhotoError::NotAnImage => (t.photo_not_image)(name),
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        PhotoError::TooLarge => (t.photo_too_large)(name, (INPUT_BYTES_MAX / (1024.0 * 1024.0)) as u64),
        PhotoError::Failed(why) => (t.photo_failed)(name, why),
    }
}

/// Two doors to a photo: the camera (phones open it directly) and the album (`multiple`:
/// several at once).
#[component]
pub fn PhotoDoors(on_change: impl FnMut(leptos::ev::Event) + Clone + 'static, #[prop(optional)] multiple: bool) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let on_album = on_change.clone();
    view! {
        <div class="photo-actions">
            <label class="button small file-button">
                {ctx.text(|t| t.photo_take)}
                <input type="file" accept="image/*" capture="environment" class="sr-only" on:change=on_change />
            </label>
            <label class="button small file-button">
                {ctx.text(|t| t.photo_pick)}
                <input type="file" accept="image/*" multiple=multiple class="sr-only" on:change=on_album />
            </label>
        </div>
    }
}
