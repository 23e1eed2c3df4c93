/**
 * How long one guard decision takes on a long history (target: under 5 ms for 50 past pathways).
 * A script, not a test: `node -r @swc-node/register libs/domain/src/guard/testing/measure-guard.ts [n…]`.
 * It times checkPathway alone and the ledger's whole path: replaying the stream's events and deciding.
 */
import { performance } from 'node:perf_hooks';
import { NRW_ELIGIBILITY_2026 } from '../default-eligibility-table.nrw';
import { decide, EnrolmentLedgerEvent, evolve, initialEnrolmentLedger } from '../enrolment-ledger.decider';
import { checkPathway } from '../guard.policy';
import { makeHistory } from './make-history';

const now = '2026-02-20T10:00:00.000Z';

/** Every result lands here, so the JIT cannot drop a call whose result nobody reads. */
const sink: unknown[] = [];

const time = (label: string, run: () => unknown) => {
  for (let i = 0; i < 2_000; i++) sink[i % 8] = run(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const start = performance.now();
    sink[i % 8] = run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(4);
  console.log(`${label.padEnd(46)} median ${at(0.5)} ms   p99 ${at(0.99)} ms   max ${at(1)} ms`);
  if (sink.length !== 8) throw new Error('unreachable');
};

for (const n of process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [50, 500]) {
  const { request, history } = makeHistory(n);
  const events: EnrolmentLedgerEvent[] = history.pathways
    .flatMap((p): EnrolmentLedgerEvent[] => [
      {
        type: 'PathwayReserved',
        data: {
          participantId: 'a-1',
          pathwayId: p.pathwayId,
          kind: p.kind,
          jurisdiction: p.jurisdiction,
          plannedStart: p.plannedStart,
          plannedEnd: p.plannedEnd,
          eligibilityVersion: 'nrw-2026.1',
          flags: [],
          reservedAt: `${p.plannedStart}T08:00:00.000Z`,
        },
      },
      {
        type: 'PathwayEndRecorded',
        data: {
          participantId: 'a-1',
          pathwayId: p.pathwayId,
          status: p.status === 'completed' ? 'completed' : 'aborted',
          outcome: p.outcome ?? 'unknown',
          endedOn: p.endedOn ?? p.plannedEnd,
        },
      },
    ])
    .concat(
      history.caseConferences.map((heldOn, i): EnrolmentLedgerEvent => ({
        type: 'CaseConferenceRecorded',
        data: { participantId: 'a-1', stepId: `s-${i}`, heldOn },
      })),
    );
  const command = {
    type: 'ReservePathway' as const,
    metadata: { now, actor: 'coach-1' },
    data: {
      ...request,
      pathwayId: 'p-new',
      residenceStatus: history.residenceStatus,
      entitlements: history.entitlements,
      eligibility: NRW_ELIGIBILITY_2026,
    },
  };

  time(`checkPathway, ${n} past pathways`, () => checkPathway(request, history, NRW_ELIGIBILITY_2026, [], now));
  time(`ledger replay (${events.length} events) + decide`, () => decide(command, events.reduce(evolve, initialEnrolmentLedger)));
}
