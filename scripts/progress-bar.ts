import type { RebuildProgress } from '@lotse/projections';

const WIDTH = 30;
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const duration = (seconds: number) =>
  seconds >= 90 ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.ceil(seconds)}s`;

/** `pathways [#########---------] 45% 123,456/270,000 events  25,310 events/s  ETA 6s` */
export const renderProgress = (p: RebuildProgress): string => {
  const known = Number.isFinite(p.total);
  const share = !known ? 0 : p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  const filled = Math.round(share * WIDTH);
  const bar = known
    ? `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`
    : '[log length unknown]';
  const eta = p.etaSeconds === undefined ? '' : `  ETA ${duration(p.etaSeconds)}`;
  return `${p.projection} ${bar} ${count(p.done)}${known ? `/${count(p.total)}` : ''} events  ${count(p.eventsPerSecond)} events/s${eta}`;
};

/**
 * Redraws one line on a terminal; elsewhere (CI logs, pipes) writes a line at most every few
 * seconds, so a long rebuild does not flood the log.
 */
export const progressWriter = (stream: NodeJS.WriteStream, everyMs = 3_000) => {
  let last = 0;
  let written = '';
  return {
    update(p: RebuildProgress): void {
      if (stream.isTTY) stream.write(`\r${renderProgress(p)}\x1b[K`);
      else if (Date.now() - last >= everyMs) {
        written = renderProgress(p);
        stream.write(`${written}\n`);
        last = Date.now();
      }
    },
    done(p: RebuildProgress | undefined, message: string): void {
      if (stream.isTTY) stream.write('\n');
      else if (p && renderProgress(p) !== written) stream.write(`${renderProgress(p)}\n`);
      stream.write(`${message}\n`);
    },
  };
};
