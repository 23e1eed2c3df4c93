/**
 * Test only, run by hand: how the duplicate index behaves at 100,000 registered people.
 *
 *   node --expose-gc -r @swc-node/register libs/domain/src/duplicates/testing/measure-index.ts [people] [lookups] [hash bytes]
 *
 * Files the first registration of each of `people` generated people, then looks up `lookups`
 * second registrations (other bodies, with variations) and reports the time per lookup: computing
 * the new registration's keys (HMAC), and finding and scoring its candidates in the index.
 */
import { createHmac } from 'node:crypto';
import { buildDuplicateIndex } from '../duplicate-index';
import { matchingKeys, MatchingKeys } from '../matching-keys';
import { generatePopulation, GeneratedRegistration } from './population';

const people = Number(process.argv[2] ?? 100_000);
const lookups = Number(process.argv[3] ?? 2_000);
// 128 bits of HMAC-SHA256, as the application would keep them (a third argument: fewer bytes).
// Cut the digest, not its string: a slice of a longer string keeps the whole string alive in V8.
const hashBytes = Number(process.argv[4] ?? 16);
const hmac = (text: string) => createHmac('sha256', 'measure-key').update(text).digest().subarray(0, hashBytes).toString('base64url');
const millis = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMiB = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

let started = process.hrtime.bigint();
const population = generatePopulation({ seed: 1, people: Math.ceil(people / 1.3) });
const firsts = new Map<string, GeneratedRegistration>();
const seconds: GeneratedRegistration[] = [];
for (const registration of population.registrations) {
  if (!firsts.has(registration.personId)) firsts.set(registration.personId, registration);
  else seconds.push(registration);
}
const filed = [...firsts.values()].slice(0, people);
const generatedIn = millis(started);

const heapBeforeKeys = heapMiB();
started = process.hrtime.bigint();
const keys = filed.map((registration) => matchingKeys(registration, hmac));
const keysIn = millis(started);
const keysMiB = heapMiB() - heapBeforeKeys;

const heapBeforeIndex = heapMiB();
started = process.hrtime.bigint();
const index = buildDuplicateIndex();
keys.forEach((registrationKeys, i) => index.add(filed[i].registrationId, registrationKeys));
const builtIn = millis(started);
const indexMiB = heapMiB() - heapBeforeIndex;
const lookupKeys = keys.reduce((sum, k) => sum + k.lookup.length, 0) / keys.length;

const filedPeople = new Set(filed.map((registration) => registration.personId));
const probes = seconds.filter((registration) => filedPeople.has(registration.personId)).slice(0, lookups);
const keyTimes: number[] = [];
const lookupTimes: number[] = [];
const candidateCounts: number[] = [];
let found = 0;
collectGarbage();
for (const probe of probes) {
  let at = process.hrtime.bigint();
  const probeKeys: MatchingKeys = matchingKeys(probe, hmac);
  keyTimes.push(millis(at));
  at = process.hrtime.bigint();
  const candidates = index.candidates(probeKeys).length;
  const duplicates = index.findDuplicates(probeKeys);
  lookupTimes.push(millis(at));
  candidateCounts.push(candidates);
  if (duplicates.some((d) => d.participantId === firsts.get(probe.personId)?.registrationId)) found++;
}
[keyTimes, lookupTimes, candidateCounts].forEach((values) => values.sort((a, b) => a - b));

const f = (n: number) => n.toFixed(3);
console.log(`generated ${population.people.length} people in ${generatedIn.toFixed(0)} ms; filed ${filed.length}`);
console.log(
  `keys for ${filed.length} registrations: ${keysIn.toFixed(0)} ms (${((keysIn * 1000) / filed.length).toFixed(0)} µs each, ` +
    `${lookupKeys.toFixed(1)} lookup keys each), ${keysMiB.toFixed(0)} MiB`,
);
console.log(
  `index built in ${builtIn.toFixed(0)} ms; the index adds ${indexMiB.toFixed(0)} MiB to the keys (heap ${heapMiB().toFixed(0)} MiB in all)`,
);
console.log(
  `${probes.length} lookups: find + score mean ${f(lookupTimes.reduce((a, b) => a + b, 0) / lookupTimes.length)} ms, ` +
    `p50 ${f(percentile(lookupTimes, 0.5))} ms, p99 ${f(percentile(lookupTimes, 0.99))} ms, max ${f(lookupTimes[lookupTimes.length - 1])} ms`,
);
console.log(
  `  keys of the new registration: mean ${f(keyTimes.reduce((a, b) => a + b, 0) / keyTimes.length)} ms, p99 ${f(percentile(keyTimes, 0.99))} ms`,
);
console.log(
  `  candidates per lookup: p50 ${percentile(candidateCounts, 0.5)}, p99 ${percentile(candidateCounts, 0.99)}, max ${candidateCounts[candidateCounts.length - 1]}`,
);
console.log(`  the person's first registration found for ${found} of ${probes.length}`);
