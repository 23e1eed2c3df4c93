import { ChainBreak, StoredEvent } from './event-store';
import { chainContent, chainHash, GENESIS_HASH } from './canonical-json';

/** The stream's head as the store recorded it at the last append, if the engine keeps one. */
export interface StreamHead {
  version: number;
  hash: string;
}

/**
 * Walks a stream's raw (not upcast) events in version order and recomputes every link.
 * An altered event breaks its own link, a deleted one leaves a version gap, and a deleted
 * tail shows against the head the store recorded. `contentOf` gives the bytes event i's hash
 * covers: where a store keeps them (the SQL store), those, else the envelope canonicalised again.
 */
export const verifyChain = (
  streamId: string,
  events: readonly StoredEvent[],
  head?: StreamHead,
  contentOf: (e: StoredEvent, i: number) => string = (e) => chainContent(streamId, e),
): ChainBreak[] => {
  const breaks: ChainBreak[] = [];
  let previous = GENESIS_HASH;
  let expectedVersion = 0;
  for (const [i, e] of events.entries()) {
    if (e.streamVersion !== expectedVersion) {
      breaks.push({
        streamId,
        streamVersion: expectedVersion,
        reason: 'version_gap',
        detail: `expected version ${expectedVersion}, found ${e.streamVersion}`,
      });
    }
    const recomputed = chainHash(previous, contentOf(e, i));
    if (recomputed !== e.hash) {
      breaks.push({
        streamId,
        streamVersion: e.streamVersion,
        reason: 'hash_mismatch',
        detail: `stored hash ${e.hash.slice(0, 12)}… does not match recomputed ${recomputed.slice(0, 12)}…`,
      });
    }
    // Continue from the stored hash so one altered event is reported once, not for every successor.
    previous = e.hash;
    expectedVersion = e.streamVersion + 1;
  }
  if (head && (head.version !== expectedVersion - 1 || head.hash !== previous)) {
    breaks.push({
      streamId,
      streamVersion: head.version,
      reason: 'head_mismatch',
      detail: `stream head says version ${head.version}, events end at ${expectedVersion - 1}`,
    });
  }
  return breaks;
};
