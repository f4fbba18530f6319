// Issue 7 at 390×844: after one visit the app works with no network at all — the static
// server stopped and the browser offline — for reloads, deep links, a proposal, a duty log
// and a signed export, every page served by the service worker; and an update waits for
// the member's tap, then runs with the data written before intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, asMember, fillProfile, dutyEntry } from './harness.mjs';
import { serve } from './serve.mjs';
import { writeServiceWorker } from '../../scripts/service-worker.mjs';

let h;
// Servers of the tests' own; stopped at the end even when a test fails midway.
const servers = [];
before(async () => { h = await start(); });
after(async () => {
  await Promise.all(servers.map(stop));
  await h?.close();
});

/** Waits until the service worker controls the page (first visit: it claims it). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
}

/** Stops a server for good, dropping kept-alive connections. */
function stop(server) {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections?.();
  return new Promise((ok) => server.close(ok));
}

async function ownServer(root) {
  const server = await serve(root);
  servers.push(server);
  return [server, `http://127.0.0.1:${server.address().port}`];
}

test('after one visit: no server, no network — reload, deep links, a proposal, a duty log and an export all work', async () => {
  // A server of its own, so stopping it leaves the other tests theirs.
  const [server, base] = await ownServer('dist');
  const page = await h.newPage();
  await asMember(page, base);
  await controlled(page);
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.short_name, '履职通');
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512'));

  await stop(server);
  await page.context().setOffline(true);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));

  const reload = await page.reload();
  assert.ok(reload.fromServiceWorker(), 'the reload came from the service worker');
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  for (const [path, heading] of [['/duty/score', '考核得分'], ['/me', '我的'], ['/handoff', '交接'], ['/no/such/page', '页面不存在']]) {
    const response = await page.goto(base + path);
    assert.ok(response.fromServiceWorker(), `${path} from the service worker`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  // A proposal, typed offline, is there after a reload.
  await page.goto(base + '/proposals');
  await page.getByRole('button', { name: '新建提案' }).click();
  await page.locator('#p-title').waitFor();
  await page.fill('#p-title', '关于村级议事室断网时照常办公的建议');
  await page.getByText(/已保存 \d\d:\d\d/).waitFor();
  await page.reload();
  await page.locator('#p-title').waitFor();
  assert.equal(await page.inputValue('#p-title'), '关于村级议事室断网时照常办公的建议');

  // A duty log.
  await dutyEntry(page, base);
  await page.locator('.duty-card').first().getByText('桃源村委员议事室').waitFor();

  // A signed export.
  await page.goto(base + '/handoff');
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText(/共 \d+ 项/).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '签名并下载' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.lvzhi\.json$/);

  // 我的 tells about storage.
  await page.goto(base + '/me');
  await page.locator('.storage-usage').getByText(/已用 .+，可用上限/).waitFor();
  await h.shot(page, '80-offline-me');
  assert.deepEqual(failed, [], 'nothing asked the network');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new version waits for 更新, then runs with the data written before', async () => {
  // Version A: a copy of the release build. Version B: the same copy with one file
  // changed and its worker rewritten by the build's own script — what a new release is.
  const root = mkdtempSync(join(tmpdir(), 'lvzhi-update-'));
  cpSync('dist', root, { recursive: true });
  const [, base] = await ownServer(root);
  const page = await h.newPage();
  await asMember(page, base);
  await controlled(page);
  await page.getByRole('button', { name: '新建提案' }).click();
  await page.fill('#p-title', '版本 A 写下的提案');
  await page.getByText(/已保存 \d\d:\d\d/).waitFor();

  const index = join(root, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name=lvzhi-build content=B><title>'));
  const b = writeServiceWorker(root, '/', 'public/sw.js');
  // The changed files' precompressed copies are stale now: the server sends the files.
  for (const f of ['index.html', 'sw.js']) for (const ext of ['.br', '.gz']) rmSync(join(root, f + ext), { force: true });

  await page.goto(base + '/proposals');
  const banner = page.locator('.update-banner');
  await banner.getByText('新版本可用').waitFor({ timeout: 20_000 });
  // Still version A until the tap.
  assert.equal(await page.locator('meta[name=lvzhi-build]').count(), 0);
  await h.shot(page, '81-update-banner');
  await Promise.all([
    page.waitForEvent('framenavigated'),
    banner.getByRole('button', { name: '更新' }).click(),
  ]);
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  assert.equal(await page.locator('meta[name=lvzhi-build]').getAttribute('content'), 'B');
  await page.getByText('版本 A 写下的提案').waitFor();
  assert.equal(await page.locator('.update-banner').count(), 0);
  // The old version's cache is gone; only B's remains.
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches.filter((c) => c.startsWith('lvzhi-member-')), [`lvzhi-member-${b.version}`]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in WeChat: one screen says how to open the browser; an export is shown for copying', async () => {
  const context = await h.browser.newContext({
    viewport: { width: 390, height: 844 }, locale: 'zh-CN',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.49',
  });
  const page = await context.newPage();
  await page.goto(h.base + '/');
  await page.getByRole('heading', { name: '请用手机浏览器打开' }).waitFor();
  await page.getByText('在默认浏览器中打开').waitFor();
  await h.shot(page, '82-wechat-guide');
  await page.getByRole('button', { name: '仍在微信中使用' }).click();
  await page.getByRole('heading', { name: '欢迎使用履职通' }).waitFor();
  await fillProfile(page);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
  // Drafts stay home; a duty log is handed in.
  await page.getByRole('link', { name: '履职', exact: true }).first().click();
  await page.getByRole('link', { name: '记一笔' }).click();
  await page.waitForURL(/\/duty\/log\//);
  await page.fill('#d-place', '桃源村委员议事室');
  await page.getByRole('button', { name: '完成' }).click();
  await page.waitForURL(/\/duty$/);
  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText(/共 \d+ 项/).waitFor();
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: '签名并下载' }).click();
  const text = page.locator('.copy-text');
  await text.waitFor();
  const bundle = JSON.parse(await text.inputValue());
  assert.match(bundle.payloadType, /^application\/vnd\.lvzhi\.bundle\+json/);
  assert.equal(downloads, 0);
  await h.shot(page, '83-wechat-copy');
  await context.close();
});

test('a device that had data and starts empty says so and opens the restore form', async () => {
  const page = await h.newPage();
  // The marker outside IndexedDB survives; the database does not (cleared by the browser).
  await page.addInitScript(() => localStorage.setItem('lvzhi.had-data', '1'));
  await page.goto(h.base + '/');
  await page.getByRole('alert').getByText('本机数据不见了').waitFor();
  await page.getByRole('button', { name: '选择备份文件' }).waitFor();
  await h.shot(page, '84-data-lost');
  await page.context().close();
});

test('安装到桌面: the browser\'s own offer where it has one; Safari\'s steps, with pictures, on an iPhone', async () => {
  // Chromium (Android): the app keeps the browser's beforeinstallprompt and offers it on 我的.
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.goto(h.base + '/me');
  await page.getByRole('heading', { name: '本机存储' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: '安装到桌面' }).count(), 0, 'no offer, no card');
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    offer.prompt = () => { window.__prompted = true; return Promise.resolve(); };
    window.dispatchEvent(offer);
  });
  await page.getByRole('button', { name: '安装到桌面' }).click();
  assert.equal(await page.evaluate(() => window.__prompted), true);
  await page.context().close();

  // iPhone Safari: no install event exists; the card shows the three steps.
  const context = await h.browser.newContext({
    viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true, isMobile: true,
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  });
  const phone = await context.newPage();
  await asMember(phone, h.base);
  await phone.goto(h.base + '/me');
  const card = phone.locator('.card.install');
  await card.getByRole('heading', { name: '在 iPhone、iPad 上安装' }).waitFor();
  assert.equal(await card.locator('.steps li').count(), 3);
  assert.equal(await card.locator('.steps li svg').count(), 3);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: 'build-output/screenshots/85-install-ios.png' });
  await context.close();
});

test('我的 warns when storage is 80% full', async () => {
  const page = await h.newPage();
  // The browser's estimate, as a phone nearly out of space would give it.
  await page.addInitScript(() => {
    navigator.storage.estimate = async () => ({ usage: 850 * 1024 * 1024, quota: 1000 * 1024 * 1024 });
  });
  await asMember(page, h.base);
  await page.goto(h.base + '/me');
  await page.locator('.storage-usage').getByText('已用 850.0 MB，可用上限 1000.0 MB（85%）').waitFor();
  await page.getByRole('alert').getByText(/存储空间已用 85%/).waitFor();
  await page.locator('.card.storage').screenshot({ path: 'build-output/screenshots/86-storage-high.png' });
  await page.context().close();
});
