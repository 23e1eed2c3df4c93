import { CaseStepKind, Jurisdiction, Need, Outcome, PathwayKind, ResidenceStatus } from '../kernel/vocabulary';
import { AgeBand } from './age-band';
import { daysBetween } from './calendar';
import {
  CaseStepsFactDocument,
  GuardFactDocument,
  OfferFactDocument,
  ParticipantFactDocument,
  PathwayFactDocument,
  StatisticsDocument,
} from './statistics-documents';

/** One pathway as the statistics see it; `person` is a number valid only inside one set of facts. */
export interface PathwayFact {
  person: number;
  municipality: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  residenceStatus: ResidenceStatus;
  ageBand: AgeBand;
  start: string;
  endedOn?: string;
  status: 'active' | 'completed' | 'aborted';
  outcome?: Outcome;
  durationDays?: number;
  tookOfferPlace: boolean;
  /** Its case steps, a day each (in the order of the days when joined whole, new days after). */
  steps: readonly CaseStepsOfDay[];
}

/** A pathway's case steps on one day: how many of each kind. */
export interface CaseStepsOfDay {
  on: string;
  counts: readonly (readonly [CaseStepKind, number])[];
}

/** A person (a registration that was not merged into another) with what the needs analysis asks of them. */
export interface PersonFact {
  person: number;
  municipality: string;
  statuses: readonly { status: ResidenceStatus; since: string }[];
  assessments: readonly { on: string; needs: readonly Need[] }[];
}

export interface GuardDecisionFact {
  person: number;
  municipality: string;
  allowed: boolean;
  rule?: string;
  on: string;
}

export type OfferFact = Omit<OfferFactDocument, 'fact' | 'holds'> & { holds: { from: string; to?: string }[] };

export interface StatisticsFacts {
  pathways: PathwayFact[];
  persons: PersonFact[];
  offers: OfferFact[];
  guardDecisions: GuardDecisionFact[];
}

/** The status in force on `day`: the latest change on or before it, else the status registered first. */
export const statusOn = (statuses: readonly { status: ResidenceStatus; since: string }[], day: string): ResidenceStatus => {
  let found = statuses[0]?.status ?? 'other';
  let since = '';
  for (const entry of statuses) {
    if (entry.since <= day && entry.since >= since) {
      found = entry.status;
      since = entry.since;
    }
  }
  return found;
};

/** The needs of the latest assessment on or before `day` (of two on one day, the later one). */
export const needsOn = (assessments: readonly { on: string; needs: readonly Need[] }[], day: string): readonly Need[] => {
  let needs: readonly Need[] = [];
  let on = '';
  for (const assessment of assessments) {
    if (assessment.on <= day && assessment.on >= on) {
      needs = assessment.needs;
      on = assessment.on;
    }
  }
  return needs;
};

/** The registration a merged one now counts as: its `mergedInto` chain followed while the target is registered. */
export const survivorIn =
  (participants: ReadonlyMap<string, ParticipantFactDocument>) =>
  (id: string): string => {
    let current = id;
    for (let hops = 0; hops < 100; hops++) {
      const next = participants.get(current)?.mergedInto;
      if (!next || !participants.has(next)) return current;
      current = next;
    }
    return current;
  };

export const PARTICIPANT_PREFIX = 'participant-';
export const PATHWAY_PREFIX = 'pathway-';

export const pathwayFactOf = (
  doc: PathwayFactDocument,
  participant: ParticipantFactDocument | undefined,
  person: number,
  steps: readonly CaseStepsOfDay[] = [],
): PathwayFact => ({
  person,
  municipality: doc.municipality,
  kind: doc.kind,
  jurisdiction: doc.jurisdiction,
  residenceStatus: participant ? statusOn(participant.statuses, doc.start) : 'other',
  ageBand: doc.ageBand,
  start: doc.start,
  status: doc.status,
  tookOfferPlace: doc.tookOfferPlace,
  steps,
  ...(doc.outcome ? { outcome: doc.outcome } : {}),
  ...(doc.endedOn ? { endedOn: doc.endedOn, durationDays: daysBetween(doc.start, doc.endedOn) } : {}),
});

export const personFactOf = (doc: ParticipantFactDocument, person: number): PersonFact => ({
  person,
  municipality: doc.municipality,
  statuses: doc.statuses,
  assessments: doc.assessments,
});

export const caseStepsOfDay = (doc: CaseStepsFactDocument): CaseStepsOfDay => ({ on: doc.on, counts: doc.counts });

export const offerFactOf = (doc: OfferFactDocument): OfferFact => {
  const { fact: _fact, holds, ...offer } = doc;
  return {
    ...offer,
    holds: Object.keys(holds)
      .sort()
      .map((pathwayId) => holds[pathwayId]),
  };
};

/** A guard document's decisions, each counted for the person and in the municipality of the registration it now counts as. */
export const guardFactsOf = (
  doc: GuardFactDocument,
  participants: ReadonlyMap<string, ParticipantFactDocument>,
  survivor: (id: string) => string,
  personOf: (participantId: string) => number,
): GuardDecisionFact[] =>
  doc.decisions.map((decision) => {
    const participant = participants.get(decision.participantId);
    return {
      person: personOf(decision.participantId),
      municipality: participant ? (participants.get(survivor(decision.participantId))?.municipality ?? participant.municipality) : '',
      allowed: decision.allowed,
      on: decision.on,
      ...(decision.rule ? { rule: decision.rule } : {}),
    };
  });

/** How the facts were joined: what a later join of a few changed documents needs to number and place them alike. */
export interface FactsJoined {
  facts: StatisticsFacts;
  /** The registrations by participant id. */
  participants: Map<string, ParticipantFactDocument>;
  /** The person number of each registration that others count as (its own id if it was not merged). */
  numbers: Map<string, number>;
  /** Pathway ids with case steps but no pathway document (never in a consistent log): not counted until it comes. */
  stepsWithoutPathway: Set<string>;
}

/**
 * The facts from the documents: pathways joined to their person's residence status at start,
 * merged registrations counted as the person they were merged into, ids replaced by numbers in
 * the order of the sorted document keys (so the same documents always give the same facts).
 * `placed` hears of each document's facts and where they stand in their list.
 */
export const joinFacts = (
  documents: ReadonlyMap<string, StatisticsDocument>,
  placed?: (key: string, doc: StatisticsDocument, index: number) => void,
): FactsJoined => {
  const participants = new Map<string, ParticipantFactDocument>();
  for (const [key, doc] of documents) if (doc.fact === 'participant') participants.set(key.slice(PARTICIPANT_PREFIX.length), doc);
  const survivor = survivorIn(participants);
  const numbers = new Map<string, number>();
  for (const id of [...participants.keys()].sort()) {
    const root = survivor(id);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
  }
  // A person has many pathways and decisions: each registration's number is looked up once.
  const numberOf = new Map<string, number>();
  const personOf = (participantId: string): number => {
    const known = numberOf.get(participantId);
    if (known !== undefined) return known;
    const root = survivor(participantId);
    let number = numbers.get(root);
    if (number === undefined) {
      number = numbers.size;
      numbers.set(root, number);
    }
    numberOf.set(participantId, number);
    return number;
  };

  const facts: StatisticsFacts = { pathways: [], persons: [], offers: [], guardDecisions: [] };
  // Each pathway's case steps, filled in after the pathways.
  const stepsOf = new Map<string, CaseStepsOfDay[]>();
  const stepsWithoutPathway = new Set<string>();
  // The case steps, by far the most documents, join their pathway's fact in any order: only the other keys are sorted.
  const keys: string[] = [];
  const caseSteps: CaseStepsFactDocument[] = [];
  for (const [key, doc] of documents) {
    if (doc.fact === 'steps') caseSteps.push(doc);
    else keys.push(key);
  }
  for (const key of keys.sort()) {
    const doc = documents.get(key)!;
    switch (doc.fact) {
      case 'participant':
        if (!doc.mergedInto) {
          placed?.(key, doc, facts.persons.length);
          facts.persons.push(personFactOf(doc, personOf(key.slice(PARTICIPANT_PREFIX.length))));
        }
        break;
      case 'pathway':
        placed?.(key, doc, facts.pathways.length);
        {
          const steps: CaseStepsOfDay[] = [];
          stepsOf.set(key.slice(PATHWAY_PREFIX.length), steps);
          facts.pathways.push(pathwayFactOf(doc, participants.get(doc.participantId), personOf(doc.participantId), steps));
        }
        break;
      case 'offer':
        placed?.(key, doc, facts.offers.length);
        facts.offers.push(offerFactOf(doc));
        break;
      case 'guard':
        placed?.(key, doc, facts.guardDecisions.length);
        for (const decision of guardFactsOf(doc, participants, survivor, personOf)) facts.guardDecisions.push(decision);
        break;
    }
  }
  for (const doc of caseSteps) {
    const steps = stepsOf.get(doc.pathwayId);
    if (steps) steps.push(caseStepsOfDay(doc));
    else stepsWithoutPathway.add(doc.pathwayId);
  }
  return { facts, participants, numbers, stepsWithoutPathway };
};

export const factsOf = (documents: ReadonlyMap<string, StatisticsDocument>): StatisticsFacts => joinFacts(documents).facts;
