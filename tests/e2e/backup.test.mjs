// Backup and restore at 390×844: a member with a submitted proposal and a duty entry with
// a photo makes an encrypted backup under 我的; a new phone (a fresh browser profile)
// restores it from the first-run page; everything is back, photo and signing key included.
// A wrong passphrase and a file that is not a backup are refused in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, asMember, png } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });


const TITLE = '关于完善农村养老服务网络的建议';
const PASS = '桃源村备份口令𠀀';

async function submittedProposal(page) {
  await page.getByRole('button', { name: '新建提案' }).click();
  await page.locator('#p-title').waitFor();
  await page.fill('#p-title', TITLE);
  await page.selectOption('#p-category', 'society');
  await page.fill('#p-reasons', '全县 60 岁以上老人占比 23%，村级互助养老点覆盖不足一半。');
  await page.fill('#p-suggestions', '1. 每个行政村建一个互助养老点；\n2. 县财政按人头补贴运营。');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('这件提案已提交，内容已冻结').waitFor();
}

async function entryWithPhoto(page) {
  await page.goto(`${h.base}/duty`);
  await page.getByRole('link', { name: '记一笔' }).click();
  await page.waitForURL(/\/duty\/log\//);
  await page.selectOption('#d-kind', 'station_activity');
  await page.fill('#d-place', '桃源村委员议事室');
  await page.locator('input[type=file]:not([capture])').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: png(1200, 900) });
  await page.locator('.photo-strip img.thumb').waitFor();
  await page.getByText(/已保存 \d\d:\d\d/).waitFor();
  await page.getByRole('button', { name: '完成' }).click();
  await page.waitForURL(/\/duty$/);
}

/** The thumbnail of the first duty entry's photo has loaded from storage. */
async function photoShows(page) {
  await page.locator('.duty-card').first().click();
  await page.locator('.photo-strip img.thumb').waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector('.photo-strip img.thumb');
    return img && img.complete && img.naturalWidth > 0;
  });
}

test('back up under 我的, restore on a new phone from the first-run page: proposal, photo and key are back', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await submittedProposal(page);
  await entryWithPhoto(page);

  await page.getByRole('link', { name: '我的' }).first().click();
  await page.getByRole('button', { name: '生成签名密钥' }).click();
  const fp = await page.locator('.key-card .fingerprint').innerText();
  const card = page.locator('.backup-card');
  // There is data and no backup yet: the card says so.
  await card.getByText('还没有备份过，建议备份').waitFor();
  assert.ok(await card.getByText('还没有备份过', { exact: true }).isVisible());
  await card.scrollIntoViewIfNeeded();
  await h.shot(page, '80-backup-reminder');

  // Passphrases checked before anything happens.
  await page.fill('#b-pass', '1234');
  await page.fill('#b-again', '1234');
  await page.getByRole('button', { name: '生成备份文件' }).click();
  await card.getByText('口令至少 8 个字', { exact: true }).waitFor();
  await page.fill('#b-pass', PASS);
  await page.fill('#b-again', PASS + '!');
  await page.getByRole('button', { name: '生成备份文件' }).click();
  await card.getByText('两次输入的口令不一致').waitFor();

  await page.fill('#b-again', PASS);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: '生成备份文件' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^履职通备份-王秀兰𠀀-\d{4}-\d\d-\d\d\.lvzhi-backup\.json$/);
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-backup-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  const outer = JSON.parse(text);
  assert.equal(outer.format, 'lvzhi-backup-file/1');
  assert.equal(outer.sealed.format, 'lvzhi-sealed/1');
  assert.ok(!text.includes(TITLE) && !text.includes('桃源村委员议事室'), 'the contents are encrypted');
  await card.getByText(/已生成备份文件：履职通备份-/).waitFor();
  await card.getByText(/^上次备份：\d{4}-\d\d-\d\d \d\d:\d\d$/).waitFor();
  assert.equal(await card.locator('.backup-reminder').count(), 0, 'the reminder is gone');
  await h.shot(page, '81-backup-made');
  assert.deepEqual(page.errors, []);

  // A new phone: the first-run page offers the restore.
  const phone = await h.newPage();
  await phone.goto(h.base + '/');
  await phone.getByRole('button', { name: '从备份恢复' }).click();
  const form = phone.locator('.restore-form');
  // Something that is not a backup file.
  const other = join(dir, 'not-a-backup.json');
  writeFileSync(other, JSON.stringify({ payloadType: 'application/vnd.lvzhi.bundle+json' }));
  await form.locator('input[type=file]').setInputFiles(other);
  await phone.fill('#r-pass', PASS);
  await phone.getByRole('button', { name: '恢复', exact: true }).click();
  await form.getByText('这不是履职通的备份文件，请选择以 .lvzhi-backup.json 结尾的文件').waitFor();
  // The backup with a wrong passphrase.
  await form.locator('input[type=file]').setInputFiles(file);
  await form.getByText(/已选择：履职通备份-/).waitFor();
  await phone.fill('#r-pass', '不对的备份口令啊');
  await phone.getByRole('button', { name: '恢复', exact: true }).click();
  await form.getByText('口令不对，请再试一次').waitFor({ timeout: 30000 });
  await h.shot(phone, '82-backup-restore-wrong-passphrase');

  await phone.fill('#r-pass', PASS);
  await phone.getByRole('button', { name: '恢复', exact: true }).click();
  // The app reloads on 我的 with the counts.
  await phone.getByText(/^已恢复：新增 \d+ 条，更新 0 条，保留本机较新的 0 条$/).waitFor({ timeout: 30000 });
  await phone.waitForURL(/\/me$/);
  assert.ok(await phone.locator('.who-name').getByText('王秀兰𠀀').isVisible());
  assert.equal(await phone.locator('.key-card .fingerprint').innerText(), fp, 'the same signing key');
  await phone.locator('.backup-card').getByText(/^上次备份：\d{4}-\d\d-\d\d \d\d:\d\d$/).waitFor();
  await h.shot(phone, '83-backup-restored');

  await phone.getByRole('link', { name: '提案', exact: true }).first().click();
  await phone.getByText(TITLE).waitFor();
  await phone.getByRole('link', { name: '履职', exact: true }).first().click();
  await phone.locator('.duty-card').first().getByText('照片 1 张').waitFor();
  await photoShows(phone);
  await h.shot(phone, '84-backup-restored-photo');

  // Restoring the same file again into the now filled phone adds nothing.
  await phone.getByRole('link', { name: '我的' }).first().click();
  await phone.locator('.restore-form input[type=file]').setInputFiles(file);
  await phone.fill('#r-pass', PASS);
  await phone.getByRole('button', { name: '恢复', exact: true }).click();
  await phone.getByText(/^已恢复：新增 0 条，更新 0 条，保留本机较新的 0 条，另有 \d+ 条与本机相同$/).waitFor({ timeout: 30000 });
  assert.deepEqual(phone.errors, []);
  await page.context().close();
  await phone.context().close();
});
