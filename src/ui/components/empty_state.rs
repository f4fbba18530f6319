use leptos::prelude::*;

/// What a list shows before it has anything: what goes here and how to start.
#[component]
pub fn EmptyState(#[prop(into)] title: Signal<&'static str>, #[prop(into)] body: Signal<&'static str>) -> impl IntoView {
    view! {
        <section class="empty-state">
            <h2>{title}</h2>
            <p>{body}</p>
        </section>
    }
}
