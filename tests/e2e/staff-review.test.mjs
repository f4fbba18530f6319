// Staff review end to end at 1280×800: a member hands in a proposal; staff import it, open
// it from the inbox, give their name once (经办人, remembered), file it (立案 takes the
// next number of the proposal's year), assign it to units (交办), and see both actions in
// the history and the timeline, also after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, asMember, DESK, PROFILE } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const dir = mkdtempSync(join(tmpdir(), 'lvzhi-review-'));
const TITLE = '关于完善农村养老服务网络的建议';
// A tiny valid PNG (1×1), attached by the member and saved again by staff.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A member's submitted proposal, handed in through 交接; returns the file's path. */
async function memberFile(member) {
  await asMember(member, h.base);
  await member.getByRole('button', { name: '新建提案' }).click();
  await member.locator('#p-title').waitFor();
  await member.fill('#p-title', TITLE);
  await member.selectOption('#p-category', 'society');
  await member.fill('#p-reasons', '村级互助养老点覆盖不足一半。\n留守老人就餐难。𠀀');
  await member.fill('#p-suggestions', '1. 每个行政村建一个互助养老点。\n2. 县财政安排运营补贴。');
  await member.fill('#p-lead', '县民政局');
  await member.locator('.attachments input[type=file]').setInputFiles({ name: '养老点现场.png', mimeType: 'image/png', buffer: PHOTO });
  await member.locator('.attachment-list').getByText('养老点现场.png').waitFor();
  await member.getByRole('button', { name: '提交' }).click();
  await member.getByText('这件提案已提交，内容已冻结').waitFor();
  await member.getByRole('link', { name: '交接', exact: true }).first().click();
  await member.getByRole('button', { name: '预览' }).click();
  await member.getByText(/共 \d+ 项/).waitFor();
  const [download] = await Promise.all([
    member.waitForEvent('download'),
    member.getByRole('button', { name: '签名并下载' }).click(),
  ]);
  const file = join(dir, 'member.lvzhi.json');
  await download.saveAs(file);
  return file;
}

test('staff file and assign a proposal; the number runs in sequence and the history keeps who did what', async () => {
  const year = new Date().getFullYear();
  const member = await h.newPage();
  const file = await memberFile(member);

  const staff = await h.newPage(DESK);
  staff.on('dialog', (d) => d.accept());
  await staff.goto(`${h.base}/staff/roster`);
  await staff.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
  const csv = join(dir, 'roster.csv');
  writeFileSync(csv, `姓名,委员证号,界别\n${PROFILE.name},${PROFILE.memberId},${PROFILE.sector}\n`);
  await staff.locator('input.roster-file').setInputFiles(csv);
  await staff.getByText('名册已导入：新增 1 人，更新 0 人').waitFor();
  await staff.getByRole('link', { name: '导入', exact: true }).click();
  await staff.locator('input.import-files').setInputFiles([file]);
  await staff.locator('.import-results tbody tr').first().getByText('待登记').waitFor();
  await staff.getByRole('link', { name: '去名册登记' }).click();
  const pending = staff.locator('.pending-file');
  await pending.getByText('已与委员当面核对指纹').click();
  await pending.getByRole('button', { name: '登记并导入' }).click();
  await staff.getByText('没有待登记的文件。').waitFor();

  // The inbox row opens the proposal.
  await staff.getByRole('link', { name: '提案', exact: true }).click();
  await staff.getByRole('link', { name: TITLE }).click();
  await staff.waitForURL(/\/staff\/proposals\/QY-2026-017%7Cproposal%7C/);
  await staff.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
  const handedIn = staff.locator('.handed-in');
  await handedIn.getByText('县民政局').waitFor();
  assert.match(await handedIn.innerText(), /留守老人就餐难。𠀀/);
  assert.match(await handedIn.innerText(), /王秀兰𠀀（QY-2026-017）/);
  assert.match(await staff.locator('.review-status').innerText(), /已提交/);

  // The member's attachment: staff save it, byte for byte what the member attached.
  const [saved] = await Promise.all([
    staff.waitForEvent('download'),
    handedIn.getByRole('button', { name: /养老点现场\.png/ }).click(),
  ]);
  assert.equal(saved.suggestedFilename(), '养老点现场.png');
  assert.deepEqual(readFileSync(await saved.path()), PHOTO);

  // No officer yet: the form waits for a name; a blank one is refused in Chinese.
  const form = staff.locator('.record-form');
  assert.ok(!(await form.isVisible()), 'no form before the 经办人 is known');
  await staff.locator('.officer-field').getByRole('button', { name: '保存' }).click();
  await staff.getByText('请填写经办人姓名（不超过 20 个字）').waitFor();
  await staff.fill('#staff-officer', '提案委 刘芳');
  await staff.locator('.officer-field').getByRole('button', { name: '保存' }).click();
  await staff.locator('.officer-name').getByText('提案委 刘芳').waitFor();
  await form.waitFor();

  // Only what the status allows is offered; 不予立案 offers where it goes.
  const offered = await staff.locator('#ev-kind option').allInnerTexts();
  assert.deepEqual(offered, ['立案', '不予立案', '并案']);
  await staff.selectOption('#ev-kind', 'not_filed');
  assert.deepEqual(await staff.locator('#ev-option option').allInnerTexts(), ['无', '转为社情民意信息', '转为委员来信']);

  // 立案: the number is given, not typed.
  await staff.selectOption('#ev-kind', 'filed');
  assert.ok(!(await staff.locator('#ev-text1').isVisible()), 'no number input for staff');
  await form.getByText(`保存后编为 〔${year}〕第1号`).waitFor();
  await h.shot(staff, '97-staff-review-before');
  await form.getByRole('button', { name: '保存' }).click();
  await staff.getByText(`已记录：立案 〔${year}〕第1号`).waitFor();
  assert.match(await staff.locator('.review-status').innerText(), new RegExp(`立案\\s*〔${year}〕第1号`));
  assert.match(await handedIn.innerText(), new RegExp(`〔${year}〕第1号`));

  // 交办 with lead and assisting units; an empty lead is refused first.
  assert.deepEqual(await staff.locator('#ev-kind option').allInnerTexts(), ['交办', '重点/优秀标记']);
  await staff.selectOption('#ev-kind', 'assigned');
  await staff.locator('.record-form').getByRole('button', { name: '保存' }).click();
  await staff.locator('.record-form .error').filter({ hasText: /主办单位/ }).waitFor();
  await staff.fill('#ev-text1', '县民政局');
  await staff.fill('#ev-text2', '县财政局、县卫生健康局');
  await staff.locator('.record-form').getByRole('button', { name: '保存' }).click();
  await staff.getByText('已记录：交办 县民政局 · 协办单位：县财政局、县卫生健康局').waitFor();
  assert.match(await staff.locator('.review-status').innerText(), /交办/);

  // The history, newest first, with who did it; the timeline has the member's step too.
  const rows = staff.locator('.staff-history tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /提案委 刘芳\s+交办 县民政局/);
  assert.match(await rows.nth(1).innerText(), new RegExp(`提案委 刘芳\\s+立案 〔${year}〕第1号`));
  const timeline = await staff.locator('.timeline .events').innerText();
  assert.match(timeline, /提交[\s\S]*委员本人[\s\S]*立案[\s\S]*政协机关[\s\S]*交办/);
  await h.shot(staff, '98-staff-review-assigned');

  // After a reload: the name is remembered, everything is read back from storage.
  await staff.reload();
  await staff.locator('.officer-name').getByText('提案委 刘芳').waitFor();
  assert.equal(await staff.locator('.staff-history tbody tr').count(), 2);
  assert.deepEqual(await staff.locator('#ev-kind option').allInnerTexts(), ['沟通', '答复', '重点/优秀标记']);

  // Back to the inbox: the row shows the number and the new status.
  await staff.getByRole('link', { name: '← 返回提案列表' }).click();
  const row = staff.locator('.proposal-inbox tbody tr').first();
  await row.getByText(`〔${year}〕第1号`).waitFor();
  await row.getByText('交办').waitFor();
  await h.shot(staff, '99-staff-review-inbox');
  assert.deepEqual(staff.errors, []);
});
