// Trunk post-build hook (see Trunk.toml): minifies the wasm-bindgen JS glue with terser
// (Trunk's own minifier fails on it and leaves ~60 KB unminified) and rewrites the
// Subresource Integrity hashes in index.html to match the new bytes.
// Runs in Trunk's staging folder, before Trunk moves it to dist/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this from a Trunk hook');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  const out = await minify(before.toString('utf8'), { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  if (!out.code) throw new Error(`terser produced nothing for ${name}`);
  writeFileSync(path, out.code);
  const [oldHash, newHash] = [sri(before), sri(out.code)];
  if (index.includes(oldHash)) index = index.replaceAll(oldHash, newHash);
  console.log(`[postbuild] ${name}: ${before.length} → ${Buffer.byteLength(out.code)} bytes`);
}
writeFileSync(indexPath, index);
