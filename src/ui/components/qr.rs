use leptos::prelude::*;

use crate::bundle::qr::qr_svg_path;

/// `text` as a QR code: an inline SVG with one path for all dark modules. Sized and given
/// its white background by the `.qr` class (the CSP forbids inline styles). Text too long
/// for a QR code renders an empty picture rather than failing the page.
#[component]
pub fn QrCode(text: String, #[prop(into)] label: Signal<&'static str>) -> impl IntoView {
    let (size, d) = qr_svg_path(&text).unwrap_or_default();
    view! {
        <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=label shape-rendering="crispEdges"
            xmlns="http://www.w3.org/2000/svg">
            <path d=d />
        </svg>
    }
}
