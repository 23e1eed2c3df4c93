import { CountyPlan, PlannedPathway, PlannedPerson } from './county-plan';
import { SeedAnswer, SeedClient } from './seed-client';

/** What the seed wrote, and what the guard refused on the way: the command's last lines and the e2e test's expectations. */
export interface SeedReport {
  municipalities: number;
  offers: number;
  participants: number;
  duplicateRegistrations: number;
  needsAssessments: number;
  pathwaysOpened: number;
  pathwaysWithPlace: number;
  completed: number;
  aborted: number;
  caseSteps: number;
  /** Refusals by code: those the plan meant to provoke and any others (an unexpected one is worth a look). */
  refusals: Record<string, number>;
  unexpectedRefusals: number;
  /** Those not planned, by the code the guard gave (or `allowed` for a planned refusal the guard let through). */
  unplanned: Record<string, number>;
  /** Pathways that wanted a place in a full offer and opened without one. */
  openedWithoutPlace: number;
  writes: number;
  waitsForRateLimit: number;
  /** The highest log position a write answered: read with minPosition to see everything. */
  position: number;
  /** Pathways opened per municipality, for a reader that checks the caseloads. */
  pathwaysByMunicipality: Record<string, number>;
}

export interface SeedProgress {
  peopleDone: number;
  peopleTotal: number;
  report: SeedReport;
}

/** How many people are written at the same time: enough to keep the service busy, few enough not to starve it. */
const CONCURRENCY = 6;

class SeedError extends Error {}

const expectWritten = (answer: SeedAnswer, what: string): Record<string, unknown> => {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  throw new SeedError(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
};

export const seedCounty = async (
  client: SeedClient,
  plan: CountyPlan,
  onProgress: (p: SeedProgress) => void = () => {},
): Promise<SeedReport> => {
  const report: SeedReport = {
    municipalities: plan.municipalities.length,
    offers: 0,
    participants: 0,
    duplicateRegistrations: 0,
    needsAssessments: 0,
    pathwaysOpened: 0,
    pathwaysWithPlace: 0,
    completed: 0,
    aborted: 0,
    caseSteps: 0,
    refusals: {},
    unexpectedRefusals: 0,
    unplanned: {},
    openedWithoutPlace: 0,
    writes: 0,
    waitsForRateLimit: 0,
    position: 0,
    pathwaysByMunicipality: Object.fromEntries(plan.municipalities.map((m) => [m, 0])),
  };
  const written = (body: Record<string, unknown>) => {
    if (typeof body.position === 'number') report.position = Math.max(report.position, body.position);
    report.writes = client.writeCount;
    report.waitsForRateLimit = client.waitsForRateLimit;
    return body;
  };

  const unplanned = (code: string) => {
    report.unexpectedRefusals++;
    report.unplanned[code] = (report.unplanned[code] ?? 0) + 1;
  };

  const offerIds = new Map<number, string>();
  for (const offer of plan.offers) {
    const { key: _key, ...body } = offer;
    const answer = written(expectWritten(await client.post('/offers', body), `POST /offers (${offer.municipality}, ${offer.kind})`));
    offerIds.set(offer.key, String(answer.id));
    report.offers++;
  }

  const openPathway = async (participantId: string, pathway: PlannedPathway, person: PlannedPerson) => {
    const { offerKey, steps: _steps, end: _end, refusal, ...fields } = pathway;
    const body = { participantId, ...fields };
    let answer = await client.post('/pathways', offerKey === undefined ? body : { ...body, offerId: offerIds.get(offerKey) });
    if (answer.status === 409 && answer.body.code === 'offer_full') {
      // Without the place. Under load an immediate retry was refused duplicate_pathway (all 4 such retries in two
      // runs of 600 people): the refused opening's reservation could still be in the person's ledger. So wait for it.
      for (let attempt = 1; attempt <= 5; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        answer = await client.post('/pathways', body);
        if (!(answer.status === 409 && answer.body.code === 'duplicate_pathway')) break;
      }
      if (answer.status < 300) report.openedWithoutPlace++;
    }
    if (answer.status === 409) {
      const code = String(answer.body.code);
      report.refusals[code] = (report.refusals[code] ?? 0) + 1;
      if (code !== refusal) unplanned(code);
      return undefined;
    }
    const opened = written(expectWritten(answer, `POST /pathways (${pathway.kind}, ${pathway.jurisdiction})`));
    if (refusal) unplanned('allowed');
    report.pathwaysOpened++;
    report.pathwaysByMunicipality[person.municipality]++;
    return String(opened.id);
  };

  const seedPerson = async (person: PlannedPerson) => {
    const registered = written(
      expectWritten(
        await client.post('/participants', {
          ...person.name,
          birthDate: person.birthDate,
          municipality: person.municipality,
          residenceStatus: person.residenceStatus,
          ...(person.entitlements.length > 0 ? { entitlements: person.entitlements } : {}),
        }),
        'POST /participants',
      ),
    );
    const id = String(registered.id);
    report.participants++;
    if (person.duplicate) report.duplicateRegistrations++;
    for (const assessment of person.assessments) {
      written(
        expectWritten(await client.post(`/participants/${id}/needs-assessments`, assessment), 'POST /participants/:id/needs-assessments'),
      );
      report.needsAssessments++;
    }
    for (const pathway of person.pathways) {
      const before = report.openedWithoutPlace;
      const pathwayId = await openPathway(id, pathway, person);
      if (!pathwayId) continue;
      if (pathway.offerKey !== undefined && report.openedWithoutPlace === before) report.pathwaysWithPlace++;
      for (const step of pathway.steps) {
        written(expectWritten(await client.post(`/pathways/${pathwayId}/case-steps`, step), 'POST /pathways/:id/case-steps'));
        report.caseSteps++;
      }
      if (pathway.end) {
        const { type, ...end } = pathway.end;
        written(expectWritten(await client.post(`/pathways/${pathwayId}/${type}`, end), `POST /pathways/:id/${type}`));
        if (type === 'complete') report.completed++;
        else report.aborted++;
      }
    }
  };

  // Originals before their second registrations, so that the duplicate is the one that matches.
  const queue = [...plan.people.filter((p) => !p.duplicate), ...plan.people.filter((p) => p.duplicate)];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < queue.length) {
      const person = queue[next++];
      await seedPerson(person);
      done++;
      onProgress({ peopleDone: done, peopleTotal: queue.length, report });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  report.writes = client.writeCount;
  return report;
};
