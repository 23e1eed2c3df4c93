import { NRW_ELIGIBILITY_2026 } from '../default-eligibility-table.nrw';
import { checkPathway, effectiveEnd } from '../guard.policy';
import { makeHistory } from './make-history';

describe('makeHistory', () => {
  it.each([0, 1, 7, 50, 500])('makes %d ended, non-overlapping past pathways and a request that passes every rule', (n) => {
    const { request, history } = makeHistory(n);
    expect(history.pathways).toHaveLength(n);
    for (const p of history.pathways) {
      expect(p.status).not.toBe('active');
      expect(effectiveEnd(p) < request.plannedStart).toBe(true);
    }
    expect(checkPathway(request, history, NRW_ELIGIBILITY_2026, [], '2026-02-20T10:00:00.000Z')).toMatchObject({ ok: true });
  });
  it('is deterministic', () => expect(makeHistory(50)).toEqual(makeHistory(50)));
  it('lets the last pathway of a kind touch the request, so R1 must look at every one', () =>
    expect(makeHistory(50).history.pathways.some((p) => p.kind === 'coaching' && p.endedOn === '2026-02-28')).toBe(true));
});
