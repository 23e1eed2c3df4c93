import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';

/**
 * Signed notes as the transparency-log ecosystem writes them (golang.org/x/mod/sumdb/note,
 * C2SP signed-note): a text, a blank line, and signature lines `— <name> <base64(key hash ‖ signature)>`.
 * The key hash is the first four bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ Ed25519 public key),
 * so existing verifiers find the right key. Keys are written in that package's text forms:
 * `PRIVATE+KEY+<name>+<hash hex>+<base64(0x01 ‖ seed)>` and `<name>+<hash hex>+<base64(0x01 ‖ public key)>`.
 */
const ALG_ED25519 = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_DASH = '\u2014';

export interface NoteSigner {
  name: string;
  keyHash: number;
  privateKey: KeyObject;
  /** The verifier key line that goes with it (public). */
  verifierKey: string;
}

export interface NoteVerifier {
  name: string;
  keyHash: number;
  publicKey: KeyObject;
}

export class NoteFormatError extends Error {}

const isValidName = (name: string): boolean => name !== '' && !/[\s+]/u.test(name);

export const keyHash = (name: string, publicKey: Uint8Array): number =>
  createHash('sha256')
    .update(name + '\n')
    .update(Uint8Array.of(ALG_ED25519))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);

/** Splits at the first `count - 1` pluses: the base64 key at the end may hold pluses of its own. */
const splitKey = (text: string, count: number): string[] => {
  const parts = text.trim().split('+');
  return parts.length < count ? parts : [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')];
};

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

const rawPublicKey = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');

const signerFromSeed = (name: string, seed: Buffer): NoteSigner => {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const hash = keyHash(name, publicKey);
  return {
    name,
    keyHash: hash,
    privateKey,
    verifierKey: `${name}+${hex8(hash)}+${Buffer.concat([Uint8Array.of(ALG_ED25519), publicKey]).toString('base64')}`,
  };
};

/** A new Ed25519 signer key in the note package's text form. */
export const generateSignerKey = (name: string): string => {
  if (!isValidName(name)) throw new NoteFormatError(`invalid key name ${JSON.stringify(name)}`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const signer = signerFromSeed(name, seed);
  return `PRIVATE+KEY+${name}+${hex8(signer.keyHash)}+${Buffer.concat([Uint8Array.of(ALG_ED25519), seed]).toString('base64')}`;
};

export const parseSignerKey = (text: string): NoteSigner => {
  const parts = splitKey(text, 5);
  if (parts.length !== 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY')
    throw new NoteFormatError('not a PRIVATE+KEY+<name>+<hash>+<key> line');
  const [, , name, hash, encoded] = parts;
  const key = Buffer.from(encoded, 'base64');
  if (!isValidName(name) || key.length !== 33 || key[0] !== ALG_ED25519) throw new NoteFormatError('not an Ed25519 signer key');
  const signer = signerFromSeed(name, key.subarray(1));
  if (hex8(signer.keyHash) !== hash.toLowerCase()) throw new NoteFormatError('the key hash does not match the key');
  return signer;
};

export const parseVerifierKey = (text: string): NoteVerifier => {
  const parts = splitKey(text, 3);
  if (parts.length !== 3) throw new NoteFormatError('not a <name>+<hash>+<key> line');
  const [name, hash, encoded] = parts;
  const key = Buffer.from(encoded, 'base64');
  if (!isValidName(name) || key.length !== 33 || key[0] !== ALG_ED25519) throw new NoteFormatError('not an Ed25519 verifier key');
  const raw = key.subarray(1);
  if (hex8(keyHash(name, raw)) !== hash.toLowerCase()) throw new NoteFormatError('the key hash does not match the key');
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  return { name, keyHash: keyHash(name, raw), publicKey };
};

/** Signs `text` (which must end in a newline) and answers the whole note. */
export const signNote = (text: string, signer: NoteSigner): string => {
  if (!text.endsWith('\n')) throw new NoteFormatError('a note text ends with a newline');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(signer.keyHash >>> 0);
  return `${text}\n${SIGNATURE_DASH} ${signer.name} ${Buffer.concat([prefix, signature]).toString('base64')}\n`;
};

/** The text of a note if `verifier` signed it; throws NoteFormatError otherwise. */
export const openNote = (note: string, verifier: NoteVerifier): string => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteFormatError('a note is text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new NoteFormatError(`malformed signature line ${JSON.stringify(line.slice(0, 80))}`);
    const [, name, encoded] = match;
    const bytes = Buffer.from(encoded, 'base64');
    if (name !== verifier.name || bytes.length < 5 || bytes.readUInt32BE(0) !== verifier.keyHash >>> 0) continue;
    if (verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, bytes.subarray(4))) return text;
    throw new NoteFormatError(`the signature of ${name} does not verify`);
  }
  throw new NoteFormatError(`no signature by ${verifier.name}`);
};
