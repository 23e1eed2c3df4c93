/**
 * The duplicate index: matching keys of every registered participant, filed under their lookup keys,
 * so that a new registration is compared with the few participants sharing a key instead of all.
 * In memory and pure (no I/O); the application fills it from the stored keys or a projection.
 */
import { MatchingKeys } from './matching-keys';
import { compareMatchingKeys, DUPLICATE_THRESHOLD, MatchResult } from './match-score';

export interface DuplicateCandidate {
  readonly participantId: string;
  readonly match: MatchResult;
}

export interface DuplicateIndex {
  /** Files a participant's keys; adding a participant again replaces its earlier keys (a corrected name). */
  add(participantId: string, keys: MatchingKeys): void;
  /** Forgets a participant: merged into another, or its personal data erased (GDPR Art. 17). */
  remove(participantId: string): void;
  /** Participants sharing at least one lookup key with `keys`, unscored. */
  candidates(keys: MatchingKeys): string[];
  /** Candidates scoring at or above the threshold, best first, without `except` (the registration itself). */
  findDuplicates(keys: MatchingKeys, options?: { except?: string; threshold?: number }): DuplicateCandidate[];
  readonly size: number;
}

export const buildDuplicateIndex = (): DuplicateIndex => {
  const keysByParticipant = new Map<string, MatchingKeys>();
  const participantsByKey = new Map<string, string[]>();

  const remove = (participantId: string): void => {
    const keys = keysByParticipant.get(participantId);
    if (!keys) return;
    keysByParticipant.delete(participantId);
    for (const key of keys.lookup) {
      const rest = (participantsByKey.get(key) ?? []).filter((id) => id !== participantId);
      if (rest.length === 0) participantsByKey.delete(key);
      else participantsByKey.set(key, rest);
    }
  };

  const add = (participantId: string, keys: MatchingKeys): void => {
    remove(participantId);
    keysByParticipant.set(participantId, keys);
    for (const key of keys.lookup) {
      const bucket = participantsByKey.get(key);
      if (bucket) bucket.push(participantId);
      else participantsByKey.set(key, [participantId]);
    }
  };

  const candidates = (keys: MatchingKeys): string[] => {
    const found = new Set<string>();
    for (const key of keys.lookup) for (const id of participantsByKey.get(key) ?? []) found.add(id);
    return [...found];
  };

  const findDuplicates: DuplicateIndex['findDuplicates'] = (keys, { except, threshold = DUPLICATE_THRESHOLD } = {}) =>
    candidates(keys)
      .filter((id) => id !== except)
      .map((participantId) => ({ participantId, match: compareMatchingKeys(keys, keysByParticipant.get(participantId) as MatchingKeys) }))
      .filter(({ match }) => match.score >= threshold)
      .sort((a, b) => b.match.score - a.match.score || a.participantId.localeCompare(b.participantId));

  return {
    add,
    remove,
    candidates,
    findDuplicates,
    get size() {
      return keysByParticipant.size;
    },
  };
};
