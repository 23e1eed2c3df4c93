import { CaseStepKind, Jurisdiction, Need, Outcome, PathwayKind, ResidenceStatus } from '../kernel/vocabulary';
import { AgeBand } from './age-band';
import { daysBetween } from './calendar';
import { OfferFactDocument, ParticipantFactDocument, StatisticsDocument } from './statistics-documents';

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
  steps: readonly (readonly [CaseStepKind, string])[];
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

/**
 * The facts from the documents: pathways joined to their person's residence status at start,
 * merged registrations counted as the person they were merged into, ids replaced by numbers in
 * the order of the sorted document keys (so the same documents always give the same facts).
 */
export const factsOf = (documents: ReadonlyMap<string, StatisticsDocument>): StatisticsFacts => {
  const participants = new Map<string, ParticipantFactDocument>();
  for (const [key, doc] of documents) if (doc.fact === 'participant') participants.set(key.slice('participant-'.length), doc);
  const survivor = (id: string): string => {
    let current = id;
    for (let hops = 0; hops < 100; hops++) {
      const next = participants.get(current)?.mergedInto;
      if (!next || !participants.has(next)) return current;
      current = next;
    }
    return current;
  };
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
  for (const key of [...documents.keys()].sort()) {
    const doc = documents.get(key)!;
    switch (doc.fact) {
      case 'participant':
        if (!doc.mergedInto) {
          const id = key.slice('participant-'.length);
          facts.persons.push({
            person: personOf(id),
            municipality: doc.municipality,
            statuses: doc.statuses,
            assessments: doc.assessments,
          });
        }
        break;
      case 'pathway': {
        const participant = participants.get(doc.participantId);
        facts.pathways.push({
          person: personOf(doc.participantId),
          municipality: doc.municipality,
          kind: doc.kind,
          jurisdiction: doc.jurisdiction,
          residenceStatus: participant ? statusOn(participant.statuses, doc.start) : 'other',
          ageBand: doc.ageBand,
          start: doc.start,
          status: doc.status,
          tookOfferPlace: doc.tookOfferPlace,
          steps: doc.steps,
          ...(doc.outcome ? { outcome: doc.outcome } : {}),
          ...(doc.endedOn ? { endedOn: doc.endedOn, durationDays: daysBetween(doc.start, doc.endedOn) } : {}),
        });
        break;
      }
      case 'offer': {
        const { fact: _fact, holds, ...offer } = doc;
        facts.offers.push({
          ...offer,
          holds: Object.keys(holds)
            .sort()
            .map((pathwayId) => holds[pathwayId]),
        });
        break;
      }
      case 'guard':
        for (const decision of doc.decisions) {
          const participant = participants.get(decision.participantId);
          facts.guardDecisions.push({
            person: personOf(decision.participantId),
            municipality: participant ? (participants.get(survivor(decision.participantId))?.municipality ?? participant.municipality) : '',
            allowed: decision.allowed,
            on: decision.on,
            ...(decision.rule ? { rule: decision.rule } : {}),
          });
        }
        break;
    }
  }
  return facts;
};
