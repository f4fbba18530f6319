// 履职通's service worker. The build puts APP, VERSION (a hash of every file's content),
// FILES (every file of the build) and NOT_MINE above this line (scripts/service-worker.mjs), so
// a new build is a new worker, and its cache holds exactly that build.
//
// - install: every file into the cache `lvzhi-<app>-<version>`; a broken download fails
//   the install and the old version keeps running.
// - The first install takes over at once; an update waits until the member taps 更新
//   (the page posts 'skip-waiting'), so a page never changes under someone typing.
// - activate: the caches of older versions of this app go.
// - fetch: files from the cache; every navigation (deep links too) gets the cached
//   index.html. Nothing here ever asks the network for what the cache has.
const SCOPE = self.registration.scope;
const PREFIX = `lvzhi-${APP}-`;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, SCOPE), { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  if (NOT_MINE.some((p) => url.pathname === p || url.pathname.startsWith(p + '/'))) return;
  // A route (no file extension) is the app's page; a file is itself.
  const isRoute = request.mode === 'navigate' && !/\.[a-z0-9]+$/i.test(url.pathname);
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(isRoute ? INDEX : url.href, { ignoreSearch: true });
    return hit ?? fetch(request);
  })());
});
