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
  return isCalendarDate(date) && Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 60
    && (zone === 'Z' || (Number(zoneHours) < 24 && Number(zoneMinutes) < 60));
};

/** `@IsCalendarDate()` on a DTO property: a calendar date as `YYYY-MM-DD`. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value) => isCalendarDate(value),
      defaultMessage: buildMessage((each) => `${each}$property must be a calendar date as YYYY-MM-DD`, options),
    },
  }, options);

/** `@IsIsoTimestamp()` on a DTO property: e.g. `2026-02-01T10:00:00Z` or `2026-02-01T11:00:00+01:00`. */
export const IsIsoTimestamp = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isIsoTimestamp',
    validator: {
      validate: (value) => isIsoTimestamp(value),
      defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 timestamp with seconds and a zone, e.g. 2026-02-01T10:00:00Z`, options),
    },
  }, options);
