import { createHash } from 'node:crypto';

/**
 * The event store's canonical JSON (keys sorted by UTF-16 code units, no whitespace, undefined
 * members dropped) written for speed: the full verification recomputes it for every event of the
 * log. Same bytes as `canonicalJson` of @lotse/event-store; a property test holds them together.
 */
export const fastCanonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in event');
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + fastCanonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${fastCanonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
};

/** `chainHash(previous, chainContent(streamId, e))` of @lotse/event-store, the same bytes, faster. */
export const fastChainHash = (
  previousHash: string,
  streamId: string,
  e: { eventId: string; type: string; schemaVersion: number; data: unknown; metadata: unknown; recordedAt: string },
): string =>
  createHash('sha256')
    .update(
      previousHash +
        fastCanonicalJson({
          streamId,
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
          recordedAt: e.recordedAt,
        }),
      'utf8',
    )
    .digest('hex');
