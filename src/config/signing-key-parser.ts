import { NoteFormatError, parseSignerKey } from '@lotse/transparency';

/** Checks the shape only; the message never repeats the value, which is a secret. */
export const signerKey = (raw: string): string => {
  try {
    parseSignerKey(raw);
  } catch (error) {
    const why = error instanceof NoteFormatError ? error.message : 'unreadable';
    throw new Error(`must be an Ed25519 signer key PRIVATE+KEY+<origin>+<key hash>+<base64>: ${why}`, { cause: error });
  }
  return raw;
};
