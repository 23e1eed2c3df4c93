import { format, resolveConfig } from 'prettier';

/** Where the committed contract lives, relative to the repository root. */
export const OPENAPI_FILE = 'docs/openapi.json';
export const TYPES_FILE = 'test/support/contract/lotse-api.ts';

/** Text as Prettier (and so `npm run format:check`) wants the committed file. */
export const formatted = async (text: string, file: string): Promise<string> =>
  format(text, { ...(await resolveConfig(file)), filepath: file });
