//! 提案线索: capture in two taps (open this page, type, 保存), with an optional photo
//! (shrunk and thumbnailed like a duty photo, stored with the clue in one transaction),
//! list, delete, and turn a clue into a proposal draft that links back to it; the photo
//! then becomes the draft's first attachment (see `store/clues.rs`).

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use send_wrapper::SendWrapper;

use super::duty::photos::{photo_error, PhotoDoors, THUMB_SIDE};
use crate::domain::clue::{Clue, ClueLimits, ClueProblem};
use crate::i18n::file_size;
use crate::store::{AttachmentMeta, PageCursor, StoreError};
use crate::ui::components::page_header::PageHeader;
use crate::ui::device::too_little_space;
use crate::ui::files::{object_url, take_chosen};
use crate::ui::photo::prepare_photo;
use crate::ui::service::{new_id, now_ms, store_error_text, this_year, today_iso, AppCtx};

const PAGE_SIZE: u32 = 20;

/// The photo chosen for the clue being typed, already shrunk; stored on 保存.
#[derive(Clone)]
struct Chosen {
    name: String,
    photo: web_sys::Blob,
    thumb: web_sys::Blob,
}

/// A clue's thumbnail from an object URL released with the view; nothing at all when the
/// photo is gone (it went to a draft that was deleted since).
#[component]
fn ClueThumb(id: String) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let url = object_url(async move { ctx.clues().ok()?.photo(&id, true).await.ok().flatten() });
    move || url.get().map(|u| view! { <img class="thumb" alt=ctx.text(|t| t.clue_photo) decoding="async" src=u /> })
}

#[component]
pub fn CluesPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let navigate = use_navigate();

    let clues = RwSignal::new(Vec::<Clue>::new());
    let next = RwSignal::new(None::<PageCursor>);
    let error = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<ClueProblem>::new());
    let saved = RwSignal::new(false);
    let chosen = StoredValue::new(None::<SendWrapper<Chosen>>);
    // The chosen photo's thumbnail, shown in the form until 保存 or ✕.
    let preview = RwSignal::new(None::<String>);
    let photo_working = RwSignal::new(false);
    let choose = move |c: Option<Chosen>| {
        let url = c.as_ref().and_then(|c| web_sys::Url::create_object_url_with_blob(&c.thumb).ok());
        if let Some(Some(old)) = preview.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        chosen.try_set_value(c.map(SendWrapper::new));
        preview.try_set(url);
    };
    on_cleanup(move || choose(None));

    let fetch = move |more: bool| {
        let after = if more { next.get_untracked() } else { None };
        spawn_local(async move {
            let result = match ctx.clues() {
                Ok(store) => store.list(after, PAGE_SIZE).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(page) => {
                    if more {
                        clues.update(|v| v.extend(page.items));
                    } else {
                        clues.set(page.items);
                    }
                    next.set(page.next);
                }
                Err(e) => error.set(Some(store_error_text(ctx.t(), &e).to_string())),
            }
        });
    };
    fetch(false);

    let text = NodeRef::<html::Textarea>::new();
    let place = NodeRef::<html::Input>::new();
    let date = NodeRef::<html::Input>::new();
    // The capture box is ready to type into as soon as the page opens (the first tap).
    Effect::new(move |_| {
        if let Some(el) = text.get() {
            let _ = el.focus();
        }
    });

    // One photo per clue: choosing again replaces it. Shrunk at once, so 保存 is quick.
    let on_photo = move |ev: leptos::ev::Event| {
        let Some(file) = take_chosen(&ev).into_iter().next() else { return };
        photo_working.set(true);
        error.set(None);
        spawn_local(async move {
            let name = file.name();
            match prepare_photo(&file, ClueLimits::default().photo_side_max, THUMB_SIDE).await {
                Ok((photo, thumb, _, _)) => {
                    // Stored as JPEG whatever came in; the name says so (it is shown, and
                    // handed in with a draft made from the clue).
                    let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
                    choose(Some(Chosen { name: format!("{stem}.jpg"), photo, thumb }));
                }
                Err(e) => {
                    error.try_set(Some(photo_error(ctx.t(), &name, &e)));
                }
            }
            photo_working.try_set(false);
        });
    };

    let save = move |_| {
        let value = |r: NodeRef<html::Input>| r.get_untracked().map(|e| e.value()).unwrap_or_default();
        let body = text.get_untracked().map(|e| e.value()).unwrap_or_default();
        let day = value(date);
        let year = day.get(..4).and_then(|y| y.parse().ok()).unwrap_or_else(this_year);
        let clue = Clue::new(new_id(), body.trim().to_string(), value(place).trim().to_string(), day, year, now_ms());
        if let Err(found) = clue.validate(&ClueLimits::default()) {
            problems.set(found);
            saved.set(false);
            return;
        }
        problems.set(Vec::new());
        let mut photo = chosen.get_value().map(SendWrapper::take);
        spawn_local(async move {
            // Short of space, the words are still kept and the photo is said not to be.
            let mut note = None;
            if let Some(c) = &photo {
                if let Some(left) = too_little_space(c.photo.size() + c.thumb.size()).await {
                    note = Some((t().photo_no_space)(&file_size(left)));
                    photo = None;
                }
            }
            let result: Result<Clue, StoreError> = async {
                let store = ctx.clues()?;
                let Some(c) = &photo else { return store.save(&clue).await.map(|()| clue.clone()) };
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let meta = AttachmentMeta {
                    id: new_id(),
                    owner_id: clue.id.clone(),
                    name: c.name.clone(),
                    media_type: "image/jpeg".into(),
                    size: c.photo.size() as u64,
                    created_ms: clue.created_ms,
                };
                store.add_with_photo(&clue, &meta, &c.photo, &c.thumb).await
            }
            .await;
            match result {
                Ok(stored) => {
                    // The form is cleared only after the clue is safely stored.
                    if let Some(el) = text.get_untracked() {
                        el.set_value("");
                    }
                    choose(None);
                    saved.set(true);
                    error.set(note);
                    clues.update(|v| v.insert(0, stored));
                }
                Err(e) => error.set(Some((t().save_failed)(store_error_text(t(), &e)))),
            }
        });
    };

    let delete = move |id: String| {
        if !window().confirm_with_message(ctx.t().clue_delete_confirm).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let done = match ctx.clues() {
                Ok(store) => store.delete(&id).await,
                Err(e) => Err(e),
            };
            match done {
                Ok(()) => {
                    clues.try_update(|v| v.retain(|c| c.id != id));
                }
                Err(e) => {
                    error.try_set(Some((ctx.t().save_failed)(store_error_text(ctx.t(), &e))));
                }
            }
        });
    };

    // A double tap must not make two drafts from one clue.
    let drafting = StoredValue::new(false);
    let to_proposal = move |clue: Clue| {
        let Some(profile) = ctx.profile.get_untracked() else { return };
        if drafting.get_value() {
            return;
        }
        drafting.set_value(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let now = now_ms();
            let draft = clue.to_proposal_draft(new_id(), &profile, now, this_year());
            let mut linked = clue.clone();
            linked.link_proposal(draft.id.clone(), now);
            let result = match ctx.clues() {
                Ok(store) => store.draft_proposal(&linked, &draft).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => navigate(&format!("/proposals/{}", draft.id), Default::default()),
                Err(e) => {
                    error.set(Some((t().save_failed)(store_error_text(t(), &e))));
                    drafting.try_set_value(false);
                }
            }
        });
    };
    let to_proposal = StoredValue::new(to_proposal);

    let problem_text = move || problems.with(|ps| ps.iter().map(|p| t().clue_problem(*p)).collect::<Vec<_>>().join("；"));

    view! {
        <PageHeader title=ctx.text(|t| t.clues_title)>
            <A href="/proposals" attr:class="button small">{ctx.text(|t| t.tab_proposals)}</A>
        </PageHeader>
        <section class="card capture">
            <label for="clue-text" class="label">{ctx.text(|t| t.clue_capture)}</label>
            <p class="hint" id="clue-hint">{ctx.text(|t| t.clue_hint)}</p>
            <textarea id="clue-text" node_ref=text rows="4" aria-describedby="clue-hint clue-error"
                on:input=move |_| saved.set(false)></textarea>
            <div class="capture-meta">
                <label for="clue-place" class="sr-only">{ctx.text(|t| t.clue_place)}</label>
                <input id="clue-place" node_ref=place type="text" placeholder=ctx.text(|t| t.clue_place) />
                <label for="clue-date" class="sr-only">{ctx.text(|t| t.clue_date)}</label>
                <input id="clue-date" node_ref=date type="date" value=today_iso() />
            </div>
            <div class="capture-photo">
                {move || preview.get().map(|u| view! {
                    <div class="photo-strip">
                        <img class="thumb" id="clue-photo-preview" alt=ctx.text(|t| t.clue_photo) src=u />
                        <button type="button" class="icon-button photo-remove" on:click=move |_| choose(None)
                            aria-label=ctx.text(|t| t.photo_remove) title=ctx.text(|t| t.photo_remove)>"✕"</button>
                    </div>
                })}
                <PhotoDoors on_change=on_photo />
            </div>
            <p class="hint">{move || if photo_working.get() {
                Some(t().photo_working)
            } else {
                preview.with(Option::is_some).then(|| t().clue_photo_note)
            }}</p>
            <p class="error" id="clue-error" role="alert">{problem_text}</p>
            <p class="save-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <span class="ok-note" role="status">{move || saved.get().then(|| t().clue_saved)}</span>
                // Not while a photo is being shrunk: it would be left behind for the next clue.
                <button type="button" class="button primary" disabled=move || photo_working.get() on:click=save>
                    {ctx.text(|t| t.save)}
                </button>
            </div>
        </section>
        <Show when=move || clues.with(Vec::is_empty)>
            <p class="empty-state">{ctx.text(|t| t.clues_empty)}</p>
        </Show>
        <ul class="cards">
            <For each=move || clues.get() key=|c| (c.id.clone(), c.updated_ms) let:clue>
                <li class="card clue">
                    <div class="clue-main">
                        <div class="clue-words">
                            <p class="clue-text">{clue.text.clone()}</p>
                            <p class="card-meta">
                                <span>{clue.date.clone()}</span>
                                <span>{clue.place.clone()}</span>
                            </p>
                        </div>
                        {clue.photo_id.clone().map(|id| view! { <ClueThumb id /> })}
                    </div>
                    <div class="clue-actions">
                    {match clue.proposal_id.clone() {
                        Some(pid) => view! {
                            <A href=format!("/proposals/{pid}") attr:class="button small">{ctx.text(|t| t.clue_open_proposal)}</A>
                        }.into_any(),
                        None => {
                            let c = clue.clone();
                            view! {
                                <button type="button" class="button small"
                                    on:click=move |_| to_proposal.with_value(|f| f(c.clone()))>
                                    {ctx.text(|t| t.clue_to_proposal)}
                                </button>
                            }.into_any()
                        }
                    }}
                    {
                        let id = clue.id.clone();
                        view! {
                            <button type="button" class="button small danger-text" on:click=move |_| delete(id.clone())>
                                {ctx.text(|t| t.clue_delete)}
                            </button>
                        }
                    }
                    </div>
                </li>
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <div class="more"><button type="button" class="button" on:click=move |_| fetch(true)>{ctx.text(|t| t.load_more)}</button></div>
        </Show>
    }
}
