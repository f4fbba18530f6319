// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) beside every text and wasm file
// of a release build, for hosts that serve precompressed files (nginx brotli_static and
// gzip_static; tests/e2e/serve.mjs does the same). Compressing once at build time lets
// the slowest, smallest setting be used. `node scripts/precompress.mjs DIR`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json', '.webmanifest']);
const dir = process.argv[2] ?? 'dist';
let raw = 0; let br = 0; let gz = 0;
(function walk(d) {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(path);
    const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    const g = gzipSync(body, { level: 9 });
    writeFileSync(path + '.br', b);
    writeFileSync(path + '.gz', g);
    raw += body.length; br += b.length; gz += g.length;
  }
})(dir);
console.log(`[precompress] ${dir}: ${(raw / 1024).toFixed(1)} KB → brotli ${(br / 1024).toFixed(1)} KB, gzip ${(gz / 1024).toFixed(1)} KB`);
