/**
 * `npm run --silent seed -- [--url http://localhost:3000] --participants 2000 [--municipalities 5] [--seed 1]`
 * fills a running service with a made-up county through its HTTP API: offers, young people with
 * needs assessments, pathways of every kind and body with their case steps and endings, a few
 * second registrations and a few openings the guard refuses. It signs its own admin tokens with
 * the development secret, as `npm run token` does, so it works against a local service only.
 */
import { parseArgs } from 'node:util';
import { eligibilityTableOn, NRW_ELIGIBILITY_TABLES } from '@lotse/domain';
import { signDevelopmentToken } from '../src/auth/development-token';
import { developmentSecret } from '../src/auth/jwt-secret';
import { loadConfig } from '../src/config/load-config';
import { MAX_MUNICIPALITIES, planCounty } from './seed/county-plan';
import { SeedClient } from './seed/seed-client';
import { seedCounty, SeedProgress, SeedReport } from './seed/seed-county';

const USAGE = 'usage: npm run --silent seed -- [--url http://localhost:3000] --participants 2000 [--municipalities 5] [--seed 1]';

class UsageError extends Error {}

const positive = (name: string, raw: string, max: number): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}`);
  return value;
};

const readArguments = (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      participants: { type: 'string' },
      municipalities: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.participants) throw new UsageError('--participants is required');
  const url = (values.url ?? `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(url)) throw new UsageError('--url must be the service root, e.g. http://localhost:3000');
  return {
    url,
    participants: positive('participants', values.participants, 100_000),
    municipalities: positive('municipalities', values.municipalities, MAX_MUNICIPALITIES),
    seed: positive('seed', values.seed, 2 ** 31),
  };
};

const codes = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');

const summary = (r: SeedReport, seconds: number): string =>
  [
    `seeded ${r.participants} participants (${r.duplicateRegistrations} registered twice) in ${r.municipalities} municipalities, ${r.offers} offers, ${r.needsAssessments} needs assessments`,
    `pathways: ${r.pathwaysOpened} opened (${r.pathwaysWithPlace} with a place in an offer, ${r.openedWithoutPlace} without, the offer being full), ${r.completed} completed, ${r.aborted} aborted, ${r.caseSteps} case steps`,
    `guard refusals: ${codes(r.refusals) || 'none'}${r.unexpectedRefusals ? ` (not planned: ${codes(r.unplanned)})` : ''}`,
    `${r.writes} writes in ${seconds.toFixed(0)} s (${(r.writes / seconds).toFixed(0)}/s), ${r.waitsForRateLimit} waits for a rate limit; log position ${r.position}`,
  ].join('\n');

const main = async (): Promise<void> => {
  const options = readArguments(process.argv.slice(2));
  const config = loadConfig(process.env);
  if (config.JWT_JWKS_URL) throw new Error('JWT_JWKS_URL is set: the service accepts no development tokens, so the seed cannot sign in');
  const secret = developmentSecret(config).secret;
  const today = new Date().toISOString().slice(0, 10);
  const table = eligibilityTableOn(NRW_ELIGIBILITY_TABLES, today) ?? NRW_ELIGIBILITY_TABLES[0];
  const plan = planCounty({ ...options, today, table });
  const client = new SeedClient(options.url, (n) =>
    signDevelopmentToken({ sub: `seed-admin-${n}`, roles: ['admin'], municipality: 'rhein-kreis-neuss' }, secret, 2 * 3600),
  );
  const health = await fetch(`${options.url}/health`).catch((error: Error) => {
    throw new Error(`no service at ${options.url} (${error.message}); start it with npm start`);
  });
  if (!health.ok) throw new Error(`${options.url}/health answered ${health.status}`);

  const started = performance.now();
  let lastLine = 0;
  const progress = (p: SeedProgress) => {
    const line = `seed: ${p.peopleDone}/${p.peopleTotal} people, ${p.report.pathwaysOpened} pathways, ${p.report.caseSteps} case steps`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
    else if (Date.now() - lastLine > 5_000 || p.peopleDone === p.peopleTotal) {
      process.stderr.write(`${line}\n`);
      lastLine = Date.now();
    }
  };
  const report = await seedCounty(client, plan, progress);
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(`${summary(report, (performance.now() - started) / 1000)}\n`);
};

main().catch((error: Error) => {
  const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`seed: ${error.message}${usage ? `\n${USAGE}` : ''}\n`);
  process.exitCode = usage ? 2 : 1;
});
