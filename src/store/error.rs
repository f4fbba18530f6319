//! What can go wrong in storage, in terms the UI can act on.

use std::fmt;

use indexed_db_futures::error::{Error as IdbError, OpenDbError};
use wasm_bindgen::{JsCast, JsValue};

/// A storage failure. Each variant calls for a different message or action in the UI, so
/// the UI matches on the variant (and translates); `Display` is plain English for logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser offers no usable IndexedDB (disabled, some private modes, sandboxed
    /// frames). Nothing can be saved; the UI should say so instead of pretending.
    /// The browser's reason goes to the console when it is detected.
    Unavailable,
    /// The upgrade to a new schema waits for another tab that still holds the database at
    /// an older version and does not let go. Closing other tabs of the app and retrying
    /// fixes it; the upgrade goes ahead by itself once they are closed.
    Blocked,
    /// The database on disk was written by a newer version of the app (a stale cached copy
    /// is running). Reloading to get the new app fixes it; nothing was changed.
    VersionTooNew { detail: String },
    /// This connection was closed: another tab upgraded the database, or the browser
    /// closed it (storage cleared). Reloading the page fixes it.
    Closed,
    /// The browser refused to store more data (disk full or origin quota reached).
    QuotaExceeded,
    /// A write broke a uniqueness rule (same key or same value in a unique index, e.g. a
    /// bundle imported twice). The whole change was rolled back.
    Constraint { op: &'static str, detail: String },
    /// A stored record could not be read back as the expected type (written by another
    /// version, or damaged). The record is left untouched.
    Decode { store: String, detail: String },
    /// Any other failure of an operation (`op` names it, for logs).
    Failed { op: &'static str, detail: String },
}

/// Shorthand used throughout the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unavailable => f.write_str("IndexedDB is not available"),
            Self::Blocked => f.write_str(
                "database upgrade is blocked by another tab that holds an older version open",
            ),
            Self::VersionTooNew { detail } => {
                write!(f, "the database was written by a newer app version: {detail}")
            }
            Self::Closed => f.write_str("the database connection was closed"),
            Self::QuotaExceeded => f.write_str("storage quota exceeded"),
            Self::Constraint { op, detail } => write!(f, "{op}: constraint violated: {detail}"),
            Self::Decode { store, detail } => {
                write!(f, "a record in `{store}` could not be decoded: {detail}")
            }
            Self::Failed { op, detail } => write!(f, "{op} failed: {detail}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// `name: message` of a DOMException, for logs.
pub(crate) fn dom_detail(e: &web_sys::DomException) -> String {
    format!("{}: {}", e.name(), e.message())
}

/// Best-effort text for an arbitrary thrown JS value.
pub(crate) fn js_detail(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<web_sys::DomException>() {
        return dom_detail(e);
    }
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", String::from(e.name()), String::from(e.message()));
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}

/// Classifies a DOMException raised by an operation (public for the browser tests, which
/// cannot make a real disk fill up).
pub fn from_dom(op: &'static str, e: &web_sys::DomException) -> StoreError {
    match e.name().as_str() {
        "QuotaExceededError" => StoreError::QuotaExceeded,
        "ConstraintError" => StoreError::Constraint { op, detail: e.message() },
        _ => StoreError::Failed { op, detail: dom_detail(e) },
    }
}

/// Classifies a thrown JS value (usually a DOMException).
pub fn from_js(op: &'static str, v: &JsValue) -> StoreError {
    match v.dyn_ref::<web_sys::DomException>() {
        Some(e) => from_dom(op, e),
        None => StoreError::Failed { op, detail: js_detail(v) },
    }
}

/// Classifies an `indexed_db_futures` error.
pub(crate) fn from_idb(op: &'static str, e: IdbError) -> StoreError {
    match e {
        IdbError::DomException(d) => {
            let sys: web_sys::DomException = d.into();
            from_dom(op, &sys)
        }
        other => StoreError::Failed { op, detail: other.to_string() },
    }
}

/// Classifies a failure to open: missing IndexedDB and version conflicts get their own
/// variants because the UI handles them differently from a generic failure.
pub(crate) fn from_open(e: OpenDbError) -> StoreError {
    match e {
        OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => {
            unavailable(&e.to_string())
        }
        OpenDbError::VersionZero => StoreError::Failed { op: "open", detail: e.to_string() },
        OpenDbError::Base(IdbError::DomException(d)) => {
            let sys: web_sys::DomException = d.into();
            match sys.name().as_str() {
                "VersionError" => StoreError::VersionTooNew { detail: sys.message() },
                // Firefox private windows (before 115) and sandboxed/opaque origins fail here.
                "InvalidStateError" | "SecurityError" => unavailable(&dom_detail(&sys)),
                _ => from_dom("open", &sys),
            }
        }
        OpenDbError::Base(other) => StoreError::Failed { op: "open", detail: other.to_string() },
    }
}

/// `Unavailable` carries no text (the UI has one message for it); the browser's reason is
/// still worth a line in the console for whoever debugs a member's phone.
fn unavailable(detail: &str) -> StoreError {
    web_sys::console::warn_1(&format!("IndexedDB is not available: {detail}").into());
    StoreError::Unavailable
}
