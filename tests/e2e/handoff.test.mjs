// The hand-off at 390×844: a member exports a signed bundle, an independent verifier
// (node:crypto, no code of ours) accepts it, the app's own "open a file" says who signed
// it, a tampered copy is refused in Chinese, and a second export has nothing new; a re-export
// of unchanged data differs only where it must; the Web Share path; a file over 50 MB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, asMember, dutyEntry, exportBundle, PHONE } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

async function submittedProposal(page) {
  await page.getByRole('button', { name: '新建提案' }).click();
  await page.locator('#p-title').waitFor();
  await page.fill('#p-title', '关于完善农村养老服务网络的建议');
  await page.selectOption('#p-category', 'society');
  await page.fill('#p-reasons', '全县 60 岁以上老人占比 23%，村级互助养老点覆盖不足一半。𠀀');
  await page.fill('#p-suggestions', '1. 每个行政村建一个互助养老点；\n2. 县财政按人头补贴运营。');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('这件提案已提交，内容已冻结').waitFor();
}

test('export a signed bundle; an independent verifier and the app accept it; a tampered copy is refused', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await submittedProposal(page);
  await dutyEntry(page, h.base);

  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText(/共 \d+ 项/).waitFor();
  assert.ok(await page.getByText('提案 1').isVisible());
  assert.ok(await page.getByText('履职记录 1').isVisible());
  await h.shot(page, '70-handoff-preview');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '签名并下载' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^王秀兰𠀀-\d{4}-\d\d-\d\d-1\.lvzhi\.json$/);
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-'));
  const file = join(dir, 'bundle.lvzhi.json');
  await download.saveAs(file);
  await page.getByText(/已生成交接文件/).waitFor();
  assert.ok(await page.locator('.sent-list').getByText(/第 1 份/).isVisible());
  await h.shot(page, '71-handoff-exported');

  // Verified by code that is not ours: DSSE PAE + Ed25519 in node:crypto.
  const out = execFileSync('node', ['tests/interop/verify-dsse.mjs', file], { encoding: 'utf8' });
  assert.match(out, /OK/);

  // The app's own check of the file.
  await page.locator('.open-card input[type=file]').setInputFiles(file);
  await page.getByText('签名有效，内容未被改动').waitFor();
  assert.ok(await page.getByText('签名人：王秀兰𠀀（QY-2026-017，农业农村界）').isVisible());
  const fingerprint = await page.locator('.open-card .fingerprint').innerText();
  assert.match(fingerprint, /^\d{4}( \d{4}){5}$/);
  assert.equal(await page.locator('.key-card .fingerprint').innerText(), fingerprint);
  await h.shot(page, '72-handoff-open-valid');

  // One changed character in the payload: refused, and said why.
  const envelope = JSON.parse(readFileSync(file, 'utf8'));
  const payload = Buffer.from(envelope.payload, 'base64').toString('utf8').replace('互助养老点', '互助养老站');
  envelope.payload = Buffer.from(payload, 'utf8').toString('base64');
  const tampered = join(dir, 'tampered.lvzhi.json');
  writeFileSync(tampered, JSON.stringify(envelope));
  assert.throws(() => execFileSync('node', ['tests/interop/verify-dsse.mjs', tampered], { stdio: 'pipe' }));
  await page.locator('.open-card input[type=file]').setInputFiles(tampered);
  await page.getByText('文件无效').waitFor();
  await h.shot(page, '73-handoff-open-tampered');

  // Nothing changed since: nothing to hand in.
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText(/没有需要交接的新内容/).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a key protected by a passphrase: shown under 我的 with its QR code, asked for at signing', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await dutyEntry(page, h.base);
  await page.getByRole('link', { name: '我的' }).first().click();
  await page.getByRole('button', { name: '生成签名密钥' }).click();
  const fp = await page.locator('.key-card .fingerprint').innerText();
  assert.match(fp, /^\d{4}( \d{4}){5}$/);
  assert.equal(await page.locator('.key-card svg.qr path').count(), 1);
  // Too short, then two different ones: refused in Chinese.
  await page.fill('#k-new', '1234');
  await page.fill('#k-again', '1234');
  await page.getByRole('button', { name: '设置口令' }).click();
  await page.getByText('口令至少 8 个字', { exact: true }).waitFor();
  await page.fill('#k-new', '桃源村议事室口令');
  await page.fill('#k-again', '桃源村议事室口令!');
  await page.getByRole('button', { name: '设置口令' }).click();
  await page.getByText('两次输入的口令不一致').waitFor();
  await page.fill('#k-again', '桃源村议事室口令');
  await page.getByRole('button', { name: '设置口令' }).click();
  await page.getByText('已设口令保护：每次签名时需要输入口令。').waitFor({ timeout: 20000 });
  await h.shot(page, '74-me-key');

  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.getByRole('button', { name: '预览' }).click();
  await page.locator('#x-pass').waitFor();
  await page.fill('#x-pass', '不对的口令12');
  await page.getByRole('button', { name: '签名并下载' }).click();
  await page.getByText('口令不对，请再试一次').waitFor({ timeout: 20000 });
  await page.fill('#x-pass', '桃源村议事室口令');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20000 }),
    page.getByRole('button', { name: '签名并下载' }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'lvzhi-')), download.suggestedFilename());
  await download.saveAs(file);
  assert.match(execFileSync('node', ['tests/interop/verify-dsse.mjs', file], { encoding: 'utf8' }), /OK/);
  // Same key as shown under 我的.
  await page.locator('.open-card input[type=file]').setInputFiles(file);
  await page.getByText('签名有效，内容未被改动').waitFor();
  assert.equal(await page.locator('.open-card .fingerprint').innerText(), fp);
  await page.context().close();
});

/** Signs a receipt with node:crypto (tests/interop/sign-receipt.mjs); returns its path. */
function receipt(dir, name, spec) {
  const specFile = join(dir, `${name}.spec.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const out = join(dir, `${name}.lvzhi.json`);
  execFileSync('node', ['tests/interop/sign-receipt.mjs', specFile, out]);
  return out;
}

test('a receipt from the committee: the key is pinned after comparing fingerprints, the proposal shows 立案, re-reading changes nothing', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await submittedProposal(page);
  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.getByRole('button', { name: '预览' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), (async () => {
    await page.getByRole('button', { name: '签名并下载' }).waitFor();
    await page.getByRole('button', { name: '签名并下载' }).click();
  })()]);
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-'));
  const file = join(dir, 'member.lvzhi.json');
  await download.saveAs(file);
  const payload = JSON.parse(Buffer.from(JSON.parse(readFileSync(file, 'utf8')).payload, 'base64').toString('utf8'));
  const proposalId = payload.items.find((i) => i.type === 'proposal').id;
  const filed = { id: 'staff-event-1', proposal_id: proposalId, at_ms: Date.now(), by: 'staff', kind: { type: 'filed', number: '〔2026〕第12号' } };
  const spec = { seed_hex: '11'.repeat(32), committee_code: 'QYZX', committee_name: '青阳县政协', member_id: 'QY-2026-017', received: [payload.bundle_id], updates: [filed] };
  const good = receipt(dir, 'receipt', spec);

  const input = page.locator('.receipt-card input[type=file]');
  await input.setInputFiles(good);
  await page.getByText('第一次收到“青阳县政协”的回执').waitFor();
  const confirm = page.getByRole('button', { name: '确认并导入' });
  assert.ok(await confirm.isDisabled(), 'confirming needs the fingerprint comparison ticked');
  await h.shot(page, '75-receipt-pin');
  await page.getByLabel('指纹一致，我已当面核对').check();
  await confirm.click();
  await page.getByText('政协机关已接收您的 1 份交接文件；提案进展更新 1 条。').waitFor();
  await page.locator('.sent-list').getByText('已接收').waitFor();
  await h.shot(page, '76-receipt-imported');

  // The same receipt again: nothing new.
  await input.setInputFiles(good);
  await page.getByText('政协机关已接收您的 1 份交接文件；提案进展更新 0 条，1 条此前已导入。').waitFor();

  // A receipt signed by another key than the pinned one is refused.
  const forged = receipt(dir, 'forged', { ...spec, seed_hex: '22'.repeat(32) });
  await input.setInputFiles(forged);
  await page.locator('.receipt-card .save-error').filter({ hasText: /./ }).waitFor();

  // The proposal's timeline shows the number staff gave it.
  await page.goto(`${h.base}/proposals/${proposalId}`);
  await page.getByText('〔2026〕第12号').first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a selection: only the ticked proposal goes into the file', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await submittedProposal(page);
  await page.getByRole('link', { name: '提案', exact: true }).first().click();
  await submittedProposal(page);
  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText('提案 2').waitFor();
  await page.getByText('只交其中几件提案').click();
  await page.locator('.pick-proposals input[type=checkbox]').first().check();
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText('提案 1').waitFor();
  await h.shot(page, '77-handoff-pick');
  await page.context().close();
});

/** RFC 8785 (JCS) for what our payloads hold (objects, arrays, strings, integers, booleans,
 *  null): keys sorted by UTF-16 code units, no whitespace. Independent of our Rust code. */
function jcs(v) {
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`;
  }
  assert.ok(typeof v !== 'number' || Number.isSafeInteger(v), `a payload number must be a safe integer: ${v}`);
  return JSON.stringify(v);
}
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const payloadText = (file) => Buffer.from(JSON.parse(readFileSync(file, 'utf8')).payload, 'base64').toString('utf8');


// Issue 5's bar: re-exporting unchanged content gives a byte-identical payload except the
// fields that must change, and the same item hashes. The format carries no per-item hash, so
// an item's hash is the SHA-256 of its RFC 8785 canonical JSON (docs/BUNDLE.md).
test('exporting the same unchanged data twice: identical items and item hashes, only bundle id, time, seq and prev differ', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await submittedProposal(page);
  await dutyEntry(page, h.base);
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-'));
  const first = await exportBundle(page, dir, 'first.lvzhi.json', { all: true });
  const second = await exportBundle(page, dir, 'second.lvzhi.json', { all: true });
  assert.match(execFileSync('node', ['tests/interop/verify-dsse.mjs', first, second], { encoding: 'utf8' }), /OK/);

  const [t1, t2] = [payloadText(first), payloadText(second)];
  const [p1, p2] = [JSON.parse(t1), JSON.parse(t2)];
  // Our payload bytes are the canonical form an independent JCS gives.
  assert.equal(jcs(p1), t1);
  assert.equal(jcs(p2), t2);
  // The submitted proposal, its 提交 event on the timeline, and the duty log.
  assert.deepEqual(p1.items.map((i) => i.type).sort(), ['duty_log', 'proposal', 'proposal_event']);

  // The fields that must change do, and as the chain says.
  assert.notEqual(p2.bundle_id, p1.bundle_id);
  assert.ok(p2.created_at > p1.created_at, `${p2.created_at} after ${p1.created_at}`);
  assert.deepEqual([p1.seq, p2.seq], [1, 2]);
  assert.equal(p1.prev, null);
  assert.equal(p2.prev, sha256(t1), 'prev is the hash of the first payload');

  // Item by item: the same canonical JSON, so the same SHA-256.
  const itemHashes = (p) => p.items.map((i) => [`${i.type}/${i.id}@${i.rev}`, sha256(jcs(i))]);
  assert.deepEqual(itemHashes(p2), itemHashes(p1));
  assert.deepEqual(p2.items.map(jcs), p1.items.map(jcs));
  assert.deepEqual(p2.attachments.map(jcs), p1.attachments.map(jcs));

  // With only those fields put back, the second payload is byte for byte the first.
  const mustChange = ['bundle_id', 'created_at', 'seq', 'prev'];
  const differing = Object.keys(p1).filter((k) => jcs(p1[k]) !== jcs(p2[k])).sort();
  assert.deepEqual(differing, [...mustChange].sort());
  const restored = { ...p2 };
  for (const k of mustChange) restored[k] = p1[k];
  assert.equal(jcs(restored), t1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a phone with the Web Share API: one File named *.lvzhi.json is shared, and the bundle is recorded as sent', async () => {
  const context = await h.browser.newContext({ viewport: PHONE, locale: 'zh-CN', deviceScaleFactor: 1 });
  // Headless Chromium has no share sheet: stand in for it and keep what was shared.
  await context.addInitScript(() => {
    window.__shared = [];
    Object.defineProperty(navigator, 'canShare', {
      configurable: true,
      value: (data) => Array.isArray(data?.files) && data.files.length > 0 && data.files.every((f) => f instanceof File),
    });
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data) => {
        const files = await Promise.all(data.files.map(async (f) => ({ name: f.name, type: f.type, size: f.size, text: await f.text() })));
        window.__shared.push({ title: data.title, files });
      },
    });
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await asMember(page, h.base);
  await submittedProposal(page);
  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText(/共 \d+ 项/).waitFor();
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await page.getByRole('button', { name: '签名并分享' }).click();
  await page.getByText(/已生成交接文件/).waitFor();

  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.length, 1, 'shared once');
  assert.equal(shared[0].files.length, 1, 'one file');
  const [f] = shared[0].files;
  assert.match(f.name, /^王秀兰𠀀-\d{4}-\d\d-\d\d-1\.lvzhi\.json$/);
  assert.equal(f.type, 'application/json');
  assert.equal(f.size, Buffer.byteLength(f.text, 'utf8'));
  assert.ok(f.size > 500, `size ${f.size}`);
  assert.equal(downloaded, false, 'shared, not downloaded');
  // What was shared is a valid bundle by the independent verifier.
  const file = join(mkdtempSync(join(tmpdir(), 'lvzhi-')), f.name);
  writeFileSync(file, f.text);
  assert.match(execFileSync('node', ['tests/interop/verify-dsse.mjs', file], { encoding: 'utf8' }), /OK/);
  // Recorded as handed in, with the same size the message states.
  await page.locator('.sent-list').getByText(/第 1 份/).waitFor();
  await h.shot(page, '78-handoff-shared');
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** Records per object store of the app's database. */
async function storeCounts(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('lvzhi');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const out = {};
      for (const n of names) {
        const r = tx.objectStore(n).count();
        r.onsuccess = () => { out[n] = r.result; };
      }
      tx.oncomplete = () => { db.close(); resolve(out); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

test('a file over 50 MB picked in 打开交接文件核验: refused in Chinese at once, the page stays responsive, nothing stored', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.locator('.open-card').waitFor();
  const before = await storeCounts(page);
  // 50 MiB + 1 byte of JSON: refused from its size, before a byte is read. (Playwright takes
  // a Buffer of at most 50 MB, so the bytes go through a file.)
  const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x20);
  big.write('{"payloadType":"x"}');
  const hugeFile = join(mkdtempSync(join(tmpdir(), 'lvzhi-')), 'huge.lvzhi.json');
  writeFileSync(hugeFile, big);
  const started = Date.now();
  await page.locator('.open-card input[type=file]').setInputFiles(hugeFile);
  await page.locator('.open-card').getByText('文件超过 50 MB 的上限，无法打开').waitFor({ timeout: 5000 });
  const refusedMs = Date.now() - started;
  // The page answers at once: a round trip through its event loop is quick.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  const pingMs = Date.now() - t0;
  assert.ok(pingMs < 500, `page answered in ${pingMs} ms`);
  assert.ok(await page.getByRole('button', { name: '预览' }).isEnabled());
  console.log(`# >50 MB file refused ${refusedMs} ms after setInputFiles (includes sending 50 MB to the browser); ping ${pingMs} ms`);
  assert.ok(await page.locator('.open-card .verdict-box.valid').count() === 0);
  assert.deepEqual(await storeCounts(page), before, 'nothing stored');
  await h.shot(page, '79-handoff-open-too-large');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
