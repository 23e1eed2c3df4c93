import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTestToken } from '../../src/auth/testing';
import { loadConfig } from '../../src/config';
import { createApp, startApp } from '../../src/create-app';

/** The secret every end-to-end app signs its development tokens with. */
export const TEST_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-000';

export const bearer = (roles: string[], municipality: string, sub = `${roles[0]}-${municipality}`): string =>
  `Bearer ${signTestToken({ sub, roles, municipality }, TEST_SECRET)}`;

/** The real application on `eventStoreUrl`, quiet, with its own data directory; the caller closes it. */
export const bootTestApp = async (
  eventStoreUrl: string,
  dataDir = mkdtempSync(join(tmpdir(), 'lotse-e2e-')),
  options: { extraImports?: ModuleMetadata['imports']; env?: Record<string, string> } = {},
): Promise<INestApplication> => {
  const app = await createApp(
    loadConfig({ EVENT_STORE_URL: eventStoreUrl, LOG_LEVEL: 'silent', JWT_SECRET: TEST_SECRET, DATA_DIR: dataDir, ...options.env }),
    { extraImports: options.extraImports },
  );
  await startApp(app);
  return app;
};
