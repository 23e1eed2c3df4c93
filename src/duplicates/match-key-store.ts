import { FieldComparison, MatchingKeys } from '@lotse/domain';

export type PairStatus = 'open' | 'merged' | 'dismissed';

export interface DuplicatePair {
  pairId: string;
  participantA: string;
  participantB: string;
  municipalityA: string;
  municipalityB: string;
  score: number;
  fields: { givenName: FieldComparison; familyName: FieldComparison; birthDate: FieldComparison };
  status: PairStatus;
  foundAt: string;
}

export interface MatchCandidate {
  participantId: string;
  municipality: string;
  keys: MatchingKeys;
}

/**
 * The port: matching keys (keyed hashes only) and the pairs found. Both are derived data: keys
 * can be recomputed from the sealed personal data.
 */
export interface MatchKeyStore {
  init(): Promise<void>;
  /** Files a registration under its keys, replacing what was filed for it before, keys and lookups at once. */
  save(participantId: string, municipality: string, keys: MatchingKeys): Promise<void>;
  /** Everyone sharing a lookup key, with their stored keys, for scoring. */
  candidates(lookup: readonly string[]): Promise<MatchCandidate[]>;
  forget(participantId: string): Promise<void>;
  /** Records a pair once; finding it again (from either side) changes nothing. */
  recordPair(pair: Omit<DuplicatePair, 'status' | 'foundAt'>): Promise<void>;
  /** Best score first, then the earliest found; at most 500. */
  pairs(filter: { status: PairStatus; municipality?: string }): Promise<DuplicatePair[]>;
  pairOf(a: string, b: string): Promise<DuplicatePair | undefined>;
  decide(pairId: string, status: Exclude<PairStatus, 'open'>, actor: string): Promise<void>;
}

/** At most this many pairs in one list: a coordinator works from the top. */
export const PAIR_LIST_LIMIT = 500;

/** One id per unordered pair, so finding it from either side records it once. */
export const pairIdOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);
