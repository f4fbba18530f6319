//! Strict JSON for bundles: parsing that refuses duplicate keys (serde_json silently keeps
//! the last one, which would let two readers see different content), floats and integers
//! beyond ±(2⁵³−1) (which JavaScript readers would round), and RFC 8785 canonical output.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::error::BundleError;

/// The largest integer every JSON reader (JavaScript's included) holds exactly.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Where a value sits, built only when a problem needs it: `payload.items[3].id`.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Key(Path::Root(""), key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// One pass of strict parsing: the problem found (if any) rides beside serde's error.
struct Strict<'a> {
    path: Path<'a>,
    numbers: bool,
    problem: &'a RefCell<Option<BundleError>>,
}

impl Strict<'_> {
    fn fail<E: de::Error>(&self, problem: BundleError) -> E {
        *self.problem.borrow_mut() = Some(problem);
        E::custom("bundle")
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        if self.numbers && v.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(self.fail(BundleError::NumberOutOfRange { path: self.path.to_string() }));
        }
        Ok(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        if self.numbers && v > MAX_SAFE_INTEGER {
            return Err(self.fail(BundleError::NumberOutOfRange { path: self.path.to_string() }));
        }
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        if self.numbers {
            return Err(self.fail(BundleError::FloatInPayload { path: self.path.to_string() }));
        }
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let path = Path::Index(&self.path, out.len());
            let seed = Strict { path, numbers: self.numbers, problem: self.problem };
            match seq.next_element_seed(seed)? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = Path::Key(&self.path, &key);
            if out.contains_key(&key) {
                return Err(self.fail(BundleError::DuplicateKey { path: path.to_string() }));
            }
            let value = map.next_value_seed(Strict { path, numbers: self.numbers, problem: self.problem })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Parses `bytes` as one JSON value, refusing duplicate keys (and, with `numbers`, floats
/// and unsafe integers). `root` names the value in paths ("" for the envelope, "payload").
/// Errors are `DuplicateKey`, `FloatInPayload`, `NumberOutOfRange`, `Truncated` (input ended
/// inside a value) or `NotJson` with the 1-based line and column.
pub fn parse_strict(bytes: &[u8], root: &str, numbers: bool) -> Result<Value, BundleError> {
    let problem = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result = Strict { path: Path::Root(root), numbers, problem: &problem }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    result.map_err(|e| {
        problem.into_inner().unwrap_or(match e.classify() {
            serde_json::error::Category::Eof => BundleError::Truncated,
            _ => BundleError::NotJson { line: e.line(), column: e.column() },
        })
    })
}

/// Refuses floats and integers beyond ±(2⁵³−1) in a value about to be signed, so that every
/// bundle we write is one we (and JavaScript readers) read back exactly.
pub fn check_numbers(value: &Value, path: &str) -> Result<(), BundleError> {
    // The common case walks without building paths; only a failure pays for them.
    fn ok(value: &Value) -> bool {
        match value {
            Value::Number(n) => n.as_i64().is_some_and(|i| i.unsigned_abs() <= MAX_SAFE_INTEGER),
            Value::Array(items) => items.iter().all(ok),
            Value::Object(map) => map.values().all(ok),
            _ => true,
        }
    }
    if ok(value) {
        return Ok(());
    }
    match value {
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) if i.unsigned_abs() <= MAX_SAFE_INTEGER => Ok(()),
            (_, Some(u)) if u <= MAX_SAFE_INTEGER => Ok(()),
            (None, None) => Err(BundleError::FloatInPayload { path: path.to_string() }),
            _ => Err(BundleError::NumberOutOfRange { path: path.to_string() }),
        },
        Value::Array(items) => {
            items.iter().enumerate().try_for_each(|(i, v)| check_numbers(v, &format!("{path}[{i}]")))
        }
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            let path = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            check_numbers(v, &path)
        }),
        _ => Ok(()),
    }
}

/// RFC 8785 (JCS) bytes of a value without floats: keys sorted by UTF-16 code units, no
/// whitespace, strings escaped as ECMAScript's `JSON.stringify` does.
pub fn canonical(value: &Value) -> Vec<u8> {
    // Serializing a `Value` with integer numbers only cannot fail; the fallback keeps the
    // function total (an empty body never verifies as a payload).
    serde_json_canonicalizer::to_vec(value).unwrap_or_default()
}
