//! IndexedDB keys and key ranges as plain Rust values, so that page cursors and filters can
//! sit in signals, be compared and be logged without holding JS objects.
//!
//! Our schema only indexes numbers, strings and arrays of those (no dates, no binary keys,
//! never booleans: IndexedDB refuses them as keys).

use std::cmp::Ordering;

use wasm_bindgen::{JsCast, JsValue};

/// One IndexedDB key: a number, a string, or an array of keys (compound indexes).
#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    Num(f64),
    Str(String),
    Array(Vec<Key>),
}

impl Key {
    /// Builds a compound key, e.g. `Key::array(["submitted".into(), 1_700_000_000_000u64.into()])`.
    pub fn array<I: IntoIterator<Item = Key>>(parts: I) -> Self {
        Key::Array(parts.into_iter().collect())
    }

    /// IndexedDB's own key order ("compare two keys" in the spec): numbers < strings <
    /// arrays; strings by UTF-16 code units (not by code points: "𠀀" sorts before "ｆ");
    /// arrays element by element, a shorter prefix first. Used to resume pages exactly.
    pub fn idb_cmp(&self, other: &Key) -> Ordering {
        fn rank(k: &Key) -> u8 {
            match k {
                Key::Num(_) => 0,
                Key::Str(_) => 1,
                Key::Array(_) => 2,
            }
        }
        match (self, other) {
            (Key::Num(a), Key::Num(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            (Key::Str(a), Key::Str(b)) => a.encode_utf16().cmp(b.encode_utf16()),
            (Key::Array(a), Key::Array(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    let o = x.idb_cmp(y);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            _ => rank(self).cmp(&rank(other)),
        }
    }

    pub(crate) fn to_js(&self) -> JsValue {
        match self {
            Key::Num(n) => JsValue::from_f64(*n),
            Key::Str(s) => JsValue::from_str(s),
            Key::Array(parts) => parts.iter().map(Key::to_js).collect::<js_sys::Array>().into(),
        }
    }

    /// Reads a key the browser handed back (cursor key, primary key).
    pub(crate) fn from_js(v: &JsValue) -> Result<Key, String> {
        if let Some(n) = v.as_f64() {
            return Ok(Key::Num(n));
        }
        if let Some(s) = v.as_string() {
            return Ok(Key::Str(s));
        }
        if let Some(arr) = v.dyn_ref::<js_sys::Array>() {
            return arr
                .iter()
                .map(|x| Key::from_js(&x))
                .collect::<Result<Vec<_>, _>>()
                .map(Key::Array);
        }
        Err(format!("unsupported key type: {v:?}"))
    }
}

impl From<&str> for Key {
    fn from(v: &str) -> Self {
        Key::Str(v.to_owned())
    }
}
impl From<String> for Key {
    fn from(v: String) -> Self {
        Key::Str(v)
    }
}
impl From<&String> for Key {
    fn from(v: &String) -> Self {
        Key::Str(v.clone())
    }
}
impl From<f64> for Key {
    fn from(v: f64) -> Self {
        Key::Num(v)
    }
}
macro_rules! key_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Key {
            /// Integers are stored as JS numbers; ours (years, ms timestamps, sequence
            /// numbers) stay far below 2^53.
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(v: $t) -> Self {
                Key::Num(v as f64)
            }
        }
    )*};
}
key_from_int!(i32, u32, i64, u64, usize);

impl From<Vec<Key>> for Key {
    fn from(v: Vec<Key>) -> Self {
        Key::Array(v)
    }
}
impl<A: Into<Key>, B: Into<Key>> From<(A, B)> for Key {
    fn from((a, b): (A, B)) -> Self {
        Key::Array(vec![a.into(), b.into()])
    }
}
impl<A: Into<Key>, B: Into<Key>, C: Into<Key>> From<(A, B, C)> for Key {
    fn from((a, b, c): (A, B, C)) -> Self {
        Key::Array(vec![a.into(), b.into(), c.into()])
    }
}

/// One end of a [`KeyRange`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bound {
    pub(crate) key: Key,
    /// `true` excludes `key` itself.
    pub(crate) open: bool,
}

/// Which keys of an index a query visits. Built from constructors rather than raw bounds so
/// that compound prefixes ("every `[status, *]` for one status") are easy to get right.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRange {
    pub(crate) lower: Option<Bound>,
    pub(crate) upper: Option<Bound>,
}

impl KeyRange {
    /// Exactly this key.
    pub fn only(key: impl Into<Key>) -> Self {
        let key = key.into();
        Self::between(key.clone(), key)
    }

    /// `lower <= k <= upper`.
    pub fn between(lower: impl Into<Key>, upper: impl Into<Key>) -> Self {
        KeyRange {
            lower: Some(Bound { key: lower.into(), open: false }),
            upper: Some(Bound { key: upper.into(), open: false }),
        }
    }

    /// `k >= lower`.
    pub fn at_least(lower: impl Into<Key>) -> Self {
        KeyRange { lower: Some(Bound { key: lower.into(), open: false }), upper: None }
    }

    /// `k > lower`.
    pub fn above(lower: impl Into<Key>) -> Self {
        KeyRange { lower: Some(Bound { key: lower.into(), open: true }), upper: None }
    }

    /// `k <= upper`.
    pub fn at_most(upper: impl Into<Key>) -> Self {
        KeyRange { lower: None, upper: Some(Bound { key: upper.into(), open: false }) }
    }

    /// `k < upper`.
    pub fn below(upper: impl Into<Key>) -> Self {
        KeyRange { lower: None, upper: Some(Bound { key: upper.into(), open: true }) }
    }

    /// Every compound key that starts with `prefix` (a scalar is a one-part prefix, an
    /// array several parts). E.g. on `by_status [status, updated_ms]`,
    /// `KeyRange::prefix("submitted")` is every submitted proposal, at any time.
    ///
    /// Works because a shorter array sorts before its extensions and an array sorts after
    /// every number and string: `[p] <= [p, x] <= [p, []]` for any number or string `x`.
    pub fn prefix(prefix: impl Into<Key>) -> Self {
        let parts = match prefix.into() {
            Key::Array(parts) => parts,
            scalar => vec![scalar],
        };
        let mut upper = parts.clone();
        upper.push(Key::Array(Vec::new()));
        KeyRange {
            lower: Some(Bound { key: Key::Array(parts), open: false }),
            upper: Some(Bound { key: Key::Array(upper), open: false }),
        }
    }

    /// The JS `IDBKeyRange`, or `None` for "everything". Errors (DataError) when the range
    /// is empty (lower above upper); callers treat that as "no records".
    pub(crate) fn to_js(&self) -> Result<Option<web_sys::IdbKeyRange>, JsValue> {
        match (&self.lower, &self.upper) {
            (None, None) => Ok(None),
            (Some(l), None) => {
                web_sys::IdbKeyRange::lower_bound_with_open(&l.key.to_js(), l.open).map(Some)
            }
            (None, Some(u)) => {
                web_sys::IdbKeyRange::upper_bound_with_open(&u.key.to_js(), u.open).map(Some)
            }
            (Some(l), Some(u)) => web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(
                &l.key.to_js(),
                &u.key.to_js(),
                l.open,
                u.open,
            )
            .map(Some),
        }
    }

    /// True when no key can satisfy both bounds, so no request needs to be made.
    pub(crate) fn is_empty(&self) -> bool {
        match (&self.lower, &self.upper) {
            (Some(l), Some(u)) => match l.key.idb_cmp(&u.key) {
                Ordering::Greater => true,
                Ordering::Equal => l.open || u.open,
                Ordering::Less => false,
            },
            _ => false,
        }
    }
}
