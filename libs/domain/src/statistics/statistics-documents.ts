import { Event } from '../kernel/event';
import { CaseStepKind, Jurisdiction, Need, Outcome, PathwayKind, ResidenceStatus } from '../kernel/vocabulary';
import { ageBandOf, AgeBand } from './age-band';

/*
 * The anonymised facts the statistics are counted from, one document per pathway, participant,
 * offer, guard decision and day of a pathway's case steps. The same pure fold feeds the statistics
 * read model (a projection) and the replay that reproduces a stored report from the log, so both
 * come to the same documents.
 *
 * What the documents hold: codes, dates, counts and the ids that join a pathway to its person (the
 * document keys). Never a name, a birth date (only the age band at start) or free text: goals,
 * notes and reasons are left out, so erasing a person's data changes no document.
 */

type D = Record<string, unknown>;
type E<T extends string> = Event<T, D>;

/** The events the statistics count; any other event leaves them alone. */
export const STATISTICS_EVENT_TYPES = [
  'ParticipantRegistered',
  'ResidenceStatusChanged',
  'NeedsAssessed',
  'ParticipantMerged',
  'PathwayOpened',
  'CaseStepRecorded',
  'PathwayCompleted',
  'PathwayAborted',
  'OfferPublished',
  'OfferPlacesChanged',
  'OfferClosed',
  'PlaceTaken',
  'PlaceReleased',
  'GuardDecisionRecorded',
] as const;
export type StatisticsEventType = (typeof STATISTICS_EVENT_TYPES)[number];
export type StatisticsEvent = E<StatisticsEventType>;

export interface ParticipantFactDocument {
  fact: 'participant';
  municipality: string;
  /** The residence status in force from `since` on, in log order. */
  statuses: { status: ResidenceStatus; since: string }[];
  /** Every needs assessment's day and needs; the latest by day counts on a given day. */
  assessments: { on: string; needs: Need[] }[];
  /** A duplicate registration: its pathways count for the surviving one. */
  mergedInto?: string;
}

export interface PathwayFactDocument {
  fact: 'pathway';
  participantId: string;
  municipality: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  /** The planned start: the day the pathway counts as started. */
  start: string;
  ageBand: AgeBand;
  tookOfferPlace: boolean;
  status: 'active' | 'completed' | 'aborted';
  outcome?: Outcome;
  endedOn?: string;
}

/**
 * A pathway's case steps on one day, counted by kind (in the order the kinds first came). Apart from
 * the pathway's own document, so that a step rewrites a few dozen bytes however long the pathway runs.
 */
export interface CaseStepsFactDocument {
  fact: 'steps';
  pathwayId: string;
  on: string;
  counts: [CaseStepKind, number][];
}

export interface OfferFactDocument {
  fact: 'offer';
  municipality: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  openTo: ResidenceStatus[];
  openingPossible: ResidenceStatus[];
  period: { from: string; to?: string };
  places: number;
  placeChanges: { places: number; changedOn: string }[];
  closedOn?: string;
  /** Places held, by pathway: from the day taken to the day given back. */
  holds: Record<string, { from: string; to?: string }>;
}

export interface GuardFactDocument {
  fact: 'guard';
  /** Every decision on one pathway's opening (a refused request may be sent again). */
  decisions: { participantId: string; allowed: boolean; rule?: string; on: string }[];
}

export type StatisticsDocument =
  ParticipantFactDocument | PathwayFactDocument | CaseStepsFactDocument | OfferFactDocument | GuardFactDocument;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const day = (value: unknown): string => str(value).slice(0, 10);

/** Which kind of document each event type feeds. */
const FACT_OF: Record<StatisticsEventType, StatisticsDocument['fact']> = {
  ParticipantRegistered: 'participant',
  ResidenceStatusChanged: 'participant',
  NeedsAssessed: 'participant',
  ParticipantMerged: 'participant',
  PathwayOpened: 'pathway',
  CaseStepRecorded: 'steps',
  PathwayCompleted: 'pathway',
  PathwayAborted: 'pathway',
  GuardDecisionRecorded: 'guard',
  OfferPublished: 'offer',
  OfferPlacesChanged: 'offer',
  OfferClosed: 'offer',
  PlaceTaken: 'offer',
  PlaceReleased: 'offer',
};

/**
 * The document an event belongs to: `<fact>-<id>` of the participant, pathway (also for its guard decisions) or offer;
 * `steps-<pathwayId>-<day>` of a case step.
 */
export const statisticsDocumentId = (event: StatisticsEvent): string => {
  const fact = FACT_OF[event.type];
  const d = event.data;
  if (fact === 'steps') return `steps-${str(d.pathwayId)}-${day((d.step as { occurredAt?: unknown } | undefined)?.occurredAt)}`;
  return `${fact}-${str(fact === 'participant' ? d.participantId : fact === 'offer' ? d.offerId : d.pathwayId)}`;
};

const applyToParticipant = (doc: ParticipantFactDocument | undefined, event: StatisticsEvent): ParticipantFactDocument | undefined => {
  const d = event.data;
  if (event.type === 'ParticipantRegistered')
    return {
      fact: 'participant',
      municipality: str(d.municipality),
      statuses: [{ status: d.residenceStatus as ResidenceStatus, since: day(d.registeredAt) }],
      assessments: doc?.assessments ?? [],
    };
  if (!doc) return doc;
  switch (event.type) {
    case 'ResidenceStatusChanged':
      return { ...doc, statuses: [...doc.statuses, { status: d.to as ResidenceStatus, since: day(d.changedOn) }] };
    case 'NeedsAssessed': {
      const assessment = d.assessment as { assessedOn: string; needs: Need[] };
      return { ...doc, assessments: [...doc.assessments, { on: assessment.assessedOn, needs: [...assessment.needs] }] };
    }
    case 'ParticipantMerged':
      return { ...doc, mergedInto: str(d.mergedInto) };
    default:
      return doc;
  }
};

const applyToPathway = (doc: PathwayFactDocument | undefined, event: StatisticsEvent): PathwayFactDocument | undefined => {
  const d = event.data;
  if (event.type === 'PathwayOpened')
    return {
      fact: 'pathway',
      participantId: str(d.participantId),
      municipality: str(d.municipality),
      kind: d.kind as PathwayKind,
      jurisdiction: d.jurisdiction as Jurisdiction,
      start: str(d.plannedStart),
      ageBand: ageBandOf(typeof d.ageAtStart === 'number' ? d.ageAtStart : undefined),
      tookOfferPlace: typeof d.offerId === 'string',
      status: 'active',
    };
  if (!doc) return doc;
  switch (event.type) {
    case 'PathwayCompleted':
    case 'PathwayAborted':
      return {
        ...doc,
        status: event.type === 'PathwayCompleted' ? 'completed' : 'aborted',
        outcome: d.outcome as Outcome,
        endedOn: str(d.endedOn),
      };
    default:
      return doc;
  }
};

const applyToSteps = (doc: CaseStepsFactDocument | undefined, event: StatisticsEvent): CaseStepsFactDocument => {
  const step = event.data.step as { kind: CaseStepKind; occurredAt: string };
  const counts = doc ? doc.counts.map(([kind, count]): [CaseStepKind, number] => [kind, kind === step.kind ? count + 1 : count]) : [];
  if (!counts.some(([kind]) => kind === step.kind)) counts.push([step.kind, 1]);
  return { fact: 'steps', pathwayId: str(event.data.pathwayId), on: day(step.occurredAt), counts };
};

const applyToOffer = (doc: OfferFactDocument | undefined, event: StatisticsEvent): OfferFactDocument | undefined => {
  const d = event.data;
  if (event.type === 'OfferPublished') {
    const period = d.period as { from: string; to?: string };
    return {
      fact: 'offer',
      municipality: str(d.municipality),
      kind: d.kind as PathwayKind,
      jurisdiction: d.jurisdiction as Jurisdiction,
      openTo: [...(d.openTo as ResidenceStatus[])],
      openingPossible: [...((d.openingPossible as ResidenceStatus[] | undefined) ?? [])],
      period: period.to === undefined ? { from: period.from } : { from: period.from, to: period.to },
      places: Number(d.places),
      placeChanges: [],
      holds: doc?.holds ?? {},
    };
  }
  if (!doc) return doc;
  const pathwayId = str(d.pathwayId);
  switch (event.type) {
    case 'OfferPlacesChanged':
      return { ...doc, placeChanges: [...doc.placeChanges, { places: Number(d.places), changedOn: str(d.changedOn) }] };
    case 'OfferClosed':
      return { ...doc, closedOn: str(d.closedOn) };
    case 'PlaceTaken':
      return { ...doc, holds: { ...doc.holds, [pathwayId]: { from: day(d.takenAt) } } };
    case 'PlaceReleased': {
      const held = doc.holds[pathwayId];
      return held ? { ...doc, holds: { ...doc.holds, [pathwayId]: { from: held.from, to: str(d.releasedOn) } } } : doc;
    }
    default:
      return doc;
  }
};

const applyToGuard = (doc: GuardFactDocument | undefined, event: StatisticsEvent): GuardFactDocument => {
  const d = event.data;
  const refusal = d.refusal as { rule?: string } | undefined;
  const decision = {
    participantId: str(d.participantId),
    allowed: d.allowed === true,
    ...(refusal?.rule ? { rule: refusal.rule } : {}),
    on: day(d.decidedAt),
  };
  return { fact: 'guard', decisions: [...(doc?.decisions ?? []), decision] };
};

/**
 * The next document after `event`: pure, a new object, plain JSON. An event that arrives before the
 * one that creates its document (never in a consistent log) leaves the document absent.
 */
export const applyStatisticsEvent = (doc: StatisticsDocument | undefined, event: StatisticsEvent): StatisticsDocument | undefined => {
  switch (FACT_OF[event.type]) {
    case 'participant':
      return applyToParticipant(doc?.fact === 'participant' ? doc : undefined, event);
    case 'pathway':
      return applyToPathway(doc?.fact === 'pathway' ? doc : undefined, event);
    case 'steps':
      return applyToSteps(doc?.fact === 'steps' ? doc : undefined, event);
    case 'guard':
      return applyToGuard(doc?.fact === 'guard' ? doc : undefined, event);
    default:
      return applyToOffer(doc?.fact === 'offer' ? doc : undefined, event);
  }
};

export const isStatisticsEvent = (event: { type: string }): event is StatisticsEvent => Object.hasOwn(FACT_OF, event.type);

/**
 * Folds one event into the documents, in place: what the read model does to its table, what a
 * report's replay and the service's cached documents do in memory.
 */
export const foldStatisticsEvent = (documents: Map<string, StatisticsDocument>, event: StatisticsEvent): void => {
  const id = statisticsDocumentId(event);
  const next = applyStatisticsEvent(documents.get(id), event);
  if (next === undefined) documents.delete(id);
  else documents.set(id, next);
};
