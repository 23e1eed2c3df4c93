/**
 * The page section of `npm run bench`: the statistics page's first render in headless Chromium
 * (Debian's chromium via playwright-core), from navigation to the last chart drawn, against an
 * app in this process with a seeded county (BENCH_PAGE_PARTICIPANTS, default 150) and the
 * analyst's token already in the tab's session. Each run is a fresh browser context: an empty
 * cache, as on the first visit. Beside it, in the same run: the page shell alone (HTML, the
 * libraries, no token, so no data) and the page's six API answers fetched in parallel without a
 * browser — what the render adds over the data is the difference. And the CPU each first render
 * took, from navigation to the last chart, in Chromium (all its processes, from /proc) and in this
 * process (the app, and playwright-core's driver, which runs in it): on a busy machine the times
 * stretch, the CPU hardly.
 */
import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { eligibilityTableOn, NRW_ELIGIBILITY_TABLES } from '@lotse/domain';
import { planCounty } from '../scripts/seed/county-plan';
import { SeedClient } from '../scripts/seed/seed-client';
import { seedCounty } from '../scripts/seed/seed-county';
import { signDevelopmentToken } from '../src/auth/development-token';
import { loadConfig as loadAppConfig } from '../src/config';
import { createApp } from '../src/create-app';
import { hasChromium, launchChromium } from '../test/support/chromium';
import { treeCpuSeconds } from './process-cpu';
import { summarise, Summary } from './stats';
import { formatMs, renderTable } from './table';

/** The browser's performance entries, typed here: the bench compiles without the DOM's types. */
type BrowserPerformance = { getEntriesByType(type: 'navigation' | 'resource'): { loadEventEnd: number; transferSize: number }[] };

export const PAGE_RENDER_TARGET_MS = 1_000;
const SECRET = 'bench-page-secret-that-is-long-enough-00000';
const TOKEN_KEY = 'lotse.statistics.token';

export interface PageBenchResult {
  participants: number;
  runs: number;
  render: Summary;
  shell: Summary;
  api: Summary;
  /** What the first render fetched besides the HTML (script, stylesheet, API answers), as sent: compressed. */
  transferredKb: number;
  /** CPU ms per first render: Chromium's processes, and this process's (the app and Playwright's driver); absent without /proc. */
  cpu?: { chromium: Summary; app: Summary };
}

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};

const appCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** CPU ms so far: this process's (the app and Playwright's driver), and Chromium's (every process below it); Chromium's absent without /proc. */
const cpuNow = (): { app: number; chromium?: number } => {
  const app = appCpuMs();
  const tree = treeCpuSeconds(process.pid);
  return { app, chromium: tree === undefined ? undefined : tree * 1000 - app };
};

/** The queries the page sends on its first render, with its default period (the current quarter and the seven before it). */
const pageQueries = (today: Date): string[] => {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const from = day(new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3 - 21, 1)));
  const to = day(today);
  return [
    `/statistics/pathways?measure=started&groupBy=quarter,kind&from=${from}&to=${to}`,
    `/statistics/pathways?measure=ended&groupBy=quarter,kind&from=${from}&to=${to}`,
    `/statistics/pathways?measure=ended&groupBy=jurisdiction,outcome&from=${from}&to=${to}`,
    `/statistics/needs-offers?on=${to}&groupBy=kind,residenceStatus`,
    `/statistics/careers?from=${from}&to=${to}`,
    `/statistics/pathways?measure=started&groupBy=municipality&from=${from}&to=${to}`,
  ];
};

export const benchPage = async (): Promise<PageBenchResult | { skipped: string }> => {
  if (!hasChromium()) return { skipped: 'no /usr/bin/chromium (apt-get install chromium)' };
  const participants = env('BENCH_PAGE_PARTICIPANTS', 150);
  const runs = env('BENCH_PAGE_RUNS', 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-bench-page-'));
  let app: INestApplication | undefined;
  let browser: Browser | undefined;
  try {
    app = await createApp(
      loadAppConfig({ EVENT_STORE_URL: 'pglite:memory://', LOG_LEVEL: 'silent', JWT_SECRET: SECRET, DATA_DIR: dataDir }),
    );
    await app.listen(0, '127.0.0.1');
    const origin = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
    const today = new Date();
    const day = today.toISOString().slice(0, 10);
    const seeder = new SeedClient(origin, (n) =>
      signDevelopmentToken({ sub: `bench-seed-${n}`, roles: ['admin'], municipality: 'neuss' }, SECRET, 3600),
    );
    const plan = planCounty({
      participants,
      municipalities: 5,
      seed: 1,
      today: day,
      table: eligibilityTableOn(NRW_ELIGIBILITY_TABLES, day)!,
    });
    const { position } = await seedCounty(seeder, plan);
    const token = signDevelopmentToken({ sub: 'bench-analyst', roles: ['analyst'], municipality: 'neuss' }, SECRET, 3600);
    const authorization = { Authorization: `Bearer ${token}` };
    await fetch(`${origin}/statistics/outputs?minPosition=${position}`, { headers: authorization });

    browser = await launchChromium();
    const render: number[] = [];
    const shell: number[] = [];
    const api: number[] = [];
    const transferred: number[] = [];
    const chromiumCpu: number[] = [];
    const appCpu: number[] = [];
    // One untimed round first: Chromium's own first start is not the page's.
    for (let i = 0; i <= runs; i++) {
      const withToken = await browser.newContext();
      // The token is in the tab's session before the page's script runs, as after a login.
      await withToken.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});` });
      const page = await withToken.newPage();
      const before = cpuNow();
      await page.goto(`${origin}/statistics`);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
      const after = cpuNow();
      const { rendered, bytes } = await page.evaluate(() => ({
        rendered: performance.getEntriesByName('lotse-statistics-rendered')[0]?.startTime ?? NaN,
        bytes: (performance as unknown as BrowserPerformance)
          .getEntriesByType('resource')
          .reduce((sum, entry) => sum + entry.transferSize, 0),
      }));
      await withToken.close();

      const bare = await browser.newContext();
      const shellPage = await bare.newPage();
      await shellPage.goto(`${origin}/statistics`, { waitUntil: 'load' });
      await shellPage.waitForSelector('#login:not([hidden])');
      // The page's own clock: its load event ends after its script ran and showed the login, before the bench asks.
      const shellMs = await shellPage.evaluate(
        () => (performance as unknown as BrowserPerformance).getEntriesByType('navigation')[0].loadEventEnd,
      );
      await bare.close();

      const started = performance.now();
      await Promise.all(
        pageQueries(today).map(async (path) => (await fetch(`${origin}${path}`, { headers: authorization })).arrayBuffer()),
      );
      const apiMs = performance.now() - started;
      if (i === 0) continue;
      render.push(rendered);
      transferred.push(bytes);
      appCpu.push(after.app - before.app);
      if (after.chromium !== undefined && before.chromium !== undefined) chromiumCpu.push(after.chromium - before.chromium);
      shell.push(shellMs);
      api.push(apiMs);
    }
    return {
      participants,
      runs,
      render: summarise(render),
      shell: summarise(shell),
      api: summarise(api),
      transferredKb: Math.round(transferred[0] / 1024),
      cpu: chromiumCpu.length ? { chromium: summarise(chromiumCpu), app: summarise(appCpu) } : undefined,
    };
  } finally {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export const pageReport = (result: PageBenchResult | { skipped: string }): { text: string; misses: string[] } => {
  if ('skipped' in result) return { text: `page: SKIPPED (${result.skipped})`, misses: [] };
  const met = result.render.p99 < PAGE_RENDER_TARGET_MS;
  const rows = [
    [
      'statistics page, first render (6 queries, 5 charts, tables)',
      formatMs(result.render.p50),
      formatMs(result.render.p99),
      `< ${PAGE_RENDER_TARGET_MS} ms`,
      met ? 'met' : 'MISS',
    ],
    [
      'baseline: page shell without token (HTML, bundled script and stylesheet)',
      formatMs(result.shell.p50),
      formatMs(result.shell.p99),
      '',
      'info',
    ],
    ['baseline: the 6 API answers in parallel, no browser', formatMs(result.api.p50), formatMs(result.api.p99), '', 'info'],
    ...(result.cpu
      ? [
          [
            'CPU per first render: Chromium, all processes',
            formatMs(result.cpu.chromium.p50),
            formatMs(result.cpu.chromium.p99),
            '',
            'info',
          ],
          [
            'CPU per first render: the app (HTML, files, 6 answers) and the driver',
            formatMs(result.cpu.app.p50),
            formatMs(result.cpu.app.p99),
            '',
            'info',
          ],
        ]
      : []),
  ];
  const table = renderTable(
    [
      { header: 'page (headless Chromium, fresh context each run)' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'target' },
      { header: '' },
    ],
    rows,
  );
  return {
    text:
      `${table}\n${result.runs} runs, a county of ${result.participants} seeded people; times from navigation start to the last chart drawn ` +
      `(the shell: to its load event); ${result.transferredKb} KB fetched after the HTML.`,
    misses: met ? [] : [`page: first render p99 ${formatMs(result.render.p99)} ms (target < ${PAGE_RENDER_TARGET_MS} ms)`],
  };
};
