use leptos::prelude::*;

/// The title bar at the top of every page; `children` go to its right (actions).
#[component]
pub fn PageHeader(#[prop(into)] title: Signal<&'static str>, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <header class="page-header">
            <h1>{title}</h1>
            <div class="page-actions">{children.map(|c| c())}</div>
        </header>
    }
}
