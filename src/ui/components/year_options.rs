use leptos::prelude::*;

use crate::ui::service::this_year;

/// The `<option>`s of a year filter: this year and the four before it, newest first.
#[component]
pub fn YearOptions() -> impl IntoView {
    let year = this_year();
    (0..5).map(|back| {
        let y = year - back;
        view! { <option value=y.to_string()>{y}</option> }
    }).collect_view()
}
