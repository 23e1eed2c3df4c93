import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** `YYYY-MM-DD` naming a day that exists: the regular expression alone lets 2026-02-30 through. */
export const isCalendarDate = (value: unknown): value is string => {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/**
 * An instant: ISO 8601 date and time with seconds and an explicit zone (`Z` or `+01:00`), as
 * RFC 3339 profiles it. A time without a zone means a different instant on every server.
 */
export const isIsoTimestamp = (value: unknown): value is string => {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!match) return false;
  const [, date, hours, minutes, seconds, , zone, zoneHours, zoneMinutes] = match;
  return (
    isCalendarDate(date) &&
    Number(hours) < 24 &&
    Number(minutes) < 60 &&
    Number(seconds) < 60 &&
    (zone === 'Z' || (Number(zoneHours) < 24 && Number(zoneMinutes) < 60))
  );
};

/**
 * Dates the API accepts lie in these years: case management spans decades, not millennia, and
 * 0000-01-01 or 9999-12-31 are typing accidents or probes that would sort before or after every
 * real date in the guard's period arithmetic.
 */
export const FIRST_ACCEPTED_YEAR = 1900;
export const LAST_ACCEPTED_YEAR = 2200;

/** A birth date is in the past (today counts) and at most this many years back. */
export const OLDEST_BIRTH_YEARS_BACK = 100;

/**
 * And at least this many: transition coaching begins in the last school years at the earliest, so a
 * younger person's birth date is all but always a slip (this year typed for the birth year).
 */
export const YOUNGEST_AGE_AT_REGISTRATION = 14;

const yearOf = (value: string): number => Number(value.slice(0, 4));

const inAcceptedYears = (value: string): boolean => yearOf(value) >= FIRST_ACCEPTED_YEAR && yearOf(value) <= LAST_ACCEPTED_YEAR;

/** A calendar date between the first and last accepted year. */
export const isPlausibleDate = (value: unknown): value is string => isCalendarDate(value) && inAcceptedYears(value);

const yearsBefore = (today: string, years: number): string => `${String(yearOf(today) - years).padStart(4, '0')}${today.slice(4)}`;

/**
 * A calendar date at least 14 and at most 100 years before `today` (both `YYYY-MM-DD`): someone
 * registered today is 14 or older, and so never born in the future either.
 */
export const isBirthDate = (value: unknown, today: string): value is string =>
  isCalendarDate(value) &&
  value <= yearsBefore(today, YOUNGEST_AGE_AT_REGISTRATION) &&
  value >= yearsBefore(today, OLDEST_BIRTH_YEARS_BACK);

/** `@IsCalendarDate()` on a DTO property: a calendar date as `YYYY-MM-DD` between 1900 and 2200. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isPlausibleDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a calendar date as YYYY-MM-DD between ${FIRST_ACCEPTED_YEAR} and ${LAST_ACCEPTED_YEAR}`,
          options,
        ),
      },
    },
    options,
  );

/** `@IsBirthDate()`: a calendar date at least 14 and at most 100 years back (UTC days). */
export const IsBirthDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isBirthDate',
      validator: {
        validate: (value) => isBirthDate(value, new Date().toISOString().slice(0, 10)),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a calendar date as YYYY-MM-DD, at least ${YOUNGEST_AGE_AT_REGISTRATION} and at most ${OLDEST_BIRTH_YEARS_BACK} years back`,
          options,
        ),
      },
    },
    options,
  );

/** `@IsIsoTimestamp()` on a DTO property: e.g. `2026-02-01T10:00:00Z` or `2026-02-01T11:00:00+01:00`. */
export const IsIsoTimestamp = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoTimestamp',
      validator: {
        validate: (value) => isIsoTimestamp(value) && inAcceptedYears(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an ISO 8601 timestamp with seconds and a zone, e.g. 2026-02-01T10:00:00Z, ` +
            `between ${FIRST_ACCEPTED_YEAR} and ${LAST_ACCEPTED_YEAR}`,
          options,
        ),
      },
    },
    options,
  );

const LOG_POSITION = /^\d{1,15}$/;

/**
 * `@IsLogPositionOrTimestamp()`: a log position (digits) or an instant as `@IsIsoTimestamp()` takes it. A pattern
 * alone let 2026-13-45T99:00:00Z through to the database, which refused it with a 500.
 */
export const IsLogPositionOrTimestamp = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isLogPositionOrTimestamp',
      validator: {
        validate: (value) => (typeof value === 'string' && LOG_POSITION.test(value)) || (isIsoTimestamp(value) && inAcceptedYears(value)),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a log position or an ISO 8601 timestamp with seconds and a zone, e.g. 2026-02-01T10:00:00Z, ` +
            `between ${FIRST_ACCEPTED_YEAR} and ${LAST_ACCEPTED_YEAR}`,
          options,
        ),
      },
    },
    options,
  );
