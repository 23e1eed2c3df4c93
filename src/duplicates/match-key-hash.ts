import { KeyHash } from '@lotse/domain';
import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Matching keys are stored only as keyed hashes: without the server key nobody can test a guessed
 * name against them. The key is derived from the master key, so there is no second secret to keep.
 */
export const matchKeyHash = (masterKey: Buffer): KeyHash => {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lotse/duplicate-matching', 32));
  // Cut as bytes: a sliced string would keep the whole digest string alive (V8 sliced strings).
  return (text) => createHmac('sha256', key).update(text, 'utf8').digest().subarray(0, 16).toString('base64url');
};
