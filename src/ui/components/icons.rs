//! Line icons drawn inline (no icon font to download, works offline).

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub enum IconKind {
    Proposals,
    Duty,
    Handoff,
    Me,
}

#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    let d = match kind {
        // a page with lines
        IconKind::Proposals => "M6 3h9l4 4v14H6z M15 3v4h4 M9 11h7 M9 15h7 M9 19h4",
        // a calendar with a tick
        IconKind::Duty => "M4 6h16v15H4z M4 10h16 M8 3v5 M16 3v5 M9 15l2 2 4-4",
        // two arrows passing
        IconKind::Handoff => "M4 8h13 M13 4l4 4-4 4 M20 16H7 M11 12l-4 4 4 4",
        // a person
        IconKind::Me => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21c1-4 4-6 8-6s7 2 8 6",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"
            fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d=d />
        </svg>
    }
}
