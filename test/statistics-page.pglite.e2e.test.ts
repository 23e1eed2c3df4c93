import { INestApplication } from '@nestjs/common';
import { mkdirSync, readFileSync } from 'node:fs';
import { get, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { eligibilityTableOn, NRW_ELIGIBILITY_TABLES } from '@lotse/domain';
import { planCounty } from '../scripts/seed/county-plan';
import { SeedClient } from '../scripts/seed/seed-client';
import { seedCounty } from '../scripts/seed/seed-county';
import { signTestToken } from '../src/auth/testing';
import { hasChromium, launchChromium } from './support/chromium';
import { FakeOidcProvider, startFakeOidcProvider, TokenIssuing } from './support/fake-oidc-provider';
import { Answer, expectedMarks, suppressedFigures, transposedRow } from './support/statistics-page.expectations';
import { bootTestApp, TEST_SECRET } from './support/test-app';

const RESULTS = join(__dirname, '..', 'test-results');
const token = (roles: string[], municipality = 'neuss') => signTestToken({ sub: `${roles[0]}-page`, roles, municipality }, TEST_SECRET);
const analyst = token(['analyst']);
const coach = token(['coach']);

/** Marks (bars) drawn in one chart container. */
const marksIn = (page: Page, id: string) => page.locator(`#${id} g[aria-label="bar"] rect`).count();

const describeIfChromium = hasChromium() ? describe : describe.skip;
if (!hasChromium()) process.stderr.write('statistics page browser test SKIPPED: no /usr/bin/chromium (apt-get install chromium)\n');

/**
 * One Chromium for the file, launched when a test first needs it: each page opens in a fresh
 * context of its own anyway, and a launch costs ~2.4 s of CPU.
 */
let chromium: Promise<Browser> | undefined;
const sharedChromium = (): Promise<Browser> => (chromium ??= launchChromium());
afterAll(async () => {
  await (await chromium)?.close();
});

/**
 * The statistics page in headless Chromium against a real app with a small seeded county: the
 * charts draw one bar per published figure the API answers, withheld figures show `*`, a role
 * without statistics reads a clear message, and nothing is loaded from anywhere but the app.
 */
describeIfChromium('the statistics page in headless Chromium (pglite)', () => {
  let app: INestApplication;
  let browser: Browser;
  let origin: string;
  const today = new Date().toISOString().slice(0, 10);
  const api = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${analyst}`).expect(200);

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    // k = 3, the lowest allowed: a small county still publishes enough bars, and still withholds some.
    app = await bootTestApp(`pglite:memory://statistics-page-${process.pid}`, undefined, { env: { STATISTICS_MIN_CELL: '3' } });
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const table = eligibilityTableOn(NRW_ELIGIBILITY_TABLES, today)!;
    const client = new SeedClient(origin, (n) => signTestToken({ sub: `seed-${n}`, roles: ['admin'], municipality: 'neuss' }, TEST_SECRET));
    const { position } = await seedCounty(client, planCounty({ participants: 40, municipalities: 3, seed: 5, today, table }));
    // The statistics read model has the whole county before the page asks.
    await api(`/statistics/outputs?minPosition=${position}`);
    browser = await sharedChromium();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  const openAs = async (bearer: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/statistics`);
    await page.fill('#token-input', bearer);
    await page.click('#token-button');
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
    return page;
  };

  it('draws one bar per published figure of the API’s answers, and * for every withheld one', async () => {
    const page = await openAs(analyst);
    try {
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      const from = await page.inputValue('#filter-from');
      const to = await page.inputValue('#filter-to');
      const answer = async (path: string) => (await api(path)).body as Answer;
      const started = await answer(`/statistics/pathways?measure=started&groupBy=quarter,kind&from=${from}&to=${to}`);
      const ended = await answer(`/statistics/pathways?measure=ended&groupBy=quarter,kind&from=${from}&to=${to}`);
      const outcomes = await answer(`/statistics/pathways?measure=ended&groupBy=jurisdiction,outcome&from=${from}&to=${to}`);
      const needs = await answer(`/statistics/needs-offers?on=${to}&groupBy=kind,residenceStatus`);
      const careers = await answer(`/statistics/careers?from=${from}&to=${to}`);

      const expected = {
        started: expectedMarks.quarterByKind(started),
        ended: expectedMarks.quarterByKind(ended),
        outcomes: expectedMarks.outcomes(outcomes),
        needs: expectedMarks.needs(needs),
        careers: expectedMarks.careers(careers),
      };
      expect(expected.started).toBeGreaterThan(0);
      expect({
        started: await marksIn(page, 'chart-started'),
        ended: await marksIn(page, 'chart-ended'),
        outcomes: await marksIn(page, 'chart-outcomes'),
        needs: await marksIn(page, 'chart-needs'),
        careers: await marksIn(page, 'chart-careers'),
      }).toEqual(expected);

      // A county of 40 people has small cells: the table under the chart stars each of them.
      const withheld = suppressedFigures(started.tables[0]);
      expect(withheld).toBeGreaterThan(0);
      const stars = page.locator('#table-started td.suppressed');
      expect(await stars.count()).toBe(withheld);
      expect(await stars.first().textContent()).toBe('*');
      expect(await page.textContent('#legend')).toContain('* = aus Datenschutzgründen nicht veröffentlicht (Zahlen von 1 bis 2');
      // German names of the codes, not the codes.
      expect(await page.textContent('#section-outcomes')).toContain('SGB II (Jobcenter)');
      expect(await page.textContent('#section-needs')).toContain('Duldung');
      // People by residence status and kind: one row per status, its figures as the API answers them.
      const byStatus = page.locator('#table-needs table[data-table$="people_with_open_need"] tr', { hasText: 'Duldung' });
      expect(await byStatus.locator('td:not(.row-head)').allTextContents()).toEqual(
        transposedRow(needs, 'people_with_open_need', 'residenceStatus', 'duldung'),
      );
      // Every table fits its panel at the page's width: nothing to scroll sideways.
      const overflowing = await page.$$eval('section.panel', (panels) =>
        panels.filter((p) => p.scrollWidth > p.clientWidth).map((p) => p.id),
      );
      expect(overflowing).toEqual([]);
      await page.screenshot({ path: join(RESULTS, 'statistics-page.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('stores the view as a report and downloads its CSV, with * for withheld figures', async () => {
    const page = await openAs(analyst);
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#section-started .report-button')]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename()).toMatch(/^lotse-bericht-started-.+\.csv$/);
      expect(csv).toContain('*');
      expect(await page.textContent('#message')).toMatch(/^Bericht .+ gespeichert/);
      const reports = await api('/reports');
      expect(JSON.stringify(reports.body)).toContain('started');

      // For Excel with German settings: semicolons between the fields.
      await page.check('#filter-excel');
      const [excel] = await Promise.all([page.waitForEvent('download'), page.click('#section-outcomes .report-button')]);
      const excelCsv = readFileSync(await excel.path(), 'utf8');
      expect(excelCsv.split('\n').filter((line) => line.includes(';')).length).toBeGreaterThan(5);
      expect(excelCsv).not.toMatch(/^[^;\n]*,[^;\n]*,[^;\n]*$/m);
    } finally {
      await page.close();
    }
  });

  it('offers a coordinator only her own municipality, and shows its figures', async () => {
    const page = await openAs(token(['coordinator']));
    try {
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      expect(
        await page.locator('#filter-municipality option').evaluateAll((options) => options.map((o) => (o as { value: string }).value)),
      ).toEqual(['', 'neuss']);
      expect(await page.inputValue('#filter-municipality')).toBe('neuss');
    } finally {
      await page.close();
    }
  });

  it('draws the answers of the latest request when the form is sent again before the earlier answers came', async () => {
    const page = await openAs(analyst);
    const view = () => page.locator('#statistics').innerHTML();
    const municipality = await page.locator('#filter-municipality option').nth(1).getAttribute('value');
    try {
      expect(municipality).toBeTruthy();
      const allMunicipalities = await view();
      // One municipality's answers come late: the user sends the form for it, then at once for all again.
      let late = 0;
      const lateDone = new Promise<void>((resolve) =>
        page.on('requestfinished', (r) => {
          if (r.url().includes(`municipality=${municipality}`) && ++late === 5) resolve();
        }),
      );
      await page.route(`**/statistics/*municipality=${municipality}*`, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      });
      await page.selectOption('#filter-municipality', municipality);
      await page.click('#filters button[type="submit"]');
      await page.selectOption('#filter-municipality', '');
      await page.click('#filters button[type="submit"]');
      await page.waitForSelector('body[data-state="ready"]');
      await lateDone;
      // The late answers' JSON is read and handled after the request finished.
      await page.waitForTimeout(500);
      expect(await view()).toBe(allMunicipalities);
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');

      // What the late answers would have drawn differs: without the guard the check above fails.
      await page.unroute(`**/statistics/*municipality=${municipality}*`);
      await page.selectOption('#filter-municipality', municipality);
      await page.click('#filters button[type="submit"]');
      await page.waitForSelector('body[data-state="ready"]');
      expect(await view()).not.toBe(allMunicipalities);
    } finally {
      await page.close();
    }
  });

  it('tells a coach clearly that statistics are not hers to read, and shows no figure', async () => {
    const page = await openAs(coach);
    try {
      expect(await page.getAttribute('body', 'data-state')).toBe('error');
      expect(await page.textContent('#message')).toContain('Keine Berechtigung für diese Statistik');
      expect(await page.isVisible('#statistics')).toBe(false);
      await page.screenshot({ path: join(RESULTS, 'statistics-page-coach.png') });
    } finally {
      await page.close();
    }
  });

  it('serves its one script and stylesheet under hashed names, compressed, kept for a year; 404 for any other file', async () => {
    const shell = await request(app.getHttpServer()).get('/statistics').expect(200);
    const script = /<script type="module" src="(\/statistics\/assets\/page\.[0-9a-f]{16}\.js)">/.exec(shell.text)?.[1];
    const style = /<link rel="stylesheet" href="(\/statistics\/assets\/style\.[0-9a-f]{16}\.css)"/.exec(shell.text)?.[1];
    expect({ script, style }).toEqual({ script: expect.any(String), style: expect.any(String) });
    // The shell names the files; it is the one thing a browser must ask for again.
    expect(shell.headers['cache-control']).toBe('no-store');

    // node:http, not supertest or fetch: both would decompress the body before the test sees it.
    const raw = (path: string, acceptEncoding: string) =>
      new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        get(`${origin}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve({ headers: res.headers, body: Buffer.concat(chunks) })
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        }).on('error', reject);
      });
    const plain = await raw(script!, 'identity');
    const brotli = await raw(script!, 'gzip, deflate, br');
    const gzip = await raw(script!, 'gzip;q=1, br;q=0');
    expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect([brotli.headers['content-encoding'], gzip.headers['content-encoding']]).toEqual(['br', 'gzip']);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['vary']).toMatch(/Accept-Encoding/);
    const body = plain.body;
    expect(brotliDecompressSync(brotli.body).equals(body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(body)).toBe(true);
    // Compressed it is a fraction of what it was: the page's script travels as well under half.
    expect(brotli.body.length).toBeLessThan(body.length / 2);
    expect(body.toString()).toContain('lotse-statistics-rendered');
    expect((await raw(style!, 'br')).headers['content-type']).toMatch(/^text\/css/);

    for (const file of ['page.js', 'plot.js', 'd3.js', 'secrets.txt']) {
      const missing = await request(app.getHttpServer()).get(`/statistics/assets/${file}`).expect(404);
      expect(missing.body).toMatchObject({ code: 'not_found' });
    }
  });

  it('loads nothing from anywhere but the app, under its own strict Content-Security-Policy', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    try {
      const response = await page.goto(`${origin}/statistics`);
      expect(response!.headers()['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
      await page.fill('#token-input', analyst);
      await page.click('#token-button');
      await page.waitForSelector('body[data-state="ready"]');
      expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/**
 * With JWT_JWKS_URL set, the page signs in at the OIDC provider: authorization code with PKCE
 * (S256). The fake provider issues a token only for the verifier that matches the challenge, and
 * the app accepts only that provider's RS256 tokens, so a page that shows figures went through it.
 */
describeIfChromium('the statistics page signing in with the OIDC provider (pglite)', () => {
  let provider: FakeOidcProvider;
  let app: INestApplication;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    provider = await startFakeOidcProvider({
      clientId: 'lotse-web',
      audience: 'lotse-api',
      claims: { roles: ['analyst'], municipality: 'neuss' },
    });
    app = await bootTestApp(`pglite:memory://statistics-page-oidc-${process.pid}`, undefined, {
      env: {
        JWT_JWKS_URL: provider.jwksUrl,
        JWT_ISSUER: provider.issuer,
        JWT_AUDIENCE: 'lotse-api',
        STATISTICS_PAGE_CLIENT_ID: 'lotse-web',
      },
    });
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await sharedChromium();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('lets the page connect to the provider and nowhere else', async () => {
    const res = await request(app.getHttpServer()).get('/statistics').expect(200);
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ${provider.issuer}`);
    expect(res.text).toContain(`data-login="oidc" data-issuer="${provider.issuer}" data-client-id="lotse-web"`);
  });

  it('signs in with authorization code and PKCE, then reads the statistics with the provider’s token', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/statistics`);
      expect(await page.isVisible('#token-input')).toBe(false);
      await page.click('#oidc-button');
      await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
      expect(await page.textContent('#message')).toBe('');
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      expect({ verified: provider.verifiedExchanges, refused: provider.refusedExchanges }).toEqual({ verified: 1, refused: 0 });
      // The code is spent and gone from the address bar.
      expect(page.url()).toBe(`${origin}/statistics`);
    } finally {
      await page.close();
    }
  });

  /** Signs in from a fresh tab with the tokens `issuing` describes; counts the logins and refreshes it took. */
  const signInWith = async (issuing: TokenIssuing) => {
    provider.issuing = issuing;
    const before = { logins: provider.authorizations, refreshes: provider.refreshes };
    const page = await browser.newPage();
    await page.goto(`${origin}/statistics`);
    await page.click('#oidc-button');
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]');
    const took = { logins: provider.authorizations - before.logins, refreshes: provider.refreshes - before.refreshes };
    return { page, took };
  };

  it('renews an expired token with the refresh token, once for all the calls that the API refused', async () => {
    const { page, took } = await signInWith({ refreshTokens: true, expiredTokens: 1 });
    try {
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      expect(await page.textContent('#message')).toBe('');
      expect(took).toEqual({ logins: 1, refreshes: 1 });
    } finally {
      await page.close();
    }
  });

  it('sends the user through the login again when the provider gave no refresh token', async () => {
    const { page, took } = await signInWith({ refreshTokens: false, expiredTokens: 1 });
    try {
      expect(await page.getAttribute('body', 'data-state')).toBe('ready');
      expect(took).toEqual({ logins: 2, refreshes: 0 });
      expect(page.url()).toBe(`${origin}/statistics`);
    } finally {
      await page.close();
    }
  });

  it('goes through the login again only once when the API still refuses the new token, and says so', async () => {
    const { page, took } = await signInWith({ refreshTokens: false, expiredTokens: 2 });
    try {
      expect(await page.getAttribute('body', 'data-state')).toBe('error');
      expect(await page.textContent('#message')).toContain('Die Anmeldung ist ungültig oder abgelaufen');
      expect(await page.isVisible('#oidc-button')).toBe(true);
      expect(took).toEqual({ logins: 2, refreshes: 0 });
    } finally {
      await page.close();
    }
  });
});
