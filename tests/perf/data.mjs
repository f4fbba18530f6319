// Seeded data for the benchmarks: the same seed gives the same records every run.
// Proposals and duty logs in their stored shape (what serde writes for `Proposal` and
// `DutyLog`), and member bundles signed with node:crypto Ed25519 in the format of
// docs/BUNDLE.md (RFC 8785 payload in a DSSE v1 envelope), for the staff import.
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';

/** mulberry32: a small seeded PRNG, returns floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n, w) => String(n).padStart(w, '0');

export const TOPICS = ['农村饮用水安全', '乡村旅游发展', '中小学课后服务', '县域医疗共同体', '老旧小区改造', '农产品冷链物流', '河道生态治理', '养老服务体系'];
/** Words the search benchmark looks for (each in about one proposal in eight). */
export const SEARCH_WORDS = ['冷链物流', '课后服务'];
const CATS = ['economy', 'politics', 'culture', 'society', 'ecology', 'other'];
const STATUSES = ['draft', 'submitted', 'submitted', 'submitted', 'draft'];
const KINDS = ['study', 'station_activity', 'policy_talk', 'collect_sentiment', 'send_law', 'send_medical', 'other'];
const PLACES = ['桃源村委员议事室', '县政协常委会议室', '青阳镇社区服务中心', '城关镇卫生院', '县第一中学'];
const BASE_MS = 1_700_000_000_000;

export function proposal(r, i, proposer = { name: '王秀兰', member_id: 'QY-2026-017', sector: '农业农村界' }, status = pick(r, STATUSES)) {
  const topic = TOPICS[i % TOPICS.length];
  const ms = BASE_MS + i * 60_000 + int(r, 0, 59_999);
  return {
    id: `bench-p-${pad(i, 5)}`, rev: 1, status, year: 2022 + (i % 5), created_ms: ms, updated_ms: ms,
    title: `关于加强${topic}的建议（第${i}号）`, category: pick(r, CATS), proposer, co_signers: [],
    sector: proposer.sector, reasons: `${topic}方面存在的问题与原因分析。`.repeat(int(r, 10, 30)),
    suggestions: '1. 加大投入；2. 完善机制；3. 强化监督。'.repeat(int(r, 2, 8)), lead_unit: '县发改委',
    assisting_units: [], phone: '13800001234', attachment_ids: [], clue_id: null,
    filed_number: null, key_proposal: false, excellent: false,
  };
}

/** The day the data set is anchored to (the app's clock reads the real day): no log is dated
 *  after it, so the duty timeline opens on this month and the yearly score has a year so far. */
export const TODAY = '2026-11-25';

export function dutyLog(r, i) {
  const year = 2022 + (i % 5);
  let date = `${year}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`;
  // A date after TODAY (1 in 60 logs, all in its year) moves into TODAY's month; no draw
  // from `r`, so every other record stays as it was.
  if (date > TODAY) date = `${TODAY.slice(0, 8)}${pad(1 + (i % Number(TODAY.slice(8))), 2)}`;
  const ms = BASE_MS + i * 30_000 + int(r, 0, 29_999);
  return {
    id: `bench-d-${pad(i, 6)}`, kind: pick(r, KINDS), date, year, created_ms: ms, updated_ms: ms,
    place: pick(r, PLACES), title: '', notes: '走访群众，听取意见建议。'.repeat(int(r, 0, 4)),
    people: int(r, 0, 80), hours_tenths: int(r, 5, 40), attendance: 'present',
    proposal_id: null, clue_id: null, report_id: null, photo_ids: [],
  };
}

/** The member data set: `proposals` proposals and `duty` duty logs, from `seed`. */
export function memberData({ proposals = 1000, duty = 10000, seed = 20261125 } = {}) {
  const r = rng(seed);
  return {
    proposals: Array.from({ length: proposals }, (_, i) => proposal(r, i)),
    duty: Array.from({ length: duty }, (_, i) => dutyLog(r, i)),
  };
}

/** RFC 8785 for strings, integers, arrays and objects: JSON.stringify with keys sorted. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const PAYLOAD_TYPE = 'application/vnd.lvzhi.bundle+json; version=1';

function uuidV7(r, ms) {
  const b = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) b[i] = int(r, 0, 255);
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `count` member bundles (each `perMember` proposals and 4× as many duty logs), each
 *  signed by its member's own key, and the roster records that enrol those keys. */
export function memberBundles({ count = 200, perMember = 3, seed = 8 } = {}) {
  const r = rng(seed);
  const files = [];
  const roster = [];
  for (let m = 0; m < count; m++) {
    const seedBytes = createHash('sha256').update(`lvzhi-bench-member-${m}`).digest();
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seedBytes]);
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const x = createPublicKey(key).export({ format: 'jwk' }).x;
    const keyId = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
    const signer = { member_id: `QY-B-${pad(m, 4)}`, name: `委员${pad(m, 3)}`, sector: '农业农村界' };
    roster.push({ ...signer, key_id: keyId, enrolled_ms: BASE_MS, status: 'active', previous_keys: [] });
    const items = [];
    for (let k = 0; k < perMember; k++) {
      const p = proposal(r, m * 100 + k, signer, 'submitted');
      p.id = `bench-m${pad(m, 4)}-p${k}`;
      items.push({ type: 'proposal', id: p.id, rev: 1, updated_at: new Date(p.updated_ms).toISOString(), data: p });
    }
    for (let k = 0; k < perMember * 4; k++) {
      const d = dutyLog(r, m * 100 + k);
      d.id = `bench-m${pad(m, 4)}-d${k}`;
      items.push({ type: 'duty_log', id: d.id, rev: 1, updated_at: new Date(d.updated_ms).toISOString(), data: d });
    }
    const now = BASE_MS + 86_400_000 * 300 + m * 1000;
    const payload = {
      format: 'lvzhi-bundle', version: 1, bundle_id: uuidV7(r, now), kind: 'member-submission',
      created_at: new Date(now).toISOString(), signer: { ...signer, public_key: x, key_id: keyId },
      device_id: `bench-device-${m}`, seq: 1, prev: null, app: { name: 'lvzhi', version: '0.1.0' }, items, attachments: [],
    };
    const body = Buffer.from(canonical(payload), 'utf8');
    const t = Buffer.from(PAYLOAD_TYPE);
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${body.length} `), body]);
    const sig = sign(null, pae, key).toString('base64');
    const text = JSON.stringify({ payloadType: PAYLOAD_TYPE, payload: body.toString('base64'), signatures: [{ keyid: keyId, sig }] }) + '\n';
    files.push({ name: `${signer.name}-${payload.created_at.slice(0, 10)}-1.lvzhi.json`, text });
  }
  return { files, roster };
}
