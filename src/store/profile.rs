//! The member's own profile: one record, id [`PROFILE_ID`].

use serde::Serialize;

use crate::domain::member::MemberProfile;

use super::db::Db;
use super::error::Result;
use super::schema::{stores, PROFILE_ID};

/// Reads and saves the single [`MemberProfile`].
#[derive(Clone, Debug)]
pub struct ProfileStore {
    db: Db,
}

/// The stored shape: the profile plus the store's bookkeeping fields. Reading decodes
/// straight into `MemberProfile`, which ignores `id` and `updated_ms`.
#[derive(Serialize)]
struct ProfileRecord<'a> {
    id: &'static str,
    updated_ms: i64,
    name: &'a str,
    member_id: &'a str,
    committee: &'a str,
    sector: &'a str,
    is_standing: bool,
    phone: &'a str,
}

impl ProfileStore {
    /// Same as [`Db::profile`].
    pub fn new(db: &Db) -> Self {
        ProfileStore { db: db.clone() }
    }

    /// `None` until the first-run form was saved.
    pub async fn get(&self) -> Result<Option<MemberProfile>> {
        self.db.read_tx(&[stores::PROFILE])?.get(stores::PROFILE, PROFILE_ID).await
    }

    /// Saves (replaces) the profile; `now_ms` is passed in so callers and tests control
    /// the clock.
    pub async fn save(&self, profile: &MemberProfile, now_ms: i64) -> Result<()> {
        let record = ProfileRecord {
            id: PROFILE_ID,
            updated_ms: now_ms,
            name: &profile.name,
            member_id: &profile.member_id,
            committee: &profile.committee,
            sector: &profile.sector,
            is_standing: profile.is_standing,
            phone: &profile.phone,
        };
        let tx = self.db.write_tx(&[stores::PROFILE])?;
        tx.put(stores::PROFILE, &record)?;
        tx.commit().await
    }
}
