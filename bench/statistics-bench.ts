/**
 * The statistics section: a county of 100,000 pathways in 1,000,000 events (registration, needs
 * assessment, guard decision, opening with the age, five case steps, an end for most), generated in
 * memory with a fixed seed. Measured in this process, beside a same-run baseline each:
 * - the replay a report's reproduction runs (fold every event into the fact documents, join, one
 *   query, canonical CSV), in events per second, beside a loop that only touches each event's type;
 * - the four queries on the facts (tabulation, disclosure control across every grouping, JSON),
 *   p50 / p99, beside a plain count of pathways by kind over the same facts.
 * Reading the log from PostgreSQL is the store section's read-all row; a reproduction runs at the
 * slower of the two.
 */
import { randomUUID } from 'node:crypto';
import {
  applyStatisticsEvent,
  CASE_STEP_KINDS,
  computeStatistics,
  disclosureRule,
  factsOf,
  JURISDICTIONS,
  NEEDS,
  OUTCOMES,
  PATHWAY_KINDS,
  RESIDENCE_STATUSES,
  StatisticsDocument,
  StatisticsEvent,
  StatisticsParameters,
  statisticsDocumentId,
  StatisticsType,
  toCsv,
} from '@lotse/domain';
import { seededRandom } from '../libs/domain/src/duplicates/testing/population';
import { summarise } from './stats';
import { formatMs, formatRate, renderTable } from './table';

const QUERY_P99_TARGET_MS = 100;
const REPLAY_TARGET = 100_000;
const MUNICIPALITIES = ['neuss', 'dormagen', 'grevenbroich', 'kaarst', 'meerbusch', 'korschenbroich', 'juechen', 'jueche-west'];

const pick = <T>(random: () => number, from: readonly T[]): T => from[Math.floor(random() * from.length)];
const dayAfter = (start: number, days: number) => new Date(start + days * 86_400_000).toISOString().slice(0, 10);

/** A county's log: about ten events per pathway, one person per pathway (some with two). */
export const countyEvents = (pathways: number, seed = 12): StatisticsEvent[] => {
  const random = seededRandom(seed);
  const events: StatisticsEvent[] = [];
  const first = Date.parse('2024-01-01T00:00:00Z');
  let participantId = '';
  for (let i = 0; i < pathways; i++) {
    const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length];
    const startDay = Math.floor(random() * 900);
    const start = dayAfter(first, startDay);
    if (i % 7 !== 3) {
      participantId = randomUUID();
      events.push({
        type: 'ParticipantRegistered',
        data: {
          participantId,
          municipality,
          residenceStatus: pick(random, RESIDENCE_STATUSES),
          personalData: 'sealed',
          registeredAt: `${start}T08:00:00Z`,
        },
      });
      events.push({
        type: 'NeedsAssessed',
        data: {
          participantId,
          assessment: { assessmentId: 'a', assessedOn: start, needs: [pick(random, NEEDS), pick(random, NEEDS)], assessedBy: 'coach' },
          recordedAt: `${start}T09:00:00Z`,
        },
      });
    }
    const pathwayId = randomUUID();
    const kind = pick(random, PATHWAY_KINDS);
    const jurisdiction = pick(random, JURISDICTIONS);
    events.push({
      type: 'GuardDecisionRecorded',
      data: {
        participantId,
        pathwayId,
        kind,
        jurisdiction,
        allowed: random() > 0.1,
        refusal: { rule: pick(random, ['R1', 'R2', 'R3', 'R4']) },
        decidedAt: `${start}T09:30:00Z`,
      },
    });
    events.push({
      type: 'PathwayOpened',
      data: {
        pathwayId,
        participantId,
        municipality,
        kind,
        jurisdiction,
        plannedStart: start,
        plannedEnd: dayAfter(first, startDay + 300),
        ageAtStart: 16 + Math.floor(random() * 14),
      },
    });
    for (let s = 0; s < 5; s++)
      events.push({
        type: 'CaseStepRecorded',
        data: { pathwayId, step: { kind: pick(random, CASE_STEP_KINDS), occurredAt: `${dayAfter(first, startDay + 10 * s)}T10:00:00Z` } },
      });
    if (random() < 0.7)
      events.push({
        type: random() < 0.6 ? 'PathwayCompleted' : 'PathwayAborted',
        data: { pathwayId, outcome: pick(random, OUTCOMES), endedOn: dayAfter(first, startDay + 30 + Math.floor(random() * 400)) },
      });
  }
  return events;
};

const fold = (events: readonly StatisticsEvent[]): Map<string, StatisticsDocument> => {
  const documents = new Map<string, StatisticsDocument>();
  for (const event of events) {
    const id = statisticsDocumentId(event);
    const next = applyStatisticsEvent(documents.get(id), event);
    if (next) documents.set(id, next);
  }
  return documents;
};

const QUERIES: [string, StatisticsType, StatisticsParameters][] = [
  [
    'pathways started by kind × jurisdiction',
    'pathways',
    { measure: 'started', groupBy: ['kind', 'jurisdiction'], from: '2025-01-01', to: '2025-12-31' },
  ],
  ['pathways ended by quarter × outcome × municipality', 'pathways', { measure: 'ended', groupBy: ['quarter', 'outcome', 'municipality'] }],
  ['transition rate by jurisdiction × quarter', 'pathways', { measure: 'transition_rate', groupBy: ['jurisdiction', 'quarter'] }],
  ['needs against offers', 'needs-offers', { on: '2025-06-30', groupBy: ['kind', 'residenceStatus', 'municipality'] }],
  ['measure-career indicator', 'careers', { from: '2024-07-01', to: '2026-06-30' }],
  ['outputs', 'outputs', { from: '2025-01-01', to: '2025-12-31', municipality: 'neuss' }],
];

export const benchStatistics = (pathways = 100_000, runs = 30): { text: string; misses: string[] } => {
  process.stderr.write(`  · statistics: generating ${pathways.toLocaleString('en-US')} pathways\n`);
  const events = countyEvents(pathways);
  const rule = disclosureRule(5);

  // Same-run baseline for the replay: a loop that only reads each event's type.
  let t = performance.now();
  let touched = 0;
  for (const event of events) touched += event.type.length;
  const baselineRate = events.length / ((performance.now() - t) / 1000);

  process.stderr.write(`  · statistics: replaying ${events.length.toLocaleString('en-US')} events\n`);
  t = performance.now();
  const documents = fold(events);
  const facts = factsOf(documents);
  const first = QUERIES[0];
  const csv = toCsv(computeStatistics(first[1], facts, first[2], rule), { position: events.length, rule, parameters: first[2] });
  const replaySeconds = (performance.now() - t) / 1000;
  const replayRate = events.length / replaySeconds;

  const rows: string[][] = [];
  const misses: string[] = [];
  const plain = summarise(
    Array.from({ length: runs }, () => {
      const start = performance.now();
      const byKind = new Map<string, number>();
      for (const p of facts.pathways) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
      return performance.now() - start + (byKind.size > 99 ? 1 : 0);
    }),
  );
  for (const [label, type, parameters] of QUERIES) {
    process.stderr.write(`  · statistics: ${label}\n`);
    const run = () => {
      const start = performance.now();
      JSON.stringify(computeStatistics(type, facts, parameters, rule));
      return performance.now() - start;
    };
    // The first query of a measure and period at a position decides the suppression of all its groupings; later ones reuse it.
    const first = run();
    const latency = summarise(Array.from({ length: runs }, run));
    const met = latency.p99 < QUERY_P99_TARGET_MS;
    if (!met) misses.push(`statistics query "${label}" p99 ${formatMs(latency.p99)} ms`);
    rows.push([
      `query: ${label}`,
      formatMs(first),
      formatMs(latency.p50),
      formatMs(latency.p99),
      `< ${QUERY_P99_TARGET_MS} ms p99`,
      met ? 'met' : 'MISS',
    ]);
  }
  rows.push(['baseline: count pathways by kind (plain loop)', '', formatMs(plain.p50), formatMs(plain.p99), '', '']);
  const replayMet = replayRate >= REPLAY_TARGET;
  if (!replayMet) misses.push(`report replay ${formatRate(replayRate)} events/s`);

  const text = [
    `Statistics over ${events.length.toLocaleString('en-US')} events / ${facts.pathways.length.toLocaleString('en-US')} pathways (in memory, ${runs} runs per query; the report's CSV ${csv.length} bytes${touched > 0 ? '' : ''})`,
    renderTable(
      [
        { header: 'statistics' },
        { header: 'first ms', align: 'right' },
        { header: 'p50 ms', align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'target' },
        { header: '' },
      ],
      rows,
    ),
    '',
    renderTable(
      [{ header: 'report reproduction by replay' }, { header: 'events/s', align: 'right' }, { header: 'target' }, { header: '' }],
      [
        ['fold + join + tabulate + protect + CSV', formatRate(replayRate), `>= ${formatRate(REPLAY_TARGET)}/s`, replayMet ? 'met' : 'MISS'],
        ['baseline: read each event’s type', formatRate(baselineRate), '', ''],
      ],
    ),
  ].join('\n');
  return { text, misses };
};

if (require.main === module) process.stdout.write(`${benchStatistics(Number(process.env.BENCH_STATISTICS_PATHWAYS ?? 100_000)).text}\n`);
