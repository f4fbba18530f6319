// What must hold when things are not ideal: no IndexedDB, narrow phones with large text,
// and a Chinese IME composing while the form reacts to input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

test('without IndexedDB (private mode, blocked storage) the app says why instead of a blank page', async () => {
  const page = await h.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto(h.base + '/proposals');
  await page.getByRole('heading', { name: '无法打开本机数据' }).waitFor();
  assert.ok(await page.getByText('无痕/隐私模式').isVisible());
  assert.ok(await page.getByRole('button', { name: '重试' }).isVisible());
  await h.shot(page, '20-store-unavailable');
  await page.context().close();
});

test('360 px wide at 200% text size: nothing is cut off sideways', async () => {
  const page = await h.newPage({ width: 360, height: 740 });
  await page.goto(h.base + '/');
  await page.getByRole('heading', { name: '欢迎使用履职通' }).waitFor();
  // Through the CSSOM: the page's Content-Security-Policy refuses an injected <style>.
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('有 5 处需要修改').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // Every control lies wholly on screen, and none has text clipped inside it.
  const clipped = await page.evaluate(() => [...document.querySelectorAll('button, a, input, select, label, h1')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 0.5 || el.scrollWidth > el.clientWidth + 1; })
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(clipped, []);
  await h.shot(page, '21-setup-360-200pct');
  await page.context().close();
});

test('a Chinese IME composition is not disturbed while the form clears its errors', async () => {
  const page = await h.newPage();
  await page.goto(h.base + '/');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('请填写姓名').waitFor();

  // Drive the IME the way Chromium sees one: composition updates, then the commit.
  await page.focus('#f-name');
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['w', 'wa', 'wan', 'wang']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await cdp.send('Input.insertText', { text: '王' });
  for (const text of ['x', 'xi', 'xiu']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await cdp.send('Input.insertText', { text: '秀兰' });

  assert.equal(await page.inputValue('#f-name'), '王秀兰');
  assert.equal(await page.evaluate(() => document.getSelection() && document.activeElement.selectionStart), 3);
  // Typing cleared the complaint about this field, and only this one.
  assert.ok(!(await page.getByText('请填写姓名').isVisible()));
  assert.ok(await page.getByText('请填写委员证号').isVisible());
  await page.context().close();
});
