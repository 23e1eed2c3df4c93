import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted, no whitespace. The hash chain depends on every
 * adapter and every auditor serialising an event to exactly the same bytes.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in event');
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
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

export const chainHash = (previousHash: string, content: string): string =>
  createHash('sha256')
    .update(previousHash + content, 'utf8')
    .digest('hex');
