import { hash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units, no whitespace, undefined members
 * dropped (undefined array elements written as null). The hash chain depends on every adapter and
 * every auditor serialising an event to exactly the same bytes. Written as loops over strings, not
 * entries, maps and joins: every append canonicalises its events and a full verification every
 * event of the log, so this is on the hot path of both.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in event');
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    first = false;
  }
  return `${out}}`;
};

/** What the chain covers: everything that makes the event what it is, not where it landed. */
export const chainContent = (
  streamId: string,
  e: {
    eventId: string;
    type: string;
    schemaVersion: number;
    data: unknown;
    metadata: unknown;
    recordedAt: string;
  },
): string =>
  canonicalJson({
    streamId,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
  });

export const GENESIS_HASH = '';

/** One-shot `crypto.hash`: for inputs this small it costs a fraction of a `createHash` object. */
export const chainHash = (previousHash: string, content: string): string => hash('sha256', previousHash + content, 'hex');
