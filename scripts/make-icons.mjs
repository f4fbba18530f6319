// Renders the app icon (public/icons/icon.svg) to the PNGs the web app manifest needs:
// 192 and 512 px, and a maskable 512 px whose artwork sits inside the safe circle.
// Run by hand when the icon changes (`node scripts/make-icons.mjs`); the PNGs are committed,
// so a build never needs a browser. Uses Debian's Chromium through playwright-core.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync('public/icons/icon.svg', 'utf8');
// Maskable: a full-bleed square (launchers cut their own shape) with the artwork at 80%.
const maskable = svg
  .replace('rx="14"', 'rx="0"')
  .replace(/(<path[\s\S]*)<\/svg>/, '<g transform="translate(6.4 6.4) scale(0.8)">$1</g></svg>');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, source, size, transparent] of [
  ['icon-192.png', svg, 192, true],
  ['icon-512.png', svg, 512, true],
  ['icon-maskable-512.png', maskable, 512, false],
  ['apple-touch-icon.png', maskable, 180, false],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
  await page.screenshot({ path: `public/icons/${name}`, omitBackground: transparent });
  await page.close();
  console.log(`public/icons/${name}`);
}
await browser.close();
