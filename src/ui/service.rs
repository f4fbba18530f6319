//! The UI's one door to storage: app-wide state in context, and the async calls pages make.

use leptos::prelude::*;

use crate::domain::member::MemberProfile;
use crate::domain::score::YearFacts;
use crate::i18n::{Lang, Texts};
use crate::store::{ClueStore, Db, DutyStore, ProposalStore, SentimentStore, StoreError};

pub use crate::store::DB_NAME;
use crate::store::settings::LANG as LANG_KEY;

/// One year of the member's records, see [`AppCtx::year_records`].
#[derive(Clone, Debug, Default)]
pub struct YearRecords {
    pub logs: Vec<crate::domain::duty::DutyLog>,
    pub proposals: Vec<crate::domain::proposal::Proposal>,
    pub reports: Vec<crate::domain::sentiment::SentimentReport>,
}

/// App-wide state, provided once in [`crate::ui::App`]. `Copy`, so every closure can hold it.
#[derive(Clone, Copy)]
pub struct AppCtx {
    pub lang: RwSignal<Lang>,
    /// `None` until the member has filled the first-run form.
    pub profile: RwSignal<Option<MemberProfile>>,
    db: StoredValue<Option<Db>, LocalStorage>,
}

impl AppCtx {
    pub fn new() -> Self {
        AppCtx {
            lang: RwSignal::new(Lang::default()),
            profile: RwSignal::new(None),
            db: StoredValue::new_local(None),
        }
    }

    pub fn use_ctx() -> Self {
        expect_context::<AppCtx>()
    }

    /// The strings of the current language (reactive: call inside a closure in views).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// One string of the current language, as a reactive view, attribute or prop:
    /// `{ctx.text(|t| t.save)}`. Always a `Signal<&'static str>`, so the code that renders
    /// and updates it is compiled once instead of once per string.
    pub fn text(self, pick: fn(&'static Texts) -> &'static str) -> Signal<&'static str> {
        Signal::derive(move || pick(self.t()))
    }

    fn db(&self) -> Result<Db, StoreError> {
        self.db.get_value().ok_or(StoreError::Unavailable)
    }

    /// The proposal repository (pages call its methods; they never see IndexedDB).
    pub fn proposals(&self) -> Result<ProposalStore, StoreError> {
        Ok(self.db()?.proposals())
    }

    pub fn clues(&self) -> Result<ClueStore, StoreError> {
        Ok(self.db()?.clues())
    }

    pub fn duty(&self) -> Result<DutyStore, StoreError> {
        Ok(self.db()?.duty())
    }

    pub fn settings(&self) -> Result<crate::store::Settings, StoreError> {
        Ok(self.db()?.settings())
    }

    pub fn handoff(&self) -> Result<crate::store::HandoffStore, StoreError> {
        Ok(self.db()?.handoff())
    }

    pub fn year_reports(&self) -> Result<crate::store::YearReportStore, StoreError> {
        Ok(self.db()?.year_reports())
    }

    pub fn sentiment(&self) -> Result<SentimentStore, StoreError> {
        Ok(self.db()?.sentiment())
    }

    /// Everything on the device as a backup doc (`store::backup::snapshot`).
    pub async fn backup_snapshot(self, now_ms: i64) -> Result<crate::bundle::backup::BackupDoc, StoreError> {
        crate::store::backup::snapshot(&self.db()?, now_ms).await
    }

    /// Merges a backup doc into the database (`store::backup::restore`).
    pub async fn backup_restore(
        self,
        doc: &crate::bundle::backup::BackupDoc,
    ) -> Result<crate::store::backup::RestoreReport, crate::store::backup::BackupError> {
        crate::store::backup::restore(&self.db()?, doc).await
    }

    /// Whether there is member data a backup would save.
    pub async fn has_member_data(self) -> Result<bool, StoreError> {
        crate::store::backup::has_member_data(&self.db()?).await
    }

    /// Everything the yearly report is made from: the year's duty entries, proposals and
    /// sentiment reports (the score reads less: [`Self::score_facts`]).
    pub async fn year_records(self, year: i32) -> Result<YearRecords, StoreError> {
        let db = self.db()?;
        Ok(YearRecords {
            logs: db.duty().year_logs(year).await?,
            proposals: db.proposals().year_proposals(year).await?,
            reports: db.sentiment().year_reports(year).await?,
        })
    }

    /// The member's score facts for `year`: what `YearFacts::collect` makes of
    /// [`Self::year_records`], with the duty entries counted rather than read
    /// (`DutyStore::year_log_facts`), so the score card stays quick with thousands of entries.
    pub async fn score_facts(self, year: i32, member_id: &str) -> Result<YearFacts, StoreError> {
        let db = self.db()?;
        let proposals = db.proposals().year_proposals(year).await?;
        // Only a refused proposal's events matter to the score (was it turned into 社情民意?).
        let mut events = Vec::new();
        for p in proposals.iter().filter(|p| p.status == crate::domain::lifecycle::Status::NotFiled) {
            events.extend(db.proposals().events(&p.id).await?);
        }
        let reports = db.sentiment().year_reports(year).await?;
        let mut facts = YearFacts::collect(year, member_id, &[], &proposals, &events, &reports);
        facts.logs = db.duty().year_log_facts(year).await?;
        Ok(facts)
    }

    /// Applies a staff receipt to this device's records (see `store::apply_receipt`).
    pub async fn apply_receipt(
        self,
        receipt: &crate::staff::receipt::ReceiptForMe,
    ) -> Result<crate::store::ReceiptOutcome, StoreError> {
        crate::store::apply_receipt(&self.db()?, receipt, now_ms()).await
    }

    /// Opens the database and loads what the shell needs before it can render.
    pub async fn boot(self) -> Result<(), StoreError> {
        let db = Db::open(DB_NAME).await?;
        let lang = db.settings().get(LANG_KEY).await?.and_then(|c| Lang::from_code(&c));
        let profile = db.profile().get().await?;
        self.db.set_value(Some(db));
        if let Some(lang) = lang {
            self.lang.set(lang);
        }
        self.profile.set(profile);
        Ok(())
    }

    pub async fn save_profile(self, profile: MemberProfile) -> Result<(), StoreError> {
        self.db()?.profile().save(&profile, now_ms()).await?;
        if self.profile.with_untracked(Option::is_none) {
            super::device::on_first_save();
        }
        self.profile.set(Some(profile));
        Ok(())
    }

    /// Switches language at once; remembering it is best effort (the switch must never fail).
    pub async fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        if let Ok(db) = self.db() {
            if let Err(e) = db.settings().set(LANG_KEY, lang.code()).await {
                leptos::logging::warn!("language not remembered: {e}");
            }
        }
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The current year on the device's calendar.
pub fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// A new random id (UUID v4) from the browser's CSPRNG.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}-{:x}", now_ms(), (js_sys::Math::random() * 1e15) as u64))
}

/// Local time as "HH:MM" for "已保存 14:02"; "YYYY-MM-DD HH:MM" when not today.
pub fn short_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let today = js_sys::Date::new_0();
    let hm = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
    if d.to_date_string() == today.to_date_string() {
        hm
    } else {
        format!("{}-{:02}-{:02} {hm}", d.get_full_year(), d.get_month() + 1, d.get_date())
    }
}

/// The sentence for a storage failure, in the current language.
pub fn store_error_text(t: &Texts, e: &StoreError) -> &'static str {
    match e {
        StoreError::Unavailable => t.store_unavailable,
        StoreError::Blocked => t.store_blocked,
        StoreError::QuotaExceeded => t.store_quota,
        StoreError::VersionTooNew { .. } => t.store_version_too_new,
        StoreError::Closed => t.store_closed,
        _ => t.store_failed,
    }
}

/// Today as "YYYY-MM-DD" on the device's calendar.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!("{}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

