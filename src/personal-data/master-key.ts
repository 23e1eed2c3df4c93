import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES } from './sealing';

/**
 * LOTSE_MASTER_KEY (32 bytes, base64) wraps every participant's key. Without it, development
 * generates one into the data directory, readable by the owner only; production sets it.
 */
export const loadMasterKey = (configured: string | undefined, dataDir: string): Buffer => {
  if (configured) return decodeMasterKey(configured);
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return decodeMasterKey(readFileSync(file, 'utf8').trim());
};

export const decodeMasterKey = (text: string): Buffer => {
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`must be ${KEY_BYTES} bytes in base64 (e.g. openssl rand -base64 32), got ${key.length}`);
  return key;
};
