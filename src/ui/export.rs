//! Making a member's bundle: gather what to hand in, sign it with the device key, record
//! it, and give the file to the member (download, or the phone's share sheet).
//!
//! Every item carries a hand-in revision: 1 the first time it is handed in, one more each
//! time it is handed in changed. Staff keep the highest revision of each item, so a
//! changed duty entry replaces the old one and a re-import of the same file changes
//! nothing. What was handed in is known from the `sent_bundles` log (the manifest).

use std::collections::HashSet;

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::bundle::envelope::{sign, SignedBundle};
use crate::bundle::keys::{public_key_b64, DeviceKey};
use crate::bundle::seal::{open, seal, SealError, SealParams, Sealed};
use crate::bundle::payload::{attachment, rfc3339_utc, uuid_v7, AppInfo, Attachment, Item, Payload, Signer};
use crate::domain::lifecycle::Status;
use crate::domain::member::MemberProfile;
use crate::domain::sentiment::ReportStatus;
use crate::store::{AttachmentMeta, DeviceKeyRecord, Manifest, SentBundle, SentItem, StoreError, DEVICE_KEY_ID};

use super::service::{new_id, now_ms, AppCtx};

/// The kinds of records a member hands in, as item types.
pub const PROPOSAL: &str = "proposal";
pub const PROPOSAL_EVENT: &str = "proposal_event";
pub const DUTY_LOG: &str = "duty_log";
pub const SENTIMENT_REPORT: &str = "sentiment_report";
pub const YEAR_REPORT: &str = "year_report";
const ATTACHMENT: &str = "attachment";

/// What the member chose to hand in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Only what is new or changed since the last hand-in (the default).
    pub only_new: bool,
    /// Only records of this year.
    pub year: Option<i32>,
    pub proposals: bool,
    pub duty: bool,
    pub reports: bool,
    /// Only these proposals (with their progress and files); empty means all.
    pub proposal_ids: Vec<String>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection { only_new: true, year: None, proposals: true, duty: true, reports: true, proposal_ids: Vec::new() }
    }
}

/// A bundle ready to sign: what the preview shows.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub payload: Payload,
    /// Items per type, in a fixed order, for the preview.
    pub counts: Vec<(&'static str, usize)>,
    /// The file's size, estimated from the payload: base64 makes it 4/3 of the JSON.
    pub file_bytes: u64,
}

/// One record about to become an item: its type, id, time and data.
struct Candidate {
    kind: &'static str,
    id: String,
    year: Option<i32>,
    updated_ms: i64,
    data: serde_json::Value,
    /// Files to carry with it.
    files: Vec<AttachmentMeta>,
}

fn value<T: Serialize>(record: &T) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(record).map_err(|e| StoreError::Failed { op: "export", detail: e.to_string() })
}

/// Associated data of a sealed key, so a sealed backup can never pass for a key.
const KEY_AAD: &[u8] = b"lvzhi-key/1";

/// Why the key could not be used or changed.
#[derive(Clone, Debug)]
pub enum KeyError {
    Store(StoreError),
    Seal(SealError),
}

/// The device key record, made on first use: 32 random bytes from the browser's CSPRNG.
/// The key itself comes back when no passphrase protects it.
pub async fn device_key(ctx: AppCtx) -> Result<(DeviceKeyRecord, Option<DeviceKey>), StoreError> {
    let store = ctx.handoff()?;
    if let Some(record) = store.key().await? {
        let key = record.seed.as_deref().and_then(decode_seed).map(DeviceKey::from_seed);
        return Ok((record, key));
    }
    new_device_key(ctx).await
}

/// Makes a new key and replaces the old one (a lost passphrase, a suspected leak). Old
/// bundles stay valid; staff enrol the new fingerprint.
pub async fn new_device_key(ctx: AppCtx) -> Result<(DeviceKeyRecord, Option<DeviceKey>), StoreError> {
    let seed = random_bytes::<32>().ok_or(StoreError::Unavailable)?;
    let key = DeviceKey::from_seed(seed);
    let old = ctx.handoff()?.key().await?;
    let record = DeviceKeyRecord {
        id: DEVICE_KEY_ID.into(),
        // The device keeps its id (bundles chain by device), the key changes.
        device_id: old.map_or_else(new_id, |o| o.device_id),
        public_key: public_key_b64(&key.public_key()),
        key_id: key.key_id(),
        created_ms: now_ms(),
        seed: Some(encode_b64(&seed)),
        sealed: None,
    };
    ctx.handoff()?.save_key(&record).await?;
    Ok((record, Some(key)))
}

/// The key of a record protected by a passphrase.
pub fn unlock(record: &DeviceKeyRecord, passphrase: &str) -> Result<DeviceKey, SealError> {
    let sealed: Sealed = record
        .sealed
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or(SealError::UnknownFormat)?;
    let seed: [u8; 32] = open(&sealed, passphrase, KEY_AAD)?.try_into().map_err(|_| SealError::BadCiphertext)?;
    Ok(DeviceKey::from_seed(seed))
}

/// Protects the key with `passphrase` (it is then asked for at every signing), or with
/// `None` removes the protection; `current` unlocks a protected key first.
pub async fn set_passphrase(ctx: AppCtx, current: Option<&str>, passphrase: Option<&str>) -> Result<(), KeyError> {
    let (record, _) = device_key(ctx).await.map_err(KeyError::Store)?;
    let record = reseal(record, current, passphrase)?;
    ctx.handoff().map_err(KeyError::Store)?.save_key(&record).await.map_err(KeyError::Store)
}

/// The same key record sealed under `passphrase`, or opened when it is `None`; `current`
/// unlocks a sealed record first. Shared by the member's device key and the committee key.
pub fn reseal(mut record: DeviceKeyRecord, current: Option<&str>, passphrase: Option<&str>) -> Result<DeviceKeyRecord, KeyError> {
    let seed = match (&record.seed, current) {
        (Some(seed), _) => decode_seed(seed),
        (None, Some(pass)) => {
            let sealed: Sealed =
                record.sealed.clone().and_then(|v| serde_json::from_value(v).ok()).ok_or(KeyError::Seal(SealError::UnknownFormat))?;
            open(&sealed, pass, KEY_AAD).map_err(KeyError::Seal)?.try_into().ok()
        }
        (None, None) => None,
    }
    .ok_or(KeyError::Seal(SealError::WrongPassphrase))?;
    match passphrase {
        Some(pass) => {
            let salt = random_bytes::<16>().ok_or(KeyError::Store(StoreError::Unavailable))?;
            let nonce = random_bytes::<12>().ok_or(KeyError::Store(StoreError::Unavailable))?;
            let sealed = seal(&seed, pass, salt, nonce, SealParams::DEFAULT, KEY_AAD).map_err(KeyError::Seal)?;
            record.sealed = Some(serde_json::to_value(&sealed).map_err(|e| KeyError::Store(StoreError::Failed { op: "seal", detail: e.to_string() }))?);
            record.seed = None;
        }
        None => {
            record.seed = Some(encode_b64(&seed));
            record.sealed = None;
        }
    }
    Ok(record)
}

/// Gathers the items of `selection`, with their files.
pub async fn prepare(
    ctx: AppCtx,
    profile: &MemberProfile,
    key: &DeviceKeyRecord,
    selection: &Selection,
) -> Result<Prepared, StoreError> {
    let manifest = ctx.handoff()?.manifest().await?;
    let mut candidates = Vec::new();
    if selection.proposals {
        let store = ctx.proposals()?;
        // Whole stores in one read each, not a transaction per proposal (10,000 records
        // took seconds of round trips: BENCHMARKS.md).
        let mut events = store.all_events().await?;
        for p in store.all().await? {
            // Drafts stay on the phone until submitted.
            let chosen = selection.proposal_ids.is_empty() || selection.proposal_ids.contains(&p.id);
            if (p.status == Status::Draft && p.rev == 1) || !chosen {
                continue;
            }
            for e in events.remove(&p.id).unwrap_or_default() {
                candidates.push(Candidate {
                    kind: PROPOSAL_EVENT,
                    id: e.id.clone(),
                    year: Some(p.year),
                    updated_ms: e.at_ms,
                    data: value(&e)?,
                    files: Vec::new(),
                });
            }
            let files = if p.attachment_ids.is_empty() { Vec::new() } else { store.attachments().list(&p.id).await? };
            candidates.push(Candidate { kind: PROPOSAL, id: p.id.clone(), year: Some(p.year), updated_ms: p.updated_ms, data: value(&p)?, files });
        }
    }
    if selection.duty {
        let store = ctx.duty()?;
        for log in store.all().await? {
            if !log.validate(&Default::default()).is_empty() {
                continue;
            }
            let files = if log.photo_ids.is_empty() { Vec::new() } else { store.photos(&log.id).await? };
            candidates.push(Candidate { kind: DUTY_LOG, id: log.id.clone(), year: Some(log.year), updated_ms: log.updated_ms, data: value(&log)?, files });
        }
        for r in ctx.year_reports()?.all().await? {
            candidates.push(Candidate { kind: YEAR_REPORT, id: r.id.clone(), year: Some(r.year), updated_ms: r.updated_ms, data: value(&r)?, files: Vec::new() });
        }
    }
    if selection.reports {
        for r in ctx.sentiment()?.all().await? {
            if r.status == ReportStatus::Draft {
                continue;
            }
            candidates.push(Candidate { kind: SENTIMENT_REPORT, id: r.id.clone(), year: Some(r.year), updated_ms: r.updated_ms, data: value(&r)?, files: Vec::new() });
        }
    }

    let mut items = Vec::new();
    let mut attachments = Vec::new();
    let mut seen_files = HashSet::new();
    for c in candidates {
        if selection.year.is_some() && c.year != selection.year {
            continue;
        }
        let updated_at = rfc3339_utc(c.updated_ms);
        let Some(rev) = hand_in_rev(&manifest, c.kind, &c.id, &updated_at, selection.only_new) else { continue };
        for meta in c.files {
            let sent_before = manifest.contains_key(&(ATTACHMENT.to_string(), meta.id.clone()));
            if (selection.only_new && sent_before) || !seen_files.insert(meta.id.clone()) {
                continue;
            }
            let Some(bytes) = file_bytes(ctx, c.kind, &meta.id).await? else { continue };
            attachments.push(attachment(&meta.id, &meta.owner_id, &meta.name, &meta.media_type, &bytes));
        }
        items.push(Item { r#type: c.kind.to_string(), id: c.id, rev, updated_at, data: c.data });
    }

    let counts = [PROPOSAL, PROPOSAL_EVENT, DUTY_LOG, SENTIMENT_REPORT, YEAR_REPORT]
        .into_iter()
        .map(|k| (k, items.iter().filter(|i| i.r#type == k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let now = now_ms();
    let last = ctx.handoff()?.last_sent().await?;
    let payload = Payload {
        format: "lvzhi-bundle".into(),
        version: 1,
        bundle_id: uuid_v7(u64::try_from(now).unwrap_or(0), random_bytes::<10>().unwrap_or_default()),
        kind: "member-submission".into(),
        created_at: rfc3339_utc(now),
        signer: Signer {
            member_id: profile.member_id.clone(),
            name: profile.name.clone(),
            sector: profile.sector.clone(),
            public_key: key.public_key.clone(),
            key_id: key.key_id.clone(),
        },
        device_id: key.device_id.clone(),
        seq: last.as_ref().map_or(1, |b| b.seq + 1),
        prev: last.map(|b| b.payload_sha256),
        app: AppInfo { name: "lvzhi".into(), version: env!("CARGO_PKG_VERSION").into() },
        items,
        attachments,
    };
    let json_len = serde_json::to_vec(&payload).map_or(0, |v| v.len() as u64);
    let file_bytes = json_len.div_ceil(3) * 4 + 300;
    Ok(Prepared { payload, counts, file_bytes })
}

/// `(id, title)` of the proposals that can be handed in (submitted at least once), for
/// choosing specific ones.
pub async fn submitted_proposals(ctx: AppCtx) -> Result<Vec<(String, String)>, StoreError> {
    let all = ctx.proposals()?.all().await?;
    Ok(all.into_iter().rev().filter(|p| !(p.status == Status::Draft && p.rev == 1)).map(|p| (p.id, p.title)).collect())
}

/// The revision an item is handed in under, or `None` when it is unchanged since it was
/// handed in and only new things are wanted.
fn hand_in_rev(manifest: &Manifest, kind: &str, id: &str, updated_at: &str, only_new: bool) -> Option<u32> {
    match manifest.get(&(kind.to_string(), id.to_string())) {
        None => Some(1),
        Some((rev, at)) if at == updated_at => (!only_new).then_some(*rev),
        Some((rev, _)) => Some(rev + 1),
    }
}

async fn file_bytes(ctx: AppCtx, kind: &str, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let blob = if kind == DUTY_LOG { ctx.duty()?.photo(id, false).await? } else { ctx.proposals()?.attachments().get_blob(id).await? };
    let Some(blob) = blob else { return Ok(None) };
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| StoreError::Failed { op: "export", detail: "read file".into() })?;
    Ok(Some(js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// Signs the prepared bundle and records it as handed in. The record comes first: if the
/// number was taken meanwhile (another tab), nothing is given out under it.
pub async fn sign_and_record(ctx: AppCtx, key: &DeviceKey, prepared: &Prepared, profile: &MemberProfile) -> Result<(SignedBundle, String), ExportError> {
    let signed = sign(key, &prepared.payload).map_err(ExportError::Bundle)?;
    let p = &prepared.payload;
    let file_name = format!("{}-{}-{}.lvzhi.json", safe_name(&profile.name), &p.created_at[..10], p.seq);
    let mut sent_items: Vec<SentItem> = p
        .items
        .iter()
        .map(|i| SentItem { kind: i.r#type.clone(), id: i.id.clone(), rev: i.rev, updated_at: i.updated_at.clone() })
        .collect();
    sent_items.extend(p.attachments.iter().map(|a: &Attachment| SentItem {
        kind: ATTACHMENT.into(),
        id: a.id.clone(),
        rev: 1,
        updated_at: p.created_at.clone(),
    }));
    let record = SentBundle {
        id: p.bundle_id.clone(),
        seq: p.seq,
        created_ms: now_ms(),
        payload_sha256: signed.payload_sha256.clone(),
        file_name: file_name.clone(),
        size: signed.text.len() as u64,
        items: sent_items,
        attachments: u32::try_from(p.attachments.len()).unwrap_or(u32::MAX),
        received_ms: None,
    };
    ctx.handoff().map_err(ExportError::Store)?.record_sent(&record).await.map_err(ExportError::Store)?;
    Ok((signed, file_name))
}

#[derive(Clone, Debug)]
pub enum ExportError {
    Store(StoreError),
    Bundle(crate::bundle::BundleError),
    Seal(SealError),
}

/// A file name without the characters file systems refuse.
pub(super) fn safe_name(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()).collect();
    if cleaned.trim().is_empty() { "lvzhi".into() } else { cleaned.trim().to_string() }
}

/// Offers `text` as a JSON file: the share sheet where the phone has one for files (send
/// to a chat app), a download otherwise. Returns whether the share sheet was used.
pub async fn deliver(text: &str, file_name: &str, share: bool) -> Result<bool, JsValue> {
    let blob = super::files::blob_of(&JsValue::from_str(text), "application/json")?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let navigator = window.navigator();
    if share {
        let file = web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&blob), file_name, &{
            let o = web_sys::FilePropertyBag::new();
            o.set_type("application/json");
            o
        })?;
        let data = js_sys::Object::new();
        js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file))?;
        js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(file_name))?;
        let can = js_sys::Reflect::get(&navigator, &"canShare".into())?
            .dyn_into::<js_sys::Function>()
            .ok()
            .and_then(|f| f.call1(&navigator, &data).ok())
            .is_some_and(|v| v.is_truthy());
        if can {
            let share_fn = js_sys::Reflect::get(&navigator, &"share".into())?.dyn_into::<js_sys::Function>()?;
            let promise = share_fn.call1(&navigator, &data)?.dyn_into::<js_sys::Promise>()?;
            JsFuture::from(promise).await?;
            return Ok(true);
        }
    }
    super::files::download_blob(&blob, file_name)?;
    Ok(false)
}

/// Whether this browser can share files (phones); the page then offers 分享.
pub fn can_share_files() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"canShare".into()).ok())
        .is_some_and(|f| f.is_function())
}

pub(super) fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut out = [0u8; N];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut out).ok()?;
    Some(out)
}

fn encode_b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub(super) fn decode_seed(text: &str) -> Option<[u8; 32]> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(text).ok()?.try_into().ok()
}
