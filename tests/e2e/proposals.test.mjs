// A member's proposal work at 390×844: draft with a Chinese IME, autosave that survives
// a closed tab, submission checks in Chinese, the frozen text, list search and the
// duplicate-title hint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, asMember, imeType, png } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const TITLE = '关于加强农村饮用水安全保障的建议';
const REASONS = '桃源村等 12 个行政村仍使用上世纪修建的供水管网，𠀀 老化漏损严重 😀。';
const SUGGESTIONS = '1. 将农村供水管网改造列入年度民生实事；\n2. 每季度公布水质检测结果。';

async function newProposal(page) {
  await page.getByRole('button', { name: '新建提案' }).click();
  await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
  await page.locator('#p-title').waitFor();
  return page.url();
}

test('draft with an IME, close the tab mid-edit, reopen: every character is there', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.getByText('还没有提案').waitFor();
  await h.shot(page, '30-proposals-empty');

  const url = await newProposal(page);
  await page.focus('#p-title');
  await imeType(page, [['guanyu', '关于'], ['jiaqiang', '加强'], ['nongcun', '农村'], ['yinyongshui', '饮用水'],
    ['anquan', '安全'], ['baozhang', '保障'], ['de', '的'], ['jianyi', '建议']]);
  assert.equal(await page.inputValue('#p-title'), TITLE);
  assert.ok(await page.getByText(`${TITLE.length} / 60 字`).isVisible());
  await page.getByText(/已保存 \d\d:\d\d/).waitFor();

  await page.selectOption('#p-category', 'society');
  await page.fill('#p-suggestions', SUGGESTIONS);
  // The last keystrokes, then the tab is gone before any debounce could run.
  await page.fill('#p-reasons', REASONS);
  await h.shot(page, '31-proposal-editing');
  const context = page.context();
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await again.locator('#p-title').waitFor();
  assert.equal(await again.inputValue('#p-title'), TITLE);
  assert.equal(await again.inputValue('#p-reasons'), REASONS);
  assert.equal(await again.inputValue('#p-suggestions'), SUGGESTIONS);
  assert.equal(await again.inputValue('#p-category'), 'society');
  await h.shot(again, '32-proposal-reopened');

  // Saved versions: the first autosave kept the title alone; compare it, then restore it.
  await again.getByText('历史版本').click();
  const older = again.locator('.revision-list li').filter({ has: again.getByRole('button', { name: '恢复此版本' }) }).first();
  await older.getByRole('button', { name: '对比' }).click();
  assert.ok(await older.locator('.diff ins').getByText('老化漏损严重').isVisible());
  await h.shot(again, '32b-proposal-compare');
  await older.getByRole('button', { name: '恢复此版本' }).click();
  await again.locator('#p-title').waitFor();
  await again.waitForFunction(() => document.querySelector('#p-reasons')?.value === '');
  assert.equal(await again.inputValue('#p-title'), TITLE);
  await context.close();
});

test('submission is checked in Chinese, then the text is frozen; the list finds it', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await newProposal(page);
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText(/还有 \d+ 处需要填写或修改/).waitFor();
  for (const msg of ['请填写案由', '请选择类别', '请填写提案理由', '请填写办法建议']) {
    assert.ok(await page.locator('p.error', { hasText: msg }).first().isVisible(), msg);
  }
  await h.shot(page, '33-proposal-submit-errors');

  await page.fill('#p-title', TITLE);
  await page.selectOption('#p-category', 'society');
  await page.fill('#p-reasons', REASONS);
  await page.fill('#p-suggestions', SUGGESTIONS);
  await page.getByRole('button', { name: '添加联名提案人' }).click();
  await page.locator('.row input').nth(0).fill('李建国');
  await page.locator('.row input').nth(1).fill('QY-2026-088');
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('这件提案已提交，内容已冻结').waitFor();
  assert.equal(await page.getAttribute('#p-title', 'readonly'), '');
  assert.ok(await page.getByRole('heading', { name: '已提交' }).isVisible());
  await h.shot(page, '34-proposal-frozen');

  // Progress recorded by hand: 立案 with its number, shown on the timeline.
  await page.getByRole('button', { name: '记录进展' }).click();
  await page.getByLabel('进展类型').selectOption({ label: '立案' });
  await page.locator('#ev-text1:visible').fill('〔2026〕第12号');
  await page.locator('.record-form').getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '立案', level: 1 }).waitFor();
  await page.locator('.events').getByText('〔2026〕第12号').waitFor();
  await page.locator('.filed-number').getByText('〔2026〕第12号').waitFor();
  // A step the status does not allow is not offered (立案 twice).
  await page.getByRole('button', { name: '记录进展' }).click();
  const offered = await page.getByLabel('进展类型').locator('option').allTextContents();
  assert.ok(!offered.includes('立案') && offered.includes('交办'), offered.join(','));
  await h.shot(page, '37-proposal-timeline');

  // Print: the same page as an A4 提案表 (print media), and a real PDF from Chromium.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByRole('heading', { name: '提案表' }).isVisible());
  assert.ok(!(await page.locator('nav.main-nav').isVisible()));
  assert.ok(await page.getByText('附议人签名').isVisible());
  await h.shot(page, '39-proposal-print');
  const pdf = await page.pdf({ format: 'A4', path: 'build-output/proposal-print.pdf' });
  assert.ok(pdf.length > 10_000, `PDF is ${pdf.length} bytes`);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.equal(pages, 1, 'one proposal prints on one A4 page');
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 390, height: 844 });

  // A second draft with a similar title gets the duplicate hint.
  await page.getByRole('link', { name: '提案' }).click();
  await newProposal(page);
  await page.fill('#p-title', '关于加强农村饮水安全的建议');
  await page.getByText('你以前写过标题相近的提案').waitFor();
  assert.ok(await page.getByRole('link', { name: TITLE }).isVisible());
  await h.shot(page, '35-proposal-similar-hint');

  // The list: newest first, searchable by words of the body, filterable by status.
  await page.getByRole('link', { name: '提案' }).click();
  await page.getByText('共 2 件').waitFor();
  await page.getByLabel('状态').selectOption('');
  await page.getByRole('searchbox').fill('供水管网');
  await page.locator('.proposal-card').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.proposal-card').length === 1);
  assert.ok(await page.getByText(TITLE).isVisible());
  await page.getByRole('searchbox').fill('');
  await page.getByLabel('状态').selectOption('filed');
  await page.getByText('共 1 件').waitFor();
  await h.shot(page, '36-proposals-list');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a clue in two taps, then turned into a proposal draft that links back', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.getByRole('link', { name: '记线索' }).click();               // tap 1
  await page.getByRole('heading', { name: '提案线索' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'clue-text');
  await page.keyboard.insertText('桃源村村民反映：自来水经常浑浊，夏天停水。');
  await page.fill('#clue-place', '桃源村委员议事室');
  await page.getByRole('button', { name: '保存' }).click();                // tap 2
  await page.getByText('线索已记下').waitFor();
  assert.equal(await page.inputValue('#clue-text'), '');
  assert.ok(await page.locator('.clue').getByText('自来水经常浑浊').isVisible());
  await h.shot(page, '38-clues');

  // An empty clue is refused with a message, and nothing is stored.
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('请填写线索内容').waitFor();
  assert.equal(await page.locator('.clue').count(), 1);

  await page.getByRole('button', { name: '转为提案' }).click();
  await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
  assert.match(await page.inputValue('#p-reasons'), /自来水经常浑浊/);
  await page.goto(h.base + '/clues');
  await page.getByRole('link', { name: '查看提案' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '转为提案' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('attachments: a photo is kept with the draft; wrong type and oversize files are refused in Chinese', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await newProposal(page);
  const input = page.locator('.attachments input[type=file]');
  // A tiny valid PNG (1×1).
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await input.setInputFiles({ name: '桃源村水管现场照片.png', mimeType: 'image/png', buffer: png });
  await page.locator('.attachment-list').getByText('桃源村水管现场照片.png').waitFor();

  await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('文字') });
  await page.locator('.attachments .error').filter({ hasText: /说明\.txt/ }).waitFor();
  await input.setInputFiles({ name: '大视频.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024) });
  await page.locator('.attachments .error').filter({ hasText: /大视频\.pdf/ }).waitFor();
  assert.equal(await page.locator('.attachment-list li').count(), 1);
  await h.shot(page, '40-proposal-attachments');

  // Still there after a reload (stored as a blob with the draft).
  await page.reload();
  await page.locator('.attachment-list').getByText('桃源村水管现场照片.png').waitFor();

  // Removing asks first; after yes, the file is gone (and stays gone after a reload).
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: '删除附件' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.attachment-list li').length === 0);
  await page.reload();
  await page.locator('#p-title').waitFor();
  assert.equal(await page.locator('.attachment-list li').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the proposal screens in English have no Chinese interface text left', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.getByRole('link', { name: '我的' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Proposals' }).click();
  await page.getByRole('button', { name: 'New proposal' }).click();
  await page.locator('#p-title').waitFor();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByText(/need/).first().waitFor();
  // Interface text only: the member's own data (name, sector) is Chinese by nature.
  const han = await page.evaluate(() => {
    const skip = new Set(['王秀兰𠀀（QY-2026-017）', '农业农村界']);
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || skip.has(text) || el.closest('.print-only, option, [hidden], noscript')) continue;
      if (/[\u4e00-\u9fff]/.test(text)) out.push(text);
    }
    return out;
  });
  assert.deepEqual(han, []);
  await h.shot(page, '41-proposal-english');
  await page.context().close();
});

test('a double tap on 新建提案 makes one draft, not two', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.getByRole('button', { name: '新建提案' }).dblclick();
  await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: '提案' }).click();
  await page.getByText('共 1 件').waitFor();
  assert.equal(await page.locator('.proposal-card').count(), 1);
  await page.context().close();
});

test('a clue with a photo: shrunk, thumbnailed in the list, handed to the draft, deleted with its clue', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await page.getByRole('link', { name: '记线索' }).click();
  await page.getByRole('heading', { name: '提案线索' }).waitFor();
  await page.keyboard.insertText('村口水井井台开裂，雨后井水浑浊，二组群众担心饮水安全。');
  await page.fill('#clue-place', '桃源村二组');
  // The camera door (capture="environment"), as a phone opens it; a 2400×1800 picture.
  const camera = page.locator('.capture input[type=file][capture="environment"]');
  assert.equal(await camera.getAttribute('accept'), 'image/*');
  await camera.setInputFiles({ name: '村口水井.png', mimeType: 'image/png', buffer: png(2400, 1800) });
  await page.locator('#clue-photo-preview').waitFor();
  await page.getByText('转为提案时，照片会成为提案的附件').waitFor();
  await h.shot(page, '39-clue-photo-chosen');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('线索已记下').waitFor();
  assert.equal(await page.locator('#clue-photo-preview').count(), 0, 'the form lets the photo go once stored');
  const thumb = page.locator('.clue img.thumb');
  await thumb.waitFor();
  await page.waitForFunction(() => document.querySelector('.clue img.thumb')?.naturalWidth > 0);
  assert.deepEqual(await thumb.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [240, 180], 'a 240 px thumbnail');
  await h.shot(page, '39-clue-with-photo');

  // Kept across a reload.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('.clue img.thumb')?.naturalWidth > 0);

  // Turned into a draft, the photo is the draft's attachment (a JPEG of at most 1600 px).
  await page.getByRole('button', { name: '转为提案' }).click();
  await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
  const draftUrl = page.url();
  await page.locator('.attachment-list').getByText('村口水井.jpg').waitFor();
  await page.goto(h.base + '/clues');
  await page.getByRole('link', { name: '查看提案' }).waitFor();
  await page.waitForFunction(() => document.querySelector('.clue img.thumb')?.naturalWidth > 0);

  // A second clue with a photo, deleted: the clue and its photo go; the first draft stays.
  await page.fill('#clue-text', '桥面护栏缺损');
  await page.locator('.capture input[type=file]:not([capture])').setInputFiles({ name: '护栏.png', mimeType: 'image/png', buffer: png(800, 600) });
  await page.locator('#clue-photo-preview').waitFor();
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.clue img.thumb').length === 2);
  await h.shot(page, '39-clues-two-photos');
  const photos = () => page.evaluate(() => new Promise((ok, no) => {
    const open = indexedDB.open('lvzhi');
    open.onerror = () => no(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('attachments').objectStore('attachments').getAll();
      req.onsuccess = () => { ok(req.result.map((r) => [r.name, r.owner_id, r.blob.type, r.size > 0])); open.result.close(); };
      req.onerror = () => no(req.error);
    };
  }));
  assert.equal((await photos()).length, 2);
  page.once('dialog', (d) => { assert.match(d.message(), /删除这条线索/); d.accept(); });
  await page.locator('.clue').filter({ hasText: '桥面护栏缺损' }).getByRole('button', { name: '删除' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.clue').length === 1);
  const left = await photos();
  assert.equal(left.length, 1);
  assert.deepEqual(left[0].slice(0, 3), ['村口水井.jpg', draftUrl.split('/').pop(), 'image/jpeg']);
  await page.goto(draftUrl);
  await page.locator('.attachment-list').getByText('村口水井.jpg').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('建议协办单位 offers units typed before, after the units already in the box', async () => {
  const page = await h.newPage();
  await asMember(page, h.base);
  await newProposal(page);
  await page.fill('#p-lead', '县水利局');
  await page.fill('#p-assisting', '县财政局、县卫生健康局');
  await page.locator('#p-title').focus();
  // Until the units are in IndexedDB (the editor reads earlier units from there).
  const stored = () => page.evaluate(() => new Promise((ok) => {
    const open = indexedDB.open('lvzhi');
    open.onsuccess = () => {
      const req = open.result.transaction('proposals').objectStore('proposals').getAll();
      req.onsuccess = () => { ok(req.result.some((p) => p.lead_unit === '县水利局' && p.assisting_units?.length === 2)); open.result.close(); };
    };
  }));
  for (let i = 0; i < 50 && !(await stored()); i++) await page.waitForTimeout(100);
  assert.ok(await stored(), 'the units were saved');
  await page.getByRole('link', { name: '提案' }).click();
  await newProposal(page);
  assert.equal(await page.getAttribute('#p-assisting', 'list'), 'units-assisting');
  const offered = () => page.$$eval('#units-assisting option', (os) => os.map((o) => o.value).sort());
  await page.waitForFunction(() => document.querySelectorAll('#units-assisting option').length === 3);
  assert.deepEqual(await offered(), ['县卫生健康局', '县水利局', '县财政局'].sort());
  await page.locator('#p-assisting').pressSequentially('县财政局、');
  await page.waitForFunction(() => document.querySelectorAll('#units-assisting option').length === 2);
  assert.deepEqual(await offered(), ['县财政局、县卫生健康局', '县财政局、县水利局'].sort(), 'the typed unit is kept and not offered twice');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
