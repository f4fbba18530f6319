//! Small preferences as `{ key, value }` records.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::db::Db;
use super::error::Result;
use super::schema::stores;

/// Key of the UI language setting; values `"zh"` or `"en"`.
pub const LANG: &str = "lang";

/// Key of the staff officer's name (经办人) the staff workspace stamps on every review
/// action; asked once, then shown and changeable.
pub const STAFF_NAME: &str = "staff_name";

/// Reads and writes settings by key.
#[derive(Clone, Debug)]
pub struct Settings {
    db: Db,
}

#[derive(Serialize)]
struct SettingOut<'a, V: ?Sized> {
    key: &'a str,
    value: &'a V,
}

#[derive(Deserialize)]
struct SettingIn<V> {
    value: V,
}

impl Settings {
    /// Same as [`Db::settings`].
    pub fn new(db: &Db) -> Self {
        Settings { db: db.clone() }
    }

    /// A string setting, `None` if never set.
    pub async fn get(&self, key: &str) -> Result<Option<String>> {
        self.get_value(key).await
    }

    /// Replaces the value stored under `key`.
    pub async fn set(&self, key: &str, value: &str) -> Result<()> {
        self.set_value(key, value).await
    }

    /// A setting of any serde type (numbers, flags, small structs).
    pub async fn get_value<V: DeserializeOwned>(&self, key: &str) -> Result<Option<V>> {
        let rec: Option<SettingIn<V>> =
            self.db.read_tx(&[stores::SETTINGS])?.get(stores::SETTINGS, key).await?;
        Ok(rec.map(|r| r.value))
    }

    /// Replaces the value stored under `key` with any serde value.
    pub async fn set_value<V: Serialize + ?Sized>(&self, key: &str, value: &V) -> Result<()> {
        let tx = self.db.write_tx(&[stores::SETTINGS])?;
        tx.put(stores::SETTINGS, &SettingOut { key, value })?;
        tx.commit().await
    }

    /// Forgets `key` (back to the default); removing a missing key is fine.
    pub async fn remove(&self, key: &str) -> Result<()> {
        let tx = self.db.write_tx(&[stores::SETTINGS])?;
        tx.delete(stores::SETTINGS, key)?;
        tx.commit().await
    }
}
