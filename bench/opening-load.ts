import type autocannon from 'autocannon';

/** The four pathway kinds: every one is open to `gestattung` under `state` in both NRW tables. */
export const OPENING_KINDS = ['coaching', 'language_support', 'school_certificate', 'participation_management'] as const;
export type OpeningKind = (typeof OPENING_KINDS)[number];

const DAY_MS = 86_400_000;
/** The first round's day: inside nrw-2026.1 and the bench offers' period, on or before every later round's. */
const FIRST_DAY_OFFSET = -300;

export interface OpeningSlot {
  participantId: string;
  kind: OpeningKind;
  /** One day: the pathway starts and is planned to end on it. */
  day: string;
}

/**
 * Hands out openings the guard has no reason to refuse: slot `s` is participant `s mod P`, kind
 * `⌊s / P⌋ mod 4`, on day `round = ⌊s / 4P⌋` of a one-day calendar. A participant so gets at most one
 * pathway of each kind per round, and rounds never share a day, so R1 (overlap) never fires;
 * the kinds are all open to the bench participants' status (R4), their only entitlement is AsylbLG
 * (no R2), and nothing ends unsuccessfully (no R3). Consecutive slots go to different participants,
 * so the 32 requests in flight never race for one participant's ledger. One counter serves every
 * row of a run, so warm-ups and rows never hand out a slot twice.
 */
export class OpeningSlots {
  private next = 0;

  constructor(private readonly participantIds: readonly string[]) {
    if (participantIds.length === 0) throw new Error('OpeningSlots needs participants');
  }

  take(): OpeningSlot {
    const s = this.next++;
    const p = this.participantIds.length;
    const round = Math.floor(s / (p * OPENING_KINDS.length));
    return {
      participantId: this.participantIds[s % p],
      kind: OPENING_KINDS[Math.floor(s / p) % OPENING_KINDS.length],
      day: new Date(Date.now() + (FIRST_DAY_OFFSET + round) * DAY_MS).toISOString().slice(0, 10),
    };
  }

  /** Pathways handed out so far, per participant: the length of the history the guard reads. */
  get perParticipant(): number {
    return this.next / this.participantIds.length;
  }
}

/** The load of an opening row: each request takes the next slot; with `offerFor`, a place in that connection's offer of the slot's kind. */
export const openingLoad = (
  auth: string,
  slots: OpeningSlots,
  offerFor?: (connection: number, kind: OpeningKind) => string,
): { requestFor: (connection: number) => autocannon.Request } => ({
  requestFor: (connection) => ({
    method: 'POST',
    path: '/pathways',
    headers: { 'content-type': 'application/json', authorization: auth },
    setupRequest: (req) => {
      const { participantId, kind, day } = slots.take();
      const offerId = offerFor?.(connection, kind);
      return {
        ...req,
        body: JSON.stringify({
          participantId,
          kind,
          jurisdiction: 'state',
          provider: 'VHS Neuss',
          goal: 'Reach B1',
          plannedStart: day,
          plannedEnd: day,
          ...(offerId ? { offerId } : {}),
        }),
      };
    },
  }),
});
