//! Making and restoring the encrypted backup file (format in `bundle::backup`): the doc
//! comes from `store::backup` through the service, is sealed here with fresh random salt
//! and nonce, and is handed to the member as a download.

use leptos::prelude::WithUntracked;
use wasm_bindgen::JsValue;

use crate::bundle::backup::{file_name, open_doc, seal_doc, FileError};
use crate::bundle::seal::{SealError, SealParams};
use crate::store::backup::{BackupError, RestoreReport};
use crate::store::StoreError;

use super::export::{deliver, random_bytes};
use super::service::{now_ms, today_iso, AppCtx};

/// Settings key of the time (ms) of the last backup made on this device.
pub const LAST_BACKUP_KEY: &str = "backup.last_ms";
/// sessionStorage key carrying a restore's counts across the reload that follows it.
const RESTORED_KEY: &str = "lvzhi.restored";

/// Why a backup could not be made or restored.
#[derive(Clone, Debug)]
pub enum Failure {
    Store(StoreError),
    Seal(SealError),
    File(FileError),
    Restore(BackupError),
    /// The browser would not give the file out.
    Deliver,
}

/// Makes the backup file and gives it to the member; on success remembers the time, which
/// also travels inside the file (a phone restored from it knows how old its backup is).
pub async fn make_backup(ctx: AppCtx, passphrase: &str) -> Result<String, Failure> {
    let now = now_ms();
    let mut doc = ctx.backup_snapshot(now).await.map_err(Failure::Store)?;
    let setting = serde_json::json!({ "key": LAST_BACKUP_KEY, "value": now });
    let settings = doc.stores.entry(crate::store::stores::SETTINGS.to_string()).or_default();
    settings.retain(|r| r.get("key").and_then(|k| k.as_str()) != Some(LAST_BACKUP_KEY));
    settings.push(setting);
    let salt = random_bytes::<16>().ok_or(Failure::Store(StoreError::Unavailable))?;
    let nonce = random_bytes::<12>().ok_or(Failure::Store(StoreError::Unavailable))?;
    let text = seal_doc(&doc, passphrase, salt, nonce, SealParams::DEFAULT).map_err(Failure::Seal)?;
    let name = ctx.profile.with_untracked(|p| p.as_ref().map(|p| p.name.clone())).unwrap_or_default();
    let file = file_name(&name, &today_iso());
    deliver(&text, &file, false).await.map_err(|_| Failure::Deliver)?;
    ctx.settings().map_err(Failure::Store)?.set_value(LAST_BACKUP_KEY, &now).await.map_err(Failure::Store)?;
    Ok(file)
}

/// When the last backup was made here, if ever.
pub async fn last_backup(ctx: AppCtx) -> Result<Option<i64>, StoreError> {
    ctx.settings()?.get_value::<i64>(LAST_BACKUP_KEY).await
}

/// Opens `text` with `passphrase` and merges it into the database.
pub async fn restore_text(ctx: AppCtx, text: &str, passphrase: &str) -> Result<RestoreReport, Failure> {
    let doc = open_doc(text, passphrase).map_err(Failure::File)?;
    ctx.backup_restore(&doc).await.map_err(Failure::Restore)
}

/// Reloads the app on 我的 after a restore, so every page, the profile, the language and the
/// key come from storage; the counts are shown there once (see [`take_restored`]).
pub fn reload_after_restore(report: RestoreReport) {
    let Some(window) = web_sys::window() else { return };
    let text = format!("{},{},{},{}", report.added, report.replaced, report.kept, report.unchanged);
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.set_item(RESTORED_KEY, &text);
    }
    let _ = window.location().replace("/me");
}

/// The counts of a restore that just reloaded the app, once.
pub fn take_restored() -> Option<RestoreReport> {
    let storage = web_sys::window()?.session_storage().ok()??;
    let text = storage.get_item(RESTORED_KEY).ok()??;
    let _ = storage.remove_item(RESTORED_KEY);
    let n: Vec<u32> = text.split(',').filter_map(|n| n.parse().ok()).collect();
    match n[..] {
        [added, replaced, kept, unchanged] => Some(RestoreReport { added, replaced, kept, unchanged }),
        _ => None,
    }
}

/// The text of a chosen file.
pub async fn read_file(file: &web_sys::File) -> Result<String, JsValue> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await?;
    text.as_string().ok_or(JsValue::NULL)
}
