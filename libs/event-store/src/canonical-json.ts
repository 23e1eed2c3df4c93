import { hash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units, no whitespace, undefined members
 * dropped (undefined array elements written as null). The hash chain depends on every adapter and
 * every auditor serialising an event to exactly the same bytes. Every append canonicalises its
 * events and a full verification every event of the log, so this is on the hot path of both.
 *
 * The value is copied with each object's keys in sorted order and the copy given to
 * `JSON.stringify`, which prints keys in insertion order and drops undefined members just so: about
 * half the CPU of building the text key by key here (a case step's envelope 2.8 against 5.0 µs),
 * and one flat string instead of a tree of pieces. Where the copy would print otherwise — an
 * integer-like key (an object prints those first, in numeric order), a key `__proto__` (assigning
 * it sets the prototype), a function or symbol — the text is built key by key instead.
 */
export const canonicalJson = (value: unknown): string => {
  try {
    return JSON.stringify(sortedCopy(value)) ?? 'null';
  } catch (error) {
    if (error === NOT_COPIED) return canonicalJsonByKeys(value);
    throw error;
  }
};

/** Thrown inside `sortedCopy` where the copy would not print as canonical JSON; made once, so throwing it costs no stack trace. */
const NOT_COPIED = new Error('not copied');

const sortedCopy = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in event');
    if (typeof value === 'function' || typeof value === 'symbol') throw NOT_COPIED;
    return value;
  }
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) copy[i] = sortedCopy(value[i]);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of sortedKeys(record)) {
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') throw NOT_COPIED;
    copy[key] = sortedCopy(record[key]);
  }
  return copy;
};

/** Insertion sort by UTF-16 code units: objects here have a handful of keys, and `Array.prototype.sort` allocates a work area per call. */
const sortedKeys = (record: object): string[] => {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j -= 1) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
};

/** The same text built key by key: the definition, and the way for what the copy cannot carry. */
const canonicalJsonByKeys = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in event');
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + canonicalJsonByKeys(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of sortedKeys(record)) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJsonByKeys(member)}`;
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
