import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMasterKey, MASTER_KEY_BYTES } from '../config';

/**
 * LOTSE_MASTER_KEY (32 bytes, base64) wraps every participant's key. Without it, development
 * generates one into the data directory, readable by the owner only; production sets it.
 */
export const loadMasterKey = (configured: string | undefined, dataDir: string): Buffer => {
  if (configured) return decodeMasterKey(configured);
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(MASTER_KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return decodeMasterKey(readFileSync(file, 'utf8').trim());
};
