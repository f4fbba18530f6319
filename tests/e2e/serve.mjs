// A tiny static server for the release build: the files of dist/ (their brotli or gzip
// copies when the browser accepts them, as a real host should be set up), and index.html for
// any path without a file extension (client-side routes, so deep links survive a reload);
// paths under /staff/ get the staff workspace's index.html.
// Used by the end-to-end tests; `node tests/e2e/serve.mjs [dir] [port]` serves by hand.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

// The build writes FILE.br and FILE.gz beside each text and wasm file
// (scripts/precompress.mjs); like nginx's brotli_static/gzip_static, send the best one the
// browser accepts.
async function encoded(file, accept) {
  for (const [as, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!new RegExp(`\\b${as}\\b`).test(accept)) continue;
    const body = await readFile(file + ext).catch(() => null);
    if (body) return [body, as];
  }
  return [await readFile(file), null];
}

export function serve(root, port = 0, host = '127.0.0.1') {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      // Routes of the staff workspace fall back to its own index.html.
      const app = path === '/staff' || path.startsWith('/staff/') ? join(root, 'staff') : root;
      const isRoute = extname(path) === '';
      if (isRoute || (await stat(file).catch(() => null))?.isDirectory()) file = join(app, 'index.html');
      const [body, encoding] = await encoded(file, req.headers['accept-encoding'] ?? '');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const s = await serve(dir, Number(port));
  console.log(`serving ${dir} at http://127.0.0.1:${s.address().port}/`);
}
