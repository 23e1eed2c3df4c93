import { validate } from 'class-validator';
import { isBirthDate, IsCalendarDate, isCalendarDate, IsIsoTimestamp, isIsoTimestamp, isPlausibleDate } from './date-validators';

describe('isCalendarDate', () => {
  it.each(['2026-02-01', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-2-1',
    '2026-02-01T00:00:00Z',
    ' 2026-02-01',
    '20260201',
    20260201,
    null,
    undefined,
  ])('refuses %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('isIsoTimestamp', () => {
  it.each(['2026-02-01T10:00:00Z', '2026-02-01T10:00:00.123Z', '2026-02-01T11:00:00+01:00', '2026-02-01T23:59:59-05:30'])(
    'accepts %s',
    (value) => {
      expect(isIsoTimestamp(value)).toBe(true);
    },
  );

  it.each([
    '2026-02-01T10:00:00',
    '2026-02-01T10:00Z',
    '2026-02-01 10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-02-01T24:00:00Z',
    '2026-02-01T10:60:00Z',
    '2026-02-01T10:00:60Z',
    '2026-02-01T10:00:00+25:00',
    '2026-02-01',
    1_767_000_000_000,
  ])('refuses %j', (value) => {
    expect(isIsoTimestamp(value)).toBe(false);
  });
});

describe('isPlausibleDate', () => {
  it.each(['1900-01-01', '2026-02-01', '2200-12-31'])('accepts %s', (value) => expect(isPlausibleDate(value)).toBe(true));
  it.each(['1899-12-31', '2201-01-01', '0000-01-01', '9999-12-31', '2026-02-30'])('refuses %s', (value) =>
    expect(isPlausibleDate(value)).toBe(false),
  );
});

describe('isBirthDate', () => {
  const today = '2026-12-01';
  it.each(['2012-12-01', '2004-05-17', '1926-12-01'])('accepts %s on 2026-12-01', (value) => expect(isBirthDate(value, today)).toBe(true));
  it.each(['2026-12-02', '2099-01-01', '9999-12-31', '1926-11-30', '0000-01-01', '2004-02-30'])('refuses %s on 2026-12-01', (value) =>
    expect(isBirthDate(value, today)).toBe(false),
  );
  it.each(['2026-12-01', '2020-01-01', '2012-12-02'])('refuses %s on 2026-12-01: younger than 14 at registration', (value) =>
    expect(isBirthDate(value, today)).toBe(false),
  );
});

describe('the decorators', () => {
  class Dto {
    @IsCalendarDate() on: unknown;
    @IsIsoTimestamp() at: unknown;
  }

  it('name the property in their messages', async () => {
    const dto = Object.assign(new Dto(), { on: '2026-02-30', at: '2026-02-01T10:00:00' });
    const errors = await validate(dto);
    expect(errors.map((e) => Object.values(e.constraints ?? {})[0])).toEqual([
      'on must be a calendar date as YYYY-MM-DD between 1900 and 2200',
      'at must be an ISO 8601 timestamp with seconds and a zone, e.g. 2026-02-01T10:00:00Z, between 1900 and 2200',
    ]);
  });

  it('refuse dates and instants outside 1900–2200', async () => {
    for (const [on, at] of [
      ['0000-01-01', '0000-01-01T00:00:00Z'],
      ['9999-12-31', '9999-12-31T23:59:59Z'],
      ['1899-12-31', '2201-01-01T00:00:00Z'],
    ]) {
      const errors = await validate(Object.assign(new Dto(), { on, at }));
      expect(errors.map((e) => e.property)).toEqual(['on', 'at']);
    }
  });

  it('pass valid values', async () => {
    expect(await validate(Object.assign(new Dto(), { on: '2026-02-28', at: '2026-02-01T10:00:00Z' }))).toEqual([]);
  });
});
