/**
 * Test only. Precision and recall of the duplicate matcher over a generated population, the way
 * the application would run it: every registration's keys go into the index, each registration
 * looks up its candidates there, and only candidate pairs are scored.
 */
import { buildDuplicateIndex } from '../duplicate-index';
import { KeyHash, matchingKeys, MatchingKeys } from '../matching-keys';
import { compareMatchingKeys, isPotentialDuplicate, MatchResult } from '../match-score';
import { GeneratedRegistration, Person, PersonKind, Population } from './population';

export interface PairOutcome {
  readonly a: GeneratedRegistration;
  readonly b: GeneratedRegistration;
  /** Absent when the index never offered the pair. */
  readonly match?: MatchResult;
}

export interface Evaluation {
  readonly people: number;
  readonly registrations: number;
  readonly truePairs: number;
  readonly candidatePairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly missed: readonly PairOutcome[];
  /** False alarms, with the kind of near miss the second person was built as. */
  readonly falseAlarms: ReadonlyArray<PairOutcome & { readonly kinds: readonly PersonKind[] }>;
}

const pairId = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export const evaluateMatcher = (population: Population, hash: KeyHash): Evaluation => {
  const keys = new Map<string, MatchingKeys>(population.registrations.map((r) => [r.registrationId, matchingKeys(r, hash)]));
  const byId = new Map(population.registrations.map((r) => [r.registrationId, r]));
  const people = new Map<string, Person>(population.people.map((p) => [p.personId, p]));

  const index = buildDuplicateIndex();
  for (const [id, registrationKeys] of keys) index.add(id, registrationKeys);

  const scored = new Map<string, PairOutcome>();
  for (const [id, registrationKeys] of keys) {
    for (const other of index.candidates(registrationKeys)) {
      if (other === id || scored.has(pairId(id, other))) continue;
      scored.set(pairId(id, other), {
        a: byId.get(id)!,
        b: byId.get(other)!,
        match: compareMatchingKeys(registrationKeys, keys.get(other)!),
      });
    }
  }

  const registrationsOf = new Map<string, GeneratedRegistration[]>();
  for (const r of population.registrations) registrationsOf.set(r.personId, [...(registrationsOf.get(r.personId) ?? []), r]);
  const truePairs = [...registrationsOf.values()].filter((rs) => rs.length === 2).map(([a, b]) => ({ a, b }));

  const found = [...scored.values()].filter((pair) => pair.match && isPotentialDuplicate(pair.match));
  const correct = found.filter((pair) => pair.a.personId === pair.b.personId);
  const missed = truePairs
    .map(({ a, b }) => scored.get(pairId(a.registrationId, b.registrationId)) ?? { a, b })
    .filter((pair) => !pair.match || !isPotentialDuplicate(pair.match));
  const falseAlarms = found
    .filter((pair) => pair.a.personId !== pair.b.personId)
    .map((pair) => ({ ...pair, kinds: [people.get(pair.a.personId)!.kind, people.get(pair.b.personId)!.kind] }));

  return {
    people: population.people.length,
    registrations: population.registrations.length,
    truePairs: truePairs.length,
    candidatePairs: scored.size,
    precision: found.length === 0 ? 1 : correct.length / found.length,
    recall: truePairs.length === 0 ? 1 : correct.length / truePairs.length,
    missed,
    falseAlarms,
  };
};

const show = (r: GeneratedRegistration) => `${r.givenName} | ${r.familyName} | ${r.birthDate}`;

/** One line per pair, for the failure message: what the matcher saw and said. */
export const describePairs = (pairs: readonly (PairOutcome & { kinds?: readonly PersonKind[] })[]): string =>
  pairs
    .map(
      ({ a, b, match, kinds }) =>
        `${show(a)}  ~  ${show(b)}  [${[...b.variations, ...(kinds ?? [])].join(', ')}] → ${
          match
            ? `${match.score.toFixed(2)} ${match.evidence.givenName}/${match.evidence.familyName}/${match.evidence.birthDate}`
            : 'not a candidate'
        }`,
    )
    .join('\n');
