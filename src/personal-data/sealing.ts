import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { freshIv } from './fresh-iv';

/**
 * AES-256-GCM with a fresh 96-bit IV per value. The associated data binds a sealed value to its
 * owner, so a ciphertext copied into another participant's event does not open there.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
const VERSION = 'v1';

export const KEY_BYTES = 32;

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

export const seal = (key: Buffer, plaintext: string, associatedData: string): string => {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  // Encoded as it comes out (the cipher's decoder carries the odd bytes from update to final):
  // the same text as base64url of the joined buffers, without joining them.
  const ciphertext = cipher.update(plaintext, 'utf8', 'base64url') + cipher.final('base64url');
  return `${VERSION}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext}`;
};

export class UnsealError extends Error {
  constructor(reason: string) {
    super(`sealed value cannot be opened: ${reason}`);
    this.name = 'UnsealError';
  }
}

export const unseal = (key: Buffer, sealed: string, associatedData: string): string => {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new UnsealError('not a sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new UnsealError('wrong key, wrong owner or altered ciphertext');
  }
};
