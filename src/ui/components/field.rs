//! A labelled form field with its hint and error line.
//!
//! The input itself is passed as children and owns its text: nothing here writes
//! `value` back while the member types, so a Chinese IME composition is never broken.

use leptos::prelude::*;

#[component]
pub fn Field(
    /// The id of the input inside; the label points at it and the error line is `{id}-error`.
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    children: Children,
) -> impl IntoView {
    let ctx = crate::ui::service::AppCtx::use_ctx();
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>
                {label}
                {required.then(|| view! { <span class="req">{ctx.text(|t| t.required_mark)}</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {children()}
            <p class="error" id=format!("{id}-error") role="alert">{error}</p>
        </div>
    }
}
