import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { OfferPeriodDto } from '../src/offers/publish-offer/offer-period.dto';
import { PublishOfferDto } from '../src/offers/publish-offer/publish-offer.dto';
import { RegisterParticipantDto } from '../src/participants/register-participant/register-participant.dto';
import { OpenPathwayDto } from '../src/pathways/open-pathway/open-pathway.dto';
import { RecordCaseStepDto } from '../src/pathways/record-case-step/record-case-step.dto';
import { PageQuery } from '../src/read-models/page-query.dto';
import { EventHistoryQuery } from '../src/audit-trail/event-history/event-history.dto';
import { ListAccessQuery } from '../src/audit-trail/list-access/list-access.dto';
import { PeriodQuery } from '../src/statistics/statistics-query.dto';
import { ConsistencyProofQuery, InclusionProofQuery } from '../src/audit-log/proofs/proofs.dto';
import { createValidationPipe, validationPipeOptions } from '../src/http/validation-pipe';

/** Real DTOs of the API, each with a body it takes: nested objects, arrays, `each`, cross-field rules, conditions. */
const CASES: { dto: ArgumentMetadata['metatype']; type: ArgumentMetadata['type']; valid: Record<string, unknown> }[] = [
  {
    dto: RecordCaseStepDto,
    type: 'body',
    valid: {
      kind: 'counselling',
      occurredAt: '2026-03-10T09:30:00+01:00',
      note: 'Talked about the B1 exam date.',
      durationMinutes: 45,
      next: { kind: 'goal_agreement', dueOn: '2026-03-17' },
    },
  },
  {
    dto: OpenPathwayDto,
    type: 'body',
    valid: {
      participantId: '6f1c5d7e-2b4a-4c1e-9f3d-8a7b6c5d4e3f',
      kind: 'language_support',
      jurisdiction: 'state',
      provider: 'Caritas Neuss',
      goal: 'B1',
      plannedStart: '2026-03-01',
      plannedEnd: '2026-08-31',
    },
  },
  {
    dto: RegisterParticipantDto,
    type: 'body',
    valid: {
      givenName: 'Amira',
      familyName: 'Haddad',
      birthDate: '2004-05-17',
      municipality: 'neuss',
      residenceStatus: 'gestattung',
      entitlements: [
        { jurisdiction: 'sgb2', from: '2026-01-01', to: '2026-12-31' },
        { jurisdiction: 'state', from: '2026-02-01' },
      ],
    },
  },
  {
    dto: PublishOfferDto,
    type: 'body',
    valid: {
      title: 'B1',
      provider: 'VHS Neuss',
      kind: 'language_support',
      jurisdiction: 'state',
      municipality: 'neuss',
      places: 12,
      openTo: ['german', 'eu_citizen'],
      openingPossible: ['duldung'],
      period: { from: '2026-09-01', to: '2027-06-30' },
      languages: ['de', 'ar'],
    },
  },
  { dto: OfferPeriodDto, type: 'body', valid: { from: '2026-09-01', to: '2027-06-30' } },
  // Query strings: every value a string (an array when the key repeats), `@Type(() => Number)` converting.
  { dto: PageQuery, type: 'query', valid: { page: '2', pageSize: '10', minPosition: '42' } },
  {
    dto: EventHistoryQuery,
    type: 'query',
    valid: { fromVersion: '3', until: '2026-03-01T00:00:00Z', unseal: 'true', reason: 'the participant asked what was recorded' },
  },
  {
    dto: ListAccessQuery,
    type: 'query',
    valid: {
      participantId: '6f1c5d7e-2b4a-4c1e-9f3d-8a7b6c5d4e3f',
      actor: 'coach-1',
      from: '2026-01-01T00:00:00Z',
      to: '2026-12-31T23:59:59Z',
      page: '1',
      pageSize: '50',
    },
  },
  {
    dto: PeriodQuery,
    type: 'query',
    valid: {
      format: 'csv',
      delimiter: 'semicolon',
      decimal: 'comma',
      municipality: 'neuss',
      from: '2026-01-01',
      to: '2026-06-30',
      minPosition: '7',
    },
  },
  { dto: InclusionProofQuery, type: 'query', valid: { eventId: '6f1c5d7e-2b4a-4c1e-9f3d-8a7b6c5d4e3f', treeSize: '12' } },
  { dto: ConsistencyProofQuery, type: 'query', valid: { from: '3', to: '12' } },
];

const ODD_VALUES: unknown[] = [null, '', 'x', 0, -1, 1.5, 1e12, true, {}, [], ['x'], [{}], [null], 'a'.repeat(10_001), '2026-02-30'];

/** The valid body, and the same body with each property (and each nested property) dropped, replaced by odd values, or joined by another. */
const variantsOf = (valid: Record<string, unknown>): unknown[] => {
  const variants: unknown[] = [valid, null, undefined, [], 'x', 1, {}, { ...valid, extra: 1 }];
  variants.push(
    ...['{"__proto__": {"kind": "x"}}', '{"constructor": 1}', '{"prototype": 1}'].map((json) => ({
      ...valid,
      ...(JSON.parse(json) as object),
    })),
  );
  for (const [key, value] of Object.entries(valid)) {
    const { [key]: _dropped, ...without } = valid;
    variants.push(without);
    for (const odd of [...ODD_VALUES, ...Object.values(valid)]) variants.push({ ...valid, [key]: odd });
    const nested = Array.isArray(value) ? value[0] : value;
    if (nested && typeof nested === 'object')
      for (const inner of variantsOf(nested as Record<string, unknown>).slice(0, 60))
        variants.push({ ...valid, [key]: Array.isArray(value) ? [inner, ...value.slice(1)] : inner });
  }
  return variants;
};

/** What a pipe answers for a fresh copy of the value: the value it passes on, or the error it throws. */
const outcome = async (pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) => {
  const copy = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  try {
    return { passed: (await pipe.transform(copy, metadata)) as unknown };
  } catch (error) {
    return { refused: error };
  }
};

describe('the validation pipe', () => {
  const reference = new ValidationPipe(validationPipeOptions);
  const pipe = createValidationPipe();

  it.each(CASES.map((c) => [c.dto?.name, c] as const))(
    '%s: answers every variant exactly as Nest’s ValidationPipe with the same options',
    async (_name, { dto, type, valid }) => {
      const metadata: ArgumentMetadata = { type, metatype: dto, data: undefined };
      for (const variant of variantsOf(valid)) {
        const expected = await outcome(reference, variant, metadata);
        const actual = await outcome(pipe, variant, metadata);
        // toStrictEqual compares classes too: the DTO instance and its nested instances.
        expect({ variant, ...actual }).toStrictEqual({ variant, ...expected });
      }
    },
  );

  it('takes valid bodies without class-validator, and everything else through it', async () => {
    const full = jest.spyOn(ValidationPipe.prototype, 'transform');
    const metadata: ArgumentMetadata = { type: 'body', metatype: RecordCaseStepDto, data: undefined };
    await pipe.transform(CASES[0].valid, metadata);
    expect(full).not.toHaveBeenCalled();
    await expect(pipe.transform({ ...CASES[0].valid, durationMinutes: -1 }, metadata)).rejects.toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ field: 'durationMinutes', message: 'durationMinutes must not be less than 0' }] },
    });
    expect(full).toHaveBeenCalledTimes(1);
    full.mockRestore();
  });

  it('takes valid query strings without class-validator too, converting what `@Type(() => Number)` converts', async () => {
    const full = jest.spyOn(ValidationPipe.prototype, 'transform');
    const metadata: ArgumentMetadata = { type: 'query', metatype: PageQuery, data: undefined };
    const page = await pipe.transform({ page: '2', pageSize: '10' }, metadata);
    expect(page).toBeInstanceOf(PageQuery);
    expect(page).toEqual({ page: 2, pageSize: 10 });
    expect(full).not.toHaveBeenCalled();
    await expect(pipe.transform({ page: 'two' }, metadata)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(full).toHaveBeenCalledTimes(1);
    full.mockRestore();
  });

  it('leaves path parameters, headers and the user to Nest’s own handling', async () => {
    expect(await pipe.transform('6f1c5d7e', { type: 'param', metatype: String, data: 'id' })).toBe('6f1c5d7e');
    const user = { sub: 'u-1' };
    expect(await pipe.transform(user, { type: 'custom', metatype: Object, data: undefined })).toBe(user);
  });
});
