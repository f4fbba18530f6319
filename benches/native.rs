//! Native micro-benchmarks (issue 8): signing and verifying member bundles, RFC 8785
//! canonical JSON, the strict parser, and scoring, on fixed inputs made by a seeded
//! generator (no RNG crate, no files), so every run measures the same bytes.
//!
//! `make bench-native` runs this and turns divan's table into build-output/bench/native.json
//! and native.md (scripts/bench-native.mjs). With `LVZHI_BENCH_INPUTS=<file>` set, the
//! binary first writes what each benchmark's input is (label, bytes, items) to that file, so
//! the report can give input sizes and throughput without parsing anything but medians.
//! With `LVZHI_BENCH_BUNDLE=<file>` set, it writes the large signed bundle there
//! (`make bench-cli` times the release `lvzhi verify` on it).
//!
//! Sizes: "typical" is one member's hand-in of 20 proposals and 200 duty logs; "large" is
//! 1,000 proposals and 10,000 duty logs (about 14 MB of payload, far beyond any one member,
//! still under the 50 MiB `BUNDLE_MAX_BYTES`). Neither carries attachments: their cost is
//! base64 and SHA-256 of the file bytes, which says nothing about our code.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use lvzhi::bundle::json::{canonical, parse_strict};
use lvzhi::bundle::payload::{FORMAT, KIND_MEMBER_SUBMISSION, VERSION};
use lvzhi::bundle::{key_id, public_key_b64, rfc3339_utc, sign, uuid_v7, verify, AppInfo, DeviceKey, Item, Payload, Signer};
use lvzhi::domain::duty::{Attendance, DutyKind, DutyLog};
use lvzhi::domain::lifecycle::Status;
use lvzhi::domain::proposal::{Category, CoSigner, Proposal, Proposer};
use lvzhi::domain::score::{parse_rules, score, ScoreRules, YearFacts, PRESET_FILES};
use lvzhi::domain::sentiment::{ReportStatus, SentimentReport};
use lvzhi::staff::roster::{MemberStatus, RosterEntry};
use lvzhi::staff::scores::{score_table, MemberRecords};
use serde_json::Value;

fn main() {
    if let Some(path) = std::env::var_os("LVZHI_BENCH_INPUTS") {
        let text = serde_json::to_string_pretty(&inputs()).expect("the inputs list is plain JSON");
        std::fs::write(&path, text + "\n").expect("LVZHI_BENCH_INPUTS names a writable file");
    }
    // The large bundle as a file, for timing the shipped `lvzhi verify` on it (BENCHMARKS.md).
    if let Some(path) = std::env::var_os("LVZHI_BENCH_BUNDLE") {
        std::fs::write(&path, &fixture("large").signed).expect("LVZHI_BENCH_BUNDLE names a writable file");
    }
    divan::main();
}

const SIZES: [&str; 2] = ["typical", "large"];
const PRESETS: [&str; 4] = ["tongcheng-2019", "guangshui", "xuanwei", "minhang"];
/// The year scored (all generated records of the typical member fall in it or the one before).
const YEAR: i32 = 2026;
/// 2026-01-01T00:00:00Z in Unix milliseconds; generated times count from here.
const T0: i64 = 1_767_225_600_000;

// ───────────────────────────── Benchmarks ─────────────────────────────

mod bundle {
    use super::*;

    /// `bundle::sign`: payload → JSON value → checks → JCS bytes → Ed25519 over the DSSE
    /// PAE → envelope text. What the member's phone does at 交给政协.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 4)]
    fn sign(size: &str) -> lvzhi::bundle::SignedBundle {
        let f = fixture(size);
        super::sign(&f.key, &f.payload).expect("the generated payload signs")
    }

    /// `bundle::verify`: the whole file check staff run on import (two strict parses,
    /// base64, the signature, canonical form re-checked, shape, decoding into `Payload`).
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 4)]
    fn verify(size: &str) -> lvzhi::bundle::Verified {
        super::verify(fixture(size).signed.as_bytes()).expect("the signed bundle verifies")
    }
}

mod json {
    use super::*;

    /// `bundle::json::canonical` (RFC 8785) of the payload as a JSON value.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 3)]
    fn canonical(size: &str) -> Vec<u8> {
        super::canonical(&fixture(size).value)
    }

    /// `bundle::json::parse_strict` of the payload bytes (duplicate keys, floats and
    /// unsafe integers refused), as `verify` runs it on the decoded payload.
    #[divan::bench(args = SIZES, sample_count = 30, max_time = 3)]
    fn parse_strict(size: &str) -> Value {
        super::parse_strict(&fixture(size).body, "", true).expect("canonical bytes parse")
    }
}

mod score {
    use super::*;

    /// `domain::score::score` of one member-year (the typical member's facts) under each
    /// preset in rules/.
    #[divan::bench(args = PRESETS, sample_count = 1000)]
    fn member_year(preset: &str) -> lvzhi::domain::score::ScoreCard {
        super::score(rules(preset), &MEMBER_YEAR.facts)
    }

    /// `YearFacts::collect` for the typical member: records → the facts `score` reads.
    #[divan::bench(sample_count = 1000)]
    fn collect() -> YearFacts {
        let m = &*MEMBER_YEAR;
        YearFacts::collect(YEAR, &m.member_id, &m.logs, &m.proposals, &[], &m.reports)
    }

    /// `domain::score::parse_rules` of each preset file (what loading a rules file costs).
    #[divan::bench(args = PRESETS, sample_count = 1000)]
    fn parse_rules(preset: &str) -> ScoreRules {
        super::parse_rules(preset_text(preset)).expect("presets parse")
    }

    /// `staff::scores::score_table`: the 履职考核 page's whole roster (300 members) under
    /// each preset, every member's facts collected from all imported proposals.
    #[divan::bench(args = PRESETS, sample_count = 30, max_time = 3)]
    fn table_300(preset: &str) -> usize {
        let c = &*COMMITTEE;
        score_table(&c.roster, rules(preset), YEAR, &c.proposals, &[], &c.records).len()
    }
}

// ───────────────────────────── Inputs ─────────────────────────────

/// One input per benchmark id (the path divan prints as a tree, joined by "/": `bundle/sign/large`):
/// what it is, its size in bytes where bytes are the work, and its number of records.
#[derive(serde::Serialize)]
struct Input {
    label: String,
    bytes: Option<usize>,
    items: usize,
    /// What `items` counts: "records", "facts", "members" or "files".
    items_of: &'static str,
    /// What throughput is counted in: "bytes", "members", or none.
    per: Option<&'static str>,
}

fn inputs() -> BTreeMap<String, Input> {
    let mut out = BTreeMap::new();
    for size in SIZES {
        let f = fixture(size);
        let label = f.label.clone();
        let items = f.payload.items.len();
        let input = |bytes: usize| Input { label: label.clone(), bytes: Some(bytes), items, items_of: "records", per: Some("bytes") };
        // sign and canonical produce the payload bytes; verify reads the whole file.
        out.insert(format!("bundle/sign/{size}"), input(f.body.len()));
        out.insert(format!("bundle/verify/{size}"), input(f.signed.len()));
        out.insert(format!("json/canonical/{size}"), input(f.body.len()));
        out.insert(format!("json/parse_strict/{size}"), input(f.body.len()));
    }
    let m = &*MEMBER_YEAR;
    let records = m.logs.len() + m.proposals.len() + m.reports.len();
    let year_label = format!(
        "1 member-year: {} proposals, {} duty logs, {} reports",
        m.proposals.len(),
        m.logs.len(),
        m.reports.len()
    );
    out.insert(
        "score/collect".into(),
        Input { label: year_label.clone(), bytes: None, items: records, items_of: "records", per: None },
    );
    let c = &*COMMITTEE;
    let logs: usize = c.records.values().map(|r| r.logs.len()).sum();
    let reports: usize = c.records.values().map(|r| r.reports.len()).sum();
    for preset in PRESETS {
        let facts = m.facts.logs.len() + m.facts.proposals.len() + m.facts.reports.len();
        out.insert(
            format!("score/member_year/{preset}"),
            Input { label: year_label.clone(), bytes: None, items: facts, items_of: "facts", per: None },
        );
        let text = preset_text(preset);
        out.insert(
            format!("score/parse_rules/{preset}"),
            Input { label: format!("rules/{preset}.json"), bytes: Some(text.len()), items: 1, items_of: "files", per: None },
        );
        out.insert(
            format!("score/table_300/{preset}"),
            Input {
                label: format!(
                    "{} members; {} proposals, {} duty logs, {} reports in all",
                    c.roster.len(),
                    group(c.proposals.len()),
                    group(logs),
                    reports
                ),
                bytes: None,
                items: c.roster.len(),
                items_of: "members",
                per: Some("members"),
            },
        );
    }
    out
}

fn preset_text(id: &str) -> &'static str {
    PRESET_FILES.iter().find(|(pid, _)| *pid == id).map(|(_, text)| *text).expect("a preset id")
}

fn rules(id: &str) -> &'static ScoreRules {
    static RULES: LazyLock<HashMap<&'static str, ScoreRules>> = LazyLock::new(|| {
        PRESET_FILES.iter().map(|(id, text)| (*id, parse_rules(text).expect("presets parse"))).collect()
    });
    &RULES[id]
}

/// A member bundle, signed, with every intermediate form a benchmark starts from.
struct Fixture {
    label: String,
    key: DeviceKey,
    payload: Payload,
    /// The payload as a JSON value (what `canonical` reads).
    value: Value,
    /// Its JCS bytes (what is signed and what `parse_strict` reads in `verify`).
    body: Vec<u8>,
    /// The bundle file.
    signed: String,
}

fn fixture(size: &str) -> &'static Fixture {
    static TYPICAL: LazyLock<Fixture> = LazyLock::new(|| Fixture::new(20, 200, 1));
    static LARGE: LazyLock<Fixture> = LazyLock::new(|| Fixture::new(1_000, 10_000, 2));
    match size {
        "typical" => &TYPICAL,
        _ => &LARGE,
    }
}

impl Fixture {
    fn new(proposals: usize, logs: usize, seed: u64) -> Self {
        let mut g = Gen::new(seed);
        let key = DeviceKey::from_seed([seed as u8; 32]);
        let public = key.public_key();
        let me = Member { id: "QY-2026-017".into(), name: "王秀兰".into(), sector: "农业农村界".into() };
        let others = g.members(60);
        let mut items = Vec::with_capacity(proposals + logs);
        // A large bundle spans ten years, a typical one this year.
        let years = if proposals > 100 { 10 } else { 1 };
        for i in 0..proposals {
            let year = YEAR - (i % years) as i32;
            let p = g.proposal(&me, &others, year);
            items.push(item("proposal", &p.id, p.rev, p.updated_ms, serde_json::to_value(&p).expect("plain data")));
        }
        for i in 0..logs {
            let year = YEAR - (i % years) as i32;
            let l = g.log(year);
            items.push(item("duty_log", &l.id, 1, l.updated_ms, serde_json::to_value(&l).expect("plain data")));
        }
        let payload = Payload {
            format: FORMAT.into(),
            version: VERSION,
            bundle_id: uuid_v7(T0 as u64 + 86_400_000 * 300, g.bytes10()),
            kind: KIND_MEMBER_SUBMISSION.into(),
            created_at: rfc3339_utc(T0 + 86_400_000 * 300),
            signer: Signer {
                member_id: me.id.clone(),
                name: me.name.clone(),
                sector: me.sector.clone(),
                public_key: public_key_b64(&public),
                key_id: key_id(&public),
            },
            device_id: "bench-device".into(),
            seq: 3,
            prev: Some("9f".repeat(32)),
            app: AppInfo { name: "lvzhi".into(), version: "0.1.0".into() },
            items,
            attachments: vec![],
        };
        let value = serde_json::to_value(&payload).expect("plain data");
        let body = canonical(&value);
        let signed = sign(&key, &payload).expect("the generated payload signs").text;
        let label = format!("{} proposals + {} duty logs", group(proposals), group(logs));
        Fixture { label, key, payload, value, body, signed }
    }
}

fn item(ty: &str, id: &str, rev: u32, updated_ms: i64, data: Value) -> Item {
    Item { r#type: ty.into(), id: id.into(), rev, updated_at: rfc3339_utc(updated_ms), data }
}

/// 1234567 → "1,234,567".
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The typical member's records and facts for [`YEAR`] (with a few records of the year
/// before, which `collect` has to skip).
struct MemberYear {
    member_id: String,
    logs: Vec<DutyLog>,
    proposals: Vec<Proposal>,
    reports: Vec<SentimentReport>,
    facts: YearFacts,
}

static MEMBER_YEAR: LazyLock<MemberYear> = LazyLock::new(|| {
    let mut g = Gen::new(3);
    let me = Member { id: "QY-2026-017".into(), name: "王秀兰".into(), sector: "农业农村界".into() };
    let others = g.members(60);
    let mut proposals: Vec<Proposal> = (0..16).map(|_| g.proposal(&me, &others, YEAR)).collect();
    // Four the member co-signed, in second or third place.
    for i in 0..4 {
        let first = &others[i * 7];
        let mut p = g.proposal(first, &others, YEAR);
        p.co_signers.insert(i % 2, CoSigner { name: me.name.clone(), member_id: me.id.clone() });
        proposals.push(p);
    }
    let logs: Vec<DutyLog> = (0..200).map(|i| g.log(if i % 10 == 9 { YEAR - 1 } else { YEAR })).collect();
    let reports: Vec<SentimentReport> = (0..12).map(|_| g.report(YEAR)).collect();
    let facts = YearFacts::collect(YEAR, &me.id, &logs, &proposals, &[], &reports);
    MemberYear { member_id: me.id, logs, proposals, reports, facts }
});

/// A county committee as staff hold it: 300 members, each with a year of duty logs and a
/// few reports, and the proposals they wrote (co-signed among themselves).
struct Committee {
    roster: Vec<RosterEntry>,
    proposals: Vec<Proposal>,
    records: HashMap<String, MemberRecords>,
}

static COMMITTEE: LazyLock<Committee> = LazyLock::new(|| {
    let mut g = Gen::new(4);
    let members = g.members(300);
    let roster = members
        .iter()
        .map(|m| RosterEntry {
            member_id: m.id.clone(),
            name: m.name.clone(),
            sector: m.sector.clone(),
            key_id: None,
            enrolled_ms: None,
            status: MemberStatus::Active,
            previous_keys: vec![],
        })
        .collect();
    let mut proposals = Vec::new();
    let mut records = HashMap::new();
    for m in &members {
        for _ in 0..g.below(5) + 1 {
            proposals.push(g.proposal(m, &members, YEAR));
        }
        let logs = (0..g.below(160) + 40).map(|_| g.log(YEAR)).collect();
        let reports = (0..g.below(4)).map(|_| g.report(YEAR)).collect();
        records.insert(m.id.clone(), MemberRecords { logs, reports });
    }
    Committee { roster, proposals, records }
});

// ───────────────────────────── Generator ─────────────────────────────

#[derive(Clone)]
struct Member {
    id: String,
    name: String,
    sector: String,
}

/// SplitMix64: a few lines, fully determined by its seed.
struct Gen(u64);

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高"];
const GIVEN: &[&str] = &["秀兰", "明", "华", "建国", "晓燕", "志强", "丽", "军", "海燕", "国平", "文", "春梅"];
const SECTORS: &[&str] = &["中共", "农业农村界", "教育界", "医药卫生界", "经济界", "科技界", "文化艺术界", "社会福利界"];
const TOPICS: &[&str] = &[
    "农村\"一老一小\"服务", "县域公交线路", "乡村义务教育学校布局", "基层医疗卫生服务能力", "农村生活污水治理",
    "高标准农田建设", "农产品冷链物流", "老旧小区改造", "中小企业融资", "城乡居民医保", "乡村文化站运营",
    "河湖长制落实", "农村集体经济", "校外托管服务", "电商进农村",
];
const PHRASES: &[&str] = &[
    "近年来，我县在这方面做了大量工作，取得了一定成效，",
    "但调研中发现仍存在一些突出问题：",
    "一是资金投入不足，部分项目建成后缺乏运营经费；",
    "二是基层人员力量薄弱，专业人才引不进、留不住；",
    "三是群众参与度不高，宣传引导还不到位；",
    "四是部门之间统筹协调不够，存在多头管理现象。",
    "为此建议：",
    "1. 加大财政投入，设立专项资金，建立稳定的长效投入机制；",
    "2. 完善考核办法，将相关指标纳入乡镇年度目标考核；",
    "3. 加强队伍建设，落实待遇保障，畅通基层人才上升渠道；",
    "4. 推行\"互联网+\"服务模式，提高办事效率和群众满意度。",
    "据统计，全县共有行政村186个，常住人口约42.6万人，",
    "其中60岁以上老年人占比达23.5%，留守儿童约3100人。",
    "\n",
];
const PLACES: &[&str] = &["县政协会议中心", "桃源村委员议事室", "城关镇社区服务中心", "县人民医院", "青阳县第二中学", "经开区管委会"];

impl Gen {
    fn new(seed: u64) -> Self {
        Gen(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5851_f42d_4c95_7f2d)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn bytes10(&mut self) -> [u8; 10] {
        let mut b = [0u8; 10];
        b[..8].copy_from_slice(&self.next().to_le_bytes());
        b[8..].copy_from_slice(&self.next().to_le_bytes()[..2]);
        b
    }
    /// A time in `year`, in Unix milliseconds.
    fn time_in(&mut self, year: i32) -> i64 {
        T0 + i64::from(year - YEAR) * 365 * 86_400_000 + (self.below(360 * 86_400) as i64) * 1000
    }
    fn id(&mut self, at_ms: i64) -> String {
        let random = self.bytes10();
        uuid_v7(at_ms as u64, random)
    }
    /// Text of about `chars` characters from the phrase list.
    fn text(&mut self, chars: usize) -> String {
        let mut s = String::new();
        while s.chars().count() < chars {
            s.push_str(self.pick(PHRASES));
        }
        s
    }
    fn members(&mut self, n: usize) -> Vec<Member> {
        (0..n)
            .map(|i| Member {
                id: format!("QY-2026-{:03}", 100 + i),
                name: format!("{}{}", self.pick(SURNAMES), self.pick(GIVEN)),
                sector: self.pick(SECTORS).into(),
            })
            .collect()
    }
    fn proposal(&mut self, by: &Member, others: &[Member], year: i32) -> Proposal {
        let created = self.time_in(year);
        let status = self.pick(&[
            Status::Submitted, Status::Filed, Status::Filed, Status::Assigned, Status::Answered, Status::Answered,
            Status::Evaluated, Status::NotFiled, Status::Merged, Status::Draft,
        ]);
        let co_signers = (0..self.below(4))
            .map(|_| {
                let m = &others[self.below(others.len())];
                CoSigner { name: m.name.clone(), member_id: m.id.clone() }
            })
            .collect();
        let filed = matches!(status, Status::Filed | Status::Assigned | Status::Answered | Status::Evaluated);
        let reasons_len = 600 + self.below(900);
        let suggestions_len = 300 + self.below(600);
        Proposal {
            id: self.id(created),
            rev: 1 + self.below(3) as u32,
            status,
            year,
            created_ms: created,
            updated_ms: created + self.below(30 * 86_400) as i64 * 1000,
            title: format!("关于{}的建议", self.pick(TOPICS)),
            category: Some(self.pick(&Category::ALL)),
            proposer: Proposer { name: by.name.clone(), member_id: by.id.clone(), sector: by.sector.clone() },
            co_signers,
            sector: by.sector.clone(),
            reasons: self.text(reasons_len),
            suggestions: self.text(suggestions_len),
            lead_unit: "县农业农村局".into(),
            assisting_units: if self.chance(50) { vec!["县财政局".into(), "县民政局".into()] } else { vec![] },
            phone: "13800001234".into(),
            attachment_ids: vec![],
            clue_id: None,
            filed_number: filed.then(|| format!("〔{year}〕第{}号", 1 + self.below(300))),
            key_proposal: self.chance(10),
            excellent: self.chance(5),
        }
    }
    fn log(&mut self, year: i32) -> DutyLog {
        let at = self.time_in(year);
        let kind = self.pick(&DutyKind::ALL);
        let attendance = if kind.takes_attendance() && self.chance(15) {
            self.pick(&[Attendance::Late, Attendance::Leave, Attendance::Absent])
        } else {
            Attendance::Present
        };
        let day = chrono::DateTime::from_timestamp_millis(at).unwrap_or_default().date_naive();
        let notes_len = self.below(150);
        DutyLog {
            id: self.id(at),
            kind,
            date: day.format("%Y-%m-%d").to_string(),
            year: day.format("%Y").to_string().parse().unwrap_or(year),
            created_ms: at,
            updated_ms: at + 3_600_000,
            place: self.pick(PLACES).to_string(),
            title: if self.chance(50) { format!("{}专题调研", self.pick(TOPICS)) } else { String::new() },
            notes: if notes_len > 20 { self.text(notes_len) } else { String::new() },
            people: self.chance(30).then(|| self.below(200) as u32),
            hours_tenths: self.chance(60).then(|| 5 + self.below(75) as u32),
            attendance,
            proposal_id: None,
            clue_id: None,
            report_id: None,
            photo_ids: vec![],
        }
    }
    fn report(&mut self, year: i32) -> SentimentReport {
        let at = self.time_in(year);
        let status = self.pick(&[ReportStatus::Submitted, ReportStatus::Submitted, ReportStatus::Adopted, ReportStatus::Instructed]);
        SentimentReport {
            id: self.id(at),
            year,
            created_ms: at,
            updated_ms: at,
            status,
            title: format!("关于{}的情况反映", self.pick(TOPICS)),
            situation: self.text(300),
            analysis: self.text(200),
            suggestions: self.text(200),
            submitted_date: String::new(),
            status_note: String::new(),
            clue_id: None,
        }
    }
}
