// Shared set-up for end-to-end tests: the system Chromium through playwright-core
// (never a downloaded browser), the release build served on 127.0.0.1, a phone viewport,
// and screenshots kept under build-output/screenshots for people to look at.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { serve } from './serve.mjs';

export const PHONE = { width: 390, height: 844 };
export const DESK = { width: 1280, height: 800 };
export const SHOTS = join('build-output', 'screenshots');

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

export const PROFILE = {
  name: '王秀兰𠀀',
  memberId: 'QY-2026-017',
  committee: '青阳县政协',
  sector: '农业农村界',
  phone: '138 0000 1234',
};

/** Fills the first-run profile form (does not submit). */
export async function fillProfile(page, p = PROFILE) {
  await page.fill('#f-name', p.name);
  await page.fill('#f-member-id', p.memberId);
  await page.fill('#f-committee', p.committee);
  await page.selectOption('#f-sector', p.sector);
  await page.check('#f-standing');
  await page.fill('#f-phone', p.phone);
}

/** A member who has finished first-run setup, on the proposals tab. */
export async function asMember(page, base) {
  await page.goto(base + '/');
  await fillProfile(page);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '提案', level: 1 }).waitFor();
}

/** Types `text` into the focused field the way a Chinese IME does: pinyin compositions,
 *  then the committed characters. */
export async function imeType(page, steps) {
  const cdp = await page.context().newCDPSession(page);
  for (const [pinyin, hanzi] of steps) {
    for (let i = 1; i <= pinyin.length; i++) {
      const text = pinyin.slice(0, i);
      await cdp.send('Input.imeSetComposition', { text, selectionStart: i, selectionEnd: i });
    }
    await cdp.send('Input.insertText', { text: hanzi });
  }
  await cdp.detach();
}

/** A routine 工作站/议事室活动 log at `place`, from the 履职 tab; back on the list. */
export async function dutyEntry(page, base, place = '桃源村委员议事室') {
  await page.goto(`${base}/duty`);
  await page.getByRole('link', { name: '记一笔' }).click();
  await page.waitForURL(/\/duty\/log\//);
  await page.selectOption('#d-kind', 'station_activity');
  await page.fill('#d-place', place);
  await page.getByRole('button', { name: '完成' }).click();
  await page.waitForURL(/\/duty$/);
}

/** Exports everything new (with `all`, everything: the 只导出… box unticked) through 交接
 *  and saves the file as `dir/name`; returns its path. */
export async function exportBundle(page, dir, name, { all = false } = {}) {
  await page.getByRole('link', { name: '交接', exact: true }).first().click();
  if (all) await page.getByLabel('只导出上次交接后新增或修改的内容').uncheck();
  await page.getByRole('button', { name: '预览' }).click();
  await page.getByText(/共 \d+ 项/).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '签名并下载' }).click(),
  ]);
  const file = join(dir, name);
  await download.saveAs(file);
  await page.getByText(/已生成交接文件/).waitFor();
  return file;
}

/** Starts the server and the browser; returns helpers and a `close()`. */
export async function start(dist = 'dist') {
  mkdirSync(SHOTS, { recursive: true });
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  /** A fresh profile (empty IndexedDB) at the given viewport. */
  async function newPage(viewport = PHONE) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.errors = errors;
    return page;
  }
  async function shot(page, name) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }
  async function close() {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
  return { base, server, browser, newPage, shot, close };
}

/** A real PNG of `w`×`h` pixels in two colours (so resizing has something to decode). */
export function png(w, hgt) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(hgt, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set(x < w / 2 ? [159, 29, 32] : [40, 120, 60], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: hgt }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
