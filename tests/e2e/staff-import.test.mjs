// Staff import end to end at 1280×800: a member (phone) hands in a signed file; staff (a
// desk browser of their own) import the roster, hold the file from a signer without a
// key, enrol it after comparing the fingerprint, import it once (the same file again
// changes nothing), refuse a tampered copy and, after revoking the member, a later file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, asMember, DESK, PROFILE, dutyEntry, exportBundle } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const dir = mkdtempSync(join(tmpdir(), 'lvzhi-staff-'));

async function importFiles(staff, files) {
  await staff.getByRole('link', { name: '导入', exact: true }).click();
  await staff.getByRole('heading', { name: '导入交接文件', level: 1 }).waitFor();
  await staff.locator('input.import-files').setInputFiles(files);
  await staff.locator('.import-summary').filter({ hasText: /共 \d+ 个文件/ }).waitFor();
  return staff.locator('.import-results tbody tr');
}

test('staff import a member file: enrol after comparing the fingerprint, once, and refuse tampered and revoked files', async () => {
  // The member: a submitted proposal and a duty entry, handed in.
  const member = await h.newPage();
  await asMember(member, h.base);
  await member.getByRole('button', { name: '新建提案' }).click();
  await member.locator('#p-title').waitFor();
  await member.fill('#p-title', '关于完善农村养老服务网络的建议');
  await member.selectOption('#p-category', 'society');
  await member.fill('#p-reasons', '村级互助养老点覆盖不足一半。𠀀');
  await member.fill('#p-suggestions', '每个行政村建一个互助养老点。');
  await member.getByRole('button', { name: '提交' }).click();
  await member.getByText('这件提案已提交，内容已冻结').waitFor();
  await dutyEntry(member, h.base, '桃源村委员议事室');
  const file = await exportBundle(member, dir, 'member-1.lvzhi.json');
  const memberFp = await member.locator('.key-card .fingerprint').innerText();
  assert.match(memberFp, /^\d{4}( \d{4}){5}$/);

  // Staff, in a desk browser of their own.
  const staff = await h.newPage(DESK);
  staff.on('dialog', (d) => d.accept());
  await staff.goto(`${h.base}/staff/`);
  await staff.getByRole('heading', { name: '导入交接文件', level: 1 }).waitFor();

  // The roster: a bad file is refused whole with line numbers, then the right one.
  await staff.getByRole('link', { name: '名册', exact: true }).click();
  await staff.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `姓名,委员证号,界别\n${PROFILE.name},${PROFILE.memberId},${PROFILE.sector}\n,QY-2026-018,教育界\n`);
  await staff.locator('input.roster-file').setInputFiles(bad);
  await staff.getByText('第 3 行“姓名”：', { exact: false }).waitFor();
  assert.ok(await staff.getByText('名册还是空的', { exact: false }).isVisible(), 'nothing saved');
  const csv = join(dir, 'roster.csv');
  writeFileSync(csv, `\ufeff姓名,委员证号,界别\n${PROFILE.name},${PROFILE.memberId},${PROFILE.sector}\n张华,QY-2026-033,教育界\n`);
  await staff.locator('input.roster-file').setInputFiles(csv);
  await staff.getByText('名册已导入：新增 2 人，更新 0 人').waitFor();
  assert.equal(await staff.locator('.roster-table tbody tr').count(), 2);
  await h.shot(staff, '91-staff-roster');

  // The member's file: held, since no key is enrolled yet.
  let rows = await importFiles(staff, [file]);
  await rows.first().getByText('待登记').waitFor();
  await h.shot(staff, '92-staff-import-pending');

  // Enrol after comparing the fingerprint: the button waits for the tick.
  await staff.getByRole('link', { name: '去名册登记' }).click();
  await staff.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
  const pending = staff.locator('.pending-file');
  assert.equal(await pending.locator('.fingerprint').innerText(), memberFp);
  const enrol = pending.getByRole('button', { name: '登记并导入' });
  assert.ok(await enrol.isDisabled());
  await pending.getByText('已与委员当面核对指纹').click();
  await h.shot(staff, '93-staff-enrol');
  await enrol.click();
  await staff.getByText('没有待登记的文件。').waitFor();
  const row = staff.locator('.roster-table tbody tr').filter({ hasText: PROFILE.memberId });
  await row.getByText('在册').waitFor();
  assert.equal((await row.locator('.mono').innerText()).trim(), memberFp);

  // Imported: the recent list has it; the same file again is a duplicate and nothing changes.
  rows = await importFiles(staff, [file]);
  await rows.first().getByText('重复（无变化）').waitFor();
  assert.equal(await staff.locator('.recent-bundles tbody tr').count(), 1);
  // The proposal, its submission event and the duty entry.
  assert.match(await staff.locator(".recent-bundles").innerText(), /新增 3 项，更新 0 项，未变 0 项/);

  // A tampered copy beside the original: refused with the reason, the original a duplicate.
  const envelope = JSON.parse(readFileSync(file, 'utf8'));
  const payload = Buffer.from(envelope.payload, 'base64').toString('utf8').replace('互助养老点', '互助养老站');
  envelope.payload = Buffer.from(payload, 'utf8').toString('base64');
  const tampered = join(dir, 'tampered.lvzhi.json');
  writeFileSync(tampered, JSON.stringify(envelope));
  rows = await importFiles(staff, [file, tampered]);
  await staff.getByText('共 2 个文件：新导入 0，重复 1，待处理 0，未导入 1').waitFor();
  await rows.nth(1).getByText('已拒收').waitFor();
  await rows.nth(1).getByText('文件内容被改动过：签名与内容不符').waitFor();
  assert.equal(await staff.locator('.recent-bundles tbody tr').count(), 1);
  await h.shot(staff, '94-staff-import-results');

  // The proposal inbox holds the member's proposal once, and its filters work.
  await staff.getByRole('link', { name: '提案', exact: true }).click();
  const inbox = staff.locator('.proposal-inbox tbody tr');
  await inbox.first().getByText('关于完善农村养老服务网络的建议').waitFor();
  assert.equal(await inbox.count(), 1);
  await staff.selectOption('select[aria-label="状态"]', 'filed');
  await staff.getByText('还没有导入的提案').waitFor();
  await staff.selectOption('select[aria-label="状态"]', 'submitted');
  await inbox.first().waitFor();
  await staff.fill('input[type=search]', '养老');
  await inbox.first().getByText('关于完善农村养老服务网络的建议').waitFor();
  await h.shot(staff, '96-staff-proposals');
  await staff.getByRole('link', { name: '导入', exact: true }).click();

  // Revoked: a later file from the member is refused.
  await dutyEntry(member, h.base, '县政协三楼会议室');
  const later = await exportBundle(member, dir, 'member-2.lvzhi.json');
  await staff.getByRole('link', { name: '名册', exact: true }).click();
  await staff.locator('.roster-table tbody tr').filter({ hasText: PROFILE.memberId }).getByRole('button', { name: '撤销' }).click();
  await staff.locator('.roster-table tbody tr').filter({ hasText: PROFILE.memberId }).getByText('已撤销').waitFor();
  rows = await importFiles(staff, [later]);
  await rows.first().getByText('已拒收').waitFor();
  await rows.first().getByText('签名密钥已撤销或已被替换', { exact: false }).waitFor();

  // The committee key: made once, fingerprint and QR.
  await staff.getByRole('link', { name: '本会密钥', exact: true }).click();
  await staff.getByRole('button', { name: '生成本会密钥' }).click();
  assert.match(await staff.locator('.committee-key .fingerprint').innerText(), /^\d{4}( \d{4}){5}$/);
  assert.equal(await staff.locator('.committee-key svg.qr path').count(), 1);
  await h.shot(staff, '95-staff-committee-key');

  assert.deepEqual(staff.errors, []);
  assert.deepEqual(member.errors, []);
  await staff.context().close();
  await member.context().close();
});
