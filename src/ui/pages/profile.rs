//! The member profile form: first-run setup, and editing under 我的.
//!
//! Inputs are uncontrolled: their initial value is set once, and they are read through
//! `NodeRef`s on submit, so nothing writes into a field while an IME composition is open.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::domain::member::{FieldError, MemberProfile, ProfileDraft, ProfileField, SECTORS, SECTOR_OTHER};
use crate::ui::components::{field::Field, lang_switch::LangSwitch, page_header::PageHeader};
use crate::ui::service::{store_error_text, AppCtx};

/// First run: the whole screen is this form, with the language switch at hand.
#[component]
pub fn SetupPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    // This device held data before and its database is empty now (the browser cleared
    // it): say so first and open the restore form (issue 7).
    let lost = crate::ui::device::had_data();
    let restoring = RwSignal::new(lost);
    view! {
        <main class="content narrow setup" id="main">
            <div class="setup-top">
                <span class="brand">{ctx.text(|t| t.app_name)}</span>
                <LangSwitch />
            </div>
            {lost.then(|| view! {
                <section class="notice warning data-lost" role="alert">
                    <h2>{ctx.text(|t| t.data_lost_title)}</h2>
                    <p>{ctx.text(|t| t.data_lost_body)}</p>
                    <a class="button primary" href="#restore">{ctx.text(|t| t.data_lost_restore)}</a>
                </section>
            })}
            <h1>{ctx.text(|t| t.setup_title)}</h1>
            <p class="lead">{ctx.text(|t| t.setup_intro)}</p>
            // The shell replaces this page as soon as the profile exists.
            <ProfileForm initial=None on_saved=Callback::new(|_| ()) on_cancel=None />
            // A member on a new phone restores everything instead of starting empty.
            <section class="card setup-restore" id="restore">
                <p class="hint">{ctx.text(|t| t.setup_restore_hint)}</p>
                <Show when=move || restoring.get() fallback=move || view! {
                    <button type="button" class="button" on:click=move |_| restoring.set(true)>{ctx.text(|t| t.setup_restore)}</button>
                }>
                    <super::backup::RestoreForm />
                </Show>
            </section>
        </main>
    }
}

/// 我的 → 编辑: the same form, filled in, returning to 我的.
#[component]
pub fn ProfileEditPage() -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let navigate = use_navigate();
    let back = Callback::new(move |_| navigate("/me", Default::default()));
    view! {
        <PageHeader title=ctx.text(|t| t.profile_edit_title) />
        <div class="card">
            <ProfileForm initial=ctx.profile.get_untracked() on_saved=back on_cancel=Some(back) />
        </div>
    }
}

#[derive(Clone, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Failed(String),
}

#[component]
fn ProfileForm(
    initial: Option<MemberProfile>,
    on_saved: Callback<()>,
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = AppCtx::use_ctx();
    let t = move || ctx.t();
    let draft = initial.as_ref().map(ProfileDraft::from_profile).unwrap_or_default();

    let name = NodeRef::<html::Input>::new();
    let member_id = NodeRef::<html::Input>::new();
    let committee = NodeRef::<html::Input>::new();
    let sector = NodeRef::<html::Select>::new();
    let sector_other = NodeRef::<html::Input>::new();
    let standing = NodeRef::<html::Input>::new();
    let phone = NodeRef::<html::Input>::new();

    // Only the sector choice is a signal: it decides whether the "other" field is shown.
    let sector_choice = RwSignal::new(draft.sector_choice.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let state = RwSignal::new(SaveState::Idle);

    let error_for = move |field: ProfileField| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.field == field).map(|e| t().problem(e.field, e.problem)))
        })
    };
    let invalid = move |field: ProfileField| move || errors.with(|es| es.iter().any(|e| e.field == field)).to_string();
    // Once a field is edited its old complaint no longer applies; the text itself is untouched.
    let clear = move |field: ProfileField| move |_| errors.update(|es| es.retain(|e| e.field != field));

    // Every text input is built here, so they are all one Rust type and their rendering
    // code is compiled once; attributes a field does not use are `None` (left out).
    let input = move |field: ProfileField, node_ref: NodeRef<html::Input>, value: String, a: InputAttrs| {
        view! {
            <input id=a.id node_ref=node_ref type=a.kind autocomplete=a.autocomplete autocapitalize=a.autocapitalize
                spellcheck=a.spellcheck inputmode=a.inputmode value=value
                aria-invalid=invalid(field) aria-describedby=a.described_by
                on:input=clear(field) />
        }
    };

    let read = move || ProfileDraft {
        name: name.get().map(|i| i.value()).unwrap_or_default(),
        member_id: member_id.get().map(|i| i.value()).unwrap_or_default(),
        committee: committee.get().map(|i| i.value()).unwrap_or_default(),
        sector_choice: sector.get().map(|s| s.value()).unwrap_or_default(),
        sector_other: sector_other.get().map(|i| i.value()).unwrap_or_default(),
        is_standing: standing.get().map(|i| i.checked()).unwrap_or_default(),
        phone: phone.get().map(|i| i.value()).unwrap_or_default(),
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if state.get_untracked() == SaveState::Saving {
            return;
        }
        match read().validate() {
            Err(found) => {
                focus_field(found[0].field);
                errors.set(found);
            }
            Ok(profile) => {
                errors.set(Vec::new());
                state.set(SaveState::Saving);
                spawn_local(async move {
                    match ctx.save_profile(profile).await {
                        Ok(()) => {
                            state.set(SaveState::Idle);
                            on_saved.run(());
                        }
                        Err(e) => state.set(SaveState::Failed(store_error_text(t(), &e).to_string())),
                    }
                });
            }
        }
    };

    let selected = draft.sector_choice.clone();
    let sector_options = SECTORS
        .iter()
        .map(|s| view! { <option value=*s selected=selected == *s>{*s}</option> })
        .collect_view();

    view! {
        <form class="form" novalidate on:submit=on_submit>
            <p class="form-summary" role="alert">
                {Signal::derive(move || { let n = errors.with(Vec::len); (n > 0).then(|| (t().form_has_errors)(n)) })}
            </p>

            <Field id="f-name" label=ctx.text(|t| t.field_name) required=true error=error_for(ProfileField::Name)>
                {input(ProfileField::Name, name, draft.name.clone(),
                    InputAttrs { autocomplete: Some("name"), ..InputAttrs::text("f-name", "f-name-error") })}
            </Field>

            <Field id="f-member-id" label=ctx.text(|t| t.field_member_id) required=true
                hint=ctx.text(|t| t.field_member_id_hint) error=error_for(ProfileField::MemberId)>
                {input(ProfileField::MemberId, member_id, draft.member_id.clone(), InputAttrs {
                    autocomplete: Some("off"), autocapitalize: Some("characters"), spellcheck: Some("false"),
                    ..InputAttrs::text("f-member-id", "f-member-id-hint f-member-id-error")
                })}
            </Field>

            <Field id="f-committee" label=ctx.text(|t| t.field_committee) required=true
                hint=ctx.text(|t| t.field_committee_hint) error=error_for(ProfileField::Committee)>
                {input(ProfileField::Committee, committee, draft.committee.clone(), InputAttrs {
                    autocomplete: Some("organization"),
                    ..InputAttrs::text("f-committee", "f-committee-hint f-committee-error")
                })}
            </Field>

            <Field id="f-sector" label=ctx.text(|t| t.field_sector) required=true error=error_for(ProfileField::Sector)>
                <select id="f-sector" node_ref=sector
                    aria-invalid=invalid(ProfileField::Sector) aria-describedby="f-sector-error"
                    on:change=move |ev| {
                        sector_choice.set(event_target_value(&ev));
                        errors.update(|es| es.retain(|e| !matches!(e.field, ProfileField::Sector | ProfileField::SectorOther)));
                    }>
                    <option value="" selected=draft.sector_choice.is_empty()>{ctx.text(|t| t.field_sector_choose)}</option>
                    {sector_options}
                    <option value=SECTOR_OTHER selected=draft.sector_choice == SECTOR_OTHER>{ctx.text(|t| t.field_sector_other_option)}</option>
                </select>
            </Field>

            // Hidden rather than removed, so text typed here survives switching back and forth.
            <div hidden=move || sector_choice.get() != SECTOR_OTHER>
                <Field id="f-sector-other" label=ctx.text(|t| t.field_sector_other) required=true error=error_for(ProfileField::SectorOther)>
                    {input(ProfileField::SectorOther, sector_other, draft.sector_other.clone(),
                        InputAttrs::text("f-sector-other", "f-sector-other-error"))}
                </Field>
            </div>

            <div class="field check">
                <input id="f-standing" node_ref=standing type="checkbox" checked=draft.is_standing aria-describedby="f-standing-hint" />
                <label for="f-standing">
                    {ctx.text(|t| t.field_standing)}
                    <span class="hint" id="f-standing-hint">{ctx.text(|t| t.field_standing_hint)}</span>
                </label>
            </div>

            <Field id="f-phone" label=ctx.text(|t| t.field_phone) required=true error=error_for(ProfileField::Phone)>
                {input(ProfileField::Phone, phone, draft.phone.clone(), InputAttrs {
                    kind: "tel", inputmode: Some("tel"), autocomplete: Some("tel"),
                    ..InputAttrs::text("f-phone", "f-phone-error")
                })}
            </Field>

            <p class="save-error" role="alert">
                {Signal::derive(move || match state.get() { SaveState::Failed(why) => Some((t().err_save_failed)(&why)), _ => None })}
            </p>
            <div class="form-actions">
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button" on:click=move |_| cancel.run(())>{ctx.text(|t| t.cancel)}</button>
                })}
                <button type="submit" class="button primary" disabled=move || state.get() == SaveState::Saving>
                    {Signal::derive(move || if state.get() == SaveState::Saving { t().saving } else { t().save })}
                </button>
            </div>
        </form>
    }
}

/// The attributes that differ between the form's text inputs.
struct InputAttrs {
    id: &'static str,
    kind: &'static str,
    described_by: &'static str,
    autocomplete: Option<&'static str>,
    autocapitalize: Option<&'static str>,
    spellcheck: Option<&'static str>,
    inputmode: Option<&'static str>,
}

impl InputAttrs {
    /// A plain `type="text"` input.
    fn text(id: &'static str, described_by: &'static str) -> Self {
        InputAttrs {
            id,
            kind: "text",
            described_by,
            autocomplete: None,
            autocapitalize: None,
            spellcheck: None,
            inputmode: None,
        }
    }
}

/// Moves focus (and the screen) to the first field that needs attention.
fn focus_field(field: ProfileField) {
    let id = match field {
        ProfileField::Name => "f-name",
        ProfileField::MemberId => "f-member-id",
        ProfileField::Committee => "f-committee",
        ProfileField::Sector => "f-sector",
        ProfileField::SectorOther => "f-sector-other",
        ProfileField::Phone => "f-phone",
    };
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
