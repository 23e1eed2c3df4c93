import { createHash, randomUUID } from 'node:crypto';
import { CommandMetadata } from '@lotse/domain';

/** Who sent the request that a command comes from; it becomes the events' metadata. */
export interface RequestContext {
  actor: string;
  role: string;
  municipality: string;
  /** The request id, shared by everything one request causes. */
  correlationId: string;
  /** The caller's Idempotency-Key, if any: events derive their ids from it, so a retry stores nothing new. */
  idempotencyKey?: string;
  /** The moment of the request (ISO 8601). */
  now: string;
}

/**
 * A new aggregate's id. With an Idempotency-Key it is derived from it, so a retry after a crash
 * addresses the same stream instead of creating a second participant or pathway.
 */
export const newAggregateId = (context: RequestContext, purpose: string): string =>
  context.idempotencyKey ? nameBasedUuid(`${context.actor}\n${context.idempotencyKey}\n${purpose}`) : randomUUID();

/** A UUID (version 5 layout) from a SHA-256 of the name: same name, same id. */
export const nameBasedUuid = (name: string): string => {
  const hash = createHash('sha256').update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** The part of the request every domain command carries: when, and who. */
export const commandMetadata = (context: RequestContext): CommandMetadata => ({ now: context.now, actor: context.actor });
