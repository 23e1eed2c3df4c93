/**
 * A sealed value as `sealing.ts` writes it: `v1.<12-byte IV>.<16-byte tag>.<ciphertext>`, each part base64url. The
 * shape is recognised by itself, so no list of which event has which sealed field can fall behind a new event.
 */
const SEALED = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

export const isSealed = (value: unknown): value is string => typeof value === 'string' && SEALED.test(value);

/** How a sealed field is shown: closed, opened for an unsealing auditor, or closed for good after an erasure. */
export type SealedField = { sealed: true; erased?: true } | { sealed: false; value: unknown };

/** Every sealed value in an event's data replaced by what `show` makes of it; everything else as stored. */
export const replaceSealed = async (value: unknown, show: (sealed: string) => Promise<SealedField>): Promise<unknown> => {
  if (isSealed(value)) return show(value);
  if (Array.isArray(value)) return Promise.all(value.map((item) => replaceSealed(item, show)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await replaceSealed(item, show)] as const));
    return Object.fromEntries(entries);
  }
  return value;
};
