// Receipts and spreadsheets end to end, in two browsers: a member (phone) hands in a
// proposal; staff (desk, 1280×800) import it, export the proposal list as Excel and CSV,
// import it again (nothing changes), file it (立案) and assign it (交办), make the committee
// key and sign the member's receipt; the member imports the receipt after comparing the
// committee's fingerprint and sees 已接收 on the file handed in and the 立案 number on the
// proposal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { start, asMember, DESK, PROFILE, dutyEntry, exportBundle } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const dir = mkdtempSync(join(tmpdir(), 'lvzhi-receipt-'));
const TITLE = '关于完善农村养老服务网络的建议';

/** Every entry of a zip file by name, decompressed (read from the central directory). */
function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip file');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const local = buf.readUInt32LE(at + 42);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    out[name] = (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    at += 46 + skip;
  }
  return out;
}

async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

test('staff sign a receipt the member accepts under the pinned committee key; the proposal list exports', async () => {
  // The member hands in a submitted proposal.
  const member = await h.newPage();
  await asMember(member, h.base);
  await member.getByRole('button', { name: '新建提案' }).click();
  await member.locator('#p-title').waitFor();
  await member.fill('#p-title', TITLE);
  await member.selectOption('#p-category', 'society');
  await member.fill('#p-reasons', '村级互助养老点覆盖不足一半。𠀀');
  await member.fill('#p-suggestions', '每个行政村建一个互助养老点。');
  await member.getByRole('button', { name: '提交' }).click();
  await member.getByText('这件提案已提交，内容已冻结').waitFor();
  await member.getByRole('link', { name: '交接', exact: true }).first().click();
  await member.getByRole('button', { name: '预览' }).click();
  await member.getByText(/共 \d+ 项/).waitFor();
  const handedIn = await download(member, member.getByRole('button', { name: '签名并下载' }));
  await member.getByText(/已生成交接文件/).waitFor();
  assert.equal(await member.locator('.sent-list').getByText('已接收').count(), 0);

  // Staff: roster, then the file (held until the key is enrolled, then imported).
  const staff = await h.newPage(DESK);
  staff.on('dialog', (d) => d.accept());
  await staff.goto(`${h.base}/staff/roster`);
  await staff.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
  const csv = join(dir, 'roster.csv');
  writeFileSync(csv, `\ufeff姓名,委员证号,界别\n${PROFILE.name},${PROFILE.memberId},${PROFILE.sector}\n`);
  await staff.locator('input.roster-file').setInputFiles(csv);
  await staff.getByText('名册已导入：新增 1 人，更新 0 人').waitFor();
  await staff.getByRole('link', { name: '导入', exact: true }).click();
  await staff.locator('input.import-files').setInputFiles([handedIn.file]);
  await staff.locator('.import-results tbody tr').first().getByText('待登记').waitFor();
  await staff.getByRole('link', { name: '去名册登记' }).click();
  await staff.locator('.pending-file').getByText('已与委员当面核对指纹').click();
  await staff.locator('.pending-file').getByRole('button', { name: '登记并导入' }).click();
  await staff.getByText('没有待登记的文件。').waitFor();

  // The proposal list as Excel (a zip holding the title) and CSV (BOM, the title).
  await staff.getByRole('link', { name: '提案', exact: true }).click();
  await staff.locator('.proposal-inbox tbody tr').first().getByText(TITLE).waitFor();
  await h.shot(staff, '97-staff-proposals-export');
  const xlsx = await download(staff, staff.getByRole('button', { name: '导出 Excel' }));
  assert.match(xlsx.name, /^提案-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = readFileSync(xlsx.file);
  assert.equal(book.subarray(0, 2).toString('latin1'), 'PK');
  const parts = unzip(book);
  assert.ok(parts['xl/workbook.xml'].includes('提案一览'), 'the sheet tab');
  assert.ok(Object.values(parts).some((x) => x.includes(TITLE)), 'the title is in the workbook');
  assert.ok(Object.values(parts).some((x) => x.includes(PROFILE.memberId)));
  const sheetCsv = await download(staff, staff.getByRole('button', { name: '导出 CSV' }));
  assert.match(sheetCsv.name, /^提案-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(sheetCsv.file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('\ufeff提案号,案由,'));
  assert.ok(text.includes(TITLE) && text.includes(PROFILE.memberId));
  // A filter that keeps nothing exports the header only.
  await staff.selectOption('select[aria-label="状态"]', 'filed');
  await staff.getByText('还没有导入的提案').waitFor();
  const none = await download(staff, staff.getByRole('button', { name: '导出 CSV' }));
  assert.equal(readFileSync(none.file, 'utf8').trim().split('\r\n').length, 1);

  // The same file again changes nothing.
  await staff.getByRole('link', { name: '导入', exact: true }).click();
  await staff.locator('input.import-files').setInputFiles([handedIn.file]);
  await staff.locator('.import-results tbody tr').first().getByText('重复（无变化）').waitFor();

  // 立案 and 交办 on the desk (经办人 first).
  await staff.getByRole('link', { name: '提案', exact: true }).click();
  await staff.getByRole('link', { name: TITLE }).click();
  await staff.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  await staff.fill('#staff-officer', '提案委 刘芳');
  await staff.locator('.officer-field').getByRole('button', { name: '保存' }).click();
  const form = staff.locator('.record-form');
  await form.waitFor();
  await staff.selectOption('#ev-kind', 'filed');
  await form.getByRole('button', { name: '保存' }).click();
  const year = new Date().getFullYear();
  await staff.getByText(`已记录：立案 〔${year}〕第1号`).waitFor();
  await staff.selectOption('#ev-kind', 'assigned');
  await staff.fill('#ev-text1', '县民政局');
  await form.getByRole('button', { name: '保存' }).click();
  await staff.getByText(/已记录：交办 县民政局/).waitFor();

  // Receipts need the committee key: the page says so and links to it.
  await staff.getByRole('link', { name: '回执', exact: true }).click();
  await staff.getByRole('heading', { name: '签发回执', level: 1 }).waitFor();
  await staff.getByText('还没有本会密钥').waitFor();
  await h.shot(staff, '98a-staff-receipts-no-key');
  assert.ok(await staff.getByRole('button', { name: '生成回执' }).isDisabled());
  await staff.getByRole('main').getByRole('link', { name: '本会密钥' }).click();
  await staff.getByRole('button', { name: '生成本会密钥' }).click();
  const committeeFp = await staff.locator('.committee-key .fingerprint').innerText();
  assert.match(committeeFp, /^\d{4}( \d{4}){5}$/);

  // The member's receipt: the committee's code and name first, then sign.
  await staff.getByRole('link', { name: '回执', exact: true }).click();
  const row = staff.locator('.receipt-targets tbody tr').filter({ hasText: PROFILE.memberId });
  await row.waitFor();
  assert.deepEqual((await row.locator('td').allInnerTexts()).slice(0, 4), [PROFILE.name, PROFILE.memberId, '1', '2']);
  await row.getByRole('button', { name: '生成回执' }).click();
  await staff.getByText('请先填写并保存本会代码和名称。').waitFor();
  await staff.fill('#r-code', 'QYZX');
  await staff.fill('#r-name', '青阳县政协');
  await staff.getByRole('button', { name: '保存', exact: true }).click();
  await staff.getByText('已保存').waitFor();
  const receipt = await download(staff, row.getByRole('button', { name: '生成回执' }));
  assert.match(receipt.name, new RegExp(`^回执-${PROFILE.name}-\\d{4}-\\d{2}-\\d{2}\\.lvzhi\\.json$`));
  await staff.getByText(`已签发第 1 号回执：${receipt.name}`).waitFor();
  const issued = staff.locator('.issued-receipts tbody tr');
  await issued.first().waitFor();
  assert.equal(await issued.count(), 1);
  const envelope = JSON.parse(readFileSync(receipt.file, 'utf8'));
  const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  assert.equal(payload.kind, 'staff-receipt');
  assert.deepEqual([payload.seq, payload.prev, payload.signer.member_id, payload.signer.name], [1, null, 'QYZX', '青阳县政协']);
  assert.deepEqual(payload.items.map((i) => i.id), [PROFILE.memberId]);

  // One for all continues the numbering; the form remembered the committee.
  const all = await download(staff, staff.getByRole('button', { name: '全体回执' }));
  await staff.getByText(`已签发第 2 号回执：${all.name}`).waitFor();
  await staff.locator('.issued-receipts tbody tr').nth(1).waitFor();
  const second = JSON.parse(Buffer.from(JSON.parse(readFileSync(all.file, 'utf8')).payload, 'base64').toString('utf8'));
  assert.equal(second.seq, 2);
  assert.match(second.prev, /^[0-9a-f]{64}$/);
  await staff.reload();
  await staff.locator('.issued-receipts tbody tr').nth(1).waitFor();
  assert.equal(await staff.inputValue('#r-code'), 'QYZX');
  await h.shot(staff, '98-staff-receipts');
  assert.deepEqual(staff.errors, []);

  // The member imports the receipt after comparing the committee's fingerprint.
  const input = member.locator('.receipt-card input[type=file]');
  await input.setInputFiles(receipt.file);
  await member.getByText('第一次收到“青阳县政协”的回执').waitFor();
  assert.equal(await member.locator('.receipt-card .fingerprint').innerText(), committeeFp);
  await member.getByLabel('指纹一致，我已当面核对').check();
  await member.getByRole('button', { name: '确认并导入' }).click();
  await member.getByText(/政协机关已接收您的 1 份交接文件/).waitFor();
  await member.locator('.sent-list').getByText('已接收').waitFor();
  await h.shot(member, '99-member-receipt-from-desk');
  // The receipt for all is read under the same pinned key, without asking again.
  await input.setInputFiles(all.file);
  await member.getByText(/政协机关已接收您的 1 份交接文件/).waitFor();
  assert.equal(await member.getByText('第一次收到', { exact: false }).count(), 0);
  // The proposal on the phone now carries the 立案 number and the 交办 from the desk.
  await member.getByRole('link', { name: '提案', exact: true }).first().click();
  const card = member.locator('.proposal-card, li, article').filter({ hasText: TITLE }).first();
  await card.getByText(`〔${year}〕第1号`).waitFor();
  await member.getByText(TITLE).first().click();
  const timeline = member.locator('.timeline');
  await timeline.getByText(`〔${year}〕第1号`).waitFor();
  await timeline.getByText(/县民政局/).waitFor();
  await h.shot(member, '99b-member-filed-from-desk');
  assert.deepEqual(member.errors, []);
  await member.context().close();
  await staff.context().close();
});

test('the committee key can have a passphrase like a member\'s; signing a receipt then asks for it', async () => {
  const member = await h.newPage();
  await asMember(member, h.base);
  await dutyEntry(member, h.base);
  const file = await exportBundle(member, dir, 'sealed-member.lvzhi.json');
  await member.context().close();

  const staff = await h.newPage(DESK);
  staff.on('dialog', (d) => d.accept());
  await staff.goto(`${h.base}/staff/import`);
  await staff.locator('input.import-files').setInputFiles([file]);
  await staff.getByRole('link', { name: '去名册登记' }).click();
  await staff.locator('.pending-file').getByText('已与委员当面核对指纹').click();
  await staff.locator('.pending-file').getByRole('button', { name: '登记并导入' }).click();
  await staff.getByText('没有待登记的文件。').waitFor();

  await staff.getByRole('link', { name: '本会密钥' }).click();
  await staff.getByRole('button', { name: '生成本会密钥' }).click();
  const fp = await staff.locator('.committee-key .fingerprint').innerText();
  await staff.fill('#k-new', '政协机关口令2026');
  await staff.fill('#k-again', '政协机关口令2026');
  await staff.getByRole('button', { name: '设置口令' }).click();
  await staff.getByText('已设口令保护：每次签名时需要输入口令。').waitFor({ timeout: 20_000 });
  assert.equal(await staff.locator('.committee-key .fingerprint').innerText(), fp, 'the same key, now sealed');
  await h.shot(staff, '95b-staff-committee-key-sealed');

  await staff.getByRole('link', { name: '回执', exact: true }).click();
  await staff.fill('#r-code', 'QYZX');
  await staff.fill('#r-name', '青阳县政协');
  await staff.getByRole('button', { name: '保存', exact: true }).click();
  const row = staff.locator('.receipt-targets tbody tr').filter({ hasText: PROFILE.memberId });
  await staff.fill('#r-pass', '不对的口令');
  await row.getByRole('button', { name: '生成回执' }).click();
  await staff.getByText('口令不对，请再试一次').waitFor({ timeout: 20_000 });
  await staff.fill('#r-pass', '政协机关口令2026');
  const [d] = await Promise.all([staff.waitForEvent('download'), row.getByRole('button', { name: '生成回执' }).click()]);
  assert.match(d.suggestedFilename(), /^回执-/);
  assert.deepEqual(staff.errors, []);
  await staff.context().close();
});
