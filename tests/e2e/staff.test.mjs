// The staff workspace is its own app under /staff/ (members never download it): it loads
// at a desk viewport, deep links land on it, and 我的 links to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, asMember, DESK } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

test('the staff workspace loads under /staff/ and is not part of the member download', async () => {
  const page = await h.newPage(DESK);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await asMember(page, h.base);
  assert.ok(wasm.every((p) => !p.includes('staff')), wasm.join());
  await page.getByRole('link', { name: '我的' }).first().click();
  await page.getByRole('link', { name: '政协机关工作人员入口' }).click();
  await page.waitForURL(/\/staff\/$/);
  await page.getByRole('heading', { name: '导入交接文件', level: 1 }).waitFor();
  assert.ok(await page.getByText('政协机关工作台').first().isVisible());
  assert.ok(wasm.some((p) => p.startsWith('/staff/lvzhi-staff-')), wasm.join());
  await h.shot(page, '90-staff-shell');
  await page.goto(`${h.base}/staff/roster`);
  await page.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
  await page.goto(`${h.base}/staff/inbox`);
  await page.getByRole('heading', { name: '没有这个页面', level: 1 }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
