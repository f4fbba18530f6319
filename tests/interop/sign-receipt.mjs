#!/usr/bin/env node
// Signs a staff receipt with nothing but node:crypto, from the format description
// (docs/BUNDLE.md): the payload is RFC 8785 JSON (for strings and integers that is ES
// JSON.stringify with keys sorted), wrapped in a DSSE v1 envelope signed with Ed25519.
// The end-to-end tests use it to hand the member app a receipt our Rust code did not make.
// Usage: node sign-receipt.mjs SPEC.json OUT — SPEC: { seed_hex, committee_code,
// committee_name, member_id, received: [bundle ids], updates: [ProposalEvent…] }
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign } from 'node:crypto';

const PAYLOAD_TYPE = 'application/vnd.lvzhi.bundle+json; version=1';

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function uuidV7(ms) {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const [specFile, out] = process.argv.slice(2);
if (!specFile || !out) {
  console.error('usage: node sign-receipt.mjs SPEC.json OUT');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
// PKCS#8 DER of an Ed25519 private key is a fixed 16-byte prefix and the 32-byte seed.
const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(spec.seed_hex, 'hex')]);
const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
const x = createPublicKey(privateKey).export({ format: 'jwk' }).x;
const keyId = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
const now = Date.now();
const createdAt = new Date(now).toISOString();
const payload = {
  format: 'lvzhi-bundle',
  version: 1,
  bundle_id: uuidV7(now),
  kind: 'staff-receipt',
  created_at: createdAt,
  signer: { member_id: spec.committee_code, name: spec.committee_name, sector: '', public_key: x, key_id: keyId },
  device_id: 'office-desk-1',
  seq: spec.seq ?? 1,
  prev: null,
  app: { name: 'lvzhi', version: '0.1.0' },
  items: [{
    type: 'receipt_status',
    id: spec.member_id,
    rev: 1,
    updated_at: createdAt,
    data: { member_id: spec.member_id, received: spec.received, updates: spec.updates },
  }],
  attachments: [],
};
const body = Buffer.from(canonical(payload), 'utf8');
const t = Buffer.from(PAYLOAD_TYPE);
const pae = Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${body.length} `), body]);
const sig = sign(null, pae, privateKey).toString('base64');
writeFileSync(out, JSON.stringify({ payloadType: PAYLOAD_TYPE, payload: body.toString('base64'), signatures: [{ keyid: keyId, sig }] }) + '\n');
console.log(keyId);
