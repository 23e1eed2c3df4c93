import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent } from '@lotse/event-store/event-store';

const STEP_KINDS = ['counselling', 'goal_agreement', 'referral', 'application', 'note'] as const;
// One ciphertext reused: the bench measures the store, not the random number generator.
const NOTE_CIPHER = randomBytes(24).toString('base64');

/**
 * A realistic case step: a data object of ~200 bytes (the free-text note is ciphertext, as
 * personal data is sealed before it reaches the log) and the full metadata envelope.
 */
export const caseStepRecorded = (pathwayId: string, n: number, correlationId = randomUUID()): NewEvent => ({
  eventId: randomUUID(),
  type: 'CaseStepRecorded',
  schemaVersion: 1,
  data: {
    pathwayId,
    stepNo: n,
    kind: STEP_KINDS[n % STEP_KINDS.length],
    occurredAt: '2026-03-14T10:30:00.000Z',
    durationMinutes: 45,
    note: { keyId: 'k1', iv: 'q2V7m1nYc0T9', ciphertext: NOTE_CIPHER },
  },
  metadata: {
    actor: 'coach-17',
    role: 'coach',
    municipality: 'neuss',
    correlationId,
    causationId: correlationId,
    occurredAt: '2026-03-14T10:30:00.000Z',
  },
});

/** The same envelope as a JSON document: what the pgbench baseline inserts per row. */
export const samplePayloadJson = (): string => {
  const { data, metadata, type, schemaVersion, eventId } = caseStepRecorded('pathway-0000', 1);
  return JSON.stringify({ eventId, type, schemaVersion, data, metadata });
};
