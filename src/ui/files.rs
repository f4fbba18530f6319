//! Files a person picks with `<input type="file">`, read without freezing the page.

use wasm_bindgen::{JsCast, JsValue};

/// The files chosen in the input an event came from. The input is emptied, so choosing
/// the same file again (after fixing a refusal) fires another event.
pub fn take_chosen(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    // `files` through Reflect: the typed getter needs another web-sys feature for one call.
    let files = js_sys::Reflect::get(&input, &JsValue::from_str("files"))
        .map(|f| js_sys::Array::from(&f))
        .unwrap_or_default();
    input.set_value("");
    files.iter().filter_map(|f| f.dyn_into::<web_sys::File>().ok()).collect()
}

/// Why a file's bytes could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the caller's limit: refused from its size, before reading a byte.
    TooLarge { size: usize },
    /// The browser could not read it (moved, removed, no permission).
    Unreadable,
}

/// The bytes of `file`, if it is at most `max_bytes` long.
pub async fn read_bytes(file: &web_sys::File, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let size = file.size() as usize;
    if size > max_bytes {
        return Err(ReadError::TooLarge { size });
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| ReadError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A Blob of one part (a JS string or a `Uint8Array`) with a MIME type.
pub fn blob_of(part: &JsValue, mime: &str) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(part), &options)
}

/// Saves `blob` as a download named `file_name` (a link clicked for the person).
pub fn download_blob(blob: &web_sys::Blob, file_name: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a = document.create_element("a")?.dyn_into::<web_sys::HtmlAnchorElement>()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Give the download a moment to start before the URL goes.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Saves bytes (an XLSX workbook, a CSV text's UTF-8) as a download.
pub fn download_bytes(bytes: &[u8], mime: &str, file_name: &str) -> Result<(), JsValue> {
    let blob = blob_of(&js_sys::Uint8Array::from(bytes).into(), mime)?;
    download_blob(&blob, file_name)
}

/// An object URL for a stored Blob that `load` fetches, for an `<img src>`: `None` until it
/// arrives (or when there is none). The URL is released with the view, and at once when the
/// view is gone before the Blob arrives. Call while the view is being built.
pub fn object_url(load: impl std::future::Future<Output = Option<web_sys::Blob>> + 'static) -> leptos::prelude::RwSignal<Option<String>> {
    use leptos::prelude::*;
    let url = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Some(u) = load.await.and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok()) {
            if url.try_set(Some(u.clone())).is_some() {
                let _ = web_sys::Url::revoke_object_url(&u);
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    url
}
