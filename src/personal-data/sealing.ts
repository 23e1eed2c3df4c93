import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh 96-bit IV per value. The associated data binds a sealed value to its
 * owner, so a ciphertext copied into another participant's event does not open there.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
const VERSION = 'v1';

export const KEY_BYTES = 32;

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

export const seal = (key: Buffer, plaintext: string, associatedData: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
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
