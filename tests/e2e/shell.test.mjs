// The app shell as a member meets it: first run, profile in Chinese, reload, tabs,
// deep links, not-found, language switch, and the desk layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, DESK, PROFILE, fillProfile } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

test('first run: setup form, Chinese validation, save, reload keeps the profile', async () => {
  const page = await h.newPage();
  await page.goto(h.base + '/');
  await page.getByRole('heading', { name: '欢迎使用履职通' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await h.shot(page, '01-setup-empty');

  // Submitting an empty form names every missing field, in Chinese, and focuses the first.
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('有 5 处需要修改').waitFor();
  for (const msg of ['请填写姓名', '请填写委员证号', '请填写所属政协', '请填写界别', '请填写联系电话']) {
    assert.ok(await page.getByText(msg, { exact: true }).isVisible(), msg);
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-name');
  assert.equal(await page.getAttribute('#f-name', 'aria-invalid'), 'true');
  await h.shot(page, '02-setup-errors');

  // A wrong phone number is refused with its own message; typed text is kept.
  await fillProfile(page, { ...PROFILE, phone: '12345' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('请填写正确的电话号码').waitFor();
  assert.equal(await page.inputValue('#f-name'), PROFILE.name);
  await h.shot(page, '03-setup-bad-phone');

  // "其他" reveals a free-text sector field.
  await page.selectOption('#f-sector', '其他');
  assert.ok(await page.locator('#f-sector-other').isVisible());
  await page.selectOption('#f-sector', PROFILE.sector);
  assert.ok(!(await page.locator('#f-sector-other').isVisible()));

  await page.fill('#f-phone', PROFILE.phone);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  assert.match(page.url(), /\/proposals$/);
  await h.shot(page, '04-proposals-empty');

  await page.reload();
  await page.getByRole('link', { name: '我的' }).click();
  await page.getByRole('heading', { name: '我的', level: 1 }).waitFor();
  assert.match(page.url(), /\/me$/);
  for (const v of [PROFILE.name, PROFILE.memberId, PROFILE.committee, PROFILE.sector, PROFILE.phone, '常委']) {
    assert.ok(await page.getByText(v, { exact: true }).isVisible(), v);
  }
  await h.shot(page, '05-me');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('deep links survive a reload; tabs mark the current page; unknown paths say so', async () => {
  const page = await h.newPage();
  await page.goto(h.base + '/');
  await fillProfile(page);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();

  for (const [path, title, shot] of [['/duty', '履职', '06-duty'], ['/handoff', '交接', '07-handoff']]) {
    await page.goto(h.base + path);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    assert.equal(await page.getByRole('link', { name: title }).getAttribute('aria-current'), 'page');
    await page.reload();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await h.shot(page, shot);
  }

  await page.goto(h.base + '/no/such/page');
  await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  await h.shot(page, '08-not-found');
  await page.getByRole('link', { name: '返回提案首页' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('profile is editable under 我的, and the language switch to English is remembered', async () => {
  const page = await h.newPage();
  await page.goto(h.base + '/me');
  await fillProfile(page);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '我的', level: 1 }).waitFor();

  await page.getByRole('link', { name: '编辑' }).click();
  await page.getByRole('heading', { name: '编辑委员信息' }).waitFor();
  assert.equal(await page.inputValue('#f-committee'), PROFILE.committee);
  await page.fill('#f-committee', '');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('请填写所属政协').waitFor();
  await h.shot(page, '09-profile-edit-error');
  await page.fill('#f-committee', '青阳县政协委员会');
  await page.selectOption('#f-sector', '其他');
  await page.fill('#f-sector-other', '港澳界');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '我的', level: 1 }).waitFor();
  assert.ok(await page.getByText('青阳县政协委员会', { exact: true }).isVisible());
  assert.ok(await page.getByText('港澳界', { exact: true }).isVisible());

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Me', level: 1 }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Me', level: 1 }).waitFor();
  assert.ok(await page.getByRole('link', { name: 'Proposals' }).isVisible());
  await h.shot(page, '10-me-english');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '我的', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('desk layout (1280×800) puts the navigation at the side', async () => {
  const page = await h.newPage(DESK);
  await page.goto(h.base + '/');
  await fillProfile(page);
  await h.shot(page, '11-desk-setup');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  const nav = await page.locator('nav.main-nav').boundingBox();
  assert.ok(nav.height >= 790 && nav.width < 300, `side nav expected, got ${JSON.stringify(nav)}`);
  await page.getByRole('link', { name: '我的' }).click();
  await page.getByRole('heading', { name: '我的', level: 1 }).waitFor();
  await h.shot(page, '12-desk-me');
  await page.context().close();
});
