import { join } from 'node:path';
import { generateSignerKey, NoteSigner, parseSignerKey } from '@lotse/transparency';
import { readOrCreateLocalSecret } from '../../config/local-secret-file';

/** The origin line of checkpoints signed by a development key: says plainly that it is not a production log. */
export const DEVELOPMENT_ORIGIN = 'lotse.invalid/development-log';

/**
 * LOTSE_SIGNING_KEY signs the checkpoints; its name is the log's origin. Without it, development
 * generates one into the data directory, readable by the owner only, like the master key.
 */
export const loadSigningKey = (configured: string | undefined, dataDir: string): NoteSigner => {
  if (configured) return parseSignerKey(configured);
  const { content } = readOrCreateLocalSecret(join(dataDir, 'signing.key'), () => `${generateSignerKey(DEVELOPMENT_ORIGIN)}\n`);
  return parseSignerKey(content);
};
