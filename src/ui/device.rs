//! What this browser offers and how it keeps our data (issue 7): persistent storage, usage
//! and quota, the "this device had data" marker, installing to the home screen, and
//! WeChat's in-app browser. Browser APIs that are missing somewhere are reached through
//! `Reflect`, so an old or odd browser gets "unknown" rather than a crash.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn get(o: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(o, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `o.name()` and awaits the promise it returns.
async fn call_async(o: &JsValue, name: &str) -> Option<JsValue> {
    let f = get(o, name)?.dyn_into::<js_sys::Function>().ok()?;
    let promise = f.call0(o).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    JsFuture::from(promise).await.ok()
}

fn storage_manager() -> Option<JsValue> {
    get(&window().navigator(), "storage")
}

/// How much this origin uses and may use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageUse {
    pub usage: f64,
    pub quota: f64,
}

impl StorageUse {
    /// Whole percent used (0 when the quota is unknown).
    pub fn percent(self) -> u32 {
        if self.quota <= 0.0 {
            return 0;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let p = (self.usage / self.quota * 100.0).round().clamp(0.0, 100.0) as u32;
        p
    }

    /// The point where the app warns: 80% of the quota.
    pub fn is_high(self) -> bool {
        self.quota > 0.0 && self.usage >= 0.8 * self.quota
    }
}

pub async fn storage_use() -> Option<StorageUse> {
    let result = call_async(&storage_manager()?, "estimate").await?;
    Some(StorageUse { usage: get(&result, "usage")?.as_f64()?, quota: get(&result, "quota")?.as_f64()? })
}

/// Room kept free beyond a photo or file, so the records typed after it still fit.
pub const STORAGE_RESERVE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Checked before a photo or file of `bytes` is stored, so the member is told plainly
/// rather than the browser refusing the write half-way: the bytes left (for the message)
/// when storing it would leave less than [`STORAGE_RESERVE_BYTES`] free; `None` when it
/// fits or the browser cannot say.
pub async fn too_little_space(bytes: f64) -> Option<u64> {
    let left = storage_use().await.map(|u| u.quota - u.usage)?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (left < bytes + STORAGE_RESERVE_BYTES).then(|| left.max(0.0) as u64)
}

/// Whether the browser has promised not to evict our data; `None` where it cannot say.
pub async fn is_persistent() -> Option<bool> {
    call_async(&storage_manager()?, "persisted").await?.as_bool()
}

/// Asks the browser to keep our data (Chrome decides at once from engagement and
/// installation; Firefox may ask the person). Called on a person's gesture.
pub async fn ask_persistent() -> Option<bool> {
    call_async(&storage_manager()?, "persist").await?.as_bool()
}

/// "12.3 MB" for a number of bytes.
pub fn size_text(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{value:.0} {}", UNITS[unit]) } else { format!("{value:.1} {}", UNITS[unit]) }
}

// ── The had-data marker

/// Kept in `localStorage`, outside IndexedDB: set once the member has saved anything, so
/// a start with an empty database on this device can be told apart from a first visit.
const HAD_DATA: &str = "lvzhi.had-data";

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn mark_had_data() {
    if let Some(s) = local() {
        let _ = s.set_item(HAD_DATA, "1");
    }
}

pub fn had_data() -> bool {
    local().and_then(|s| s.get_item(HAD_DATA).ok().flatten()).is_some()
}

/// The first save: remember that this device holds data, and ask the browser to keep it.
pub fn on_first_save() {
    mark_had_data();
    leptos::task::spawn_local(async {
        let _ = ask_persistent().await;
    });
}

// ── The browser

fn user_agent() -> String {
    window().navigator().user_agent().unwrap_or_default()
}

/// WeChat's in-app browser: no downloads, no installing.
pub fn in_wechat() -> bool {
    user_agent().contains("MicroMessenger")
}

/// iPhone and iPad Safari, where installing is Share → 添加到主屏幕 (iPadOS presents itself
/// as a Mac, but with touch).
pub fn is_ios() -> bool {
    let ua = user_agent();
    ua.contains("iPhone") || ua.contains("iPad") || (ua.contains("Macintosh") && window().navigator().max_touch_points() > 1)
}

/// Running from the home screen rather than in a browser tab.
pub fn is_installed() -> bool {
    let standalone = window().match_media("(display-mode: standalone)").ok().flatten().is_some_and(|m| m.matches());
    standalone || get(&window().navigator(), "standalone").and_then(|v| v.as_bool()).unwrap_or(false)
}

/// The browser's install offer (`beforeinstallprompt`), kept for the 安装到桌面 button.
#[derive(Clone, Copy)]
pub struct InstallOffer(RwSignal<Option<JsValue>, LocalStorage>);

impl InstallOffer {
    /// Listens from start-up: the browser fires the event once, early.
    pub fn listen() -> Self {
        let offer = InstallOffer(RwSignal::new_local(None));
        let on_offer = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            // Keep the browser's own mini-bar away; the app offers it where it explains it.
            ev.prevent_default();
            offer.0.set(Some(ev.into()));
        });
        let _ = window().add_event_listener_with_callback("beforeinstallprompt", on_offer.as_ref().unchecked_ref());
        on_offer.forget();
        let on_installed = Closure::<dyn Fn()>::new(move || offer.0.set(None));
        let _ = window().add_event_listener_with_callback("appinstalled", on_installed.as_ref().unchecked_ref());
        on_installed.forget();
        offer
    }

    pub fn available(self) -> bool {
        self.0.with(Option::is_some)
    }

    /// Shows the browser's install dialog (once per offer).
    pub fn prompt(self) {
        let Some(event) = self.0.get_untracked() else { return };
        self.0.set(None);
        leptos::task::spawn_local(async move {
            let _ = call_async(&event, "prompt").await;
        });
    }
}
