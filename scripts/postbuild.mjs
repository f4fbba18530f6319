// Trunk post-build hook (see Trunk.toml), release builds only. Runs in Trunk's staging
// folder, before Trunk moves it to dist/, once per app (the member app at /, the staff
// workspace at /staff/). In order:
// 1. minifies the wasm-bindgen JS glue with terser (Trunk's own minifier fails on it and
//    leaves ~60 KB unminified) and fixes the Subresource Integrity hashes in index.html;
// 2. moves Trunk's inline start-up script into a hashed file, so the page needs no inline
//    script, and writes the Content Security Policy into index.html (docs: ARCHITECTURE.md,
//    "Offline and the service worker");
// 3. writes sw.js: public/sw.js behind the list of every file of this build and a version
//    that is the hash of their contents — never a hand-kept list.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { writeServiceWorker } from './service-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this from a Trunk hook');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const source = process.env.TRUNK_SOURCE_DIR ?? '.';
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';

const sha = (alg, bytes) => createHash(alg).update(bytes).digest();
const sri = (bytes) => 'sha384-' + sha('sha384', bytes).toString('base64');
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');

// 1. The JS glue.
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  // A worker's glue (`-xlsx`) is a classic script whose top-level `wasm_bindgen` the loader
  // calls: minified as a script, so top-level names stay.
  const module = !name.includes('-xlsx');
  const out = await minify(before.toString('utf8'), { module, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (!out.code) throw new Error(`terser produced nothing for ${name}`);
  writeFileSync(path, out.code);
  const [oldHash, newHash] = [sri(before), sri(out.code)];
  if (index.includes(oldHash)) index = index.replaceAll(oldHash, newHash);
  console.log(`[postbuild] ${name}: ${before.length} → ${Buffer.byteLength(out.code)} bytes`);
}

// 2. No inline script; the policy.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const boot = index.match(inline);
if (!boot) throw new Error('Trunk\'s inline start-up script was not found in index.html');
const bootName = `boot-${sha('sha256', boot[1]).toString('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, bootName), boot[1]);
index = index.replace(inline, `<script type=module src=${publicUrl}${bootName} integrity=${sri(boot[1])}></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(index)) throw new Error('index.html still has an inline script');
// Only this origin; wasm compiles without 'unsafe-eval'; photos and QR codes come as blob:
// and data: images; no plugin, no <base>, no form posts anywhere.
const policy = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' blob: data:",
  "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "object-src 'none'", "base-uri 'none'",
  "form-action 'none'",
].join('; ');
index = index.replace('<meta charset=utf-8>', `<meta charset=utf-8><meta http-equiv=Content-Security-Policy content="${policy}">`);
if (!index.includes('Content-Security-Policy')) throw new Error('could not place the Content-Security-Policy');
writeFileSync(indexPath, index);

// 3. The service worker.
writeServiceWorker(dir, publicUrl, join(source, 'public', 'sw.js'));
