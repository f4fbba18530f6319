// The baseline of the benchmarks: each storage operation the app does, written with plain
// JavaScript IndexedDB calls, run in the same page as the app. Reads go to the app's own
// database `lvzhi` (same data, same index, same number of records); writes go to
// `lvzhi-baseline`, a copy of the app's schema (same stores and indexes) holding a copy of
// the records the operation touches, so the app's data stays as it is.
// Injected as an init script: `window.__bench`. Each operation returns its time in ms.
(() => {
  const req = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
  const done = (tx) => new Promise((ok, err) => { tx.oncomplete = ok; tx.onerror = () => err(tx.error); tx.onabort = () => err(tx.error); });
  const dbs = {};
  const open = async (name) => (dbs[name] ??= await req(indexedDB.open(name)));
  const canonical = (v) => Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
      : JSON.stringify(v);
  const b64 = (bytes) => { let s = ''; for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000)); return btoa(s); };
  const unb64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const TYPE = 'application/vnd.lvzhi.bundle+json; version=1';
  const pae = (body) => {
    const enc = new TextEncoder();
    const head = enc.encode(`DSSEv1 ${enc.encode(TYPE).length} ${TYPE} ${body.length} `);
    const out = new Uint8Array(head.length + body.length);
    out.set(head); out.set(body, head.length);
    return out;
  };
  /** Every (store, index) row of `prefix` in `index`: the range [prefix] … [prefix, []]. */
  const prefix = (id) => IDBKeyRange.bound([id], [id, []]);

  window.__bench = {
    /** Recreates `lvzhi-baseline` with the app database's stores and indexes, and copies
     *  the records of `copy` (store names) into it. */
    async cloneSchema(copy = []) {
      const app = await open('lvzhi');
      const defs = [];
      const tx = app.transaction([...app.objectStoreNames]);
      for (const name of app.objectStoreNames) {
        const s = tx.objectStore(name);
        defs.push({ name, keyPath: s.keyPath, autoIncrement: s.autoIncrement,
          indexes: [...s.indexNames].map((i) => { const x = s.index(i); return { name: i, keyPath: x.keyPath, unique: x.unique, multiEntry: x.multiEntry }; }) });
      }
      const data = {};
      for (const name of copy) data[name] = await req(tx.objectStore(name).getAll());
      dbs['lvzhi-baseline']?.close();
      delete dbs['lvzhi-baseline'];
      await req(indexedDB.deleteDatabase('lvzhi-baseline'));
      const r = indexedDB.open('lvzhi-baseline', 1);
      r.onupgradeneeded = () => {
        for (const d of defs) {
          const s = r.result.createObjectStore(d.name, { keyPath: d.keyPath, autoIncrement: d.autoIncrement });
          for (const i of d.indexes) s.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        }
      };
      const db = dbs['lvzhi-baseline'] = await req(r);
      if (copy.length) {
        const w = db.transaction(copy, 'readwrite');
        for (const name of copy) for (const v of data[name]) w.objectStore(name).put(v);
        await done(w);
      }
    },

    /** The proposal list's first page: 20 newest by `by_updated`, then the count. */
    async list(limit = 20) {
      const db = await open('lvzhi');
      const t0 = performance.now();
      const tx = db.transaction('proposals');
      const items = [];
      const cur = tx.objectStore('proposals').index('by_updated').openCursor(null, 'prev');
      cur.onsuccess = () => { const c = cur.result; if (!c) return; items.push(c.value); if (items.length < limit) c.continue(); };
      await done(tx);
      const count = await req(db.transaction('proposals').objectStore('proposals').count());
      const ms = performance.now() - t0;
      return { ms, n: items.length, count };
    },

    /** A search: newest first, keep records whose title or text holds `word`, until
     *  `limit` are kept or `scanMax` read (what the app's store does). */
    async search(word, limit = 20, scanMax = 400) {
      const db = await open('lvzhi');
      const t0 = performance.now();
      const tx = db.transaction('proposals');
      const items = [];
      let seen = 0;
      const w = word.toLowerCase();
      const cur = tx.objectStore('proposals').index('by_updated').openCursor(null, 'prev');
      cur.onsuccess = () => {
        const c = cur.result;
        if (!c) return;
        seen++;
        const p = c.value;
        if (`${p.title}\n${p.reasons}\n${p.suggestions}`.toLowerCase().includes(w)) items.push(p);
        if (items.length < limit && seen < scanMax) c.continue();
      };
      await done(tx);
      return { ms: performance.now() - t0, n: items.length };
    },

    /** An autosave: in one transaction over proposals and their revisions, read the
     *  stored proposal and put the edited one. */
    async autosave(id, title) {
      const db = await open('lvzhi-baseline');
      const t0 = performance.now();
      const tx = db.transaction(['proposals', 'proposal_revisions'], 'readwrite');
      const s = tx.objectStore('proposals');
      const g = s.get(id);
      g.onsuccess = () => { const p = g.result; p.title = title; p.updated_ms = Date.now(); s.put(p); };
      await done(tx);
      return performance.now() - t0;
    },

    /** Export + sign: read every handed-in proposal with its events and files, every duty
     *  log with its photos, reports and the sent manifest (one transaction); build the
     *  payload, canonical JSON, SHA-256, Ed25519 (WebCrypto), base64 envelope; record the
     *  sent bundle. */
    async exportAll(seq) {
      const db = await open('lvzhi');
      const keys = this.keys ??= await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
      const t0 = performance.now();
      const names = ['sent_bundles', 'proposals', 'proposal_events', 'attachments', 'duty_logs', 'year_reports', 'sentiment_reports'];
      const tx = db.transaction(names);
      const st = (n) => tx.objectStore(n);
      const sent = req(st('sent_bundles').getAll());
      const proposals = await req(st('proposals').index('by_updated').getAll());
      const chosen = proposals.filter((p) => !(p.status === 'draft' && p.rev === 1));
      const events = chosen.map((p) => req(st('proposal_events').index('by_proposal').getAll(prefix(p.id))));
      const pFiles = chosen.map((p) => req(st('attachments').index('by_owner').getAll(p.id)));
      const duty = await req(st('duty_logs').index('by_updated').getAll());
      const dFiles = duty.map((d) => req(st('attachments').index('by_owner').getAll(d.id)));
      const yearReports = req(st('year_reports').getAll());
      const reports = req(st('sentiment_reports').getAll());
      await Promise.all([sent, ...events, ...pFiles, ...dFiles, yearReports, reports]);
      await done(tx);
      const item = (type, data, ms) => ({ type, id: data.id, rev: 1, updated_at: new Date(ms).toISOString(), data });
      const items = [];
      for (let i = 0; i < chosen.length; i++) {
        for (const e of await events[i]) items.push(item('proposal_event', e, e.at_ms));
        items.push(item('proposal', chosen[i], chosen[i].updated_ms));
      }
      for (const d of duty) items.push(item('duty_log', d, d.updated_ms));
      for (const y of await yearReports) items.push(item('year_report', y, y.updated_ms));
      for (const r of (await reports).filter((r) => r.status !== 'draft')) items.push(item('sentiment_report', r, r.updated_ms));
      const payload = { format: 'lvzhi-bundle', version: 1, bundle_id: crypto.randomUUID(), kind: 'member-submission',
        created_at: new Date().toISOString(), signer: { member_id: 'x', name: 'x', sector: 'x', public_key: 'x', key_id: 'x' },
        device_id: 'x', seq, prev: null, app: { name: 'lvzhi', version: '0' }, items, attachments: [] };
      const body = new TextEncoder().encode(canonical(payload));
      const sha = hex(await crypto.subtle.digest('SHA-256', body));
      const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', keys.privateKey, pae(body)));
      const text = JSON.stringify({ payloadType: TYPE, payload: b64(body), signatures: [{ keyid: 'x', sig: b64(sig) }] }) + '\n';
      const w = (await open('lvzhi-baseline')).transaction('sent_bundles', 'readwrite');
      w.objectStore('sent_bundles').put({ id: payload.bundle_id, seq, created_ms: Date.now(), payload_sha256: sha, file_name: 'x.json',
        size: text.length, items: items.map((i) => ({ kind: i.type, id: i.id, rev: i.rev, updated_at: i.updated_at })), attachments: 0, received_ms: null });
      await done(w);
      return { ms: performance.now() - t0, items: items.length, bytes: text.length };
    },

    /** A staff import of one file: parse the envelope, verify Ed25519 (WebCrypto) and
     *  hash the payload, read the roster and look the bundle and its items up, then in one
     *  transaction add the inbox record and put each item newer than the stored one. */
    async importFile(text, name) {
      const db = await open('lvzhi-baseline');
      const t0 = performance.now();
      const env = JSON.parse(text);
      const body = unb64(env.payload);
      const p = JSON.parse(new TextDecoder().decode(body));
      const key = await crypto.subtle.importKey('raw', unb64(p.signer.public_key), 'Ed25519', false, ['verify']);
      if (!await crypto.subtle.verify('Ed25519', key, unb64(env.signatures[0].sig), pae(body))) throw new Error('bad signature');
      const sha = hex(await crypto.subtle.digest('SHA-256', body));
      const member = p.signer.member_id.trim();
      const ik = (it) => `${member}|${it.type}|${it.id}`;
      const r = db.transaction(['roster', 'inbox', 'staff_items']);
      const roster = await req(r.objectStore('roster').getAll());
      if (!roster.some((e) => e.member_id === member && e.key_id === p.signer.key_id)) throw new Error('not enrolled');
      const dupe = await Promise.all([req(r.objectStore('inbox').index('by_bundle').get([p.signer.key_id, p.bundle_id])),
        req(r.objectStore('inbox').index('by_hash').get(sha))]);
      if (dupe[0] || dupe[1]) throw new Error('duplicate');
      await Promise.all(p.items.map((it) => req(r.objectStore('staff_items').get(ik(it)))));
      const w = db.transaction(['inbox', 'staff_items', 'staff_files', 'staff_pending'], 'readwrite');
      w.objectStore('inbox').add({ id: `${p.signer.key_id}|${p.bundle_id}`, key_id: p.signer.key_id, bundle_id: p.bundle_id, payload_sha256: sha,
        member_id: member, name: p.signer.name, sector: p.signer.sector, fingerprint: '', created_at: p.created_at, seq: p.seq,
        file_name: name, received_ms: Date.now(), counts: { added: p.items.length } });
      const items = w.objectStore('staff_items');
      for (const it of p.items) {
        const g = items.get(ik(it));
        g.onsuccess = () => {
          if (g.result && g.result.rev >= it.rev) return;
          const d = it.data;
          items.put({ key: ik(it), member_id: member, type: it.type, id: it.id, rev: it.rev, updated_at: it.updated_at,
            updated_ms: d.updated_ms ?? d.at_ms ?? Date.now(), year: d.year ?? null, sector: p.signer.sector,
            status: d.status ?? null, category: d.category ?? null, data: d });
        };
      }
      w.objectStore('staff_pending').delete(sha);
      await done(w);
      return performance.now() - t0;
    },

    /** Empties stores of a database (between runs). */
    async clear(dbName, names) {
      const w = (await open(dbName)).transaction(names, 'readwrite');
      for (const n of names) w.objectStore(n).clear();
      await done(w);
    },

    /** Puts records into a store of a database, in one transaction. */
    async put(dbName, store, records) {
      const w = (await open(dbName)).transaction(store, 'readwrite');
      for (const v of records) w.objectStore(store).put(v);
      await done(w);
    },

    close() { for (const k of Object.keys(dbs)) { dbs[k].close(); delete dbs[k]; } },
  };
})();
