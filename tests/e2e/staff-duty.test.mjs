// 履职考核 and 一人一档 at 1280×800: two members hand in files (one with a proposal and a
// duty entry, one with a duty entry only), staff enrol and import them, score the roster
// under the committee's rules file (a wrong one refused by line first), sort the table,
// export XLSX and CSV, and print one member's file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, fillProfile, DESK, PROFILE, dutyEntry, exportBundle } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const dir = mkdtempSync(join(tmpdir(), 'lvzhi-staff-duty-'));
const year = new Date().getFullYear();
const SECOND = { ...PROFILE, name: '张华', memberId: 'QY-2026-033', sector: '教育界', phone: '139 0000 5678' };

async function member(p) {
  const page = await h.newPage();
  await page.goto(h.base + '/');
  await fillProfile(page, p);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  return page;
}

const RULES = `{
  "format": "lvzhi-score-rules/1",
  "name": "青阳县政协履职考核（试行）",
  "pass": 4,
  "items": [
    { "id": "act", "label": "参加活动", "logs": { "kinds": ["station_activity"], "points": 2 } },
    { "id": "prop", "label": "提案", "proposals": { "submitted": { "first": 3, "co_signer": 1 } } }
  ],
  "minimums": [{ "label": "提案", "items": ["prop"], "need": 1 }]
}`;

test('staff score the roster, sort it, export XLSX and CSV, and print one member file', async () => {
  // Two members hand in their files.
  const a = await member(PROFILE);
  await a.getByRole('button', { name: '新建提案' }).click();
  await a.locator('#p-title').waitFor();
  await a.fill('#p-title', '关于完善农村养老服务网络的建议');
  await a.selectOption('#p-category', 'society');
  await a.fill('#p-reasons', '村级互助养老点覆盖不足一半。');
  await a.fill('#p-suggestions', '每个行政村建一个互助养老点。');
  await a.getByRole('button', { name: '提交' }).click();
  await a.getByText('这件提案已提交，内容已冻结').waitFor();
  await dutyEntry(a, h.base, '桃源村委员议事室');
  const fileA = await exportBundle(a, dir, 'a.lvzhi.json');
  const b = await member(SECOND);
  await dutyEntry(b, h.base, '城关镇委员工作站');
  const fileB = await exportBundle(b, dir, 'b.lvzhi.json');

  const staff = await h.newPage(DESK);
  const nav = (name) => staff.locator('nav.main-nav').getByRole('link', { name, exact: true });
  await staff.goto(`${h.base}/staff/duty`);
  // Nothing yet: the page says to import the roster.
  await staff.getByText('名册里还没有委员', { exact: false }).waitFor();
  await h.shot(staff, '97-staff-duty-empty');

  // Roster of three (李明 hands nothing in), then both files, enrolled after the fingerprint check.
  await nav('名册').click();
  const csv = join(dir, 'roster.csv');
  writeFileSync(csv, `\ufeff姓名,委员证号,界别\n${PROFILE.name},${PROFILE.memberId},${PROFILE.sector}\n`
    + `${SECOND.name},${SECOND.memberId},${SECOND.sector}\n李明,QY-2026-021,中共\n`);
  await staff.locator('input.roster-file').setInputFiles(csv);
  await staff.getByText('名册已导入：新增 3 人，更新 0 人').waitFor();
  await nav('导入').click();
  await staff.locator('input.import-files').setInputFiles([fileA, fileB]);
  await staff.locator('.import-summary').filter({ hasText: /共 2 个文件/ }).waitFor();
  await nav('名册').click();
  for (const who of [PROFILE, SECOND]) {
    const pending = staff.locator('.pending-file').filter({ hasText: who.memberId });
    await pending.locator('input.fp-checked').check();
    await pending.getByRole('button', { name: '登记并导入' }).click();
    await pending.waitFor({ state: 'detached' });
  }
  await staff.getByText('没有待登记的文件。').waitFor();
  // The roster links each member to the file.
  assert.match(await staff.getByRole('link', { name: SECOND.name }).getAttribute('href'), /^\/staff\/members\/QY-2026-033\?year=\d{4}$/);

  // 履职考核 under the first preset: everyone is below 桐城's 60 points.
  await nav('履职考核').click();
  await staff.getByRole('heading', { name: '履职考核', level: 1 }).waitFor();
  await staff.getByText('共 3 人，3 人未达要求').waitFor();

  // The committee's rules file: a mistake is refused with its line and field, then the right one.
  const input = staff.locator('input.rules-file');
  await input.setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(RULES.replace('"station_activity"', '"station_activty"')) });
  await staff.getByText('规则文件有 1 处问题，未载入：').waitFor();
  assert.ok(await staff.getByText('第 6 行 items[0].logs.kinds[0]：未知的活动类别“station_activty”').isVisible());
  await input.setInputFiles({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(RULES) });
  await staff.getByText('已载入：青阳县政协履职考核（试行）').waitFor();
  await staff.getByText('共 3 人，2 人未达要求').waitFor();

  const rows = staff.locator('.duty-table tbody tr');
  const rowOf = (name) => rows.filter({ hasText: name });
  const cells = async (name) => (await rowOf(name).locator('td').allInnerTexts()).map((s) => s.trim());
  // 王秀兰: an activity (2) and her proposal (3) = 5, passed; 张华: 2 and no proposal; 李明: nothing.
  assert.deepEqual((await cells(PROFILE.name)).slice(0, 6), [PROFILE.name, PROFILE.memberId, PROFILE.sector, '5', '合格', '']);
  assert.deepEqual((await cells(SECOND.name)).slice(0, 6), [SECOND.name, SECOND.memberId, SECOND.sector, '2', '⚠不合格', '本年度尚无提案（至少 1 项）']);
  assert.doesNotMatch(String(await rowOf(PROFILE.name).getAttribute('class')), /flagged/);
  assert.match(await rowOf(SECOND.name).getAttribute('class'), /flagged/);
  assert.equal(await rowOf('李明').locator('.flag-icon').getAttribute('aria-label'), '未达要求');
  // Highest total first by default; a click on 总分 turns it round.
  const order = async () => (await rows.locator('td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(await order(), [PROFILE.memberId, SECOND.memberId, 'QY-2026-021']);
  const total = staff.locator('th', { hasText: '总分' });
  assert.equal(await total.getAttribute('aria-sort'), 'descending');
  await total.getByRole('button').click();
  assert.equal(await total.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await order(), ['QY-2026-021', SECOND.memberId, PROFILE.memberId]);
  const sector = staff.locator('th', { hasText: '界别' });
  await sector.getByRole('button').click();
  assert.equal(await sector.getAttribute('aria-sort'), 'ascending');
  assert.equal(await total.getAttribute('aria-sort'), 'none');
  // 中共 comes first in the committee's order of 界别, then 农业农村界 … 教育界 as listed.
  assert.equal((await order())[0], 'QY-2026-021');
  await total.getByRole('button').click();
  await h.shot(staff, '98-staff-duty');

  // XLSX: a zip whose sheet holds the names and the total as a number.
  const [xlsx] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: '导出 Excel (.xlsx)' }).click()]);
  assert.equal(xlsx.suggestedFilename(), `履职考核-${year}.xlsx`);
  const xlsxPath = join(dir, 'scores.xlsx');
  await xlsx.saveAs(xlsxPath);
  assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString('latin1'), 'PK');
  const strings = execFileSync('unzip', ['-p', xlsxPath, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  for (const s of [PROFILE.name, SECOND.name, '李明', '参加活动', '本年度尚无提案（至少 1 项）']) assert.ok(strings.includes(s), `${s} in the XLSX`);
  const sheet = execFileSync('unzip', ['-p', xlsxPath, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  assert.ok(sheet.includes('<v>5</v>'), 'the total is a number');
  // CSV: UTF-8 with a BOM, rows in the order shown (highest first again).
  const [csvDl] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: '导出 CSV' }).click()]);
  assert.equal(csvDl.suggestedFilename(), `履职考核-${year}.csv`);
  const csvPath = join(dir, 'scores.csv');
  await csvDl.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], '姓名,委员证号,界别,总分,考核结果,参加活动,提案,未达要求');
  assert.equal(lines[1], `${PROFILE.name},${PROFILE.memberId},${PROFILE.sector},5,合格,2,3,`);
  assert.ok(lines[3].startsWith('李明,QY-2026-021,中共,0,不合格'), lines[3]);

  // The rules are remembered.
  await staff.reload();
  await staff.getByText('共 3 人，2 人未达要求').waitFor();
  assert.equal(await staff.locator('select[aria-label="考核办法"]').inputValue(), 'custom');

  // 一人一档 of 王秀兰, from her row.
  await rowOf(PROFILE.name).getByRole('link', { name: '档案' }).click();
  await staff.waitForURL(/\/staff\/members\/QY-2026-017\?year=\d{4}$/);
  const file = staff.locator('.member-file');
  await file.getByRole('heading', { name: `${PROFILE.name} ${year}年度履职档案` }).waitFor();
  await file.getByText('关于完善农村养老服务网络的建议').waitFor();
  assert.ok(await file.getByText('领衔 · 已提交', { exact: false }).isVisible());
  assert.ok(await file.locator('.member-logs').getByText('桃源村委员议事室').isVisible());
  assert.equal(await file.locator('.score-number').innerText(), '5');
  assert.ok(await file.getByText('考核办法：青阳县政协履职考核（试行）').isVisible());
  await h.shot(staff, '99-staff-member-file');
  await staff.emulateMedia({ media: 'print' });
  assert.equal(await staff.locator('.main-nav').isVisible(), false);
  assert.equal(await staff.getByRole('button', { name: '打印' }).isVisible(), false);
  await staff.screenshot({ path: join('build-output', 'screenshots', '99-staff-member-file-print.png'), fullPage: true });
  await staff.emulateMedia({ media: 'screen' });

  // 张华's file says what is missing.
  await staff.goto(`${h.base}/staff/members/QY-2026-033?year=${year}`);
  await staff.locator('.member-file').getByText('本年度尚无提案（至少 1 项）').waitFor();
  await staff.goto(`${h.base}/staff/members/NOBODY`);
  await staff.getByText('名册里没有这位委员。').waitFor();

  assert.deepEqual(staff.errors, []);
  await staff.context().close();
  await a.context().close();
  await b.context().close();
});
