// Lighthouse (npm, pinned) on the release build at its default mobile settings, with
// Debian's Chromium: accessibility and best practices must score at least 95; the three
// scores are written to build-output/lighthouse.json (the README quotes them).
// Performance is reported, not asserted: it depends on the machine running the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from './serve.mjs';

let server;
let chrome;
before(async () => {
  server = await serve('dist');
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await chrome?.kill();
  await new Promise((ok) => server?.close(ok));
});

test('Lighthouse at mobile settings: accessibility ≥ 95, best practices ≥ 95', async () => {
  const url = `http://127.0.0.1:${server.address().port}/`;
  const { lhr } = await lighthouse(url, {
    port: chrome.port, logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
  const failing = (cat) => lhr.categories[cat].auditRefs
    .map((r) => lhr.audits[r.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id}: ${a.title}`);
  const report = {
    url, lighthouse: lhr.lighthouseVersion, chromium: lhr.environment.hostUserAgent, formFactor: lhr.configSettings.formFactor,
    throttling: lhr.configSettings.throttlingMethod, scores,
    metrics: Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'interactive']
      .map((id) => [id, lhr.audits[id]?.displayValue])),
    below: { accessibility: failing('accessibility'), 'best-practices': failing('best-practices'), performance: failing('performance') },
  };
  mkdirSync('build-output', { recursive: true });
  writeFileSync('build-output/lighthouse.json', JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  assert.ok(scores.accessibility >= 95, `accessibility ${scores.accessibility}: ${report.below.accessibility.join('; ')}`);
  assert.ok(scores['best-practices'] >= 95, `best practices ${scores['best-practices']}: ${report.below['best-practices'].join('; ')}`);
});
