#!/usr/bin/env node
// An independent verifier for 履职通 hand-off bundles, written from the format description
// (docs/BUNDLE.md) with nothing but node:crypto: DSSE v1 PAE, Ed25519, the RFC 7638 key id.
// It shares no code with the Rust implementation, so it proves that any DSSE/Ed25519
// library can check our files. Usage: node verify-dsse.mjs FILE… — prints OK/FAIL per file,
// exits 0 if all verify, 1 otherwise, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';

const PAYLOAD_TYPE = 'application/vnd.lvzhi.bundle+json; version=1';

// DSSE pre-authentication encoding: "DSSEv1" SP len(type) SP type SP len(body) SP body.
function pae(type, body) {
  const t = Buffer.from(type, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${body.length} `), body]);
}

// Node's base64 decoder skips bad characters; demand the exact canonical text back.
function strictBase64(text, what) {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new Error(`${what} is not valid base64`);
  return bytes;
}

function check(file) {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  const env = JSON.parse(text);
  if (env.payloadType !== PAYLOAD_TYPE) throw new Error(`payloadType is ${JSON.stringify(env.payloadType)}`);
  if (!Array.isArray(env.signatures) || env.signatures.length === 0) throw new Error('no signature');
  const body = strictBase64(env.payload, 'payload');
  const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  const x = payload.signer.public_key;
  const jwk = { crv: 'Ed25519', kty: 'OKP', x };
  // RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace.
  const keyId = createHash('sha256').update(JSON.stringify(jwk)).digest('base64url');
  if (keyId !== payload.signer.key_id) throw new Error('signer.key_id is not the thumbprint of signer.public_key');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const message = pae(env.payloadType, body);
  for (const s of env.signatures) {
    if (!verify(null, message, key, strictBase64(s.sig, 'sig'))) throw new Error('signature does not verify');
  }
  return payload;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node verify-dsse.mjs FILE…');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  try {
    const p = check(file);
    console.log(`OK ${file} ${p.signer.name} ${p.items.length} items`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${file}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
