//! Helpers shared by the browser tests (`tests/web_*.rs` include this with `mod support;`).
#![allow(dead_code)] // each test binary uses its own subset of these helpers

use lvzhi::domain::member::MemberProfile;
use lvzhi::store::Db;

/// A database of its own for one test (random name), to be passed to [`finish`].
pub async fn fresh_db(tag: &str) -> Db {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (js_sys::Math::random() * 1e12) as u64;
    Db::open(&format!("lvzhi-test-{tag}-{n}")).await.expect("open test database")
}

/// Closes and deletes a test database.
pub async fn finish(db: Db) {
    let name = db.name().to_owned();
    drop(db);
    Db::delete_database(&name).await.expect("delete test database");
}

pub fn profile() -> MemberProfile {
    MemberProfile {
        name: "王秀兰".into(),
        member_id: "QY-2026-017".into(),
        committee: "青阳县政协".into(),
        sector: "农业农村界".into(),
        is_standing: false,
        phone: "13800001234".into(),
    }
}
