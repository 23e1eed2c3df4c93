import type { PauseFigures } from './pauses';
import type { Spread, TimeSplit } from './server-time-split';

const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(n >= 1 ? 1 : 2));
const spread = (s: Spread) => `mean ${ms(s.meanMs)}, p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)}, max ${ms(s.maxMs)}`;

/**
 * One HTTP process's figures of a row, in words: its own time per answer split into the event
 * store's waits and the rest (Node's work and its queueing between the awaits), its event loop's
 * delay and its GC pauses. `clientMeanMs`: autocannon's mean latency, whose difference to the
 * server's mean is time the requests spent before the server saw them or after it answered.
 */
export const describeTimeSplit = (split: TimeSplit | undefined, pauses: PauseFigures | undefined, clientMeanMs?: number): string => {
  const parts: string[] = [];
  if (split && split.request.count > 0) {
    const { request, appendQueued, appendWrite, poolWait } = split;
    const perAnswer = (s: Spread) => (s.meanMs * s.count) / request.count;
    const rest = request.meanMs - perAnswer(appendQueued) - perAnswer(appendWrite);
    parts.push(
      `server time per answer ${spread(request)} ms${clientMeanMs === undefined ? '' : ` (autocannon's mean ${ms(clientMeanMs)})`}`,
    );
    if (appendQueued.count > 0)
      parts.push(
        `= appends queued ${ms(perAnswer(appendQueued))} + append statements ${ms(perAnswer(appendWrite))} + the rest ${ms(rest)} ms per answer` +
          ` (per append: queued ${spread(appendQueued)}; statement ${spread(appendWrite)}; ${appendQueued.count.toLocaleString('en-US')} appends` +
          ` in ${split.appendStatements.toLocaleString('en-US')} statements, ${split.appendsRefused} refused)`,
      );
    if (poolWait.count > 0)
      parts.push(
        `pool wait ${spread(poolWait)} ms over ${poolWait.count.toLocaleString('en-US')} statements, ${split.connectionsOpened} connections opened`,
      );
  }
  if (pauses)
    parts.push(
      `event loop late p50 ${ms(pauses.loopP50Ms)}, p99 ${ms(pauses.loopP99Ms)}, max ${ms(pauses.loopMaxMs)} ms; ` +
        `${pauses.stalls.stalls} stalls ≥ 5 ms, ${ms(pauses.stalls.lateMs)} ms late in all, at most ${ms(pauses.stalls.onCpuMs)} of it on a CPU ` +
        `(own work, GC) and at least ${ms(pauses.stalls.offCpuMs)} off (waiting for a core); ` +
        `GC ${ms(pauses.gcMs)} ms in ${pauses.gcCount} pauses, longest ${ms(pauses.gcLongestMs)} (mark-compact ${ms(pauses.majorMs)})`,
    );
  return parts.join('; ');
};
