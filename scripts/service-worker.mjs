// Writes DIR/sw.js for one built app: the worker's source (public/sw.js) behind the list of
// every file in DIR and a version that is a hash of their names and contents, so any
// change to any file makes a new worker (and a new cache), and nobody keeps a list by hand.
// Used by scripts/postbuild.mjs (every release build) and by the update test, which makes
// a "version B" from a copy of the build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function writeServiceWorker(dir, publicUrl, templatePath) {
  const app = publicUrl === '/' ? 'member' : 'staff';
  const files = [];
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      // The staff workspace inside a member build's folder is another app, never cached here.
      if (statSync(path).isDirectory()) { if (!(app === 'member' && d === dir && name === 'staff')) walk(path); }
      // Not the worker itself, nor the precompressed copies (scripts/precompress.mjs):
      // the browser fetches a file, and the host picks its encoding.
      else if (name !== 'sw.js' && !/\.(br|gz)$/.test(name)) files.push(relative(dir, path).split('\\').join('/'));
    }
  })(dir);
  const version = createHash('sha256');
  for (const f of files) {
    version.update(f).update('\0').update(createHash('sha256').update(readFileSync(join(dir, f))).digest()).update('\0');
  }
  const hash = version.digest('hex').slice(0, 16);
  const prelude = [
    '// Written by scripts/service-worker.mjs for this build: do not edit.',
    `const APP = ${JSON.stringify(app)};`,
    `const VERSION = ${JSON.stringify(hash)};`,
    `const FILES = ${JSON.stringify(files)};`,
    // The member app at / leaves the staff workspace (its own app and worker) alone.
    `const NOT_MINE = ${JSON.stringify(app === 'member' ? ['/staff'] : [])};`,
  ].join('\n');
  writeFileSync(join(dir, 'sw.js'), prelude + '\n' + readFileSync(templatePath, 'utf8'));
  console.log(`[service-worker] ${app} ${hash}: ${files.length} files`);
  return { app, version: hash, files };
}
