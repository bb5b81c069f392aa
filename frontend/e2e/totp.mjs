// RFC 6238 one-time codes for the demo accounts that need a second factor
// (SHA-1, 6 digits, 30-second step), without a dependency.
import { createHmac } from 'node:crypto';

/** Decodes RFC 4648 base32 (padding and case ignored). */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.toUpperCase().replace(/=+$/, '').replace(/\s+/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 30-second step a time (ms) falls in. */
export function totpStep(nowMs = Date.now()) {
  return Math.floor(nowMs / 1000 / 30);
}

/** The six-digit code of a base32 secret for a step. */
export function totpCode(secret, step = totpStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

export const demoSecrets = {
  admin: 'KAOPINGDEMOADMIN2223AAAAAAAAAAAA',
  auditor: 'KAOPINGDEMOAUDITOR23AAAAAAAAAAAA',
};
