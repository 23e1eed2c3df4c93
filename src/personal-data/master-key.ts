import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { decodeMasterKey, MASTER_KEY_BYTES, readOrCreateLocalSecret } from '../config';

/**
 * LOTSE_MASTER_KEY (32 bytes, base64) wraps every participant's key. Without it, development
 * generates one into the data directory, readable by the owner only; production sets it.
 */
export const loadMasterKey = (configured: string | undefined, dataDir: string): Buffer => {
  if (configured) return decodeMasterKey(configured);
  const { content } = readOrCreateLocalSecret(join(dataDir, 'master.key'), () => randomBytes(MASTER_KEY_BYTES).toString('base64'));
  return decodeMasterKey(content.trim());
};
