/**
 * A log of realistic pathways for the rebuild section, generated rather than replayed: each
 * pathway is opened, gets 20–40 case steps over months (some with a planned next step, most with
 * a sealed note), and about half of them end (completed, aborted) or change coach on the way.
 * Beside it, as the app writes them, the participant's registration and enrolment ledger.
 * Shapes come from the domain's own event types, so the real projections can fold them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CASE_STEP_KINDS,
  CaseStep,
  EnrolmentLedgerEvent,
  enrolmentStreamId,
  GOAL_REACHED_OUTCOMES,
  JURISDICTIONS,
  Outcome,
  PATHWAY_KINDS,
  ParticipantEvent,
  PathwayEvent,
} from '@lotse/domain';
import type { NewEvent } from '@lotse/event-store/event-store';

export interface GeneratedAppend {
  streamId: string;
  events: NewEvent[];
}

const DAY_MS = 86_400_000;
const FIRST_OPENING = Date.parse('2024-01-08T08:00:00.000Z');
const MUNICIPALITIES = ['neuss', 'duesseldorf', 'koeln', 'krefeld', 'moenchengladbach', 'dormagen'];
const PROVIDERS = ['VHS Neuss', 'Caritas Düsseldorf', 'Diakonie Köln', 'IN VIA Krefeld', 'Jobcenter Rhein-Kreis'];
const ABORT_OUTCOMES: readonly Outcome[] = ['dropped_out', 'moved_away', 'unknown'];
const COACHES = 240;

/** Sealed values in the vault's format (`v1.<iv>.<tag>.<ciphertext>`), a few lengths, made once: the bench measures folds, not AES. */
const sealedOf = (bytes: number) =>
  ['v1', randomBytes(12), randomBytes(16), randomBytes(bytes)].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
const SEALED = [24, 60, 120, 200, 320, 480].map(sealedOf);

const pick = <T>(random: () => number, from: readonly T[]): T => from[Math.floor(random() * from.length)];
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One command's worth of events: the metadata the app stamps on them (actor, correlation). */
const envelope = (events: { type: string; data: object }[], actor: string, municipality: string, at: number): NewEvent[] => {
  const correlationId = randomUUID();
  const occurredAt = new Date(at).toISOString();
  return events.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    schemaVersion: 1,
    data: e.data as Record<string, unknown>,
    metadata: { actor, role: 'coach', municipality, correlationId, causationId: correlationId, occurredAt },
  }));
};

const caseStep = (random: () => number, at: number, coachId: string, first: boolean): CaseStep => ({
  stepId: randomUUID(),
  kind: first ? 'intake' : pick(random, CASE_STEP_KINDS),
  occurredAt: new Date(at).toISOString(),
  ...(random() < 0.8 ? { durationMinutes: 15 * (1 + Math.floor(random() * 8)) } : {}),
  ...(random() < 0.7 ? { note: pick(random, SEALED) } : {}),
  recordedBy: coachId,
  ...(random() < 0.4 ? { next: { kind: pick(random, CASE_STEP_KINDS), dueOn: day(at + (7 + Math.floor(random() * 21)) * DAY_MS) } } : {}),
});

/** How a pathway ends, if it does: its last event and what the ledger records of it. */
const ending = (random: () => number, pathwayId: string, endedOn: string) => {
  const roll = random();
  if (roll < 0.3)
    return {
      event: { type: 'PathwayCompleted', data: { pathwayId, outcome: pick(random, GOAL_REACHED_OUTCOMES), endedOn } } as PathwayEvent,
      status: 'completed' as const,
    };
  if (roll < 0.45)
    return {
      event: {
        type: 'PathwayAborted',
        data: { pathwayId, outcome: pick(random, ABORT_OUTCOMES), endedOn, reason: pick(random, SEALED) },
      } as PathwayEvent,
      status: 'aborted' as const,
    };
  return undefined;
};

/**
 * Pathway `i`'s story as the appends that wrote it, in their order: the registration, the
 * ledger's reservation, the pathway in one to three appends of many events, the ledger's end.
 */
export const pathwayAppends = (i: number, random: () => number): GeneratedAppend[] => {
  const participantId = randomUUID();
  const pathwayId = randomUUID();
  const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length];
  let coachId = `coach-${i % COACHES}`;
  const opened = FIRST_OPENING + Math.floor(random() * 600) * DAY_MS + Math.floor(random() * 8 * 3_600_000);
  const kind = pick(random, PATHWAY_KINDS);
  const jurisdiction = pick(random, JURISDICTIONS);
  const plannedStart = day(opened);
  const plannedEnd = day(opened + (180 + Math.floor(random() * 360)) * DAY_MS);

  const registered: ParticipantEvent = {
    type: 'ParticipantRegistered',
    data: {
      participantId,
      municipality,
      residenceStatus: 'gestattung',
      personalData: pick(random, SEALED),
      registeredAt: new Date(opened - DAY_MS).toISOString(),
    },
  };
  const reserved: EnrolmentLedgerEvent = {
    type: 'PathwayReserved',
    data: {
      participantId,
      pathwayId,
      kind,
      jurisdiction,
      plannedStart,
      plannedEnd,
      eligibilityVersion: 'nrw-2026-01',
      flags: [],
      reservedAt: new Date(opened).toISOString(),
    },
  };
  const open: PathwayEvent = {
    type: 'PathwayOpened',
    data: {
      pathwayId,
      participantId,
      municipality,
      kind,
      jurisdiction,
      provider: pick(random, PROVIDERS),
      goal: pick(random, SEALED),
      plannedStart,
      plannedEnd,
      coachId,
      openedAt: new Date(opened).toISOString(),
    },
  };

  const pathway: { type: string; data: object }[] = [open];
  const steps = 20 + Math.floor(random() * 21);
  const transferAt = random() < 0.1 ? Math.floor(random() * steps) : -1;
  let at = opened;
  for (let n = 0; n < steps; n += 1) {
    if (n === transferAt) {
      const toCoachId = `coach-${(i + 1 + Math.floor(random() * (COACHES - 1))) % COACHES}`;
      pathway.push({
        type: 'PathwayTransferred',
        data: { pathwayId, fromCoachId: coachId, toCoachId, transferredAt: new Date(at).toISOString() },
      });
      coachId = toCoachId;
    }
    at += (1 + Math.floor(random() * 14)) * DAY_MS + Math.floor(random() * 3_600_000);
    pathway.push({ type: 'CaseStepRecorded', data: { pathwayId, step: caseStep(random, at, coachId, n === 0) } });
  }
  const end = ending(random, pathwayId, day(at));
  if (end) pathway.push(end.event);

  const stream = `pathway-${pathwayId}`;
  const parts = 1 + Math.floor(random() * 3);
  const cut = Math.ceil(pathway.length / parts);
  const appends: GeneratedAppend[] = [
    { streamId: `participant-${participantId}`, events: envelope([registered], coachId, municipality, opened - DAY_MS) },
    { streamId: enrolmentStreamId(participantId), events: envelope([reserved], coachId, municipality, opened) },
  ];
  for (let k = 0; k < pathway.length; k += cut)
    appends.push({ streamId: stream, events: envelope(pathway.slice(k, k + cut), coachId, municipality, at) });
  if (end) {
    const ended: EnrolmentLedgerEvent = {
      type: 'PathwayEndRecorded',
      data: { participantId, pathwayId, status: end.status, outcome: (end.event.data as { outcome: Outcome }).outcome, endedOn: day(at) },
    };
    appends.push({ streamId: enrolmentStreamId(participantId), events: envelope([ended], coachId, municipality, at) });
  }
  return appends;
};
