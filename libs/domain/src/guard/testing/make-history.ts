import { Jurisdiction, Outcome, PATHWAY_KINDS, PathwayKind } from '../../kernel/vocabulary';
import { addMonths } from '../dates';
import { GuardRequest, ParticipantHistory, PathwayRecord } from '../guard.policy';

const JURISDICTIONS_BY_KIND: Record<PathwayKind, readonly Jurisdiction[]> = {
  coaching: ['state', 'sgb2', 'sgb3', 'sgb8'],
  language_support: ['federal', 'state', 'sgb3'],
  school_certificate: ['state', 'sgb3'],
  participation_management: ['state', 'asylblg'],
};
const OUTCOMES: readonly Outcome[] = ['training_place', 'dropped_out', 'other_measure', 'moved_away', 'employment', 'unknown', 'school'];

/**
 * A participant with `n` past pathways, deterministic (no randomness): the kinds take turns, each
 * kind's pathways follow one another without overlapping (four months each, ending the day before the
 * next starts), every one has ended, a mix of completions and aborts, with a case conference after
 * each abort; plus a request that passes every rule, so a decision walks the whole history.
 * The most recent pathway ends on 2026-02-28; the request starts on 2026-03-01.
 */
export const makeHistory = (n: number): { request: GuardRequest; history: ParticipantHistory } => {
  const pathways: PathwayRecord[] = [];
  const caseConferences: string[] = [];
  const perKind = Math.ceil(n / PATHWAY_KINDS.length);
  for (let i = 0; i < n; i++) {
    const kind = PATHWAY_KINDS[i % PATHWAY_KINDS.length];
    const slot = Math.floor(i / PATHWAY_KINDS.length);
    // Slot perKind-1 ends on 2026-02-28: each slot is four months, counted back from 2026-03-01.
    const plannedStart = addMonths('2026-03-01', -4 * (perKind - slot));
    const lastDay = previousDay(addMonths(plannedStart, 4));
    const outcome = OUTCOMES[i % OUTCOMES.length];
    const reached = ['training_place', 'employment', 'school', 'other_measure'].includes(outcome);
    const jurisdictions = JURISDICTIONS_BY_KIND[kind];
    pathways.push({
      pathwayId: `p-${i}`,
      kind,
      jurisdiction: jurisdictions[i % jurisdictions.length],
      status: reached ? 'completed' : 'aborted',
      plannedStart,
      plannedEnd: lastDay,
      endedOn: lastDay,
      outcome,
    });
    if (!reached) caseConferences.push(lastDay);
  }
  return {
    request: { participantId: 'a-1', kind: 'coaching', jurisdiction: 'state', plannedStart: '2026-03-01', plannedEnd: '2026-08-31' },
    history: { residenceStatus: 'duldung', entitlements: [{ jurisdiction: 'asylblg', from: '2020-01-01' }], pathways, caseConferences },
  };
};

const previousDay = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
